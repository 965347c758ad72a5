/**
 * Apex Decimal: an arbitrary-precision number with a tracked scale (digits after the point), modelled on
 * java.math.BigDecimal, which Apex uses underneath (toString switches to exponent notation exactly as BigDecimal does).
 *
 * Sources (see SOURCES.md):
 * - Decimal class (rounding modes, setScale default half-even, round() half-even, precision, format):
 *   https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_methods_system_decimal.htm
 * - Decimal data type (scale from literals): https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/langCon_apex_primitives.htm
 * - Division result `1/31` = 0.0322580645161290322580645161290323 (scale 34, half-up), observed in an org and
 *   reported in https://github.com/octoberswimmer/aer-dist/issues/345 ; the rule for quotients >= 1 is our inference.
 *
 * Representation: value = unscaled × 10^-scale, unscaled a bigint. decimal.js is not needed: every operation here
 * is exact integer arithmetic plus one explicit rounding step.
 */
import { ApexPrimitiveError } from '../builtin';
import { UnknownBehaviourError, divideByZero, groupThousands, javaDoubleToString } from './numbers';

export type RoundingMode = 'CEILING' | 'DOWN' | 'FLOOR' | 'HALF_DOWN' | 'HALF_EVEN' | 'HALF_UP' | 'UNNECESSARY' | 'UP';
export const ROUNDING_MODES: readonly RoundingMode[] = [
    'CEILING',
    'DOWN',
    'FLOOR',
    'HALF_DOWN',
    'HALF_EVEN',
    'HALF_UP',
    'UNNECESSARY',
    'UP'
];

/** Digits a non-terminating quotient keeps (see divide). */
const DIVISION_DIGITS = 34;

function pow10(n: number): bigint {
    return 10n ** BigInt(n);
}

function absBig(v: bigint): bigint {
    return v < 0n ? -v : v;
}

function digitCount(v: bigint): number {
    return absBig(v).toString().length;
}

/** n / d rounded to an integer with the given mode (d ≠ 0). */
export function divideRounded(n: bigint, d: bigint, mode: RoundingMode): bigint {
    if (d < 0n) {
        n = -n;
        d = -d;
    }
    const q = n / d;
    const r = n % d;
    if (r === 0n) return q;
    const sign = n < 0n ? -1n : 1n;
    const twice = 2n * absBig(r);
    const half = twice > d ? 1 : twice === d ? 0 : -1;
    let away: boolean;
    switch (mode) {
        case 'UP':
            away = true;
            break;
        case 'DOWN':
            away = false;
            break;
        case 'CEILING':
            away = sign > 0n;
            break;
        case 'FLOOR':
            away = sign < 0n;
            break;
        case 'HALF_UP':
            away = half >= 0;
            break;
        case 'HALF_DOWN':
            away = half > 0;
            break;
        case 'HALF_EVEN':
            away = half > 0 || (half === 0 && (q & 1n) !== 0n);
            break;
        case 'UNNECESSARY':
            // Java throws ArithmeticException("Rounding necessary"); Apex surfaces it as a MathException (unverified text).
            throw new ApexPrimitiveError('System.MathException', 'Rounding necessary');
    }
    return away ? q + sign : q;
}

export class ApexDecimal {
    constructor(
        readonly unscaled: bigint,
        readonly scale: number
    ) {}

    static fromInteger(v: number | bigint): ApexDecimal {
        return new ApexDecimal(BigInt(v), 0);
    }

    /** Decimal.valueOf(Double): Java BigDecimal.valueOf(double), i.e. the digits of Double.toString. */
    static fromDouble(d: number): ApexDecimal {
        if (!Number.isFinite(d)) {
            throw new ApexPrimitiveError('System.TypeException', `Invalid decimal: ${javaDoubleToString(d)}`);
        }
        return ApexDecimal.parse(javaDoubleToString(d));
    }

    /** Decimal.valueOf(String) and decimal literals: Java BigDecimal(String) grammar; the digits fix the scale. */
    static parse(text: string): ApexDecimal {
        const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
        if (!m || (m[2] === '' && (m[3] === undefined || m[3] === ''))) {
            throw new ApexPrimitiveError('System.TypeException', `Invalid decimal: ${text}`);
        }
        const frac = m[3] ?? '';
        const exp = m[4] ? Number(m[4]) : 0;
        let unscaled = BigInt((m[2] || '0') + frac);
        if (m[1] === '-') unscaled = -unscaled;
        return new ApexDecimal(unscaled, frac.length - exp);
    }

    isZero(): boolean {
        return this.unscaled === 0n;
    }

    signum(): number {
        return this.unscaled === 0n ? 0 : this.unscaled < 0n ? -1 : 1;
    }

