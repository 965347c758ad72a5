import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApexPrimitiveError } from '../../src/stdlib/builtin';
import { UnknownBehaviourError } from '../../src/stdlib/primitives/numbers';
import {
    ApexDate,
    ApexDatetime,
    ApexTime,
    daysInMonth,
    formatJava,
    isLeapYear
} from '../../src/stdlib/primitives/datetime';

const LA = 'America/Los_Angeles';
const date = (y: number, m: number, d: number) => ApexDate.newInstance(y, m, d);
const iso = (dt: ApexDatetime) => new Date(dt.ms).toISOString();

function typeException(fn: () => unknown): string {
    try {
        fn();
    } catch (e) {
        assert.ok(e instanceof ApexPrimitiveError && e.apexType === 'System.TypeException', String(e));
        return e.message;
    }
    assert.fail('expected a TypeException');
}

test('Date arithmetic across month and year ends', () => {
    assert.equal(date(2024, 1, 31).addDays(1).toString(), '2024-02-01');
    assert.equal(date(2024, 12, 31).addDays(1).toString(), '2025-01-01');
    assert.equal(date(2024, 3, 1).addDays(-1).toString(), '2024-02-29');
    assert.equal(date(2024, 1, 31).addMonths(1).toString(), '2024-02-29');
    assert.equal(date(2023, 1, 31).addMonths(1).toString(), '2023-02-28');
    assert.equal(date(2024, 11, 30).addMonths(3).toString(), '2025-02-28');
    assert.equal(date(2024, 2, 29).addYears(1).toString(), '2025-02-28');
    assert.equal(date(2024, 3, 15).addMonths(-15).toString(), '2022-12-15');
});

test('daysBetween and monthsBetween (days ignored)', () => {
    assert.equal(date(2024, 1, 1).daysBetween(date(2024, 3, 1)), 60);
    assert.equal(date(2024, 3, 1).daysBetween(date(2024, 1, 1)), -60);
    assert.equal(date(2024, 3, 31).monthsBetween(date(2024, 4, 1)), 1);
    assert.equal(date(2023, 11, 15).monthsBetween(date(2024, 2, 1)), 3);
});

test('leap years, month lengths, day of year, start of month/week', () => {
    assert.equal(isLeapYear(2024), true);
    assert.equal(isLeapYear(1900), false);
    assert.equal(isLeapYear(2000), true);
    assert.equal(daysInMonth(2023, 2), 28);
    assert.equal(date(2024, 12, 31).dayOfYear(), 366);
    assert.equal(date(2024, 1, 17).toStartOfMonth().toString(), '2024-01-01');
    assert.equal(date(2024, 1, 5).toStartOfWeek().toString(), '2023-12-31');
    assert.equal(date(2024, 1, 7).toStartOfWeek().toString(), '2024-01-07');
});

test('Date text forms: valueOf, parse, format, toString, JSON', () => {
    assert.equal(ApexDate.valueOf('2024-01-05').toString(), '2024-01-05');
    assert.equal(ApexDate.valueOf('2024-01-05 13:14:15').toString(), '2024-01-05');
    assert.equal(
        typeException(() => ApexDate.valueOf('01/05/2024')),
        'Invalid date: 01/05/2024'
    );
    assert.equal(
        typeException(() => ApexDate.valueOf('2023-02-29')),
        'Invalid date: 2023-02-29'
    );
    assert.equal(ApexDate.parse('12/27/2009').toString(), '2009-12-27');
    assert.equal(date(2024, 1, 5).format(), '1/5/2024');
    assert.equal(date(2024, 1, 5).toDebugString(), '2024-01-05 00:00:00');
    assert.equal(date(2024, 1, 5).toJson(), '2024-01-05');
});

test('Date.newInstance with out-of-range parts fails loudly', () => {
    assert.throws(() => date(2024, 2, 30), UnknownBehaviourError);
    assert.throws(() => date(2024, 13, 1), UnknownBehaviourError);
});

