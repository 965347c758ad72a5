/**
 * What happens when a user's ProfileId moves to a profile of another license.
 *
 * Allowed in place (the same User record keeps its username, password, records and Chatter history):
 *  - CspLitePortal users (Customer Community, High Volume Customer Portal, External Identity, …) to Customer Community
 *    Plus or Partner Community: "Upgrade Community User Licenses" (Summer '17 release note, seed) and
 *    https://help.salesforce.com/s/articleView?id=platform.networks_license_upgrade_eligible.htm&type=5.
 *    "An upgrade to a license that requires a role is irreversible."
 *  - Member ↔ Login within one community family: "Migrate Community Users Between Licenses"
 *    (https://help.salesforce.com/s/articleView?id=platform.networks_migrate_users_between_licenses.htm&type=5).
 * Everything else is refused with the FIELD_INTEGRITY_EXCEPTION of KB 000386999, including legacy Customer/Partner
 * Portal → community ("requires the creation of a new user record", same article), role-based → CspLitePortal
 * (irreversible upgrade), internal ↔ external and Guest. Moves between two role-based families (Customer Community
 * Plus ↔ Partner Community) are not documented either way, so they are refused until a scratch org shows otherwise.
 *
 * A license change removes the user's permission set, permission set group and permission set license assignments
 * ("This step deletes all permission set assignments", migrate article; "A license upgrade removes sharing sets,
 * permission sets, and permission set license assignments", upgrade release note). The profile's own permission set
 * stays, as it belongs to the new profile.
 */
import { platformError, type PlatformError } from './errors';
import { needsPortalRole, type LicenseFamily, type UserType } from './licenses';

/** What the rules need to know of a license. */
export interface LicenseFacts {
    id: string;
    name: string;
    userType: UserType;
    family: LicenseFamily | null;
    loginBased: boolean;
}

export type ProfileChangeVerdict =
    | { kind: 'sameLicense' }
    | { kind: 'inPlace'; move: 'upgrade' | 'memberLogin'; needsRole: boolean; irreversible: boolean }
    | { kind: 'refused'; why: string; error: PlatformError };

const COMMUNITY_FAMILIES: ReadonlySet<LicenseFamily> = new Set([
    'CustomerCommunity',
    'CustomerCommunityPlus',
    'PartnerCommunity'
]);
const UPGRADE_TARGETS: ReadonlySet<LicenseFamily> = new Set(['CustomerCommunityPlus', 'PartnerCommunity']);

function refused(why: string): ProfileChangeVerdict {
    return { kind: 'refused', why, error: platformError('profileOfOtherLicense', ['ProfileId']) };
}

/** Whether (and how) a user on `from` may be given a profile of `to`. */
export function profileChangeVerdict(from: LicenseFacts, to: LicenseFacts): ProfileChangeVerdict {
    if (from.id === to.id) {
        return { kind: 'sameLicense' };
    }
    const sameFamily = from.family !== null && from.family === to.family && COMMUNITY_FAMILIES.has(from.family);
    if (sameFamily && from.loginBased !== to.loginBased) {
        return { kind: 'inPlace', move: 'memberLogin', needsRole: needsPortalRole(to.userType), irreversible: false };
    }
    if (from.userType === 'CspLitePortal' && to.family !== null && UPGRADE_TARGETS.has(to.family)) {
        return { kind: 'inPlace', move: 'upgrade', needsRole: true, irreversible: true };
    }
    if (from.userType === 'Guest' || to.userType === 'Guest') {
        return refused('Guest users never change license.');
    }
    if ((from.userType === 'Standard') !== (to.userType === 'Standard')) {
        return refused('Internal and external users cannot trade licenses; a new user is needed.');
    }
    if (needsPortalRole(from.userType) && to.userType === 'CspLitePortal') {
        return refused(`${from.name} to ${to.name}: an upgrade to a role-based license is irreversible.`);
    }
    const portals: (LicenseFamily | null)[] = ['CustomerPortal', 'PartnerPortal'];
    if (portals.includes(from.family) || portals.includes(to.family)) {
        return refused('Customer or Partner Portal to a community license requires a new user record.');
    }
    return refused(`${from.name} to ${to.name} is not a documented in-place move.`);
}

/** An assignment as the cleanup rule sees it. */
export interface AssignmentFacts {
    id: string;
    /** The permission set is the profile's own (PermissionSet.IsOwnedByProfile). */
    ownedByProfile: boolean;
}

/**
 * The assignments a license change deletes: every permission set and group assignment not owned by the profile,
 * and every permission set license assignment.
 */
export function assignmentsRemovedByLicenseChange(
    permissionSetAssignments: readonly AssignmentFacts[],
    permissionSetLicenseAssignmentIds: readonly string[]
): { permissionSetAssignmentIds: string[]; permissionSetLicenseAssignmentIds: string[] } {
    return {
        permissionSetAssignmentIds: permissionSetAssignments.filter((a) => !a.ownedByProfile).map((a) => a.id),
        permissionSetLicenseAssignmentIds: [...permissionSetLicenseAssignmentIds]
    };
}
