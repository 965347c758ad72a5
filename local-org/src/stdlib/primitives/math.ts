/**
 * System.Math static methods, as BuiltinMethod overloads per numeric type.
 *
 * Source: Math class, https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_methods_system_math.htm
 * (overload list: Decimal arguments give Decimal results for sqrt, cbrt, exp, log, log10, trig and hyperbolic
 * functions, rint, ceil, floor; round(Double) is deprecated; fields E and PI are Doubles)
 * (round(Double) → Integer "closest Integer", error outside the Integer range; round(Decimal) half-even;
 * roundToLong; floor/ceil return the argument's type; random in [0, 1)). Java Math.round: nearest, ties toward +infinity.
 */
import type { BuiltinMethod } from '../builtin';
import { ApexDecimal } from './decimal';
import { ApexDouble, INT_MAX, INT_MIN, UnknownBehaviourError, divideByZero, doubleToLong, longMod } from './numbers';

type Impl = (args: unknown[]) => unknown;

function stat(name: string, params: string[], returns: string, impl: Impl): BuiltinMethod {
    return { name, isStatic: true, params, returns, impl: (_self, args) => impl(args) };
}

const D = (v: number) => new ApexDouble(v);
const dv = (a: unknown) => (a as ApexDouble).value;
const dec = (a: unknown) => a as ApexDecimal;

/** Java Math.round(double) as a long: nearest, ties toward +infinity, NaN → 0 (JS Math.round has the same rule). */
export function javaRound(x: number): bigint {
    if (Number.isNaN(x)) return 0n;
    return doubleToLong(Math.round(x));
}

function roundToInteger(x: number): number {
    const r = javaRound(x);
    if (r < BigInt(INT_MIN) || r > BigInt(INT_MAX)) {
        // Documented: "If the result is less than -2,147,483,648 or greater than 2,147,483,647, Apex generates an error."
        // The error's type and text are not documented, so fail loudly.
        throw new UnknownBehaviourError(`Math.round(${x}) outside the Integer range`);
    }
    return Number(r);
}

/**
 * A function with a Double overload (Double result) and a Decimal overload (Decimal result), as the Math class
 * documents for sqrt, cbrt, exp, log, log10, the trigonometric and hyperbolic functions. The Decimal result is
 * computed through double and converted like Decimal.valueOf(Double) (inferred: the digits and scale of those
 * results are unverified); NaN or infinite results fail loudly.
 */
function dual(name: string, f: (x: number) => number): BuiltinMethod[] {
    return [
        stat(name, ['Double'], 'Double', (a) => D(f(dv(a[0])))),
        stat(name, ['Decimal'], 'Decimal', (a) => decimalOf(name, f(dec(a[0]).doubleValue())))
    ];
}

function decimalOf(name: string, v: number): ApexDecimal {
    if (!Number.isFinite(v)) throw new UnknownBehaviourError(`Math.${name} on a Decimal giving ${v}`);
    return ApexDecimal.fromDouble(v);
}

