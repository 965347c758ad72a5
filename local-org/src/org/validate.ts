/**
 * Pure field validation for DML, returning platform-shaped errors {statusCode, message, fields}.
 * Texts and their sources: schema/SOURCES.md ("Error texts"). The order in which the platform reports several
 * problems of one row is unverified; we report them in the order of the checks below.
 */
import type { Catalog } from './schema/catalog';
import type { FieldDef, ObjectDef } from './schema/types';
import type { Store } from './store';
import type { FieldValue } from './values';
import { ApexId, ApexDate, ApexDatetime, ApexDecimal, ApexDouble } from './values';

export interface DmlError {
    statusCode: string;
    message: string;
    fields: string[];
}

export type WriteOp = 'insert' | 'update';

function labelOf(f: FieldDef): string {
    return f.label ?? f.name;
}

/** Does this value have the Apex type the field holds? */
export function valueFitsField(f: FieldDef, v: FieldValue): boolean {
    if (v === null) return true;
    switch (f.type) {
        case 'id':
        case 'reference':
            return v instanceof ApexId || (typeof v === 'string' && ApexId.tryOf(v) !== null);
        case 'string':
        case 'textarea':
        case 'picklist':
        case 'multipicklist':
        case 'email':
        case 'phone':
        case 'url':
            return typeof v === 'string';
        case 'boolean':
            return typeof v === 'boolean';
        case 'int':
            return typeof v === 'number' && Number.isInteger(v);
        case 'long':
            return typeof v === 'bigint';
        case 'double':
        case 'currency':
        case 'percent':
            return (
                v instanceof ApexDecimal || v instanceof ApexDouble || typeof v === 'number' || typeof v === 'bigint'
            );
        case 'date':
            return v instanceof ApexDate;
        case 'datetime':
            return v instanceof ApexDatetime;
    }
    return false;
}

/** "Id on insert": INVALID_FIELD_FOR_INSERT_UPDATE, "cannot specify Id in an insert call". */
export function checkInsertId(fields: ReadonlyMap<string, FieldValue>): DmlError | null {
    const id = fields.get('id');
    if (id === undefined || id === null) return null;
    return {
        statusCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
        message: 'cannot specify Id in an insert call',
        fields: ['Id']
    };
}

/** "Update without Id": MISSING_ARGUMENT, "Id not specified in an update call". */
export function checkUpdateId(fields: ReadonlyMap<string, FieldValue>): DmlError | null {
    const id = fields.get('id');
    if (id !== undefined && id !== null) return null;
    return { statusCode: 'MISSING_ARGUMENT', message: 'Id not specified in an update call', fields: [] };
}

/**
 * Fields set that the operation may not write (read-only, or create-only on update). Apex rejects literal
 * assignments to them at compile time ("Field is not writeable: User.UserType"); this is the DML-time check for
 * values that arrive dynamically (SObject.put, JSON.deserialize).
 */
