/**
 * JSON in the shape `sf apex run test --result-format json` prints (plugin-apex JsonReporter / RunResult):
 * { status, result: { summary, tests } }. Extensions, all additive so sf consumers keep working:
 *   summary.emulatorErrors  how many rows are emulator errors (counted in `failing` too);
 *   tests[].LocalOrgOutcome "Pass" | "Fail" | "EmulatorError": the distinct outcome, while `Outcome` stays in
 *                           sf's vocabulary ("Pass"/"Fail") and an emulator error's Message starts with
 *                           "[local-org EmulatorError] ".
 */
import type { TestOutcome } from '../api';
import { toJsonCoverage } from './coverage';
import type { JsonCoverage } from './coverage';
import type { RunReport } from './report';

/** The `status` sf puts in its JSON: 0, or 100 when any test failed (plugin-apex FAILURE_EXIT_CODE). */
export const SF_FAILURE_STATUS = 100;

export interface JsonTestRow {
    Id: string;
    QueueItemId: string;
    StackTrace: string | null;
    Message: string | null;
    AsyncApexJobId: string;
    MethodName: string;
    Outcome: 'Pass' | 'Fail';
    ApexClass: { Id: string; Name: string; NamespacePrefix: string | null };
    RunTime: number;
    FullName: string;
    LocalOrgOutcome: TestOutcome;
}

export interface JsonSummary {
    failRate: string;
    failing: number;
    hostname: string;
    orgId: string;
    outcome: 'Passed' | 'Failed';
    passRate: string;
    passing: number;
    skipped: number;
    testRunId: string;
    testStartTime: string;
    testsRan: number;
    userId: string;
    username: string;
    commandTime: string;
    testExecutionTime: string;
    testTotalTime: string;
    emulatorErrors: number;
    /** With --code-coverage, as sf adds them. */
    orgWideCoverage?: string;
    testRunCoverage?: string;
}

export interface JsonRunResult {
    summary: JsonSummary;
    tests: JsonTestRow[];
    /** With --code-coverage: plugin-apex's CliCoverageResult. */
    coverage?: JsonCoverage;
}

export interface JsonOutput {
    status: number;
    result: JsonRunResult;
}

/** The `result` object: what sf also writes to test-result-<runId>.json in --output-dir. */
export function toJsonResult(report: RunReport): JsonRunResult {
    const s = report.summary;
    const result: JsonRunResult = {
        summary: {
            failRate: s.failRate,
            failing: s.failing,
            hostname: s.hostname,
            orgId: s.orgId,
            outcome: s.outcome,
            passRate: s.passRate,
            passing: s.passing,
            skipped: s.skipped,
            testRunId: s.testRunId,
            testStartTime: s.testStartTime,
            testsRan: s.testsRan,
            userId: s.userId,
            username: s.username,
            commandTime: `${s.commandTimeMs} ms`,
            testExecutionTime: `${s.testExecutionTimeMs} ms`,
            testTotalTime: `${s.testTotalTimeMs} ms`,
            emulatorErrors: s.emulatorErrors
        },
        tests: report.rows.map((row) => ({
            Id: row.id,
            QueueItemId: row.queueItemId,
            StackTrace: row.result.stackTrace,
            Message: row.message,
            AsyncApexJobId: s.asyncApexJobId,
            MethodName: row.result.methodName,
            Outcome: row.result.outcome === 'Pass' ? 'Pass' : 'Fail',
            ApexClass: { Id: row.apexClassId, Name: row.result.className, NamespacePrefix: null },
            RunTime: row.runTimeMs,
            FullName: row.fullName,
            LocalOrgOutcome: row.result.outcome
        }))
    };
    if (report.coverage) {
        result.coverage = toJsonCoverage(report.coverage);
        result.summary.orgWideCoverage = report.coverage.orgWideCoverage;
        result.summary.testRunCoverage = report.coverage.testRunCoverage;
    }
    return result;
}

export function toJsonOutput(report: RunReport): JsonOutput {
    return {
        status: report.summary.outcome === 'Passed' ? 0 : SF_FAILURE_STATUS,
        result: toJsonResult(report)
    };
}

export function formatJson(report: RunReport): string {
    return JSON.stringify(toJsonOutput(report), null, 2) + '\n';
}
