/**
 * List, Set and Map methods.
 * List: https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_methods_system_list.htm
 * Set:  https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_methods_system_set.htm
 * Map:  https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_methods_system_map.htm
 */
import { isInstance, runtimeTypeName } from '../runtime/ops';
import { ApexList, ApexMap, ApexSet, keyEquals, keyHash } from '../runtime/values';
import { type ApexType, typeName } from '../semantic/types';
import type { BuiltinMethod } from './builtin';
import { type RuntimeHost, register } from './registry';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Impl = (self: any, args: any, host: RuntimeHost) => unknown;

function m(name: string, params: string[], returns: string, impl: Impl): BuiltinMethod {
    return { name, isStatic: false, params, returns, impl: impl as BuiltinMethod['impl'] };
}

function bounds(host: RuntimeHost, l: ApexList, i: number, allowEnd = false): void {
    if (i === null) host.raise('System.NullPointerException', 'Attempt to de-reference a null object');
    if (i < 0 || i > l.items.length || (!allowEnd && i === l.items.length))
        host.raise('System.ListException', `List index out of bounds: ${i}`);
}

/**
 * Collections keep their run-time element type: writing a value of another type through a wider static type
 * (e.g. a List<String> seen as List<Object>) throws TypeException (message text unverified).
 */
function checkElem(host: RuntimeHost, type: ApexType, v: unknown): void {
    if (v === null || type.k === 'any' || type.k === 'object' || isInstance(v, type)) return;
    host.raise(
        'System.TypeException',
        `Invalid conversion from runtime type ${runtimeTypeName(v)} to ${typeName(type)}`
    );
}

/** https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/langCon_apex_loops_for_lists.htm */
function guardIter(host: RuntimeHost, c: ApexList | ApexSet): void {
    if (c.iterating > 0) host.raise('System.FinalException', 'Cannot modify a collection while it is being iterated.');
}

function hashOf(items: unknown[], host: RuntimeHost): number {
    let h = 1;
    for (const x of items) h = (Math.imul(31, h) + host.hashCode(x)) | 0;
    return h;
}

function setCopy(s: ApexSet): ApexSet {
    const c = new ApexSet(s.elemType);
    for (const k of s.store.keys()) c.store.set(k, true);
    return c;
}

function need(host: RuntimeHost, v: unknown): void {
    if (v === null || v === undefined)
        host.raise('System.NullPointerException', 'Attempt to de-reference a null object');
}

