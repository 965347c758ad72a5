/**
 * SObject instance methods, Schema.SObjectType and DescribeSObjectResult, Database results and errors,
 * AggregateResult and QueryLocator.
 * SObject: https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_methods_system_sobject.htm
 * SObjectType: https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_class_Schema_SObjectType.htm
 * Database.Error: https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_methods_system_database_error.htm
 */
import { ApexId } from './primitives/id';
import type { BuiltinMethod } from './builtin';
import { type RuntimeHost, register } from './registry';
import {
    DescribeSObjectValue,
    SObjectTypeValue,
    SObjectValue,
    catalog,
    cloneSObject,
    fieldApexType,
    fieldByName,
    isWriteable,
    readField,
    readParent
} from '../runtime/sobject';
import type { DbError, DmlResult } from '../runtime/dml';
import { type AggregateValue, type QueryLocatorValue, currentOrg } from '../runtime/org-data';
import { isInstance, runtimeTypeName, widen } from '../runtime/ops';
import { exceptionClasses } from '../runtime/ops';
import { enumValue } from '../runtime/frames';
import { EmulatorError } from '../runtime/context';
import { currentTrigger } from '../runtime/triggers';
import { typeName } from '../semantic/types';
import { registerFieldDescribe } from './field-describe';

function i<S>(
    name: string,
    params: string[],
    returns: string,
    impl: (self: S, args: unknown[], host: RuntimeHost) => unknown
): BuiltinMethod {
    return {
        name,
        isStatic: false,
        params,
        returns,
        impl: (self, args, host) => impl(self as S, args, host as RuntimeHost)
    };
}

function nameArg(h: RuntimeHost, v: unknown): string {
    if (v === null) h.raise('System.NullPointerException', 'Attempt to de-reference a null object');
    return v as string;
}

/** SObject.put: the value must fit the field's type (texts of the failures unverified). */
function put(h: RuntimeHost, o: SObjectValue, name: string, value: unknown): unknown {
    const f = fieldByName(o.obj, name);
    if (!isWriteable(f)) h.raise('System.SObjectException', `Field is not writeable: ${o.obj.name}.${f.name}`);
    const t = fieldApexType(f);
    let v = value;
    if (v !== null && t.k === 'prim' && t.name === 'Id' && typeof v === 'string') {
        const id = ApexId.tryOf(v);
        if (!id) h.raise('System.StringException', `Invalid id: ${v}`);
        v = id;
    } else if (v !== null && !isInstance(v, t)) {
        const widened = widenable(v, t.k === 'prim' ? t.name : '') ? widen(v, t) : undefined;
        if (widened === undefined)
            h.raise('System.SObjectException', `Illegal assignment from ${runtimeTypeName(v)} to ${typeName(t)}`);
        v = widened;
    }
    const key = f.name.toLowerCase();
    const old = o.values.has(key) ? (o.values.get(key) ?? null) : null;
    o.values.set(key, v);
    o.loaded.delete(key);
    return old;
}

function widenable(v: unknown, to: string): boolean {
    const from = runtimeTypeName(v);
    if (to === 'Decimal') return from === 'Integer' || from === 'Long' || from === 'Double';
    if (to === 'Long') return from === 'Integer';
    return false;
}

const SOBJECT: BuiltinMethod[] = [
    i<SObjectValue>('get', ['String'], 'Object', (o, [n], h) => readField(o, fieldByName(o.obj, nameArg(h, n)))),
    i<SObjectValue>('put', ['String', 'Object'], 'Object', (o, [n, v], h) => put(h, o, nameArg(h, n), v)),
    i<SObjectValue>('getSObject', ['String'], 'SObject', (o, [n], h) => {
        const rel = nameArg(h, n);
        const f = o.obj.parentRelationships.get(rel.toLowerCase());
        if (!f) return h.raise('System.SObjectException', `Invalid relationship ${rel} for ${o.obj.name}`);
        return readParent(o, rel, f.relationshipName!);
    }),
    i<SObjectValue>('getSObjects', ['String'], 'List<SObject>', (o, [n], h) => {
        const rel = nameArg(h, n);
        const c = o.obj.childRelationships.get(rel.toLowerCase());
        if (!c) h.raise('System.SObjectException', `Invalid relationship ${rel} for ${o.obj.name}`);
        // Without a subquery the platform returns null here (SObject.getSObjects reference).
        return o.children.get(rel.toLowerCase()) ?? null;
    }),
    i<SObjectValue>('getSObjectType', [], 'Schema.SObjectType', (o) => new SObjectTypeValue(o.obj)),
    // addError marks a row of the running trigger as failed (FIELD_CUSTOM_VALIDATION_EXCEPTION); outside a trigger
    // its effect is not emulated.
    i<SObjectValue>('addError', ['String'], 'void', (o, [m]) => {
        if (!currentTrigger())
            throw new EmulatorError('SObject.addError outside a trigger is not supported by the local org');
        o.errors.push(m === null ? 'null' : String(m));
    }),
    i<SObjectValue>('clone', [], 'T', (o) => cloneSObject(o, false, false)),
    i<SObjectValue>('clone', ['Boolean'], 'T', (o, [p]) => cloneSObject(o, p === true, false)),
    i<SObjectValue>('clone', ['Boolean', 'Boolean'], 'T', (o, [p, d]) => cloneSObject(o, p === true, d === true)),
    i<SObjectValue>('isSet', ['String'], 'Boolean', (o, [n], h) =>
        o.values.has(fieldByName(o.obj, nameArg(h, n)).name.toLowerCase())
    ),
    i<SObjectValue>('getPopulatedFieldsAsMap', [], 'Map<String,Object>', (o, _a, h) => {
        const entries: Array<[unknown, unknown]> = [];
        for (const [k, v] of o.values) entries.push([o.obj.fields.get(k)?.name ?? k, v]);
        for (const [k, p] of o.parents) entries.push([o.obj.parentRelationships.get(k)?.relationshipName ?? k, p]);
        for (const [k, c] of o.children) entries.push([o.obj.childRelationships.get(k)?.name ?? k, c]);
        return h.newMap('String', 'Object', entries);
    })
];

