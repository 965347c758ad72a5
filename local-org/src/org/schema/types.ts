/**
 * Schema model of the local org: objects, fields and relationships, as describe reports them.
 * Names are looked up case-insensitively and always reported in their canonical spelling.
 */
import type { ApexDecimal } from '../../stdlib/primitives/decimal';

export type FieldType =
    | 'id'
    | 'reference'
    | 'string'
    | 'textarea'
    | 'picklist'
    | 'multipicklist'
    | 'boolean'
    | 'int'
    | 'double'
    | 'currency'
    | 'percent'
    | 'date'
    | 'datetime'
    | 'email'
    | 'phone'
    | 'url'
    | 'long';

export interface FieldDef {
    /** Canonical API name, e.g. 'ProfileId'. */
    name: string;
    type: FieldType;
    /** Maximum characters of text types. */
    length?: number;
    /** Total digits and digits after the point of number types. */
    precision?: number;
    scale?: number;
    /** Target objects of a reference (several for polymorphic keys such as OwnerId). */
    referenceTo?: string[];
    /** Parent relationship name of a reference, e.g. 'Profile' for ProfileId, 'Foo__r' for Foo__c. */
    relationshipName?: string;
    /** Allowed values of picklists (the canonical spelling); restricted ones reject others. */
    picklistValues?: string[];
    restrictedPicklist?: boolean;
    createable: boolean;
    updateable: boolean;
    nillable: boolean;
    defaultedOnCreate: boolean;
    unique: boolean;
    externalId: boolean;
    /** Unique comparisons that honour case (e.g. a case-sensitive unique text field); default false. */
    caseSensitive?: boolean;
    /** Filterable in a WHERE clause (UserLicense.UsedLicenses is not, from API 64). */
    filterable: boolean;
    custom: boolean;
    /** Field label (from metadata), used by messages that quote labels. */
    label?: string;
    /**
     * Value set on insert when the field is null: Checkbox defaults (false for standard booleans), the picklist value
     * marked `<default>true</default>`, and literal `<defaultValue>` formulas of text and number fields.
     */
    defaultValue?: boolean | string | ApexDecimal;
    /** An Auto Number field: generated on insert from its display format, e.g. RUN-{00000}. */
    autoNumber?: { displayFormat: string; startingNumber: number };
}

export interface ChildRelationship {
    /** e.g. 'Contacts' on Account. */
    name: string;
    childObject: string;
    field: string;
}

export interface ObjectDef {
    name: string;
    keyPrefix: string;
    custom: boolean;
    /** A platform event (__e): insert-only, not queryable. */
    isPlatformEvent: boolean;
    /** Listed as a setup object for MIXED_DML_OPERATION (Apex Developer Guide). */
    isSetup: boolean;
    queryable: boolean;
    createable: boolean;
    updateable: boolean;
    deletable: boolean;
    /** Keyed by lower-case API name. */
    fields: Map<string, FieldDef>;
    /** Parent relationship names (lower-case) → the reference field. */
    parentRelationships: Map<string, FieldDef>;
    /** Child relationship names (lower-case). */
    childRelationships: Map<string, ChildRelationship>;
}

/** A schema problem: unknown object or field, or malformed metadata. The message names what was not found. */
export class SchemaError extends Error {
    constructor(message: string) {
        super(message);
        this.name = 'SchemaError';
    }
}