test('Date.today uses the user zone', () => {
    const now = Date.UTC(2024, 0, 6, 5, 0, 0); // 2024-01-05 21:00 in Los Angeles
    assert.equal(ApexDate.today(now, LA).toString(), '2024-01-05');
    assert.equal(ApexDate.today(now, 'GMT').toString(), '2024-01-06');
});

test('Datetime.newInstance is local; newInstanceGmt is GMT', () => {
    assert.equal(iso(ApexDatetime.newInstance(LA, 2024, 1, 5, 10, 0, 0)), '2024-01-05T18:00:00.000Z');
    assert.equal(iso(ApexDatetime.newInstance(LA, 2024, 7, 5, 10, 0, 0)), '2024-07-05T17:00:00.000Z');
    assert.equal(iso(ApexDatetime.newInstanceGmt(2024, 1, 5, 10, 0, 0)), '2024-01-05T10:00:00.000Z');
    assert.equal(iso(ApexDatetime.newInstance(LA, 2024, 1, 5)), '2024-01-05T08:00:00.000Z');
});

test('DST gap and overlap resolve like java.util.GregorianCalendar (checked with OpenJDK 17)', () => {
    assert.equal(iso(ApexDatetime.newInstance(LA, 2024, 3, 10, 2, 30, 0)), '2024-03-10T10:30:00.000Z');
    assert.equal(iso(ApexDatetime.newInstance(LA, 2024, 11, 3, 1, 30, 0)), '2024-11-03T09:30:00.000Z');
});

test('addDays keeps the local time across DST; addHours is fixed-length', () => {
    const before = ApexDatetime.newInstance(LA, 2024, 3, 9, 10, 0, 0);
    assert.equal(iso(before.addDays(1, LA)), '2024-03-10T17:00:00.000Z');
    assert.equal(iso(before.addHours(24)), '2024-03-10T18:00:00.000Z');
    assert.equal(iso(ApexDatetime.newInstance(LA, 2024, 1, 31, 9, 0, 0).addMonths(1, LA)), '2024-02-29T17:00:00.000Z');
    assert.equal(iso(before.addMinutes(90).addSeconds(30)), '2024-03-09T19:30:30.000Z');
});

test('local and GMT parts, date() and time()', () => {
    const dt = ApexDatetime.newInstanceGmt(2024, 1, 6, 3, 15, 30);
    const w = dt.wall(LA);
    assert.deepEqual([w.year, w.month, w.day, w.hour, w.minute, w.second], [2024, 1, 5, 19, 15, 30]);
    assert.equal(dt.date(LA).toString(), '2024-01-05');
    assert.equal(dt.date('GMT').toString(), '2024-01-06');
    assert.equal(dt.time(LA).toString(), '19:15:30.000Z');
    assert.equal(dt.getTime(), 1704510930000n);
});

test('string forms: String.valueOf is local, debug/valueOfGmt is GMT, JSON is ISO', () => {
    const dt = ApexDatetime.newInstanceGmt(2024, 1, 5, 18, 0, 0);
    assert.equal(dt.toApexString(LA), '2024-01-05 10:00:00');
    assert.equal(dt.toString(), '2024-01-05 18:00:00');
    assert.equal(dt.toJson(), '2024-01-05T18:00:00.000Z');
    assert.equal(dt.format(LA), '1/5/2024, 10:00 AM');
});

