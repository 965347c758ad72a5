/**
 * SObject values: a record in memory, typed by the schema catalog. Fields are keyed by lower-case API name and
 * reported in their canonical spelling. A row built by a query remembers that it came from SOQL, so reading a field
 * the query did not select throws SObjectException as the platform does.
 * SObject class: https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_methods_system_sobject.htm
 */
import type { Catalog } from '../org/schema/catalog';
import type { FieldDef, ObjectDef } from '../org/schema/types';
import type { ApexType } from '../semantic/types';
import { T } from '../semantic/types';
import { ApexPrimitiveError } from '../stdlib/builtin';
import { ApexId } from '../stdlib/primitives/id';
import { EmulatorError } from './context';
import { ApexList } from './values';

/** The schema the running project was loaded with (one project runs at a time). */
export const schema: { catalog: Catalog | null } = { catalog: null };

export function catalog(): Catalog {
    if (!schema.catalog) throw new EmulatorError('no schema is loaded');
    return schema.catalog;
}

export class SObjectValue {
    /** Lower-case field name → value, in the order fields were set (toString prints them in that order). */
    readonly values = new Map<string, unknown>();
    /** Lower-case parent relationship name → parent row (or null). */
    readonly parents = new Map<string, SObjectValue | null>();
    /** Lower-case child relationship name → rows of a subquery. */
    readonly children = new Map<string, ApexList>();
    /** Built by SOQL: only the queried fields may be read. */
    fromQuery = false;
    /**
     * Lower-case fields whose value came from a query and has not been assigned since. DML sends them only where
     * the operation may write them, so updating a queried row that holds read-only fields (CreatedDate, UserType)
     * works as on the platform.
     */
    readonly loaded = new Set<string>();
    /** Trigger.new/old of an after trigger (and Trigger.old everywhere): writes throw FinalException. */
    readOnly = false;
    /** Messages of addError calls made on this row inside a trigger. */
    readonly errors: string[] = [];
    constructor(readonly obj: ObjectDef) {}

    get id(): ApexId | null {
        const v = this.values.get('id');
        return v instanceof ApexId ? v : null;
    }
}

/** The value of Account.SObjectType (Schema.SObjectType). */
export class SObjectTypeValue {
    constructor(readonly obj: ObjectDef) {}
    toString(): string {
        return this.obj.name;
    }
}

/** The value of Schema.SObjectType.Account or Account.SObjectType.getDescribe() (Schema.DescribeSObjectResult). */
export class DescribeSObjectValue {
    constructor(readonly obj: ObjectDef) {}
    toString(): string {
        return `Schema.DescribeSObjectResult[${this.obj.name}]`;
    }
}

/** The Apex type of a field's values. */
export function fieldApexType(f: FieldDef): ApexType {
    switch (f.type) {
        case 'id':
        case 'reference':
            return T.Id;
        case 'boolean':
            return T.Boolean;
        case 'int':
            return T.Integer;
        case 'long':
            return T.Long;
        case 'double':
        case 'currency':
        case 'percent':
            return T.Decimal;
        case 'date':
            return T.Date;
        case 'datetime':
            return T.Datetime;
        default:
            return T.String;
    }
}

/** Apex can assign a field when the API can create or update it; Id is assignable for update calls. */
export function isWriteable(f: FieldDef): boolean {
    return f.createable || f.updateable || f.name === 'Id';
}

function sobjectError(message: string): never {
    throw new ApexPrimitiveError('System.SObjectException', message);
}

export function readField(o: SObjectValue, f: FieldDef): unknown {
    const key = f.name.toLowerCase();
    const v = o.values.get(key);
    if (v !== undefined) return v;
    if (o.fromQuery)
        sobjectError(
            `SObject row was retrieved via SOQL without querying the requested field: ${o.obj.name}.${f.name}`
        );
    return null;
}

export function writeField(o: SObjectValue, f: FieldDef, v: unknown): void {
    // "Record is read-only": Trigger.new in after triggers and Trigger.old (Apex guide, trigger context).
    if (o.readOnly) throw new ApexPrimitiveError('System.FinalException', 'Record is read-only');
    const key = f.name.toLowerCase();
    o.values.set(key, v === undefined ? null : v);
    o.loaded.delete(key);
}

export function readParent(o: SObjectValue, rel: string, relName: string): SObjectValue | null {
    const key = rel.toLowerCase();
    if (o.parents.has(key)) return o.parents.get(key) ?? null;
    // Same exception as an unqueried field (quoted for relationships in public Q&A; exact text unverified).
    if (o.fromQuery)
        sobjectError(
            `SObject row was retrieved via SOQL without querying the requested field: ${o.obj.name}.${relName}`
        );
    return null;
}

export function readChildren(o: SObjectValue, rel: string, relName: string): ApexList | null {
    const key = rel.toLowerCase();
    const v = o.children.get(key);
    if (v) return v;
    if (o.fromQuery)
        sobjectError(
            `SObject row was retrieved via SOQL without querying the requested field: ${o.obj.name}.${relName}`
        );
    throw new EmulatorError(
        `reading the child relationship ${o.obj.name}.${relName} of a row not built by a query is not emulated (platform behaviour unverified)`
    );
}

/** A field by name for get/put: "Invalid field X for Account" when it does not exist. */
export function fieldByName(obj: ObjectDef, name: string): FieldDef {
    const f = obj.fields.get(name.toLowerCase());
    // SObject.get with an unknown field: "Invalid field <name> for <Object>" (widely quoted; exact text Med).
    if (!f) sobjectError(`Invalid field ${name} for ${obj.name}`);
    return f;
}

/** A copy: Ids kept or cleared, parents and children shared or copied (SObject.clone). */
export function cloneSObject(o: SObjectValue, preserveId: boolean, deep: boolean): SObjectValue {
    const c = new SObjectValue(o.obj);
    c.fromQuery = o.fromQuery;
    for (const [k, v] of o.values) c.values.set(k, v);
    for (const k of o.loaded) c.loaded.add(k);
    if (!preserveId && c.values.has('id')) c.values.delete('id');
    for (const [k, p] of o.parents) c.parents.set(k, deep && p ? cloneSObject(p, true, true) : p);
    for (const [k, l] of o.children) {
        const items = deep ? l.items.map((x) => cloneSObject(x as SObjectValue, false, true)) : l.items.slice();
        c.children.set(k, new ApexList(l.elemType, items));
    }
    return c;
}

/**
 * The fields DML writes for a row: every field assigned in Apex, and query-loaded fields the operation may write
 * (createable on insert, updateable on update).
 */
export function setFields(o: SObjectValue, op: 'insert' | 'update'): Array<[FieldDef, unknown]> {
    const out: Array<[FieldDef, unknown]> = [];
    for (const [k, v] of o.values) {
        const f = o.obj.fields.get(k);
        if (!f) continue;
        if (o.loaded.has(k) && k !== 'id' && !(op === 'insert' ? f.createable : f.updateable)) continue;
        out.push([f, v]);
    }
    return out;
}

/** A stored record as an SObject with every stored field readable (trigger context rows). */
export function recordSObject(obj: ObjectDef, values: ReadonlyMap<string, unknown>): SObjectValue {
    const o = new SObjectValue(obj);
    for (const [k, v] of values) {
        o.values.set(k, v);
        o.loaded.add(k);
    }
    return o;
}
