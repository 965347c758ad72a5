import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { Catalog } from '../../src/org/schema/catalog';
import { loadMetadata } from '../../src/org/schema/metadata';
import { SchemaError } from '../../src/org/schema/types';
import { Store } from '../../src/org/store';
import { ApexDatetime, ApexId } from '../../src/org/values';
import { checksumOf } from '../../src/stdlib/primitives/id';

function setup(userId: string | null = null) {
    const catalog = Catalog.standard();
    let t = 1_000;
    const store = new Store(catalog, { now: () => t++, userId: () => userId });
    return { catalog, store };
}

test('insert assigns an 18-character Id with the key prefix and a valid checksum', () => {
    const { store } = setup();
    const a = store.insert('Account', { Name: 'Acme' });
    assert.equal(a.id.length, 18);
    assert.equal(a.id.slice(0, 3), '001');
    assert.equal(a.id.slice(15), checksumOf(a.id.slice(0, 15)));
    const b = store.insert('Account', { Name: 'Globex' });
    assert.notEqual(a.id, b.id);
    assert.ok(a.id < b.id, 'ids grow, so sorting ids gives insertion order');
});

test('field names are case-insensitive and stored under canonical keys', () => {
    const { store, catalog } = setup();
    const a = store.insert('account', { NAME: 'Acme', numberofemployees: 5 });
    assert.equal(a.type, 'Account');
    assert.equal(a.values.get('name'), 'Acme');
    assert.equal(a.values.get('numberofemployees'), 5);
    assert.equal(catalog.field(catalog.object('Account'), 'numberofemployees').name, 'NumberOfEmployees');
});

test('unknown fields are errors naming object and field', () => {
    const { store } = setup();
    assert.throws(
        () => store.insert('Account', { Nmae: 'x' }),
        (e: unknown) => e instanceof SchemaError && /Invalid field Nmae for Account/.test(e.message)
    );
    assert.throws(
        () => store.insert('Opportunity', {}),
        (e: unknown) => e instanceof SchemaError && /Unknown object: Opportunity/.test(e.message)
    );
});

test('insert fills audit fields, IsDeleted, OwnerId and boolean defaults', () => {
    const userId = ApexId.of('005000000000001').id18;
    const { store } = setup(userId);
    const a = store.insert('Account', { Name: 'Acme' });
    assert.ok(a.values.get('createddate') instanceof ApexDatetime);
    assert.equal((a.values.get('createdbyid') as ApexId).id18, userId);
    assert.equal((a.values.get('ownerid') as ApexId).id18, userId);
    assert.equal(a.values.get('isdeleted'), false);
    assert.equal(a.values.get('ispartner'), false);
    assert.equal(a.values.has('lastactivitydate'), false, 'absent fields stay absent (read as null)');
});

test('custom checkbox defaults apply on insert', () => {
    const catalog = Catalog.standard();
    loadMetadata(catalog, [path.join(__dirname, 'fixtures', 'pkg')]);
    const store = new Store(catalog);
    const log = store.insert('Migration_Log__c', { Status__c: 'Pending' });
    assert.equal(log.values.get('retried__c'), true);
    assert.equal(log.id.slice(0, 3), 'a00');
});

test('User.Name and Contact.Name derive from FirstName and LastName, on insert and update', () => {
    const { store } = setup();
    const c = store.insert('Contact', { FirstName: 'Ann', LastName: 'Smith' });
    assert.equal(c.values.get('name'), 'Ann Smith');
    const c2 = store.update(c.id, { FirstName: null });
    assert.equal(c2.values.get('name'), 'Smith');
});

test('update replaces values and moves LastModifiedDate and SystemModstamp on', () => {
    const { store } = setup();
    const a = store.insert('Account', { Name: 'Acme' });
    const b = store.update(a.id, { Name: 'Acme 2' });
    assert.equal(b.values.get('name'), 'Acme 2');
    assert.equal(a.values.get('name'), 'Acme', 'records are immutable values');
    assert.ok(
        (b.values.get('lastmodifieddate') as ApexDatetime).ms > (a.values.get('lastmodifieddate') as ApexDatetime).ms
    );
    assert.equal((b.values.get('createddate') as ApexDatetime).ms, (a.values.get('createddate') as ApexDatetime).ms);
    assert.throws(() => store.update(a.id, { Id: a.id }), /Id of a record cannot change/);
});

test('get accepts 15- and 18-character Ids', () => {
    const { store } = setup();
    const a = store.insert('Account', { Name: 'Acme' });
    assert.equal(store.get(a.id.slice(0, 15))?.id, a.id);
    assert.equal(store.get(ApexId.of(a.id))?.id, a.id);
    assert.equal(store.get('not an id'), undefined);
    assert.equal(store.get('001000000000999'), undefined);
});