/** Java Math.rint: the nearest integer value, ties to even. */
function rint(x: number): number {
    if (!Number.isFinite(x)) return x;
    const r = Math.round(x);
    return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** Math.E and Math.PI, the class's static fields (Double). */
export const MATH_FIELDS: Readonly<Record<string, ApexDouble>> = {
    E: new ApexDouble(Math.E),
    PI: new ApexDouble(Math.PI)
};

export const MATH_STATIC_METHODS: BuiltinMethod[] = [
    stat('abs', ['Integer'], 'Integer', (a) => Math.abs(a[0] as number) | 0),
    stat('abs', ['Long'], 'Long', (a) =>
        BigInt.asIntN(64, (a[0] as bigint) < 0n ? -(a[0] as bigint) : (a[0] as bigint))
    ),
    stat('abs', ['Double'], 'Double', (a) => D(Math.abs(dv(a[0])))),
    stat('abs', ['Decimal'], 'Decimal', (a) => dec(a[0]).abs()),
    stat('max', ['Integer', 'Integer'], 'Integer', (a) => Math.max(a[0] as number, a[1] as number)),
    stat('max', ['Long', 'Long'], 'Long', (a) => ((a[0] as bigint) >= (a[1] as bigint) ? a[0] : a[1])),
    stat('max', ['Double', 'Double'], 'Double', (a) => D(Math.max(dv(a[0]), dv(a[1])))),
    stat('max', ['Decimal', 'Decimal'], 'Decimal', (a) => (dec(a[0]).compareTo(dec(a[1])) >= 0 ? a[0] : a[1])),
    stat('min', ['Integer', 'Integer'], 'Integer', (a) => Math.min(a[0] as number, a[1] as number)),
    stat('min', ['Long', 'Long'], 'Long', (a) => ((a[0] as bigint) <= (a[1] as bigint) ? a[0] : a[1])),
    stat('min', ['Double', 'Double'], 'Double', (a) => D(Math.min(dv(a[0]), dv(a[1])))),
    stat('min', ['Decimal', 'Decimal'], 'Decimal', (a) => (dec(a[0]).compareTo(dec(a[1])) <= 0 ? a[0] : a[1])),
    stat('mod', ['Integer', 'Integer'], 'Integer', (a) => {
        if (a[1] === 0) throw divideByZero();
        return ((a[0] as number) % (a[1] as number)) | 0;
    }),
    stat('mod', ['Long', 'Long'], 'Long', (a) => longMod(a[0] as bigint, a[1] as bigint)),
    stat('pow', ['Double', 'Double'], 'Double', (a) => D(Math.pow(dv(a[0]), dv(a[1])))),
    ...dual('sqrt', Math.sqrt),
    ...dual('cbrt', Math.cbrt),
    ...dual('exp', Math.exp),
    ...dual('log', Math.log),
    ...dual('log10', Math.log10),
    ...dual('sin', Math.sin),
    ...dual('cos', Math.cos),
    ...dual('tan', Math.tan),
    ...dual('asin', Math.asin),
    ...dual('acos', Math.acos),
    ...dual('atan', Math.atan),
    ...dual('sinh', Math.sinh),
    ...dual('cosh', Math.cosh),
    ...dual('tanh', Math.tanh),
    // atan2(xCoordinate, yCoordinate): the arguments go to Java's Math.atan2 in the documented order.
    stat('atan2', ['Double', 'Double'], 'Double', (a) => D(Math.atan2(dv(a[0]), dv(a[1])))),
    stat('atan2', ['Decimal', 'Decimal'], 'Decimal', (a) =>
        decimalOf('atan2', Math.atan2(dec(a[0]).doubleValue(), dec(a[1]).doubleValue()))
    ),
    stat('rint', ['Double'], 'Double', (a) => D(rint(dv(a[0])))),
    stat('rint', ['Decimal'], 'Decimal', (a) => dec(a[0]).setScale(0, 'HALF_EVEN')),
    stat('floor', ['Double'], 'Double', (a) => D(Math.floor(dv(a[0])))),
    stat('floor', ['Decimal'], 'Decimal', (a) => dec(a[0]).setScale(0, 'FLOOR')),
    stat('ceil', ['Double'], 'Double', (a) => D(Math.ceil(dv(a[0])))),
    stat('ceil', ['Decimal'], 'Decimal', (a) => dec(a[0]).setScale(0, 'CEILING')),
    stat('round', ['Double'], 'Integer', (a) => roundToInteger(dv(a[0]))),
    stat('round', ['Decimal'], 'Integer', (a) => {
        const r = dec(a[0]).setScale(0, 'HALF_EVEN').unscaled;
        if (r < BigInt(INT_MIN) || r > BigInt(INT_MAX)) {
            throw new UnknownBehaviourError(`Math.round(${dec(a[0]).toString()}) outside the Integer range`);
        }
        return Number(r);
    }),
    stat('roundToLong', ['Double'], 'Long', (a) => javaRound(dv(a[0]))),
    stat('roundToLong', ['Decimal'], 'Long', (a) => dec(a[0]).round('HALF_EVEN')),
    stat('signum', ['Double'], 'Double', (a) => D(Math.sign(dv(a[0])))),
    // Documented as 0, 1.0 or -1.0; computed like the other Decimal results (through double).
    stat('signum', ['Decimal'], 'Decimal', (a) => ApexDecimal.fromDouble(dec(a[0]).signum())),
    stat('random', [], 'Double', () => D(Math.random()))
];
