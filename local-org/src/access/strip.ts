/**
 * Security.stripInaccessible and its SObjectAccessDecision.
 * https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_class_System_Security.htm
 * https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_class_System_SObjectAccessDecision.htm
 * https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/apex_classes_with_security_stripInaccessible.htm
 *
 * - New records, in the source order, holding only the fields the user may read/create/update/upsert; the Id is never
 *   stripped. getRemovedFields maps the sObject type to the removed field names; getModifiedIndexes lists the rows
 *   that lost a field.
 * - enforceRootObjectCRUD (default true) first checks the object permission of the root records; a refusal throws
 *   System.NoAccessException (message text unverified, LEDGER UM-07).
 * - A stripped field of a queried row reads as not queried (SObjectException), as the row never held it (unverified).
 */
import { ApexList } from '../runtime/values';
import { EmulatorError } from '../runtime/context';
import { raise } from '../runtime/ops';
import { SObjectValue } from '../runtime/sobject';
import type { ObjectAccess } from './grants';
import { type FieldAccess, type UserAccess, canField, canObject } from './user-access';

export type AccessTypeName = 'READABLE' | 'CREATABLE' | 'UPDATABLE' | 'UPSERTABLE';

const OBJECT_NEEDS: Record<AccessTypeName, ObjectAccess[]> = {
    READABLE: ['read'],
    CREATABLE: ['create'],
    UPDATABLE: ['edit'],
    UPSERTABLE: ['create', 'edit']
};
const FIELD_NEEDS: Record<AccessTypeName, FieldAccess[]> = {
    READABLE: ['read'],
    CREATABLE: ['create'],
    UPDATABLE: ['edit'],
    UPSERTABLE: ['create', 'edit']
};

/** Security.stripInaccessible's result. */
export class AccessDecisionValue {
    constructor(
        readonly records: SObjectValue[],
        readonly removed: Map<string, Set<string>>,
        readonly modified: Set<number>
    ) {}
    get apexTypeName(): string {
        return 'System.SObjectAccessDecision';
    }
}

function stripRow(
    a: UserAccess,
    type: AccessTypeName,
    src: SObjectValue,
    removed: Map<string, Set<string>>
): { row: SObjectValue; changed: boolean } {
    const obj = src.obj;
    const row = new SObjectValue(obj);
    row.fromQuery = src.fromQuery;
    let changed = false;
    for (const [key, value] of src.values) {
        const f = obj.fields.get(key);
        if (!f) throw new EmulatorError(`stripInaccessible: ${obj.name} holds an unknown field ${key}`);
        const keep = key === 'id' || FIELD_NEEDS[type].every((need) => canField(a, obj, f, need));
        if (!keep) {
            changed = true;
            const set = removed.get(obj.name) ?? new Set<string>();
            set.add(f.name);
            removed.set(obj.name, set);
            continue;
        }
        row.values.set(key, value);
        if (src.loaded.has(key)) row.loaded.add(key);
    }
    for (const [rel, parent] of src.parents) {
        if (parent && !canObject(a, parent.obj, 'read'))
            throw new EmulatorError(
                `stripInaccessible of a relationship to an inaccessible ${parent.obj.name} is not emulated`
            );
        const p = parent ? stripRow(a, type, parent, removed) : null;
        changed ||= p?.changed === true;
        row.parents.set(rel, p ? p.row : null);
    }
    for (const [rel, list] of src.children) {
        const items: SObjectValue[] = [];
        for (const c of list.items as SObjectValue[]) {
            if (!canObject(a, c.obj, 'read'))
                throw new EmulatorError(
                    `stripInaccessible of a subquery of an inaccessible ${c.obj.name} is not emulated`
                );
            const s = stripRow(a, type, c, removed);
            changed ||= s.changed;
            items.push(s.row);
        }
        row.children.set(rel, new ApexList(list.elemType, items));
    }
    return { row, changed };
}

export function stripInaccessible(
    a: UserAccess,
    type: AccessTypeName,
    records: unknown,
    enforceRootObjectCRUD: boolean
): AccessDecisionValue {
    if (!(records instanceof ApexList)) throw new EmulatorError('stripInaccessible of a non-list value');
    const removed = new Map<string, Set<string>>();
    const modified = new Set<number>();
    const out: SObjectValue[] = [];
    records.items.forEach((r, i) => {
        if (!(r instanceof SObjectValue))
            throw new EmulatorError(
                'stripInaccessible of a list holding null is not emulated (platform behaviour unverified)'
            );
        if (enforceRootObjectCRUD && !OBJECT_NEEDS[type].every((need) => canObject(a, r.obj, need)))
            raise('System.NoAccessException', `No access to entity: ${r.obj.name}`);
        const s = stripRow(a, type, r, removed);
        if (s.changed) modified.add(i);
        out.push(s.row);
    });
    return new AccessDecisionValue(out, removed, modified);
}
