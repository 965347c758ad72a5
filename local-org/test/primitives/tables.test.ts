import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BuiltinMethod } from '../../src/stdlib/builtin';
import {
    ApexDate,
    ApexDatetime,
    ApexDecimal,
    ApexDouble,
    ApexId,
    ApexTime,
    PRIMITIVE_TYPES
} from '../../src/stdlib/primitives';
import type { FakeList } from './fake-host';
import { fakeHost } from './fake-host';

function method(type: string, name: string, isStatic: boolean, params: string[]): BuiltinMethod {
    const methods = PRIMITIVE_TYPES.find(([n]) => n === type)?.[1] ?? [];
    const m = methods.find((x) => x.name === name && x.isStatic === isStatic && x.params.join() === params.join());
    assert.ok(m, `no ${type}.${name}(${params})`);
    return m;
}
const call = (type: string, name: string, self: unknown, params: string[], ...args: unknown[]) =>
    method(type, name, self === undefined, params).impl(self, args, fakeHost);

test('no duplicate signatures in any type', () => {
    for (const [type, methods] of PRIMITIVE_TYPES) {
        const seen = new Set<string>();
        for (const m of methods) {
            const key = `${m.isStatic}:${m.name.toLowerCase()}(${m.params.join(',')})`;
            assert.ok(!seen.has(key), `${type} ${key}`);
            seen.add(key);
        }
    }
});

test('Decimal methods take RoundingMode enum values', () => {
    const d = ApexDecimal.parse('2.345');
    assert.equal(
        String(call('Decimal', 'setScale', d, ['Integer', 'System.RoundingMode'], 2, { name: 'DOWN' })),
        '2.34'
    );
    assert.equal(String(call('Decimal', 'setScale', d, ['Integer'], 2)), '2.34');
    assert.equal(call('Decimal', 'round', ApexDecimal.parse('2.5'), ['System.RoundingMode'], { name: 'HALF_UP' }), 3n);
    assert.equal(call('Decimal', 'scale', d, []), 3);
    assert.equal(String(call('Decimal', 'valueOf', undefined, ['Double'], new ApexDouble(0.1))), '0.1');
});

test('Integer/Long/Double conversions through the tables', () => {
    assert.equal(call('Integer', 'valueOf', undefined, ['String'], '12'), 12);
    assert.equal(call('Integer', 'format', 1234567, []), '1,234,567');
    assert.equal(call('Long', 'intValue', 4294967297n, []), 1);
    assert.equal(call('Double', 'round', new ApexDouble(-2.5), []), -2n);
    assert.equal(call('Double', 'format', new ApexDouble(1234.5678), []), '1,234.568');
});

test('Datetime fields follow host.timeZone(); Gmt variants do not', () => {
    const dt = ApexDatetime.newInstanceGmt(2024, 1, 6, 3, 0, 0);
    assert.equal(call('Datetime', 'hour', dt, []), 19);
    assert.equal(call('Datetime', 'hourGmt', dt, []), 3);
    assert.equal(call('Datetime', 'day', dt, []), 5);
    assert.equal(call('Datetime', 'format', dt, ['String', 'String'], 'HH:mm', 'Asia/Tokyo'), '12:00');
    const now = call('Datetime', 'now', undefined, []) as ApexDatetime;
    assert.equal(now.ms, fakeHost.nowMs());
    assert.equal(String(call('Date', 'today', undefined, [])), '2024-01-05');
    assert.equal(String(call('String', 'valueOfGmt', undefined, ['Datetime'], dt)), '2024-01-06 03:00:00');
});

test('Date and Time tables', () => {
    const d = ApexDate.newInstance(2024, 1, 31);
    assert.equal(String(call('Date', 'addMonths', d, ['Integer'], 1)), '2024-02-29');
    assert.equal(call('Date', 'daysInMonth', undefined, ['Integer', 'Integer'], 2023, 2), 28);
    assert.equal(
        String(call('Time', 'addMinutes', ApexTime.newInstance(0, 0, 0, 0), ['Integer'], -1)),
        '23:59:00.000Z'
    );
});

test('Id and Pattern/Matcher tables', () => {
    assert.equal(String(call('Id', 'valueOf', undefined, ['String'], '001000000000001')), '001000000000001AAA');
    assert.equal(call('Id', 'to15', ApexId.of('001000000000001AAA'), []), '001000000000001');
    const p = call('Pattern', 'compile', undefined, ['String'], '(\\d+)-(\\d+)');
    const m = call('Pattern', 'matcher', p, ['String'], 'call 555-1234 now');
    assert.equal(call('Matcher', 'find', m, []), true);
    assert.equal(call('Matcher', 'group', m, ['Integer'], 2), '1234');
    assert.equal(call('Matcher', 'start', m, []), 5);
    assert.equal(call('Pattern', 'matches', undefined, ['String', 'String'], '[a-z]+', 'abc'), true);
    const parts = call('Pattern', 'split', p, ['String'], 'a1-2b') as FakeList;
    assert.deepEqual(parts.items, ['a', 'b']);
});

test('Boolean.valueOf is true only for true in any case', () => {
    assert.equal(call('Boolean', 'valueOf', undefined, ['String'], 'TRUE'), true);
    assert.equal(call('Boolean', 'valueOf', undefined, ['String'], 'yes'), false);
    assert.equal(call('Boolean', 'valueOf', undefined, ['String'], null), false);
});

test('Matcher.quoteReplacement makes a replacement literal', () => {
    const q = call('Matcher', 'quoteReplacement', undefined, ['String'], 'a$1\\b') as string;
    assert.equal(q, 'a\\$1\\\\b');
    const m = call('Pattern', 'matcher', call('Pattern', 'compile', undefined, ['String'], 'x'), ['String'], 'axb');
    assert.equal(call('Matcher', 'replaceAll', m, ['String'], q), 'aa$1\\bb');
});
