/**
 * Field tokens and field describes: `Account.Name` (Schema.SObjectField), `token.getDescribe()`
 * (Schema.DescribeFieldResult) and `describe.fields.getMap()` (Map<String, Schema.SObjectField>).
 * Using Field Tokens: https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/apex_dynamic_field_tokens.htm
 * Accessing All Field Describe Results: https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/apex_dynamic_describe_objects_understanding.htm
 */
import type { FieldDef, ObjectDef } from '../org/schema/types';
import { T } from '../semantic/types';
import { EmulatorError } from './context';
import { npe, raise } from './ops';
import { SObjectValue } from './sobject';
import { ApexList, ApexMap, KeyedStore } from './values';

/** A field token. One instance per field, so `==` between tokens compares the fields they stand for. */
export class SObjectFieldValue {
    readonly apexTypeName = 'Schema.SObjectField';
    constructor(
        readonly obj: ObjectDef,
        readonly field: FieldDef
    ) {}
    toString(): string {
        return this.field.name;
    }
}

/** The describe of one field (Schema.DescribeFieldResult). */
export class DescribeFieldValue {
    readonly apexTypeName = 'Schema.DescribeFieldResult';
    constructor(readonly token: SObjectFieldValue) {}
    toString(): string {
        return `Schema.DescribeFieldResult[${this.token.obj.name}.${this.token.field.name}]`;
    }
}

/** The value of `describe.fields` (Schema.SObjectTypeFields): only getMap() is emulated. */
export class SObjectTypeFieldsValue {
    readonly apexTypeName = 'Schema.SObjectTypeFields';
    constructor(readonly obj: ObjectDef) {}
}

const tokens = new WeakMap<FieldDef, SObjectFieldValue>();

/** The token of a field (always the same instance for the same field). */
export function tokenOf(obj: ObjectDef, field: FieldDef): SObjectFieldValue {
    let t = tokens.get(field);
    if (!t) {
        t = new SObjectFieldValue(obj, field);
        tokens.set(field, t);
    }
    return t;
}

/** String keys compared without case, stored lower-case (describe maps: "field names are case insensitive"). */
class LowerCaseKeyedStore extends KeyedStore<unknown> {
    private static norm(key: unknown): unknown {
        return typeof key === 'string' ? key.toLowerCase() : key;
    }
    override has(key: unknown): boolean {
        return super.has(LowerCaseKeyedStore.norm(key));
    }
    override get(key: unknown): unknown {
        return super.get(LowerCaseKeyedStore.norm(key));
    }
    override set(key: unknown, value: unknown): void {
        super.set(LowerCaseKeyedStore.norm(key), value);
    }
    override delete(key: unknown): boolean {
        return super.delete(LowerCaseKeyedStore.norm(key));
    }
}

/** A describe map: keys are lower-case API names and lookups ignore case (observed behaviour, see LEDGER). */
class DescribeMap extends ApexMap {
    override readonly store = new LowerCaseKeyedStore();
}

/** `fields.getMap()`: every field of the object by lower-case API name. */
export function fieldMap(obj: ObjectDef): ApexMap {
    const m = new DescribeMap(T.String, { k: 'builtin', name: 'Schema.SObjectField' });
    for (const f of obj.fields.values()) m.store.set(f.name, tokenOf(obj, f));
    return m;
}

/**
 * The key field of `Database.upsert(rows, field, allOrNone)`: the token must be an External Id field (or Id) of the
 * rows' object, as the statement form requires at compile time; a null token is a NullPointerException.
 */
export function upsertKeyField(target: unknown, token: unknown): string {
    if (token === null || token === undefined) npe();
    if (!(token instanceof SObjectFieldValue)) throw new EmulatorError('upsert key field is not a Schema.SObjectField');
    const rows = target instanceof ApexList ? target.items : [target];
    for (const r of rows) {
        if (r instanceof SObjectValue && r.obj !== token.obj)
            throw new EmulatorError(
                `upsert of ${r.obj.name} rows on ${token.obj.name}.${token.field.name} is not emulated`
            );
    }
    if (!(token.field.externalId || token.field.name === 'Id'))
        raise(
            'System.SObjectException',
            `Invalid field for upsert, must be an External Id custom or standard indexed field: ${token.field.name}`
        );
    return token.field.name;
}
