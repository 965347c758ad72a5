/**
 * Platform rules the DML layer applies to single rows beyond field validation, each delegating to a pure module
 * of src/platform: today, which PermissionSetAssignment inserts the platform accepts (license-bound permission
 * sets, profile-owned permission sets, duplicates).
 */
import type { Store } from '../org/store';
import type { FieldValue } from '../org/values';
import type { PlatformError } from '../platform/errors';
import { type PermissionSetFacts, assignmentError, assignmentKey } from '../platform/permission-assignment';

function idText(v: FieldValue | undefined): string | null {
    return v === null || v === undefined ? null : String(v);
}

function permissionSetFacts(store: Store, id: string): PermissionSetFacts | null {
    const rec = store.get(id);
    if (!rec) return null;
    return {
        id: rec.id,
        name: String(rec.values.get('name') ?? ''),
        licenseId: idText(rec.values.get('licenseid')),
        isOwnedByProfile: rec.values.get('isownedbyprofile') === true
    };
}

/** The platform error an insert of this PermissionSetAssignment raises, or null. */
function assignmentInsertError(store: Store, fields: ReadonlyMap<string, FieldValue>): PlatformError | null {
    const assigneeId = idText(fields.get('assigneeid'));
    const setId = idText(fields.get('permissionsetid'));
    const groupId = idText(fields.get('permissionsetgroupid'));
    const user = assigneeId ? store.get(assigneeId) : undefined;
    const assignedId = setId ?? groupId;
    if (!user || !assignedId) return null; // reference and required-field checks report these
    const profile = store.get(String(user.values.get('profileid')));
    const psLicenses = new Set<string>();
    for (const a of store.rows('PermissionSetLicenseAssign'))
        if (idText(a.values.get('assigneeid')) === user.id)
            psLicenses.add(String(a.values.get('permissionsetlicenseid')));
    const components: PermissionSetFacts[] = [];
    if (setId) {
        const ps = permissionSetFacts(store, setId);
        if (ps) components.push(ps);
    } else {
        for (const c of store.rows('PermissionSetGroupComponent')) {
            if (idText(c.values.get('permissionsetgroupid')) !== groupId) continue;
            const ps = permissionSetFacts(store, String(c.values.get('permissionsetid')));
            if (ps) components.push(ps);
        }
    }
    const existing = new Set<string>();
    for (const a of store.rows('PermissionSetAssignment')) {
        const target = idText(a.values.get('permissionsetid')) ?? idText(a.values.get('permissionsetgroupid'));
        if (target) existing.add(assignmentKey(String(a.values.get('assigneeid')), target));
    }
    const assignee = {
        id: user.id,
        userLicenseId: profile ? String(profile.values.get('userlicenseid')) : '',
        permissionSetLicenseIds: psLicenses
    };
    return assignmentError(assignee, assignedId, components, existing);
}

/** Row rules of the platform model for one DML row, after field validation passed. */
export function platformRowError(
    store: Store,
    op: 'insert' | 'update',
    objectName: string,
    fields: ReadonlyMap<string, FieldValue>
): PlatformError | null {
    if (op === 'insert' && objectName === 'PermissionSetAssignment') return assignmentInsertError(store, fields);
    return null;
}
