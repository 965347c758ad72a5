/**
 * Static Apex types as the semantic pass sees them, and the assignability / widening rules between them.
 * Rules of conversion: https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/langCon_apex_rules_of_conversion.htm
 */
import type { ClassSym } from './symbols';

export type PrimName =
    'Integer' | 'Long' | 'Double' | 'Decimal' | 'String' | 'Boolean' | 'Id' | 'Date' | 'Datetime' | 'Time' | 'Blob';

export type ApexType =
    | { k: 'prim'; name: PrimName }
    | { k: 'object' }
    | { k: 'null' }
    | { k: 'void' }
    | { k: 'list'; elem: ApexType }
    | { k: 'set'; elem: ApexType }
    | { k: 'map'; key: ApexType; value: ApexType }
    /** A project class, interface or enum, or a built-in class modelled as one (Exception and its subtypes). */
    | { k: 'class'; cls: ClassSym }
    /** A built-in value type that is not a class we model with members of our own (System.Type, Schema.SObjectType...). */
    | { k: 'builtin'; name: string }
    | { k: 'sobject'; name: string }
    /** Not known statically; checked at run time. */
    | { k: 'any' };

/** The type of something whose declaration already has a diagnostic: later uses stay quiet. */
export const UNRESOLVED: ApexType = { k: 'any' };

export const PRIMS: readonly PrimName[] = [
    'Integer',
    'Long',
    'Double',
    'Decimal',
    'String',
    'Boolean',
    'Id',
    'Date',
    'Datetime',
    'Time',
    'Blob'
];
const primByLower = new Map(PRIMS.map((p) => [p.toLowerCase(), p]));

export function primNamed(name: string): PrimName | undefined {
    return primByLower.get(name.toLowerCase());
}

export const T = {
    Integer: { k: 'prim', name: 'Integer' } as ApexType,
    Long: { k: 'prim', name: 'Long' } as ApexType,
    Double: { k: 'prim', name: 'Double' } as ApexType,
    Decimal: { k: 'prim', name: 'Decimal' } as ApexType,
    String: { k: 'prim', name: 'String' } as ApexType,
    Boolean: { k: 'prim', name: 'Boolean' } as ApexType,
    Id: { k: 'prim', name: 'Id' } as ApexType,
    Date: { k: 'prim', name: 'Date' } as ApexType,
    Datetime: { k: 'prim', name: 'Datetime' } as ApexType,
    Time: { k: 'prim', name: 'Time' } as ApexType,
    Object: { k: 'object' } as ApexType,
    Null: { k: 'null' } as ApexType,
    Void: { k: 'void' } as ApexType,
    Any: { k: 'any' } as ApexType
};

export function prim(t: ApexType, name: PrimName): boolean {
    return t.k === 'prim' && t.name === name;
}

export function isNumeric(t: ApexType): boolean {
    return t.k === 'prim' && (t.name === 'Integer' || t.name === 'Long' || t.name === 'Double' || t.name === 'Decimal');
}

const NUM_RANK: Record<string, number> = { Integer: 0, Long: 1, Double: 2, Decimal: 2 };

/** The type of a binary arithmetic result: the wider operand (Decimal wins over Double). */
export function widerNumeric(a: ApexType, b: ApexType): ApexType {
    if (a.k !== 'prim' || b.k !== 'prim') return T.Any;
    if (a.name === 'Decimal' || b.name === 'Decimal') return T.Decimal;
    if (a.name === 'Double' || b.name === 'Double') return T.Double;
    return NUM_RANK[a.name] >= NUM_RANK[b.name] ? a : b;
}

export function typeName(t: ApexType): string {
    switch (t.k) {
        case 'prim':
            return t.name;
        case 'object':
            return 'Object';
        case 'null':
            return 'null';
        case 'void':
            return 'void';
        case 'list':
            return `List<${typeName(t.elem)}>`;
        case 'set':
            return `Set<${typeName(t.elem)}>`;
        case 'map':
            return `Map<${typeName(t.key)},${typeName(t.value)}>`;
        case 'class':
            return t.cls.qualifiedName;
        case 'builtin':
            return t.name;
        case 'sobject':
            return t.name;
        case 'any':
            return 'Object';
    }
}

