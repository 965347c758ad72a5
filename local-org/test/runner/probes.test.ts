/**
 * Runs the whole probe suite through the real runtime: every probe method must Pass, since each pins a
 * behaviour a real org shows. A failure here is an emulator bug (or a wrong probe: check the ledger).
 * Skipped (with the reason) only while the runtime does not exist.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadFolder, runtimeMissing } from './runtime-probes';

const missing = runtimeMissing();

describe('probe suite through the runtime', { skip: missing ?? false }, () => {
    it('loads without diagnostics and passes every probe', async () => {
        const { project } = await loadFolder('probes');
        const classes = project.testClasses();
        assert.ok(classes.length >= 14, `only ${classes.length} probe classes discovered`);
        const problems: string[] = [];
        for (const info of classes) {
            const results = await project.runTestClass(info.name, info.methods);
            for (const r of results) {
                if (r.outcome !== 'Pass') {
                    problems.push(`${r.className}.${r.methodName}: ${r.outcome}: ${r.message}`);
                }
            }
            assert.equal(results.length, info.methods.length, `${info.name}: not every method reported`);
        }
        assert.deepEqual(problems, []);
    });
});
