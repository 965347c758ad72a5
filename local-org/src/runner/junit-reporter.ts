/**
 * JUnit XML as `sf apex run test --result-format junit` writes it (apex-node JUnitReporter): one
 * <testsuite name="force.apex"> with the run summary as <property> elements and one <testcase> per method;
 * failures carry the message as an attribute and the Apex stack trace as CDATA.
 * Difference, on purpose: an emulator error is an <error> element and is counted in `errors` (sf always writes
 * errors="0"), so CI dashboards show a local-org gap apart from a test failure.
 */
import type { RunReport } from './report';

const TAB = '    ';

export function xmlEscape(value: string): string {
    return value
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;')
        .replace(/'/g, '&apos;');
}

/** CDATA cannot contain "]]>"; split it across two sections. */
function cdata(value: string): string {
    return `<![CDATA[${value.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}

function seconds(ms: number): string {
    return (ms / 1000).toFixed(2);
}

export function formatJunit(report: RunReport): string {
    const s = report.summary;
    const failures = s.failing - s.emulatorErrors;
    const properties: Array<[string, string | number]> = [
        ['outcome', s.outcome === 'Passed' ? 'Successful' : s.outcome],
        ['testsRan', s.testsRan],
        ['passing', s.passing],
        ['failing', s.failing],
        ['emulatorErrors', s.emulatorErrors],
        ['skipped', s.skipped],
        ['passRate', s.passRate],
        ['failRate', s.failRate],
        ['testStartTime', s.testStartTime],
        ['testExecutionTime', `${seconds(s.testExecutionTimeMs)} s`],
        ['testTotalTime', `${seconds(s.testTotalTimeMs)} s`],
        ['commandTime', `${seconds(s.commandTimeMs)} s`],
        ['hostname', s.hostname],
        ['orgId', s.orgId],
        ['username', s.username],
        ['testRunId', s.testRunId],
        ['userId', s.userId]
    ];
    if (report.coverage) {
        // apex-node adds the coverage summary keys as properties too, skipping totalLines (JUnitFormatTransformer).
        properties.push(
            ['coveredLines', report.coverage.coveredLines],
            ['testRunCoverage', report.coverage.testRunCoverage],
            ['orgWideCoverage', report.coverage.orgWideCoverage]
        );
    }
    let out = '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n';
    out +=
        `${TAB}<testsuite name="force.apex" timestamp="${xmlEscape(s.testStartTime)}" hostname="${xmlEscape(s.hostname)}"` +
        ` tests="${s.testsRan}" failures="${failures}" errors="${s.emulatorErrors}" time="${seconds(s.testExecutionTimeMs)}">\n`;
    out += `${TAB}${TAB}<properties>\n`;
    for (const [name, value] of properties) {
        out += `${TAB}${TAB}${TAB}<property name="${name}" value="${xmlEscape(String(value))}"/>\n`;
    }
    out += `${TAB}${TAB}</properties>\n`;
    for (const row of report.rows) {
        const r = row.result;
        out += `${TAB}${TAB}<testcase name="${xmlEscape(r.methodName)}" classname="${xmlEscape(r.className)}" time="${seconds(row.runTimeMs)}">\n`;
        if (r.outcome !== 'Pass') {
            const element = r.outcome === 'EmulatorError' ? 'error' : 'failure';
            out += `${TAB}${TAB}${TAB}<${element} message="${xmlEscape(row.message ?? '')}">`;
            if (r.stackTrace) {
                out += cdata(r.stackTrace);
            }
            out += `</${element}>\n`;
        }
        out += `${TAB}${TAB}</testcase>\n`;
    }
    out += `${TAB}</testsuite>\n</testsuites>\n`;
    return out;
}
