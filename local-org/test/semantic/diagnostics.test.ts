import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exec, load, run } from '../runtime/helpers';

async function messages(files: Record<string, string>): Promise<string[]> {
    const r = await load(files);
    assert.equal(r.project, undefined, 'expected diagnostics');
    return r.diagnostics.map((d) => `${d.kind} ${d.line}:${d.column} ${d.message}`);
}

test('unknown variables, types and methods are semantic diagnostics with positions', async () => {
    const ms = await messages({
        'A.cls': [
            'public class A {',
            '    void m() {',
            '        Integer x = y;',
            '        Foo f;',
            '        String s = this.nope(1);',
            '    }',
            '}'
        ].join('\n')
    });
    assert.ok(ms.includes('semantic 3:21 Variable does not exist: y'), ms.join('\n'));
    assert.ok(ms.includes('semantic 4:9 Invalid type: Foo'), ms.join('\n'));
    assert.ok(
        ms.some(
            (m) =>
                m.startsWith('semantic 5:') &&
                m.includes('Method does not exist or incorrect signature: void nope(Integer) from the type A')
        ),
        ms.join('\n')
    );
});

test('every unsupported library member is reported before anything runs', async () => {
    const ms = await messages({
        'A.cls':
            'public class A {\n    static void m() {\n        Crypto.getRandomInteger();\n        EncodingUtil.base64Encode(null);\n    }\n}'
    });
    assert.deepEqual(ms, [
        'unsupported 3:16 Crypto.getRandomInteger is not supported by the local org',
        'unsupported 4:22 EncodingUtil.base64Encode is not supported by the local org'
    ]);
});

test('illegal assignments are rejected at load time', async () => {
    const ms = await messages({
        'A.cls': "public class A {\n    static void m() {\n        Integer i = 'x';\n    }\n}"
    });
    assert.deepEqual(ms, ['semantic 3:17 Illegal assignment from String to Integer']);
});

test('names are case-insensitive', async () => {
    const lines = await run(
        'LIST<integer> XS = new list<INTEGER>{1, 2};\nsystem.DEBUG(xs.SIZE());\nCaseTest.Shout();',
        {
            'CaseTest.cls': "public class casetest { public static void shout() { System.debug('hi'); } }"
        }
    );
    assert.deepEqual(lines, ['2', 'hi']);
});

test('a project class named like a System class shadows it', async () => {
    const lines = await run('System.debug(Limits.getQueries());', {
        'Limits.cls': "public class Limits { public static String getQueries() { return 'mine'; } }"
    });
    assert.deepEqual(lines, ['mine']);
});

test('overloads choose the most specific signature, with Integer→Long→Decimal widening', async () => {
    const files = {
        'O.cls': [
            'public class O {',
            "    public static String f(Decimal x) { return 'Decimal'; }",
            "    public static String f(Long x) { return 'Long'; }",
            "    public static String f(Object x) { return 'Object'; }",
            "    public static String g(Decimal x) { return 'g' + x; }",
            '}'
        ].join('\n')
    };
    const lines = await run(
        "System.debug(O.f(1));\nSystem.debug(O.f(1.5));\nSystem.debug(O.f('s'));\nSystem.debug(O.g(3));",
        files
    );
    assert.deepEqual(lines, ['Long', 'Decimal', 'Object', 'g3']);
});

test('dynamic SOQL binds resolve in the caller scope; an unknown name is a QueryException', async () => {
    const ok = await exec('List<SObject> rows = [SELECT Id FROM Account];\nSystem.debug(rows.size());');
    assert.equal(ok.success, true);
    assert.deepEqual(ok.debugLines, ['USER_DEBUG [2]|DEBUG|0']);
    const d = await exec(
        "insert new Account(Name = 'x');\nString n = 'X';\nSystem.debug(Database.query('SELECT Name FROM Account WHERE Name = :n').size());"
    );
    assert.equal(d.success, true, d.message ?? '');
    assert.deepEqual(d.debugLines, ['USER_DEBUG [3]|DEBUG|1']);
    const missing = await exec(
        "try { Database.query('SELECT Id FROM Account WHERE Name = :nope'); } catch (QueryException e) { System.debug(e.getMessage()); }"
    );
    assert.deepEqual(missing.debugLines, ['USER_DEBUG [1]|DEBUG|Variable does not exist: nope']);
});

test('exception classes must be named ...Exception', async () => {
    const ms = await messages({ 'A.cls': 'public class A {\n    public class Oops extends Exception {}\n}' });
    assert.equal(ms.length, 1);
    assert.match(ms[0], /must have a name ending in 'Exception'/);
});

test('private members are visible only inside their top-level class; @TestVisible opens them to tests', async () => {
    const svc = `public class Svc {
    private static Integer secret = 1;
    @TestVisible private static Integer forTests = 2;
    protected Integer prot;
    Integer byDefault;
    private static Integer hidden() { return 3; }
    public class Inner { Integer peek() { return secret + hidden(); } }
}`;
    const ms = await messages({
        'Svc.cls': svc,
        'Other.cls':
            'public class Other {\n    static Integer a() { return Svc.secret; }\n    static Integer b() { return Svc.hidden(); }\n    static Integer c() { return Svc.forTests; }\n}'
    });
    assert.deepEqual(ms, [
        'semantic 2:37 Variable is not visible: Svc.secret',
        'semantic 3:37 Method is not visible: Integer Svc.hidden()',
        'semantic 4:37 Variable is not visible: Svc.forTests'
    ]);
    const ok = await load({
        'Svc.cls': svc,
        'SvcTest.cls': '@IsTest private class SvcTest { @IsTest static void t() { Assert.areEqual(2, Svc.forTests); } }'
    });
    assert.deepEqual(ok.diagnostics, []);
});

