import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApexPrimitiveError } from '../../src/stdlib/builtin';
import {
    ApexDouble,
    UnknownBehaviourError,
    dblDiv,
    doubleToInt,
    doubleToLong,
    formatInteger,
    intAdd,
    intDiv,
    intMod,
    intMul,
    intNeg,
    intShl,
    intShr,
    intSub,
    intUshr,
    javaDoubleToString,
    longAdd,
    longDiv,
    longMul,
    longShl,
    longUshr,
    longToInt,
    parseDouble,
    parseInteger,
    parseLong
} from '../../src/stdlib/primitives/numbers';

function apexError(fn: () => unknown): ApexPrimitiveError {
    try {
        fn();
    } catch (e) {
        assert.ok(e instanceof ApexPrimitiveError, `expected ApexPrimitiveError, got ${String(e)}`);
        return e;
    }
    assert.fail('expected an exception');
}

test('Integer addition wraps at 32 bits', () => {
    assert.equal(intAdd(2147483647, 1), -2147483648);
    assert.equal(intSub(-2147483648, 1), 2147483647);
});

test('Integer multiplication wraps like Java (365*24*60*60*1000)', () => {
    assert.equal(intMul(intMul(intMul(intMul(365, 24), 60), 60), 1000), 1471228928);
    assert.equal(intMul(65536, 65536), 0);
});

test('Integer division truncates toward zero', () => {
    assert.equal(intDiv(-7, 2), -3);
    assert.equal(intDiv(7, -2), -3);
    assert.equal(intDiv(7, 2), 3);
    assert.equal(intDiv(-2147483648, -1), -2147483648);
});

test('Integer division by zero is a MathException', () => {
    const e = apexError(() => intDiv(1, 0));
    assert.equal(e.apexType, 'System.MathException');
    assert.equal(e.message, 'Divide by 0');
});

test('Math.mod keeps the sign of the dividend and never yields -0', () => {
    assert.equal(intMod(-7, 3), -1);
    assert.equal(intMod(7, -3), 1);
    assert.ok(Object.is(intMod(-6, 3), 0));
});

test('Integer negation of MIN wraps to MIN', () => {
    assert.equal(intNeg(-2147483648), -2147483648);
});

test('Integer shifts mask the distance to 5 bits; >>> is unsigned', () => {
    assert.equal(intShl(1, 33), 2);
    assert.equal(intShr(-8, 1), -4);
    assert.equal(intUshr(-8, 28), 15);
    assert.equal(intUshr(-1, 0), -1);
});

test('Long arithmetic wraps at 64 bits', () => {
    assert.equal(longAdd(9223372036854775807n, 1n), -9223372036854775808n);
    assert.equal(longMul(4294967296n, 4294967296n), 0n);
    assert.equal(longDiv(-7n, 2n), -3n);
    assert.equal(longShl(1n, 64), 1n);
    assert.equal(longUshr(-1n, 60), 15n);
    assert.equal(apexError(() => longDiv(1n, 0n)).message, 'Divide by 0');
});

test('narrowing conversions follow Java casts', () => {
    assert.equal(longToInt(4294967297n), 1);
    assert.equal(longToInt(2147483648n), -2147483648);
    assert.equal(doubleToInt(-7.9), -7);
    assert.equal(doubleToInt(1e20), 2147483647);
    assert.equal(doubleToInt(NaN), 0);
    assert.equal(doubleToLong(-1e30), -9223372036854775808n);
});

test('Integer.valueOf parses Java-style and rejects junk with the platform text', () => {
    assert.equal(parseInteger('42'), 42);
    assert.equal(parseInteger('-17'), -17);
    assert.equal(parseInteger('+5'), 5);
    const e = apexError(() => parseInteger('abc'));
    assert.equal(e.apexType, 'System.TypeException');
    assert.equal(e.message, 'Invalid integer: abc');
    assert.equal(apexError(() => parseInteger('2147483648')).message, 'Invalid integer: 2147483648');
    assert.equal(apexError(() => parseInteger('1.5')).message, 'Invalid integer: 1.5');
    assert.equal(apexError(() => parseInteger(' 1')).message, 'Invalid integer:  1');
});

test('Long.valueOf and Double.valueOf', () => {
    assert.equal(parseLong('9223372036854775807'), 9223372036854775807n);
    assert.equal(apexError(() => parseLong('9223372036854775808')).message, 'Invalid long: 9223372036854775808');
    assert.equal(parseDouble('1.5').value, 1.5);
    assert.equal(parseDouble(' 2e3 ').value, 2000);
    assert.equal(apexError(() => parseDouble('x1')).message, 'Invalid double: x1');
});

test('Double.toString follows Java', () => {
    const cases: Array<[number, string]> = [
        [1, '1.0'],
        [1e7, '1.0E7'],
        [9999999, '9999999.0'],
        [0.001, '0.001'],
        [1e-4, '1.0E-4'],
        [123456789, '1.23456789E8'],
        [12345678.9, '1.23456789E7'],
        [0.1 + 0.2, '0.30000000000000004'],
        [100, '100.0'],
        [1 / 3, '0.3333333333333333'],
        [-0, '-0.0'],
        [-2.5, '-2.5'],
        [NaN, 'NaN']
    ];
    for (const [v, s] of cases) assert.equal(javaDoubleToString(v), s, `for ${v}`);
    assert.equal(String(new ApexDouble(1)), '1.0');
});

test('Double division by zero fails loudly (platform behaviour not pinned)', () => {
    assert.throws(() => dblDiv(new ApexDouble(1), new ApexDouble(0)), UnknownBehaviourError);
});

test('Integer.format groups thousands for en_US', () => {
    assert.equal(formatInteger(1234567), '1,234,567');
    assert.equal(formatInteger(-1234), '-1,234');
    assert.equal(formatInteger(999), '999');
    assert.equal(formatInteger(12345678901n), '12,345,678,901');
});
