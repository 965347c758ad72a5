// The gates that are plain tools (tsc, Prettier) must also fail on bad input and name the file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const repoRoot = join(import.meta.dirname, '..', '..');
const bin = (name) => join(repoRoot, 'node_modules', '.bin', name);

test('a component that does not type-check fails tsc, naming the file and line', () => {
    // Inside the repo, so the type packages in node_modules resolve as they do for the real components.
    const cache = join(repoRoot, 'node_modules', '.cache');
    mkdirSync(cache, { recursive: true });
    const dir = mkdtempSync(join(cache, 'tsc-bad-'));
    try {
        writeFileSync(
            join(dir, 'tsconfig.json'),
            JSON.stringify({
                extends: join(repoRoot, 'tsconfig.json'),
                include: ['*.ts', join(repoRoot, 'types/**/*.d.ts')]
            })
        );
        writeFileSync(
            join(dir, 'bad.ts'),
            "import { LightningElement, api } from 'lwc';\nexport default class Bad extends LightningElement {\n    @api count: number = 'three';\n}\n"
        );
        const run = spawnSync(bin('tsc'), ['-p', join(dir, 'tsconfig.json')], { encoding: 'utf8', cwd: repoRoot });
        assert.notEqual(run.status, 0);
        assert.match(run.stdout, /bad\.ts\(3,\d+\): error TS2322/);
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
});

test('Apex that Prettier cannot parse fails the format check, naming the file', () => {
    const emptyIgnore = join(mkdtempSync(join(tmpdir(), 'prettier-')), '.prettierignore');
    writeFileSync(emptyIgnore, '');
    const run = spawnSync(
        bin('prettier'),
        ['--check', '--ignore-path', emptyIgnore, 'scripts/__tests__/fixtures/unparseable/Broken.cls'],
        { encoding: 'utf8', cwd: repoRoot }
    );
    assert.equal(run.status, 2);
    assert.match(run.stderr, /scripts\/__tests__\/fixtures\/unparseable\/Broken\.cls/);
});
