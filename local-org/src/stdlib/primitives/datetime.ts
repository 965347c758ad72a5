/**
 * Apex Date (a calendar day, no zone), Datetime (an instant) and Time (a time of day, no zone).
 *
 * Sources (see SOURCES.md):
 * - Date class: https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_methods_system_date.htm
 *   (monthsBetween ignores days; toStartOfWeek depends on the locale: Sunday for en_US; valueOf "yyyy-MM-dd";
 *   parse uses the user's locale).
 * - Datetime class: https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_methods_system_datetime.htm
 *   (hour()/date()/format() in the context user's zone, …Gmt variants in GMT; format(pattern) takes Java
 *   SimpleDateFormat patterns; valueOf/valueOfGmt read "yyyy-MM-dd HH:mm:ss"; parse('10/14/2011 11:46 AM')).
 * - Time class: https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_methods_system_time.htm
 * - String.valueOf(Datetime): "yyyy-MM-dd HH:mm:ss" in the local time zone; String.valueOfGmt: in GMT
 *   (String class page). System.debug prints Datetimes in GMT.
 * - Pattern letters: java.text.SimpleDateFormat.
 */
import { ApexPrimitiveError } from '../builtin';
import { UnknownBehaviourError } from './numbers';
import type { WallTime } from './zones';
import {
    MS_PER_DAY,
    civilFromDays,
    dayOfWeek,
    daysFromCivil,
    daysInMonth,
    floorMod,
    instantOf,
    isKnownZone,
    isLeapYear,
    wallTimeOf,
    zoneName,
    zoneOffsetMs
} from './zones';

export { isLeapYear, daysInMonth };

const MONTHS = [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December'
];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function pad(n: number, width: number): string {
    const s = String(Math.abs(n)).padStart(width, '0');
    return n < 0 ? '-' + s : s;
}

function checkRange(what: string, v: number, lo: number, hi: number): void {
    if (!Number.isInteger(v) || v < lo || v > hi) {
        // Whether the org rolls such values over (lenient Calendar) or rejects them is not pinned.
        throw new UnknownBehaviourError(`${what} = ${v} (outside ${lo}..${hi})`);
    }
}

/** A calendar date. */
export class ApexDate {
    private constructor(
        readonly year: number,
        readonly month: number,
        readonly day: number
    ) {}

    static newInstance(year: number, month: number, day: number): ApexDate {
        checkRange('Date month', month, 1, 12);
        checkRange('Date year', year, 1, 9999);
        checkRange('Date day', day, 1, daysInMonth(year, month));
        return new ApexDate(year, month, day);
    }

    static fromEpochDay(epochDay: number): ApexDate {
        const c = civilFromDays(epochDay);
        return new ApexDate(c.year, c.month, c.day);
    }

    /** Date.today(): the current date in the running user's zone. */
    static today(nowMs: number, tz: string): ApexDate {
        const w = wallTimeOf(nowMs, tz);
        return new ApexDate(w.year, w.month, w.day);
    }

