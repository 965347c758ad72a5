import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runPmd } from '../pmd/run-pmd.mjs';

const fixture = join(import.meta.dirname, 'fixtures', 'pmd-violation');

test('a security violation in a service class fails PMD and names the file and the rule', () => {
    const { status, lines } = runPmd([fixture]);

    assert.equal(status, 4);
    const text = lines.join('\n');
    assert.match(text, /UnsafeAccountService\.cls:1:\d+\s+ApexSharingViolations/);
    assert.match(text, /UnsafeAccountService\.cls:3:\d+\s+ApexSOQLInjection/);
});

test('the project Apex has no violations', () => {
    const { status, lines } = runPmd([join(import.meta.dirname, '..', '..', 'force-app')]);

    assert.deepEqual(lines, []);
    assert.equal(status, 0);
});