const LIST: BuiltinMethod[] = [
    m(
        'add',
        ['T'],
        'void',
        (l: ApexList, [x], h) => (guardIter(h, l), checkElem(h, l.elemType, x), void l.items.push(x))
    ),
    m('add', ['Integer', 'T'], 'void', (l: ApexList, [i, x]: [number, unknown], h) => {
        guardIter(h, l);
        checkElem(h, l.elemType, x);
        bounds(h, l, i, true);
        l.items.splice(i, 0, x);
    }),
    m(
        'addAll',
        ['List<T>'],
        'void',
        (l: ApexList, [o]: [ApexList], h) => (
            need(h, o),
            guardIter(h, l),
            o.items.forEach((x) => checkElem(h, l.elemType, x)),
            void l.items.push(...o.items)
        )
    ),
    m(
        'addAll',
        ['Set<T>'],
        'void',
        (l: ApexList, [o]: [ApexSet], h) => (need(h, o), guardIter(h, l), void l.items.push(...o.store.keys()))
    ),
    m('get', ['Integer'], 'T', (l: ApexList, [i]: [number], h) => (bounds(h, l, i), l.items[i])),
    m(
        'set',
        ['Integer', 'T'],
        'void',
        (l: ApexList, [i, x]: [number, unknown], h) => (
            bounds(h, l, i),
            checkElem(h, l.elemType, x),
            void (l.items[i] = x)
        )
    ),
    m(
        'remove',
        ['Integer'],
        'T',
        (l: ApexList, [i]: [number], h) => (guardIter(h, l), bounds(h, l, i), l.items.splice(i, 1)[0])
    ),
    m('size', [], 'Integer', (l: ApexList) => l.items.length),
    m('isEmpty', [], 'Boolean', (l: ApexList) => l.items.length === 0),
    m('contains', ['T'], 'Boolean', (l: ApexList, [x], h) => l.items.some((y) => h.equals(y, x))),
    m('indexOf', ['T'], 'Integer', (l: ApexList, [x], h) => l.items.findIndex((y) => h.equals(y, x))),
    m('clear', [], 'void', (l: ApexList, _a, h) => (guardIter(h, l), void (l.items.length = 0))),
    m('clone', [], 'List<T>', (l: ApexList) => new ApexList(l.elemType, l.items.slice())),
    // List.sort(Comparator): https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/langCon_apex_collections_lists_sorting.htm
    m('sort', ['System.Comparator'], 'void', (l: ApexList, [cmp]: [unknown], h) => {
        if (cmp === null) h.raise('System.NullPointerException', 'Attempt to de-reference a null object');
        l.items.sort((a, b) => {
            const r = h.callMethod(cmp, 'compare', [a, b]);
            if (r === null) h.raise('System.NullPointerException', 'Attempt to de-reference a null object');
            return r as number;
        });
    }),
    m('sort', [], 'void', (l: ApexList, _a, h) => {
        // Array.prototype.sort is stable, like the platform's merge sort.
        l.items.sort((a, b) => h.compare(a, b));
    }),
    m(
        'equals',
        ['List<T>'],
        'Boolean',
        (l: ApexList, [o]: [ApexList | null], h) =>
            !!o && o.items.length === l.items.length && l.items.every((x, i) => h.equals(x, o.items[i]))
    ),
    m('hashCode', [], 'Integer', (l: ApexList, _a, h) => hashOf(l.items, h)),
    m('toString', [], 'String', (l: ApexList, _a, h) => h.stringOf(l))
];

const SET: BuiltinMethod[] = [
    m('add', ['T'], 'Boolean', (s: ApexSet, [x], h) => {
        guardIter(h, s);
        checkElem(h, s.elemType, x);
        if (s.store.has(x)) return false;
        s.store.set(x, true);
        return true;
    }),
    m('addAll', ['List<T>'], 'Boolean', (s: ApexSet, [o]: [ApexList], h) => {
        need(h, o);
        guardIter(h, s);
        const before = s.store.size;
        for (const x of o.items) s.store.set(x, true);
        return s.store.size !== before;
    }),
    m('addAll', ['Set<T>'], 'Boolean', (s: ApexSet, [o]: [ApexSet], h) => {
        need(h, o);
        guardIter(h, s);
        const before = s.store.size;
        for (const x of o.store.keys()) s.store.set(x, true);
        return s.store.size !== before;
    }),
    m('contains', ['T'], 'Boolean', (s: ApexSet, [x]) => s.store.has(x)),
    m(
        'containsAll',
        ['List<T>'],
        'Boolean',
        (s: ApexSet, [o]: [ApexList], h) => (need(h, o), o.items.every((x) => s.store.has(x)))
    ),
    m(
        'containsAll',
        ['Set<T>'],
        'Boolean',
        (s: ApexSet, [o]: [ApexSet], h) => (need(h, o), o.store.keys().every((x) => s.store.has(x)))
    ),
    m('remove', ['T'], 'Boolean', (s: ApexSet, [x], h) => (guardIter(h, s), s.store.delete(x))),
    m('removeAll', ['List<T>'], 'Boolean', (s: ApexSet, [o]: [ApexList], h) => {
        need(h, o);
        guardIter(h, s);
        let changed = false;
        for (const x of o.items) changed = s.store.delete(x) || changed;
        return changed;
    }),
    m('removeAll', ['Set<T>'], 'Boolean', (s: ApexSet, [o]: [ApexSet], h) => {
        need(h, o);
        guardIter(h, s);
        let changed = false;
        for (const x of o.store.keys()) changed = s.store.delete(x) || changed;
        return changed;
    }),
    m('retainAll', ['Set<T>'], 'Boolean', (s: ApexSet, [o]: [ApexSet], h) => {
        need(h, o);
        guardIter(h, s);
        let changed = false;
        for (const x of s.store.keys()) if (!o.store.has(x)) changed = s.store.delete(x) || changed;
        return changed;
    }),
    m('retainAll', ['List<T>'], 'Boolean', (s: ApexSet, [o]: [ApexList], h) => {
        need(h, o);
        guardIter(h, s);
        let changed = false;
        for (const x of s.store.keys())
            if (!o.items.some((y) => keyEquals(x, y))) changed = s.store.delete(x) || changed;
        return changed;
    }),
    m('size', [], 'Integer', (s: ApexSet) => s.store.size),
    m('isEmpty', [], 'Boolean', (s: ApexSet) => s.store.size === 0),
    m('clear', [], 'void', (s: ApexSet, _a, h) => (guardIter(h, s), s.store.clear())),
    m('clone', [], 'Set<T>', (s: ApexSet) => setCopy(s)),
    m(
        'equals',
        ['Set<T>'],
        'Boolean',
        (s: ApexSet, [o]: [ApexSet | null]) =>
            !!o && o.store.size === s.store.size && s.store.keys().every((x) => o.store.has(x))
    ),
    m('hashCode', [], 'Integer', (s: ApexSet, _a, h) =>
        s.store.keys().reduce<number>((acc, x) => (acc + h.hashCode(x)) | 0, 0)
    ),
    m('toString', [], 'String', (s: ApexSet, _a, h) => h.stringOf(s))
];

