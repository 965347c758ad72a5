import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApexPrimitiveError } from '../../src/stdlib/builtin';
import { ApexDecimal } from '../../src/stdlib/primitives/decimal';
import { UnknownBehaviourError } from '../../src/stdlib/primitives/numbers';

const d = (s: string) => ApexDecimal.parse(s);

test('literal scale comes from its digits', () => {
    assert.equal(d('1.50').scale, 2);
    assert.equal(d('1.50').toString(), '1.50');
    assert.equal(d('7').scale, 0);
});

test('add/subtract take the larger scale, multiply sums scales', () => {
    assert.equal(d('1.50').add(d('2.125')).toString(), '3.625');
    assert.equal(d('1.50').subtract(d('2.125')).toString(), '-0.625');
    assert.equal(d('1.50').multiply(d('2.125')).toString(), '3.18750');
    assert.equal(d('1.1').add(d('2.20')).scale, 2);
});

test('1/31 matches the org: scale 34, rounded half-up', () => {
    const q = d('1').divide(d('31'));
    assert.equal(q.toString(), '0.0322580645161290322580645161290323');
    assert.equal(q.scale, 34);
});

test('terminating quotients are exact at the preferred scale', () => {
    assert.equal(d('10').divide(d('4')).toString(), '2.5');
    assert.equal(d('1.00').divide(d('4')).toString(), '0.25');
    assert.equal(d('6').divide(d('2.0')).toString(), '3');
    assert.equal(d('0').divide(d('3')).toString(), '0');
});

test('non-terminating quotient >= 1 keeps 34 significant digits (inferred rule)', () => {
    assert.equal(d('10').divide(d('3')).toString(), '3.333333333333333333333333333333333');
    assert.equal(d('-2').divide(d('3')).toString(), '-0.6666666666666666666666666666666667');
});

test('division by zero is a MathException', () => {
    assert.throws(
        () => d('1').divide(d('0')),
        (e: unknown) =>
            e instanceof ApexPrimitiveError && e.apexType === 'System.MathException' && e.message === 'Divide by 0'
    );
});

test('setScale defaults to half-even; explicit modes follow java.math.RoundingMode', () => {
    assert.equal(d('2.5').setScale(0).toString(), '2');
    assert.equal(d('3.5').setScale(0).toString(), '4');
    assert.equal(d('1.005').setScale(2).toString(), '1.00');
    assert.equal(d('1.5').setScale(3).toString(), '1.500');
    assert.equal(d('-2.5').setScale(0, 'HALF_UP').toString(), '-3');
    assert.equal(d('-2.5').setScale(0, 'HALF_DOWN').toString(), '-2');
    assert.equal(d('-2.1').setScale(0, 'CEILING').toString(), '-2');
    assert.equal(d('-2.1').setScale(0, 'FLOOR').toString(), '-3');
    assert.equal(d('-2.1').setScale(0, 'UP').toString(), '-3');
    assert.equal(d('-2.9').setScale(0, 'DOWN').toString(), '-2');
    assert.throws(() => d('1.25').setScale(1, 'UNNECESSARY'), ApexPrimitiveError);
    assert.equal(d('1.20').setScale(1, 'UNNECESSARY').toString(), '1.2');
});

test('documented rounding-mode examples (CEILING 5.5→6, 1.1→2, -1.1→-1, -2.7→-2)', () => {
    assert.deepEqual(
        ['5.5', '1.1', '-1.1', '-2.7'].map((s) => d(s).round('CEILING')),
        [6n, 2n, -1n, -2n]
    );
    assert.equal(d('2.5').round(), 2n);
    assert.equal(d('-3.5').round(), -4n);
});

test('divide(divisor, scale[, mode])', () => {
    assert.equal(d('19').divideWithScale(d('100'), 3).toString(), '0.190');
    assert.equal(d('2').divideWithScale(d('3'), 2).toString(), '0.67');
    assert.equal(d('2').divideWithScale(d('3'), 2, 'DOWN').toString(), '0.66');
});

test('precision, abs, pow, stripTrailingZeros', () => {
    assert.equal(d('123.123').precision(), 6);
    assert.equal(d('0.001').precision(), 1);
    assert.equal(d('-4.20').abs().toString(), '4.20');
    assert.equal(d('1.0').pow(3).toString(), '1.000');
    assert.equal(d('1.50').stripTrailingZeros().toString(), '1.5');
    assert.equal(d('100').stripTrailingZeros().toString(), '1E+2');
    assert.equal(d('0.000').stripTrailingZeros().toString(), '0');
});

