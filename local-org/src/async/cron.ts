/**
 * Cron expressions of System.schedule: "Seconds Minutes Hours Day_of_month Month Day_of_week Optional_year".
 * Seconds and minutes are plain integers; hours, months and years take `, - * /`; day of month also `? L W`; day
 * of week also `? L #`; exactly one of the two day fields is `?`. Times are in the scheduling user's time zone.
 * Apex Scheduler: https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/apex_scheduler.htm
 */
import { civilFromDays, daysFromCivil, instantOf, wallTimeOf } from '../stdlib/primitives/zones';

/** A malformed expression; System.schedule raises it as System.StringException (type and texts unverified). */
export class CronError extends Error {}

type DaySpec =
    | { kind: 'any' }
    | { kind: 'set'; values: Set<number> }
    | { kind: 'lastDay'; offset: number }
    | { kind: 'lastWeekdayOfMonth' }
    | { kind: 'nearestWeekday'; day: number }
    | { kind: 'lastDow'; dow: number }
    | { kind: 'nthDow'; dow: number; n: number };

export interface CronSpec {
    text: string;
    seconds: Set<number>;
    minutes: Set<number>;
    hours: Set<number>;
    months: Set<number>;
    years: Set<number> | null;
    dom: DaySpec;
    dow: DaySpec;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

function value(text: string, min: number, max: number, names: string[] | null, field: string): number {
    const upper = text.toUpperCase();
    const named = names ? names.indexOf(upper) : -1;
    const n = named >= 0 ? named + min : /^\d+$/.test(text) ? Number(text) : NaN;
    if (!Number.isInteger(n) || n < min || n > max) throw new CronError(`Invalid ${field} value: ${text}`);
    return n;
}

/** `*`, `a`, `a-b`, `a/b`, `a-b/c`, `* /c` and comma lists of them. */
function parseSet(text: string, min: number, max: number, names: string[] | null, field: string): Set<number> {
    const out = new Set<number>();
    for (const part of text.split(',')) {
        if (part === '') throw new CronError(`Invalid ${field} value: ${text}`);
        const [range, stepText] = part.split('/');
        const step = stepText === undefined ? 1 : value(stepText, 1, max, null, field);
        let lo: number;
        let hi: number;
        if (range === '*') [lo, hi] = [min, max];
        else if (range.includes('-')) {
            const [a, b] = range.split('-');
            [lo, hi] = [value(a, min, max, names, field), value(b, min, max, names, field)];
        } else {
            lo = value(range, min, max, names, field);
            hi = stepText === undefined ? lo : max;
        }
        if (hi < lo) throw new CronError(`Invalid ${field} range: ${range}`);
        for (let v = lo; v <= hi; v += step) out.add(v);
    }
    return out;
}

function parseDom(text: string): DaySpec {
    const t = text.toUpperCase();
    if (t === '?') return { kind: 'any' };
    if (t === 'LW') return { kind: 'lastWeekdayOfMonth' };
    const last = /^L(?:-(\d+))?$/.exec(t);
    if (last) return { kind: 'lastDay', offset: last[1] ? value(last[1], 0, 30, null, 'day-of-month') : 0 };
    const w = /^(\d+)W$/.exec(t);
    if (w) return { kind: 'nearestWeekday', day: value(w[1], 1, 31, null, 'day-of-month') };
    return { kind: 'set', values: parseSet(t, 1, 31, null, 'day-of-month') };
}

function parseDow(text: string): DaySpec {
    const t = text.toUpperCase();
    if (t === '?') return { kind: 'any' };
    if (t === 'L') return { kind: 'set', values: new Set([7]) };
    const last = /^(\w+)L$/.exec(t);
    if (last) return { kind: 'lastDow', dow: value(last[1], 1, 7, DAYS, 'day-of-week') };
    const nth = /^(\w+)#(\d)$/.exec(t);
    if (nth)
        return { kind: 'nthDow', dow: value(nth[1], 1, 7, DAYS, 'day-of-week'), n: value(nth[2], 1, 5, null, '#') };
    return { kind: 'set', values: parseSet(t, 1, 7, DAYS, 'day-of-week') };
}

/** Parses and validates an expression; throws CronError. */
export function parseCron(text: string): CronSpec {
    const f = text.trim().split(/\s+/);
    if (f.length < 6) throw new CronError('Unexpected end of expression.');
    if (f.length > 7) throw new CronError(`Illegal characters in expression: ${f.slice(7).join(' ')}`);
    // Stack Exchange 37333 and the guide's table: seconds and minutes take no special characters.
    if (!/^\d+$/.test(f[0]) || !/^\d+$/.test(f[1]))
        throw new CronError(`Seconds and minutes must be specified as integers: ${text}`);
    const domAny = f[3] === '?';
    const dowAny = f[5] === '?';
    if (domAny === dowAny)
        throw new CronError(
            domAny
                ? "'?' can only be specified for Day-of-Month -OR- Day-of-Week."
                : 'Support for specifying both a day-of-week AND a day-of-month parameter is not implemented.'
        );
    return {
        text,
        seconds: new Set([value(f[0], 0, 59, null, 'seconds')]),
        minutes: new Set([value(f[1], 0, 59, null, 'minutes')]),
        hours: parseSet(f[2], 0, 23, null, 'hours'),
        dom: parseDom(f[3]),
        months: parseSet(f[4], 1, 12, MONTHS, 'month'),
        dow: parseDow(f[5]),
        years: f[6] === undefined ? null : parseSet(f[6], 1970, 2099, null, 'year')
    };
}

function daysInMonth(y: number, m: number): number {
    return daysFromCivil(m === 12 ? y + 1 : y, m === 12 ? 1 : m + 1, 1) - daysFromCivil(y, m, 1);
}

/** 1 = Sunday … 7 = Saturday. */
function dayOfWeek(y: number, m: number, d: number): number {
    // Day 0 of the civil count (1970-01-01) was a Thursday (5).
    return ((((daysFromCivil(y, m, d) + 4) % 7) + 7) % 7) + 1;
}

function dayMatches(spec: CronSpec, y: number, m: number, d: number): boolean {
    const dim = daysInMonth(y, m);
    const dow = dayOfWeek(y, m, d);
    const dom = spec.dom;
    const wd = spec.dow;
    if (dom.kind === 'set') return dom.values.has(d);
    if (dom.kind === 'lastDay') return d === dim - dom.offset;
    if (dom.kind === 'lastWeekdayOfMonth') {
        let last = dim;
        while (dayOfWeek(y, m, last) === 1 || dayOfWeek(y, m, last) === 7) last--;
        return d === last;
    }
    if (dom.kind === 'nearestWeekday') {
        // The weekday nearest the given day, without leaving the month.
        const target = Math.min(dom.day, dim);
        const t = dayOfWeek(y, m, target);
        let want = target;
        if (t === 7) want = target === 1 ? 3 : target - 1;
        else if (t === 1) want = target === dim ? target - 2 : target + 1;
        return d === want;
    }
    if (wd.kind === 'set') return wd.values.has(dow);
    if (wd.kind === 'lastDow') return dow === wd.dow && d + 7 > dim;
    if (wd.kind === 'nthDow') return dow === wd.dow && Math.ceil(d / 7) === wd.n;
    return false;
}

/** The first fire time strictly after `afterMs` in zone `tz`, or null when the expression never fires again. */
export function nextFireTime(spec: CronSpec, afterMs: number, tz: string): number | null {
    const start = wallTimeOf(afterMs, tz);
    const startDay = daysFromCivil(start.year, start.month, start.day);
    const times: number[] = [];
    for (const h of [...spec.hours].sort((a, b) => a - b))
        for (const mi of spec.minutes) for (const s of spec.seconds) times.push(h * 3600 + mi * 60 + s);
    times.sort((a, b) => a - b);
    for (let day = startDay; day < startDay + 366 * 140; day++) {
        const { year, month, day: d } = civilFromDays(day);
        if (year > 2099) return null;
        if (spec.years && !spec.years.has(year)) continue;
        if (!spec.months.has(month) || !dayMatches(spec, year, month, d)) continue;
        for (const t of times) {
            const wall = {
                year,
                month,
                day: d,
                hour: Math.floor(t / 3600),
                minute: Math.floor(t / 60) % 60,
                second: t % 60,
                millisecond: 0
            };
            const ms = instantOf(wall, tz);
            if (ms > afterMs) return ms;
        }
    }
    return null;
}
