/**
 * BuiltinMethod tables for Boolean, Integer, Long, Double, Decimal, Id, Date, Datetime, Time, Pattern and Matcher.
 * Boolean: https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_methods_system_boolean.htm
 * Each entry only adapts arguments to the modules that hold the behaviour (and cite its sources).
 * Zone-dependent Datetime methods use host.timeZone(); today()/now() use host.nowMs().
 */
import type { BuiltinHost, BuiltinMethod } from '../builtin';
import { ApexDate, ApexDatetime, ApexTime, daysInMonth, isLeapYear } from './datetime';
import type { RoundingMode } from './decimal';
import { ApexDecimal, parseRoundingMode } from './decimal';
import { ApexId } from './id';
import { javaRound } from './math';
import {
    ApexDouble,
    doubleToInt,
    doubleToLong,
    formatInteger,
    longToInt,
    parseDouble,
    parseInteger,
    parseLong
} from './numbers';
import type { JavaPattern } from './regex';
import { JavaMatcher, compileJava, javaQuote, javaSplit } from './regex';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Impl = (self: any, args: any[], host: BuiltinHost) => unknown;

function s(name: string, params: string[], returns: string, impl: Impl): BuiltinMethod {
    return { name, isStatic: true, params, returns, impl: impl as BuiltinMethod['impl'] };
}
function i(name: string, params: string[], returns: string, impl: Impl): BuiltinMethod {
    return { name, isStatic: false, params, returns, impl: impl as BuiltinMethod['impl'] };
}

/** A System.RoundingMode argument: the runtime's enum value ({ name }) or its name. */
function modeOf(v: unknown): RoundingMode {
    return parseRoundingMode(typeof v === 'string' ? v : (v as { name: string }).name);
}

const tz = (h: BuiltinHost) => h.timeZone();
const I = 'Integer';
const DEC = 'Decimal';
const DT = 'Datetime';

/** Boolean.valueOf(String): true only for 'true' in any case (Java Boolean.parseBoolean); null gives false. */
export const BOOLEAN_METHODS: BuiltinMethod[] = [
    s('valueOf', ['String'], 'Boolean', (_s, [t]) => typeof t === 'string' && t.toLowerCase() === 'true')
];

export const INTEGER_METHODS: BuiltinMethod[] = [
    s('valueOf', ['String'], I, (_s, [t]) => parseInteger(t)),
    i('format', [], 'String', (v: number) => formatInteger(v))
];

export const LONG_METHODS: BuiltinMethod[] = [
    s('valueOf', ['String'], 'Long', (_s, [t]) => parseLong(t)),
    i('format', [], 'String', (v: bigint) => formatInteger(v)),
    i('intValue', [], I, (v: bigint) => longToInt(v))
];

export const DOUBLE_METHODS: BuiltinMethod[] = [
    s('valueOf', ['String'], 'Double', (_s, [t]) => parseDouble(t)),
    i('format', [], 'String', (v: ApexDouble) => ApexDecimal.fromDouble(v.value).formatGrouped()),
    i('intValue', [], I, (v: ApexDouble) => doubleToInt(v.value)),
    i('longValue', [], 'Long', (v: ApexDouble) => doubleToLong(v.value)),
    // Double.round(): Java Math.round (half up toward positive infinity), as a Long.
    i('round', [], 'Long', (v: ApexDouble) => javaRound(v.value))
];

export const DECIMAL_METHODS: BuiltinMethod[] = [
    s('valueOf', ['String'], DEC, (_s, [t]) => ApexDecimal.parse(t)),
    s('valueOf', ['Double'], DEC, (_s, [d]) => ApexDecimal.fromDouble((d as ApexDouble).value)),
    s('valueOf', ['Long'], DEC, (_s, [l]) => ApexDecimal.fromInteger(l)),
    i('abs', [], DEC, (d: ApexDecimal) => d.abs()),
    i('divide', [DEC, I], DEC, (d: ApexDecimal, [o, sc]) => d.divideWithScale(o, sc)),
    i('divide', [DEC, I, 'System.RoundingMode'], DEC, (d: ApexDecimal, [o, sc, m]) =>
        d.divideWithScale(o, sc, modeOf(m))
    ),
    i('doubleValue', [], 'Double', (d: ApexDecimal) => new ApexDouble(d.doubleValue())),
    i('format', [], 'String', (d: ApexDecimal) => d.format()),
    i('intValue', [], I, (d: ApexDecimal) => d.intValue()),
    i('longValue', [], 'Long', (d: ApexDecimal) => d.longValue()),
    i('pow', [I], DEC, (d: ApexDecimal, [n]) => d.pow(n)),
    i('precision', [], I, (d: ApexDecimal) => d.precision()),
    i('round', [], 'Long', (d: ApexDecimal) => d.round()),
    i('round', ['System.RoundingMode'], 'Long', (d: ApexDecimal, [m]) => d.round(modeOf(m))),
    i('scale', [], I, (d: ApexDecimal) => d.scale),
    i('setScale', [I], DEC, (d: ApexDecimal, [n]) => d.setScale(n)),
    i('setScale', [I, 'System.RoundingMode'], DEC, (d: ApexDecimal, [n, m]) => d.setScale(n, modeOf(m))),
    i('stripTrailingZeros', [], DEC, (d: ApexDecimal) => d.stripTrailingZeros()),
    i('toPlainString', [], 'String', (d: ApexDecimal) => d.toPlainString())
];

