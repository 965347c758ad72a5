import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TestMethodResult } from '../../src/api';
import { formatHuman } from '../../src/runner/human-reporter';
import { formatJson, toJsonOutput } from '../../src/runner/json-reporter';
import { formatJunit } from '../../src/runner/junit-reporter';
import { buildReport, EMULATOR_MESSAGE_PREFIX, percentage } from '../../src/runner/report';
import { idSuffix, makeId } from '../../src/runner/ids';
import { parseXml } from './xml-check';

const RESULTS: TestMethodResult[] = [
    { className: 'AlphaTest', methodName: 'addsUp', outcome: 'Pass', message: null, stackTrace: null, runTimeMs: 3.4 },
    {
        className: 'AlphaTest',
        methodName: 'breaks',
        outcome: 'Fail',
        message: 'System.AssertException: Assertion Failed: Expected: <a & "b">, Actual: c',
        stackTrace: 'Class.AlphaTest.breaks: line 12, column 1\nClass.AlphaTest.helper: line 3, column 1',
        runTimeMs: 7
    },
    {
        className: 'BetaTest',
        methodName: 'gap',
        outcome: 'EmulatorError',
        message: 'unsupported: String.normalizeSpace',
        stackTrace: null,
        runTimeMs: 1
    }
];

const TIMING = { startedAt: new Date('2026-01-02T03:04:05.000Z'), testTotalTimeMs: 15.2, commandTimeMs: 1234.6 };

const ID18 = /^[0-9A-Za-z]{15}[A-Z0-5]{3}$/;

describe('ids', () => {
    it('computes the 18-character suffix of the documented example', () => {
        // Example from the Id docs: 00300000003T2PG is 00300000003T2PGAA0 in 18-character form.
        assert.equal(idSuffix('00300000003T2PG'), 'AA0');
    });

    it('mints well-formed Ids with the key prefix', () => {
        const id = makeId('07M', 12345);
        assert.match(id, ID18);
        assert.ok(id.startsWith('07M'));
        assert.equal(id.slice(15), idSuffix(id.slice(0, 15)));
    });
});

describe('summary', () => {
    it('computes rates the way sf prints them', () => {
        assert.equal(percentage(1, 3), '33%');
        assert.equal(percentage(2, 3), '67%');
        assert.equal(percentage(0, 3), '0%');
        assert.equal(percentage(0, 0), '0%');
        assert.equal(percentage(4, 4), '100%');
    });

    it('counts emulator errors as failing and separately', () => {
        const { summary } = buildReport(RESULTS, TIMING);
        assert.equal(summary.outcome, 'Failed');
        assert.equal(summary.testsRan, 3);
        assert.equal(summary.passing, 1);
        assert.equal(summary.failing, 2);
        assert.equal(summary.emulatorErrors, 1);
        assert.equal(summary.testExecutionTimeMs, 3 + 7 + 1);
    });

    it('passes when every test passes, and when nothing ran', () => {
        assert.equal(buildReport([RESULTS[0]], TIMING).summary.outcome, 'Passed');
        assert.equal(buildReport([], TIMING).summary.outcome, 'Passed');
    });
});

