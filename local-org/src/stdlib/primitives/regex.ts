/**
 * Java regular expressions (java.util.regex, which Apex uses for Pattern/Matcher and String.split/replaceAll/
 * replaceFirst/matches) translated into JS RegExp, plus Java's split and replacement-string rules.
 *
 * Sources (see SOURCES.md):
 * - Pattern and Matcher classes: https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_classes_pattern_and_matcher.htm
 * - Java semantics mirrored here: java.util.regex.Pattern (syntax, `.`/`$`/`\s` definitions, `\Q…\E`),
 *   Matcher.appendReplacement (`$n`, `${name}`, `\x`), String.split (limit rules, trailing-empty removal).
 *
 * Anything Java-only that JS cannot express faithfully (possessive quantifiers, atomic groups, class
 * intersections, mid-pattern inline flags, comments mode…) raises UnsupportedRegexError: a host error, so the
 * run is reported as an emulator error rather than silently matching differently.
 */
import { ApexPrimitiveError } from '../builtin';

export class UnsupportedRegexError extends Error {
    constructor(pattern: string, what: string) {
        super(`local-org cannot emulate this Java regex construct (${what}) in: ${pattern}`);
        this.name = 'UnsupportedRegexError';
    }
}

/** Java Pattern flags we translate. */
interface Flags {
    caseInsensitive: boolean;
    dotAll: boolean;
    multiline: boolean;
}

const JAVA_SPACE = ' \\t\\n\\x0B\\f\\r';
const LINE_TERMINATORS = '\\n\\r\\u0085\\u2028\\u2029';
const POSIX_CLASSES: Record<string, string> = {
    Lower: 'a-z',
    Upper: 'A-Z',
    ASCII: '\\x00-\\x7F',
    Alpha: 'a-zA-Z',
    Digit: '0-9',
    Alnum: 'a-zA-Z0-9',
    Punct: '!-\\/:-@\\[-`{-~',
    Graph: '!-~',
    Print: ' -~',
    Blank: ' \\t',
    Cntrl: '\\x00-\\x1F\\x7F',
    XDigit: '0-9a-fA-F',
    Space: JAVA_SPACE,
};

function hexEscape(ch: string): string {
    return `\\u{${ch.codePointAt(0)!.toString(16)}}`;
}

/** Escapes one literal character for a JS 'u' pattern, inside or outside a class. */
function literal(ch: string): string {
    return /[A-Za-z0-9_ ]/.test(ch) ? ch : hexEscape(ch);
}

export interface Translated {
    source: string;
    flags: string;
    groupCount: number;
}