    /** Date.valueOf(String): "yyyy-MM-dd", optionally followed by a time that is ignored. */
    static valueOf(text: string): ApexDate {
        const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?: (\d{1,2}):(\d{1,2}):(\d{1,2}))?$/.exec(text);
        if (!m) throw new ApexPrimitiveError('System.TypeException', `Invalid date: ${text}`);
        const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
        if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) {
            throw new ApexPrimitiveError('System.TypeException', `Invalid date: ${text}`);
        }
        return new ApexDate(y, mo, d);
    }

    /** Date.parse(String) for an en_US user: M/d/yyyy. */
    static parse(text: string): ApexDate {
        const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
        if (!m) throw new ApexPrimitiveError('System.TypeException', `Invalid date: ${text}`);
        const [mo, d, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
        if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) {
            throw new ApexPrimitiveError('System.TypeException', `Invalid date: ${text}`);
        }
        return new ApexDate(y, mo, d);
    }

    epochDay(): number {
        return daysFromCivil(this.year, this.month, this.day);
    }

    addDays(n: number): ApexDate {
        return ApexDate.fromEpochDay(this.epochDay() + n);
    }

    /** Calendar month arithmetic: the day is clamped to the target month's length (Jan 31 + 1 month = Feb 28/29). */
    addMonths(n: number): ApexDate {
        const total = this.year * 12 + (this.month - 1) + n;
        const y = Math.floor(total / 12);
        const m = floorMod(total, 12) + 1;
        return new ApexDate(y, m, Math.min(this.day, daysInMonth(y, m)));
    }

    addYears(n: number): ApexDate {
        return this.addMonths(n * 12);
    }

    /** daysBetween(other): other minus this, in days. */
    daysBetween(other: ApexDate): number {
        return other.epochDay() - this.epochDay();
    }

    /** monthsBetween(other): month difference ignoring the days (documented). */
    monthsBetween(other: ApexDate): number {
        return (other.year - this.year) * 12 + (other.month - this.month);
    }

    dayOfYear(): number {
        return this.epochDay() - daysFromCivil(this.year, 1, 1) + 1;
    }

    isSameDay(other: ApexDate): boolean {
        return this.compareTo(other) === 0;
    }

    toStartOfMonth(): ApexDate {
        return new ApexDate(this.year, this.month, 1);
    }

    /** en_US weeks start on Sunday. */
    toStartOfWeek(): ApexDate {
        return this.addDays(-dayOfWeek(this.epochDay()));
    }

    compareTo(other: ApexDate): number {
        return Math.sign(this.epochDay() - other.epochDay());
    }

    equals(other: ApexDate): boolean {
        return this.compareTo(other) === 0;
    }

    /** format() for en_US: M/d/yyyy. */
    format(): string {
        return `${this.month}/${this.day}/${this.year}`;
    }

    /** String.valueOf(Date): yyyy-MM-dd. */
    toString(): string {
        return `${pad(this.year, 4)}-${pad(this.month, 2)}-${pad(this.day, 2)}`;
    }

    /** System.debug / string concatenation form: yyyy-MM-dd 00:00:00 (unverified for concatenation). */
    toDebugString(): string {
        return `${this.toString()} 00:00:00`;
    }

    /** JSON: "yyyy-MM-dd". */
    toJson(): string {
        return this.toString();
    }
}

/** A time of day, in ms since midnight. */
export class ApexTime {
    private constructor(readonly msOfDay: number) {}

    static newInstance(hour: number, minute: number, second: number, millisecond: number): ApexTime {
        checkRange('Time hour', hour, 0, 23);
        checkRange('Time minute', minute, 0, 59);
        checkRange('Time second', second, 0, 59);
        checkRange('Time millisecond', millisecond, 0, 999);
        return new ApexTime(((hour * 60 + minute) * 60 + second) * 1000 + millisecond);
    }

    static fromMs(msOfDay: number): ApexTime {
        return new ApexTime(floorMod(msOfDay, MS_PER_DAY));
    }

    hour(): number {
        return Math.floor(this.msOfDay / 3_600_000);
    }
    minute(): number {
        return Math.floor(this.msOfDay / 60_000) % 60;
    }
    second(): number {
        return Math.floor(this.msOfDay / 1000) % 60;
    }
    millisecond(): number {
        return this.msOfDay % 1000;
    }

    /** Time arithmetic wraps around midnight. */
    addHours(n: number): ApexTime {
        return ApexTime.fromMs(this.msOfDay + n * 3_600_000);
    }
    addMinutes(n: number): ApexTime {
        return ApexTime.fromMs(this.msOfDay + n * 60_000);
    }
    addSeconds(n: number): ApexTime {
        return ApexTime.fromMs(this.msOfDay + n * 1000);
    }
    addMilliseconds(n: number): ApexTime {
        return ApexTime.fromMs(this.msOfDay + n);
    }

    compareTo(other: ApexTime): number {
        return Math.sign(this.msOfDay - other.msOfDay);
    }

    equals(other: ApexTime): boolean {
        return this.msOfDay === other.msOfDay;
    }

    /** String.valueOf(Time) and JSON: HH:mm:ss.SSSZ. */
    toString(): string {
        return `${pad(this.hour(), 2)}:${pad(this.minute(), 2)}:${pad(this.second(), 2)}.${pad(this.millisecond(), 3)}Z`;
    }
}

/** An instant, in epoch ms. */
export class ApexDatetime {
    constructor(readonly ms: number) {}

    /** newInstance(Long ms). */
    static fromMs(ms: number | bigint): ApexDatetime {
        return new ApexDatetime(Number(ms));
    }

    /** newInstance(y, m, d[, h, mi, s]) in the user's zone. */
    static newInstance(tz: string, y: number, mo: number, d: number, h = 0, mi = 0, s = 0): ApexDatetime {
        return new ApexDatetime(instantOf(checkedWall(y, mo, d, h, mi, s), tz));
    }

