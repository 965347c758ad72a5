import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { Catalog, parseFieldSpec } from '../../src/org/schema/catalog';
import { loadMetadata } from '../../src/org/schema/metadata';
import { SchemaError } from '../../src/org/schema/types';
import { STANDARD_OBJECTS } from '../../src/org/schema/standard';
import { ApexId, clearKeyPrefixes, sobjectTypeOfPrefix } from '../../src/stdlib/primitives/id';

const FIXTURES = path.join(__dirname, 'fixtures');

function schemaError(fn: () => unknown): SchemaError {
    try {
        fn();
    } catch (e) {
        assert.ok(e instanceof SchemaError, `expected SchemaError, got ${e}`);
        return e;
    }
    assert.fail('expected a SchemaError');
}

test('every object the brief lists is in the standard catalog', () => {
    const c = Catalog.standard();
    const wanted = [
        'User',
        'Profile',
        'UserLicense',
        'UserRole',
        'PermissionSet',
        'PermissionSetGroup',
        'PermissionSetGroupComponent',
        'PermissionSetAssignment',
        'PermissionSetLicense',
        'PermissionSetLicenseAssign',
        'CustomPermission',
        'SetupEntityAccess',
        'Network',
        'NetworkMember',
        'NetworkMemberGroup',
        'Account',
        'Contact',
        'Group',
        'GroupMember',
        'AsyncApexJob',
        'Organization',
        'UserAccessPolicy',
        'BatchApexErrorEvent'
    ];
    for (const name of wanted) assert.equal(c.object(name).name, name);
});

test('lookups ignore case and return canonical spellings', () => {
    const c = Catalog.standard();
    const user = c.object('uSeR');
    assert.equal(user.name, 'User');
    assert.equal(c.field(user, 'PROFILEID').name, 'ProfileId');
    assert.equal(user.parentRelationships.get('profile')?.name, 'ProfileId');
});

test('unknown objects and fields are errors that name them', () => {
    const c = Catalog.standard();
    assert.match(schemaError(() => c.object('Opportunity')).message, /Unknown object: Opportunity/);
    assert.match(schemaError(() => c.field(c.object('Account'), 'Foo')).message, /Unknown field: Account\.Foo/);
});

test('key prefixes are unique and map back to their object', () => {
    const c = Catalog.standard();
    const seen = new Set<string>();
    for (const o of c.allObjects()) {
        assert.ok(!seen.has(o.keyPrefix), `duplicate prefix ${o.keyPrefix}`);
        seen.add(o.keyPrefix);
        assert.equal(c.objectByPrefix(o.keyPrefix), o);
    }
    assert.equal(c.object('Account').keyPrefix, '001');
    assert.equal(c.object('Contact').keyPrefix, '003');
    assert.equal(c.object('User').keyPrefix, '005');
    assert.equal(c.object('Profile').keyPrefix, '00e');
});

test('setup objects follow the Apex guide list (mixed DML)', () => {
    const c = Catalog.standard();
    for (const n of [
        'User',
        'UserRole',
        'PermissionSet',
        'PermissionSetAssignment',
        'Group',
        'GroupMember',
        'SetupEntityAccess'
    ]) {
        assert.equal(c.object(n).isSetup, true, n);
    }
    for (const n of ['Account', 'Contact', 'Profile', 'NetworkMember', 'AsyncApexJob'])
        assert.equal(c.object(n).isSetup, false, n);
});

test('system fields: audit fields everywhere, IsDeleted only on recyclable objects, OwnerId where owned', () => {
    const c = Catalog.standard();
    const acc = c.object('Account');
    for (const f of [
        'Id',
        'IsDeleted',
        'CreatedDate',
        'CreatedById',
        'LastModifiedDate',
        'LastModifiedById',
        'SystemModstamp',
        'OwnerId'
    ]) {
        assert.ok(c.findField(acc, f), `Account.${f}`);
    }
    assert.equal(c.findField(c.object('User'), 'IsDeleted'), undefined);
    assert.equal(c.findField(c.object('User'), 'OwnerId'), undefined);
    assert.equal(c.field(acc, 'Id').createable, false);
    assert.equal(c.field(acc, 'CreatedById').referenceTo?.[0], 'User');
    assert.equal(acc.parentRelationships.get('createdby')?.name, 'CreatedById');
});

test('field properties from the notation: required, read-only, create-only, unique, restricted picklist, non-filterable', () => {
    const c = Catalog.standard();
    const user = c.object('User');
    const username = c.field(user, 'Username');
    assert.equal(username.nillable, false);
    assert.equal(username.unique, true);
    assert.equal(username.length, 80);
    const userType = c.field(user, 'UserType');
    assert.equal(userType.createable || userType.updateable, false);
    assert.equal(userType.restrictedPicklist, true);
    assert.ok(userType.picklistValues?.includes('PowerPartner'));
    const lic = c.field(c.object('Profile'), 'UserLicenseId');
    assert.equal(lic.createable, true);
    assert.equal(lic.updateable, false);
    assert.equal(c.field(c.object('UserLicense'), 'UsedLicenses').filterable, false);
    const active = c.field(user, 'IsActive');
    assert.equal(active.type, 'boolean');
    assert.equal(active.nillable, false);
    assert.equal(active.defaultedOnCreate, true);
});

test('compound names: User.Name and Contact.Name are read-only', () => {
    const c = Catalog.standard();
    assert.equal(c.field(c.object('User'), 'Name').createable, false);
    assert.equal(c.field(c.object('Contact'), 'Name').updateable, false);
    assert.equal(c.field(c.object('Account'), 'Name').createable, true);
});

