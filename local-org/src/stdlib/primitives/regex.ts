/**
 * Java regular expressions (java.util.regex, which Apex uses for Pattern/Matcher and String.split/replaceAll/
 * replaceFirst/matches) translated into JS RegExp, plus Java's split and replacement-string rules.
 *
 * Sources (see SOURCES.md):
 * - Pattern and Matcher classes: https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_classes_pattern_and_matcher.htm
 * - Java semantics mirrored here: java.util.regex.Pattern (syntax, `.`/`$`/`\s` definitions, `\Q…\E`),
 *   Matcher.appendReplacement (`$n`, `${name}`, `\x`), String.split (limit rules, trailing-empty removal).
 *
 * Anything Java-only that JS cannot express faithfully (possessive quantifiers, atomic groups, mid-pattern
 * inline flags, comments mode, back references under (?i)…) raises UnsupportedRegexError: a host error, so the
 * run is reported as an emulator error rather than silently matching differently.
 */
import { ApexPrimitiveError } from '../builtin';

export class UnsupportedRegexError extends Error {
    constructor(pattern: string, what: string) {
        super(`local-org cannot emulate this Java regex construct (${what}) in: ${pattern}`);
        this.name = 'UnsupportedRegexError';
    }
}

const JAVA_SPACE = ' \\t\\n\\x0B\\f\\r';
const WORD = '[\\p{L}\\p{Nd}_]';
const LINE_TERMINATORS = '\\n\\r\\u0085\\u2028\\u2029';
const POSIX_CLASSES: Record<string, string> = {
    Lower: 'a-z',
    Upper: 'A-Z',
    ASCII: '\\x00-\\x7F',
    Alpha: 'a-zA-Z',
    Digit: '0-9',
    Alnum: 'a-zA-Z0-9',
    Punct: '\\x21-\\x2F\\x3A-\\x40\\x5B-\\x60\\x7B-\\x7E',
    Graph: '\\x21-\\x7E',
    Print: '\\x20-\\x7E',
    Blank: ' \\t',
    Cntrl: '\\x00-\\x1F\\x7F',
    XDigit: '0-9a-fA-F',
    Space: JAVA_SPACE
};

function hexEscape(cp: number): string {
    return `\\u{${cp.toString(16)}}`;
}

function isAsciiLetter(cp: number): boolean {
    return (cp >= 65 && cp <= 90) || (cp >= 97 && cp <= 122);
}

function swapAsciiCase(cp: number): number {
    return cp >= 97 ? cp - 32 : cp + 32;
}

export interface Translated {
    source: string;
    flags: string;
    groupCount: number;
}

/** One element of a character class: its JS text, and its code point when it is a single character. */
interface Atom {
    text: string;
    cp?: number;
}

/**
 * Translates a Java regex to a JS RegExp source, used with the 'v' flag (nested classes, `&&`).
 * CASE_INSENSITIVE in Java folds ASCII only, so `(?i)` is not mapped to the JS 'i' flag (which folds all of
 * Unicode): ASCII letters are expanded instead (`a` → `[aA]`), and non-ASCII letters stay case-sensitive.
 */
export function translateJavaRegex(pattern: string): Translated {
    return new Translator(pattern).run();
}

class Translator {
    private i = 0;
    private ci = false;
    private dotAll = false;
    private multiline = false;
    private groupCount = 0;

    constructor(private readonly pattern: string) {}

    private fail(what: string): never {
        throw new UnsupportedRegexError(this.pattern, what);
    }

