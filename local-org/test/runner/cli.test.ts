import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Diagnostic, LoadResult, RuntimeOptions } from '../../src/api';
import { main } from '../../src/cli';
import { ALL_PASS, FakeProject, PASS_AND_FAIL, WITH_EMULATOR_ERROR } from './fake-project';
import type { FakeClass } from './fake-project';
import { parseXml } from './xml-check';

let dir: string;

before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'local-org-cli-'));
    await writeFile(join(dir, 'script.apex'), "System.debug('hi');\n");
});

after(async () => {
    await rm(dir, { recursive: true, force: true });
});

interface Run {
    code: number;
    stdout: string;
    stderr: string;
    project: FakeProject;
    loads: Array<{ dirs: string[]; options: RuntimeOptions }>;
}

async function run(argv: string[], classes: FakeClass[] = ALL_PASS, diagnostics: Diagnostic[] = []): Promise<Run> {
    const project = new FakeProject(classes);
    const loads: Run['loads'] = [];
    let stdout = '';
    let stderr = '';
    let clock = 0;
    const code = await main(argv, {
        loadProject:
            () =>
            (dirs: string[], options: RuntimeOptions): LoadResult => {
                loads.push({ dirs, options });
                const stats = { files: 1, lines: 1, parseMs: 0, checkMs: 0 };
                return diagnostics.length > 0 ? { diagnostics, stats } : { diagnostics: [], project, stats };
            },
        stdout: (t) => (stdout += t),
        stderr: (t) => (stderr += t),
        now: () => (clock += 10),
        date: () => new Date('2026-01-02T03:04:05.000Z')
    });
    return { code, stdout, stderr, project, loads };
}

describe('local-org test: exit codes', () => {
    it('exits 0 when every selected test passes', async () => {
        const r = await run(['test', '--source-dir', dir]);
        assert.equal(r.code, 0);
        assert.match(r.stdout, /^Outcome +Passed$/m);
    });

    it('exits 1 when a test fails', async () => {
        const r = await run(['test', '--source-dir', dir], PASS_AND_FAIL);
        assert.equal(r.code, 1);
        assert.match(r.stdout, /AlphaTest\.breaks +Fail/);
    });

    it('exits 3 when an emulator error occurs, even alongside failures', async () => {
        const r = await run(['test', '--source-dir', dir], WITH_EMULATOR_ERROR);
        assert.equal(r.code, 3);
        assert.match(r.stdout, /AlphaTest\.gap +EmulatorError/);
    });

    it('exits 0 when only the passing tests of a failing class are selected', async () => {
        const r = await run(['test', '--source-dir', dir, '-t', 'AlphaTest.addsUp,BetaTest.works'], PASS_AND_FAIL);
        assert.equal(r.code, 0);
        assert.deepEqual(
            r.project.calls.map((c) => [c.className, c.methodNames]),
            [
                ['AlphaTest', ['addsUp']],
                ['BetaTest', ['works']]
            ]
        );
    });

    it('turns a runtime crash into emulator errors for the whole class (never a pass)', async () => {
        const classes: FakeClass[] = [
            { name: 'AlphaTest', methods: [{ name: 'a', outcome: 'Pass' }], throws: new TypeError('boom') }
        ];
        const r = await run(['test', '--source-dir', dir, '-r', 'json'], classes);
        assert.equal(r.code, 3);
        const t = JSON.parse(r.stdout).result.tests[0];
        assert.equal(t.LocalOrgOutcome, 'EmulatorError');
        assert.match(t.Message, /runtime threw while running the class: TypeError: boom/);
    });

    it('turns a missing result into an emulator error', async () => {
        const classes: FakeClass[] = [
            {
                name: 'AlphaTest',
                methods: [
                    { name: 'a', outcome: 'Pass' },
                    { name: 'b', outcome: 'Pass' }
                ],
                omit: ['b']
            }
        ];
        const r = await run(['test', '--source-dir', dir, '-r', 'json'], classes);
        assert.equal(r.code, 3);
        const tests = JSON.parse(r.stdout).result.tests;
        assert.deepEqual(
            tests.map((t: { MethodName: string; LocalOrgOutcome: string }) => [t.MethodName, t.LocalOrgOutcome]),
            [
                ['a', 'Pass'],
                ['b', 'EmulatorError']
            ]
        );
    });
});