test('child relationships: Account.Contacts, Account.Users, User.PermissionSetAssignments', () => {
    const c = Catalog.standard();
    assert.deepEqual(c.object('Account').childRelationships.get('contacts'), {
        name: 'Contacts',
        childObject: 'Contact',
        field: 'AccountId'
    });
    assert.equal(c.object('Account').childRelationships.get('users')?.field, 'AccountId');
    assert.equal(
        c.object('User').childRelationships.get('permissionsetassignments')?.childObject,
        'PermissionSetAssignment'
    );
});

test('polymorphic references list every target', () => {
    const c = Catalog.standard();
    assert.deepEqual(c.field(c.object('NetworkMemberGroup'), 'ParentId').referenceTo, ['Profile', 'PermissionSet']);
    assert.deepEqual(c.field(c.object('GroupMember'), 'UserOrGroupId').referenceTo, ['User', 'Group']);
});

test('platform events are not queryable', () => {
    const c = Catalog.standard();
    const e = c.object('BatchApexErrorEvent');
    assert.equal(e.isPlatformEvent, true);
    assert.equal(e.queryable, false);
});

test('the field notation rejects malformed specs', () => {
    assert.match(schemaError(() => parseFieldSpec('Bad spec')).message, /Bad field spec/);
    assert.match(schemaError(() => parseFieldSpec('X:widget')).message, /Bad field type/);
});

test('every spec line of the standard catalog parses', () => {
    for (const o of STANDARD_OBJECTS)
        for (const f of o.fields) assert.doesNotThrow(() => parseFieldSpec(f), `${o.name}: ${f}`);
});

test('metadata: custom objects get generated prefixes, standard fields, Name rules and __r relationships', () => {
    const c = Catalog.standard();
    loadMetadata(c, [path.join(FIXTURES, 'pkg')]);
    const log = c.object('migration_log__c');
    assert.equal(log.name, 'Migration_Log__c');
    assert.equal(log.keyPrefix, 'a00');
    assert.equal(c.object('Migration_Step__c').keyPrefix, 'a01');
    assert.equal(log.custom, true);
    for (const f of ['Id', 'Name', 'OwnerId', 'IsDeleted', 'CreatedDate', 'SystemModstamp'])
        assert.ok(c.findField(log, f), f);
    const name = c.field(log, 'Name');
    assert.equal(name.createable, false, 'auto-number names are not writable');
    const user = c.field(log, 'User__c');
    assert.equal(user.type, 'reference');
    assert.deepEqual(user.referenceTo, ['User']);
    assert.equal(user.relationshipName, 'User__r');
    assert.equal(log.parentRelationships.get('user__r'), user);
    assert.equal(c.object('User').childRelationships.get('migration_logs__r')?.childObject, 'Migration_Log__c');
    const status = c.field(log, 'Status__c');
    assert.deepEqual(status.picklistValues, ['Pending', 'Done']);
    assert.equal(status.restrictedPicklist, true);
    assert.equal(status.nillable, false);
    const key = c.field(log, 'Run_Key__c');
    assert.equal(key.length, 20);
    assert.equal(key.unique && key.externalId, true);
    assert.equal(c.field(log, 'Retried__c').defaultValue, true);
    const rows = c.field(log, 'Rows__c');
    assert.deepEqual([rows.type, rows.precision, rows.scale], ['double', 10, 2]);
});

test('metadata: master-detail children are required, not reparentable, and have no owner', () => {
    const c = Catalog.standard();
    loadMetadata(c, [path.join(FIXTURES, 'pkg')]);
    const step = c.object('Migration_Step__c');
    const log = c.field(step, 'Log__c');
    assert.equal(log.nillable, false);
    assert.equal(log.updateable, false);
    assert.equal(c.findField(step, 'OwnerId'), undefined);
    assert.equal(c.object('Migration_Log__c').childRelationships.get('steps__r')?.field, 'Log__c');
});

test('metadata: custom fields on standard objects and platform events', () => {
    const c = Catalog.standard();
    loadMetadata(c, [path.join(FIXTURES, 'pkg')]);
    const tier = c.field(c.object('Account'), 'tier__c');
    assert.equal(tier.type, 'multipicklist');
    assert.equal(tier.restrictedPicklist, false);
    const ev = c.object('Migration_Event__e');
    assert.equal(ev.isPlatformEvent, true);
    assert.equal(ev.queryable, false);
    assert.equal(ev.keyPrefix, 'e01');
    assert.equal(c.field(ev, 'Message__c').length, 5000);
    assert.ok(c.findField(ev, 'ReplayId'));
    assert.equal(c.findField(ev, 'Name'), undefined);
});

test('metadata: formula fields are rejected by name', () => {
    const e = schemaError(() => loadMetadata(Catalog.standard(), [path.join(FIXTURES, 'bad-formula')]));
    assert.match(e.message, /Calc__c\.field-meta\.xml: Bad__c\.Calc__c: formula fields are not supported/);
});

test('metadata: unknown field types are rejected by name', () => {
    const e = schemaError(() => loadMetadata(Catalog.standard(), [path.join(FIXTURES, 'bad-type')]));
    assert.match(e.message, /Bad__c\.Where__c: field type Location is not supported/);
});

test('metadata: fields on a standard object missing from the catalog are rejected', () => {
    const e = schemaError(() => loadMetadata(Catalog.standard(), [path.join(FIXTURES, 'bad-standard')]));
    assert.match(e.message, /standard object Opportunity is not in the local org catalog/);
});

test('registerPrefixes feeds Id.getSObjectType', () => {
    const c = Catalog.standard();
    loadMetadata(c, [path.join(FIXTURES, 'pkg')]);
    try {
        c.registerPrefixes();
        assert.equal(ApexId.of('005000000000001').sobjectType(), 'User');
        assert.equal(sobjectTypeOfPrefix('a00'), 'Migration_Log__c');
    } finally {
        clearKeyPrefixes();
    }
});
