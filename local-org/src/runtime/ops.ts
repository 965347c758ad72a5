/**
 * Run-time operations on values: raising Apex exceptions, arithmetic, comparison, conversion, casts, String.valueOf.
 * Operators: https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/langCon_apex_expressions_operators_understanding.htm
 */
import type { ClassSym } from '../semantic/symbols';
import { type ApexType, builtinSupertypes, typeName } from '../semantic/types';
import { ApexPrimitiveError } from '../stdlib/builtin';
import { ApexDecimal } from '../stdlib/primitives/decimal';
import * as N from '../stdlib/primitives/numbers';
import { ApexDouble } from '../stdlib/primitives/numbers';
import { ApexId } from '../stdlib/primitives/id';
import { ApexDate, ApexDatetime } from '../stdlib/primitives/datetime';
import { ApexThrow, EmulatorError, tx } from './context';
import { DescribeSObjectValue, SObjectTypeValue, SObjectValue } from './sobject';
import {
    ApexList,
    ApexMap,
    ApexObject,
    ApexSet,
    EnumValue,
    TypeValue,
    compareNumbers,
    hooks,
    toDecimal
} from './values';

/** Resolves built-in exception classes by name; set by the loader. */
export const exceptionClasses: { byName: Map<string, ClassSym> } = { byName: new Map() };

/** Creates an exception object positioned at the running statement. */
export function newException(cls: ClassSym, message: string | null, cause: ApexObject | null = null): ApexObject {
    const ex = new ApexObject(cls);
    ex.fields.set('$message', message);
    ex.fields.set('$cause', cause);
    const t = tx();
    const top = t.stack.length ? t.top() : null;
    ex.exLine = top ? top.line : 0;
    ex.exStack = t.stackTrace();
    return ex;
}

export function raise(apexType: string, message: string): never {
    const name = apexType.replace(/^System\./i, '').toLowerCase();
    const cls = exceptionClasses.byName.get(name);
    if (!cls) throw new EmulatorError(`unknown exception type ${apexType}`);
    throw new ApexThrow(newException(cls, message));
}

export function npe(): never {
    return raise('System.NullPointerException', 'Attempt to de-reference a null object');
}

/** Turns an ApexPrimitiveError into an Apex exception; passes anything else through. */
export function translate(e: unknown): unknown {
    if (e instanceof ApexPrimitiveError) {
        try {
            raise(e.apexType, e.message);
        } catch (t) {
            return t;
        }
    }
    return e;
}

// ---------- arithmetic ----------

type NumKind = 0 | 1 | 2 | 3; // Integer, Long, Double, Decimal

function kindOf(v: unknown): NumKind {
    if (typeof v === 'number') return 0;
    if (typeof v === 'bigint') return 1;
    if (v instanceof ApexDouble) return 2;
    if (v instanceof ApexDecimal) return 3;
    throw new EmulatorError(`arithmetic on a non-number value (${describe(v)})`);
}

function toLong(v: unknown): bigint {
    return typeof v === 'bigint' ? v : BigInt(v as number);
}

function toDbl(v: unknown): ApexDouble {
    if (v instanceof ApexDouble) return v;
    if (v instanceof ApexDecimal) return new ApexDouble(v.doubleValue());
    return new ApexDouble(Number(v as number | bigint));
}

export function arith(op: string, a: unknown, b: unknown): unknown {
    if (a === null || b === null || a === undefined || b === undefined) npe();
    const k = Math.max(kindOf(a), kindOf(b)) as NumKind;
    try {
        switch (k) {
            case 0: {
                const x = a as number;
                const y = b as number;
                switch (op) {
                    case '+':
                        return N.intAdd(x, y);
                    case '-':
                        return N.intSub(x, y);
                    case '*':
                        return N.intMul(x, y);
                    case '/':
                        return N.intDiv(x, y);
                    case '%':
                        return N.intMod(x, y);
                }
                break;
            }
            case 1: {
                const x = toLong(a);
                const y = toLong(b);
                switch (op) {
                    case '+':
                        return N.longAdd(x, y);
                    case '-':
                        return N.longSub(x, y);
                    case '*':
                        return N.longMul(x, y);
                    case '/':
                        return N.longDiv(x, y);
                    case '%':
                        return N.longMod(x, y);
                }
                break;
            }
            case 2: {
                const x = toDbl(a);
                const y = toDbl(b);
                switch (op) {
                    case '+':
                        return N.dblAdd(x, y);
                    case '-':
                        return N.dblSub(x, y);
                    case '*':
                        return N.dblMul(x, y);
                    case '/':
                        return N.dblDiv(x, y);
                }
                break;
            }
            case 3: {
                const x = toDecimal(a);
                const y = toDecimal(b);
                switch (op) {
                    case '+':
                        return x.add(y);
                    case '-':
                        return x.subtract(y);
                    case '*':
                        return x.multiply(y);
                    case '/':
                        return x.divide(y);
                }
                break;
            }
        }
    } catch (e) {
        throw translate(e);
    }
    throw new EmulatorError(`operator ${op} on ${describe(a)} and ${describe(b)} is not supported by the local org`);
}

