/**
 * The shape of a built-in (System namespace) method as the stdlib declares it and the runtime binds it.
 *
 * Value representation shared by every module of the runtime:
 *   null → null; Boolean → boolean; Integer → number (always a 32-bit integer); Long → bigint;
 *   Double → ApexDouble; Decimal → ApexDecimal; String → string; Id → ApexId;
 *   Date → ApexDate; Datetime → ApexDatetime; Time → ApexTime (all in stdlib/primitives);
 *   collections, SObjects and class instances → runtime classes, reached from the stdlib only through BuiltinHost.
 */

/** A built-in method: its Apex signature (for overload resolution) and its implementation. */
export interface BuiltinMethod {
    /** Apex spelling, e.g. 'containsIgnoreCase'. Lookup is case-insensitive. */
    name: string;
    isStatic: boolean;
    /** Apex type names of the parameters, e.g. ['String', 'Integer'], 'List<Object>', 'Object' for any value. */
    params: string[];
    /** Apex type name of the result; 'void' for none. */
    returns: string;
    /**
     * Runs the method. `self` is the receiver (never null: the runtime throws NullPointerException first) or
     * undefined for static methods. Arguments arrive already converted to the parameter types.
     * Throws ApexPrimitiveError for Apex-level failures.
     */
    impl: (self: unknown, args: unknown[], host: BuiltinHost) => unknown;
}

/** What the stdlib may ask of the runtime without knowing its classes. */
export interface BuiltinHost {
    /** A new List<elementType> holding items. */
    newList(elementType: string, items: unknown[]): unknown;
    /** The items of a List or Set value (throws if it is neither). */
    items(collection: unknown): unknown[];
    /** String.valueOf semantics for any value, including collections, SObjects and objects. */
    stringOf(value: unknown): string;
    /** The running user's IANA time zone. */
    timeZone(): string;
    /** The transaction's clock, in epoch milliseconds. */
    nowMs(): number;
}

/**
 * An Apex exception raised by a primitive operation, e.g. ('System.MathException', 'Divide by 0').
 * The runtime turns it into a catchable Apex exception of that type, with the current Apex position.
 */
export class ApexPrimitiveError extends Error {
    constructor(
        readonly apexType: string,
        message: string
    ) {
        super(message);
        this.name = 'ApexPrimitiveError';
    }
}
