import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Catalog, makeField } from '../../src/org/schema/catalog';
import { Store, canonicalFields } from '../../src/org/store';
import type { FieldValue } from '../../src/org/values';
import { ApexId, ApexDate } from '../../src/org/values';
import {
    checkInsertId,
    checkLengths,
    checkPicklists,
    checkReferences,
    checkRequired,
    checkTypes,
    checkUnique,
    checkUpdateId,
    checkWritable,
    validateRow
} from '../../src/org/validate';

const catalog = Catalog.standard();
const fields = (o: Record<string, FieldValue>) => new Map(Object.entries(o).map(([k, v]) => [k.toLowerCase(), v]));
const acc = catalog.object('Account');
const user = catalog.object('User');

test('REQUIRED_FIELD_MISSING lists every missing required field on insert', () => {
    assert.deepEqual(checkRequired(acc, fields({}), 'insert'), {
        statusCode: 'REQUIRED_FIELD_MISSING',
        message: 'Required fields are missing: [Name]',
        fields: ['Name']
    });
    const e = checkRequired(user, fields({ LastName: 'x', Email: 'x@y.z' }), 'insert')!;
    assert.equal(e.statusCode, 'REQUIRED_FIELD_MISSING');
    assert.deepEqual(e.fields, [
        'Username',
        'Alias',
        'EmailEncodingKey',
        'LanguageLocaleKey',
        'LocaleSidKey',
        'TimeZoneSidKey',
        'ProfileId'
    ]);
    assert.equal(e.message, `Required fields are missing: [${e.fields.join(', ')}]`);
});

test('REQUIRED_FIELD_MISSING on update only for required fields set to null or blank', () => {
    assert.equal(checkRequired(acc, fields({ Phone: null }), 'update'), null);
    assert.deepEqual(checkRequired(acc, fields({ Name: null }), 'update')?.fields, ['Name']);
    assert.deepEqual(checkRequired(acc, fields({ Name: '' }), 'update')?.fields, ['Name']);
});

test('STRING_TOO_LONG names the field, the value and the maximum', () => {
    const long = 'x'.repeat(256);
    assert.deepEqual(checkLengths(acc, fields({ Name: long })), [
        {
            statusCode: 'STRING_TOO_LONG',
            message: `Name: data value too large: ${long} (max length=255)`,
            fields: ['Name']
        }
    ]);
    assert.deepEqual(checkLengths(acc, fields({ Name: 'x'.repeat(255) })), []);
});

test('INVALID_FIELD_FOR_INSERT_UPDATE: Id on insert, read-only fields, create-only fields on update', () => {
    assert.deepEqual(checkInsertId(fields({ Id: '001000000000001' })), {
        statusCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
        message: 'cannot specify Id in an insert call',
        fields: ['Id']
    });
    assert.equal(checkInsertId(fields({ Name: 'x' })), null);
    const ro = checkWritable(user, fields({ UserType: 'Standard', AccountId: null }), 'insert')!;
    assert.equal(ro.statusCode, 'INVALID_FIELD_FOR_INSERT_UPDATE');
    assert.deepEqual(ro.fields, ['UserType', 'AccountId']);
    assert.match(ro.message, /^Unable to create\/update fields: UserType, AccountId\. /);
    const prof = catalog.object('Profile');
    assert.equal(checkWritable(prof, fields({ UserLicenseId: null }), 'insert'), null);
    assert.deepEqual(checkWritable(prof, fields({ UserLicenseId: null }), 'update')?.fields, ['UserLicenseId']);
});

test('MISSING_ARGUMENT when an update has no Id', () => {
    assert.deepEqual(checkUpdateId(fields({ Name: 'x' })), {
        statusCode: 'MISSING_ARGUMENT',
        message: 'Id not specified in an update call',
        fields: []
    });
    assert.equal(checkUpdateId(fields({ Id: '001000000000001' })), null);
});

test('INVALID_TYPE_ON_FIELD_IN_RECORD for a value of the wrong Apex type', () => {
    assert.deepEqual(checkTypes(acc, fields({ NumberOfEmployees: 'many' })), [
        {
            statusCode: 'INVALID_TYPE_ON_FIELD_IN_RECORD',
            message: 'NumberOfEmployees: value not of required type: many',
            fields: ['NumberOfEmployees']
        }
    ]);
    assert.deepEqual(
        checkTypes(acc, fields({ IsPartner: true, NumberOfEmployees: 3, Name: 'a', ParentId: '001000000000001' })),
        []
    );
    assert.equal(
        checkTypes(catalog.object('Contact'), fields({ Birthdate: ApexDate.newInstance(2000, 1, 1) })).length,
        0
    );
    assert.equal(checkTypes(acc, fields({ ParentId: 'nope' }))[0].statusCode, 'INVALID_TYPE_ON_FIELD_IN_RECORD');
});

