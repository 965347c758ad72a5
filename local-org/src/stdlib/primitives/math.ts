/**
 * System.Math static methods, as BuiltinMethod overloads per numeric type.
 *
 * Source: Math class, https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_methods_system_math.htm
 * (round(Double) → Integer "closest Integer", error outside the Integer range; round(Decimal) half-even;
 * roundToLong; floor/ceil return the argument's type; random in [0, 1)). Java Math.round: nearest, ties toward +infinity.
 */
import { BuiltinMethod } from '../builtin';
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

function unary(name: string, f: (x: number) => number): BuiltinMethod[] {
    return [
        stat(name, ['Double'], 'Double', (a) => D(f(dv(a[0])))),
        stat(name, ['Decimal'], 'Double', (a) => D(f(dec(a[0]).doubleValue()))),
    ];
}

export const MATH_STATIC_METHODS: BuiltinMethod[] = [
    stat('abs', ['Integer'], 'Integer', (a) => Math.abs(a[0] as number) | 0),
    stat('abs', ['Long'], 'Long', (a) => BigInt.asIntN(64, (a[0] as bigint) < 0n ? -(a[0] as bigint) : (a[0] as bigint))),
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
    ...unary('sqrt', Math.sqrt),
    ...unary('exp', Math.exp),
    ...unary('log', Math.log),
    ...unary('log10', Math.log10),
    ...unary('sin', Math.sin),
    ...unary('cos', Math.cos),
    ...unary('tan', Math.tan),
    ...unary('cbrt', Math.cbrt),
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
    stat('signum', ['Decimal'], 'Decimal', (a) => ApexDecimal.fromInteger(dec(a[0]).signum())),
    stat('random', [], 'Double', () => D(Math.random())),
];
