/**
 * The Apex String class as BuiltinMethod tables. Indexes are UTF-16 code units, as in Java.
 *
 * Sources (see SOURCES.md):
 * - String class: https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_methods_system_string.htm
 *   Many methods there are documented with the behaviour of Apache Commons StringUtils / StringEscapeUtils
 *   (abbreviate, center, difference, substringBetween, splitByCharacterType…) and of java.lang.String
 *   (compareTo, hashCode, trim, split, replaceAll), which this module follows.
 * - String.format: "the same as apex:outputText and the Java MessageFormat class"; non-String list items are
 *   converted with their toString.
 * - substring bounds: "Ending position out of bounds: -1" is the org's text (seen quoted in public Apex code).
 *
 * Null arguments: the platform's reaction differs per method and is mostly undocumented, so a null argument to a
 * method that does not declare its null handling raises UnknownBehaviourError (loud) rather than guessing.
 */
import type { BuiltinHost, BuiltinMethod } from '../builtin';
import { ApexPrimitiveError } from '../builtin';
import type { ApexDatetime } from './datetime';
import { ApexId } from './id';
import { HTML4_CODES, HTML4_NAMES } from './html-entities';
import { UnknownBehaviourError } from './numbers';
import { javaReplace, javaSplit } from './regex';

// The runtime converts arguments to the parameter types each table entry declares before calling it, so the
// implementations read them as those types; `any` keeps 120 one-line entries free of casts.
/* eslint-disable @typescript-eslint/no-explicit-any */
type InstImpl = (s: string, args: any[], host: BuiltinHost) => unknown;
type StatImpl = (args: any[], host: BuiltinHost) => unknown;
/* eslint-enable @typescript-eslint/no-explicit-any */

function inst(name: string, params: string[], returns: string, impl: InstImpl, nullable = false): BuiltinMethod {
    return {
        name,
        isStatic: false,
        params,
        returns,
        impl: (self, args, host) => {
            if (!nullable) rejectNulls(`String.${name}`, args);
            return impl(self as string, args, host);
        }
    };
}

function stat(name: string, params: string[], returns: string, impl: StatImpl, nullable = false): BuiltinMethod {
    return {
        name,
        isStatic: true,
        params,
        returns,
        impl: (_self, args, host) => {
            if (!nullable) rejectNulls(`String.${name}`, args);
            return impl(args, host);
        }
    };
}

function rejectNulls(method: string, args: unknown[]): void {
    if (args.some((a) => a === null || a === undefined))
        throw new UnknownBehaviourError(`${method} with a null argument`);
}

// ---------- character classes (java.lang.Character) ----------

/** Character.isWhitespace: space separators except no-break ones, plus \t \n \u000B \f \r and \u001C–\u001F. */
export function isJavaWhitespace(ch: string): boolean {
    const c = ch.charCodeAt(0);
    if (c === 0x09 || c === 0x0a || c === 0x0b || c === 0x0c || c === 0x0d || (c >= 0x1c && c <= 0x1f)) return true;
    if (c === 0xa0 || c === 0x2007 || c === 0x202f) return false;
    return /[\p{Zs}\p{Zl}\p{Zp}]/u.test(ch);
}

const isLetter = (ch: string) => /\p{L}/u.test(ch);
const isDigit = (ch: string) => /\p{Nd}/u.test(ch);
const isLower = (ch: string) => /\p{Lowercase}/u.test(ch);
const isUpper = (ch: string) => /\p{Uppercase}/u.test(ch);

function chars(s: string): string[] {
    return s.split('');
}

function allChars(s: string, pred: (ch: string) => boolean): boolean {
    return s.length > 0 && chars(s).every(pred);
}

// ---------- helpers with Commons/Java semantics ----------

/** Java String.hashCode. */
export function javaStringHash(s: string): number {
    let h = 0;
    for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
    return h;
}

/** Java String.compareTo: difference of the first differing UTF-16 units, else of the lengths. */
export function javaCompare(a: string, b: string): number {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
        const d = a.charCodeAt(i) - b.charCodeAt(i);
        if (d !== 0) return d;
    }
    return a.length - b.length;
}

/** Java String.trim: strips characters <= U+0020 at both ends. */
export function javaTrim(s: string): string {
    let start = 0;
    let end = s.length;
    while (start < end && s.charCodeAt(start) <= 0x20) start++;
    while (end > start && s.charCodeAt(end - 1) <= 0x20) end--;
    return s.slice(start, end);
}

function padding(count: number, pad: string): string {
    if (count <= 0) return '';
    return pad.repeat(Math.ceil(count / pad.length)).slice(0, count);
}

export function leftPad(s: string, size: number, pad = ' '): string {
    if (pad === '') pad = ' ';
    return padding(size - s.length, pad) + s;
}

