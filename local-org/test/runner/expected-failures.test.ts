/**
 * The expected-failure probes must FAIL through the real runtime, each with the platform's message: an
 * AssertException is never swallowed by catch (Exception e), Assert.areEqual is case-sensitive, and uncaught
 * exceptions report "Type: message". Skipped (with the reason) only while the runtime does not exist.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadFolder, runtimeMissing } from './runtime-probes';

const EXPECTED: Record<string, string> = {
    assertFailureCannotBeCaughtByCatchException: 'System.AssertException: Assertion Failed: Expected: 1, Actual: 2',
    assertFailCannotBeCaughtByCatchException: 'System.AssertException: Assertion Failed: stop here',
    areEqualIsCaseSensitive: 'System.AssertException: Assertion Failed: Expected: abc, Actual: ABC',
    systemAssertEqualsWithMessage: 'System.AssertException: Assertion Failed: context: Expected: 1, Actual: 2',
    uncaughtCustomException: 'ExpectedFailureProbes.ProbeException: boom',
    uncaughtMathException: 'System.MathException: Divide by 0',
    uncaughtNullPointerException: 'System.NullPointerException: Attempt to de-reference a null object',
    uncaughtListException: 'System.ListException: List index out of bounds: 3',
    batchWithMoreRowsThanItsScopeInATest:
        'System.UnexpectedException: No more than one executeBatch can be called from within a testmethod. Please make sure the iterable returned from your start method matches the batch size, resulting in one executeBatch invocation.'
};

const missing = runtimeMissing();

describe('expected-failure probes', { skip: missing ?? false }, () => {
    it('discovers every expected-failure method', async () => {
        const { project } = await loadFolder('probes-expected-failures');
        const info = project.testClasses().find((c) => c.name === 'ExpectedFailureProbes');
        assert.ok(info, 'ExpectedFailureProbes not discovered');
        assert.deepEqual([...info.methods].sort(), Object.keys(EXPECTED).sort());
    });

    it('fails every method with the platform message (never Pass, never EmulatorError)', async () => {
        const { project } = await loadFolder('probes-expected-failures');
        const results = await project.runTestClass('ExpectedFailureProbes', Object.keys(EXPECTED));
        const got = Object.fromEntries(results.map((r) => [r.methodName, [r.outcome, r.message]]));
        const want = Object.fromEntries(Object.entries(EXPECTED).map(([m, msg]) => [m, ['Fail', msg]]));
        assert.deepEqual(got, want);
        for (const r of results) {
            assert.match(r.stackTrace ?? '', /^Class\.ExpectedFailureProbes\.\w+: line \d+, column \d+/);
        }
    });
});