export function bitop(op: string, a: unknown, b: unknown): unknown {
    if (a === null || b === null || a === undefined || b === undefined) npe();
    if (typeof a === 'boolean' && typeof b === 'boolean') {
        if (op === '&') return a && b;
        if (op === '|') return a || b;
        if (op === '^') return a !== b;
    }
    if (typeof a === 'number' && typeof b === 'number') {
        switch (op) {
            case '&':
                return N.intAnd(a, b);
            case '|':
                return N.intOr(a, b);
            case '^':
                return N.intXor(a, b);
            case '<<':
                return N.intShl(a, b);
            case '>>':
                return N.intShr(a, b);
            case '>>>':
                return N.intUshr(a, b);
        }
    }
    if ((typeof a === 'number' || typeof a === 'bigint') && (typeof b === 'number' || typeof b === 'bigint')) {
        const x = toLong(a);
        switch (op) {
            case '&':
                return N.longAnd(x, toLong(b));
            case '|':
                return N.longOr(x, toLong(b));
            case '^':
                return N.longXor(x, toLong(b));
            case '<<':
                return N.longShl(x, Number(b));
            case '>>':
                return N.longShr(x, Number(b));
            case '>>>':
                return N.longUshr(x, Number(b));
        }
    }
    throw new EmulatorError(`operator ${op} on ${describe(a)} and ${describe(b)} is not supported by the local org`);
}

export function negate(v: unknown): unknown {
    if (v === null || v === undefined) npe();
    if (typeof v === 'number') return N.intNeg(v);
    if (typeof v === 'bigint') return N.longNeg(v);
    if (v instanceof ApexDouble) return new ApexDouble(-v.value);
    if (v instanceof ApexDecimal) return v.negate();
    throw new EmulatorError(`unary minus on ${describe(v)}`);
}

/**
 * <, <=, >, >= : numbers by value, Strings ignoring case (unverified). A null number, Date or Datetime makes the
 * comparison false, while "a non-null String or ID value is always greater than a null value" ([OPS]).
 */
export function compareOp(op: string, a: unknown, b: unknown): boolean {
    let c: number;
    const aNull = a === null || a === undefined;
    const bNull = b === null || b === undefined;
    if (aNull || bNull) {
        const other = aNull ? b : a;
        if (aNull && bNull) return false;
        if (typeof other !== 'string' && !(other instanceof ApexId)) return false;
        c = aNull ? -1 : 1;
        return op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c >= 0;
    }
    if (a instanceof ApexId || b instanceof ApexId) {
        // An Id compared with a String: the String is validated and treated as an Id.
        const x = a instanceof ApexId ? a.toString() : (widen(a, { k: 'prim', name: 'Id' }) as ApexId).toString();
        const y = b instanceof ApexId ? b.toString() : (widen(b, { k: 'prim', name: 'Id' }) as ApexId).toString();
        c = x < y ? -1 : x > y ? 1 : 0;
        return op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c >= 0;
    }
    if (typeof a === 'string' && typeof b === 'string') {
        const x = a.toLowerCase();
        const y = b.toLowerCase();
        c = x < y ? -1 : x > y ? 1 : 0;
    } else if (isNum(a) && isNum(b)) {
        c = compareNumbers(a, b);
    } else if (hasCompareTo(a) && hasCompareTo(b)) {
        c = a.compareTo(b);
    } else {
        throw new EmulatorError(
            `comparison ${op} of ${describe(a)} and ${describe(b)} is not supported by the local org`
        );
    }
    switch (op) {
        case '<':
            return c < 0;
        case '<=':
            return c <= 0;
        case '>':
            return c > 0;
        default:
            return c >= 0;
    }
}