    /** newInstanceGmt(y, m, d[, h, mi, s]). */
    static newInstanceGmt(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): ApexDatetime {
        return new ApexDatetime(instantOf(checkedWall(y, mo, d, h, mi, s), 'GMT'));
    }

    /**
     * Date → Datetime conversion (implicit or cast): "the time component being zeroed" (Datetime class docs); the
     * zero is midnight GMT, so the user-zone date of the result can be the day before (widely reported, e.g.
     * https://salesforce.stackexchange.com/a/218059 ; unverified in an org).
     */
    static fromDate(date: ApexDate): ApexDatetime {
        return new ApexDatetime(date.epochDay() * MS_PER_DAY);
    }

    /** newInstance(Date, Time) in the user's zone; newInstanceGmt(Date, Time) with tz 'GMT'. */
    static fromDateTime(date: ApexDate, time: ApexTime, tz: string): ApexDatetime {
        return new ApexDatetime(
            instantOf(
                {
                    year: date.year,
                    month: date.month,
                    day: date.day,
                    hour: time.hour(),
                    minute: time.minute(),
                    second: time.second(),
                    millisecond: time.millisecond()
                },
                tz
            )
        );
    }

    /** Datetime.valueOf(String) (local) / valueOfGmt (tz 'GMT'): "yyyy-MM-dd HH:mm:ss". */
    static valueOf(text: string, tz: string): ApexDatetime {
        const m = /^(\d{4})-(\d{1,2})-(\d{1,2}) (\d{1,2}):(\d{1,2}):(\d{1,2})$/.exec(text);
        if (!m) throw new ApexPrimitiveError('System.TypeException', `Invalid date/time: ${text}`);
        const [y, mo, d, h, mi, s] = m.slice(1).map(Number);
        if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) {
            throw new ApexPrimitiveError('System.TypeException', `Invalid date/time: ${text}`);
        }
        return new ApexDatetime(
            instantOf({ year: y, month: mo, day: d, hour: h, minute: mi, second: s, millisecond: 0 }, tz)
        );
    }

    /**
     * Datetime.parse(String) for an en_US user with ICU locale formats (now the platform default): the documented
     * example is DateTime.parse('10/14/2011, 11:46 AM'), which format() gives back unchanged.
     */
    static parse(text: string, tz: string): ApexDatetime {
        const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4}), (\d{1,2}):(\d{2}) (AM|PM)$/i.exec(text.trim());
        if (!m) throw new ApexPrimitiveError('System.TypeException', `Invalid date/time: ${text}`);
        const [mo, d, y, h12, mi] = m.slice(1, 6).map(Number);
        if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h12 < 1 || h12 > 12 || mi > 59) {
            throw new ApexPrimitiveError('System.TypeException', `Invalid date/time: ${text}`);
        }
        const h = (h12 % 12) + (m[6].toUpperCase() === 'PM' ? 12 : 0);
        return new ApexDatetime(
            instantOf({ year: y, month: mo, day: d, hour: h, minute: mi, second: 0, millisecond: 0 }, tz)
        );
    }

    wall(tz: string): WallTime {
        return wallTimeOf(this.ms, tz);
    }

    getTime(): bigint {
        return BigInt(this.ms);
    }

    /** Fixed-length additions. */
    addHours(n: number): ApexDatetime {
        return new ApexDatetime(this.ms + n * 3_600_000);
    }
    addMinutes(n: number): ApexDatetime {
        return new ApexDatetime(this.ms + n * 60_000);
    }
    addSeconds(n: number): ApexDatetime {
        return new ApexDatetime(this.ms + n * 1000);
    }

    /**
     * Calendar additions happen on the user's wall clock (as java.util.Calendar.add in the user's zone), so the
     * local time of day survives a DST change. Unverified against an org.
     */
    addDays(n: number, tz: string): ApexDatetime {
        return this.onWall(tz, (d) => d.addDays(n));
    }
    addMonths(n: number, tz: string): ApexDatetime {
        return this.onWall(tz, (d) => d.addMonths(n));
    }
    addYears(n: number, tz: string): ApexDatetime {
        return this.onWall(tz, (d) => d.addYears(n));
    }

    private onWall(tz: string, f: (d: ApexDate) => ApexDate): ApexDatetime {
        const w = this.wall(tz);
        const d = f(ApexDate.fromEpochDay(daysFromCivil(w.year, w.month, w.day)));
        return new ApexDatetime(instantOf({ ...w, year: d.year, month: d.month, day: d.day }, tz));
    }

    date(tz: string): ApexDate {
        const w = this.wall(tz);
        return ApexDate.fromEpochDay(daysFromCivil(w.year, w.month, w.day));
    }

    time(tz: string): ApexTime {
        const w = this.wall(tz);
        return ApexTime.newInstance(w.hour, w.minute, w.second, w.millisecond);
    }

    dayOfYear(tz: string): number {
        return this.date(tz).dayOfYear();
    }

    compareTo(other: ApexDatetime): number {
        return Math.sign(this.ms - other.ms);
    }

    equals(other: ApexDatetime): boolean {
        return this.ms === other.ms;
    }

    /**
     * format() for en_US with ICU formats: documented example newInstance(1993, 6, 6, 3, 3, 3).format() is
     * '6/6/1993, 3:03 AM', in the user's zone.
     */
    format(tz: string): string {
        return formatJava(this.ms, 'M/d/yyyy, h:mm a', tz);
    }

    /**
     * formatLong(): the documented (pre-ICU) example is '12/28/2012 10:00:00 AM PST'; with ICU formats we assume the
     * same comma as format() gets: '12/28/2012, 10:00:00 AM PST' (inferred, unverified).
     */
    formatLong(tz: string): string {
        return formatJava(this.ms, 'M/d/yyyy, h:mm:ss a z', tz);
    }

    /** format(pattern): Java SimpleDateFormat in the user's zone. */
    formatPattern(pattern: string, tz: string): string {
        return formatJava(this.ms, pattern, tz);
    }

    /**
     * format(pattern, timezone): "If the supplied time zone is not in the correct format, GMT is used" (documented).
     * Java also knows three-letter ids (PST, EST…) and custom ids (GMT+05:00) that Intl does not: those fail loudly.
     */
    formatPatternInZone(pattern: string, zoneId: string): string {
        return formatJava(this.ms, pattern, javaZoneOrGmt(zoneId));
    }

    formatGmt(pattern: string): string {
        return formatJava(this.ms, pattern, 'GMT');
    }

    /** String.valueOf(Datetime): yyyy-MM-dd HH:mm:ss in the user's zone. */
    toApexString(tz: string): string {
        return formatJava(this.ms, 'yyyy-MM-dd HH:mm:ss', tz);
    }

    /** String.valueOfGmt and System.debug: yyyy-MM-dd HH:mm:ss in GMT. */
    toString(): string {
        return formatJava(this.ms, 'yyyy-MM-dd HH:mm:ss', 'GMT');
    }

    /** JSON: ISO 8601 in GMT with milliseconds, e.g. 2024-01-05T10:00:00.000Z. */
    toJson(): string {
        return formatJava(this.ms, "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", 'GMT');
    }
}

