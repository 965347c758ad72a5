import assert from 'node:assert/strict';
import { test } from 'node:test';
import { load, project } from './helpers';

const SUBJECT = `public class Subject {
    public static Integer calls = 0;
    public static Integer hit() {
        calls++;
        return calls;
    }
    public static void never() {
        calls = -1;
    }
    public class Inner {
        public void boom() {
            Integer x = 1 / 0;
        }
    }
}`;

const TESTS = `@IsTest
private class SubjectTest {
    @TestSetup
    static void setup() {
        Subject.hit();
    }
    @IsTest
    static void passes() {
        Assert.areEqual(1, Subject.hit(), 'statics start fresh in each test');
    }
    static testMethod void legacyModifier() {
        Assert.areEqual(1, Subject.hit());
    }
    @IsTest
    static void failsAnAssertion() {
        Assert.areEqual(1, 2);
    }
    @IsTest
    static void throwsFromAnInnerClass() {
        new Subject.Inner().boom();
    }
    @IsTest
    static void runsForever() {
        while (true) {
            Subject.hit();
        }
    }
    @IsTest
    static void queriesTheDatabase() {
        List<List<SObject>> rows = [FIND 'acme' IN ALL FIELDS RETURNING Account(Id)];
    }
    @IsTest
    static void runningTest() {
        Assert.isTrue(Test.isRunningTest());
    }
}`;

test('discovers @IsTest classes and methods in source order, with @TestSetup', async () => {
    const p = await project({ 'Subject.cls': SUBJECT, 'SubjectTest.cls': TESTS });
    const classes = p.testClasses();
    assert.equal(classes.length, 1);
    assert.equal(classes[0].name, 'SubjectTest');
    assert.equal(classes[0].hasTestSetup, true);
    assert.deepEqual(classes[0].methods, [
        'passes',
        'legacyModifier',
        'failsAnAssertion',
        'throwsFromAnInnerClass',
        'runsForever',
        'queriesTheDatabase',
        'runningTest'
    ]);
});

test('outcomes, platform-shaped messages and stack traces', async () => {
    const p = await project({ 'Subject.cls': SUBJECT, 'SubjectTest.cls': TESTS }, { statementBudget: 10_000 });
    const results = await p.runTestClass('SubjectTest', p.testClasses()[0].methods);
    const by = Object.fromEntries(results.map((r) => [r.methodName, r]));
    assert.equal(by.passes.outcome, 'Pass');
    assert.equal(by.legacyModifier.outcome, 'Pass');
    assert.equal(by.runningTest.outcome, 'Pass');
    assert.equal(by.failsAnAssertion.outcome, 'Fail');
    assert.equal(by.failsAnAssertion.message, 'System.AssertException: Assertion Failed: Expected: 1, Actual: 2');
    assert.equal(by.failsAnAssertion.stackTrace, 'Class.SubjectTest.failsAnAssertion: line 16, column 1');
    assert.equal(by.throwsFromAnInnerClass.outcome, 'Fail');
    assert.equal(by.throwsFromAnInnerClass.message, 'System.MathException: Divide by 0');
    assert.equal(
        by.throwsFromAnInnerClass.stackTrace,
        'Class.Subject.Inner.boom: line 12, column 1\nClass.SubjectTest.throwsFromAnInnerClass: line 20, column 1'
    );
    assert.equal(by.runsForever.outcome, 'Fail');
    assert.equal(by.runsForever.message, 'System.LimitException: local-org: statement budget of 10000 exceeded');
    assert.equal(by.queriesTheDatabase.outcome, 'EmulatorError');
    assert.match(by.queriesTheDatabase.message!, /SOSL is not supported by the local org.*line 30/);
});

test('a failing @TestSetup fails every method', async () => {
    const src = `@IsTest private class BadSetupTest {
    @TestSetup static void setup() { Integer x; x++; }
    @IsTest static void a() { }
}`;
    const p = await project({ 'BadSetupTest.cls': src });
    const [r] = await p.runTestClass('BadSetupTest', ['a']);
    assert.equal(r.outcome, 'Fail');
    assert.equal(r.message, 'System.NullPointerException: Attempt to de-reference a null object');
});

test('the time budget stops a runaway test', async () => {
    const src = `@IsTest private class SlowTest { @IsTest static void spin() { Integer i = 0; while (true) { i++; } } }`;
    const p = await project({ 'SlowTest.cls': src });
    const [r] = await p.runTestClass('SlowTest', ['spin'], { timeBudgetMs: 200, statementBudget: 1e12 });
    assert.equal(r.outcome, 'Fail');
    assert.equal(r.message, 'System.LimitException: local-org: time budget exceeded');
});

test('coverage lists executed and unexecuted statement lines per class', async () => {
    const p = await project({ 'Subject.cls': SUBJECT, 'SubjectTest.cls': TESTS });
    await p.runTestClass('SubjectTest', ['passes']);
    const subject = p.coverage().classes.find((c) => c.name === 'Subject')!;
    assert.deepEqual(subject.coveredLines, [2, 4, 5]);
    assert.deepEqual(subject.uncoveredLines, [8, 12]);
});

test('anonymous Apex collects USER_DEBUG lines and reports AnonymousBlock positions', async () => {
    const p = await project({});
    const r = await p.executeAnonymous(
        "System.debug('one');\nSystem.debug(LoggingLevel.ERROR, 2);\nInteger x = null;\nx++;",
        'run.apex'
    );
    assert.deepEqual(r.debugLines, ['USER_DEBUG [1]|DEBUG|one', 'USER_DEBUG [2]|ERROR|2']);
    assert.equal(r.success, false);
    assert.equal(r.emulatorError, false);
    assert.equal(r.stackTrace, 'AnonymousBlock: line 4, column 1');
});

test('a non-static @IsTest method is a load error, never a silently skipped test', async () => {
    const r = await load({ 'T.cls': '@IsTest private class T {\n    @IsTest void notStatic() { }\n}' });
    assert.equal(r.project, undefined);
    assert.deepEqual(
        r.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`),
        ['2:18 Test methods must be static and take no arguments: notStatic']
    );
});

test('two projects loaded in one process keep catching system exceptions', async () => {
    const src = {
        'C.cls':
            "public class C { public static String f() { try { Integer x = 1 / 0; } catch (MathException e) { return 'caught'; } return 'not'; } }"
    };
    const first = await project(src);
    await project(src);
    const r = await first.executeAnonymous('System.debug(C.f());', 'a.apex');
    assert.deepEqual(r.debugLines, ['USER_DEBUG [1]|DEBUG|caught']);
});

test('anonymous Apex may declare methods and classes', async () => {
    const p = await project({});
    const r = await p.executeAnonymous(
        'Integer twice(Integer x) { return x * 2; }\nclass Box { public Integer v; }\nBox b = new Box();\nb.v = twice(21);\nSystem.debug(b.v);\nSystem.debug(boom());\nInteger boom() { return 1 / 0; }',
        'decl.apex'
    );
    assert.deepEqual(r.debugLines, ['USER_DEBUG [5]|DEBUG|42']);
    assert.equal(r.message, 'System.MathException: Divide by 0');
    assert.equal(r.stackTrace, 'AnonymousBlock: line 7, column 1\nAnonymousBlock: line 6, column 1');
});
