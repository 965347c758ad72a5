/**
 * Differential test against the Salesforce CLI's own reporters (@salesforce/apex-node, installed with
 * @salesforce/cli): the same run rendered by apex-node and by us must give the same JUnit test cases and suite
 * attributes, and the same "Test Results" table. Deliberate differences (documented in README.md) are left out:
 * JUnit properties, the `errors` count, and emulator-error rows. Skipped only when apex-node is not installed.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TestMethodResult } from '../../src/api';
import { formatHuman } from '../../src/runner/human-reporter';
import { formatJunit } from '../../src/runner/junit-reporter';
import { buildReport } from '../../src/runner/report';
import type { RunReport } from '../../src/runner/report';
import { parseXml } from './xml-check';

interface SfReporters {
    JUnitReporter: new () => { format(result: unknown): string };
    HumanReporter: new () => { format(result: unknown, detailedCoverage: boolean): string };
}

function sfReporters(): SfReporters | null {
    try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        return require('@salesforce/apex-node') as SfReporters;
    } catch {
        return null;
    }
}

/** Our report in apex-node's TestResult shape (what its reporters take). */
function asSfTestResult(report: RunReport): unknown {
    const s = report.summary;
    return {
        summary: {
            failRate: s.failRate,
            testsRan: s.testsRan,
            orgId: s.orgId,
            outcome: s.outcome,
            passing: s.passing,
            failing: s.failing,
            skipped: s.skipped,
            passRate: s.passRate,
            skipRate: s.skipRate,
            testStartTime: s.testStartTime,
            testExecutionTimeInMs: s.testExecutionTimeMs,
            testTotalTimeInMs: s.testTotalTimeMs,
            commandTimeInMs: s.commandTimeMs,
            hostname: s.hostname,
            username: s.username,
            testRunId: s.testRunId,
            userId: s.userId
        },
        tests: report.rows.map((row) => ({
            id: row.id,
            queueItemId: row.queueItemId,
            stackTrace: row.result.stackTrace,
            message: row.message,
            asyncApexJobId: s.asyncApexJobId,
            methodName: row.result.methodName,
            outcome: row.result.outcome,
            apexLogId: null,
            apexClass: {
                id: row.apexClassId,
                name: row.result.className,
                namespacePrefix: null,
                fullName: row.result.className
            },
            runTime: row.runTimeMs,
            testTimestamp: s.testStartTime,
            fullName: row.fullName
        }))
    };
}

const RESULTS: TestMethodResult[] = [
    { className: 'AlphaTest', methodName: 'addsUp', outcome: 'Pass', message: null, stackTrace: null, runTimeMs: 12 },
    {
        className: 'AlphaTest',
        methodName: 'breaks',
        outcome: 'Fail',
        message: 'System.AssertException: Assertion Failed: Expected: <a & "b">, Actual: c',
        stackTrace: 'Class.AlphaTest.breaks: line 12, column 1\nClass.AlphaTest.helper: line 3, column 1',
        runTimeMs: 7
    },
    { className: 'BetaTest', methodName: 'works', outcome: 'Pass', message: null, stackTrace: null, runTimeMs: 1234 }
];

const sf = sfReporters();

describe(
    'reporters against the Salesforce CLI (apex-node)',
    { skip: sf === null ? 'apex-node not installed' : false },
    () => {
        const report = buildReport(RESULTS, {
            startedAt: new Date('2026-01-02T03:04:05.000Z'),
            testTotalTimeMs: 1300,
            commandTimeMs: 2000
        });

        it('writes the same JUnit test cases and suite attributes', () => {
            const theirs = parseXml(new sf!.JUnitReporter().format(asSfTestResult(report)));
            const ours = parseXml(formatJunit(report));
            const suite = (root: ReturnType<typeof parseXml>) => {
                const { errors: _errors, ...rest } = root.children[0].attributes;
                return rest;
            };
            assert.deepEqual(suite(ours), suite(theirs));
            const cases = (root: ReturnType<typeof parseXml>) =>
                root.children[0].children
                    .filter((c) => c.name === 'testcase')
                    .map((c) => ({ ...c.attributes, children: c.children.map((f) => [f.name, f.attributes, f.text]) }));
            assert.deepEqual(cases(ours), cases(theirs));
        });

        it('prints the same Test Results table', () => {
            const table = (text: string) => {
                const start = text.indexOf('=== Test Results');
                const end = text.indexOf('\n\n', start);
                return text
                    .slice(start, end === -1 ? undefined : end)
                    .split('\n')
                    .map((l) => l.trimEnd())
                    .filter((l) => l !== '');
            };
            const ours = table(formatHuman(report));
            // title, header, rule, 3 rows, and the failure's two stack lines under its message
            assert.equal(ours.length, 8, ours.join('\n'));
            assert.ok(ours[0].startsWith('=== Test Results'));
            assert.deepEqual(ours, table(new sf!.HumanReporter().format(asSfTestResult(report), false)));
        });
    }
);
