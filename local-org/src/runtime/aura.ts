/**
 * Calling an @AuraEnabled method the way Lightning components do: parameters arrive as JSON matched by name and are
 * converted to the declared Apex types; the return value goes back as JSON holding only what Aura serialises.
 * Sources:
 * - AuraEnabled annotation (public/global static methods; cacheable=true):
 *   https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_classes_annotation_AuraEnabled.htm
 * - Only @AuraEnabled members of an Apex object reach the component ("Return Types" of calling Apex from LWC):
 *   https://developer.salesforce.com/docs/platform/lwc/guide/apex-result-caching.html
 * - A cacheable method may not do DML (the DML limit of a cacheable call is 0):
 *   https://developer.salesforce.com/docs/platform/lwc/guide/apex-wire-method.html
 */
import type { AuraErrorBody, AuraResult } from '../api';
import type { Snapshot } from '../org/store';
import type { ClassSym, MethodSym } from '../semantic/symbols';
import { typeName } from '../semantic/types';
import { jsonNull, writeCompact, type JsonNode } from '../stdlib/primitives/json-text';
import { primitiveToJson } from '../stdlib/primitives/json-values';
import { ApexThrow, EmulatorError, type Tx } from './context';
import { deserialize } from './json';
import { stringOf } from './ops';
import { SObjectValue } from './sobject';
import { ApexList, ApexMap, ApexObject, ApexSet, EnumValue, TypeValue } from './values';

/** Why a call was refused before any Apex ran, in the words the platform uses where we know them. */
export class AuraRefusal extends Error {}

export interface AuraTarget {
    method: MethodSym;
    cacheable: boolean;
}

function isAuraEnabled(mods: MethodSym['mods']): boolean {
    return mods.annotations.some((a) => a.name.toLowerCase() === 'auraenabled');
}

/** `@AuraEnabled(cacheable=true)`: the annotation text keeps its parameters. */
export function isCacheable(mods: MethodSym['mods']): boolean {
    return mods.annotations.some(
        (a) => a.name.toLowerCase() === 'auraenabled' && /\bcacheable\s*=\s*true\b/i.test(a.text ?? '')
    );
}

/**
 * The static @AuraEnabled method a component may call, or a refusal naming what is wrong. Only top-level classes
 * are reachable from `@salesforce/apex/Class.method`, and overloads are not allowed for @AuraEnabled methods.
 */
export function findAuraMethod(
    classes: ReadonlyMap<string, ClassSym>,
    className: string,
    methodName: string
): AuraTarget {
    const cls = classes.get(className.toLowerCase());
    if (!cls || cls.outer) throw new AuraRefusal(`No Apex class named ${className}`);
    const candidates = (cls.methods.get(methodName.toLowerCase()) ?? []).filter((m) => isAuraEnabled(m.mods));
    if (candidates.length === 0) throw new AuraRefusal(`${cls.name}.${methodName} is not an @AuraEnabled method`);
    const m = candidates[0];
    if (!m.isStatic || !(m.mods.words.has('public') || m.mods.words.has('global')))
        throw new AuraRefusal(
            `${cls.name}.${m.name} must be a public or global static method to be called from a component`
        );
    return { method: m, cacheable: isCacheable(m.mods) };
}

/** Arguments by parameter name; a parameter the caller left out is null, as on the platform. */
export function auraArguments(m: MethodSym, params: Readonly<Record<string, unknown>>): unknown[] {
    return m.params.map((p) => {
        const raw = Object.prototype.hasOwnProperty.call(params, p.name) ? params[p.name] : null;
        if (raw === null || raw === undefined) return null;
        return deserialize(JSON.stringify(raw), new TypeValue(p.type), false);
    });
}

function sobjectNode(o: SObjectValue): JsonNode {
    const entries: Array<[string, JsonNode]> = [];
    for (const [lower, v] of o.values) entries.push([o.obj.fields.get(lower)?.name ?? lower, toAuraNode(v)]);
    for (const [lower, parent] of o.parents) {
        const name = o.obj.parentRelationships.get(lower)?.relationshipName ?? lower;
        entries.push([name, parent ? sobjectNode(parent) : jsonNull]);
    }
    for (const [lower, rows] of o.children) {
        const name = o.obj.childRelationships.get(lower)?.name ?? lower;
        entries.push([name, toAuraNode(rows)]);
    }
    return { type: 'object', entries };
}

/** Members a component sees: instance fields and properties annotated @AuraEnabled, superclass first. */
function auraMembers(cls: ClassSym): string[] {
    const chain: ClassSym[] = [];
    for (let c: ClassSym | null = cls; c && !c.builtin; c = c.superclass) chain.unshift(c);
    const names: string[] = [];
    for (const c of chain) {
        for (const f of c.fields.values()) {
            if (f.isStatic || !f.mods.annotations.some((a) => a.name.toLowerCase() === 'auraenabled')) continue;
            if (f.getter)
                throw new EmulatorError(
                    `@AuraEnabled property ${c.name}.${f.name} with a get body is not supported by the local org`
                );
            names.push(f.name);
        }
    }
    return names;
}

