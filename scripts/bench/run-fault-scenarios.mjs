#!/usr/bin/env node
// The engine's failure paths and site variants, which need local-org options a plain `npm test` run does not give:
// injected faults (--faults: a lock on the profile update, seats running out mid-chunk, a stage job aborted by the
// platform) and seeded sites in both site-membership modes (--sites, --site-membership). The fault tests expect the
// faults, so they live in scripts/bench/faults (never deployed); the site variants re-run force-app's own tests.
// Usage: node scripts/bench/run-fault-scenarios.mjs [--source-dir force-app]
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const args = process.argv.slice(2);
const sourceIndex = args.indexOf('--source-dir');
const source = sourceIndex >= 0 ? args[sourceIndex + 1] : join(root, 'force-app');
const faults = join(here, 'faults');
const sites = join(here, 'engine-sites.json');
const stageTests = [
    'SnapshotServiceTest',
    'ProfileRoleServiceTest',
    'PermissionRestoreServiceTest',
    'SiteMembershipServiceTest',
    'VerifyServiceTest',
    'DryRunServiceTest',
    'StageBatchTest',
    'RunLogTest',
    'MigrationRunServiceTest',
    'MigrationRollbackTest',
    'ImportStagesTest'
].join(',');

const runs = [
    ['lock on the profile update', ['--faults', join(faults, 'lock.json'), '-n', 'EngineLockFaultTest']],
    ['seats run out mid-chunk', ['--faults', join(faults, 'seats.json'), '-n', 'EngineSeatFaultTest']],
    ['stage job aborted', ['--faults', join(faults, 'abort.json'), '-n', 'EngineAbortFaultTest']],
    ['seats run out mid-import', ['--faults', join(faults, 'import-seats.json'), '-n', 'ImportSeatFaultTest']],
    [
        'seats run out as re-created users are inserted',
        ['--faults', join(faults, 'recreate-seats.json'), '-n', 'RecreateSeatFaultTest']
    ],
    ['sites, stale rows stay', ['--sites', sites, '--site-membership', 'stale-rows-stay', '-n', stageTests]],
    ['sites, recompute', ['--sites', sites, '--site-membership', 'recompute', '-n', stageTests]]
];

let failed = 0;
for (const [name, extra] of runs) {
    const run = spawnSync(
        process.execPath,
        [
            join(root, 'local-org', 'bin', 'local-org.js'),
            'test',
            '--source-dir',
            source,
            '--source-dir',
            faults,
            ...extra
        ],
        { encoding: 'utf8', cwd: root }
    );
    const ok = run.status === 0;
    if (!ok) failed++;
    console.log(`${ok ? 'PASS' : 'FAIL'}  ${name}`);
    if (!ok) console.log(`${run.stdout}${run.stderr}`);
}
console.log(`fault scenarios: ${runs.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
