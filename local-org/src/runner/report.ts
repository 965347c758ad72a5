/**
 * The run as every reporter sees it: per-test rows with their report Ids plus the summary numbers that
 * `sf apex run test` prints. Built once, so human, JSON and JUnit output always agree.
 */
import type { TestMethodResult } from '../api';
import type { CoverageSummary } from './coverage';
import { IdMinter, KEY_PREFIX, apexClassId, makeId } from './ids';

/** Prefix of the message of every EmulatorError row, so a gap is never mistaken for an Apex failure. */
export const EMULATOR_MESSAGE_PREFIX = '[local-org EmulatorError] ';

export const LOCAL_ORG = {
    hostname: 'local-org',
    username: 'test-user@local-org.invalid',
    orgId: makeId(KEY_PREFIX.organization, 1),
    userId: makeId(KEY_PREFIX.user, 1)
} as const;

export interface ReportRow {
    result: TestMethodResult;
    id: string;
    queueItemId: string;
    apexClassId: string;
    fullName: string;
    /** Message as reported: EmulatorError rows carry EMULATOR_MESSAGE_PREFIX. */
    message: string | null;
    runTimeMs: number;
}

export interface RunSummary {
    outcome: 'Passed' | 'Failed';
    testsRan: number;
    passing: number;
    /** Every row that is not a pass, emulator errors included (they are "Fail" in sf's vocabulary). */
    failing: number;
    /** The part of `failing` that are emulator errors. */
    emulatorErrors: number;
    skipped: number;
    passRate: string;
    failRate: string;
    skipRate: string;
    testStartTime: string;
    testExecutionTimeMs: number;
    testTotalTimeMs: number;
    commandTimeMs: number;
    hostname: string;
    orgId: string;
    username: string;
    userId: string;
    testRunId: string;
    asyncApexJobId: string;
}

export interface RunReport {
    summary: RunSummary;
    rows: ReportRow[];
    /** Present with --code-coverage (or --min-coverage). */
    coverage?: CoverageSummary;
}

export interface RunTiming {
    /** When the first test started. */
    startedAt: Date;
    /** Wall-clock time of running the tests (all classes). */
    testTotalTimeMs: number;
    /** Wall-clock time of the whole command, loading included. */
    commandTimeMs: number;
}

/** Percentage the way sf prints it: whole number, "0%" when nothing matched. */
export function percentage(part: number, whole: number): string {
    if (part <= 0 || whole <= 0) {
        return '0%';
    }
    return `${((part / whole) * 100).toFixed()}%`;
}

export function reportedMessage(result: TestMethodResult): string | null {
    if (result.outcome !== 'EmulatorError') {
        return result.message;
    }
    const message = result.message ?? 'no detail given';
    return message.startsWith(EMULATOR_MESSAGE_PREFIX) ? message : EMULATOR_MESSAGE_PREFIX + message;
}

export function buildReport(results: TestMethodResult[], timing: RunTiming): RunReport {
    const ids = new IdMinter(Math.floor(timing.startedAt.getTime() / 1000));
    const rows: ReportRow[] = results.map((result) => ({
        result,
        id: ids.mint(KEY_PREFIX.apexTestResult),
        queueItemId: ids.mint(KEY_PREFIX.apexTestQueueItem),
        apexClassId: apexClassId(result.className),
        fullName: `${result.className}.${result.methodName}`,
        message: reportedMessage(result),
        runTimeMs: Math.max(0, Math.round(result.runTimeMs))
    }));
    const passing = results.filter((r) => r.outcome === 'Pass').length;
    const emulatorErrors = results.filter((r) => r.outcome === 'EmulatorError').length;
    const failing = results.length - passing;
    const summary: RunSummary = {
        outcome: failing === 0 ? 'Passed' : 'Failed',
        testsRan: results.length,
        passing,
        failing,
        emulatorErrors,
        skipped: 0,
        passRate: percentage(passing, results.length),
        failRate: percentage(failing, results.length),
        skipRate: percentage(0, results.length),
        testStartTime: timing.startedAt.toISOString(),
        testExecutionTimeMs: rows.reduce((sum, row) => sum + row.runTimeMs, 0),
        testTotalTimeMs: Math.round(timing.testTotalTimeMs),
        commandTimeMs: Math.round(timing.commandTimeMs),
        hostname: LOCAL_ORG.hostname,
        orgId: LOCAL_ORG.orgId,
        username: LOCAL_ORG.username,
        userId: LOCAL_ORG.userId,
        testRunId: ids.testRunId(),
        asyncApexJobId: ids.asyncApexJobId()
    };
    return { summary, rows };
}
