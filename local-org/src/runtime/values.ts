/**
 * Run-time values that are not primitives: objects, enums, collections with run-time element types, Type values.
 * Primitive representation is the one of stdlib/builtin.ts (Integer number, Long bigint, ApexDouble, ApexDecimal...).
 */
import type { ClassSym } from '../semantic/symbols';
import { type ApexType, typeName } from '../semantic/types';
import { ApexDecimal } from '../stdlib/primitives/decimal';
import { ApexDouble } from '../stdlib/primitives/numbers';
import { ApexId } from '../stdlib/primitives/id';
import { SObjectValue } from './sobject';

let nextObjectId = 1;

export class ApexObject {
    readonly fields = new Map<string, unknown>();
    readonly oid = nextObjectId++;
    /** For exceptions: where it was created and the stack at that point. */
    exLine = 0;
    exStack = '';
    constructor(readonly cls: ClassSym) {}
}

export class EnumValue {
    constructor(
        readonly cls: ClassSym,
        readonly name: string,
        readonly ordinal: number
    ) {}
    toString(): string {
        return this.name;
    }
}

export class TypeValue {
    constructor(readonly type: ApexType) {}
    get name(): string {
        return typeName(this.type);
    }
}

/** Hooks into the interpreter for user-defined equals/hashCode/toString. */
export interface ObjectHooks {
    equals(a: ApexObject, b: unknown): boolean | null;
    hashCode(a: ApexObject): number | null;
    toString(a: ApexObject): string | null;
}

export const hooks: { current: ObjectHooks | null } = { current: null };

export class ApexList {
    /** Open for-each loops over this list: structural changes then throw FinalException. */
    iterating = 0;
    constructor(
        public elemType: ApexType,
        public items: unknown[]
    ) {}
}

/** Keyed collections keep insertion order (JS Map order) and compare keys with Apex key equality. */
export class KeyedStore<V> {
    private readonly byKey = new Map<string, { key: unknown; value: V }>();

    private slot(key: unknown, forInsert: boolean): string {
        const base = keyHash(key);
        if (!(key instanceof ApexObject)) return base;
        // Custom hashCode may collide: probe for an equal key or a free slot.
        for (let i = 0; ; i++) {
            const s = i === 0 ? base : `${base}#${i}`;
            const e = this.byKey.get(s);
            if (!e) return forInsert ? s : '';
            if (keyEquals(e.key, key)) return s;
        }
    }

    get size(): number {
        return this.byKey.size;
    }
    has(key: unknown): boolean {
        const s = this.slot(key, false);
        return s !== '' && this.byKey.has(s);
    }
    get(key: unknown): V | undefined {
        const s = this.slot(key, false);
        return s === '' ? undefined : this.byKey.get(s)?.value;
    }
    set(key: unknown, value: V): void {
        const s = this.slot(key, true);
        const e = this.byKey.get(s);
        if (e) e.value = value;
        else this.byKey.set(s, { key, value });
    }
    delete(key: unknown): boolean {
        const s = this.slot(key, false);
        if (s === '' || !this.byKey.has(s)) return false;
        if (key instanceof ApexObject) {
            // Rebuild so later probe chains stay intact.
            const rest = [...this.byKey.entries()].filter(([k]) => k !== s).map(([, e]) => e);
            this.byKey.clear();
            for (const e of rest) this.set(e.key, e.value);
        } else {
            this.byKey.delete(s);
        }
        return true;
    }
    clear(): void {
        this.byKey.clear();
    }
    keys(): unknown[] {
        return [...this.byKey.values()].map((e) => e.key);
    }
    values(): V[] {
        return [...this.byKey.values()].map((e) => e.value);
    }
    entries(): Array<[unknown, V]> {
        return [...this.byKey.values()].map((e) => [e.key, e.value]);
    }
}

export class ApexSet {
    iterating = 0;
    readonly store = new KeyedStore<true>();
    constructor(public elemType: ApexType) {}
}

export class ApexMap {
    readonly store = new KeyedStore<unknown>();
    constructor(
        public keyType: ApexType,
        public valueType: ApexType
    ) {}
}

