import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApexPrimitiveError } from '../../src/stdlib/builtin';
import {
    ApexId,
    checksumOf,
    clearKeyPrefixes,
    newId,
    registerKeyPrefix,
    sobjectTypeOfPrefix
} from '../../src/stdlib/primitives/id';

function invalidId(text: string): void {
    assert.throws(
        () => ApexId.of(text),
        (e: unknown) =>
            e instanceof ApexPrimitiveError &&
            e.apexType === 'System.StringException' &&
            e.message === `Invalid id: ${text}`
    );
}

test('documented example 00300000003T2PG → 00300000003T2PGAA0', () => {
    assert.equal(checksumOf('00300000003T2PG'), 'AA0');
    assert.equal(ApexId.of('00300000003T2PG').toString(), '00300000003T2PGAA0');
});

test('15 → 18 for real-looking ids', () => {
    assert.equal(ApexId.of('001000000000001').toString(), '001000000000001AAA');
    assert.equal(ApexId.of('005xx000001Sv6A').toString(), '005xx000001Sv6AAAS');
    assert.equal(ApexId.of('a0B5g00000ABCDE').toString(), 'a0B5g00000ABCDEEA5');
});

test('15 and 18 forms are equal and hash alike; to15 and key prefix', () => {
    const a = ApexId.of('00300000003T2PG');
    const b = ApexId.of('00300000003T2PGAA0');
    assert.ok(a.equals(b));
    assert.equal(a.hashCode(), b.hashCode());
    assert.equal(b.to15(), '00300000003T2PG');
    assert.equal(b.keyPrefix(), '003');
    assert.ok(!a.equals(ApexId.of('00300000003t2pg')));
});

test('invalid ids are rejected with the platform text', () => {
    invalidId('xyz');
    invalidId('00300000003T2P');
    invalidId('00300000003T2PG-');
    invalidId('00300000003T2PGAA1');
    invalidId('00300000003T2PGaa0');
    assert.equal(ApexId.tryOf('nope'), null);
});

test('key prefix registry', () => {
    clearKeyPrefixes();
    registerKeyPrefix('001', 'Account');
    assert.equal(sobjectTypeOfPrefix('001'), 'Account');
    assert.equal(ApexId.of('001000000000001').sobjectType(), 'Account');
    assert.equal(sobjectTypeOfPrefix('003'), null);
    assert.throws(() => registerKeyPrefix('001', 'Contact'), /already belongs to Account/);
});

test('newId produces valid, distinct 18-character ids', () => {
    const a = newId('001', 1);
    const b = newId('001', 62);
    assert.equal(a.toString(), '001000000000001AAA');
    assert.equal(a.toString().length, 18);
    assert.equal(b.to15(), '001000000000010');
    assert.ok(!a.equals(b));
    assert.equal(ApexId.of(newId('a00', 123456789).toString()).keyPrefix(), 'a00');
    assert.throws(() => newId('00', 1), /Bad key prefix/);
});