export function rightPad(s: string, size: number, pad = ' '): string {
    if (pad === '') pad = ' ';
    return s + padding(size - s.length, pad);
}

function center(s: string, size: number, pad = ' '): string {
    if (pad === '') pad = ' ';
    const pads = size - s.length;
    if (size <= 0 || pads <= 0) return s;
    return rightPad(leftPad(s, s.length + Math.floor(pads / 2), pad), size, pad);
}

/** StringUtils.abbreviate(str, offset, maxWidth). */
export function abbreviate(s: string, maxWidth: number, offset = 0): string {
    if (s === '') return s;
    if (maxWidth < 4) throw new UnknownBehaviourError(`String.abbreviate with maxWidth ${maxWidth} (< 4)`);
    if (s.length <= maxWidth) return s;
    if (offset > s.length) offset = s.length;
    if (s.length - offset < maxWidth - 3) offset = s.length - (maxWidth - 3);
    if (offset <= 4) return s.slice(0, maxWidth - 3) + '...';
    if (maxWidth < 7)
        throw new UnknownBehaviourError(`String.abbreviate with an offset and maxWidth ${maxWidth} (< 7)`);
    if (offset + maxWidth - 3 < s.length) return '...' + abbreviate(s.slice(offset), maxWidth - 3);
    return '...' + s.slice(s.length - (maxWidth - 3));
}

function capitalize(s: string): string {
    if (s === '') return s;
    const first = String.fromCodePoint(s.codePointAt(0)!);
    return titleCase(first) + s.slice(first.length);
}

/** Character.toTitleCase for the few letters whose title case differs from upper case (digraphs). */
function titleCase(ch: string): string {
    const special: Record<string, string> = {
        Ǆ: 'ǅ',
        ǅ: 'ǅ',
        ǆ: 'ǅ',
        Ǉ: 'ǈ',
        ǈ: 'ǈ',
        ǉ: 'ǈ',
        Ǌ: 'ǋ',
        ǋ: 'ǋ',
        ǌ: 'ǋ',
        Ǳ: 'ǲ',
        ǲ: 'ǲ',
        ǳ: 'ǲ'
    };
    if (special[ch]) return special[ch];
    const up = ch.toUpperCase();
    return up.length === ch.length ? up : ch;
}

function uncapitalize(s: string): string {
    if (s === '') return s;
    const first = String.fromCodePoint(s.codePointAt(0)!);
    const low = first.toLowerCase();
    return (low.length === first.length ? low : first) + s.slice(first.length);
}

function swapCase(s: string): string {
    return chars(s)
        .map((ch) => {
            if (isUpper(ch) || /\p{Lt}/u.test(ch)) return ch.toLowerCase();
            if (isLower(ch)) {
                const up = ch.toUpperCase();
                return up.length === 1 ? up : ch;
            }
            return ch;
        })
        .join('');
}

function countMatches(s: string, sub: string): number {
    if (s === '' || sub === '') return 0;
    let count = 0;
    let i = s.indexOf(sub);
    while (i >= 0) {
        count++;
        i = s.indexOf(sub, i + sub.length);
    }
    return count;
}

function difference(a: string, b: string): string {
    let i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    if (i === a.length && i === b.length) return '';
    return b.slice(i);
}

/** StringUtils.indexOfIgnoreCase, including its quirk that '' is found at any start up to length + 1. */
function indexOfIgnoreCase(s: string, sub: string, from = 0): number {
    if (from < 0) from = 0;
    const endLimit = s.length - sub.length + 1;
    if (from > endLimit) return -1;
    if (sub === '') return from;
    for (let i = from; i < endLimit; i++) {
        if (regionEqualsIgnoreCase(s, i, sub)) return i;
    }
    return -1;
}

function lastIndexOfIgnoreCase(s: string, sub: string, from = s.length): number {
    if (from > s.length - sub.length) from = s.length - sub.length;
    for (let i = from; i >= 0; i--) {
        if (regionEqualsIgnoreCase(s, i, sub)) return i;
    }
    return -1;
}

/** Java regionMatches(ignoreCase=true): per char, equal after toUpperCase or toLowerCase. */
function regionEqualsIgnoreCase(s: string, offset: number, sub: string): boolean {
    for (let j = 0; j < sub.length; j++) {
        if (!charEqualsIgnoreCase(s[offset + j], sub[j])) return false;
    }
    return true;
}

function charEqualsIgnoreCase(a: string, b: string): boolean {
    if (a === b) return true;
    const ua = a.toUpperCase();
    const ub = b.toUpperCase();
    if (ua.length === 1 && ua === ub) return true;
    return a.toLowerCase() === b.toLowerCase() && a.toLowerCase().length === 1;
}

export function equalsIgnoreCase(a: string, b: string): boolean {
    return a.length === b.length && regionEqualsIgnoreCase(a, 0, b);
}

