/**
 * SOQL date literals (TODAY, LAST_N_DAYS:n …) as half-open ranges of days in the running user's time zone.
 * Source: SOQL and SOSL Reference, "Date Formats and Date Literals in WHERE"
 * https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/api/sforce_api_calls_soql_select_dateformats.htm
 * - each range starts at 00:00:00; `=` means inside, `<` before the start, `>` after the end;
 * - LAST_N_DAYS:n and LAST_90_DAYS include today (LAST_N_DAYS:1 is yesterday and today); NEXT_N_DAYS:n starts tomorrow;
 * - weeks start on the locale's first day: Sunday for en_US (the only locale modelled);
 * - fiscal literals depend on the org's fiscal year settings and are rejected.
 */
import { ApexDate } from '../../stdlib/primitives/datetime';
import { dayOfWeek, instantOf } from '../../stdlib/primitives/zones';

/** Days since the epoch, [start, end). */
export interface DayRange {
    start: number;
    end: number;
}

const DAY_LITERALS = new Set([
    'YESTERDAY',
    'TODAY',
    'TOMORROW',
    'LAST_WEEK',
    'THIS_WEEK',
    'NEXT_WEEK',
    'LAST_MONTH',
    'THIS_MONTH',
    'NEXT_MONTH',
    'LAST_90_DAYS',
    'NEXT_90_DAYS',
    'LAST_N_DAYS',
    'NEXT_N_DAYS',
    'N_DAYS_AGO',
    'LAST_N_WEEKS',
    'NEXT_N_WEEKS',
    'N_WEEKS_AGO',
    'LAST_N_MONTHS',
    'NEXT_N_MONTHS',
    'N_MONTHS_AGO',
    'THIS_QUARTER',
    'LAST_QUARTER',
    'NEXT_QUARTER',
    'LAST_N_QUARTERS',
    'NEXT_N_QUARTERS',
    'N_QUARTERS_AGO',
    'THIS_YEAR',
    'LAST_YEAR',
    'NEXT_YEAR',
    'LAST_N_YEARS',
    'NEXT_N_YEARS',
    'N_YEARS_AGO'
]);

export function isSupportedDateLiteral(name: string): boolean {
    return DAY_LITERALS.has(name);
}

function monthStart(d: ApexDate, addMonths: number): number {
    return d.toStartOfMonth().addMonths(addMonths).epochDay();
}

function quarterStart(d: ApexDate, addQuarters: number): number {
    const first = ApexDate.newInstance(d.year, Math.floor((d.month - 1) / 3) * 3 + 1, 1);
    return first.addMonths(addQuarters * 3).epochDay();
}

function yearStart(d: ApexDate, addYears: number): number {
    return ApexDate.newInstance(d.year, 1, 1).addYears(addYears).epochDay();
}

/** The range of a literal (n for the :n forms) relative to `today` (the user's current date). */
export function dateLiteralRange(name: string, n: number | null, today: ApexDate): DayRange {
    const t = today.epochDay();
    const week = t - dayOfWeek(t);
    const k = n ?? 0;
    switch (name) {
        case 'YESTERDAY':
            return { start: t - 1, end: t };
        case 'TODAY':
            return { start: t, end: t + 1 };
        case 'TOMORROW':
            return { start: t + 1, end: t + 2 };
        case 'LAST_WEEK':
            return { start: week - 7, end: week };
        case 'THIS_WEEK':
            return { start: week, end: week + 7 };
        case 'NEXT_WEEK':
            return { start: week + 7, end: week + 14 };
        case 'LAST_MONTH':
            return { start: monthStart(today, -1), end: monthStart(today, 0) };
        case 'THIS_MONTH':
            return { start: monthStart(today, 0), end: monthStart(today, 1) };
        case 'NEXT_MONTH':
            return { start: monthStart(today, 1), end: monthStart(today, 2) };
        case 'LAST_90_DAYS':
            return { start: t - 90, end: t + 1 };
        case 'NEXT_90_DAYS':
            return { start: t + 1, end: t + 91 };
        case 'LAST_N_DAYS':
            return { start: t - k, end: t + 1 };
        case 'NEXT_N_DAYS':
            return { start: t + 1, end: t + 1 + k };
        case 'N_DAYS_AGO':
            return { start: t - k, end: t - k + 1 };
        case 'LAST_N_WEEKS':
            return { start: week - 7 * k, end: week };
        case 'NEXT_N_WEEKS':
            return { start: week + 7, end: week + 7 + 7 * k };
        case 'N_WEEKS_AGO':
            return { start: week - 7 * k, end: week - 7 * k + 7 };
        case 'LAST_N_MONTHS':
            return { start: monthStart(today, -k), end: monthStart(today, 0) };
        case 'NEXT_N_MONTHS':
            return { start: monthStart(today, 1), end: monthStart(today, 1 + k) };
        case 'N_MONTHS_AGO':
            return { start: monthStart(today, -k), end: monthStart(today, -k + 1) };
        case 'THIS_QUARTER':
            return { start: quarterStart(today, 0), end: quarterStart(today, 1) };
        case 'LAST_QUARTER':
            return { start: quarterStart(today, -1), end: quarterStart(today, 0) };
        case 'NEXT_QUARTER':
            return { start: quarterStart(today, 1), end: quarterStart(today, 2) };
        case 'LAST_N_QUARTERS':
            return { start: quarterStart(today, -k), end: quarterStart(today, 0) };
        case 'NEXT_N_QUARTERS':
            return { start: quarterStart(today, 1), end: quarterStart(today, 1 + k) };
        case 'N_QUARTERS_AGO':
            return { start: quarterStart(today, -k), end: quarterStart(today, -k + 1) };
        case 'THIS_YEAR':
            return { start: yearStart(today, 0), end: yearStart(today, 1) };
        case 'LAST_YEAR':
            return { start: yearStart(today, -1), end: yearStart(today, 0) };
        case 'NEXT_YEAR':
            return { start: yearStart(today, 1), end: yearStart(today, 2) };
        case 'LAST_N_YEARS':
            return { start: yearStart(today, -k), end: yearStart(today, 0) };
        case 'NEXT_N_YEARS':
            return { start: yearStart(today, 1), end: yearStart(today, 1 + k) };
        case 'N_YEARS_AGO':
            return { start: yearStart(today, -k), end: yearStart(today, -k + 1) };
    }
    throw new Error(`Unsupported date literal ${name}`);
}

/** The instant (epoch ms) at which a day starts in a zone. */
export function dayStartMs(epochDay: number, tz: string): number {
    const d = ApexDate.fromEpochDay(epochDay);
    return instantOf({ year: d.year, month: d.month, day: d.day, hour: 0, minute: 0, second: 0, millisecond: 0 }, tz);
}