test('toString switches to exponent notation like BigDecimal; toPlainString never does', () => {
    assert.equal(d('0.000001').toString(), '0.000001');
    assert.equal(d('0.0000001').toString(), '1E-7');
    assert.equal(d('-1.2E-9').toString(), '-1.2E-9');
    assert.equal(d('12E3').toString(), '1.2E+4');
    assert.equal(d('12E3').toPlainString(), '12000');
    assert.equal(d('0.0000001').toPlainString(), '0.0000001');
});

test('equality compares values, hash codes differ by scale (documented caveat)', () => {
    assert.ok(d('1.0').equals(d('1.00')));
    assert.equal(d('1.0').compareTo(d('2')), -1);
    assert.equal(d('1.10').hashCode(), 3412);
    assert.equal(d('1.1').hashCode(), 342);
    assert.equal(d('-123456789012345678901234.5').hashCode(), -292950204);
});

test('intValue/longValue truncate; doubleValue converts', () => {
    assert.equal(d('99999999999.99').intValue(), 1215752191);
    assert.equal(d('-7.9').intValue(), -7);
    assert.equal(d('-7.9').longValue(), -7n);
    assert.equal(d('1.25').doubleValue(), 1.25);
});

test('valueOf(Double) uses the Double.toString digits', () => {
    assert.equal(ApexDecimal.fromDouble(0.1).toString(), '0.1');
    assert.equal(ApexDecimal.fromDouble(1).toString(), '1.0');
    assert.equal(ApexDecimal.fromDouble(1e7).toString(), '1.0E+7');
});

test('valueOf(String) rejects junk', () => {
    assert.throws(
        () => d('abc'),
        (e: unknown) =>
            e instanceof ApexPrimitiveError &&
            e.apexType === 'System.TypeException' &&
            e.message === 'Invalid decimal: abc'
    );
    assert.throws(() => d('.'), ApexPrimitiveError);
    assert.equal(d('.5').toString(), '0.5');
});

test('format() groups and keeps up to three fraction digits (en_US)', () => {
    assert.equal(d('1234.5').format(), '1,234.5');
    assert.equal(d('1234567.12345').format(), '1,234,567.123');
    assert.equal(d('0.0005').format(), '0');
    assert.equal(d('-1234.50').format(), '-1,234.5');
});

test('documented Decimal examples', () => {
    assert.equal(d('12345.6789').format(), '12,345.679');
    assert.equal(d('12.4567').divideWithScale(d('7'), 2, 'UP').toString(), '1.78');
    assert.equal(d('4.12').pow(2).toString(), '16.9744');
    assert.equal(d('4.12').pow(0).toString(), '1');
    assert.deepEqual(
        ['4.5', '5.5', '5.2', '-5.7'].map((s) => d(s).round()),
        [4n, 6n, 5n, -6n]
    );
    assert.equal(d('8.987551787').setScale(3).toString(), '8.988');
    assert.equal(d('4000').setScale(-3).toString(), '4E+3');
    assert.equal(d('1.10000').stripTrailingZeros().toString(), '1.1');
    assert.equal(d('12345.6789').toPlainString(), '12345.6789');
    assert.equal(d('123.45').precision(), 5);
    assert.equal(d('9.27400968').scale, 8);
    assert.equal(d('1.602176565').intValue(), 1);
    assert.equal(d('376.730313461').longValue(), 376n);
    assert.equal(d('1.0').round('UNNECESSARY'), 1n);
    assert.throws(
        () => d('5.5').round('UNNECESSARY'),
        (e: unknown) => e instanceof ApexPrimitiveError && e.apexType === 'System.MathException'
    );
    assert.ok(ApexDecimal.fromDouble(2.718281828459045).equals(d('2.718281828459045')));
    assert.ok(d('-6.02214129').abs().equals(d('6.02214129')));
});

test('setScale outside –33..33 and format() of exponent values fail loudly', () => {
    assert.throws(() => d('1').setScale(34), UnknownBehaviourError);
    assert.throws(() => d('0.0000001').format(), UnknownBehaviourError);
});