    run(): Translated {
        const p = this.pattern;
        // Leading inline flags such as (?i) or (?is) apply to the whole pattern.
        for (;;) {
            const m = /^\(\?([imsdux]+)\)/.exec(p.slice(this.i));
            if (!m) break;
            for (const f of m[1]) {
                if (f === 'i') this.ci = true;
                else if (f === 's') this.dotAll = true;
                else if (f === 'm') this.multiline = true;
                else this.fail(`inline flag (?${f})`);
            }
            this.i += m[0].length;
        }
        let out = '';
        let quantifiable = false;
        while (this.i < p.length) {
            const ch = p[this.i];
            if (ch === '\\') {
                out += this.escapeOutside();
                quantifiable = true;
                continue;
            }
            switch (ch) {
                case '[':
                    out += this.charClass();
                    quantifiable = true;
                    continue;
                case '(':
                    out += this.groupOpen();
                    quantifiable = false;
                    continue;
                case ')':
                    out += ')';
                    this.i++;
                    quantifiable = true;
                    continue;
                case '.':
                    out += this.dotAll ? '[\\s\\S]' : `[^${LINE_TERMINATORS}]`;
                    this.i++;
                    quantifiable = true;
                    continue;
                case '$':
                    // Java: end of input, or before a final line terminator (any line end with MULTILINE).
                    out += this.multiline
                        ? `(?=[${LINE_TERMINATORS}]|(?![\\s\\S]))`
                        : `(?=(?:\\r\\n|[${LINE_TERMINATORS}])?(?![\\s\\S]))`;
                    this.i++;
                    quantifiable = false;
                    continue;
                case '^':
                    // MULTILINE: at the start or after a line terminator, but never at the end of input (so not in '').
                    out += this.multiline ? `(?:(?<![\\s\\S])|(?<=[${LINE_TERMINATORS}]))(?=[\\s\\S])` : '^';
                    this.i++;
                    quantifiable = false;
                    continue;
                case '*':
                case '+':
                case '?':
                case '{':
                    if (!quantifiable) this.fail(`dangling quantifier '${ch}'`);
                    out += this.quantifier();
                    quantifiable = false;
                    continue;
                case '|':
                    out += '|';
                    this.i++;
                    quantifiable = false;
                    continue;
                default: {
                    const cp = p.codePointAt(this.i)!;
                    out += this.single(cp);
                    this.i += cp > 0xffff ? 2 : 1;
                    quantifiable = true;
                }
            }
        }
        const source = out;
        try {
            new RegExp(source, 'v');
        } catch (e) {
            // Java would raise a PatternSyntaxException, whose exact Apex message we do not reproduce.
            this.fail(`syntax error: ${(e as Error).message}`);
        }
        return { source, flags: 'v', groupCount: this.groupCount };
    }

    /** A literal character outside a class (case-expanded under (?i)). */
    private single(cp: number): string {
        if (this.ci && isAsciiLetter(cp))
            return `[${String.fromCharCode(cp)}${String.fromCharCode(swapAsciiCase(cp))}]`;
        return this.lit(cp);
    }

    private lit(cp: number): string {
        return /[A-Za-z0-9_ ]/.test(String.fromCodePoint(cp)) ? String.fromCodePoint(cp) : hexEscape(cp);
    }

    private quantifier(): string {
        const p = this.pattern;
        let q = p[this.i];
        let j = this.i + 1;
        if (q === '{') {
            const m = /^\{(\d+)(,(\d*))?\}/.exec(p.slice(this.i));
            if (!m) this.fail("'{' that is not a quantifier");
            q = m[0];
            j = this.i + m[0].length;
        }
        if (p[j] === '+') this.fail('possessive quantifier');
        if (p[j] === '?') {
            q += '?';
            j++;
        }
        this.i = j;
        return q;
    }

    private groupOpen(): string {
        const p = this.pattern;
        if (p[this.i + 1] !== '?') {
            this.i++;
            this.groupCount++;
            return '(';
        }
        const rest = p.slice(this.i + 2);
        if (rest.startsWith(':') || rest.startsWith('=') || rest.startsWith('!')) {
            this.i += 3;
            return '(?' + rest[0];
        }
        if (rest.startsWith('<=') || rest.startsWith('<!')) {
            this.i += 4;
            return '(?' + rest.slice(0, 2);
        }
        const named = /^<([a-zA-Z][a-zA-Z0-9]*)>/.exec(rest);
        if (named) {
            this.i += 2 + named[0].length;
            this.groupCount++;
            return `(?<${named[1]}>`;
        }
        if (rest.startsWith('>')) this.fail('atomic group (?>…)');
        this.fail('inline flags inside the pattern');
    }

