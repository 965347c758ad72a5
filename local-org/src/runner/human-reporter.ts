/**
 * The human report, like `sf apex run test -r human`: a "Test Summary" name/value table, then "Test Results"
 * with one row per method (TEST NAME, OUTCOME, MESSAGE with the stack trace under it, RUNTIME (MS)).
 * Emulator errors show OUTCOME "EmulatorError" and a prefixed message, and the summary counts them apart.
 */
import type { CoverageSummary } from './coverage';
import type { RunReport } from './report';
import { formatTable } from './table';

export function formatHuman(report: RunReport): string {
    const s = report.summary;
    const summaryRows: Array<[string, string]> = [
        ['Outcome', s.outcome],
        ['Tests Ran', String(s.testsRan)],
        ['Pass Rate', s.passRate],
        ['Fail Rate', s.failRate],
        ['Skip Rate', s.skipRate],
        ['Emulator Errors', String(s.emulatorErrors)],
        ['Test Run Id', s.testRunId],
        ['Test Execution Time', `${s.testExecutionTimeMs} ms`],
        ['Test Total Time', `${s.testTotalTimeMs} ms`],
        ['Command Time', `${s.commandTimeMs} ms`],
        ['Org Id', s.orgId],
        ['Username', s.username],
        // sf adds this row only when coverage was asked for.
        ...(report.coverage ? [['Org Wide Coverage', report.coverage.orgWideCoverage] as [string, string]] : [])
    ];
    const summary = formatTable(
        'Test Summary',
        [
            { key: 'name', label: 'NAME' },
            { key: 'value', label: 'VALUE' }
        ],
        summaryRows.map(([name, value]) => ({ name, value }))
    );
    if (report.rows.length === 0) {
        return `${summary}\nNo tests ran.\n`;
    }
    const results = formatTable(
        'Test Results',
        [
            { key: 'name', label: 'TEST NAME' },
            { key: 'outcome', label: 'OUTCOME' },
            { key: 'msg', label: 'MESSAGE' },
            { key: 'runtime', label: 'RUNTIME (MS)' }
        ],
        report.rows.map((row) => ({
            name: row.fullName,
            outcome: row.result.outcome,
            msg: [row.message, row.result.stackTrace].filter((x): x is string => !!x).join('\n'),
            // sf leaves RUNTIME empty for failed tests; so do we.
            runtime: row.result.outcome === 'Fail' ? '' : String(row.runTimeMs)
        }))
    );
    return `${summary}\n${results}` + (report.coverage ? `\n${formatCoverageTable(report.coverage)}` : '');
}

/** sf shows at most this many uncovered lines per class, then "..." (apex-node UNCOVERED_LINES_ARRAY_LIMIT). */
const UNCOVERED_LINES_SHOWN = 5;

/** "Apex Code Coverage by Class": CLASSES, PERCENT, UNCOVERED LINES, as apex-node's formatCodeCov prints it. */
export function formatCoverageTable(coverage: CoverageSummary): string {
    return formatTable(
        'Apex Code Coverage by Class',
        [
            { key: 'name', label: 'CLASSES' },
            { key: 'percent', label: 'PERCENT' },
            { key: 'uncovered', label: 'UNCOVERED LINES' }
        ],
        coverage.classes.map((c) => ({
            name: c.name,
            percent: c.percentage,
            uncovered: c.uncoveredLines
                .slice(0, UNCOVERED_LINES_SHOWN)
                .map(String)
                .concat(c.uncoveredLines.length > UNCOVERED_LINES_SHOWN ? ['...'] : [])
                .join(',')
        }))
    );
}
