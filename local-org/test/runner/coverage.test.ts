/**
 * Apex line coverage: the summary (test classes left out, triggers in, sf's percentages), --min-coverage, the
 * human table and JSON section against the Salesforce CLI's own code (apex-node HumanReporter, plugin-apex
 * JsonReporter), and the whole path through the real runtime on a small project.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CoverageReport } from '../../src/api';
import { main } from '../../src/cli';
import { parseArgs, UsageError } from '../../src/runner/args';
import { checkMinCoverage, summariseCoverage, toJsonCoverage } from '../../src/runner/coverage';
import { formatCoverageTable } from '../../src/runner/human-reporter';
import { formatJunit } from '../../src/runner/junit-reporter';
import { buildReport } from '../../src/runner/report';

const REPORT: CoverageReport = {
    classes: [
        { name: 'Zeta', file: 'Zeta.cls', type: 'ApexClass', coveredLines: [3, 4, 5], uncoveredLines: [9] },
        { name: 'alpha', file: 'alpha.cls', type: 'ApexClass', coveredLines: [], uncoveredLines: [2, 3, 4, 5, 6, 7] },
        { name: 'ZetaTest', file: 'ZetaTest.cls', type: 'ApexClass', coveredLines: [5, 6], uncoveredLines: [] },
        { name: 'IFace', file: 'IFace.cls', type: 'ApexClass', coveredLines: [], uncoveredLines: [] },
        { name: 'AccTrigger', file: 'A.trigger', type: 'ApexTrigger', coveredLines: [2], uncoveredLines: [4] }
    ]
};

describe('coverage summary', () => {
    const summary = summariseCoverage(REPORT, ['ZetaTest']);

    it('leaves out test classes and classes without executable lines, keeps triggers, sorts by name', () => {
        assert.deepEqual(
            summary.classes.map((c) => [c.name, c.type, c.percentage]),
            [
                ['AccTrigger', 'ApexTrigger', '50%'],
                ['alpha', 'ApexClass', '0%'],
                ['Zeta', 'ApexClass', '75%']
            ]
        );
        assert.ok(summary.classes[0].id.startsWith('01q'));
        assert.ok(summary.classes[1].id.startsWith('01p'));
    });

    it('counts the run over touched classes and the org over all', () => {
        assert.equal(summary.totalLines, 12);
        assert.equal(summary.coveredLines, 4);
        assert.equal(summary.testRunCoverage, '67%'); // 4 of the 6 lines of AccTrigger and Zeta
        assert.equal(summary.orgWideCoverage, '33%');
    });

    it('passes --min-coverage at or under the org-wide figure and fails above it, listing classes below', () => {
        assert.equal(checkMinCoverage(summary, 33), null);
        const message = checkMinCoverage(summary, 60);
        assert.ok(message);
        assert.match(message, /org-wide Apex coverage 33\.33% \(4\/12 lines\) is below --min-coverage 60%/);
        assert.match(message, /alpha \(ApexClass\): 0%, 0\/6 lines; uncovered: 2,3,4,5,6,7/);
        assert.match(message, /AccTrigger \(ApexTrigger\): 50%/);
        assert.doesNotMatch(message, /Zeta \(/);
        assert.ok(message.indexOf('alpha') < message.indexOf('AccTrigger'), 'worst first');
    });

    it('treats an org without executable lines as covered', () => {
        assert.equal(checkMinCoverage(summariseCoverage({ classes: [] }, []), 100), null);
    });
});

describe('coverage flags', () => {
    it('takes --code-coverage, -c, and --min-coverage (which implies coverage)', () => {
        const a = parseArgs(['test', '--source-dir', 'x', '--code-coverage']);
        assert.ok(a.command === 'test' && a.codeCoverage && a.minCoverage === null);
        const b = parseArgs(['test', '--source-dir', 'x', '-c']);
        assert.ok(b.command === 'test' && b.codeCoverage);
        const c = parseArgs(['test', '--source-dir', 'x', '--min-coverage', '87.5']);
        assert.ok(c.command === 'test' && c.codeCoverage && c.minCoverage === 87.5);
        const d = parseArgs(['test', '--source-dir', 'x']);
        assert.ok(d.command === 'test' && !d.codeCoverage);
    });

    it('refuses a bad --min-coverage and --code-coverage on exec', () => {
        for (const bad of ['101', '-3', 'abc', '']) {
            assert.throws(() => parseArgs(['test', '--source-dir', 'x', `--min-coverage=${bad}`]), UsageError, bad);
        }
        assert.throws(
            () => parseArgs(['exec', '--source-dir', 'x', '-f', 'a.apex', '--code-coverage']),
            /does not apply to "exec"/
        );
    });
});

interface SfHuman {
    HumanReporter: new () => { formatCodeCov(cov: unknown[]): string };
}

function sfHuman(): SfHuman | null {
    try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        return require('@salesforce/apex-node') as SfHuman;
    } catch {
        return null;
    }
}

describe(
    'coverage output against the Salesforce CLI',
    { skip: sfHuman() === null ? 'apex-node missing' : false },
    () => {
        const summary = summariseCoverage(REPORT, ['ZetaTest']);
        const codecoverage = summary.classes.map((c) => ({
            apexId: c.id,
            name: c.name,
            type: c.type,
            numLinesCovered: c.numLinesCovered,
            numLinesUncovered: c.numLinesUncovered,
            percentage: c.percentage,
            coveredLines: c.coveredLines,
            uncoveredLines: c.uncoveredLines
        }));
        const lines = (t: string) =>
            t
                .split('\n')
                .map((l) => l.trimEnd())
                .filter((l) => l !== '');

        it('prints the same "Apex Code Coverage by Class" table', () => {
            const theirs = new (sfHuman()!.HumanReporter)().formatCodeCov(codecoverage);
            const ours = formatCoverageTable(summary);
            assert.deepEqual(lines(ours), lines(theirs));
            assert.match(ours, /alpha\s+0%\s+2,3,4,5,6,\.\.\./);
        });

        // plugin-apex's package exports hide its reporters, so load the file itself.
        const jsonReporterFile = join(
            __dirname,
            '../../../node_modules/@salesforce/plugin-apex/lib/reporters/jsonReporter.js'
        );
        const skipJson = existsSync(jsonReporterFile) ? false : 'plugin-apex not installed';

        it('writes the same JSON coverage section as plugin-apex', { skip: skipJson }, async () => {
            const mod = (await import(pathToFileURL(jsonReporterFile).href)) as {
                JsonReporter: new () => { format(r: unknown): { coverage?: unknown } };
            };
            const theirs = new mod.JsonReporter().format({
                summary: {
                    totalLines: summary.totalLines,
                    coveredLines: summary.coveredLines,
                    orgWideCoverage: summary.orgWideCoverage,
                    testRunCoverage: summary.testRunCoverage
                },
                tests: [],
                codecoverage
            });
            assert.deepEqual(toJsonCoverage(summary), theirs.coverage);
        });
    }
);

describe('coverage through the runtime', () => {
    let dir: string;
    before(async () => {
        dir = await mkdtemp(join(tmpdir(), 'local-org-cov-'));
        await mkdir(join(dir, 'classes'));
        await mkdir(join(dir, 'triggers'));
        const meta = (tag: string) =>
            `<?xml version="1.0" encoding="UTF-8"?>\n<${tag} xmlns="http://soap.sforce.com/2006/04/metadata">\n` +
            `    <apiVersion>62.0</apiVersion>\n    <status>Active</status>\n</${tag}>\n`;
        const files: Array<[string, string]> = [
            [
                'classes/Calc.cls',
                [
                    'public class Calc {',
                    '    public static Integer twice(Integer n) {',
                    '        if (n == null) {',
                    '            return 0;',
                    '        }',
                    '        return n * 2;',
                    '    }',
                    '    public static Integer never() {',
                    '        Integer x = 1;',
                    '        return x;',
                    '    }',
                    '}'
                ].join('\n')
            ],
            ['classes/Calc.cls-meta.xml', meta('ApexClass')],
            [
                'classes/CalcTest.cls',
                [
                    '@IsTest',
                    'private class CalcTest {',
                    '    @IsTest',
                    '    static void twice() {',
                    '        Assert.areEqual(4, Calc.twice(2));',
                    "        insert new Account(Name = 'Cov');",
                    '    }',
                    '}'
                ].join('\n')
            ],
            ['classes/CalcTest.cls-meta.xml', meta('ApexClass')],
            [
                'triggers/CovTrigger.trigger',
                [
                    'trigger CovTrigger on Account(before insert) {',
                    '    for (Account a : Trigger.new) {',
                    "        a.Description = 'seen';",
                    '    }',
                    '    if (Trigger.isDelete) {',
                    "        System.debug('never');",
                    '    }',
                    '}'
                ].join('\n')
            ],
            ['triggers/CovTrigger.trigger-meta.xml', meta('ApexTrigger')]
        ];
        for (const [name, text] of files) await writeFile(join(dir, name), text + '\n');
    });
    after(async () => {
        await rm(dir, { recursive: true, force: true });
    });

    async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
        let out = '';
        let err = '';
        const code = await main(argv, { stdout: (t) => (out += t), stderr: (t) => (err += t) });
        return { code, out, err };
    }

    it('reports statement lines of classes and triggers, without the test class', async () => {
        const { code, out } = await cli(['test', '--source-dir', dir, '-r', 'json', '--code-coverage']);
        assert.equal(code, 0);
        const json = JSON.parse(out) as {
            result: {
                summary: { orgWideCoverage: string; testRunCoverage: string };
                coverage: { coverage: Array<{ name: string; lines: Record<string, number>; coveredPercent: number }> };
            };
        };
        const byName = new Map(json.result.coverage.coverage.map((c) => [c.name, c]));
        assert.deepEqual([...byName.keys()], ['Calc', 'CovTrigger']);
        assert.deepEqual(byName.get('Calc')!.lines, { 3: 1, 6: 1, 4: 0, 9: 0, 10: 0 });
        assert.deepEqual(byName.get('CovTrigger')!.lines, { 2: 1, 3: 1, 5: 1, 6: 0 });
        assert.equal(json.result.summary.orgWideCoverage, '56%'); // 5 of 9
        assert.equal(json.result.summary.testRunCoverage, '56%');
    });

    it('fails the run with --min-coverage above the org-wide figure, and passes at it', async () => {
        const low = await cli(['test', '--source-dir', dir, '--min-coverage', '90']);
        assert.equal(low.code, 1);
        assert.match(low.out, /=== Apex Code Coverage by Class/);
        assert.match(low.out, /Org Wide Coverage\s+56%/);
        assert.match(low.err, /is below --min-coverage 90%/);
        assert.match(low.err, /Calc \(ApexClass\): 40%, 2\/5 lines; uncovered: 4,9,10/);
        const ok = await cli(['test', '--source-dir', dir, '--min-coverage', '55']);
        assert.equal(ok.code, 0, ok.err);
        assert.equal(ok.err, '');
    });

    it('prints no coverage without the flag', async () => {
        const { code, out } = await cli(['test', '--source-dir', dir]);
        assert.equal(code, 0);
        assert.doesNotMatch(out, /Coverage/);
    });
});

describe('coverage in JUnit', () => {
    it('adds the coverage summary as properties, as apex-node does', () => {
        const report = buildReport(
            [
                {
                    className: 'ZetaTest',
                    methodName: 'm',
                    outcome: 'Pass',
                    message: null,
                    stackTrace: null,
                    runTimeMs: 1
                }
            ],
            { startedAt: new Date('2026-01-02T03:04:05.000Z'), testTotalTimeMs: 2, commandTimeMs: 3 }
        );
        report.coverage = summariseCoverage(REPORT, ['ZetaTest']);
        const xml = formatJunit(report);
        assert.match(xml, /<property name="coveredLines" value="4"\/>/);
        assert.match(xml, /<property name="testRunCoverage" value="67%"\/>/);
        assert.match(xml, /<property name="orgWideCoverage" value="33%"\/>/);
        assert.doesNotMatch(xml, /totalLines/);
    });
});
