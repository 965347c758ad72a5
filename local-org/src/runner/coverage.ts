/**
 * Apex line coverage as `sf apex run test --code-coverage` reports it (apex-node CodeCoverage + plugin-apex
 * JsonReporter): one row per class or trigger with covered and uncovered lines and a whole-number percentage, the
 * test-run and org-wide totals, and the `--min-coverage` check.
 *
 * Differences from sf, on purpose (README "Code coverage"):
 * - sf's table lists the classes the run touched (ApexCodeCoverageAggregate); ours lists every non-test class and
 *   trigger with executable lines, 0% ones included, because an untested class is what a coverage gate must show.
 *   `testRunCoverage` is over the touched ones (as sf), `orgWideCoverage` over all (the local org holds only the
 *   loaded sources).
 * - per-test-method records (`coverage.records`) are not collected: the runtime counts lines per run, not per method.
 */
import type { CoverageReport } from '../api';
import { KEY_PREFIX, apexClassId, makeId } from './ids';

export interface ClassCoverage {
    id: string;
    name: string;
    type: 'ApexClass' | 'ApexTrigger';
    coveredLines: number[];
    uncoveredLines: number[];
    numLinesCovered: number;
    numLinesUncovered: number;
    /** As sf prints it: "75%" (whole number, rounded), "0%" when nothing ran. */
    percentage: string;
}

export interface CoverageSummary {
    classes: ClassCoverage[];
    totalLines: number;
    coveredLines: number;
    /** Over the classes and triggers this run executed at least one line of. */
    testRunCoverage: string;
    /** Over every non-test class and trigger loaded. */
    orgWideCoverage: string;
    /** orgWideCoverage unrounded, for --min-coverage. */
    orgWidePercent: number;
}

/** sf's calculatePercentage (apex-node tests/utils): whole number, "0%" when nothing is covered. */
export function coveragePercentage(covered: number, total: number): string {
    if (covered <= 0 || total <= 0) {
        return '0%';
    }
    return `${((covered / total) * 100).toFixed()}%`;
}

/** A stable ApexTrigger Id (key prefix 01q) for a trigger name, like apexClassId for classes. */
function triggerId(name: string): string {
    let hash = 0;
    for (const ch of name.toLowerCase()) {
        hash = (Math.imul(hash, 31) + ch.charCodeAt(0)) >>> 0;
    }
    return makeId(KEY_PREFIX.apexTrigger, hash);
}

/**
 * Summarises the runtime's coverage without the test classes (the platform does not measure coverage of
 * @IsTest classes), sorted by name as sf's aggregate query returns them, classes and triggers together.
 */
export function summariseCoverage(report: CoverageReport, testClassNames: Iterable<string>): CoverageSummary {
    const tests = new Set([...testClassNames].map((n) => n.toLowerCase()));
    const classes: ClassCoverage[] = report.classes
        .filter((c) => !(c.type === 'ApexClass' && tests.has(c.name.toLowerCase())))
        .filter((c) => c.coveredLines.length + c.uncoveredLines.length > 0)
        .map((c) => ({
            id: c.type === 'ApexClass' ? apexClassId(c.name) : triggerId(c.name),
            name: c.name,
            type: c.type,
            coveredLines: [...c.coveredLines],
            uncoveredLines: [...c.uncoveredLines],
            numLinesCovered: c.coveredLines.length,
            numLinesUncovered: c.uncoveredLines.length,
            percentage: coveragePercentage(c.coveredLines.length, c.coveredLines.length + c.uncoveredLines.length)
        }))
        .sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }));
    let total = 0;
    let covered = 0;
    let runTotal = 0;
    let runCovered = 0;
    for (const c of classes) {
        const lines = c.numLinesCovered + c.numLinesUncovered;
        total += lines;
        covered += c.numLinesCovered;
        if (c.numLinesCovered > 0) {
            runTotal += lines;
            runCovered += c.numLinesCovered;
        }
    }
    return {
        classes,
        totalLines: total,
        coveredLines: covered,
        testRunCoverage: coveragePercentage(runCovered, runTotal),
        orgWideCoverage: coveragePercentage(covered, total),
        orgWidePercent: total === 0 ? 100 : (covered / total) * 100
    };
}

/**
 * The --min-coverage verdict: null when met, else the message the CLI prints (org-wide figure, the minimum, and
 * every class below it, worst first).
 */
export function checkMinCoverage(summary: CoverageSummary, minimum: number): string | null {
    if (summary.orgWidePercent >= minimum) {
        return null;
    }
    const below = summary.classes
        .map((c) => ({ c, pct: (c.numLinesCovered / (c.numLinesCovered + c.numLinesUncovered)) * 100 }))
        .filter((x) => x.pct < minimum)
        .sort((a, b) => a.pct - b.pct || a.c.name.localeCompare(b.c.name));
    const lines = [
        `local-org: org-wide Apex coverage ${summary.orgWidePercent.toFixed(2)}% ` +
            `(${summary.coveredLines}/${summary.totalLines} lines) is below --min-coverage ${minimum}%`,
        'Classes and triggers below the minimum:',
        ...below.map(
            ({ c }) =>
                `  ${c.name} (${c.type}): ${c.percentage}, ${c.numLinesCovered}/${c.numLinesCovered + c.numLinesUncovered} lines; uncovered: ${c.uncoveredLines.join(',')}`
        )
    ];
    return lines.join('\n') + '\n';
}

/** The JSON `coverage` section in plugin-apex's CliCoverageResult shape. */
export interface JsonCoverage {
    coverage: Array<{
        id: string;
        name: string;
        totalLines: number;
        lines: Record<string, number>;
        totalCovered: number;
        coveredPercent: number;
    }>;
    records: never[];
    summary: { totalLines: number; coveredLines: number; orgWideCoverage: string; testRunCoverage: string };
}

export function toJsonCoverage(summary: CoverageSummary): JsonCoverage {
    return {
        coverage: summary.classes.map((c) => {
            // As plugin-apex builds it: covered lines first (1), then uncovered (0), keyed by line number.
            const lines: Record<string, number> = {};
            for (const l of c.coveredLines) lines[l] = 1;
            for (const l of c.uncoveredLines) lines[l] = 0;
            return {
                id: c.id,
                name: c.name,
                totalLines: c.numLinesCovered + c.numLinesUncovered,
                lines,
                totalCovered: c.numLinesCovered,
                coveredPercent: Number.parseInt(c.percentage, 10)
            };
        }),
        records: [],
        summary: {
            totalLines: summary.totalLines,
            coveredLines: summary.coveredLines,
            orgWideCoverage: summary.orgWideCoverage,
            testRunCoverage: summary.testRunCoverage
        }
    };
}