const SOBJECT_TYPE: BuiltinMethod[] = [
    i<SObjectTypeValue>('getDescribe', [], 'Schema.DescribeSObjectResult', (t) => new DescribeSObjectValue(t.obj)),
    i<SObjectTypeValue>('newSObject', [], 'SObject', (t) => new SObjectValue(t.obj)),
    // newSObject(recordTypeId, loadDefaults): loadDefaults fills custom fields with their default values (SObjectType
    // reference); record types are not modelled, so a non-null recordTypeId fails loudly.
    i<SObjectTypeValue>('newSObject', ['Id', 'Boolean'], 'SObject', (t, [recordTypeId, loadDefaults]) => {
        if (recordTypeId !== null && recordTypeId !== undefined)
            throw new EmulatorError('newSObject with a record type Id is not emulated (record types are not modelled)');
        const o = new SObjectValue(t.obj);
        if (loadDefaults === true) {
            for (const f of t.obj.fields.values())
                if (f.custom && f.defaultValue !== undefined) o.values.set(f.name.toLowerCase(), f.defaultValue);
        }
        return o;
    }),
    i<SObjectTypeValue>('toString', [], 'String', (t) => t.obj.name)
];

const DESCRIBE: BuiltinMethod[] = [
    i<DescribeSObjectValue>('getName', [], 'String', (d) => d.obj.name),
    i<DescribeSObjectValue>('getLocalName', [], 'String', (d) => d.obj.name),
    i<DescribeSObjectValue>('getKeyPrefix', [], 'String', (d) => d.obj.keyPrefix),
    i<DescribeSObjectValue>('getSObjectType', [], 'Schema.SObjectType', (d) => new SObjectTypeValue(d.obj)),
    i<DescribeSObjectValue>('isCustom', [], 'Boolean', (d) => d.obj.custom),
    i<DescribeSObjectValue>('isCreateable', [], 'Boolean', (d) => d.obj.createable),
    i<DescribeSObjectValue>('isUpdateable', [], 'Boolean', (d) => d.obj.updateable),
    i<DescribeSObjectValue>('isDeletable', [], 'Boolean', (d) => d.obj.deletable),
    i<DescribeSObjectValue>('isQueryable', [], 'Boolean', (d) => d.obj.queryable)
];

function resultMethods(kind: string): BuiltinMethod[] {
    const out = [
        i<DmlResult>('getId', [], 'Id', (r) => r.id),
        i<DmlResult>('isSuccess', [], 'Boolean', (r) => r.success),
        i<DmlResult>('getErrors', [], 'List<Database.Error>', (r, _a, h) => h.newList('Database.Error', r.errors))
    ];
    if (kind === 'Database.UpsertResult') out.push(i<DmlResult>('isCreated', [], 'Boolean', (r) => r.created));
    return out;
}

const DB_ERROR: BuiltinMethod[] = [
    i<DbError>('getStatusCode', [], 'System.StatusCode', (e) => {
        const cls = exceptionClasses.byName.get('statuscode')!;
        const ord = cls.enumValues.indexOf(e.statusCode);
        if (ord < 0) throw new EmulatorError(`StatusCode ${e.statusCode} is not modelled by the local org`);
        return enumValue(cls, ord);
    }),
    i<DbError>('getMessage', [], 'String', (e) => e.message),
    i<DbError>('getFields', [], 'List<String>', (e, _a, h) => h.newList('String', e.fields.slice()))
];

/** Id.getSObjectType: the object its key prefix names. */
function idType(id: ApexId): SObjectTypeValue {
    const obj = catalog().objectByPrefix(id.keyPrefix());
    if (!obj) throw new EmulatorError(`no object with key prefix ${id.keyPrefix()} in the local org's schema`);
    return new SObjectTypeValue(obj);
}

/**
 * FeatureManagement.checkPermission: whether the running user holds the custom permission through a permission set.
 * https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_class_System_FeatureManagement.htm
 */
const FEATURE_MANAGEMENT: BuiltinMethod[] = [
    {
        name: 'checkPermission',
        isStatic: true,
        params: ['String'],
        returns: 'Boolean',
        impl: (_s, [name], host) => {
            const org = currentOrg.org;
            if (!org) throw new EmulatorError('FeatureManagement needs the org');
            if (name === null)
                (host as RuntimeHost).raise('System.NullPointerException', 'Attempt to de-reference a null object');
            return org.hasCustomPermission(name as string);
        }
    }
];

export function registerSObjects(): void {
    register('FeatureManagement', FEATURE_MANAGEMENT);
    register('Id', [i<ApexId>('getSObjectType', [], 'Schema.SObjectType', (id) => idType(id))]);
    register('SObject', SOBJECT);
    register('Schema.SObjectType', SOBJECT_TYPE);
    register('Schema.DescribeSObjectResult', DESCRIBE);
    for (const k of [
        'Database.SaveResult',
        'Database.UpsertResult',
        'Database.DeleteResult',
        'Database.UndeleteResult'
    ])
        register(k, resultMethods(k));
    register('Database.Error', DB_ERROR);
    register('AggregateResult', [i<AggregateValue>('get', ['String'], 'Object', (a, [k], h) => a.get(nameArg(h, k)))]);
    register('Database.QueryLocator', [i<QueryLocatorValue>('getQuery', [], 'String', (q) => q.soql)]);
    registerFieldDescribe();
}
