#!/usr/bin/env node
// Runs the local org's own unit tests (local-org/test/**/*.test.ts) with Node's test runner through tsx.
// Node 20's --test takes no globs, so the files are listed here.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function testFiles(dir) {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const full = join(dir, entry.name);
        if (entry.isDirectory()) return testFiles(full);
        return entry.name.endsWith('.test.ts') ? [relative(root, full)] : [];
    });
}

const files = testFiles(join(root, 'local-org', 'test')).sort();
if (files.length === 0) {
    console.error('test-local-org: no test files under local-org/test');
    process.exit(1);
}
const run = spawnSync(process.execPath, ['--import', 'tsx', '--test', ...process.argv.slice(2), ...files], {
    cwd: root,
    stdio: 'inherit'
});
process.exitCode = run.status ?? 1;