describe('JSON reporter', () => {
    const out = toJsonOutput(buildReport(RESULTS, TIMING));

    it('has exactly status and result at the top, status 100 on failure', () => {
        assert.deepEqual(Object.keys(out), ['status', 'result']);
        assert.equal(out.status, 100);
        assert.deepEqual(Object.keys(out.result), ['summary', 'tests']);
        assert.equal(toJsonOutput(buildReport([RESULTS[0]], TIMING)).status, 0);
    });

    it('has the summary fields of sf apex run test, with their types and formats', () => {
        const s = out.result.summary;
        assert.deepEqual(Object.keys(s).sort(), [
            'commandTime',
            'emulatorErrors',
            'failRate',
            'failing',
            'hostname',
            'orgId',
            'outcome',
            'passRate',
            'passing',
            'skipped',
            'testExecutionTime',
            'testRunId',
            'testStartTime',
            'testTotalTime',
            'testsRan',
            'userId',
            'username'
        ]);
        assert.equal(s.outcome, 'Failed');
        assert.equal(s.testsRan, 3);
        assert.equal(s.passing, 1);
        assert.equal(s.failing, 2);
        assert.equal(s.skipped, 0);
        assert.equal(s.passRate, '33%');
        assert.equal(s.failRate, '67%');
        assert.equal(s.testStartTime, '2026-01-02T03:04:05.000Z');
        assert.equal(s.testExecutionTime, '11 ms');
        assert.equal(s.testTotalTime, '15 ms');
        assert.equal(s.commandTime, '1235 ms');
        assert.equal(s.hostname, 'local-org');
        assert.match(s.orgId, ID18);
        assert.ok(s.orgId.startsWith('00D'));
        assert.match(s.userId, ID18);
        assert.ok(s.userId.startsWith('005'));
        assert.equal(typeof s.username, 'string');
        assert.match(s.testRunId, /^707[0-9A-Za-z]{12}$/);
        assert.equal(s.emulatorErrors, 1);
    });

    it('has the test fields of sf apex run test, in sf order, plus LocalOrgOutcome', () => {
        for (const t of out.result.tests) {
            assert.deepEqual(Object.keys(t), [
                'Id',
                'QueueItemId',
                'StackTrace',
                'Message',
                'AsyncApexJobId',
                'MethodName',
                'Outcome',
                'ApexClass',
                'RunTime',
                'FullName',
                'LocalOrgOutcome'
            ]);
            assert.ok(t.Id.startsWith('07M'));
            assert.match(t.Id, ID18);
            assert.ok(t.QueueItemId.startsWith('709'));
            assert.match(t.QueueItemId, ID18);
            assert.ok(t.AsyncApexJobId.startsWith(out.result.summary.testRunId));
            assert.match(t.AsyncApexJobId, ID18);
            assert.deepEqual(Object.keys(t.ApexClass), ['Id', 'Name', 'NamespacePrefix']);
            assert.ok(t.ApexClass.Id.startsWith('01p'));
            assert.equal(t.ApexClass.NamespacePrefix, null);
        }
        const [pass, fail, gap] = out.result.tests;
        assert.equal(new Set(out.result.tests.map((t) => t.Id)).size, 3);
        assert.deepEqual(
            [
                pass.MethodName,
                pass.Outcome,
                pass.Message,
                pass.StackTrace,
                pass.RunTime,
                pass.FullName,
                pass.ApexClass.Name
            ],
            ['addsUp', 'Pass', null, null, 3, 'AlphaTest.addsUp', 'AlphaTest']
        );
        assert.equal(fail.Outcome, 'Fail');
        assert.equal(fail.LocalOrgOutcome, 'Fail');
        assert.equal(fail.Message, RESULTS[1].message);
        assert.equal(fail.StackTrace, RESULTS[1].stackTrace);
        assert.equal(pass.ApexClass.Id, fail.ApexClass.Id);
        assert.notEqual(pass.ApexClass.Id, gap.ApexClass.Id);
    });

    it('reports an emulator error as Outcome Fail with a distinct field and message prefix', () => {
        const gap = out.result.tests[2];
        assert.equal(gap.Outcome, 'Fail');
        assert.equal(gap.LocalOrgOutcome, 'EmulatorError');
        assert.equal(gap.Message, `${EMULATOR_MESSAGE_PREFIX}unsupported: String.normalizeSpace`);
    });

    it('does not prefix twice', () => {
        const already = { ...RESULTS[2], message: `${EMULATOR_MESSAGE_PREFIX}x` };
        assert.equal(
            toJsonOutput(buildReport([already], TIMING)).result.tests[0].Message,
            `${EMULATOR_MESSAGE_PREFIX}x`
        );
    });

    it('prints parseable, indented JSON', () => {
        const text = formatJson(buildReport(RESULTS, TIMING));
        assert.ok(text.startsWith('{\n  "status": 100,'));
        assert.deepEqual(JSON.parse(text), JSON.parse(JSON.stringify(out)));
    });
});

