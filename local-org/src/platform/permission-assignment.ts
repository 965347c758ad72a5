/**
 * Which permission set (group) assignments the platform accepts.
 *
 * "If the permission set has a license, it must equal the assignee's profile license" (PermissionSetAssignment,
 * Object Reference: https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/sforce_api_objects_permissionsetassignment.htm);
 * PermissionSet.LicenseId may instead name a permission set license, which the assignee must hold
 * (https://developer.salesforce.com/docs/platform/object-reference/references/standard-objects/object-permissionset.html).
 * A user holds one assignment per permission set or group: a second one fails with DUPLICATE_VALUE.
 * Whether a license-free permission set's individual permissions fit the user's license is not emulated (LEDGER).
 */
import { platformError, type PlatformError } from './errors';

export interface PermissionSetFacts {
    id: string;
    name: string;
    /** PermissionSet.LicenseId: a UserLicense or a PermissionSetLicense Id, or null. */
    licenseId: string | null;
    isOwnedByProfile: boolean;
}

export interface AssigneeFacts {
    id: string;
    /** The license of the assignee's profile. */
    userLicenseId: string;
    /** PermissionSetLicense Ids the assignee holds (PermissionSetLicenseAssign). */
    permissionSetLicenseIds: ReadonlySet<string>;
}

/** Key of an assignment for the uniqueness rule: one per assignee and permission set (or group). */
export function assignmentKey(assigneeId: string, permissionSetOrGroupId: string): string {
    return `${assigneeId}:${permissionSetOrGroupId}`;
}

/** Whether the assignee's license lets it hold the permission set. */
export function licenseAllows(permissionSet: PermissionSetFacts, assignee: AssigneeFacts): boolean {
    const licenseId = permissionSet.licenseId;
    return (
        licenseId === null || licenseId === assignee.userLicenseId || assignee.permissionSetLicenseIds.has(licenseId)
    );
}

/**
 * The error inserting this assignment raises, or null when the platform accepts it.
 * @param components for a permission set group, the permission sets it contains; for a permission set, itself
 * @param existingKeys assignment keys that already exist (see assignmentKey)
 */
export function assignmentError(
    assignee: AssigneeFacts,
    assignedId: string,
    components: readonly PermissionSetFacts[],
    existingKeys: ReadonlySet<string>
): PlatformError | null {
    if (components.some((ps) => ps.isOwnedByProfile)) {
        return platformError('profileOwnedPermissionSet', ['PermissionSetId']);
    }
    const refused = components.find((ps) => !licenseAllows(ps, assignee));
    if (refused) {
        return platformError('permissionSetOfOtherLicense', ['PermissionSetId'], refused.name);
    }
    if (existingKeys.has(assignmentKey(assignee.id, assignedId))) {
        return platformError('duplicateAssignment', ['AssigneeId', 'PermissionSetId'], assignee.id, assignedId);
    }
    return null;
}
