import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dateLiteralRange, dayStartMs, isSupportedDateLiteral } from '../../src/org/soql/dates';
import { ApexDate } from '../../src/stdlib/primitives/datetime';

// Wednesday 2026-05-20.
const today = ApexDate.newInstance(2026, 5, 20);
const d = (y: number, m: number, day: number) => ApexDate.newInstance(y, m, day).epochDay();
const range = (name: string, n: number | null = null) => {
    const r = dateLiteralRange(name, n, today);
    return [ApexDate.fromEpochDay(r.start).toString(), ApexDate.fromEpochDay(r.end - 1).toString()];
};

test('days: YESTERDAY, TODAY, TOMORROW', () => {
    assert.deepEqual(range('YESTERDAY'), ['2026-05-19', '2026-05-19']);
    assert.deepEqual(range('TODAY'), ['2026-05-20', '2026-05-20']);
    assert.deepEqual(range('TOMORROW'), ['2026-05-21', '2026-05-21']);
});

test('weeks start on Sunday (en_US)', () => {
    assert.deepEqual(range('THIS_WEEK'), ['2026-05-17', '2026-05-23']);
    assert.deepEqual(range('LAST_WEEK'), ['2026-05-10', '2026-05-16']);
    assert.deepEqual(range('NEXT_WEEK'), ['2026-05-24', '2026-05-30']);
    assert.deepEqual(range('LAST_N_WEEKS', 2), ['2026-05-03', '2026-05-16']);
    assert.deepEqual(range('NEXT_N_WEEKS', 1), ['2026-05-24', '2026-05-30']);
    assert.deepEqual(range('N_WEEKS_AGO', 1), ['2026-05-10', '2026-05-16']);
});

test('N days: LAST_N_DAYS and LAST_90_DAYS include today; NEXT_N_DAYS starts tomorrow', () => {
    assert.deepEqual(range('LAST_N_DAYS', 1), ['2026-05-19', '2026-05-20']);
    assert.deepEqual(range('LAST_90_DAYS'), [ApexDate.fromEpochDay(d(2026, 5, 20) - 90).toString(), '2026-05-20']);
    assert.deepEqual(range('NEXT_N_DAYS', 3), ['2026-05-21', '2026-05-23']);
    assert.deepEqual(range('NEXT_90_DAYS'), ['2026-05-21', ApexDate.fromEpochDay(d(2026, 5, 21) + 89).toString()]);
    assert.deepEqual(range('N_DAYS_AGO', 5), ['2026-05-15', '2026-05-15']);
});

test('months', () => {
    assert.deepEqual(range('THIS_MONTH'), ['2026-05-01', '2026-05-31']);
    assert.deepEqual(range('LAST_MONTH'), ['2026-04-01', '2026-04-30']);
    assert.deepEqual(range('NEXT_MONTH'), ['2026-06-01', '2026-06-30']);
    assert.deepEqual(range('LAST_N_MONTHS', 3), ['2026-02-01', '2026-04-30']);
    assert.deepEqual(range('NEXT_N_MONTHS', 2), ['2026-06-01', '2026-07-31']);
    assert.deepEqual(range('N_MONTHS_AGO', 5), ['2025-12-01', '2025-12-31']);
});

test('quarters and years (calendar)', () => {
    assert.deepEqual(range('THIS_QUARTER'), ['2026-04-01', '2026-06-30']);
    assert.deepEqual(range('LAST_QUARTER'), ['2026-01-01', '2026-03-31']);
    assert.deepEqual(range('NEXT_QUARTER'), ['2026-07-01', '2026-09-30']);
    assert.deepEqual(range('LAST_N_QUARTERS', 2), ['2025-10-01', '2026-03-31']);
    assert.deepEqual(range('NEXT_N_QUARTERS', 2), ['2026-07-01', '2026-12-31']);
    assert.deepEqual(range('THIS_YEAR'), ['2026-01-01', '2026-12-31']);
    assert.deepEqual(range('LAST_YEAR'), ['2025-01-01', '2025-12-31']);
    assert.deepEqual(range('NEXT_YEAR'), ['2027-01-01', '2027-12-31']);
    assert.deepEqual(range('LAST_N_YEARS', 2), ['2024-01-01', '2025-12-31']);
    assert.deepEqual(range('NEXT_N_YEARS', 1), ['2027-01-01', '2027-12-31']);
    assert.deepEqual(range('N_YEARS_AGO', 3), ['2023-01-01', '2023-12-31']);
});

test('fiscal literals are not supported (they depend on the org fiscal year)', () => {
    assert.equal(isSupportedDateLiteral('THIS_FISCAL_YEAR'), false);
    assert.equal(isSupportedDateLiteral('TODAY'), true);
    assert.throws(() => dateLiteralRange('THIS_FISCAL_QUARTER', null, today), /Unsupported date literal/);
});

test('day starts are instants in the zone, DST included', () => {
    assert.equal(dayStartMs(d(2026, 5, 20), 'UTC'), Date.UTC(2026, 4, 20));
    assert.equal(dayStartMs(d(2026, 5, 20), 'America/Los_Angeles'), Date.UTC(2026, 4, 20, 7));
    assert.equal(dayStartMs(d(2026, 1, 20), 'America/Los_Angeles'), Date.UTC(2026, 0, 20, 8));
});
