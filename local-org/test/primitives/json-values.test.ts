import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApexPrimitiveError } from '../../src/stdlib/builtin';
import { ApexDate, ApexDatetime, ApexTime } from '../../src/stdlib/primitives/datetime';
import { ApexDecimal } from '../../src/stdlib/primitives/decimal';
import { ApexId } from '../../src/stdlib/primitives/id';
import { parseJson, writeCompact } from '../../src/stdlib/primitives/json-text';
import { jsonToPrimitive, primitiveToJson, untypedNumber } from '../../src/stdlib/primitives/json-values';
import { ApexDouble, UnknownBehaviourError } from '../../src/stdlib/primitives/numbers';

const out = (v: unknown) => writeCompact(primitiveToJson(v)!);

test('primitives serialize as Apex/Jackson writes them', () => {
    assert.equal(out(null), 'null');
    assert.equal(out(42), '42');
    assert.equal(out(9007199254740993n), '9007199254740993');
    assert.equal(out(new ApexDouble(1)), '1.0');
    assert.equal(out(new ApexDouble(1e7)), '1.0E7');
    assert.equal(out(ApexDecimal.parse('1.50')), '1.50');
    assert.equal(out(ApexDecimal.parse('0.0000001')), '1E-7');
    assert.equal(out('a"b'), '"a\\"b"');
    assert.equal(out(ApexId.of('001000000000001')), '"001000000000001AAA"');
    assert.equal(out(ApexDate.newInstance(2024, 1, 5)), '"2024-01-05"');
    assert.equal(out(ApexDatetime.newInstanceGmt(2024, 1, 5, 10, 0, 0)), '"2024-01-05T10:00:00.000Z"');
    assert.equal(out(ApexTime.newInstance(10, 0, 0, 0)), '"10:00:00.000Z"');
    assert.equal(primitiveToJson({}), undefined);
    assert.throws(() => out(new ApexDouble(NaN)), UnknownBehaviourError);
});

test('untyped numbers: Integer, then Long, else Decimal', () => {
    assert.equal(untypedNumber('7'), 7);
    assert.equal(untypedNumber('2147483648'), 2147483648n);
    assert.equal(String(untypedNumber('1.50')), '1.50');
    assert.equal(String(untypedNumber('99999999999999999999')), '99999999999999999999');
    assert.ok(untypedNumber('1e2') instanceof ApexDecimal);
});

test('typed reads', () => {
    const node = (t: string) => parseJson(t);
    assert.equal(jsonToPrimitive(node('5'), 'Integer'), 5);
    assert.equal(jsonToPrimitive(node('5'), 'Long'), 5n);
    assert.equal((jsonToPrimitive(node('2.5'), 'Double') as ApexDouble).value, 2.5);
    assert.equal(String(jsonToPrimitive(node('2.50'), 'Decimal')), '2.50');
    assert.equal(jsonToPrimitive(node('null'), 'Integer'), null);
    assert.equal(jsonToPrimitive(node('"x"'), 'MyClass'), undefined);
    assert.equal(String(jsonToPrimitive(node('"2024-01-05"'), 'Date')), '2024-01-05');
    const dt = jsonToPrimitive(node('"2024-01-05T10:00:00.000+0100"'), 'Datetime') as ApexDatetime;
    assert.equal(new Date(dt.ms).toISOString(), '2024-01-05T09:00:00.000Z');
    const dt2 = jsonToPrimitive(node('"2024-01-05T10:00:00Z"'), 'Datetime') as ApexDatetime;
    assert.equal(new Date(dt2.ms).toISOString(), '2024-01-05T10:00:00.000Z');
    assert.equal(String(jsonToPrimitive(node('"10:30:00.000Z"'), 'Time')), '10:30:00.000Z');
    assert.equal(String(jsonToPrimitive(node('"001000000000001"'), 'Id')), '001000000000001AAA');
});

test('mismatches fail loudly or with JSONException', () => {
    assert.throws(() => jsonToPrimitive(parseJson('1.5'), 'Integer'), UnknownBehaviourError);
    assert.throws(() => jsonToPrimitive(parseJson('"1"'), 'Integer'), UnknownBehaviourError);
    assert.throws(
        () => jsonToPrimitive(parseJson('"05/01/2024"'), 'Date'),
        (e: unknown) => e instanceof ApexPrimitiveError && e.apexType === 'System.JSONException'
    );
    assert.throws(
        () => jsonToPrimitive(parseJson('"2024-02-30T00:00:00Z"'), 'Datetime'),
        (e: unknown) => e instanceof ApexPrimitiveError && e.apexType === 'System.JSONException'
    );
});