/** Translates a Java regex to a JS RegExp source (always used with the 'u' flag). */
export function translateJavaRegex(pattern: string): Translated {
    const flags: Flags = { caseInsensitive: false, dotAll: false, multiline: false };
    let i = 0;
    // Leading inline flags such as (?i) or (?is) apply to the whole pattern: translate them to JS flags.
    for (;;) {
        const m = /^\(\?([imsdux]+)\)/.exec(pattern.slice(i));
        if (!m) break;
        for (const f of m[1]) {
            if (f === 'i') flags.caseInsensitive = true;
            else if (f === 's') flags.dotAll = true;
            else if (f === 'm') flags.multiline = true;
            else throw new UnsupportedRegexError(pattern, `inline flag (?${f})`);
        }
        i += m[0].length;
    }
    let out = '';
    let inClass = 0;
    let groupCount = 0;
    let lastWasQuantifiable = false;
    while (i < pattern.length) {
        const ch = pattern[i];
        if (ch === '\\') {
            const [text, used] = translateEscape(pattern, i, inClass > 0);
            out += text;
            i += used;
            lastWasQuantifiable = true;
            continue;
        }
        if (inClass > 0) {
            if (ch === '[') throw new UnsupportedRegexError(pattern, 'nested character class');
            if (ch === '&' && pattern[i + 1] === '&') throw new UnsupportedRegexError(pattern, 'class intersection &&');
            if (ch === ']') {
                inClass = 0;
                out += ']';
            } else if (ch === '-' || ch === '^') {
                out += ch;
            } else {
                out += literal(ch);
            }
            i++;
            continue;
        }
        switch (ch) {
            case '[':
                inClass = 1;
                out += '[';
                i++;
                if (pattern[i] === '^') {
                    out += '^';
                    i++;
                }
                // A ']' right after '[' or '[^' is a literal in Java.
                if (pattern[i] === ']') {
                    out += '\\]';
                    i++;
                }
                lastWasQuantifiable = true;
                continue;
            case '(': {
                if (pattern[i + 1] === '?') {
                    const rest = pattern.slice(i + 2);
                    if (rest.startsWith(':') || rest.startsWith('=') || rest.startsWith('!')) {
                        out += '(?' + rest[0];
                        i += 3;
                    } else if (rest.startsWith('<=') || rest.startsWith('<!')) {
                        out += '(?' + rest.slice(0, 2);
                        i += 4;
                    } else if (/^<[a-zA-Z][a-zA-Z0-9]*>/.test(rest)) {
                        const name = /^<([a-zA-Z][a-zA-Z0-9]*)>/.exec(rest)![1];
                        out += `(?<${name}>`;
                        i += 2 + name.length + 2;
                        groupCount++;
                    } else if (rest.startsWith('>')) {
                        throw new UnsupportedRegexError(pattern, 'atomic group (?>…)');
                    } else {
                        throw new UnsupportedRegexError(pattern, 'inline flags inside the pattern');
                    }
                } else {
                    out += '(';
                    i++;
                    groupCount++;
                }
                lastWasQuantifiable = false;
                continue;
            }
            case ')':
                out += ')';
                i++;
                lastWasQuantifiable = true;
                continue;
            case '.':
                out += flags.dotAll ? '[\\s\\S]' : `[^${LINE_TERMINATORS}]`;
                i++;
                lastWasQuantifiable = true;
                continue;
            case '$':
                // Java: end of input, or before a final line terminator (or at any line end with MULTILINE).
                out += flags.multiline
                    ? `(?=[${LINE_TERMINATORS}]|(?![\\s\\S]))`
                    : `(?=(?:\\r\\n|[${LINE_TERMINATORS}])?(?![\\s\\S]))`;
                i++;
                lastWasQuantifiable = false;
                continue;
            case '^':
                // MULTILINE: at the start, or after a line terminator that is not the last character.
                out += flags.multiline ? `(?:^|(?<=[${LINE_TERMINATORS}])(?=[\\s\\S]))` : '^';
                i++;
                lastWasQuantifiable = false;
                continue;
            case '*':
            case '+':
            case '?':
            case '{': {
                let q: string = ch;
                let j = i + 1;
                if (ch === '{') {
                    const m = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i));
                    if (!m) throw new UnsupportedRegexError(pattern, "'{' that is not a quantifier");
                    q = m[0];
                    j = i + m[0].length;
                }
                if (!lastWasQuantifiable) throw new UnsupportedRegexError(pattern, `dangling quantifier '${q}'`);
                if (pattern[j] === '+') throw new UnsupportedRegexError(pattern, 'possessive quantifier');
                if (pattern[j] === '?') {
                    q += '?';
                    j++;
                }
                out += q;
                i = j;
                lastWasQuantifiable = false;
                continue;
            }
            case '|':
                out += '|';
                i++;
                lastWasQuantifiable = false;
                continue;
            default: {
                const cp = String.fromCodePoint(pattern.codePointAt(i)!);
                out += literal(cp);
                i += cp.length;
                lastWasQuantifiable = true;
            }
        }
    }
    if (inClass > 0) throw new UnsupportedRegexError(pattern, 'unclosed character class');
    const jsFlags = 'u' + (flags.caseInsensitive ? 'i' : '');
    try {
        new RegExp(out, jsFlags);
    } catch (e) {
        // Java would raise a PatternSyntaxException, whose exact Apex message we do not reproduce.
        throw new UnsupportedRegexError(pattern, `syntax error: ${(e as Error).message}`);
    }
    return { source: out, flags: jsFlags, groupCount };
}

