import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exec, project, run } from './helpers';

test('String == ignores case; equals, Map/Set keys and Assert.areEqual do not', async () => {
    const lines = await run(`System.debug('ABC' == 'abc');
System.debug('ABC'.equals('abc'));
Map<String, Integer> m = new Map<String, Integer>{ 'a' => 1 };
System.debug(m.containsKey('A'));
Set<String> s = new Set<String>{ 'a' };
System.debug(s.contains('A'));
System.debug(new List<String>{'A'} == new List<String>{'a'});`);
    assert.deepEqual(lines, ['true', 'false', 'false', 'false', 'true']);
    const r = await exec("Assert.areEqual('abc', 'ABC');");
    assert.equal(r.message, 'System.AssertException: Assertion Failed: Expected: abc, Actual: ABC');
});

test('every variable starts null, Booleans included', async () => {
    const lines = await run(`Boolean b;
Integer i;
System.debug(b);
System.debug(b != true);
System.debug(b != false);
System.debug(i);`);
    assert.deepEqual(lines, ['null', 'true', 'true', 'null']);
});

test('dereferencing null or doing arithmetic on null throws NullPointerException', async () => {
    for (const src of [
        "String s; s.equals('x');",
        'Integer i; i = i + 1;',
        'Boolean b; if (b) {}',
        'List<Integer> l; for (Integer x : l) {}'
    ]) {
        const r = await exec(src);
        assert.equal(r.success, false, src);
        assert.equal(r.emulatorError, false, src);
        assert.equal(r.message, 'System.NullPointerException: Attempt to de-reference a null object', src);
    }
});

test("string concatenation with null gives 'null'", async () => {
    assert.deepEqual(
        await run("String s;\nSystem.debug('a' + null);\nSystem.debug('a' + s);\nSystem.debug(1 + 'x');"),
        ['anull', 'anull', '1x']
    );
});

test('List index out of bounds', async () => {
    const r = await exec('List<Integer> l = new List<Integer>{1};\nInteger x = l[5];');
    assert.equal(r.message, 'System.ListException: List index out of bounds: 5');
    assert.equal(r.stackTrace, 'AnonymousBlock: line 2, column 1');
    const g = await exec('new List<Integer>().get(-1);');
    assert.equal(g.message, 'System.ListException: List index out of bounds: -1');
});

test('Map and Set iterate in insertion order', async () => {
    const lines = await run(`Map<String, Integer> m = new Map<String, Integer>();
m.put('zeta', 1); m.put('alpha', 2); m.put('mid', 3);
System.debug(m.keySet());
Set<Integer> s = new Set<Integer>{ 30, 10, 20 };
for (Integer x : s) System.debug(x);`);
    assert.deepEqual(lines, ['{zeta, alpha, mid}', '30', '10', '20']);
});

test('Integer arithmetic wraps at 32 bits, divides toward zero, and Divide by 0 throws MathException', async () => {
    const lines = await run(`Integer max = 2147483647;
System.debug(max + 1);
System.debug(-7 / 2);
System.debug(7 / -2);
Long big = 2147483647L + 1;
System.debug(big);
Long overflowFirst = 365 * 24 * 60 * 60 * 1000;
System.debug(overflowFirst);
try { Integer z = 1 / 0; } catch (MathException e) { System.debug(e.getMessage()); }`);
    assert.deepEqual(lines, ['-2147483648', '-3', '-3', '2147483648', '1471228928', 'Divide by 0']);
});

test('AssertException cannot be caught by Apex code', async () => {
    const r = await exec("try { System.assert(false, 'nope'); } catch (Exception e) { System.debug('caught'); }");
    assert.equal(r.success, false);
    assert.deepEqual(r.debugLines, []);
    assert.equal(r.message, 'System.AssertException: Assertion Failed: nope');
});

test('statics live for one transaction', async () => {
    const files = {
        'Counter.cls':
            'public class Counter { public static Integer n = 0; public static Integer next() { return ++n; } }'
    };
    const p = await project(files);
    const a = await p.executeAnonymous('System.debug(Counter.next()); System.debug(Counter.next());', 'a.apex');
    const b = await p.executeAnonymous('System.debug(Counter.next());', 'b.apex');
    assert.deepEqual(
        a.debugLines.map((l) => l.split('|')[2]),
        ['1', '2']
    );
    assert.deepEqual(
        b.debugLines.map((l) => l.split('|')[2]),
        ['1']
    );
});

test('Decimal and Double keep their run-time types', async () => {
    const lines = await run(`Decimal d = 1;
Double x = 2;
Object o = d / 3;
System.debug(o instanceof Decimal);
System.debug(x / 4);
System.debug(1.50 + 1);`);
    assert.deepEqual(lines, ['true', '0.5', '2.50']);
});

test('collections keep their run-time element type when written through a wider static type', async () => {
    const lines = await run(`List<Object> objs = new List<String>{ 'a' };
try { objs.add(1); } catch (TypeException e) { System.debug(e.getMessage()); }
try { objs[0] = 2; } catch (TypeException e) { System.debug(e.getMessage()); }
Map<String, Object> m = new Map<String, String>();
try { m.put('k', 5); } catch (TypeException e) { System.debug(e.getMessage()); }
objs.add('b');
System.debug(objs);`);
    assert.deepEqual(lines, [
        'Invalid conversion from runtime type Integer to String',
        'Invalid conversion from runtime type Integer to String',
        'Invalid conversion from runtime type Integer to String',
        '(a, b)'
    ]);
});

test('relational operators with null: false for numbers, a non-null String is greater than null', async () => {
    const lines = await run(`Integer n;
System.debug(n < 5);
System.debug(n >= 5);
String s;
System.debug('a' > s);
System.debug(s < 'a');
System.debug(s < s);`);
    assert.deepEqual(lines, ['false', 'false', 'true', 'true', 'false']);
});

test('Date plus or minus an Integer moves by days', async () => {
    assert.deepEqual(
        await run(
            'Date d = Date.newInstance(2024, 2, 28);\nSystem.debug(String.valueOf(d + 2));\nSystem.debug(String.valueOf(d - 28));'
        ),
        ['2024-03-01', '2024-01-31']
    );
});