test('delete goes to the recycle bin where IsDeleted exists; undelete restores', () => {
    const { store } = setup();
    const a = store.insert('Account', { Name: 'Acme' });
    store.delete(a.id);
    assert.equal(store.get(a.id), undefined);
    assert.equal(store.get(a.id, { allRows: true })?.values.get('isdeleted'), true);
    assert.equal([...store.rows('Account')].length, 0);
    assert.equal([...store.rows('Account', { allRows: true })].length, 1);
    store.undelete(a.id);
    assert.equal(store.get(a.id)?.values.get('isdeleted'), false);
    assert.throws(() => store.undelete(a.id), /is not deleted/);
});

test('objects without IsDeleted are removed on delete', () => {
    const { store } = setup();
    const ps = store.insert('PermissionSet', { Name: 'P', Label: 'P' });
    store.delete(ps.id);
    assert.equal(store.get(ps.id, { allRows: true }), undefined);
});

test('lookup index finds children by parent Id and follows updates and deletes', () => {
    const { store } = setup();
    const a = store.insert('Account', { Name: 'A' });
    const b = store.insert('Account', { Name: 'B' });
    const c = store.insert('Contact', { LastName: 'X', AccountId: ApexId.of(a.id) });
    assert.deepEqual([...store.lookup('Contact', 'AccountId', a.id)], [c.id]);
    store.update(c.id, { AccountId: ApexId.of(b.id) });
    assert.deepEqual([...store.lookup('Contact', 'AccountId', a.id)], []);
    assert.deepEqual([...store.lookup('Contact', 'accountid', b.id)], [c.id]);
    store.hardDelete(c.id);
    assert.deepEqual([...store.lookup('Contact', 'AccountId', b.id)], []);
});

test('unique text lookups ignore case unless the field is case-sensitive', () => {
    const { store } = setup();
    const u = store.insert('User', { Username: 'Ann@Example.com', LastName: 'A' });
    assert.equal(store.findOther('User', 'Username', 'ann@example.COM', null)?.id, u.id);
    assert.equal(store.findOther('User', 'Username', 'ann@example.com', u.id), undefined);
});

test('snapshot and restore: later inserts, updates and deletes disappear; the snapshot can be restored again', () => {
    const { store } = setup();
    const a = store.insert('Account', { Name: 'A' });
    const c = store.insert('Contact', { LastName: 'X', AccountId: ApexId.of(a.id) });
    assert.equal(store.lookup('Contact', 'AccountId', a.id).size, 1);
    const snap = store.snapshot();
    store.update(a.id, { Name: 'changed' });
    store.insert('Account', { Name: 'B' });
    store.delete(c.id);
    store.insert('Contact', { LastName: 'Y', AccountId: ApexId.of(a.id) });
    assert.equal(store.count('Account'), 2);
    store.restore(snap);
    assert.equal(store.get(a.id)?.values.get('name'), 'A');
    assert.equal(store.count('Account'), 1);
    assert.equal(store.get(c.id)?.values.get('isdeleted'), false);
    assert.deepEqual([...store.lookup('Contact', 'AccountId', a.id)], [c.id], 'indexes follow the restored tables');
    store.insert('Account', { Name: 'C' });
    store.restore(snap);
    assert.equal(store.count('Account'), 1);
});

test('restore never reuses Ids handed out after the snapshot', () => {
    const { store } = setup();
    const snap = store.snapshot();
    const a = store.insert('Account', { Name: 'A' });
    store.restore(snap);
    const b = store.insert('Account', { Name: 'B' });
    assert.notEqual(a.id, b.id);
});

test('a table untouched since the snapshot stays shared (no copy)', () => {
    const { store } = setup();
    store.insert('Account', { Name: 'A' });
    const c = store.insert('Contact', { LastName: 'X' });
    const snap = store.snapshot();
    store.insert('Account', { Name: 'B' });
    // Contact was not written: the snapshot and the live store hold the same row object.
    assert.equal(store.get(c.id), [...snap.tables.get('contact')!.rows.values()][0]);
});

test('Id-valued text (15 or 18 characters) is stored as an 18-character ApexId, so lookups find it', () => {
    const { store } = setup();
    const a = store.insert('Account', { Name: 'A' });
    const c = store.insert('Contact', { LastName: 'X', AccountId: a.id.slice(0, 15) });
    const v = c.values.get('accountid');
    assert.ok(v instanceof ApexId);
    assert.equal(v.id18, a.id);
    assert.deepEqual([...store.lookup('Contact', 'AccountId', a.id)], [c.id]);
});
