import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exec, project, run } from '../runtime/helpers';

test('System.debug with and without LoggingLevel, in USER_DEBUG format', async () => {
    const r = await exec(
        "System.debug('plain');\nSystem.debug(LoggingLevel.INFO, 42);\nSystem.debug(new Map<String, Integer>{'a' => 1});"
    );
    assert.deepEqual(r.debugLines, [
        'USER_DEBUG [1]|DEBUG|plain',
        'USER_DEBUG [2]|INFO|42',
        'USER_DEBUG [3]|DEBUG|{a=1}'
    ]);
});

test('assertion messages', async () => {
    const cases: Array<[string, string]> = [
        ['System.assertEquals(1, 2);', 'Assertion Failed: Expected: 1, Actual: 2'],
        ["System.assertEquals(1, 2, 'sizes');", 'Assertion Failed: sizes: Expected: 1, Actual: 2'],
        ['System.assert(false);', 'Assertion Failed'],
        ["System.assert(1 > 2, 'bigger');", 'Assertion Failed: bigger'],
        ["System.assertNotEquals('a', 'a');", 'Assertion Failed: Same value: a'],
        ['Assert.areEqual(null, 3);', 'Assertion Failed: Expected: null, Actual: 3'],
        ["Assert.fail('stop');", 'Assertion Failed: stop'],
        ['Assert.isTrue(false);', 'Assertion Failed: Expected: true, Actual: false'],
        ["Assert.isNull('x', 'should be null');", 'Assertion Failed: should be null: Expected: null, Actual: x']
    ];
    for (const [src, message] of cases) {
        const r = await exec(src);
        assert.equal(r.message, `System.AssertException: ${message}`, src);
    }
    const ok = await exec(
        "Assert.areEqual(2, 2); Assert.areNotEqual(1, 2); Assert.isFalse(false); Assert.isNotNull(1); Assert.isInstanceOfType('s', String.class); Assert.isNotInstanceOfType(1, String.class);"
    );
    assert.equal(ok.success, true, ok.message ?? '');
});

test('Math, Integer/String statics from the primitive tables', async () => {
    assert.deepEqual(
        await run(
            "System.debug(Math.max(3, 7));\nSystem.debug(Math.mod(-7, 3));\nSystem.debug(Math.abs(-2.5));\nSystem.debug(Integer.valueOf('12') + 1);\nSystem.debug(String.valueOf(3) + 'x'.repeat(2));"
        ),
        ['7', '-1', '2.5', '13', '3xx']
    );
});

test('UserInfo defaults to the local admin; Limits counters start at zero; Test.isRunningTest', async () => {
    assert.deepEqual(
        await run(
            "System.debug(UserInfo.getUserName());\nSystem.debug(Limits.getQueries() + '/' + Limits.getLimitQueries());\nSystem.debug(Test.isRunningTest());"
        ),
        ['admin@local-org.invalid', '0/100', 'false']
    );
});

test('JSON serialize, serializePretty, typed deserialize and deserializeUntyped', async () => {
    const files = {
        'Dto.cls':
            'public class Dto { public String name; public Integer age; public List<String> tags; transient String secret; public static Integer ignored; }'
    };
    const lines = await run(
        `Dto d = new Dto();
d.name = 'Ada';
d.age = 36;
System.debug(JSON.serialize(d));
System.debug(JSON.serialize(d, true));
Dto back = (Dto) JSON.deserialize('{"name":"Bob","tags":["a","b"],"unknown":1}', Dto.class);
System.debug(back.name + ' ' + back.age + ' ' + back.tags);
Map<String, Object> m = (Map<String, Object>) JSON.deserializeUntyped('{"n":1,"big":12345678901,"d":1.5,"l":[true,null]}');
System.debug(m);
try { JSON.deserializeUntyped('{'); } catch (JSONException e) { System.debug('bad json'); }`,
        files
    );
    assert.deepEqual(lines, [
        '{"name":"Ada","age":36,"tags":null}',
        '{"name":"Ada","age":36}',
        'Bob null (a, b)',
        '{n=1, big=12345678901, d=1.5, l=(true, null)}',
        'bad json'
    ]);
});

test('exception type names of System exceptions', async () => {
    assert.deepEqual(
        await run(
            "try { Integer.valueOf('x'); } catch (Exception e) { System.debug(e.getTypeName() + ': ' + e.getMessage()); }"
        ),
        ['System.TypeException: Invalid integer: x']
    );
});

test('Test.startTest gives fresh limit counters; System.now and System.today', async () => {
    const p = await project({
        'LimitsTest.cls': `@IsTest private class LimitsTest {
    @IsTest static void t() {
        Test.startTest();
        Assert.areEqual(0, Limits.getQueries());
        Test.stopTest();
        Assert.isNotNull(System.now());
        Assert.areEqual(System.today(), Date.today());
    }
    @IsTest static void twice() { Test.startTest(); Test.startTest(); }
}`
    });
    const [ok, twice] = await p.runTestClass('LimitsTest', ['t', 'twice']);
    assert.equal(ok.outcome, 'Pass', ok.message ?? '');
    assert.equal(twice.outcome, 'Fail');
    assert.match(twice.message!, /^System.FinalException/);
});

test('UserInfo.getTimeZone and TimeZone offsets follow the configured zone', async () => {
    const r = await exec(
        "TimeZone tz = UserInfo.getTimeZone();\nSystem.debug(tz.getID());\nSystem.debug(tz.getOffset(Datetime.newInstanceGmt(2024, 1, 1, 0, 0, 0)));\nSystem.debug(TimeZone.getTimeZone('Europe/Paris').getOffset(Datetime.newInstanceGmt(2024, 7, 1, 0, 0, 0)));",
        {},
        { timeZone: 'America/New_York' }
    );
    assert.deepEqual(
        r.debugLines.map((l) => l.split('|')[2]),
        ['America/New_York', '-18000000', '7200000']
    );
});