const MAP: BuiltinMethod[] = [
    m('put', ['K', 'V'], 'V', (mp: ApexMap, [k, v], h) => {
        checkElem(h, mp.keyType, k);
        checkElem(h, mp.valueType, v);
        const old = mp.store.get(k);
        mp.store.set(k, v);
        return old === undefined ? null : old;
    }),
    m('putAll', ['Map<K,V>'], 'void', (mp: ApexMap, [o]: [ApexMap], h) => {
        need(h, o);
        for (const [k, v] of o.store.entries()) mp.store.set(k, v);
    }),
    m('get', ['K'], 'V', (mp: ApexMap, [k]) => mp.store.get(k) ?? null),
    m('containsKey', ['K'], 'Boolean', (mp: ApexMap, [k]) => mp.store.has(k)),
    m('remove', ['K'], 'V', (mp: ApexMap, [k]) => {
        const old = mp.store.get(k);
        mp.store.delete(k);
        return old === undefined ? null : old;
    }),
    m('keySet', [], 'Set<K>', (mp: ApexMap) => {
        const s = new ApexSet(mp.keyType);
        for (const k of mp.store.keys()) s.store.set(k, true);
        return s;
    }),
    m('values', [], 'List<V>', (mp: ApexMap) => new ApexList(mp.valueType, mp.store.values())),
    m('size', [], 'Integer', (mp: ApexMap) => mp.store.size),
    m('isEmpty', [], 'Boolean', (mp: ApexMap) => mp.store.size === 0),
    m('clear', [], 'void', (mp: ApexMap) => mp.store.clear()),
    m('clone', [], 'Map<K,V>', (mp: ApexMap) => {
        const c = new ApexMap(mp.keyType, mp.valueType);
        for (const [k, v] of mp.store.entries()) c.store.set(k, v);
        return c;
    }),
    m(
        'equals',
        ['Map<K,V>'],
        'Boolean',
        (mp: ApexMap, [o]: [ApexMap | null], h) =>
            !!o &&
            o.store.size === mp.store.size &&
            mp.store.entries().every(([k, v]) => o.store.has(k) && h.equals(o.store.get(k), v))
    ),
    m('hashCode', [], 'Integer', (mp: ApexMap, _a, h) =>
        mp.store.entries().reduce<number>((acc, [k, v]) => (acc + (h.hashCode(k) ^ h.hashCode(v))) | 0, 0)
    ),
    m('toString', [], 'String', (mp: ApexMap, _a, h) => h.stringOf(mp))
];

export function registerCollections(): void {
    register('List', LIST);
    register('Set', SET);
    register('Map', MAP);
}

export { keyHash };