/** Translates the escape at pattern[i] (a backslash); returns the JS text and the number of chars used. */
function translateEscape(pattern: string, i: number, inClass: boolean): [string, number] {
    const c = pattern[i + 1];
    if (c === undefined) throw new UnsupportedRegexError(pattern, 'trailing backslash');
    if (c === 'Q') {
        const end = pattern.indexOf('\\E', i + 2);
        const body = end < 0 ? pattern.slice(i + 2) : pattern.slice(i + 2, end);
        const used = end < 0 ? pattern.length - i : end + 2 - i;
        const text = Array.from(body).map(literal).join('');
        return [inClass || body.length <= 1 ? text : `(?:${text})`, used];
    }
    switch (c) {
        case 'd':
        case 'D':
        case 'w':
        case 'W':
        case 't':
        case 'n':
        case 'r':
        case 'f':
            return ['\\' + c, 2];
        case 'b':
        case 'B':
            if (inClass) throw new UnsupportedRegexError(pattern, '\\b inside a class');
            return ['\\' + c, 2];
        case 's':
            return [inClass ? JAVA_SPACE : `[${JAVA_SPACE}]`, 2];
        case 'S':
            if (inClass) throw new UnsupportedRegexError(pattern, '\\S inside a class');
            return [`[^${JAVA_SPACE}]`, 2];
        case 'h':
            return [inClass ? ' \\t\\xA0\\u1680\\u180e\\u2000-\\u200a\\u202f\\u205f\\u3000' : '[ \\t\\xA0\\u1680\\u180e\\u2000-\\u200a\\u202f\\u205f\\u3000]', 2];
        case 'v':
            return [inClass ? '\\n\\x0B\\f\\r\\x85\\u2028\\u2029' : '[\\n\\x0B\\f\\r\\x85\\u2028\\u2029]', 2];
        case 'R':
            if (inClass) throw new UnsupportedRegexError(pattern, '\\R inside a class');
            return ['(?:\\r\\n|[\\n\\x0B\\f\\r\\x85\\u2028\\u2029])', 2];
        case 'A':
            if (inClass) throw new UnsupportedRegexError(pattern, '\\A inside a class');
            return ['(?<![\\s\\S])', 2];
        case 'z':
            if (inClass) throw new UnsupportedRegexError(pattern, '\\z inside a class');
            return ['(?![\\s\\S])', 2];
        case 'Z':
            if (inClass) throw new UnsupportedRegexError(pattern, '\\Z inside a class');
            return [`(?=(?:\\r\\n|[${LINE_TERMINATORS}])?(?![\\s\\S]))`, 2];
        case 'e':
            return ['\\x1B', 2];
        case 'a':
            return ['\\x07', 2];
        case '0': {
            const m = /^[0-3]?[0-7]{1,2}/.exec(pattern.slice(i + 2));
            if (!m) throw new UnsupportedRegexError(pattern, 'bad octal escape');
            return [hexEscape(String.fromCharCode(parseInt(m[0], 8))), 2 + m[0].length];
        }
        case 'x': {
            const braced = /^\{([0-9a-fA-F]+)\}/.exec(pattern.slice(i + 2));
            if (braced) return [`\\u{${braced[1]}}`, 2 + braced[0].length];
            const m = /^[0-9a-fA-F]{2}/.exec(pattern.slice(i + 2));
            if (!m) throw new UnsupportedRegexError(pattern, 'bad \\x escape');
            return ['\\x' + m[0], 4];
        }
        case 'u': {
            const m = /^[0-9a-fA-F]{4}/.exec(pattern.slice(i + 2));
            if (!m) throw new UnsupportedRegexError(pattern, 'bad \\u escape');
            return ['\\u' + m[0], 6];
        }
        case 'c': {
            const x = pattern[i + 2];
            if (x === undefined) throw new UnsupportedRegexError(pattern, 'bad \\c escape');
            return [hexEscape(String.fromCharCode(x.charCodeAt(0) ^ 64)), 3];
        }
        case 'k': {
            const m = /^<([a-zA-Z][a-zA-Z0-9]*)>/.exec(pattern.slice(i + 2));
            if (!m || inClass) throw new UnsupportedRegexError(pattern, 'bad \\k escape');
            return [`\\k<${m[1]}>`, 2 + m[0].length];
        }
        case 'p':
        case 'P': {
            const m = /^\{(\w+)\}/.exec(pattern.slice(i + 2));
            if (!m) throw new UnsupportedRegexError(pattern, `\\${c} without {name}`);
            const name = m[1];
            const used = 2 + m[0].length;
            const posix = POSIX_CLASSES[name] ?? POSIX_CLASSES[name.replace(/^Is/, '')];
            if (posix !== undefined) {
                if (inClass) {
                    if (c === 'P') throw new UnsupportedRegexError(pattern, '\\P{…} inside a class');
                    return [posix, used];
                }
                return [`[${c === 'P' ? '^' : ''}${posix}]`, used];
            }
            if (/^(L|Lu|Ll|Lt|Lm|Lo|N|Nd|P|S|Z|M|C)$/.test(name)) return [`\\${c}{${name}}`, used];
            throw new UnsupportedRegexError(pattern, `\\${c}{${name}}`);
        }
        default:
            if (/[1-9]/.test(c)) {
                if (inClass) throw new UnsupportedRegexError(pattern, 'back reference inside a class');
                return ['\\' + c, 2];
            }
            if (/[a-zA-Z]/.test(c)) throw new UnsupportedRegexError(pattern, `escape \\${c}`);
            // Java lets any other character be escaped to stand for itself.
            return [literal(c), 2];
    }
}