/** A Java TimeZone id as Intl knows it, GMT for ids Java would not recognise either. */
export function javaZoneOrGmt(zoneId: string): string {
    if (isKnownZone(zoneId) && zoneId.includes('/')) return zoneId;
    if (zoneId === 'GMT' || zoneId === 'UTC') return zoneId;
    if (/^[A-Z]{3}$/.test(zoneId) || /^GMT[+-]\d/.test(zoneId) || isKnownZone(zoneId)) {
        throw new UnknownBehaviourError(`the Java time zone id ${zoneId}`);
    }
    return 'GMT';
}

function checkedWall(y: number, mo: number, d: number, h: number, mi: number, s: number): WallTime {
    checkRange('month', mo, 1, 12);
    checkRange('year', y, 1, 9999);
    checkRange('day', d, 1, daysInMonth(y, mo));
    checkRange('hour', h, 0, 23);
    checkRange('minute', mi, 0, 59);
    checkRange('second', s, 0, 59);
    return { year: y, month: mo, day: d, hour: h, minute: mi, second: s, millisecond: 0 };
}

// ---------- SimpleDateFormat ----------

function zoneText(ms: number, tz: string, long: boolean): string {
    if (tz === 'GMT') return long ? 'Greenwich Mean Time' : 'GMT';
    if (tz === 'UTC') return long ? 'Coordinated Universal Time' : 'UTC';
    const name = zoneName(ms, tz, long ? 'long' : 'short');
    // Java has its own abbreviations (CET, JST…) where Intl prints GMT+1; we only trust Intl when it gives a name.
    if (/^GMT[+-]/.test(name) || !/^[A-Za-z ]+$/.test(name)) {
        throw new UnknownBehaviourError(`the Java time-zone name of ${tz}`);
    }
    return name;
}