    /** The unscaled value re-expressed at a larger scale (exact). */
    private at(scale: number): bigint {
        return this.unscaled * pow10(scale - this.scale);
    }

    add(o: ApexDecimal): ApexDecimal {
        const s = Math.max(this.scale, o.scale);
        return new ApexDecimal(this.at(s) + o.at(s), s);
    }

    subtract(o: ApexDecimal): ApexDecimal {
        const s = Math.max(this.scale, o.scale);
        return new ApexDecimal(this.at(s) - o.at(s), s);
    }

    multiply(o: ApexDecimal): ApexDecimal {
        return new ApexDecimal(this.unscaled * o.unscaled, this.scale + o.scale);
    }

    negate(): ApexDecimal {
        return new ApexDecimal(-this.unscaled, this.scale);
    }

    /**
     * The `/` operator. A terminating quotient is exact, at the smallest scale >= (this.scale - divisor.scale)
     * (Java BigDecimal.divide). A non-terminating one is rounded half-up: to scale 34 when |q| < 1 (matches the
     * org's `1/31`), otherwise to 34 significant digits (inferred, unverified).
     */
    divide(o: ApexDecimal): ApexDecimal {
        if (o.isZero()) throw divideByZero();
        const preferred = this.scale - o.scale;
        if (this.isZero()) return new ApexDecimal(0n, Math.max(preferred, 0));
        // value = (this.u / o.u) × 10^-(preferred)
        let den = absBig(o.unscaled);
        const g = gcd(absBig(this.unscaled), den);
        den /= g;
        let twos = 0;
        let fives = 0;
        while (den % 2n === 0n) {
            den /= 2n;
            twos++;
        }
        while (den % 5n === 0n) {
            den /= 5n;
            fives++;
        }
        if (den === 1n) {
            const k = Math.max(twos, fives);
            return new ApexDecimal((this.unscaled * pow10(k)) / o.unscaled, preferred + k);
        }
        // Non-terminating: find the integer-digit count of the quotient to pick the scale.
        const truncated = this.divideToScale(o, 0, 'DOWN');
        const intDigits = truncated.isZero() ? 0 : digitCount(truncated.unscaled);
        const scale = intDigits === 0 ? DIVISION_DIGITS : Math.max(DIVISION_DIGITS - intDigits, 0);
        return this.divideToScale(o, scale, 'HALF_UP');
    }

    /** this / o rounded to exactly `scale` digits with `mode`. */
    divideToScale(o: ApexDecimal, scale: number, mode: RoundingMode): ApexDecimal {
        if (o.isZero()) throw divideByZero();
        // q × 10^-scale ≈ (this.u × 10^-this.s) / (o.u × 10^-o.s)  ⇒  q = this.u × 10^(scale - this.s + o.s) / o.u
        const e = scale - this.scale + o.scale;
        let n = this.unscaled;
        let d = o.unscaled;
        if (e >= 0) n *= pow10(e);
        else d *= pow10(-e);
        return new ApexDecimal(divideRounded(n, d, mode), scale);
    }

    /** Decimal.divide(divisor, scale[, mode]); the default mode is HALF_UP (unverified). */
    divideWithScale(o: ApexDecimal, scale: number, mode: RoundingMode = 'HALF_UP'): ApexDecimal {
        return this.divideToScale(o, scale, mode);
    }

    private shiftTo(scale: number, mode: RoundingMode): ApexDecimal {
        if (scale >= this.scale) return new ApexDecimal(this.at(scale), scale);
        return new ApexDecimal(divideRounded(this.unscaled, pow10(this.scale - scale), mode), scale);
    }

    /**
     * setScale(n) rounds half-even (documented); setScale(n, mode) uses the given mode. The documented range of n is
     * –33..33 (a negative n multiplies the unscaled value, 4000 → 4E+3); outside it the org's error is unknown.
     */
    setScale(scale: number, mode: RoundingMode = 'HALF_EVEN'): ApexDecimal {
        if (scale < -33 || scale > 33) throw new UnknownBehaviourError(`Decimal.setScale(${scale}) outside –33..33`);
        return this.shiftTo(scale, mode);
    }

    /** round() → Long, half-even (documented); round(mode) → Long. */
    round(mode: RoundingMode = 'HALF_EVEN'): bigint {
        return BigInt.asIntN(64, this.shiftTo(0, mode).unscaled);
    }

    abs(): ApexDecimal {
        return this.unscaled < 0n ? this.negate() : this;
    }

    /** pow(exponent): exact; the exponent must be within 0..32,767 (documented range). */
    pow(exponent: number): ApexDecimal {
        if (exponent < 0 || exponent > 32767) {
            throw new ApexPrimitiveError('System.MathException', 'Invalid operation');
        }
        return new ApexDecimal(this.unscaled ** BigInt(exponent), this.scale * exponent);
    }