    /** An escape outside a class. */
    private escapeOutside(): string {
        const p = this.pattern;
        const c = p[this.i + 1];
        if (c === 'Q') {
            const body = this.quoted();
            const text = Array.from(body)
                .map((ch) => this.single(ch.codePointAt(0)!))
                .join('');
            return Array.from(body).length <= 1 ? text : `(?:${text})`;
        }
        switch (c) {
            case 'b':
            case 'B':
                // Java's word boundary counts letters and digits of any script and '_'; JS \b only ASCII.
                this.i += 2;
                return c === 'b'
                    ? `(?:(?<=${WORD})(?!${WORD})|(?<!${WORD})(?=${WORD}))`
                    : `(?:(?<=${WORD})(?=${WORD})|(?<!${WORD})(?!${WORD}))`;
            case 'R':
                this.i += 2;
                return '(?:\\r\\n|[\\n\\x0B\\f\\r\\x85\\u2028\\u2029])';
            case 'A':
                this.i += 2;
                return '(?<![\\s\\S])';
            case 'z':
                this.i += 2;
                return '(?![\\s\\S])';
            case 'Z':
                this.i += 2;
                return `(?=(?:\\r\\n|[${LINE_TERMINATORS}])?(?![\\s\\S]))`;
            case 'k': {
                const m = /^<([a-zA-Z][a-zA-Z0-9]*)>/.exec(p.slice(this.i + 2));
                if (!m) this.fail('bad \\k escape');
                if (this.ci) this.fail('back reference under (?i)');
                this.i += 2 + m[0].length;
                return `\\k<${m[1]}>`;
            }
        }
        if (c !== undefined && /[1-9]/.test(c)) {
            if (this.ci) this.fail('back reference under (?i)');
            this.i += 2;
            return '\\' + c;
        }
        const atom = this.classEscape();
        return atom.cp !== undefined ? this.single(atom.cp) : atom.text;
    }

    /** The body of \Q…\E starting at this.i; moves past it. */
    private quoted(): string {
        const p = this.pattern;
        const end = p.indexOf('\\E', this.i + 2);
        const body = end < 0 ? p.slice(this.i + 2) : p.slice(this.i + 2, end);
        this.i = end < 0 ? p.length : end + 2;
        return body;
    }

    /** An escape that is valid both inside and outside a class; moves past it. */
    private classEscape(): Atom {
        const p = this.pattern;
        const c = p[this.i + 1];
        if (c === undefined) this.fail('trailing backslash');
        const one = (cp: number, used: number): Atom => {
            this.i += used;
            return { text: this.lit(cp), cp };
        };
        const set = (text: string, used: number): Atom => {
            this.i += used;
            return { text };
        };
        switch (c) {
            case 'd':
            case 'D':
            case 'w':
            case 'W':
                return set('\\' + c, 2);
            case 's':
                return set(`[${JAVA_SPACE}]`, 2);
            case 'S':
                return set(`[^${JAVA_SPACE}]`, 2);
            case 'h':
                return set('[ \\t\\xA0\\u1680\\u180e\\u2000-\\u200a\\u202f\\u205f\\u3000]', 2);
            case 'v':
                return set('[\\n\\x0B\\f\\r\\x85\\u2028\\u2029]', 2);
            case 't':
                return one(9, 2);
            case 'n':
                return one(10, 2);
            case 'r':
                return one(13, 2);
            case 'f':
                return one(12, 2);
            case 'a':
                return one(7, 2);
            case 'e':
                return one(27, 2);
            case '0': {
                const m = /^[0-3]?[0-7]{1,2}/.exec(p.slice(this.i + 2));
                if (!m) this.fail('bad octal escape');
                return one(parseInt(m[0], 8), 2 + m[0].length);
            }
            case 'x': {
                const braced = /^\{([0-9a-fA-F]+)\}/.exec(p.slice(this.i + 2));
                if (braced) return one(parseInt(braced[1], 16), 2 + braced[0].length);
                const m = /^[0-9a-fA-F]{2}/.exec(p.slice(this.i + 2));
                if (!m) this.fail('bad \\x escape');
                return one(parseInt(m[0], 16), 4);
            }
            case 'u': {
                const m = /^[0-9a-fA-F]{4}/.exec(p.slice(this.i + 2));
                if (!m) this.fail('bad \\u escape');
                return one(parseInt(m[0], 16), 6);
            }
            case 'c': {
                const x = p[this.i + 2];
                if (x === undefined) this.fail('bad \\c escape');
                return one(x.charCodeAt(0) ^ 64, 3);
            }
            case 'p':
            case 'P': {
                const m = /^\{(\w+)\}/.exec(p.slice(this.i + 2));
                if (!m) this.fail(`\\${c} without {name}`);
                const name = m[1].replace(/^Is/, '');
                let posix = POSIX_CLASSES[name];
                if (posix !== undefined) {
                    // Under (?i) Java lets \p{Lower} and \p{Upper} match either case.
                    if (this.ci && (name === 'Lower' || name === 'Upper')) posix = 'a-zA-Z';
                    return set(`[${c === 'P' ? '^' : ''}${posix}]`, 2 + m[0].length);
                }
                if (/^(L|N|Nd|P|S|Z|M|C|Lm|Lo)$/.test(name)) return set(`\\${c}{${name}}`, 2 + m[0].length);
                this.fail(`\\${c}{${m[1]}}${this.ci ? ' under (?i)' : ''}`);
            }
        }
        if (/[a-zA-Z0-9]/.test(c)) this.fail(`escape \\${c}`);
        // Java lets any other character be escaped to stand for itself.
        return one(c.codePointAt(0)!, 1 + (c.codePointAt(0)! > 0xffff ? 2 : 1));
    }