test('valueOf / valueOfGmt / parse', () => {
    assert.equal(iso(ApexDatetime.valueOf('2024-01-05 10:00:00', LA)), '2024-01-05T18:00:00.000Z');
    assert.equal(iso(ApexDatetime.valueOf('2024-01-05 10:00:00', 'GMT')), '2024-01-05T10:00:00.000Z');
    // Documented (ICU formats): DateTime.parse('10/14/2011, 11:46 AM').format() == '10/14/2011, 11:46 AM'.
    const parsed = ApexDatetime.parse('10/14/2011, 11:46 AM', LA);
    assert.equal(iso(parsed), '2011-10-14T18:46:00.000Z');
    assert.equal(parsed.format(LA), '10/14/2011, 11:46 AM');
    assert.equal(iso(ApexDatetime.parse('10/14/2011, 12:05 AM', LA)), '2011-10-14T07:05:00.000Z');
    assert.equal(
        typeException(() => ApexDatetime.parse('10/14/2011 11:46 AM', LA)),
        'Invalid date/time: 10/14/2011 11:46 AM'
    );
    assert.equal(
        typeException(() => ApexDatetime.valueOf('2024-01-05', LA)),
        'Invalid date/time: 2024-01-05'
    );
});

test('SimpleDateFormat letters match OpenJDK 17 output', () => {
    const p = "EEE EEEE MMM MMMM yy yyyy M d D H h k K a z zzzz Z X XX XXX S SSS u 'o''clock' ''";
    assert.equal(
        formatJava(1704448800123, p, LA),
        "Fri Friday Jan January 24 2024 1 5 5 2 2 2 2 AM PST Pacific Standard Time -0800 -08 -0800 -08:00 123 123 5 o'clock '"
    );
    assert.equal(
        formatJava(1720000000000, p, LA),
        "Wed Wednesday Jul July 24 2024 7 3 185 2 2 2 2 AM PDT Pacific Daylight Time -0700 -07 -0700 -07:00 0 000 3 o'clock '"
    );
    assert.equal(
        formatJava(1704448800123, p, 'GMT'),
        "Fri Friday Jan January 24 2024 1 5 5 10 10 10 10 AM GMT Greenwich Mean Time +0000 Z Z Z 123 123 5 o'clock '"
    );
    assert.equal(
        ApexDatetime.fromMs(1704448800123n).formatGmt("yyyy-MM-dd'T'HH:mm:ss.SSSZ"),
        '2024-01-05T10:00:00.123+0000'
    );
});

test('unsupported pattern letters and unknown zone names fail loudly', () => {
    assert.throws(() => formatJava(0, 'w', 'GMT'), UnknownBehaviourError);
    assert.throws(() => formatJava(0, 'z', 'Europe/Paris'), UnknownBehaviourError);
    assert.equal(formatJava(0, 'Z', 'Europe/Paris'), '+0100');
});

test('Time values wrap and print as HH:mm:ss.SSSZ', () => {
    const t = ApexTime.newInstance(23, 30, 0, 5);
    assert.equal(t.toString(), '23:30:00.005Z');
    assert.equal(t.addHours(1).toString(), '00:30:00.005Z');
    assert.equal(t.addMinutes(-24 * 60 - 30).toString(), '23:00:00.005Z');
    assert.deepEqual([t.hour(), t.minute(), t.second(), t.millisecond()], [23, 30, 0, 5]);
    assert.throws(() => ApexTime.newInstance(24, 0, 0, 0), UnknownBehaviourError);
});

test('Datetime from Date and Time', () => {
    const dt = ApexDatetime.fromDateTime(date(2024, 1, 5), ApexTime.newInstance(10, 0, 0, 0), LA);
    assert.equal(iso(dt), '2024-01-05T18:00:00.000Z');
});

test('Date → Datetime conversion is midnight GMT', () => {
    const dt = ApexDatetime.fromDate(date(2024, 1, 5));
    assert.equal(iso(dt), '2024-01-05T00:00:00.000Z');
    assert.equal(dt.date(LA).toString(), '2024-01-04');
    assert.equal(dt.date('GMT').toString(), '2024-01-05');
});

