/**
 * Schema.SObjectField, Schema.DescribeFieldResult and Schema.SObjectTypeFields (runtime/field-describe.ts).
 * SObjectField: https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_class_Schema_SObjectField.htm
 * DescribeFieldResult: https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_methods_system_fields_describe.htm
 * Only the members the project uses are bound; any other is the runtime's "not supported" diagnostic.
 */
import type { BuiltinMethod } from './builtin';
import { register } from './registry';
import {
    DescribeFieldValue,
    type SObjectFieldValue,
    type SObjectTypeFieldsValue,
    fieldMap
} from '../runtime/field-describe';

function i<S>(name: string, returns: string, impl: (self: S) => unknown): BuiltinMethod {
    return { name, isStatic: false, params: [], returns, impl: (self) => impl(self as S) };
}

const FIELD: BuiltinMethod[] = [
    i<SObjectFieldValue>('getDescribe', 'Schema.DescribeFieldResult', (t) => new DescribeFieldValue(t)),
    i<SObjectFieldValue>('toString', 'String', (t) => t.field.name)
];

const DESCRIBE_FIELD: BuiltinMethod[] = [
    i<DescribeFieldValue>('getName', 'String', (d) => d.token.field.name),
    // No namespace in the local org: the local name is the name.
    i<DescribeFieldValue>('getLocalName', 'String', (d) => d.token.field.name),
    i<DescribeFieldValue>('getSObjectField', 'Schema.SObjectField', (d) => d.token),
    i<DescribeFieldValue>('isExternalId', 'Boolean', (d) => d.token.field.externalId),
    i<DescribeFieldValue>('isUnique', 'Boolean', (d) => d.token.field.unique),
    i<DescribeFieldValue>('isCaseSensitive', 'Boolean', (d) => d.token.field.caseSensitive === true),
    i<DescribeFieldValue>('isCustom', 'Boolean', (d) => d.token.field.custom),
    i<DescribeFieldValue>('isNillable', 'Boolean', (d) => d.token.field.nillable)
];

const FIELDS: BuiltinMethod[] = [
    i<SObjectTypeFieldsValue>('getMap', 'Map<String,Schema.SObjectField>', (f) => fieldMap(f.obj))
];

export function registerFieldDescribe(): void {
    register('Schema.SObjectField', FIELD);
    register('Schema.DescribeFieldResult', DESCRIBE_FIELD);
    register('Schema.SObjectTypeFields', FIELDS);
}
