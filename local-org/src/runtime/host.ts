/**
 * The runtime's side of the stdlib contract (BuiltinHost plus RuntimeHost): value services the stdlib may call.
 */
import type { TypeResolver } from '../semantic/resolve';
import type { ClassSym } from '../semantic/symbols';
import { typeName } from '../semantic/types';
import { type RuntimeHost } from '../stdlib/registry';
import { ApexDecimal } from '../stdlib/primitives/decimal';
import { ApexDouble } from '../stdlib/primitives/numbers';
import type { Compiler } from './compiler';
import { type DataService, dynamicBinds } from './data';
import { makeSet } from './frames';
import { EmulatorError, freshLimits, tx } from './context';
import { queue } from './async';
import { debugString, isInstance, raise, runtimeTypeName, stringOf } from './ops';
import {
    ApexList,
    ApexMap,
    ApexObject,
    ApexSet,
    EnumValue,
    TypeValue,
    compareNumbers,
    hooks,
    isNumberValue,
    keyEquals,
    keyHash
} from './values';

function callUser(o: ApexObject, sig: string, args: unknown[]): { found: boolean; value: unknown } {
    const m = o.cls.dispatch(sig);
    if (!m || !m.invoke) return { found: false, value: null };
    return { found: true, value: m.invoke(o, args) };
}

function stringHash(s: string): number {
    let h = 0;
    for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
    return h;
}