test('documented Datetime examples (user in America/Los_Angeles)', () => {
    assert.equal(ApexDatetime.newInstance(LA, 1993, 6, 6, 3, 3, 3).format(LA), '6/6/1993, 3:03 AM');
    assert.equal(
        ApexDatetime.newInstance(LA, 2022, 5, 4, 19, 37, 55).formatPattern('yyyy-MM-dd h:mm a', LA),
        '2022-05-04 7:37 PM'
    );
    assert.equal(
        ApexDatetime.newInstanceGmt(2011, 6, 1, 12, 1, 5).formatPatternInZone(
            'MM/dd/yyyy HH:mm:ss',
            'America/New_York'
        ),
        '06/01/2011 08:01:05'
    );
    assert.equal(
        ApexDatetime.newInstance(LA, 1993, 6, 6, 3, 3, 3).formatGmt('EEE, MMM d yyyy HH:mm:ss'),
        'Sun, Jun 6 1993 10:03:03'
    );
    assert.equal(ApexDatetime.newInstanceGmt(2007, 6, 23, 3, 3, 3).getTime(), 1182567783000n);
    assert.equal(ApexDatetime.newInstance(LA, 2000, 4, 27, 3, 3, 3).wall('GMT').hour, 10);
    assert.equal(ApexDatetime.newInstance(LA, 1999, 2, 5, 23, 0, 3).dayOfYear('GMT'), 37);
    assert.equal(ApexDatetime.newInstance(LA, 2008, 2, 5, 8, 30, 12).dayOfYear(LA), 36);
    assert.ok(ApexDatetime.fromMs(1341828183000n).equals(ApexDatetime.newInstance(LA, 2012, 7, 9, 3, 3, 3)));
    assert.ok(
        ApexDatetime.newInstanceGmt(1998, 1, 29, 2, 2, 3).equals(ApexDatetime.newInstance(LA, 1998, 1, 28, 18, 2, 3))
    );
    assert.ok(ApexDatetime.valueOf('2009-3-5 5:2:2', 'GMT').equals(ApexDatetime.newInstance(LA, 2009, 3, 4, 21, 2, 2)));
    assert.equal(ApexDatetime.newInstance(LA, 2006, 3, 16, 23, 0, 0).date('GMT').toString(), '2006-03-17');
    assert.equal(ApexDatetime.newInstance(LA, 2004, 1, 27, 4, 1, 2).time('GMT').toString(), '12:01:02.000Z');
    assert.ok(
        ApexDatetime.newInstance(LA, 1960, 2, 17)
            .addDays(2, LA)
            .equals(ApexDatetime.newInstance(LA, 1960, 2, 19))
    );
    assert.equal(ApexDatetime.newInstance(LA, 2012, 12, 28, 10, 0, 0).formatLong(LA), '12/28/2012, 10:00:00 AM PST');
});

test('format(pattern, zone): unknown zone ids fall back to GMT (documented); Java-only ids fail loudly', () => {
    const dt = ApexDatetime.newInstanceGmt(2011, 6, 1, 12, 1, 5);
    assert.equal(dt.formatPatternInZone('HH:mm', 'Not/AZone'), '12:01');
    assert.throws(() => dt.formatPatternInZone('HH:mm', 'PST'), UnknownBehaviourError);
    assert.throws(() => dt.formatPatternInZone('HH:mm', 'GMT+05:00'), UnknownBehaviourError);
});

test('documented Date examples', () => {
    assert.equal(date(2001, 3, 21).format(), '3/21/2001');
    assert.equal(date(2006, 12, 2).monthsBetween(date(2012, 12, 8)), 72);
    assert.equal(date(1998, 10, 21).dayOfYear(), 294);
    assert.equal(date(1983, 7, 15).addYears(2).toString(), '1985-07-15');
    assert.equal(date(1987, 12, 17).toStartOfMonth().toString(), '1987-12-01');
    assert.equal(ApexDate.valueOf('2008-10-5 12:20:20').toString(), '2008-10-05');
    assert.equal(isLeapYear(2004), true);
});