function startsWithIgnoreCase(s: string, p: string): boolean {
    return p.length <= s.length && regionEqualsIgnoreCase(s, 0, p);
}

function endsWithIgnoreCase(s: string, p: string): boolean {
    return p.length <= s.length && regionEqualsIgnoreCase(s, s.length - p.length, p);
}

/**
 * String.substring with the platform's bounds messages: "Ending position out of bounds: -1" is the org's text; the
 * "Starting position" one is inferred by symmetry; a start after a valid end (substring(2, 1)) is not pinned → loud.
 */
export function substring(s: string, start: number, end?: number): string {
    const stop = end ?? s.length;
    if (stop < 0 || stop > s.length) {
        throw new ApexPrimitiveError('System.StringException', `Ending position out of bounds: ${stop}`);
    }
    if (start < 0 || (end === undefined && start > stop)) {
        throw new ApexPrimitiveError('System.StringException', `Starting position out of bounds: ${start}`);
    }
    if (start > stop) throw new UnknownBehaviourError(`String.substring(${start}, ${stop})`);
    return s.slice(start, stop);
}

function mid(s: string, pos: number, len: number): string {
    if (len < 0 || pos > s.length) return '';
    if (pos < 0) pos = 0;
    return s.slice(pos, pos + len);
}

function substringAfter(s: string, sep: string): string {
    if (s === '') return s;
    const i = s.indexOf(sep);
    return i < 0 ? '' : s.slice(i + sep.length);
}

function substringAfterLast(s: string, sep: string): string {
    if (s === '' || sep === '') return '';
    const i = s.lastIndexOf(sep);
    return i < 0 || i === s.length - sep.length ? '' : s.slice(i + sep.length);
}

function substringBefore(s: string, sep: string): string {
    if (s === '') return s;
    if (sep === '') return '';
    const i = s.indexOf(sep);
    return i < 0 ? s : s.slice(0, i);
}

function substringBeforeLast(s: string, sep: string): string {
    if (s === '' || sep === '') return s;
    const i = s.lastIndexOf(sep);
    return i < 0 ? s : s.slice(0, i);
}

function substringBetween(s: string, open: string, close: string): string | null {
    const start = s.indexOf(open);
    if (start < 0) return null;
    const end = s.indexOf(close, start + open.length);
    if (end < 0) return null;
    return s.slice(start + open.length, end);
}

function removeStart(s: string, p: string, ignoreCase = false): string {
    if (s === '' || p === '') return s;
    return (ignoreCase ? startsWithIgnoreCase(s, p) : s.startsWith(p)) ? s.slice(p.length) : s;
}

function removeEnd(s: string, p: string, ignoreCase = false): string {
    if (s === '' || p === '') return s;
    return (ignoreCase ? endsWithIgnoreCase(s, p) : s.endsWith(p)) ? s.slice(0, s.length - p.length) : s;
}

/** java.lang.String.replace(CharSequence, CharSequence): literal, all occurrences; '' inserts between chars. */
export function replaceLiteral(s: string, target: string, replacement: string): string {
    if (target === '') {
        return (
            replacement +
            chars(s)
                .map((c) => c + replacement)
                .join('')
        );
    }
    return s.split(target).join(replacement);
}

/** Commons Lang 3.0 normalizeSpace: String.trim, then each run of Java \s becomes one space. */
function normalizeSpace(s: string): string {
    return javaTrim(s).replace(/[ \t\n\x0B\f\r]+/g, ' ');
}

function levenshtein(a: string, b: string): number {
    let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
        const cur = [i];
        for (let j = 1; j <= b.length; j++) {
            cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        }
        prev = cur;
    }
    return prev[b.length];
}

/** Java's Character.getType, reduced to the categories splitByCharacterType tells apart. */
function charType(ch: string): string {
    for (const cat of [
        'Lu',
        'Ll',
        'Lt',
        'Lm',
        'Lo',
        'Mn',
        'Mc',
        'Me',
        'Nd',
        'Nl',
        'No',
        'Zs',
        'Zl',
        'Zp',
        'Cc',
        'Cf',
        'Co',
        'Cs',
        'Pd',
        'Ps',
        'Pe',
        'Pc',
        'Po',
        'Sm',
        'Sc',
        'Sk',
        'So',
        'Pi',
        'Pf'
    ]) {
        if (new RegExp(`\\p{${cat}}`, 'u').test(ch)) return cat;
    }
    return 'Cn';
}

/** StringUtils.splitByCharacterType(str, camelCase). */
export function splitByCharacterType(s: string, camelCase: boolean): string[] {
    if (s === '') return [];
    const out: string[] = [];
    let tokenStart = 0;
    let current = charType(s[0]);
    for (let pos = 1; pos < s.length; pos++) {
        const type = charType(s[pos]);
        if (type === current) continue;
        if (camelCase && type === 'Ll' && current === 'Lu') {
            const newStart = pos - 1;
            if (newStart !== tokenStart) {
                out.push(s.slice(tokenStart, newStart));
                tokenStart = newStart;
            }
        } else {
            out.push(s.slice(tokenStart, pos));
            tokenStart = pos;
        }
        current = type;
    }
    out.push(s.slice(tokenStart));
    return out;
}

