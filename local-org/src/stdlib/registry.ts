/**
 * Registry of built-in (System namespace) types and their methods in the BuiltinMethod format.
 * Keys are lower-case type names: 'string', 'list', 'system', 'assert', 'math'...
 * Generic parameter names in signatures: T (List/Set element), K and V (Map key and value).
 */
import type { BuiltinHost, BuiltinMethod } from './builtin';

export interface BuiltinType {
    name: string;
    statics: BuiltinMethod[];
    instance: BuiltinMethod[];
    /** Public constructors of a built-in value type (`new Messaging.SingleEmailMessage()`); name '<init>'. */
    ctors: BuiltinMethod[];
}

export const registry = new Map<string, BuiltinType>();

/** A public property of a built-in value type (`dmo.EmailHeader.triggerUserEmail`); type is an Apex type name. */
export interface BuiltinProperty {
    name: string;
    type: string;
    get: (self: unknown) => unknown;
    set?: (self: unknown, value: unknown) => void;
    /** A platform member the local org knows of but does not model: using it is a load diagnostic. */
    unsupported?: boolean;
}

/** Keyed by lower-case type name, then lower-case property name. */
export const properties = new Map<string, Map<string, BuiltinProperty>>();

export function registerProperties(typeName: string, props: BuiltinProperty[]): void {
    const key = typeName.toLowerCase();
    let m = properties.get(key);
    if (!m) {
        m = new Map();
        properties.set(key, m);
    }
    for (const p of props) m.set(p.name.toLowerCase(), p);
}

export function register(name: string, methods: BuiltinMethod[]): void {
    const key = name.toLowerCase();
    let t = registry.get(key);
    if (!t) {
        t = { name, statics: [], instance: [], ctors: [] };
        registry.set(key, t);
    }
    for (const m of methods) (m.name === '<init>' ? t.ctors : m.isStatic ? t.statics : t.instance).push(m);
}

/** What the runtime offers the stdlib beyond the shared BuiltinHost contract. */
export interface RuntimeHost extends BuiltinHost {
    /** Apex equals (user equals() honoured; Strings case-sensitive). */
    equals(a: unknown, b: unknown): boolean;
    /** Natural ordering for List.sort (Comparable.compareTo for objects). */
    compare(a: unknown, b: unknown): number;
    hashCode(v: unknown): number;
    /** Calls a project method by name and arity on an object (e.g. Comparator.compare). */
    callMethod(target: unknown, name: string, args: unknown[]): unknown;
    /** Appends a USER_DEBUG line. */
    debug(level: string, message: unknown): void;
    /** Raises an uncatchable System.AssertException. */
    assertFail(message: string): never;
    /** Raises an Apex exception of a System type. */
    raise(apexType: string, message: string): never;
    /** Value of a run-time type name check (instanceOfType). */
    isInstanceOfType(value: unknown, type: unknown): boolean;
    typeNameOf(value: unknown): string;
    limit(counter: string): number;
    isRunningTest(): boolean;
    /** Whether the running transaction is asynchronous (batch, queueable, future). */
    isAsync(): boolean;
    /** Test.startTest / Test.stopTest: a fresh set of limit counters in between. */
    startTest(): void;
    stopTest(): void;
    /** Type.forName: the Type value or null. */
    typeForName(name: string): unknown;
    newInstance(type: unknown): unknown;
    jsonSerialize(value: unknown, pretty: boolean): string;
    jsonDeserialize(text: string, type: unknown): unknown;
    jsonDeserializeUntyped(text: string): unknown;
    newSet(elementType: string, items: unknown[]): unknown;
    newMap(keyType: string, valueType: string, entries: Array<[unknown, unknown]>): unknown;
    /** The org's data (runtime/data.ts DataService): dynamic SOQL and Database.* DML. */
    query(soql: string, binds?: unknown, mode?: 'list' | 'count' | 'locator'): unknown;
    dml(op: string, operands: unknown[]): unknown;
}
