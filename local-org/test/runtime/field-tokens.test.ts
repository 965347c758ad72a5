/**
 * Field tokens, field describes and Database.upsert on a field token (runtime/field-describe.ts): the cases the
 * probes cannot show, because they are errors.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exec, run } from './helpers';

test('a token compares equal to itself and names its field', async () => {
    assert.deepEqual(
        await run(
            'Schema.SObjectField f = Contact.LastName;\nSystem.debug(f == Contact.LastName);\nSystem.debug(f == Contact.FirstName);\nSystem.debug(String.valueOf(f.getDescribe().getName()));'
        ),
        ['true', 'false', 'LastName']
    );
});

test('getMap holds every field under its lower-case name and looks up without case', async () => {
    assert.deepEqual(
        await run(
            "Map<String, Schema.SObjectField> m = Account.SObjectType.getDescribe().fields.getMap();\nSystem.debug(m.containsKey('NAME'));\nSystem.debug(m.keySet().contains('name'));\nSystem.debug(m.get('Name') == Account.Name);\nSystem.debug(m.get('NoSuchField__c'));"
        ),
        ['true', 'true', 'true', 'null']
    );
});

test('Database.upsert on a field that is not an External Id throws SObjectException', async () => {
    const r = await exec(
        "List<Account> rows = new List<Account>{ new Account(Name = 'A') };\nDatabase.upsert(rows, Account.AccountNumber, false);"
    );
    assert.equal(r.success, false);
    assert.match(
        r.message ?? '',
        /SObjectException: Invalid field for upsert, must be an External Id custom or standard indexed field: AccountNumber/
    );
});

test('Database.upsert with a null token is a NullPointerException', async () => {
    const r = await exec(
        "Schema.SObjectField f;\nList<Account> rows = new List<Account>{ new Account(Name = 'A') };\nDatabase.upsert(rows, f, false);"
    );
    assert.equal(r.success, false);
    assert.match(r.message ?? '', /NullPointerException/);
});

test('a token of another object than the rows fails loudly', async () => {
    const r = await exec(
        "List<Account> rows = new List<Account>{ new Account(Name = 'A') };\nDatabase.upsert(rows, Contact.Id, false);"
    );
    assert.equal(r.success, false);
    assert.match(r.message ?? '', /upsert of Account rows on Contact.Id is not emulated/);
});