function hasCompareTo(v: unknown): v is { compareTo(o: unknown): number } {
    return (
        typeof v === 'object' &&
        v !== null &&
        typeof (v as { compareTo?: unknown }).compareTo === 'function' &&
        !(v instanceof ApexObject)
    );
}

function isNum(v: unknown): boolean {
    return typeof v === 'number' || typeof v === 'bigint' || v instanceof ApexDouble || v instanceof ApexDecimal;
}

// ---------- conversion ----------

/** Implicit widening conversion of a value to a declared numeric type (Integer→Long→Double/Decimal). */
export function widen(v: unknown, to: ApexType): unknown {
    if (v === null || v === undefined || to.k !== 'prim') return v ?? null;
    switch (to.name) {
        case 'Long':
            return typeof v === 'number' ? BigInt(v) : v;
        case 'Double':
            if (typeof v === 'number' || typeof v === 'bigint') return new ApexDouble(Number(v));
            if (v instanceof ApexDecimal) return new ApexDouble(v.doubleValue());
            return v;
        case 'Decimal':
            if (typeof v === 'number' || typeof v === 'bigint') return ApexDecimal.fromInteger(v);
            if (v instanceof ApexDouble) return ApexDecimal.fromDouble(v.value);
            return v;
        case 'Id':
            if (typeof v === 'string') {
                try {
                    return ApexId.of(v);
                } catch (e) {
                    throw translate(e);
                }
            }
            return v;
        case 'String':
            return v instanceof ApexId ? v.toString() : v;
        default:
            return v;
    }
}

/** The run-time type name of a value, as Apex messages spell it. */
export function runtimeTypeName(v: unknown): string {
    if (v === null || v === undefined) return 'null';
    switch (typeof v) {
        case 'number':
            return 'Integer';
        case 'bigint':
            return 'Long';
        case 'string':
            return 'String';
        case 'boolean':
            return 'Boolean';
    }
    if (v instanceof ApexDouble) return 'Double';
    if (v instanceof ApexDecimal) return 'Decimal';
    if (v instanceof ApexObject) return v.cls.qualifiedName;
    if (v instanceof EnumValue) return v.cls.qualifiedName;
    if (v instanceof ApexList) return `List<${typeName(v.elemType)}>`;
    if (v instanceof ApexSet) return `Set<${typeName(v.elemType)}>`;
    if (v instanceof ApexMap) return `Map<${typeName(v.keyType)},${typeName(v.valueType)}>`;
    if (v instanceof TypeValue) return 'System.Type';
    if (v instanceof SObjectValue) return v.obj.name;
    if (v instanceof SObjectTypeValue) return 'Schema.SObjectType';
    if (v instanceof DescribeSObjectValue) return 'Schema.DescribeSObjectResult';
    // Data-layer values (Database.SaveResult, Database.Error, AggregateResult...) name their Apex type.
    const named = (v as { apexTypeName?: unknown }).apexTypeName;
    if (typeof named === 'string') return named;
    const ctor = (v as object).constructor?.name ?? 'Object';
    return ctor.replace(/^Apex/, '');
}

function describe(v: unknown): string {
    return runtimeTypeName(v);
}

/** instanceof against a static type, on a non-null value. */
export function isInstance(v: unknown, t: ApexType): boolean {
    if (v === null || v === undefined) return false;
    switch (t.k) {
        case 'object':
        case 'any':
            return true;
        case 'prim':
            switch (t.name) {
                case 'Integer':
                    return typeof v === 'number';
                case 'Long':
                    return typeof v === 'bigint';
                case 'Double':
                    return v instanceof ApexDouble;
                case 'Decimal':
                    return v instanceof ApexDecimal;
                case 'String':
                    return typeof v === 'string';
                case 'Boolean':
                    return typeof v === 'boolean';
                default:
                    return runtimeTypeName(v).toLowerCase() === t.name.toLowerCase();
            }
        case 'class':
            if (v instanceof ApexObject) return v.cls.isSubtypeOf(t.cls);
            if (v instanceof EnumValue) return v.cls === t.cls;
            return false;
        case 'list':
            return v instanceof ApexList && elemCompatible(v.elemType, t.elem);
        case 'set':
            return v instanceof ApexSet && elemCompatible(v.elemType, t.elem);
        case 'map':
            return v instanceof ApexMap && elemCompatible(v.keyType, t.key) && elemCompatible(v.valueType, t.value);
        case 'builtin':
            return (
                runtimeTypeName(v).toLowerCase() === t.name.toLowerCase() ||
                builtinSupertypes(runtimeTypeName(v)).includes(t.name.toLowerCase()) ||
                (t.name === 'System.Type' && v instanceof TypeValue)
            );
        case 'sobject':
            return (
                v instanceof SObjectValue && (t.name === 'SObject' || t.name.toLowerCase() === v.obj.name.toLowerCase())
            );
        default:
            return false;
    }
}

