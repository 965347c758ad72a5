/**
 * JSON.serialize / deserialize for run-time values (objects, collections, enums); primitive leaves and the text
 * format come from stdlib/primitives.
 * JSON class: https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_class_System_Json.htm
 */
import type { ClassSym, FieldSym } from '../semantic/symbols';
import { type ApexType, typeName } from '../semantic/types';
import { ApexPrimitiveError } from '../stdlib/builtin';
import { type JsonNode, parseJson, writeCompact, writePretty } from '../stdlib/primitives/json-text';
import { jsonToPrimitive, primitiveToJson, untypedNumber } from '../stdlib/primitives/json-values';
import { EmulatorError } from './context';
import { stringOf } from './ops';
import { ApexList, ApexMap, ApexObject, ApexSet, EnumValue, TypeValue } from './values';
import { T } from '../semantic/types';
import { SObjectValue, catalog, fieldApexType } from './sobject';

/** Instance fields that JSON sees, superclass fields first, in declaration order; statics and transients skipped. */
function jsonFields(cls: ClassSym): FieldSym[] {
    const chain: ClassSym[] = [];
    for (let c: ClassSym | null = cls; c && !c.builtin; c = c.superclass) chain.unshift(c);
    const out: FieldSym[] = [];
    for (const c of chain) {
        const transient = new Set<string>();
        for (const m of c.decl?.members ?? []) {
            if ((m.k === 'field' || m.k === 'property') && m.mods.words.has('transient')) {
                if (m.k === 'field') m.decls.forEach((d) => transient.add(d.name.toLowerCase()));
                else transient.add(m.name.toLowerCase());
            }
        }
        for (const f of c.fields.values()) if (!f.isStatic && !transient.has(f.name.toLowerCase())) out.push(f);
    }
    return out;
}

function toNode(v: unknown, suppressNulls: boolean): JsonNode {
    const p = primitiveToJson(v);
    if (p) return p;
    if (v instanceof ApexList) return { type: 'array', items: v.items.map((x) => toNode(x, suppressNulls)) };
    if (v instanceof ApexSet) return { type: 'array', items: v.store.keys().map((x) => toNode(x, suppressNulls)) };
    if (v instanceof ApexMap)
        return { type: 'object', entries: v.store.entries().map(([k, x]) => [stringOf(k), toNode(x, suppressNulls)]) };
    if (v instanceof EnumValue) return { type: 'string', value: v.name };
    if (v instanceof ApexObject) {
        if (v.cls.isException)
            throw new EmulatorError('JSON.serialize of an exception is not supported by the local org');
        const entries: Array<[string, JsonNode]> = [];
        for (const f of jsonFields(v.cls)) {
            const x = v.fields.get(f.name.toLowerCase()) ?? null;
            if (x === null && suppressNulls) continue;
            entries.push([f.name, toNode(x, suppressNulls)]);
        }
        return { type: 'object', entries };
    }
    if (v instanceof TypeValue) throw new EmulatorError('JSON.serialize of a Type is not supported by the local org');
    throw new EmulatorError(`JSON.serialize of ${typeof v} is not supported by the local org`);
}

export function serialize(v: unknown, pretty: boolean, suppressNulls = false): string {
    const node = toNode(v, suppressNulls);
    return pretty ? writePretty(node) : writeCompact(node);
}

function untyped(node: JsonNode): unknown {
    switch (node.type) {
        case 'null':
            return null;
        case 'boolean':
            return node.value;
        case 'string':
            return node.value;
        case 'number':
            return untypedNumber(node.text);
        case 'array':
            return new ApexList(T.Object, node.items.map(untyped));
        case 'object': {
            const m = new ApexMap(T.String, T.Object);
            for (const [k, x] of node.entries) m.store.set(k, untyped(x));
            return m;
        }
    }
}

export function deserializeUntyped(text: string): unknown {
    return untyped(parseJson(text));
}

function mismatch(node: JsonNode, t: ApexType): never {
    throw new ApexPrimitiveError('System.JSONException', `Cannot deserialize a JSON ${node.type} into ${typeName(t)}`);
}