export function sameType(a: ApexType, b: ApexType): boolean {
    if (a.k !== b.k) return false;
    switch (a.k) {
        case 'prim':
            return a.name === (b as typeof a).name;
        case 'list':
        case 'set':
            return sameType(a.elem, (b as typeof a).elem);
        case 'map':
            return sameType(a.key, (b as typeof a).key) && sameType(a.value, (b as typeof a).value);
        case 'class':
            return a.cls === (b as typeof a).cls;
        case 'builtin':
        case 'sobject':
            return a.name.toLowerCase() === (b as typeof a).name.toLowerCase();
        default:
            return true;
    }
}

/** Built-in value types that extend another (Messaging.SingleEmailMessage extends Messaging.Email). */
const BUILTIN_SUPERTYPES: Record<string, string[]> = {
    'messaging.singleemailmessage': ['messaging.email']
};

/** The lower-case names of the built-in types a built-in value type extends. */
export function builtinSupertypes(name: string): string[] {
    return BUILTIN_SUPERTYPES[name.toLowerCase()] ?? [];
}

/**
 * Whether a value of static type `from` may be assigned to `to` without a cast.
 * Returns 'exact', 'widen' (implicit numeric or Id→String conversion, or subtype), or null.
 */
export function assignable(from: ApexType, to: ApexType): 'exact' | 'widen' | null {
    if (from.k === 'any' || to.k === 'any') return 'widen';
    if (sameType(from, to)) return 'exact';
    if (to.k === 'object') return from.k === 'void' ? null : 'widen';
    if (from.k === 'null') return to.k === 'void' ? null : 'widen';
    if (from.k === 'prim' && to.k === 'prim') {
        const f = from.name;
        const tt = to.name;
        if (f === 'Integer' && (tt === 'Long' || tt === 'Double' || tt === 'Decimal')) return 'widen';
        if (f === 'Long' && (tt === 'Double' || tt === 'Decimal')) return 'widen';
        if (f === 'Double' && tt === 'Decimal') return 'widen';
        if (f === 'Decimal' && tt === 'Double') return 'widen';
        if (f === 'Id' && tt === 'String') return 'widen';
        if (f === 'String' && tt === 'Id') return 'widen';
        return null;
    }
    if (from.k === 'class' && to.k === 'class') return from.cls.isSubtypeOf(to.cls) ? 'widen' : null;
    if (from.k === 'sobject' && to.k === 'sobject') return to.name.toLowerCase() === 'sobject' ? 'widen' : null;
    if (from.k === 'builtin' && to.k === 'builtin')
        return builtinSupertypes(from.name).includes(to.name.toLowerCase()) ? 'widen' : null;
    // Collections are covariant in Apex (List<Account> is a List<SObject>); run-time element types guard writes.
    // A List<SObject> (e.g. from Database.query) may be assigned to a list of a concrete SObject type.
    if (from.k === 'list' && to.k === 'list' && from.elem.k === 'sobject' && to.elem.k === 'sobject')
        return from.elem.name === 'SObject' || assignable(from.elem, to.elem) ? 'widen' : null;
    if (from.k === 'list' && to.k === 'list') return assignable(from.elem, to.elem) ? 'widen' : null;
    if (from.k === 'set' && to.k === 'set') return assignable(from.elem, to.elem) ? 'widen' : null;
    // List and Set implement Iterable (its type argument is not modelled).
    if ((from.k === 'list' || from.k === 'set') && to.k === 'class' && to.cls.builtin && to.cls.name === 'Iterable')
        return 'widen';
    if (from.k === 'map' && to.k === 'map')
        return assignable(from.key, to.key) && assignable(from.value, to.value) ? 'widen' : null;
    return null;
}

/** Whether an explicit cast from `from` to `to` can possibly succeed (otherwise it is a compile error). */
export function castable(from: ApexType, to: ApexType): boolean {
    if (assignable(from, to) || assignable(to, from)) return true;
    if (from.k === 'object' || from.k === 'any') return true;
    if (from.k === 'class' && to.k === 'class') return from.cls.kind === 'interface' || to.cls.kind === 'interface';
    if (isNumeric(from) && isNumeric(to)) return true;
    return false;
}