describe('JUnit reporter', () => {
    const xml = formatJunit(buildReport(RESULTS, TIMING));
    const root = parseXml(xml);

    it('is well-formed with one force.apex testsuite', () => {
        assert.ok(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n'));
        assert.equal(root.name, 'testsuites');
        assert.equal(root.children.length, 1);
        const suite = root.children[0];
        assert.equal(suite.name, 'testsuite');
        assert.deepEqual(suite.attributes, {
            name: 'force.apex',
            timestamp: '2026-01-02T03:04:05.000Z',
            hostname: 'local-org',
            tests: '3',
            failures: '1',
            errors: '1',
            time: '0.01'
        });
    });

    it('carries the summary as properties', () => {
        const props = root.children[0].children[0];
        assert.equal(props.name, 'properties');
        const map = Object.fromEntries(props.children.map((p) => [p.attributes.name, p.attributes.value]));
        assert.equal(map.outcome, 'Failed');
        assert.equal(map.testsRan, '3');
        assert.equal(map.failing, '2');
        assert.equal(map.emulatorErrors, '1');
        assert.equal(map.passRate, '33%');
        assert.equal(map.testExecutionTime, '0.01 s');
        assert.equal(map.commandTime, '1.24 s');
        assert.match(map.testRunId, /^707/);
    });

    it('says Successful for a passing run, as sf does', () => {
        const ok = parseXml(formatJunit(buildReport([RESULTS[0]], TIMING)));
        const props = ok.children[0].children[0].children;
        assert.equal(props.find((p) => p.attributes.name === 'outcome')?.attributes.value, 'Successful');
    });

    it('has one testcase per method, failures with message and CDATA stack, emulator errors as <error>', () => {
        const cases = root.children[0].children.slice(1);
        assert.deepEqual(
            cases.map((c) => [c.name, c.attributes.classname, c.attributes.name, c.attributes.time]),
            [
                ['testcase', 'AlphaTest', 'addsUp', '0.00'],
                ['testcase', 'AlphaTest', 'breaks', '0.01'],
                ['testcase', 'BetaTest', 'gap', '0.00']
            ]
        );
        assert.equal(cases[0].children.length, 0);
        const failure = cases[1].children[0];
        assert.equal(failure.name, 'failure');
        assert.equal(failure.attributes.message, RESULTS[1].message);
        assert.equal(failure.text, RESULTS[1].stackTrace);
        const error = cases[2].children[0];
        assert.equal(error.name, 'error');
        assert.equal(error.attributes.message, `${EMULATOR_MESSAGE_PREFIX}unsupported: String.normalizeSpace`);
    });

    it('keeps a stack trace containing "]]>" well-formed', () => {
        const odd = { ...RESULTS[1], stackTrace: 'a]]>b' };
        const parsed = parseXml(formatJunit(buildReport([odd], TIMING)));
        assert.equal(parsed.children[0].children[1].children[0].text, 'a]]>b');
    });
});

describe('human reporter', () => {
    const text = formatHuman(buildReport(RESULTS, TIMING));

    it('prints the summary block first, then the results table', () => {
        const summaryAt = text.indexOf('=== Test Summary');
        const resultsAt = text.indexOf('=== Test Results');
        assert.equal(summaryAt, 0);
        assert.ok(resultsAt > summaryAt);
        assert.match(text, /^Outcome +Failed$/m);
        assert.match(text, /^Tests Ran +3$/m);
        assert.match(text, /^Pass Rate +33%$/m);
        assert.match(text, /^Emulator Errors +1$/m);
        assert.match(text, /^TEST NAME +OUTCOME +MESSAGE +RUNTIME \(MS\)$/m);
    });

    it('prints one row per test with outcome, message and the stack under it', () => {
        assert.match(text, /^AlphaTest\.addsUp +Pass +3$/m);
        assert.match(text, /^AlphaTest\.breaks +Fail +System\.AssertException: Assertion Failed/m);
        assert.match(text, /^ +Class\.AlphaTest\.breaks: line 12, column 1$/m);
        assert.match(
            text,
            /^BetaTest\.gap +EmulatorError +\[local-org EmulatorError\] unsupported: String\.normalizeSpace +1$/m
        );
    });

    it('aligns columns', () => {
        const rows = text.split('\n').filter((l) => /^(AlphaTest|BetaTest)\./.test(l));
        const outcomeCols = rows.map((l) => l.search(/(Pass|Fail|EmulatorError)/));
        assert.equal(new Set(outcomeCols).size, 1);
    });

    it('says so when no tests ran', () => {
        assert.match(formatHuman(buildReport([], TIMING)), /No tests ran\./);
    });
});