function typed(node: JsonNode, t: ApexType, strict: boolean): unknown {
    switch (t.k) {
        case 'any':
        case 'object':
            return untyped(node);
        case 'prim': {
            const v = jsonToPrimitive(node, t.name);
            if (v === undefined)
                throw new EmulatorError(`JSON.deserialize into ${t.name} is not supported by the local org`);
            return v;
        }
        case 'list':
        case 'set': {
            if (node.type === 'null') return null;
            if (node.type !== 'array') mismatch(node, t);
            const items = node.items.map((x) => typed(x, t.elem, strict));
            if (t.k === 'list') return new ApexList(t.elem, items);
            const s = new ApexSet(t.elem);
            for (const x of items) s.store.set(x, true);
            return s;
        }
        case 'map': {
            if (node.type === 'null') return null;
            if (node.type !== 'object') mismatch(node, t);
            if (t.key.k !== 'prim' || t.key.name !== 'String')
                throw new EmulatorError(`JSON.deserialize into ${typeName(t)} is not supported by the local org`);
            const m = new ApexMap(t.key, t.value);
            for (const [k, x] of node.entries) m.store.set(k, typed(x, t.value, strict));
            return m;
        }
        case 'class': {
            if (node.type === 'null') return null;
            const cls = t.cls;
            if (cls.kind === 'enum') {
                if (node.type !== 'string') mismatch(node, t);
                const i = cls.enumValues.indexOf(node.value);
                return i < 0 ? null : new EnumValue(cls, node.value, i);
            }
            if (cls.kind !== 'class' || cls.isException)
                throw new EmulatorError(`JSON.deserialize into ${cls.qualifiedName} is not supported by the local org`);
            if (node.type !== 'object') mismatch(node, t);
            const obj = new ApexObject(cls);
            const fields = new Map(jsonFields(cls).map((f) => [f.name.toLowerCase(), f]));
            for (const [k, x] of node.entries) {
                const f = fields.get(k.toLowerCase());
                if (!f) {
                    if (strict)
                        throw new ApexPrimitiveError(
                            'System.JSONException',
                            `No such column '${k}' on object ${cls.qualifiedName}`
                        );
                    continue;
                }
                obj.fields.set(f.name.toLowerCase(), typed(x, f.type, strict));
            }
            return obj;
        }
        case 'sobject':
            return sobjectFromJson(node, t);
        default:
            throw new EmulatorError(`JSON.deserialize into ${typeName(t)} is not supported by the local org`);
    }
}

/**
 * An SObject from JSON: `attributes` skipped, fields by name (read-only ones too, which is how tests build
 * records they cannot insert), parents as nested objects. An unknown field fails (message unverified).
 */
function sobjectFromJson(node: JsonNode, t: ApexType): unknown {
    if (node.type === 'null') return null;
    if (node.type !== 'object') mismatch(node, t);
    let obj = t.k === 'sobject' ? catalog().findObject(t.name) : undefined;
    const attrs = node.entries.find(([k]) => k === 'attributes')?.[1];
    if (!obj && attrs?.type === 'object') {
        const typeNode = attrs.entries.find(([k]) => k === 'type')?.[1];
        if (typeNode?.type === 'string') obj = catalog().findObject(typeNode.value);
    }
    if (!obj) throw new EmulatorError(`JSON.deserialize into ${typeName(t)} without a known type is not supported`);
    const o = new SObjectValue(obj);
    for (const [k, x] of node.entries) {
        if (k === 'attributes') continue;
        const lower = k.toLowerCase();
        const f = obj.fields.get(lower);
        if (f) {
            o.values.set(lower, typed(x, fieldApexType(f), true));
            continue;
        }
        const parent = obj.parentRelationships.get(lower);
        if (parent && parent.referenceTo?.length === 1) {
            o.parents.set(
                lower,
                sobjectFromJson(x, { k: 'sobject', name: parent.referenceTo[0] }) as SObjectValue | null
            );
            continue;
        }
        if (obj.childRelationships.has(lower))
            throw new EmulatorError(`JSON.deserialize of the child relationship ${obj.name}.${k} is not supported`);
        throw new ApexPrimitiveError('System.JSONException', `No such column '${k}' on sobject of type ${obj.name}`);
    }
    return o;
}

export function deserialize(text: string, type: TypeValue, strict: boolean): unknown {
    return typed(parseJson(text), type.type, strict);
}