export const ID_METHODS: BuiltinMethod[] = [
    s('valueOf', ['String'], 'Id', (_s, [t]) => ApexId.of(t)),
    i('to15', [], 'String', (id: ApexId) => id.to15())
];

export const DATE_METHODS: BuiltinMethod[] = [
    s('newInstance', [I, I, I], 'Date', (_s, [y, m, d]) => ApexDate.newInstance(y, m, d)),
    s('today', [], 'Date', (_s, _a, h) => ApexDate.today(h.nowMs(), tz(h))),
    s('valueOf', ['String'], 'Date', (_s, [t]) => ApexDate.valueOf(t)),
    s('parse', ['String'], 'Date', (_s, [t]) => ApexDate.parse(t)),
    s('isLeapYear', [I], 'Boolean', (_s, [y]) => isLeapYear(y)),
    s('daysInMonth', [I, I], I, (_s, [y, m]) => daysInMonth(y, m)),
    i('addDays', [I], 'Date', (d: ApexDate, [n]) => d.addDays(n)),
    i('addMonths', [I], 'Date', (d: ApexDate, [n]) => d.addMonths(n)),
    i('addYears', [I], 'Date', (d: ApexDate, [n]) => d.addYears(n)),
    i('day', [], I, (d: ApexDate) => d.day),
    i('dayOfYear', [], I, (d: ApexDate) => d.dayOfYear()),
    i('daysBetween', ['Date'], I, (d: ApexDate, [o]) => d.daysBetween(o)),
    i('format', [], 'String', (d: ApexDate) => d.format()),
    i('isSameDay', ['Date'], 'Boolean', (d: ApexDate, [o]) => d.isSameDay(o)),
    i('month', [], I, (d: ApexDate) => d.month),
    i('monthsBetween', ['Date'], I, (d: ApexDate, [o]) => d.monthsBetween(o)),
    i('toStartOfMonth', [], 'Date', (d: ApexDate) => d.toStartOfMonth()),
    i('toStartOfWeek', [], 'Date', (d: ApexDate) => d.toStartOfWeek()),
    i('year', [], I, (d: ApexDate) => d.year)
];

function wallField(
    name: string,
    field: 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second' | 'millisecond'
): BuiltinMethod[] {
    return [
        i(name, [], I, (d: ApexDatetime, _a, h) => d.wall(tz(h))[field]),
        i(name + 'Gmt', [], I, (d: ApexDatetime) => d.wall('GMT')[field])
    ];
}

export const DATETIME_METHODS: BuiltinMethod[] = [
    s('newInstance', ['Long'], DT, (_s, [ms]) => ApexDatetime.fromMs(ms)),
    s('newInstance', ['Date', 'Time'], DT, (_s, [d, t], h) => ApexDatetime.fromDateTime(d, t, tz(h))),
    s('newInstance', [I, I, I], DT, (_s, a, h) => ApexDatetime.newInstance(tz(h), a[0], a[1], a[2])),
    s('newInstance', [I, I, I, I, I, I], DT, (_s, a, h) =>
        ApexDatetime.newInstance(tz(h), a[0], a[1], a[2], a[3], a[4], a[5])
    ),
    s('newInstanceGmt', ['Date', 'Time'], DT, (_s, [d, t]) => ApexDatetime.fromDateTime(d, t, 'GMT')),
    s('newInstanceGmt', [I, I, I], DT, (_s, a) => ApexDatetime.newInstanceGmt(a[0], a[1], a[2])),
    s('newInstanceGmt', [I, I, I, I, I, I], DT, (_s, a) =>
        ApexDatetime.newInstanceGmt(a[0], a[1], a[2], a[3], a[4], a[5])
    ),
    s('now', [], DT, (_s, _a, h) => new ApexDatetime(h.nowMs())),
    s('valueOf', ['String'], DT, (_s, [t], h) => ApexDatetime.valueOf(t, tz(h))),
    s('valueOfGmt', ['String'], DT, (_s, [t]) => ApexDatetime.valueOf(t, 'GMT')),
    s('parse', ['String'], DT, (_s, [t], h) => ApexDatetime.parse(t, tz(h))),
    i('addDays', [I], DT, (d: ApexDatetime, [n], h) => d.addDays(n, tz(h))),
    i('addMonths', [I], DT, (d: ApexDatetime, [n], h) => d.addMonths(n, tz(h))),
    i('addYears', [I], DT, (d: ApexDatetime, [n], h) => d.addYears(n, tz(h))),
    i('addHours', [I], DT, (d: ApexDatetime, [n]) => d.addHours(n)),
    i('addMinutes', [I], DT, (d: ApexDatetime, [n]) => d.addMinutes(n)),
    i('addSeconds', [I], DT, (d: ApexDatetime, [n]) => d.addSeconds(n)),
    i('date', [], 'Date', (d: ApexDatetime, _a, h) => d.date(tz(h))),
    i('dateGmt', [], 'Date', (d: ApexDatetime) => d.date('GMT')),
    i('time', [], 'Time', (d: ApexDatetime, _a, h) => d.time(tz(h))),
    i('timeGmt', [], 'Time', (d: ApexDatetime) => d.time('GMT')),
    i('dayOfYear', [], I, (d: ApexDatetime, _a, h) => d.dayOfYear(tz(h))),
    i('dayOfYearGmt', [], I, (d: ApexDatetime) => d.dayOfYear('GMT')),
    ...wallField('year', 'year'),
    ...wallField('month', 'month'),
    ...wallField('day', 'day'),
    ...wallField('hour', 'hour'),
    ...wallField('minute', 'minute'),
    ...wallField('second', 'second'),
    ...wallField('millisecond', 'millisecond'),
    i('format', [], 'String', (d: ApexDatetime, _a, h) => d.format(tz(h))),
    i('format', ['String'], 'String', (d: ApexDatetime, [p], h) => d.formatPattern(p, tz(h))),
    i('format', ['String', 'String'], 'String', (d: ApexDatetime, [p, z]) => d.formatPatternInZone(p, z)),
    i('formatLong', [], 'String', (d: ApexDatetime, _a, h) => d.formatLong(tz(h))),
    i('formatGmt', ['String'], 'String', (d: ApexDatetime, [p]) => d.formatGmt(p)),
    i('getTime', [], 'Long', (d: ApexDatetime) => d.getTime()),
    i('isSameDay', [DT], 'Boolean', (d: ApexDatetime, [o], h) => d.date(tz(h)).equals(o.date(tz(h))))
];

