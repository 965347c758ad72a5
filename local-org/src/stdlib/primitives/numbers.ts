/**
 * Integer (32-bit), Long (64-bit) and Double arithmetic, conversions and parsing, as Apex defines them.
 *
 * Sources (see SOURCES.md):
 * - Primitive data types: https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/langCon_apex_primitives.htm
 * - Rules of conversion (Integer → Long → Double → Decimal):
 *   https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/langCon_apex_rules_of_conversion.htm
 * - Integer class: https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_methods_system_integer.htm
 * - Long class: https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_methods_system_long.htm
 * - Double class: https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_methods_system_double.htm
 * Apex runs on the JVM, so overflow, shift masking and Double.toString follow Java (JLS §15.17, §15.19; Double.toString).
 */
import { ApexPrimitiveError } from '../builtin';

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

/** An Apex Double: a 64-bit IEEE value. A class so that `1.0` (Double) and `1` (Integer) stay distinct at run time. */
export class ApexDouble {
    constructor(readonly value: number) {}

    /** Java's Double.toString, which Apex uses for String.valueOf and debug output. */
    toString(): string {
        return javaDoubleToString(this.value);
    }
}

/**
 * A behaviour whose platform outcome we have not pinned (e.g. an unknown exception text). It is a host error,
 * never an Apex exception, so the runner reports EmulatorError instead of guessing.
 */
export class UnknownBehaviourError extends Error {
    constructor(what: string) {
        super(`local-org does not know the platform behaviour of ${what}`);
        this.name = 'UnknownBehaviourError';
    }
}

export function divideByZero(): ApexPrimitiveError {
    return new ApexPrimitiveError('System.MathException', 'Divide by 0');
}

// ---------- Integer (JS number, always kept in int32 range) ----------

export function intAdd(a: number, b: number): number {
    return (a + b) | 0;
}
export function intSub(a: number, b: number): number {
    return (a - b) | 0;
}
export function intMul(a: number, b: number): number {
    return Math.imul(a, b);
}
/** Truncates toward zero; MIN / -1 wraps to MIN as in Java. */
export function intDiv(a: number, b: number): number {
    if (b === 0) throw divideByZero();
    return (a / b) | 0;
}
/** Remainder with the sign of the dividend (Java %), as Math.mod(Integer, Integer) returns. */
export function intMod(a: number, b: number): number {
    if (b === 0) throw divideByZero();
    return (a % b) | 0;
}
export function intNeg(a: number): number {
    return -a | 0;
}
export function intShl(a: number, n: number): number {
    return a << n;
}
export function intShr(a: number, n: number): number {
    return a >> n;
}
export function intUshr(a: number, n: number): number {
    return (a >>> n) | 0;
}
export function intAnd(a: number, b: number): number {
    return a & b;
}
export function intOr(a: number, b: number): number {
    return a | b;
}
export function intXor(a: number, b: number): number {
    return a ^ b;
}
export function intNot(a: number): number {
    return ~a;
}

// ---------- Long (bigint, wrapped at 64 bits) ----------

function wrap64(v: bigint): bigint {
    return BigInt.asIntN(64, v);
}
export function longAdd(a: bigint, b: bigint): bigint {
    return wrap64(a + b);
}
export function longSub(a: bigint, b: bigint): bigint {
    return wrap64(a - b);
}
export function longMul(a: bigint, b: bigint): bigint {
    return wrap64(a * b);
}
/** BigInt division already truncates toward zero; MIN / -1 wraps back to MIN. */
export function longDiv(a: bigint, b: bigint): bigint {
    if (b === 0n) throw divideByZero();
    return wrap64(a / b);
}
export function longMod(a: bigint, b: bigint): bigint {
    if (b === 0n) throw divideByZero();
    return a % b;
}
export function longNeg(a: bigint): bigint {
    return wrap64(-a);
}
/** Java masks a long shift distance to its low 6 bits. */
export function longShl(a: bigint, n: number): bigint {
    return wrap64(a << BigInt(n & 63));
}
export function longShr(a: bigint, n: number): bigint {
    return a >> BigInt(n & 63);
}
export function longUshr(a: bigint, n: number): bigint {
    return wrap64(BigInt.asUintN(64, a) >> BigInt(n & 63));
}
export function longAnd(a: bigint, b: bigint): bigint {
    return a & b;
}
export function longOr(a: bigint, b: bigint): bigint {
    return a | b;
}
export function longXor(a: bigint, b: bigint): bigint {
    return a ^ b;
}
export function longNot(a: bigint): bigint {
    return ~a;
}

// ---------- Double ----------

export function dblAdd(a: ApexDouble, b: ApexDouble): ApexDouble {
    return new ApexDouble(a.value + b.value);
}
export function dblSub(a: ApexDouble, b: ApexDouble): ApexDouble {
    return new ApexDouble(a.value - b.value);
}
export function dblMul(a: ApexDouble, b: ApexDouble): ApexDouble {
    return new ApexDouble(a.value * b.value);
}
/** Double division by zero: Java gives Infinity/NaN, Apex may throw; not pinned, so it fails loudly. */
export function dblDiv(a: ApexDouble, b: ApexDouble): ApexDouble {
    if (b.value === 0) throw new UnknownBehaviourError('Double division by zero');
    return new ApexDouble(a.value / b.value);
}

