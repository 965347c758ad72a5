/**
 * Calendar arithmetic (proleptic Gregorian) and IANA time-zone conversion through Intl.DateTimeFormat.
 * Kept apart from datetime.ts so the Date/Datetime/Time classes read as Apex, not as calendar maths.
 */

export const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 of a civil date (month 1-12). */
export function daysFromCivil(y: number, m: number, d: number): number {
    y -= m <= 2 ? 1 : 0;
    const era = Math.floor(y / 400);
    const yoe = y - era * 400;
    const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
    const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
    return era * 146097 + doe - 719468;
}

/** Civil date of a day number since 1970-01-01. */
export function civilFromDays(z: number): { year: number; month: number; day: number } {
    z += 719468;
    const era = Math.floor(z / 146097);
    const doe = z - era * 146097;
    const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
    const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
    const mp = Math.floor((5 * doy + 2) / 153);
    const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
    const month = mp + (mp < 10 ? 3 : -9);
    return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function isLeapYear(y: number): boolean {
    return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
    return [31, isLeapYear(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(epochDay: number): number {
    return (((epochDay + 4) % 7) + 7) % 7;
}

export function floorMod(a: number, b: number): number {
    return ((a % b) + b) % b;
}

export interface WallTime {
    year: number;
    month: number;
    day: number;
    hour: number;
    minute: number;
    second: number;
    millisecond: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(tz: string): Intl.DateTimeFormat {
    let f = formatters.get(tz);
    if (!f) {
        f = new Intl.DateTimeFormat('en-US', {
            timeZone: tz,
            hourCycle: 'h23',
            era: 'short',
            year: 'numeric',
            month: 'numeric',
            day: 'numeric',
            hour: 'numeric',
            minute: 'numeric',
            second: 'numeric'
        });
        formatters.set(tz, f);
    }
    return f;
}

/** Offset of the zone from UTC at an instant, in ms (local = utc + offset). */
export function zoneOffsetMs(ms: number, tz: string): number {
    if (tz === 'GMT' || tz === 'UTC') return 0;
    const base = ms - floorMod(ms, 1000);
    const parts: Record<string, string> = {};
    for (const p of formatterFor(tz).formatToParts(new Date(base))) parts[p.type] = p.value;
    let year = Number(parts.year);
    if (parts.era === 'BC' || parts.era === 'B') year = 1 - year;
    const wall =
        daysFromCivil(year, Number(parts.month), Number(parts.day)) * MS_PER_DAY +
        Number(parts.hour) * 3_600_000 +
        Number(parts.minute) * 60_000 +
        Number(parts.second) * 1000;
    return wall - base;
}

/** The wall-clock fields of an instant in a zone. */
export function wallTimeOf(ms: number, tz: string): WallTime {
    const local = ms + zoneOffsetMs(ms, tz);
    const day = Math.floor(local / MS_PER_DAY);
    const rest = local - day * MS_PER_DAY;
    return {
        ...civilFromDays(day),
        hour: Math.floor(rest / 3_600_000),
        minute: Math.floor(rest / 60_000) % 60,
        second: Math.floor(rest / 1000) % 60,
        millisecond: rest % 1000
    };
}

export function wallToLocalMs(w: WallTime): number {
    return (
        daysFromCivil(w.year, w.month, w.day) * MS_PER_DAY +
        w.hour * 3_600_000 +
        w.minute * 60_000 +
        w.second * 1000 +
        w.millisecond
    );
}

/**
 * The instant of a wall-clock time in a zone, resolved as java.util.GregorianCalendar does: a time inside a
 * spring-forward gap is read with the offset before the gap (so 02:30 becomes 03:30 daylight time), and an
 * ambiguous fall-back time is read as standard time (the later instant). Unverified against an org.
 */
export function instantOf(w: WallTime, tz: string): number {
    const local = wallToLocalMs(w);
    const before = zoneOffsetMs(local - MS_PER_DAY, tz);
    const after = zoneOffsetMs(local + MS_PER_DAY, tz);
    const valid = [before, after].filter((o) => zoneOffsetMs(local - o, tz) === o);
    if (valid.length === 0) {
        // Not exactly one of the neighbours' offsets (rare historical zones): take the offset at that instant.
        const guess = zoneOffsetMs(local - before, tz);
        return zoneOffsetMs(local - guess, tz) === guess ? local - guess : local - before;
    }
    return local - Math.min(...valid);
}

/** Whether a zone id is known to Intl. */
export function isKnownZone(tz: string): boolean {
    try {
        formatterFor(tz);
        return true;
    } catch {
        return false;
    }
}

/** Zone names as Intl prints them in en-US ('short' → PST, 'long' → Pacific Standard Time). */
export function zoneName(ms: number, tz: string, style: 'short' | 'long'): string {
    const f = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: style });
    return f.formatToParts(new Date(ms)).find((p) => p.type === 'timeZoneName')?.value ?? tz;
}