export const TIME_METHODS: BuiltinMethod[] = [
    s('newInstance', [I, I, I, I], 'Time', (_s, a) => ApexTime.newInstance(a[0], a[1], a[2], a[3])),
    i('addHours', [I], 'Time', (t: ApexTime, [n]) => t.addHours(n)),
    i('addMinutes', [I], 'Time', (t: ApexTime, [n]) => t.addMinutes(n)),
    i('addSeconds', [I], 'Time', (t: ApexTime, [n]) => t.addSeconds(n)),
    i('addMilliseconds', [I], 'Time', (t: ApexTime, [n]) => t.addMilliseconds(n)),
    i('hour', [], I, (t: ApexTime) => t.hour()),
    i('minute', [], I, (t: ApexTime) => t.minute()),
    i('second', [], I, (t: ApexTime) => t.second()),
    i('millisecond', [], I, (t: ApexTime) => t.millisecond())
];

export const PATTERN_METHODS: BuiltinMethod[] = [
    s('compile', ['String'], 'Pattern', (_s, [p]) => compileJava(p)),
    s('matches', ['String', 'String'], 'Boolean', (_s, [p, t]) => compileJava(p).matches(t)),
    s('quote', ['String'], 'String', (_s, [t]) => javaQuote(t)),
    i('matcher', ['String'], 'Matcher', (p: JavaPattern, [t]) => new JavaMatcher(p, t)),
    i('pattern', [], 'String', (p: JavaPattern) => p.pattern),
    i('split', ['String'], 'List<String>', (p: JavaPattern, [t], h) => h.newList('String', javaSplit(t, p.pattern)))
];

export const MATCHER_METHODS: BuiltinMethod[] = [
    // Java Matcher.quoteReplacement: a backslash before every '\\' and '$'.
    s('quoteReplacement', ['String'], 'String', (_s, [t]) => (t as string).replace(/[\\$]/g, (c) => '\\' + c)),
    i('matches', [], 'Boolean', (m: JavaMatcher) => m.matches()),
    i('lookingAt', [], 'Boolean', (m: JavaMatcher) => m.lookingAt()),
    i('find', [], 'Boolean', (m: JavaMatcher) => m.find()),
    i('find', [I], 'Boolean', (m: JavaMatcher, [n]) => m.find(n)),
    i('group', [], 'String', (m: JavaMatcher) => m.group()),
    i('group', [I], 'String', (m: JavaMatcher, [n]) => m.group(n)),
    i('groupCount', [], I, (m: JavaMatcher) => m.groupCount()),
    i('start', [], I, (m: JavaMatcher) => m.start()),
    i('start', [I], I, (m: JavaMatcher, [n]) => m.start(n)),
    i('end', [], I, (m: JavaMatcher) => m.end()),
    i('end', [I], I, (m: JavaMatcher, [n]) => m.end(n)),
    i('replaceAll', ['String'], 'String', (m: JavaMatcher, [r]) => m.replaceAll(r)),
    i('replaceFirst', ['String'], 'String', (m: JavaMatcher, [r]) => m.replaceFirst(r)),
    i('reset', [], 'Matcher', (m: JavaMatcher) => m.reset()),
    i('reset', ['String'], 'Matcher', (m: JavaMatcher, [t]) => m.reset(t)),
    i('pattern', [], 'Pattern', (m: JavaMatcher) => m.pattern)
];