/** A hash string equal for keys that Apex treats as equal (case-sensitive strings). */
export function keyHash(v: unknown): string {
    if (v === null || v === undefined) return 'null';
    switch (typeof v) {
        case 'string':
            return 's' + v;
        case 'number':
            return 'n' + v;
        case 'bigint':
            return 'n' + v.toString();
        case 'boolean':
            return v ? 'T' : 'F';
    }
    if (v instanceof ApexDecimal) return 'n' + v.stripTrailingZeros().toPlainString();
    if (v instanceof ApexDouble) return 'n' + (Number.isInteger(v.value) ? v.value.toString() : v.toString());
    if (v instanceof EnumValue) return `e${v.cls.qualifiedName}.${v.name}`;
    if (v instanceof ApexObject) {
        const h = hooks.current?.hashCode(v);
        return h === null || h === undefined ? `o${v.oid}` : `h${h}`;
    }
    if (v instanceof ApexList) return 'L(' + v.items.map(keyHash).join(',') + ')';
    // Sets and maps are equal whatever their insertion order, so their hashes sort the element hashes.
    if (v instanceof ApexSet) return 'S{' + v.store.keys().map(keyHash).sort().join(',') + '}';
    if (v instanceof ApexMap)
        return (
            'M{' +
            v.store
                .entries()
                .map(([k, x]) => keyHash(k) + '=' + keyHash(x))
                .sort()
                .join(',') +
            '}'
        );
    if (v instanceof TypeValue) return 't' + v.name.toLowerCase();
    // SObjects are equal when their types and all field values are (SObject docs: "compares field values").
    if (v instanceof SObjectValue) {
        const fields = [...v.values.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        return `O${v.obj.name.toLowerCase()}{${fields.map(([k, x]) => k + '=' + keyHash(x)).join(',')}}`;
    }
    const s = (v as { toString(): string }).toString();
    return 'x' + s;
}

/** Apex `equals` semantics: strings case-sensitive, user equals() honoured. */
export function keyEquals(a: unknown, b: unknown): boolean {
    if (a === b) return true;
    if (a === null || b === null || a === undefined || b === undefined) return false;
    if (a instanceof ApexObject) {
        const r = hooks.current?.equals(a, b);
        return r === null || r === undefined ? false : r;
    }
    return keyHash(a) === keyHash(b);
}

/** Apex `==` semantics: like equals but String comparison ignores case (also inside collections). */
export function looseEquals(a: unknown, b: unknown): boolean {
    if (a === b) return true;
    if (a === null || b === null || a === undefined || b === undefined) return false;
    if (typeof a === 'string' && typeof b === 'string')
        return a.length === b.length && a.toLowerCase() === b.toLowerCase();
    // Id == String converts the String to an Id (15 or 18 characters) and compares case-sensitively.
    if (a instanceof ApexId && typeof b === 'string') return idEqualsText(a, b);
    if (b instanceof ApexId && typeof a === 'string') return idEqualsText(b, a);
    if (a instanceof ApexList && b instanceof ApexList) {
        return a.items.length === b.items.length && a.items.every((x, i) => looseEquals(x, b.items[i]));
    }
    if (isNumberValue(a) && isNumberValue(b)) return compareNumbers(a, b) === 0;
    if (a instanceof SObjectValue && b instanceof SObjectValue) {
        // == compares every field value with == (Strings ignore case).
        if (a.obj !== b.obj || a.values.size !== b.values.size) return false;
        for (const [k, x] of a.values) if (!b.values.has(k) || !looseEquals(x, b.values.get(k))) return false;
        return true;
    }
    return keyEquals(a, b);
}

function idEqualsText(id: ApexId, text: string): boolean {
    try {
        return ApexId.of(text).toString() === id.toString();
    } catch {
        return false;
    }
}

export function isNumberValue(v: unknown): boolean {
    return typeof v === 'number' || typeof v === 'bigint' || v instanceof ApexDecimal || v instanceof ApexDouble;
}

export function toDecimal(v: unknown): ApexDecimal {
    if (v instanceof ApexDecimal) return v;
    if (typeof v === 'number' || typeof v === 'bigint') return ApexDecimal.fromInteger(v);
    if (v instanceof ApexDouble) return ApexDecimal.fromDouble(v.value);
    throw new Error('not a number');
}

export function toJsNumber(v: unknown): number {
    if (typeof v === 'number') return v;
    if (typeof v === 'bigint') return Number(v);
    if (v instanceof ApexDouble) return v.value;
    if (v instanceof ApexDecimal) return v.doubleValue();
    throw new Error('not a number');
}

export function compareNumbers(a: unknown, b: unknown): number {
    if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
    if ((typeof a === 'number' || typeof a === 'bigint') && (typeof b === 'number' || typeof b === 'bigint')) {
        const x = BigInt(a);
        const y = BigInt(b);
        return x < y ? -1 : x > y ? 1 : 0;
    }
    if (a instanceof ApexDouble || b instanceof ApexDouble) {
        const x = toJsNumber(a);
        const y = toJsNumber(b);
        return x < y ? -1 : x > y ? 1 : 0;
    }
    return toDecimal(a).compareTo(toDecimal(b));
}
