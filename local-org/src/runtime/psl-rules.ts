/**
 * Permission set license rules of the DML layer (platform/permission-set-licenses.ts): which
 * PermissionSetLicenseAssign inserts the platform accepts, and PermissionSetLicense.UsedLicenses kept equal to the
 * assignments that exist, after every statement (a license change deletes assignments too).
 */
import type { SRecord, Store } from '../org/store';
import type { FieldValue } from '../org/values';
import type { PlatformError } from '../platform/errors';
import { licenseNamed } from '../platform/licenses';
import { licenseAssignmentError, permissionSetLicenseNamed } from '../platform/permission-set-licenses';
import { EmulatorError } from './context';

function idText(v: FieldValue | undefined): string | null {
    return v === null || v === undefined ? null : String(v);
}

/** The key of the live-assignments-by-PSL index: a live assignment's PermissionSetLicenseId, else none. */
function liveAssignmentLicense(rec: SRecord): string | null {
    if (rec.values.get('isdeleted') === true) return null;
    return idText(rec.values.get('permissionsetlicenseid'));
}

/** Assignments of a PSL that exist now, from an index the store keeps through writes: O(1). */
export function assignmentsOfLicense(store: Store, licenseId: string): number {
    return store.lookupBy('PermissionSetLicenseAssign', 'liveAssignmentLicense', liveAssignmentLicense, licenseId).size;
}

/**
 * The platform error an insert of this PermissionSetLicenseAssign raises, or null. A user whose license Salesforce
 * does not document for the PSL is an EmulatorError: the platform refuses some of these, with a text we have not
 * seen, and accepting them would be more lenient than an org.
 */
export function licenseAssignmentInsertError(
    store: Store,
    fields: ReadonlyMap<string, FieldValue>
): PlatformError | null {
    const assigneeId = idText(fields.get('assigneeid'));
    const licenseId = idText(fields.get('permissionsetlicenseid'));
    const user = assigneeId ? store.get(assigneeId) : undefined;
    const psl = licenseId ? store.get(licenseId) : undefined;
    if (!user || !psl) return null; // reference and required-field checks report these
    const label = String(psl.values.get('masterlabel') ?? '');
    const definition = permissionSetLicenseNamed(String(psl.values.get('developername') ?? ''));
    if (!definition) throw new EmulatorError(`the permission set license ${label} is not one the local org models`);
    const profile = store.get(String(user.values.get('profileid')));
    const userLicense = profile ? store.get(String(profile.values.get('userlicenseid'))) : undefined;
    const licenseName = String(userLicense?.values.get('name') ?? '');
    const family = licenseNamed(licenseName)?.family;
    if (!family || !definition.families.includes(family)) {
        throw new EmulatorError(
            `assigning the permission set license ${label} to a ${licenseName} user is not emulated ` +
                `(Salesforce documents it for ${definition.families.join(', ')} users)`
        );
    }
    let alreadyHeld = false;
    for (const id of store.lookup('PermissionSetLicenseAssign', 'AssigneeId', user.id)) {
        const row = store.getExact(id);
        if (row && row.values.get('isdeleted') !== true && idText(row.values.get('permissionsetlicenseid')) === psl.id)
            alreadyHeld = true;
    }
    return licenseAssignmentError({
        assigneeId: user.id,
        licenseId: psl.id,
        totalLicenses: Number(psl.values.get('totallicenses') ?? 0),
        usedLicenses: assignmentsOfLicense(store, psl.id),
        alreadyHeld
    });
}

/** Keeps PermissionSetLicense.UsedLicenses equal to each PSL's assignments (after any DML statement). */
export function recountPermissionSetLicenses(store: Store): void {
    for (const psl of [...store.rows('PermissionSetLicense')]) {
        const n = assignmentsOfLicense(store, psl.id);
        if (psl.values.get('usedlicenses') !== n) store.update(psl.id, { UsedLicenses: n });
    }
}