function offsetText(offsetMs: number, style: 'Z' | 'X1' | 'X2' | 'X3'): string {
    const total = Math.round(offsetMs / 60_000);
    if (style !== 'Z' && total === 0) return 'Z';
    const sign = total < 0 ? '-' : '+';
    const hh = pad(Math.floor(Math.abs(total) / 60), 2);
    const mm = pad(Math.abs(total) % 60, 2);
    if (style === 'X1') return sign + hh;
    if (style === 'X3') return `${sign}${hh}:${mm}`;
    return sign + hh + mm;
}

/** Formats an instant with a java.text.SimpleDateFormat pattern (en_US symbols) in a zone. */
export function formatJava(ms: number, pattern: string, tz: string): string {
    const w = wallTimeOf(ms, tz);
    const epochDay = daysFromCivil(w.year, w.month, w.day);
    let out = '';
    let i = 0;
    while (i < pattern.length) {
        const ch = pattern[i];
        if (ch === "'") {
            if (pattern[i + 1] === "'") {
                out += "'";
                i += 2;
                continue;
            }
            const end = pattern.indexOf("'", i + 1);
            if (end < 0) throw new UnknownBehaviourError(`an unterminated quote in the date pattern ${pattern}`);
            // '' inside a quoted run is a literal quote.
            let j = i + 1;
            while (j < pattern.length) {
                if (pattern[j] === "'" && pattern[j + 1] === "'") {
                    out += "'";
                    j += 2;
                } else if (pattern[j] === "'") {
                    break;
                } else {
                    out += pattern[j++];
                }
            }
            if (j >= pattern.length)
                throw new UnknownBehaviourError(`an unterminated quote in the date pattern ${pattern}`);
            i = j + 1;
            continue;
        }
        if (!/[A-Za-z]/.test(ch)) {
            out += ch;
            i++;
            continue;
        }
        let n = 1;
        while (pattern[i + n] === ch) n++;
        i += n;
        const h12 = w.hour % 12 === 0 ? 12 : w.hour % 12;
        switch (ch) {
            case 'G':
                out += w.year > 0 ? 'AD' : 'BC';
                break;
            case 'y':
            case 'Y':
                if (ch === 'Y') throw new UnknownBehaviourError('week-year pattern letter Y');
                out += n === 2 ? pad(w.year % 100, 2) : pad(w.year, n);
                break;
            case 'M':
            case 'L':
                out += n >= 4 ? MONTHS[w.month - 1] : n === 3 ? MONTHS[w.month - 1].slice(0, 3) : pad(w.month, n);
                break;
            case 'd':
                out += pad(w.day, n);
                break;
            case 'D':
                out += pad(epochDay - daysFromCivil(w.year, 1, 1) + 1, n);
                break;
            case 'E':
                out += n >= 4 ? DAYS[dayOfWeek(epochDay)] : DAYS[dayOfWeek(epochDay)].slice(0, 3);
                break;
            case 'u':
                out += pad(dayOfWeek(epochDay) === 0 ? 7 : dayOfWeek(epochDay), n);
                break;
            case 'a':
                out += w.hour < 12 ? 'AM' : 'PM';
                break;
            case 'H':
                out += pad(w.hour, n);
                break;
            case 'k':
                out += pad(w.hour === 0 ? 24 : w.hour, n);
                break;
            case 'K':
                out += pad(w.hour % 12, n);
                break;
            case 'h':
                out += pad(h12, n);
                break;
            case 'm':
                out += pad(w.minute, n);
                break;
            case 's':
                out += pad(w.second, n);
                break;
            case 'S':
                out += pad(w.millisecond, n);
                break;
            case 'z':
                out += zoneText(ms, tz, n >= 4);
                break;
            case 'Z':
                out += offsetText(zoneOffsetMs(ms, tz), 'Z');
                break;
            case 'X':
                if (n > 3) throw new UnknownBehaviourError(`pattern letters ${ch.repeat(n)}`);
                out += offsetText(zoneOffsetMs(ms, tz), n === 1 ? 'X1' : n === 2 ? 'X2' : 'X3');
                break;
            default:
                // w, W, F and any other letter: not emulated (Java would throw for unknown letters).
                throw new UnknownBehaviourError(`date pattern letter '${ch}'`);
        }
    }
    return out;
}
