/** `--shuffle-unordered` reaches the SOQL engine through its environment switch (src/org/soql/engine.ts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseArgs } from '../../src/runner/args';
import { SHUFFLE_UNORDERED_ENV, shuffleUnorderedByEnv } from '../../src/org/soql/engine';

test('--shuffle-unordered turns the shuffle on for test and exec; without it nothing changes', () => {
    const saved = process.env[SHUFFLE_UNORDERED_ENV];
    try {
        delete process.env[SHUFFLE_UNORDERED_ENV];
        parseArgs(['test', '--source-dir', 'x']);
        assert.equal(shuffleUnorderedByEnv(), false);
        parseArgs(['test', '--source-dir', 'x', '--shuffle-unordered']);
        assert.equal(shuffleUnorderedByEnv(), true);
        delete process.env[SHUFFLE_UNORDERED_ENV];
        parseArgs(['exec', '--source-dir', 'x', '-f', 'a.apex', '--shuffle-unordered']);
        assert.equal(shuffleUnorderedByEnv(), true);
        assert.throws(() => parseArgs(['test', '--source-dir', 'x', '--shuffle-unordered=yes']), /takes no value/);
    } finally {
        if (saved === undefined) delete process.env[SHUFFLE_UNORDERED_ENV];
        else process.env[SHUFFLE_UNORDERED_ENV] = saved;
    }
});
