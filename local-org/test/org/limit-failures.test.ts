/**
 * probes-expected-failures/LimitFailureProbes.cls: a System.LimitException is not catchable, so each method fails
 * with the platform's text, never Pass and never an EmulatorError.
 * https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/apex_gov_limits.htm
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadFolder, runtimeMissing } from '../runner/runtime-probes';

const EXPECTED: Record<string, string> = {
    theDmlStatementPastTheLimitCannotBeCaught: 'System.LimitException: Too many DML statements: 151',
    theQueryPastTheLimitCannotBeCaught: 'System.LimitException: Too many SOQL queries: 101'
};

const missing = runtimeMissing();

describe('limit expected-failure probes', { skip: missing ?? false }, () => {
    it('fails every method with the LimitException text', async () => {
        const { project } = await loadFolder('probes-expected-failures');
        const info = project.testClasses().find((c) => c.name === 'LimitFailureProbes');
        assert.ok(info, 'LimitFailureProbes not discovered');
        assert.deepEqual([...info.methods].sort(), Object.keys(EXPECTED).sort());
        const results = await project.runTestClass('LimitFailureProbes', Object.keys(EXPECTED));
        const got = Object.fromEntries(results.map((r) => [r.methodName, [r.outcome, r.message]]));
        const want = Object.fromEntries(Object.entries(EXPECTED).map(([m, msg]) => [m, ['Fail', msg]]));
        assert.deepEqual(got, want);
    });
});
