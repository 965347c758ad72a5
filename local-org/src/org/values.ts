/**
 * Field values as the store keeps them, in the runtime's shared representation (stdlib/builtin.ts):
 * null, boolean, Integer number, Long bigint, String string, and the primitive classes.
 */
import { ApexId } from '../stdlib/primitives/id';
import { ApexDate, ApexDatetime, ApexTime } from '../stdlib/primitives/datetime';
import { ApexDecimal } from '../stdlib/primitives/decimal';
import { ApexDouble } from '../stdlib/primitives/numbers';

export type FieldValue =
    null | boolean | number | bigint | string | ApexId | ApexDate | ApexDatetime | ApexTime | ApexDecimal | ApexDouble;

/** A numeric view of a number-like value, for comparisons (Decimal via its exact text; fine for ordering). */
export function numericOf(v: FieldValue): number | null {
    if (typeof v === 'number') return v;
    if (typeof v === 'bigint') return Number(v);
    if (v instanceof ApexDouble) return v.value;
    if (v instanceof ApexDecimal) return decimalToNumber(v);
    return null;
}

export function decimalToNumber(d: ApexDecimal): number {
    return Number(d.unscaled) / 10 ** d.scale;
}

/** Compares two decimals exactly. */
export function compareDecimal(a: ApexDecimal, b: ApexDecimal): number {
    const s = Math.max(a.scale, b.scale);
    const x = a.unscaled * 10n ** BigInt(s - a.scale);
    const y = b.unscaled * 10n ** BigInt(s - b.scale);
    return x < y ? -1 : x > y ? 1 : 0;
}

/** Text of an Id or string value (Ids as 18 characters). */
export function textOf(v: FieldValue): string | null {
    if (typeof v === 'string') return v;
    if (v instanceof ApexId) return v.id18;
    return null;
}

export { ApexId, ApexDate, ApexDatetime, ApexTime, ApexDecimal, ApexDouble };