export function makeHost(ref: { compiler: Compiler | null }, types: TypeResolver, data: DataService): RuntimeHost {
    hooks.current = {
        equals: (a, b) => {
            const r = callUser(a, 'equals(object)', [b]);
            return r.found ? r.value === true : null;
        },
        hashCode: (a) => {
            const r = callUser(a, 'hashcode()', []);
            return r.found ? (r.value as number) : null;
        },
        toString: (a) => {
            const r = callUser(a, 'tostring()', []);
            return r.found ? ((r.value as string | null) ?? 'null') : null;
        }
    };
    const host: RuntimeHost = {
        newList: (elementType, items) => new ApexList(ref.compiler!.builtinType(elementType, {}), items),
        newSet: (elementType, items) => makeSet(ref.compiler!.builtinType(elementType, {}), items),
        newMap: (k, v, entries) => {
            const m = new ApexMap(ref.compiler!.builtinType(k, {}), ref.compiler!.builtinType(v, {}));
            for (const [a, b] of entries) m.store.set(a, b);
            return m;
        },
        items: (c) => {
            if (c instanceof ApexList) return c.items;
            if (c instanceof ApexSet) return c.store.keys();
            throw new EmulatorError('expected a List or Set');
        },
        stringOf,
        timeZone: () => tx().timeZone,
        nowMs: () => Date.now(),
        equals: (a, b) => keyEquals(a, b),
        hashCode: (v) => {
            if (v === null || v === undefined) return 0;
            if (typeof v === 'string') return stringHash(v);
            if (typeof v === 'number') return v;
            if (typeof v === 'boolean') return v ? 1231 : 1237;
            if (v instanceof ApexObject) {
                const r = callUser(v, 'hashcode()', []);
                return r.found ? (r.value as number) : v.oid;
            }
            return stringHash(keyHash(v));
        },
        compare: (a, b) => {
            if (a === b) return 0;
            // nulls sort first
            if (a === null || a === undefined) return -1;
            if (b === null || b === undefined) return 1;
            if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
            if (isNumberValue(a) && isNumberValue(b)) return compareNumbers(a, b);
            if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : a ? 1 : -1;
            if (a instanceof EnumValue && b instanceof EnumValue) return a.ordinal - b.ordinal;
            if (a instanceof ApexObject) {
                const r = callUser(a, 'compareto(object)', [b]);
                if (r.found) {
                    if (r.value === null) raise('System.NullPointerException', 'Attempt to de-reference a null object');
                    return r.value as number;
                }
                raise('System.ListException', 'One or more of the items in this list is not Comparable');
            }
            if (a instanceof ApexDecimal || a instanceof ApexDouble) return compareNumbers(a, b);
            throw new EmulatorError(`sorting ${runtimeTypeName(a)} values is not supported by the local org`);
        },
        callMethod: (target, name, args) => {
            if (!(target instanceof ApexObject))
                raise('System.NullPointerException', 'Attempt to de-reference a null object');
            const lower = name.toLowerCase();
            const m = target.cls.findMethods(lower).find((x) => !x.isStatic && x.params.length === args.length);
            const impl = m ? (target.cls.dispatch(m.sig) ?? m) : null;
            if (!impl?.invoke)
                throw new EmulatorError(
                    `${target.cls.qualifiedName} has no method ${name} with ${args.length} arguments`
                );
            return impl.invoke(target, args);
        },
        debug: (level, message) => {
            const t = tx();
            const line = t.stack.length ? t.top().line : 0;
            t.debug.push(`USER_DEBUG [${line}]|${level}|${debugString(message)}`);
        },
        assertFail: (message) => raise('System.AssertException', message),
        raise: (type, message) => raise(type, message),
        isInstanceOfType: (value, type) => value !== null && isInstance(value, (type as TypeValue).type),
        typeNameOf: (v) => runtimeTypeName(v),
        limit: (counter) => {
            const t = tx();
            if (counter === 'cpuTime') return Date.now() - t.startMs;
            return (t.limits as unknown as Record<string, number>)[counter] ?? 0;
        },
        isRunningTest: () => tx().isTest,
        isAsync: () => tx().isAsync,
        startTest: () => {
            const t = tx();
            // Calling startTest twice is an error on the platform (exact text unverified).
            if (t.testStarted) raise('System.FinalException', 'Testing already started');
            t.testStarted = true;
            t.savedLimits = t.limits;
            t.limits = freshLimits();
        },
        stopTest: () => {
            const t = tx();
            if (!t.savedLimits) raise('System.FinalException', 'Testing has not started');
            t.limits = t.savedLimits;
            t.savedLimits = null;
            // "All asynchronous calls made after the startTest method are collected ... run synchronously" at stopTest.
            queue().drainForTest();
        },
        typeForName: (name) => {
            if (name === null) return null;
            const c = types.findClass(name.split('.'), null);
            if (c && !c.builtin) return new TypeValue({ k: 'class', cls: c });
            const r = types.resolve(
                { parts: name.split('.').map((n) => ({ name: n, args: [] })), arrayDims: 0, pos: { line: 0, col: 0 } },
                null
            );
            return typeof r === 'string' ? null : new TypeValue(r);
        },
        newInstance: (type) => {
            const t = (type as TypeValue).type;
            if (t.k === 'list') return new ApexList(t.elem, []);
            if (t.k === 'set') return new ApexSet(t.elem);
            if (t.k === 'map') return new ApexMap(t.key, t.value);
            if (t.k !== 'class' || t.cls.kind !== 'class' || t.cls.hasWord('abstract')) {
                raise('System.TypeException', `Type cannot be constructed: ${typeName(t)}`);
            }
            const cls: ClassSym = t.cls;
            const ctor = cls.ctors.find((c) => c.params.length === 0) ?? null;
            if (cls.ctors.length && !ctor)
                raise('System.TypeException', `Type ${cls.qualifiedName} does not have a no-arg constructor`);
            return ref.compiler!.instantiate(cls, ctor, []);
        },
        query: (soql, binds, mode) => {
            if (soql === null) raise('System.NullPointerException', 'Attempt to de-reference a null object');
            const evaluator =
                binds instanceof ApexMap ? (name: string) => mapBind(binds, name) : (dynamicBinds.current ?? undefined);
            return data.query(soql, evaluator, mode);
        },
        dml: (op, operands) => data.dml(op, operands),
        jsonSerialize: () => {
            throw new EmulatorError('JSON is not supported by the local org yet');
        },
        jsonDeserialize: () => {
            throw new EmulatorError('JSON is not supported by the local org yet');
        },
        jsonDeserializeUntyped: () => {
            throw new EmulatorError('JSON is not supported by the local org yet');
        }
    };
    return host;
}

/** Database.queryWithBinds: a bind name missing from the map is a QueryException (text unverified). */
function mapBind(binds: ApexMap, name: string): unknown {
    if (!binds.store.has(name)) raise('System.QueryException', `Variable does not exist: ${name}`);
    return binds.store.get(name) ?? null;
}
