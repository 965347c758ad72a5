import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BuiltinHost, BuiltinMethod } from '../../src/stdlib/builtin';
import { MATH_FIELDS, MATH_STATIC_METHODS } from '../../src/stdlib/primitives/math';
import { ApexDouble, UnknownBehaviourError } from '../../src/stdlib/primitives/numbers';
import { ApexDecimal } from '../../src/stdlib/primitives/decimal';

const host = {} as BuiltinHost;
function call(name: string, params: string[], args: unknown[]): unknown {
    const m = MATH_STATIC_METHODS.find((x: BuiltinMethod) => x.name === name && x.params.join() === params.join());
    assert.ok(m, `no Math.${name}(${params})`);
    return m.impl(undefined, args, host);
}
const D = (v: number) => new ApexDouble(v);

test('Math.round(Double) is Java round half up toward +infinity', () => {
    assert.equal(call('round', ['Double'], [D(2.5)]), 3);
    assert.equal(call('round', ['Double'], [D(-2.5)]), -2);
    assert.equal(call('roundToLong', ['Double'], [D(1e12 + 0.5)]), 1000000000001n);
    assert.throws(() => call('round', ['Double'], [D(1e12)]), UnknownBehaviourError);
});

test('Math.round(Decimal) is half-even', () => {
    assert.equal(call('round', ['Decimal'], [ApexDecimal.parse('2.5')]), 2);
    assert.equal(call('round', ['Decimal'], [ApexDecimal.parse('3.5')]), 4);
});

test('abs/max/min/mod keep the argument type', () => {
    assert.equal(call('abs', ['Integer'], [-2147483648]), -2147483648);
    assert.equal(call('abs', ['Long'], [-5n]), 5n);
    assert.equal(call('max', ['Integer', 'Integer'], [3, 9]), 9);
    assert.equal(
        (
            call('min', ['Decimal', 'Decimal'], [ApexDecimal.parse('1.5'), ApexDecimal.parse('1.50')]) as ApexDecimal
        ).toString(),
        '1.5'
    );
    assert.equal(call('mod', ['Integer', 'Integer'], [-7, 3]), -1);
    assert.equal(call('mod', ['Long', 'Long'], [7n, 4n]), 3n);
});

test('floor/ceil/sqrt/pow', () => {
    assert.equal((call('floor', ['Double'], [D(-1.5)]) as ApexDouble).value, -2);
    assert.equal((call('ceil', ['Decimal'], [ApexDecimal.parse('1.01')]) as ApexDecimal).toString(), '2');
    assert.equal((call('sqrt', ['Double'], [D(16)]) as ApexDouble).value, 4);
    assert.equal((call('pow', ['Double', 'Double'], [D(2), D(10)]) as ApexDouble).value, 1024);
    const r = (call('random', [], []) as ApexDouble).value;
    assert.ok(r >= 0 && r < 1);
});

test('Decimal overloads return Decimals; Double overloads return Doubles (documented overload list)', () => {
    const r = call('sqrt', ['Decimal'], [ApexDecimal.parse('16')]);
    assert.ok(r instanceof ApexDecimal);
    assert.equal(String(r), '4.0');
    assert.ok(call('sin', ['Double'], [D(0)]) instanceof ApexDouble);
    assert.throws(() => call('log', ['Decimal'], [ApexDecimal.parse('0')]), UnknownBehaviourError);
    assert.equal((call('rint', ['Double'], [D(2.5)]) as ApexDouble).value, 2);
    assert.equal((call('rint', ['Double'], [D(3.5)]) as ApexDouble).value, 4);
    assert.equal(String(call('rint', ['Decimal'], [ApexDecimal.parse('2.5')])), '2');
    assert.equal((call('atan2', ['Double', 'Double'], [D(1), D(1)]) as ApexDouble).value, Math.PI / 4);
    assert.equal(MATH_FIELDS.PI.value, Math.PI);
});

test('documented Math examples', () => {
    assert.equal(call('abs', ['Integer'], [-42]), 42);
    assert.equal(
        String(call('max', ['Decimal', 'Decimal'], [ApexDecimal.parse('12.3'), ApexDecimal.parse('156.6')])),
        '156.6'
    );
    assert.equal(call('mod', ['Integer', 'Integer'], [12, 2]), 0);
    assert.equal(call('mod', ['Integer', 'Integer'], [8, 3]), 2);
    assert.equal(call('round', ['Decimal'], [ApexDecimal.parse('4.5')]), 4);
    assert.equal(call('round', ['Decimal'], [ApexDecimal.parse('5.5')]), 6);
    assert.equal(call('roundToLong', ['Decimal'], [ApexDecimal.parse('4.5')]), 4n);
});
