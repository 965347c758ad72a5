/**
 * Permission set licenses (PSLs): the few a fresh local org holds, and which PermissionSetLicenseAssign inserts the
 * platform accepts.
 *
 * Object reference (PermissionSetLicense: TotalLicenses, UsedLicenses "the number of this permission set license
 * currently assigned to users"; PermissionSetLicenseAssign: create and delete, no update, one row per user and PSL):
 * https://developer.salesforce.com/docs/platform/object-reference/references/standard-objects/object-permissionsetlicense.html
 * https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_permissionsetlicenseassign.htm
 *
 * The labels and the user licenses each PSL serves come from Salesforce Help (sources per entry). DeveloperName and
 * PermissionSetLicenseKey are not documented: the local org makes them up from the label. The seat counts are ours
 * (a real org's come from its contract). Assigning a PSL to a user whose license is not documented for it is not
 * emulated (an EmulatorError): the platform refuses some of these, with a text we have not seen.
 */
import type { LicenseFamily } from './licenses';
import { platformError, type PlatformError } from './errors';

export interface PermissionSetLicenseDefinition {
    /** PermissionSetLicense.MasterLabel, as Salesforce Help names the license. */
    label: string;
    /** DeveloperName and PermissionSetLicenseKey (made up here: undocumented). */
    developerName: string;
    /** The user license families documented for its users (each family's Login variant included). */
    families: readonly LicenseFamily[];
    /** TotalLicenses in a fresh local org. */
    seats: number;
    /** Where Salesforce documents the license and its users. */
    source: string;
}

/**
 * "Each license has a 'login' version that provides identical access levels" (Industries object access by license:
 * https://help.salesforce.com/s/articleView?id=ind.industries_object_access_by_license.htm&type=5), so a family
 * covers both variants.
 */
export const BASELINE_PERMISSION_SET_LICENSES: readonly PermissionSetLicenseDefinition[] = [
    {
        label: 'Health Cloud for Experience Cloud Sites',
        developerName: 'HealthCloudForExperienceCloudSites',
        families: ['CustomerCommunity', 'CustomerCommunityPlus'],
        seats: 300,
        source: 'https://help.salesforce.com/s/articleView?id=ind.hc_virtual_care_add_users_for_video_visit_self_service_experience_site.htm&type=5'
    },
    {
        // Few seats on purpose: tests can run it out with a handful of users.
        label: 'Salesforce Scheduler',
        developerName: 'SalesforceScheduler',
        families: ['Salesforce', 'CustomerCommunityPlus', 'PartnerCommunity'],
        seats: 3,
        source: 'https://help.salesforce.com/s/articleView?id=platform.ls_licenses_for_salesforce_scheduler.htm&type=5'
    }
];

/** What the insert rule needs to know about one PermissionSetLicenseAssign row. */
export interface LicenseAssignmentFacts {
    assigneeId: string;
    licenseId: string;
    /** PermissionSetLicense.TotalLicenses. */
    totalLicenses: number;
    /** Assignments of this PSL that exist now (before this row). */
    usedLicenses: number;
    /** Whether the assignee already holds this PSL. */
    alreadyHeld: boolean;
}

/**
 * The error inserting this assignment raises, or null: a second assignment of the same PSL to a user is a
 * DUPLICATE_VALUE (one row per user and PSL), and one past TotalLicenses is LICENSE_LIMIT_EXCEEDED (the status code
 * the API documents for exceeding licenses; the text is ours).
 */
export function licenseAssignmentError(facts: LicenseAssignmentFacts): PlatformError | null {
    if (facts.alreadyHeld) {
        return platformError('duplicateLicenseAssignment', ['AssigneeId', 'PermissionSetLicenseId'], facts.assigneeId);
    }
    if (facts.usedLicenses + 1 > facts.totalLicenses) {
        return platformError('permissionSetLicenseLimitExceeded', ['PermissionSetLicenseId'], facts.licenseId);
    }
    return null;
}

/** The definition behind a PSL row (by DeveloperName), or undefined for a PSL the local org did not seed. */
export function permissionSetLicenseNamed(developerName: string): PermissionSetLicenseDefinition | undefined {
    return BASELINE_PERMISSION_SET_LICENSES.find((d) => d.developerName === developerName);
}
