/** `upsert rows Field;` names an external Id field: not emulated, so it must fail loudly, never upsert by Id. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from './helpers';

test('upsert on a named external Id field is an unsupported-construct diagnostic', async () => {
    const r = await load({
        'A.cls':
            'public class A {\n    static void m(List<Account> rows) {\n        upsert rows AccountNumber;\n    }\n}'
    });
    assert.deepEqual(
        r.diagnostics.map((d) => `${d.kind} ${d.line}:${d.column} ${d.message}`),
        ['unsupported 3:9 upsert on the external Id field AccountNumber is not supported by the local org']
    );
});

test('upsert by Id still loads', async () => {
    const r = await load({
        'A.cls': 'public class A {\n    static void m(List<Account> rows) {\n        upsert rows;\n    }\n}'
    });
    assert.deepEqual(r.diagnostics, []);
});