test('a non-void method must return on every path; only some expressions can be statements', async () => {
    const ms = await messages({
        'R.cls': [
            'public class R {',
            '    static Integer a(Boolean b) { if (b) { return 1; } }',
            '    static Integer ok1(Boolean b) { if (b) { return 1; } else { throw new IllegalArgumentException(); } }',
            '    static Integer ok2() { while (true) { } }',
            '    static void c() { Integer x = 1; x + 1; }',
            '}'
        ].join('\n')
    });
    assert.deepEqual(ms, [
        'semantic 2:20 Missing return statement required return type: Integer',
        'semantic 5:38 Expression cannot be a statement.'
    ]);
});

test('binds inside inline SOQL are resolved at load time', async () => {
    const ms = await messages({
        'Q.cls':
            "public class Q {\n    static void m() {\n        String name = 'x';\n        List<SObject> rows = [SELECT Id FROM Account WHERE Name = :name AND Id IN :missing];\n    }\n}"
    });
    assert.deepEqual(ms, ['semantic 4:84 Variable does not exist: missing']);
});

test('instanceof that is always true or always false does not compile', async () => {
    const ms = await messages({
        'I.cls':
            "public class I {\n    static void m() {\n        String s = 'x';\n        Boolean a = s instanceof Object;\n        Boolean b = s instanceof Integer;\n        Object o = s;\n        Boolean c = o instanceof String;\n    }\n}"
    });
    assert.deepEqual(ms, [
        'semantic 4:21 Operation instanceof is always true since an instance of String is always an instance of Object',
        'semantic 5:21 Operation instanceof is always false since an instance of String is never an instance of Integer'
    ]);
});

test('a property with a private setter cannot be assigned from another class', async () => {
    const ms = await messages({
        'P.cls':
            'public class P {\n    public Integer count { get; private set; }\n    public void bump() { count = 1; }\n}',
        'Q.cls':
            'public class Q {\n    static void m(P p) {\n        Integer read = p.count;\n        p.count = 2;\n    }\n}'
    });
    assert.deepEqual(ms, ['semantic 4:11 Variable is not visible: P.count']);
});

test('final locals and fields cannot be reassigned outside initialisers and constructors', async () => {
    const ms = await messages({
        'F.cls': [
            'public class F {',
            '    final Integer a = 1;',
            '    final Integer b;',
            '    static final Integer C;',
            '    static { C = 3; }',
            '    public F() { b = 2; }',
            '    void m() {',
            '        final Integer x = 1;',
            '        x = 2;',
            '        a = 5;',
            '    }',
            '}'
        ].join('\n')
    });
    assert.deepEqual(ms, [
        'semantic 9:9 Final variable has already been initialized: x',
        'semantic 10:9 Final variable has already been initialized: a'
    ]);
});

test('integer literals must fit; -2147483648 is allowed', async () => {
    const ms = await messages({
        'L.cls':
            'public class L {\n    Integer ok = -2147483648;\n    Integer bad = 2147483648;\n    Long badLong = 9223372036854775808L;\n}'
    });
    assert.deepEqual(ms, [
        'semantic 3:19 Illegal integer: 2147483648',
        'semantic 4:20 Illegal long: 9223372036854775808'
    ]);
});

test('inner classes are private by default', async () => {
    const ms = await messages({
        'Outer.cls':
            'public class Outer {\n    class Hidden { }\n    public class Shown { }\n    Hidden h = new Hidden();\n}',
        'User2.cls': 'public class User2 {\n    Outer.Shown ok;\n    Outer.Hidden no;\n}'
    });
    assert.deepEqual(ms, ['semantic 3:5 Type is not visible: Outer.Hidden']);
});

test('a class must be declared in a file of its own name', async () => {
    const ms = await messages({ 'Wrong.cls': 'public class Right { }' });
    assert.deepEqual(ms, ['semantic 1:14 Class name Right does not match its file name Wrong.cls']);
});

test('SOSL and merge type-check and fail at run time as emulator errors', async () => {
    const sosl = await exec(
        "String term = 'acme';\nList<List<SObject>> hits = [FIND :term IN ALL FIELDS RETURNING Account(Id)];"
    );
    assert.equal(sosl.emulatorError, true);
    assert.match(sosl.message!, /SOSL is not supported by the local org/);
    const dml = await exec("Account a = new Account(Name = 'a');\nAccount b = new Account(Name = 'b');\nmerge a b;");
    assert.equal(dml.emulatorError, true);
    assert.match(dml.message!, /merge is not supported by the local org.*line 3/);
    const ms = await messages({
        'S.cls':
            'public class S {\n    static void m() {\n        List<List<SObject>> r = [FIND :nope IN ALL FIELDS RETURNING Account(Id)];\n    }\n}'
    });
    assert.deepEqual(ms, ['semantic 3:40 Variable does not exist: nope']);
});

test('cyclic inheritance is a diagnostic, not a hang', async () => {
    const r = await load({
        'A.cls': 'public virtual class A extends B {}',
        'B.cls': 'public virtual class B extends A {}'
    });
    assert.deepEqual(
        r.diagnostics.map((d) => d.message),
        ['Cyclic inheritance involving B']
    );
});

test('a call that fits two overloads equally well is ambiguous', async () => {
    const ms = await messages({
        'A.cls':
            "public class A {\n    static String f(String s) { return 's'; }\n    static String f(Integer i) { return 'i'; }\n    static String g() { return f(null); }\n}"
    });
    assert.deepEqual(ms, [
        'semantic 4:32 Ambiguous method call, it matches: String A.f(String) and String A.f(Integer)'
    ]);
});
