/** Process exit codes of the CLI (documented in README.md and --help). */
import type { TestMethodResult } from '../api';

export const EXIT_OK = 0;
/** A test failed, a test name was unknown, or the exec script threw an Apex exception. */
export const EXIT_FAILURE = 1;
/** Bad usage or load diagnostics: nothing ran. */
export const EXIT_USAGE = 2;
/** The local org could not run something faithfully. Wins over EXIT_FAILURE: a gap must never hide as a failure. */
export const EXIT_EMULATOR_ERROR = 3;

export function exitCodeForResults(results: TestMethodResult[]): number {
    if (results.some((r) => r.outcome === 'EmulatorError')) {
        return EXIT_EMULATOR_ERROR;
    }
    if (results.some((r) => r.outcome !== 'Pass')) {
        return EXIT_FAILURE;
    }
    return EXIT_OK;
}