test('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST only for restricted picklists', () => {
    assert.deepEqual(checkPicklists(catalog.object('UserRole'), fields({ PortalType: 'Nope' })), [
        {
            statusCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
            message: 'PortalType: bad value for restricted picklist field: Nope',
            fields: ['PortalType']
        }
    ]);
    assert.deepEqual(checkPicklists(acc, fields({ Industry: 'Anything' })), [], 'unrestricted picklists take any text');
});

test('references: wrong object → FIELD_INTEGRITY_EXCEPTION; missing or deleted record → INVALID_CROSS_REFERENCE_KEY', () => {
    const store = new Store(catalog);
    const a = store.insert('Account', { Name: 'A' });
    const u = ApexId.of('005000000000001');
    assert.deepEqual(checkReferences(catalog, store, catalog.object('Contact'), fields({ AccountId: u })), [
        {
            statusCode: 'FIELD_INTEGRITY_EXCEPTION',
            message: `AccountId: id value of incorrect type: ${u.id18}`,
            fields: ['AccountId']
        }
    ]);
    assert.deepEqual(
        checkReferences(catalog, store, catalog.object('Contact'), fields({ AccountId: ApexId.of(a.id) })),
        []
    );
    store.delete(a.id);
    assert.deepEqual(checkReferences(catalog, store, catalog.object('Contact'), fields({ AccountId: a.id })), [
        { statusCode: 'INVALID_CROSS_REFERENCE_KEY', message: 'invalid cross reference id', fields: ['AccountId'] }
    ]);
});

test('DUPLICATE_VALUE for unique custom fields (case-insensitive) and DUPLICATE_USERNAME for User.Username', () => {
    const c = Catalog.standard();
    c.addField('Account', makeField({ name: 'Code__c', type: 'string', length: 10, unique: true, externalId: true }));
    const store = new Store(c);
    const a = store.insert('Account', { Name: 'A', Code__c: 'AbC' });
    const obj = c.object('Account');
    assert.deepEqual(checkUnique(store, obj, fields({ Code__c: 'abc' }), null), [
        {
            statusCode: 'DUPLICATE_VALUE',
            message: `duplicate value found: Code__c duplicates value on record with id: ${a.id}`,
            fields: ['Code__c']
        }
    ]);
    assert.deepEqual(
        checkUnique(store, obj, fields({ Code__c: 'abc' }), a.id),
        [],
        'a record does not collide with itself'
    );
    store.insert('User', { Username: 'a@b.c', LastName: 'A' });
    const dup = checkUnique(store, c.object('User'), fields({ Username: 'A@B.C' }), null);
    assert.equal(dup[0].statusCode, 'DUPLICATE_USERNAME');
    assert.deepEqual(dup[0].fields, ['Username']);
});

test('DUPLICATE_COMM_NICKNAME for a User.CommunityNickname another user holds', () => {
    const store = new Store(catalog);
    const first = store.insert('User', { Username: 'one@b.c', LastName: 'A', CommunityNickname: 'Nick' });
    const dup = checkUnique(store, user, fields({ Username: 'two@b.c', CommunityNickname: 'nick' }), null);
    assert.deepEqual(
        dup.map((e) => [e.statusCode, e.fields]),
        [['DUPLICATE_COMM_NICKNAME', ['CommunityNickname']]]
    );
    assert.deepEqual(checkUnique(store, user, fields({ CommunityNickname: 'Nick' }), first.id), []);
});

test('validateRow runs the checks in order and stops at an Id problem', () => {
    const store = new Store(catalog);
    assert.deepEqual(
        validateRow(catalog, store, acc, fields({ Id: '001000000000001', Name: null }), 'insert').map(
            (e) => e.statusCode
        ),
        ['INVALID_FIELD_FOR_INSERT_UPDATE']
    );
    assert.deepEqual(
        validateRow(catalog, store, acc, fields({ Name: 'x'.repeat(300), Industry: 'Any' }), 'insert').map(
            (e) => e.statusCode
        ),
        ['STRING_TOO_LONG']
    );
    assert.deepEqual(
        validateRow(catalog, store, acc, fields({}), 'insert').map((e) => e.statusCode),
        ['REQUIRED_FIELD_MISSING']
    );
    assert.deepEqual(validateRow(catalog, store, acc, fields({ Name: 'ok' }), 'insert'), []);
});

test('canonicalFields feeds validateRow: lower-case keys, unknown fields named, Id text as ApexId', () => {
    const store = new Store(catalog);
    const c = catalog.object('Contact');
    const f = canonicalFields(c, { lastname: 'X', AccountID: '001000000000001' });
    assert.deepEqual([...f.keys()], ['lastname', 'accountid']);
    assert.ok(f.get('accountid') instanceof ApexId);
    assert.throws(() => canonicalFields(c, { Nope: 1 }), /Invalid field Nope for Contact/);
    assert.deepEqual(
        validateRow(catalog, store, c, f, 'insert').map((e) => e.statusCode),
        ['INVALID_CROSS_REFERENCE_KEY']
    );
});