    /**
     * A Java character class starting at '[' → a JS 'v'-mode class. Unions (`[a[bc]]`) become nested classes,
     * intersections (`[a-z&&[^aeiou]]`) v-mode `&&` with each side bracketed; a negated class holding `&&` is
     * refused (Java's precedence there is surprising).
     */
    private charClass(): string {
        const p = this.pattern;
        this.i++;
        let negated = false;
        if (p[this.i] === '^') {
            negated = true;
            this.i++;
        }
        const segments: string[] = [];
        let cur = '';
        let first = true;
        for (;;) {
            if (this.i >= p.length) this.fail('unclosed character class');
            const ch = p[this.i];
            // A ']' right after '[' or '[^' is a literal in Java.
            if (ch === ']' && !first) {
                this.i++;
                break;
            }
            if (ch === '[') {
                cur += this.charClass();
            } else if (ch === '&' && p[this.i + 1] === '&') {
                segments.push(cur);
                cur = '';
                this.i += 2;
                first = false;
                continue;
            } else if (ch === '\\' && p[this.i + 1] === 'Q') {
                for (const q of Array.from(this.quoted())) cur += this.classChar(q.codePointAt(0)!);
            } else {
                const lo = this.classAtom();
                if (
                    lo.cp !== undefined &&
                    p[this.i] === '-' &&
                    p[this.i + 1] !== ']' &&
                    p[this.i + 1] !== '[' &&
                    p[this.i + 1] !== undefined &&
                    !(p[this.i + 1] === '&' && p[this.i + 2] === '&')
                ) {
                    this.i++;
                    const hi = this.classAtom();
                    if (hi.cp === undefined) this.fail('illegal character range');
                    if (hi.cp < lo.cp) this.fail('illegal character range');
                    cur += `${this.lit(lo.cp)}-${this.lit(hi.cp)}` + (this.ci ? this.foldedRange(lo.cp, hi.cp) : '');
                } else {
                    cur += lo.cp !== undefined ? this.classChar(lo.cp) : lo.text;
                }
            }
            first = false;
        }
        segments.push(cur);
        if (segments.length === 1) return `[${negated ? '^' : ''}${segments[0]}]`;
        if (negated) this.fail('negated class with &&');
        if (segments.some((s) => s === '')) this.fail('empty operand of &&');
        return `[${segments.map((s) => `[${s}]`).join('&&')}]`;
    }

    /** One class member: an escape or a literal character (including '-' where it cannot form a range). */
    private classAtom(): Atom {
        const p = this.pattern;
        if (p[this.i] === '\\') return this.classEscape();
        const cp = p.codePointAt(this.i)!;
        this.i += cp > 0xffff ? 2 : 1;
        return { text: this.lit(cp), cp };
    }

    private classChar(cp: number): string {
        return this.lit(cp) + (this.ci && isAsciiLetter(cp) ? this.lit(swapAsciiCase(cp)) : '');
    }

    /** Under (?i): the other-case forms of the ASCII letters inside lo..hi. */
    private foldedRange(lo: number, hi: number): string {
        let extra = '';
        for (let cp = Math.max(lo, 65); cp <= Math.min(hi, 122); cp++) {
            if (isAsciiLetter(cp)) extra += this.lit(swapAsciiCase(cp));
        }
        return extra;
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
                throw new ApexPrimitiveError(
                    'System.StringException',
                    'Illegal group reference: group index is missing'
                );
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