export function checkWritable(obj: ObjectDef, fields: ReadonlyMap<string, FieldValue>, op: WriteOp): DmlError | null {
    const bad: string[] = [];
    for (const [k] of fields) {
        if (k === 'id') continue;
        const f = obj.fields.get(k)!;
        if (op === 'insert' ? !f.createable : !f.updateable) bad.push(f.name);
    }
    if (!bad.length) return null;
    return {
        statusCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
        message: `Unable to create/update fields: ${bad.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
        fields: bad
    };
}

/** Values of the wrong type: INVALID_TYPE_ON_FIELD_IN_RECORD, "<label>: value not of required type: <value>". */
export function checkTypes(obj: ObjectDef, fields: ReadonlyMap<string, FieldValue>): DmlError[] {
    const out: DmlError[] = [];
    for (const [k, v] of fields) {
        const f = obj.fields.get(k)!;
        if (!valueFitsField(f, v)) {
            out.push({
                statusCode: 'INVALID_TYPE_ON_FIELD_IN_RECORD',
                message: `${labelOf(f)}: value not of required type: ${String(v)}`,
                fields: [f.name]
            });
        }
    }
    return out;
}

/** Text longer than the field: STRING_TOO_LONG, "<label>: data value too large: <value> (max length=<n>)". */
export function checkLengths(obj: ObjectDef, fields: ReadonlyMap<string, FieldValue>): DmlError[] {
    const out: DmlError[] = [];
    for (const [k, v] of fields) {
        const f = obj.fields.get(k)!;
        if (
            typeof v === 'string' &&
            f.length !== undefined &&
            f.type !== 'reference' &&
            f.type !== 'id' &&
            v.length > f.length
        ) {
            out.push({
                statusCode: 'STRING_TOO_LONG',
                message: `${labelOf(f)}: data value too large: ${v} (max length=${f.length})`,
                fields: [f.name]
            });
        }
    }
    return out;
}

/**
 * A value outside a restricted picklist: INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST,
 * "<label>: bad value for restricted picklist field: <value>". Unrestricted picklists accept any text.
 */
export function checkPicklists(obj: ObjectDef, fields: ReadonlyMap<string, FieldValue>): DmlError[] {
    const out: DmlError[] = [];
    for (const [k, v] of fields) {
        const f = obj.fields.get(k)!;
        if (typeof v !== 'string' || !f.restrictedPicklist || !f.picklistValues) continue;
        const parts = f.type === 'multipicklist' ? v.split(';') : [v];
        const bad = parts.find((p) => !f.picklistValues!.includes(p));
        if (bad !== undefined) {
            out.push({
                statusCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
                message: `${labelOf(f)}: bad value for restricted picklist field: ${bad}`,
                fields: [f.name]
            });
        }
    }
    return out;
}

/**
 * Required fields (not nillable, not defaulted, createable) that are absent or null on insert, or set to null on
 * update: REQUIRED_FIELD_MISSING, "Required fields are missing: [A, B]".
 */
export function checkRequired(obj: ObjectDef, fields: ReadonlyMap<string, FieldValue>, op: WriteOp): DmlError | null {
    const missing: string[] = [];
    for (const f of obj.fields.values()) {
        if (f.nillable || f.defaultedOnCreate || !f.createable) continue;
        const k = f.name.toLowerCase();
        const v = fields.get(k);
        if (op === 'insert' ? v === undefined || v === null || v === '' : fields.has(k) && (v === null || v === ''))
            missing.push(f.name);
    }
    if (!missing.length) return null;
    return {
        statusCode: 'REQUIRED_FIELD_MISSING',
        message: `Required fields are missing: [${missing.join(', ')}]`,
        fields: missing
    };
}

/**
 * References: an Id of an object the field cannot point to gives FIELD_INTEGRITY_EXCEPTION
 * ("<label>: id value of incorrect type: <id>"); a well-typed Id of a record that does not exist (or is deleted)
 * gives INVALID_CROSS_REFERENCE_KEY ("invalid cross reference id").
 */
export function checkReferences(
    catalog: Catalog,
    store: Store,
    obj: ObjectDef,
    fields: ReadonlyMap<string, FieldValue>
): DmlError[] {
    const out: DmlError[] = [];
    for (const [k, v] of fields) {
        const f = obj.fields.get(k)!;
        if (f.type !== 'reference' || v === null) continue;
        const id = v instanceof ApexId ? v : ApexId.tryOf(String(v));
        if (!id) continue; // checkTypes reports it
        const target = catalog.objectByPrefix(id.keyPrefix());
        const allowed = (f.referenceTo ?? []).map((t) => t.toLowerCase());
        if (!target || !allowed.includes(target.name.toLowerCase())) {
            // A target object outside our catalog (e.g. ApexClass) cannot be checked; the Id is still of the wrong type
            // when its prefix belongs to a known object not in referenceTo.
            if (target || !allowed.some((a) => !catalog.findObject(a))) {
                out.push({
                    statusCode: 'FIELD_INTEGRITY_EXCEPTION',
                    message: `${labelOf(f)}: id value of incorrect type: ${id.id18}`,
                    fields: [f.name]
                });
            }
            continue;
        }
        if (!store.get(id))
            out.push({
                statusCode: 'INVALID_CROSS_REFERENCE_KEY',
                message: 'invalid cross reference id',
                fields: [f.name]
            });
    }
    return out;
}

/**
 * Unique and external-Id-unique fields: DUPLICATE_VALUE, "duplicate value found: <field> duplicates value on
 * record with id: <id>"; User.Username gives DUPLICATE_USERNAME and User.CommunityNickname DUPLICATE_COMM_NICKNAME
 * (texts in SOURCES.md). Text compares ignore case
 * unless the field is case-sensitive.
 */
export function checkUnique(
    store: Store,
    obj: ObjectDef,
    fields: ReadonlyMap<string, FieldValue>,
    selfId: string | null
): DmlError[] {
    const out: DmlError[] = [];
    for (const [k, v] of fields) {
        const f = obj.fields.get(k)!;
        if (!f.unique || v === null || v === undefined) continue;
        const other = store.findOther(obj.name, f.name, v, selfId);
        if (!other) continue;
        if (obj.name === 'User' && f.name === 'Username') {
            out.push({
                statusCode: 'DUPLICATE_USERNAME',
                message:
                    "Duplicate Username.<br>The username already exists in this or another Salesforce organization. Usernames must be unique across all Salesforce organizations. To resolve, use a different username (it doesn't need to match the user's email address). ",
                fields: ['Username']
            });
        } else if (obj.name === 'User' && f.name === 'CommunityNickname') {
            // The API's StatusCode list has a code of its own for nicknames; the text is unverified (SOURCES.md).
            out.push({
                statusCode: 'DUPLICATE_COMM_NICKNAME',
                message:
                    'Duplicate Nickname.<br>Another user has already selected this nickname.<br>Please select another.',
                fields: ['CommunityNickname']
            });
        } else {
            out.push({
                statusCode: 'DUPLICATE_VALUE',
                message: `duplicate value found: ${f.name} duplicates value on record with id: ${other.id}`,
                fields: [f.name]
            });
        }
    }
    return out;
}

/**
 * All checks of one row, in a fixed order. `fields` holds lower-case names (as the store canonicalises them);
 * for an update, `selfId` is the record's Id.
 */
export function validateRow(
    catalog: Catalog,
    store: Store,
    obj: ObjectDef,
    fields: ReadonlyMap<string, FieldValue>,
    op: WriteOp,
    selfId: string | null = null
): DmlError[] {
    const out: DmlError[] = [];
    const idErr = op === 'insert' ? checkInsertId(fields) : checkUpdateId(fields);
    if (idErr) return [idErr];
    const writable = checkWritable(obj, fields, op);
    if (writable) out.push(writable);
    const typeErrors = checkTypes(obj, fields);
    out.push(...typeErrors);
    if (typeErrors.length) return out;
    const req = checkRequired(obj, fields, op);
    if (req) out.push(req);
    out.push(
        ...checkLengths(obj, fields),
        ...checkPicklists(obj, fields),
        ...checkReferences(catalog, store, obj, fields),
        ...checkUnique(store, obj, fields, selfId)
    );
    return out;
}