describe('local-org test: usage and load errors', () => {
    it('exits 2 on bad usage without loading', async () => {
        const r = await run(['test', '--source-dir', dir, '-r', 'tap']);
        assert.equal(r.code, 2);
        assert.equal(r.loads.length, 0);
        assert.match(r.stderr, /--result-format must be one of/);
        assert.match(r.stderr, /local-org --help/);
    });

    it('exits 2 when a source dir does not exist', async () => {
        const r = await run(['test', '--source-dir', join(dir, 'missing')]);
        assert.equal(r.code, 2);
        assert.match(r.stderr, /--source-dir is not a directory/);
        assert.equal(r.loads.length, 0);
    });

    it('prints every load diagnostic as file:line:col  kind  message and exits 2 before running', async () => {
        const diagnostics: Diagnostic[] = [
            { file: 'b.cls', line: 3, column: 7, kind: 'semantic', message: 'unknown type Foo' },
            { file: 'a.cls', line: 10, column: 1, kind: 'syntax', message: "missing ';'" },
            { file: 'a.cls', line: 2, column: 5, kind: 'unsupported', message: 'String.normalizeSpace' }
        ];
        const r = await run(['test', '--source-dir', dir], ALL_PASS, diagnostics);
        assert.equal(r.code, 2);
        assert.equal(r.project.calls.length, 0);
        assert.equal(r.stdout, '');
        assert.equal(
            r.stderr,
            [
                'a.cls:2:5  unsupported  String.normalizeSpace',
                "a.cls:10:1  syntax  missing ';'",
                'b.cls:3:7  semantic  unknown type Foo',
                'local-org: 3 load problems; nothing was run.',
                ''
            ].join('\n')
        );
    });

    it('exits 1 listing unknown class and method names before running anything', async () => {
        const r = await run(
            ['test', '--source-dir', dir, '--tests', 'AlphaTest.nope,Ghost.m,BetaTest.works'],
            PASS_AND_FAIL
        );
        assert.equal(r.code, 1);
        assert.equal(r.project.calls.length, 0);
        assert.match(r.stderr, /unknown test names: AlphaTest\.nope, Ghost\.m/);
        const r2 = await run(['test', '--source-dir', dir, '-n', 'Ghost'], PASS_AND_FAIL);
        assert.equal(r2.code, 1);
        assert.match(r2.stderr, /unknown test name: Ghost/);
    });

    it('passes runtime options and absolute source dirs to the loader and the runner', async () => {
        const r = await run([
            'test',
            '--source-dir',
            dir,
            '--statement-budget',
            '99',
            '--time-budget-ms',
            '50',
            '--time-zone',
            'Asia/Tokyo'
        ]);
        const expected = { statementBudget: 99, timeBudgetMs: 50, timeZone: 'Asia/Tokyo' };
        assert.deepEqual(r.loads, [{ dirs: [dir], options: expected }]);
        assert.deepEqual(r.project.calls[0].options, expected);
    });

    it('prints help with exit 0', async () => {
        const r = await run(['--help']);
        assert.equal(r.code, 0);
        assert.match(r.stdout, /EXIT CODES/);
    });
});

