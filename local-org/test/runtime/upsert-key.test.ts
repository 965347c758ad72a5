/** `upsert rows Field;`: the field must be an External Id field of the rows' object, checked when the code loads. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from './helpers';

async function problems(body: string): Promise<string[]> {
    const r = await load({
        'A.cls': `public class A {\n    static void m(List<Account> rows, List<SObject> any) {\n${body}\n    }\n}`
    });
    return r.diagnostics.map((d) => `${d.kind} ${d.line}:${d.column} ${d.message}`);
}

test('a field that is not an External Id is the platform compile error', async () => {
    assert.deepEqual(await problems('        upsert rows AccountNumber;'), [
        'semantic 3:9 Invalid field for upsert, must be an External Id custom or standard indexed field: AccountNumber'
    ]);
});

test('a generic SObject list and user mode with a key field fail loudly', async () => {
    assert.deepEqual(await problems('        upsert any Code__c;'), [
        'unsupported 3:9 upsert on the field Code__c of a generic SObject list is not supported by the local org'
    ]);
});

test('upsert by Id, or on the Id field, still loads', async () => {
    assert.deepEqual(await problems('        upsert rows;\n        upsert rows Id;'), []);
});