// ---------- escaping ----------

const CSV_SPECIAL = /[,"\r\n]/;

function escapeCsv(s: string): string {
    if (!CSV_SPECIAL.test(s)) return s;
    return '"' + s.replace(/"/g, '""') + '"';
}

function unescapeCsv(s: string): string {
    // Commons Text fails on a lone quote (its first and last characters are the same quote).
    if (s === '"') throw new UnknownBehaviourError("String.unescapeCsv of '\"'");
    if (s.length < 2 || s[0] !== '"' || s[s.length - 1] !== '"') return s;
    const inner = s.slice(1, -1);
    if (!CSV_SPECIAL.test(inner)) return s;
    return inner.replace(/""/g, '"');
}

function hex4(code: number): string {
    return code.toString(16).toUpperCase().padStart(4, '0');
}

/**
 * StringEscapeUtils.escapeJava / escapeEcmaScript (Commons): quotes, backslash, control chars, non-ASCII as
 * \uXXXX; EcmaScript also escapes ' and / (documented: "the only difference … single quotes and forward-slash").
 */
function escapeJavaLike(s: string, ecma: boolean): string {
    let out = '';
    for (const ch of chars(s)) {
        const c = ch.charCodeAt(0);
        if (ch === '"') out += '\\"';
        else if (ch === '\\') out += '\\\\';
        else if (ecma && ch === "'") out += "\\'";
        else if (ecma && ch === '/') out += '\\/';
        else if (c === 8) out += '\\b';
        else if (c === 10) out += '\\n';
        else if (c === 9) out += '\\t';
        else if (c === 12) out += '\\f';
        else if (c === 13) out += '\\r';
        else if (c < 32 || c > 0x7f) out += '\\u' + hex4(c);
        else out += ch;
    }
    return out;
}

function escapeUnicode(s: string): string {
    return chars(s)
        .map((ch) => (ch.charCodeAt(0) > 0x7f ? '\\u' + hex4(ch.charCodeAt(0)) : ch))
        .join('');
}

/** HTML 3.2 knows only the basic entities and ISO-8859-1 (160–255); HTML 4 adds symbols and Greek. */
function htmlName(cp: number, html3: boolean): string | undefined {
    if (html3 && cp > 255) return undefined;
    return HTML4_NAMES.get(cp);
}

function escapeHtml(s: string, html3: boolean): string {
    let out = '';
    for (const ch of s) {
        const name = htmlName(ch.codePointAt(0)!, html3);
        out += name !== undefined ? `&${name};` : ch;
    }
    return out;
}

function unescapeHtml(s: string, html3: boolean): string {
    return s.replace(/&(#[xX]([0-9a-fA-F]+)|#([0-9]+)|([a-zA-Z][a-zA-Z0-9]*));/g, (whole, _e, hex, dec, name) => {
        if (hex !== undefined || dec !== undefined) {
            const cp = hex !== undefined ? parseInt(hex, 16) : parseInt(dec, 10);
            return cp <= 0x10ffff ? String.fromCodePoint(cp) : whole;
        }
        const cp = HTML4_CODES.get(name);
        return cp !== undefined && (!html3 || cp <= 255) ? String.fromCodePoint(cp) : whole;
    });
}

/**
 * StringEscapeUtils.unescapeJava (Commons): octal \0–\377, \uXXXX (also \uuuuXXXX and \u+XXXX), \b \n \t \f \r,
 * \\ \" \'; any other backslash is dropped. A malformed \u escape throws in Commons → loud here.
 */
function unescapeJava(s: string): string {
    let out = '';
    for (let i = 0; i < s.length; i++) {
        const ch = s[i];
        if (ch !== '\\') {
            out += ch;
            continue;
        }
        // A trailing lone backslash is dropped too.
        if (i + 1 >= s.length) break;
        const n = s[i + 1];
        const simple: Record<string, string> = {
            b: '\b',
            n: '\n',
            t: '\t',
            f: '\f',
            r: '\r',
            '\\': '\\',
            '"': '"',
            "'": "'"
        };
        if (n === 'u') {
            const [text, used] = unicodeEscape(s, i);
            out += text;
            i += used - 1;
        } else if (/[0-7]/.test(n)) {
            const m = /^[0-3][0-7]{0,2}|^[4-7][0-7]?/.exec(s.slice(i + 1))!;
            out += String.fromCharCode(parseInt(m[0], 8));
            i += m[0].length;
        } else if (simple[n] !== undefined) {
            out += simple[n];
            i++;
        }
        // Otherwise the lone backslash is dropped and the next character is kept on the next turn.
    }
    return out;
}

/** A \u escape at s[i]: Commons accepts several 'u's and an optional '+' before four hex digits. */
function unicodeEscape(s: string, i: number): [string, number] {
    let j = i + 1;
    while (s[j] === 'u') j++;
    if (s[j] === '+') j++;
    const hex = s.slice(j, j + 4);
    if (!/^[0-9a-fA-F]{4}$/.test(hex))
        throw new UnknownBehaviourError(`a malformed unicode escape in ${JSON.stringify(s)}`);
    return [String.fromCharCode(parseInt(hex, 16)), j + 4 - i];
}

/** unescapeUnicode: only \u escapes are translated (Commons UnicodeUnescaper). */
function unescapeUnicode(s: string): string {
    let out = '';
    for (let i = 0; i < s.length; i++) {
        if (s[i] === '\\' && s[i + 1] === 'u') {
            const [text, used] = unicodeEscape(s, i);
            out += text;
            i += used - 1;
        } else {
            out += s[i];
        }
    }
    return out;
}

/** String.equals(Object stringOrId): an Id argument compares by Id, so 15 and 18 characters match (documented). */
function stringEquals(s: string, o: unknown): boolean {
    if (typeof o === 'string') return s === o;
    if (o instanceof ApexId) {
        const mine = ApexId.tryOf(s);
        return mine !== null && mine.equals(o);
    }
    return false;
}

/** StringUtils.getCommonPrefix: '' for an empty list or one holding null. */
function commonPrefix(items: Array<string | null>): string {
    if (items.length === 0 || items.some((x) => x === null || x === undefined)) return '';
    let prefix = items[0] as string;
    for (const x of items as string[]) {
        let i = 0;
        while (i < prefix.length && i < x.length && prefix[i] === x[i]) i++;
        prefix = prefix.slice(0, i);
    }
    return prefix;
}

/** Java String.offsetByCodePoints; out-of-range arguments throw in Java → loud. */
function offsetByCodePoints(s: string, index: number, offset: number): number {
    if (index < 0 || index > s.length)
        throw new UnknownBehaviourError(`String.offsetByCodePoints(${index}, ${offset}) out of range`);
    let i = index;
    const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
    const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;
    for (let k = 0; k < offset; k++) {
        if (i >= s.length)
            throw new UnknownBehaviourError(`String.offsetByCodePoints(${index}, ${offset}) out of range`);
        i += isHigh(s.charCodeAt(i)) && i + 1 < s.length && isLow(s.charCodeAt(i + 1)) ? 2 : 1;
    }
    for (let k = 0; k > offset; k--) {
        if (i <= 0) throw new UnknownBehaviourError(`String.offsetByCodePoints(${index}, ${offset}) out of range`);
        i -= isLow(s.charCodeAt(i - 1)) && i - 2 >= 0 && isHigh(s.charCodeAt(i - 2)) ? 2 : 1;
    }
    return i;
}

/** Runs a locale-sensitive case change; an Apex locale such as 'en_US' becomes the BCP 47 tag 'en-US'. */
function withLocale(locale: string, f: (tag: string) => string, fallback: () => string): string {
    try {
        return f(locale.replace(/_/g, '-'));
    } catch {
        // Java accepts any locale string and falls back to root rules for unknown ones.
        return fallback();
    }
}

function escapeXml(s: string): string {
    return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

function unescapeXml(s: string): string {
    return s.replace(
        /&(amp|lt|gt|quot|apos);/g,
        (_w, n: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[n]!
    );
}

/**
 * String.format(pattern, args): java.text.MessageFormat with String arguments. Only plain `{n}` placeholders;
 * `{n,number…}`-style format types cannot apply to the String arguments Apex passes and are rejected loudly.
 */
export function messageFormat(pattern: string, args: string[]): string {
    let out = '';
    let i = 0;
    let quoted = false;
    while (i < pattern.length) {
        const ch = pattern[i];
        if (ch === "'") {
            if (pattern[i + 1] === "'") {
                out += "'";
                i += 2;
            } else {
                quoted = !quoted;
                i++;
            }
            continue;
        }
        if (quoted || ch !== '{') {
            out += ch;
            i++;
            continue;
        }
        const close = pattern.indexOf('}', i);
        if (close < 0) throw new UnknownBehaviourError('String.format with an unmatched brace');
        const body = pattern.slice(i + 1, close);
        if (!/^\d+$/.test(body)) throw new UnknownBehaviourError(`String.format placeholder {${body}}`);
        const index = Number(body);
        out += index < args.length ? args[index] : `{${index}}`;
        i = close + 1;
    }
    return out;
}

// ---------- tables ----------

const S = 'String';
const I = 'Integer';
const B = 'Boolean';

export const STRING_INSTANCE_METHODS: BuiltinMethod[] = [
    inst('abbreviate', [I], S, (s, [w]) => abbreviate(s, w)),
    inst('abbreviate', [I, I], S, (s, [w, o]) => abbreviate(s, w, o)),
    inst('capitalize', [], S, (s) => capitalize(s)),
    inst('center', [I], S, (s, [n]) => center(s, n)),
    inst('center', [I, S], S, (s, [n, p]) => center(s, n, p)),
    inst('charAt', [I], I, (s, [i]) => {
        if (i < 0 || i >= s.length) throw new UnknownBehaviourError(`String.charAt(${i}) out of range`);
        return s.charCodeAt(i);
    }),
    inst('codePointAt', [I], I, (s, [i]) => {
        if (i < 0 || i >= s.length) throw new UnknownBehaviourError(`String.codePointAt(${i}) out of range`);
        return s.codePointAt(i);
    }),
    inst('codePointBefore', [I], I, (s, [i]) => {
        if (i < 1 || i > s.length) throw new UnknownBehaviourError(`String.codePointBefore(${i}) out of range`);
        const lo = s.charCodeAt(i - 1);
        if (lo >= 0xdc00 && lo <= 0xdfff && i >= 2) {
            const hi = s.charCodeAt(i - 2);
            if (hi >= 0xd800 && hi <= 0xdbff) return (hi - 0xd800) * 0x400 + (lo - 0xdc00) + 0x10000;
        }
        return lo;
    }),
    inst('codePointCount', [I, I], I, (s, [a, b]) => {
        if (a < 0 || b > s.length || a > b)
            throw new UnknownBehaviourError(`String.codePointCount(${a}, ${b}) out of range`);
        return Array.from(s.slice(a, b)).length;
    }),
    inst('offsetByCodePoints', [I, I], I, (s, [index, offset]) => offsetByCodePoints(s, index, offset)),
    inst('compareTo', [S], I, (s, [o]) => javaCompare(s, o)),
    inst('contains', [S], B, (s, [o]) => s.includes(o)),
    inst('containsAny', [S], B, (s, [o]) => chars(o).some((c) => s.includes(c))),
    inst('containsIgnoreCase', [S], B, (s, [o]) => indexOfIgnoreCase(s, o) >= 0),
    inst('containsNone', [S], B, (s, [o]) => !chars(o).some((c) => s.includes(c))),
    inst('containsOnly', [S], B, (s, [o]) => chars(s).every((c) => o.includes(c))),
    inst('containsWhitespace', [], B, (s) => chars(s).some(isJavaWhitespace)),
    inst('countMatches', [S], I, (s, [o]) => countMatches(s, o)),
    inst('deleteWhitespace', [], S, (s) =>
        chars(s)
            .filter((c) => !isJavaWhitespace(c))
            .join('')
    ),
    inst('difference', [S], S, (s, [o]) => difference(s, o)),
    inst('endsWith', [S], B, (s, [o]) => s.endsWith(o)),
    inst('endsWithIgnoreCase', [S], B, (s, [o]) => endsWithIgnoreCase(s, o)),
    inst('equals', ['Object'], B, (s, [o]) => stringEquals(s, o), true),
    inst('equalsIgnoreCase', [S], B, (s, [o]) => typeof o === 'string' && equalsIgnoreCase(s, o), true),
    inst('escapeCsv', [], S, (s) => escapeCsv(s)),
    inst('escapeEcmaScript', [], S, (s) => escapeJavaLike(s, true)),
    inst('escapeHtml3', [], S, (s) => escapeHtml(s, true)),
    inst('escapeHtml4', [], S, (s) => escapeHtml(s, false)),
    inst('escapeJava', [], S, (s) => escapeJavaLike(s, false)),
    inst('escapeUnicode', [], S, (s) => escapeUnicode(s)),
    inst('escapeXml', [], S, (s) => escapeXml(s)),
    inst('getChars', [], 'List<Integer>', (s, _a, host) =>
        host.newList(
            'Integer',
            chars(s).map((c) => c.charCodeAt(0))
        )
    ),
    inst('getLevenshteinDistance', [S], I, (s, [o]) => levenshtein(s, o)),
    inst('getLevenshteinDistance', [S, I], I, (s, [o, t]) => {
        if (t < 0) throw new UnknownBehaviourError('String.getLevenshteinDistance with a negative threshold');
        const d = levenshtein(s, o);
        return d > t ? -1 : d;
    }),
    inst('hashCode', [], I, (s) => javaStringHash(s)),
    inst('indexOf', [S], I, (s, [o]) => s.indexOf(o)),
    inst('indexOf', [S, I], I, (s, [o, f]) => s.indexOf(o, Math.max(f, 0))),
    inst('indexOfAny', [S], I, (s, [o]) => {
        if (s === '' || o === '') return -1;
        for (let i = 0; i < s.length; i++) if (o.includes(s[i])) return i;
        return -1;
    }),
    inst('indexOfAnyBut', [S], I, (s, [o]) => {
        if (s === '' || o === '') return -1;
        for (let i = 0; i < s.length; i++) if (!o.includes(s[i])) return i;
        return -1;
    }),
    inst('indexOfChar', [I], I, (s, [c]) => s.indexOf(String.fromCodePoint(c))),
    inst('indexOfChar', [I, I], I, (s, [c, f]) => s.indexOf(String.fromCodePoint(c), Math.max(f, 0))),
    inst('indexOfDifference', [S], I, (s, [o]) => {
        if (s === o) return -1;
        let i = 0;
        while (i < s.length && i < o.length && s[i] === o[i]) i++;
        return i;
    }),
    inst('indexOfIgnoreCase', [S], I, (s, [o]) => indexOfIgnoreCase(s, o)),
    inst('indexOfIgnoreCase', [S, I], I, (s, [o, f]) => indexOfIgnoreCase(s, o, f)),
    inst('isAllLowerCase', [], B, (s) => allChars(s, isLower)),
    inst('isAllUpperCase', [], B, (s) => allChars(s, isUpper)),
    inst('isAlpha', [], B, (s) => allChars(s, isLetter)),
    // The …Space predicates are true for '' (Commons Lang 3), unlike isAlpha/isNumeric.
    inst('isAlphaSpace', [], B, (s) => chars(s).every((c) => isLetter(c) || c === ' ')),
    inst('isAlphanumeric', [], B, (s) => allChars(s, (c) => isLetter(c) || isDigit(c))),
    inst('isAlphanumericSpace', [], B, (s) => chars(s).every((c) => isLetter(c) || isDigit(c) || c === ' ')),
    inst('isAsciiPrintable', [], B, (s) => chars(s).every((c) => c.charCodeAt(0) >= 32 && c.charCodeAt(0) < 127)),
    inst('isNumeric', [], B, (s) => allChars(s, isDigit)),
    inst('isNumericSpace', [], B, (s) => chars(s).every((c) => isDigit(c) || c === ' ')),
    inst('isWhitespace', [], B, (s) => chars(s).every(isJavaWhitespace)),
    inst('lastIndexOf', [S], I, (s, [o]) => s.lastIndexOf(o)),
    inst('lastIndexOf', [S, I], I, (s, [o, f]) => (f < 0 ? -1 : s.lastIndexOf(o, f))),
    inst('lastIndexOfChar', [I], I, (s, [c]) => s.lastIndexOf(String.fromCodePoint(c))),
    inst('lastIndexOfChar', [I, I], I, (s, [c, e]) => (e < 0 ? -1 : s.lastIndexOf(String.fromCodePoint(c), e))),
    inst('lastIndexOfIgnoreCase', [S], I, (s, [o]) => lastIndexOfIgnoreCase(s, o)),
    inst('lastIndexOfIgnoreCase', [S, I], I, (s, [o, f]) => (f < 0 ? -1 : lastIndexOfIgnoreCase(s, o, f))),
    inst('left', [I], S, (s, [n]) => (n < 0 ? '' : s.slice(0, n))),
    inst('leftPad', [I], S, (s, [n]) => leftPad(s, n)),
    inst('leftPad', [I, S], S, (s, [n, p]) => leftPad(s, n, p)),
    inst('length', [], I, (s) => s.length),
    inst('mid', [I, I], S, (s, [p, n]) => mid(s, p, n)),
    inst('normalizeSpace', [], S, (s) => normalizeSpace(s)),
    inst('remove', [S], S, (s, [o]) => (o === '' ? s : s.split(o).join(''))),
    inst('removeEnd', [S], S, (s, [o]) => removeEnd(s, o)),
    inst('removeEndIgnoreCase', [S], S, (s, [o]) => removeEnd(s, o, true)),
    inst('removeStart', [S], S, (s, [o]) => removeStart(s, o)),
    inst('removeStartIgnoreCase', [S], S, (s, [o]) => removeStart(s, o, true)),
    inst('repeat', [I], S, (s, [n]) => (n <= 0 ? '' : s.repeat(n))),
    inst('repeat', [S, I], S, (s, [sep, n]) => (n <= 0 ? '' : Array(n).fill(s).join(sep))),
    inst('replace', [S, S], S, (s, [t, r]) => replaceLiteral(s, t, r)),
    inst('replaceAll', [S, S], S, (s, [re, r]) => javaReplace(s, re, r, false)),
    inst('replaceFirst', [S, S], S, (s, [re, r]) => javaReplace(s, re, r, true)),
    inst('reverse', [], S, (s) => chars(s).reverse().join('')),
    inst('right', [I], S, (s, [n]) => (n < 0 ? '' : n >= s.length ? s : s.slice(s.length - n))),
    inst('rightPad', [I], S, (s, [n]) => rightPad(s, n)),
    inst('rightPad', [I, S], S, (s, [n, p]) => rightPad(s, n, p)),
    inst('split', [S], 'List<String>', (s, [re], host) => host.newList('String', javaSplit(s, re))),
    inst('split', [S, I], 'List<String>', (s, [re, n], host) => host.newList('String', javaSplit(s, re, n))),
    inst('splitByCharacterType', [], 'List<String>', (s, _a, host) =>
        host.newList('String', splitByCharacterType(s, false))
    ),
    inst('splitByCharacterTypeCamelCase', [], 'List<String>', (s, _a, host) =>
        host.newList('String', splitByCharacterType(s, true))
    ),
    inst('startsWith', [S], B, (s, [o]) => s.startsWith(o)),
    inst('startsWithIgnoreCase', [S], B, (s, [o]) => startsWithIgnoreCase(s, o)),
    inst('substring', [I], S, (s, [a]) => substring(s, a)),
    inst('substring', [I, I], S, (s, [a, b]) => substring(s, a, b)),
    inst('substringAfter', [S], S, (s, [o]) => substringAfter(s, o)),
    inst('substringAfterLast', [S], S, (s, [o]) => substringAfterLast(s, o)),
    inst('substringBefore', [S], S, (s, [o]) => substringBefore(s, o)),
    inst('substringBeforeLast', [S], S, (s, [o]) => substringBeforeLast(s, o)),
    inst('substringBetween', [S], S, (s, [t]) => substringBetween(s, t, t)),
    inst('substringBetween', [S, S], S, (s, [o, c]) => substringBetween(s, o, c)),
    inst('swapCase', [], S, (s) => swapCase(s)),
    inst('toLowerCase', [], S, (s) => s.toLowerCase()),
    inst('toLowerCase', [S], S, (s, [loc]) =>
        withLocale(
            loc,
            (l) => s.toLocaleLowerCase(l),
            () => s.toLowerCase()
        )
    ),
    inst('toUpperCase', [], S, (s) => s.toUpperCase()),
    inst('toUpperCase', [S], S, (s, [loc]) =>
        withLocale(
            loc,
            (l) => s.toLocaleUpperCase(l),
            () => s.toUpperCase()
        )
    ),
    inst('trim', [], S, (s) => javaTrim(s)),
    inst('uncapitalize', [], S, (s) => uncapitalize(s)),
    inst('unescapeCsv', [], S, (s) => unescapeCsv(s)),
    inst('unescapeEcmaScript', [], S, (s) => unescapeJava(s)),
    inst('unescapeHtml3', [], S, (s) => unescapeHtml(s, true)),
    inst('unescapeHtml4', [], S, (s) => unescapeHtml(s, false)),
    inst('unescapeJava', [], S, (s) => unescapeJava(s)),
    inst('unescapeUnicode', [], S, (s) => unescapeUnicode(s)),
    inst('unescapeXml', [], S, (s) => unescapeXml(s))
];

const isBlank = (s: string | null) => s === null || s === undefined || chars(s).every(isJavaWhitespace);

export const STRING_STATIC_METHODS: BuiltinMethod[] = [
    stat('isBlank', [S], B, ([s]) => isBlank(s), true),
    stat('isNotBlank', [S], B, ([s]) => !isBlank(s), true),
    stat('isEmpty', [S], B, ([s]) => s === null || s === undefined || s === '', true),
    stat('isNotEmpty', [S], B, ([s]) => !(s === null || s === undefined || s === ''), true),
    stat('format', [S, 'List<Object>'], S, ([p, list], host) =>
        messageFormat(
            p,
            host.items(list).map((v) => host.stringOf(v))
        )
    ),
    stat('join', ['Object', S], S, ([it, sep], host) => {
        const items = host.items(it);
        if (items.some((v) => v === null || v === undefined)) {
            throw new UnknownBehaviourError('String.join over a collection holding null');
        }
        return items.map((v) => host.stringOf(v)).join(sep);
    }),
    stat('valueOf', ['Object'], S, ([v], host) => host.stringOf(v), true),
    stat('valueOfGmt', ['Datetime'], S, ([dt]) => (dt as ApexDatetime).toString()),
    // Documented: a backslash is added before every single quote and every backslash.
    stat('escapeSingleQuotes', [S], S, ([s]) => (s as string).replace(/\\/g, '\\\\').replace(/'/g, "\\'")),
    stat('getCommonPrefix', ['List<String>'], S, ([list], host) =>
        commonPrefix(host.items(list) as Array<string | null>)
    ),
    stat('fromCharArray', ['List<Integer>'], S, ([list], host) =>
        (host.items(list) as number[]).map((c) => String.fromCharCode(c)).join('')
    )
];