/** A compiled Java pattern. */
export class JavaPattern {
    readonly groupCount: number;
    private readonly source: string;
    private readonly flags: string;

    constructor(readonly pattern: string) {
        const t = translateJavaRegex(pattern);
        this.source = t.source;
        this.flags = t.flags;
        this.groupCount = t.groupCount;
    }

    /** A fresh global regex for scanning. */
    global(): RegExp {
        return new RegExp(this.source, this.flags + 'gd');
    }

    /** A sticky regex that must match the whole remaining input from lastIndex. */
    whole(): RegExp {
        return new RegExp(`(?:${this.source})(?![\\s\\S])`, this.flags + 'yd');
    }

    /** A sticky regex anchored at lastIndex (lookingAt). */
    sticky(): RegExp {
        return new RegExp(this.source, this.flags + 'yd');
    }

    matches(input: string): boolean {
        return this.whole().test(input);
    }
}

const cache = new Map<string, JavaPattern>();

/** Compiles (and caches) a Java pattern. */
export function compileJava(pattern: string): JavaPattern {
    let p = cache.get(pattern);
    if (!p) {
        p = new JavaPattern(pattern);
        if (cache.size > 500) cache.clear();
        cache.set(pattern, p);
    }
    return p;
}

/** Every match of a global regex, advancing past empty matches by one code point as Java does. */
function* allMatches(re: RegExp, input: string): Generator<RegExpExecArray> {
    re.lastIndex = 0;
    for (;;) {
        const m = re.exec(input);
        if (!m) return;
        if (m[0] === '') {
            const cp = input.codePointAt(re.lastIndex);
            re.lastIndex += cp !== undefined && cp > 0xffff ? 2 : 1;
        }
        yield m;
        if (m.index >= input.length) return;
    }
}

/** Java String.split(regex, limit). */
export function javaSplit(input: string, regex: string, limit = 0): string[] {
    const re = compileJava(regex).global();
    const out: string[] = [];
    let index = 0;
    let matched = false;
    for (const m of allMatches(re, input)) {
        const start = m.index;
        const end = start + m[0].length;
        if (limit > 0 && out.length >= limit - 1) break;
        // A zero-width match at the start never yields a leading empty string (Java 8+).
        if (start === 0 && end === 0) continue;
        out.push(input.slice(index, start));
        index = end;
        matched = true;
    }
    if (!matched) return [input];
    out.push(input.slice(index));
    if (limit === 0) {
        while (out.length > 0 && out[out.length - 1] === '') out.pop();
    }
    return out;
}

/** Applies a Java replacement string (`$n`, `${name}`, `\x`) to one match. */
export function expandJavaReplacement(replacement: string, m: RegExpExecArray, groupCount: number): string {
    let out = '';
    for (let i = 0; i < replacement.length; i++) {
        const c = replacement[i];
        if (c === '\\') {
            i++;
            if (i >= replacement.length) {
                throw new ApexPrimitiveError('System.StringException', 'character to be escaped is missing');
            }
            out += replacement[i];
        } else if (c === '$') {
            i++;
            if (i >= replacement.length) {
                throw new ApexPrimitiveError('System.StringException', 'Illegal group reference: group index is missing');
            }
            if (replacement[i] === '{') {
                const close = replacement.indexOf('}', i);
                const name = close < 0 ? '' : replacement.slice(i + 1, close);
                if (close < 0 || !m.groups || !(name in m.groups)) {
                    throw new ApexPrimitiveError('System.StringException', `No group with name {${name}}`);
                }
                out += m.groups[name] ?? '';
                i = close;
            } else if (/[0-9]/.test(replacement[i])) {
                // Java takes the longest digit run that still names an existing group.
                let ref = Number(replacement[i]);
                if (ref > groupCount) throw new ApexPrimitiveError('System.StringException', `No group ${ref}`);
                while (i + 1 < replacement.length && /[0-9]/.test(replacement[i + 1])) {
                    const next = ref * 10 + Number(replacement[i + 1]);
                    if (next > groupCount) break;
                    ref = next;
                    i++;
                }
                out += m[ref] ?? '';
            } else {
                throw new ApexPrimitiveError('System.StringException', 'Illegal group reference');
            }
        } else {
            out += c;
        }
    }
    return out;
}