describe('local-org test: result formats and output dir', () => {
    it('prints JSON with status 100 on failure', async () => {
        const r = await run(['test', '--source-dir', dir, '--result-format', 'json'], PASS_AND_FAIL);
        const json = JSON.parse(r.stdout);
        assert.equal(json.status, 100);
        assert.equal(json.result.summary.testsRan, 3);
        assert.equal(json.result.summary.testTotalTime, '10 ms');
    });

    it('prints well-formed JUnit', async () => {
        const r = await run(['test', '--source-dir', dir, '-r', 'junit'], PASS_AND_FAIL);
        const root = parseXml(r.stdout);
        assert.equal(root.children[0].attributes.tests, '3');
        assert.equal(root.children[0].attributes.failures, '1');
    });

    it('writes the files sf writes to --output-dir, for each format', async () => {
        for (const [format, extra] of [
            ['human', 'test-result.txt'],
            ['junit', 'test-result.xml'],
            ['json', null]
        ] as const) {
            const out = join(dir, `out-${format}`);
            const r = await run(['test', '--source-dir', dir, '-r', format, '-d', out], PASS_AND_FAIL);
            assert.equal(r.code, 1);
            const runId = (await readFile(join(out, 'test-run-id.txt'), 'utf8')).trim();
            assert.match(runId, /^707[0-9A-Za-z]{12}$/);
            const expected = ['test-run-id.txt', `test-result-${runId}.json`, `test-result-${runId}-junit.xml`];
            if (extra) {
                expected.push(extra);
            }
            assert.deepEqual((await readdir(out)).sort(), expected.sort());
            const saved = JSON.parse(await readFile(join(out, `test-result-${runId}.json`), 'utf8'));
            assert.deepEqual(Object.keys(saved), ['summary', 'tests']);
            assert.equal(saved.summary.testRunId, runId);
            parseXml(await readFile(join(out, `test-result-${runId}-junit.xml`), 'utf8'));
            if (format === 'human') {
                assert.match(r.stdout, new RegExp(`^Test result files written to ${out}$`, 'm'));
                assert.match(await readFile(join(out, 'test-result.txt'), 'utf8'), /=== Test Summary/);
            }
        }
    });
});

describe('local-org exec', () => {
    it('prints debug lines and exits 0 on success', async () => {
        const project = new FakeProject([]);
        project.execResult = {
            success: true,
            debugLines: ['USER_DEBUG [1]|DEBUG|hi', 'USER_DEBUG [2]|DEBUG|there'],
            message: null,
            stackTrace: null,
            emulatorError: false
        };
        let stdout = '';
        const code = await main(['exec', '--source-dir', dir, '-f', join(dir, 'script.apex')], {
            loadProject: () => () => ({
                diagnostics: [],
                project,
                stats: { files: 0, lines: 0, parseMs: 0, checkMs: 0 }
            }),
            stdout: (t) => (stdout += t),
            stderr: () => undefined
        });
        assert.equal(code, 0);
        assert.equal(stdout, 'USER_DEBUG [1]|DEBUG|hi\nUSER_DEBUG [2]|DEBUG|there\n');
        assert.deepEqual(project.execCalls, [{ source: "System.debug('hi');\n", fileName: join(dir, 'script.apex') }]);
    });

    for (const [emulatorError, expectedCode] of [
        [false, 1],
        [true, 3]
    ] as const) {
        it(`exits ${expectedCode} with message and stack on stderr when ${emulatorError ? 'an emulator error' : 'an Apex exception'} stops it`, async () => {
            const project = new FakeProject([]);
            project.execResult = {
                success: false,
                debugLines: ['USER_DEBUG [1]|DEBUG|before'],
                message: 'System.MathException: Divide by 0',
                stackTrace: 'AnonymousBlock: line 2, column 1',
                emulatorError
            };
            let stdout = '';
            let stderr = '';
            const code = await main(['exec', '--source-dir', dir, '-f', join(dir, 'script.apex')], {
                loadProject: () => () => ({
                    diagnostics: [],
                    project,
                    stats: { files: 0, lines: 0, parseMs: 0, checkMs: 0 }
                }),
                stdout: (t) => (stdout += t),
                stderr: (t) => (stderr += t)
            });
            assert.equal(code, expectedCode);
            assert.equal(stdout, 'USER_DEBUG [1]|DEBUG|before\n');
            const prefix = emulatorError ? '[local-org EmulatorError] ' : '';
            assert.equal(stderr, `${prefix}System.MathException: Divide by 0\nAnonymousBlock: line 2, column 1\n`);
        });
    }

    it('exits 2 when the script file cannot be read', async () => {
        const r = await run(['exec', '--source-dir', dir, '-f', join(dir, 'nope.apex')]);
        assert.equal(r.code, 2);
        assert.match(r.stderr, /cannot read --file/);
    });
});