// ---------- conversions ----------

export function intToLong(a: number): bigint {
    return BigInt(a);
}
export function intToDouble(a: number): ApexDouble {
    return new ApexDouble(a);
}
export function longToDouble(a: bigint): ApexDouble {
    return new ApexDouble(Number(a));
}
/** Long.intValue(): keeps the low 32 bits, as Java's (int) cast. */
export function longToInt(a: bigint): number {
    return Number(BigInt.asIntN(32, a));
}
/** Double.intValue(): Java's (int) cast: truncate, NaN → 0, saturate at the int range. */
export function doubleToInt(d: number): number {
    if (Number.isNaN(d)) return 0;
    if (d >= INT_MAX) return INT_MAX;
    if (d <= INT_MIN) return INT_MIN;
    return Math.trunc(d) | 0;
}
/** Double.longValue(): Java's (long) cast. */
export function doubleToLong(d: number): bigint {
    if (Number.isNaN(d)) return 0n;
    if (d >= 9223372036854775807) return LONG_MAX;
    if (d <= -9223372036854775808) return LONG_MIN;
    return BigInt(Math.trunc(d));
}

// ---------- parsing ----------

const INTEGER_TEXT = /^[+-]?\d+$/;
/** Java's Double.parseDouble grammar (decimal forms only; hex floats are not accepted here). */
const DOUBLE_TEXT = /^[+-]?(NaN|Infinity|((\d+\.?\d*|\.\d+)([eE][+-]?\d+)?)[fFdD]?)$/;

/** Integer.valueOf(String): Java Integer.parseInt rules (no blanks, optional sign, in range). */
export function parseInteger(text: string): number {
    if (!INTEGER_TEXT.test(text)) throw new ApexPrimitiveError('System.TypeException', `Invalid integer: ${text}`);
    const v = BigInt(text);
    if (v < BigInt(INT_MIN) || v > BigInt(INT_MAX)) {
        throw new ApexPrimitiveError('System.TypeException', `Invalid integer: ${text}`);
    }
    return Number(v);
}

/** Long.valueOf(String). */
export function parseLong(text: string): bigint {
    if (!INTEGER_TEXT.test(text)) throw new ApexPrimitiveError('System.TypeException', `Invalid long: ${text}`);
    const v = BigInt(text);
    if (v < LONG_MIN || v > LONG_MAX) throw new ApexPrimitiveError('System.TypeException', `Invalid long: ${text}`);
    return v;
}

/** Double.valueOf(String): Java Double.parseDouble, which ignores surrounding blanks. */
export function parseDouble(text: string): ApexDouble {
    const t = text.trim();
    if (!DOUBLE_TEXT.test(t)) throw new ApexPrimitiveError('System.TypeException', `Invalid double: ${text}`);
    const body = t.replace(/[fFdD]$/, '');
    if (/NaN$/.test(body)) return new ApexDouble(NaN);
    if (/Infinity$/.test(body)) return new ApexDouble(body.startsWith('-') ? -Infinity : Infinity);
    return new ApexDouble(Number(body));
}

// ---------- text forms ----------

/**
 * Java Double.toString: plain notation for 1e-3 <= |d| < 1e7 with at least one fractional digit,
 * otherwise "computerized scientific notation" d.dddE±n. JS gives the same shortest round-trip digits.
 */
export function javaDoubleToString(d: number): string {
    if (Number.isNaN(d)) return 'NaN';
    if (d === Infinity) return 'Infinity';
    if (d === -Infinity) return '-Infinity';
    if (d === 0) return Object.is(d, -0) ? '-0.0' : '0.0';
    const sign = d < 0 ? '-' : '';
    const abs = Math.abs(d);
    const [mantissa, expText] = abs.toExponential().split('e');
    const digits = mantissa.replace('.', '');
    const exp = Number(expText);
    if (abs >= 1e-3 && abs < 1e7) {
        let intPart: string;
        let fracPart: string;
        if (exp >= 0) {
            const padded = digits.padEnd(exp + 1, '0');
            intPart = padded.slice(0, exp + 1);
            fracPart = padded.slice(exp + 1);
        } else {
            intPart = '0';
            fracPart = '0'.repeat(-exp - 1) + digits;
        }
        return `${sign}${intPart}.${fracPart === '' ? '0' : fracPart}`;
    }
    const frac = digits.slice(1);
    return `${sign}${digits[0]}.${frac === '' ? '0' : frac}E${exp}`;
}

/** Groups the integer digits of a plain decimal string with commas (en_US). */
export function groupThousands(plain: string): string {
    const negative = plain.startsWith('-');
    const body = negative ? plain.slice(1) : plain;
    const [intPart, fracPart] = body.split('.');
    const grouped = intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    return (negative ? '-' : '') + grouped + (fracPart !== undefined ? '.' + fracPart : '');
}

/** Integer.format() / Long.format() for en_US: grouped digits. */
export function formatInteger(v: number | bigint): string {
    return groupThousands(v.toString());
}

export { INT_MIN, INT_MAX, LONG_MIN, LONG_MAX };
