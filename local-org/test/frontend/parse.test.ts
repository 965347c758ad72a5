import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkSoql, parseAnonymous, parseClassFile } from '../../src/frontend/parse';
import { load } from '../runtime/helpers';

test('lowers a class into our AST with positions', () => {
    const r = parseClassFile(
        'public class Foo {\n    public Integer x = 1;\n    public void m() { x++; }\n}',
        'Foo.cls'
    );
    assert.deepEqual(r.diagnostics, []);
    assert.equal(r.decl!.name, 'Foo');
    const m = r.decl!.members.find((x) => x.k === 'method');
    assert.ok(m && m.k === 'method');
    assert.equal(m.name, 'm');
    assert.deepEqual(m.pos, { line: 3, col: 17 });
    assert.equal(m.body!.stmts[0].k, 'expr');
});

test('reports syntax errors with file, line and column', () => {
    const r = parseAnonymous('Integer x = ;', 'a.apex');
    assert.equal(r.unit, null);
    assert.ok(r.diagnostics.length >= 1);
    assert.equal(r.diagnostics[0].kind, 'syntax');
    assert.equal(r.diagnostics[0].file, 'a.apex');
    assert.equal(r.diagnostics[0].line, 1);
    assert.equal(r.diagnostics[0].column, 13);
});

test('all syntax errors of all files are reported together', async () => {
    const r = await load({
        'A.cls': 'public class A { void m() { x = ; } }',
        'B.cls': 'public class B {\n  void m() { return return; }\n}'
    });
    assert.equal(r.project, undefined);
    const files = new Set(r.diagnostics.map((d) => d.file.replace(/.*\//, '')));
    assert.deepEqual([...files].sort(), ['A.cls', 'B.cls']);
    assert.ok(r.diagnostics.every((d) => d.kind === 'syntax'));
    assert.equal(r.diagnostics.find((d) => d.file.endsWith('B.cls'))!.line, 2);
});

test('a SOQL string must be a whole query (the parser does not demand EOF)', () => {
    assert.equal(checkSoql('SELECT Id FROM Account'), null);
    assert.match(checkSoql("SELECT Id FROM Account WHERE Name = 'a' junk junk") ?? '', /.+/);
});

test('skips -meta.xml files and reads .trigger files', async () => {
    const r = await load({
        'A.cls': 'public class A {}',
        'A.cls-meta.xml': '<xml/>',
        'T.trigger': 'trigger T on Account (before insert) { }'
    });
    assert.deepEqual(r.diagnostics, []);
    assert.equal(r.stats.files, 2);
});