function toAuraNode(v: unknown): JsonNode {
    const p = primitiveToJson(v);
    if (p) return p;
    if (v instanceof ApexList) return { type: 'array', items: v.items.map(toAuraNode) };
    if (v instanceof ApexSet) return { type: 'array', items: v.store.keys().map(toAuraNode) };
    if (v instanceof ApexMap)
        return { type: 'object', entries: v.store.entries().map(([k, x]) => [stringOf(k), toAuraNode(x)]) };
    if (v instanceof EnumValue) return { type: 'string', value: v.name };
    if (v instanceof SObjectValue) return sobjectNode(v);
    if (v instanceof ApexObject) {
        if (v.cls.isException)
            throw new EmulatorError(
                'returning an exception from an @AuraEnabled method is not supported by the local org'
            );
        return {
            type: 'object',
            entries: auraMembers(v.cls).map((name) => [name, toAuraNode(v.fields.get(name.toLowerCase()) ?? null)])
        };
    }
    throw new EmulatorError(`an @AuraEnabled return value of ${typeof v} is not supported by the local org`);
}

/** The return value as the component receives it (plain JSON data; undefined for void). */
export function auraReturnValue(m: MethodSym, value: unknown): unknown {
    if (m.returnType.k === 'void') return undefined;
    return JSON.parse(writeCompact(toAuraNode(value)));
}

/** What invokeAura needs of the loaded project: a transaction, a runner that maps its end, and data snapshots. */
export interface AuraCallHost {
    newTx(): Tx;
    run(tx: Tx, fn: () => void): { ok: boolean; emulator: boolean; message: string | null; stackTrace: string | null };
    snapshot(): Snapshot;
    restore(s: Snapshot): void;
}

function errorBody(message: string, exceptionType: string, userDefined: boolean, stackTrace: string): AuraErrorBody {
    return { message, exceptionType, isUserDefinedException: userDefined, stackTrace };
}

/** One component call: find the method, convert the parameters, run one transaction, shape the answer. */
export function invokeAura(
    classes: ReadonlyMap<string, ClassSym>,
    className: string,
    methodName: string,
    params: Readonly<Record<string, unknown>>,
    host: AuraCallHost
): AuraResult {
    let target: AuraTarget;
    try {
        target = findAuraMethod(classes, className, methodName);
    } catch (e) {
        if (!(e instanceof AuraRefusal)) throw e;
        return {
            ok: false,
            status: 400,
            body: errorBody(e.message, '', false, ''),
            emulatorError: false,
            debugLines: []
        };
    }
    const m = target.method;
    const tx = host.newTx();
    tx.cacheable = target.cacheable;
    const before = host.snapshot();
    let thrown: ApexObject | null = null;
    let badParam: string | null = null;
    let value: unknown = undefined;
    const out = host.run(tx, () => {
        let args: unknown[];
        try {
            args = auraArguments(m, params);
        } catch (e) {
            if (e instanceof EmulatorError) throw e;
            // Message as Aura words it for a parameter it cannot convert (not pinned against an org).
            const p = m.params.find((x) => {
                try {
                    auraArguments({ ...m, params: [x] }, params);
                    return false;
                } catch {
                    return true;
                }
            });
            badParam = p
                ? `Value provided is invalid for action parameter '${p.name}' of type '${typeName(p.type)}'`
                : 'Value provided is invalid for an action parameter';
            return;
        }
        try {
            value = auraReturnValue(m, m.invoke!(null, args));
        } catch (e) {
            if (e instanceof ApexThrow) thrown = e.ex;
            throw e;
        }
    });
    const debugLines = tx.debug.slice();
    if (badParam !== null) {
        host.restore(before);
        return { ok: false, status: 400, body: errorBody(badParam, '', false, ''), emulatorError: false, debugLines };
    }
    if (out.ok) return { ok: true, returnValue: value, cacheable: target.cacheable, debugLines };
    // An uncaught exception rolls the whole transaction back.
    host.restore(before);
    const ex = thrown as ApexObject | null;
    if (ex) {
        const msg = ex.fields.get('$message');
        return {
            ok: false,
            status: 500,
            body: errorBody(
                msg === null || msg === undefined ? '' : String(msg),
                ex.cls.qualifiedName,
                !ex.cls.builtin,
                ex.exStack || ''
            ),
            emulatorError: false,
            debugLines
        };
    }
    return {
        ok: false,
        status: 500,
        body: errorBody(
            out.message ?? 'local-org: the call failed',
            'local-org.EmulatorError',
            false,
            out.stackTrace ?? ''
        ),
        emulatorError: true,
        debugLines
    };
}