function elemCompatible(actual: ApexType, wanted: ApexType): boolean {
    if (wanted.k === 'object' || wanted.k === 'any') return true;
    if (actual.k === 'class' && wanted.k === 'class') return actual.cls.isSubtypeOf(wanted.cls);
    if (actual.k === 'sobject' && wanted.k === 'sobject' && wanted.name === 'SObject') return true;
    if (
        actual.k === 'builtin' &&
        wanted.k === 'builtin' &&
        builtinSupertypes(actual.name).includes(wanted.name.toLowerCase())
    )
        return true;
    return typeName(actual).toLowerCase() === typeName(wanted).toLowerCase();
}

/** A checked cast: System.TypeException when the run-time type does not fit. */
export function castTo(v: unknown, t: ApexType): unknown {
    if (v === null || v === undefined) return null;
    if (isInstance(v, t)) return v;
    if (t.k === 'prim' && isNum(v)) {
        const k = kindOf(v);
        const want = ({ Integer: 0, Long: 1, Double: 2, Decimal: 3 } as Record<string, number>)[t.name];
        if (want !== undefined && want >= k) return widen(v, t);
    }
    if (t.k === 'prim' && (t.name === 'Id' || t.name === 'String') && typeof v === 'string') return v;
    return raise(
        'System.TypeException',
        `Invalid conversion from runtime type ${runtimeTypeName(v)} to ${typeName(t)}`
    );
}

// ---------- String.valueOf ----------

/** System.debug's text of a value: Date with a midnight time, Datetime in GMT, otherwise String.valueOf. */
export function debugString(v: unknown): string {
    if (v instanceof ApexDate) return v.toDebugString();
    if (v instanceof ApexDatetime) return v.toString();
    return stringOf(v);
}

export function stringOf(v: unknown): string {
    if (v === null || v === undefined) return 'null';
    switch (typeof v) {
        case 'string':
            return v;
        case 'number':
            return String(v);
        case 'bigint':
            return v.toString();
        case 'boolean':
            return v ? 'true' : 'false';
    }
    // String.valueOf(Datetime) is in the running user's zone; System.debug prints GMT (debugString below).
    if (v instanceof ApexDatetime) return v.toApexString(tx().timeZone);
    if (v instanceof ApexList) return '(' + v.items.map(stringOf).join(', ') + ')';
    if (v instanceof ApexSet) return '{' + v.store.keys().map(stringOf).join(', ') + '}';
    if (v instanceof ApexMap)
        return (
            '{' +
            v.store
                .entries()
                .map(([k, x]) => `${stringOf(k)}=${stringOf(x)}`)
                .join(', ') +
            '}'
        );
    if (v instanceof TypeValue) return v.name;
    if (v instanceof SObjectValue) return sobjectString(v);
    if (v instanceof ApexObject) {
        const custom = hooks.current?.toString(v);
        if (custom !== null && custom !== undefined) return custom;
        if (v.cls.isException) {
            const m = v.fields.get('$message');
            return `${v.cls.qualifiedName}: ${m === null || m === undefined ? 'null' : String(m)}`;
        }
        // Every instance field in declaration order (superclass first), unassigned ones as null.
        const chain: ClassSym[] = [];
        for (let c: ClassSym | null = v.cls; c && !c.builtin; c = c.superclass) chain.unshift(c);
        const parts: string[] = [];
        for (const c of chain) {
            for (const f of c.fields.values()) {
                if (!f.isStatic) parts.push(`${f.name}=${stringOf(v.fields.get(f.name.toLowerCase()) ?? null)}`);
            }
        }
        return `${v.cls.qualifiedName}:[${parts.join(', ')}]`;
    }
    return String(v);
}

/** `Account:{Name=Acme, Id=001…}`: the fields set on the row, in the order they were set. */
function sobjectString(o: SObjectValue): string {
    const parts: string[] = [];
    for (const [k, v] of o.values) parts.push(`${o.obj.fields.get(k)?.name ?? k}=${stringOf(v)}`);
    return `${o.obj.name}:{${parts.join(', ')}}`;
}