/** Java String.replaceAll / replaceFirst. */
export function javaReplace(input: string, regex: string, replacement: string, firstOnly: boolean): string {
    const p = compileJava(regex);
    const re = p.global();
    let out = '';
    let last = 0;
    for (const m of allMatches(re, input)) {
        out += input.slice(last, m.index) + expandJavaReplacement(replacement, m, p.groupCount);
        last = m.index + m[0].length;
        if (firstOnly) break;
    }
    return out + input.slice(last);
}

/** Pattern.quote: Java wraps the text in \Q…\E, splitting around any \E it contains. */
export function javaQuote(s: string): string {
    if (!s.includes('\\E')) return `\\Q${s}\\E`;
    return '\\Q' + s.split('\\E').join('\\E\\\\E\\Q') + '\\E';
}

function noMatch(): ApexPrimitiveError {
    // Java's IllegalStateException("No match found"); Apex's exception type for it is unverified.
    return new ApexPrimitiveError('System.StringException', 'No match found');
}

/** Apex Matcher over one input (java.util.regex.Matcher subset). */
export class JavaMatcher {
    private current: RegExpExecArray | null = null;
    private nextFrom = 0;

    constructor(
        readonly pattern: JavaPattern,
        private input: string
    ) {}

    matches(): boolean {
        const re = this.pattern.whole();
        re.lastIndex = 0;
        this.current = re.exec(this.input);
        this.nextFrom = this.current ? this.input.length : 0;
        return this.current !== null;
    }

    lookingAt(): boolean {
        const re = this.pattern.sticky();
        re.lastIndex = 0;
        this.current = re.exec(this.input);
        if (this.current) this.nextFrom = this.current.index + this.current[0].length;
        return this.current !== null;
    }

    /** find(): next match after the previous one; find(start) resets and searches from start. */
    find(start?: number): boolean {
        if (start !== undefined) {
            if (start < 0 || start > this.input.length) {
                throw new ApexPrimitiveError('System.StringException', `Illegal start index`);
            }
            this.reset();
            this.nextFrom = start;
        }
        if (this.nextFrom > this.input.length) {
            this.current = null;
            return false;
        }
        const re = this.pattern.global();
        re.lastIndex = this.nextFrom;
        const m = re.exec(this.input);
        this.current = m;
        if (!m) {
            this.nextFrom = this.input.length + 1;
            return false;
        }
        this.nextFrom = m[0] === '' ? m.index + 1 : m.index + m[0].length;
        return true;
    }

    private match(): RegExpExecArray {
        if (!this.current) throw noMatch();
        return this.current;
    }

    private checkGroup(g: number): void {
        if (g < 0 || g > this.pattern.groupCount) {
            throw new ApexPrimitiveError('System.StringException', `No group ${g}`);
        }
    }

    group(g = 0): string | null {
        const m = this.match();
        this.checkGroup(g);
        return m[g] ?? null;
    }

    groupCount(): number {
        return this.pattern.groupCount;
    }

    start(g = 0): number {
        const m = this.match();
        this.checkGroup(g);
        if (g === 0) return m.index;
        const text = m[g];
        if (text === undefined) return -1;
        return groupStart(m, g);
    }

    end(g = 0): number {
        const m = this.match();
        this.checkGroup(g);
        if (g === 0) return m.index + m[0].length;
        const s = this.start(g);
        return s < 0 ? -1 : s + (m[g] as string).length;
    }

    reset(input?: string): JavaMatcher {
        if (input !== undefined) this.input = input;
        this.current = null;
        this.nextFrom = 0;
        return this;
    }

    replaceAll(replacement: string): string {
        this.reset();
        return javaReplace(this.input, this.pattern.pattern, replacement, false);
    }

    replaceFirst(replacement: string): string {
        this.reset();
        return javaReplace(this.input, this.pattern.pattern, replacement, true);
    }
}

/** Start index of group g, from the match indices every regex here is built with (the 'd' flag). */
function groupStart(m: RegExpExecArray, g: number): number {
    const indices = (m as RegExpExecArray & { indices?: Array<[number, number] | undefined> }).indices;
    if (indices) return indices[g]?.[0] ?? -1;
    throw new Error('group start requested without match indices');
}