    /** Total digits of the unscaled value (Java precision(); zero has precision 1). */
    precision(): number {
        return digitCount(this.unscaled);
    }

    stripTrailingZeros(): ApexDecimal {
        if (this.unscaled === 0n) return new ApexDecimal(0n, 0);
        let u = this.unscaled;
        let s = this.scale;
        while (u % 10n === 0n) {
            u /= 10n;
            s--;
        }
        return new ApexDecimal(u, s);
    }

    compareTo(o: ApexDecimal): number {
        const s = Math.max(this.scale, o.scale);
        const a = this.at(s);
        const b = o.at(s);
        return a < b ? -1 : a > b ? 1 : 0;
    }

    /** Apex `==` and equals on Decimals compare values, so 1.0 == 1.00 (see SOURCES.md). */
    equals(o: ApexDecimal): boolean {
        return this.compareTo(o) === 0;
    }

    /** Java BigDecimal.hashCode: 31 × unscaledValue.hashCode() + scale (so 1.1 and 1.10 hash differently). */
    hashCode(): number {
        return (Math.imul(31, bigIntegerHash(this.unscaled)) + this.scale) | 0;
    }

    toPlainString(): string {
        const neg = this.unscaled < 0n;
        const digits = absBig(this.unscaled).toString();
        let body: string;
        if (this.scale <= 0) {
            body = digits + (this.unscaled === 0n ? '' : '0'.repeat(-this.scale));
        } else if (digits.length > this.scale) {
            body = digits.slice(0, digits.length - this.scale) + '.' + digits.slice(digits.length - this.scale);
        } else {
            body = '0.' + '0'.repeat(this.scale - digits.length) + digits;
        }
        return (neg ? '-' : '') + body;
    }

    /** Java BigDecimal.toString: plain when scale >= 0 and the adjusted exponent >= -6, else d.dddE±n. */
    toString(): string {
        const digits = absBig(this.unscaled).toString();
        const adjusted = -this.scale + (digits.length - 1);
        if (this.scale >= 0 && adjusted >= -6) return this.toPlainString();
        const neg = this.unscaled < 0n ? '-' : '';
        const mantissa = digits.length > 1 ? digits[0] + '.' + digits.slice(1) : digits;
        return `${neg}${mantissa}E${adjusted >= 0 ? '+' : ''}${adjusted}`;
    }

    /** Java BigDecimal.intValue(): drop the fraction, keep the low 32 bits. */
    intValue(): number {
        return Number(BigInt.asIntN(32, this.shiftTo(0, 'DOWN').unscaled));
    }

    longValue(): bigint {
        return BigInt.asIntN(64, this.shiftTo(0, 'DOWN').unscaled);
    }

    doubleValue(): number {
        return Number(this.toString());
    }

    /**
     * format() for an en_US user: Java's default NumberFormat ("#,##0.###", half-even), so at most three
     * fraction digits survive (unverified in an org).
     */
    format(): string {
        // Documented: "Scientific notation will be used if an exponent is needed" — its exact form is unknown.
        if (this.toString().includes('E')) throw new UnknownBehaviourError(`Decimal.format() of ${this.toString()}`);
        return this.formatGrouped();
    }

    /** en_US "#,##0.###" (half-even) without the exponent check; Double.format() uses it too. */
    formatGrouped(): string {
        const rounded = this.scale > 3 ? this.shiftTo(3, 'HALF_EVEN') : this;
        let plain = rounded.scale < 0 ? rounded.shiftTo(0, 'DOWN').toPlainString() : rounded.toPlainString();
        if (plain.includes('.')) plain = plain.replace(/0+$/, '').replace(/\.$/, '');
        if (plain === '-0') plain = '0';
        return groupThousands(plain);
    }
}

function gcd(a: bigint, b: bigint): bigint {
    while (b !== 0n) [a, b] = [b, a % b];
    return a;
}

/** java.math.BigInteger.hashCode: fold the 32-bit magnitude words, big-endian, times the sign. */
function bigIntegerHash(v: bigint): number {
    let mag = absBig(v);
    const words: number[] = [];
    while (mag > 0n) {
        words.unshift(Number(mag & 0xffffffffn));
        mag >>= 32n;
    }
    let h = 0;
    for (const w of words) h = (Math.imul(31, h) + w) | 0;
    return v < 0n ? -h | 0 : h;
}

export function parseRoundingMode(name: string): RoundingMode {
    const upper = name.toUpperCase() as RoundingMode;
    if (!ROUNDING_MODES.includes(upper)) throw new Error(`Unknown System.RoundingMode: ${name}`);
    return upper;
}
