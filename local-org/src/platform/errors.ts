/**
 * Platform errors raised by the Experience Cloud user model, in the shape of a Database.Error:
 * a status code, a message and the fields involved. Each message records where its text comes from and how sure we
 * are of it, so a scratch-org parity run can correct the text without touching the rules.
 */

export interface PlatformError {
    statusCode: string;
    message: string;
    fields: string[];
}

export type TextConfidence = 'official' | 'community' | 'unverified';

interface MessageSpec {
    statusCode: string;
    text: string;
    confidence: TextConfidence;
    source: string;
}

/** The messages of the user platform model. `{0}`-style holes are filled by `platformError`. */
export const MESSAGES = {
    profileOfOtherLicense: {
        statusCode: 'FIELD_INTEGRITY_EXCEPTION',
        text: 'You can only reassign this user to a profile of the current license.',
        confidence: 'official',
        source: 'https://help.salesforce.com/s/articleView?id=000386999&type=1'
    },
    licenseLimitExceeded: {
        statusCode: 'LICENSE_LIMIT_EXCEEDED',
        text: 'License Limit Exceeded',
        confidence: 'unverified',
        source: 'https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/sforce_api_calls_concepts_core_data_objects.htm'
    },
    portalOwnerWithoutRole: {
        statusCode: 'UNKNOWN_EXCEPTION',
        text: 'portal account owner must have a role',
        confidence: 'official',
        source: 'https://help.salesforce.com/s/articleView?id=000389462&type=1'
    },
    accountNotPartner: {
        statusCode: 'FIELD_INTEGRITY_EXCEPTION',
        text: 'The account {0} must be enabled as a partner account before it can have partner users.',
        confidence: 'unverified',
        source: 'https://help.salesforce.com/s/articleView?id=platform.networks_license_upgrade_eligible.htm&type=5'
    },
    tooManyPortalRoles: {
        statusCode: 'FIELD_INTEGRITY_EXCEPTION',
        text: 'An account can have at most 3 portal roles.',
        confidence: 'unverified',
        source: 'https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_user.htm'
    },
    contactRequired: {
        statusCode: 'FIELD_INTEGRITY_EXCEPTION',
        text: 'A user with an external (portal or community) license must have a contact.',
        confidence: 'unverified',
        source: 'https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_user.htm'
    },
    portalUserExistsForContact: {
        statusCode: 'PORTAL_USER_ALREADY_EXISTS_FOR_CONTACT',
        text: 'portal user already exists for contact',
        confidence: 'unverified',
        source: 'https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/sforce_api_calls_concepts_core_data_objects.htm'
    },
    duplicateUsername: {
        statusCode: 'DUPLICATE_USERNAME',
        text: "Duplicate Username.<br>The username already exists in this or another Salesforce organization. Usernames must be unique across all Salesforce organizations. To resolve, use a different username (it doesn't need to match the user's email address).",
        confidence: 'community',
        source: 'https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/sforce_api_calls_concepts_core_data_objects.htm'
    },
    permissionSetOfOtherLicense: {
        statusCode: 'FIELD_INTEGRITY_EXCEPTION',
        text: "The user license doesn't allow the permission set {0}.",
        confidence: 'unverified',
        source: 'https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/sforce_api_objects_permissionsetassignment.htm'
    },
    duplicateAssignment: {
        statusCode: 'DUPLICATE_VALUE',
        text: 'Duplicate PermissionSetAssignment. Assignee: {0}; Permission Set: {1}',
        confidence: 'community',
        source: 'https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/sforce_api_objects_permissionsetassignment.htm'
    },
    duplicateLicenseAssignment: {
        statusCode: 'DUPLICATE_VALUE',
        text: 'The user {0} already has this permission set license.',
        confidence: 'unverified',
        source: 'https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_permissionsetlicenseassign.htm'
    },
    permissionSetLicenseLimitExceeded: {
        statusCode: 'LICENSE_LIMIT_EXCEEDED',
        text: 'No more licenses are available for the permission set license {0}.',
        confidence: 'unverified',
        source: 'https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/sforce_api_calls_concepts_core_data_objects.htm'
    },
    profileOwnedPermissionSet: {
        statusCode: 'INVALID_CROSS_REFERENCE_KEY',
        text: "You can't assign or unassign this permission set because it's associated with a profile.",
        confidence: 'unverified',
        source: 'https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/sforce_api_objects_permissionsetassignment.htm'
    },
    invalidPortalRole: {
        statusCode: 'FIELD_INTEGRITY_EXCEPTION',
        text: "The role must be a portal role of the user's account.",
        confidence: 'unverified',
        source: 'https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_role.htm'
    },
    networkMemberNotDeletable: {
        statusCode: 'INVALID_OPERATION',
        text: 'DML operation {0} not allowed on NetworkMember',
        confidence: 'unverified',
        source: 'https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/apex_dml_non_dml_objects.htm'
    },
    networkMemberGroupDml: {
        statusCode: 'INVALID_OPERATION',
        text: 'DML operation {0} not allowed on NetworkMemberGroup',
        confidence: 'unverified',
        source: 'https://sfdcian.com/manage-community-member-programmatically/'
    },
    roleOnNonRoleLicense: {
        statusCode: 'FIELD_INTEGRITY_EXCEPTION',
        text: "A user with this license can't have a role.",
        confidence: 'unverified',
        source: 'https://help.salesforce.com/s/articleView?id=platform.networks_licenses_limitations.htm&type=5'
    },
    mixedDml: {
        statusCode: 'MIXED_DML_OPERATION',
        text: 'DML operation on setup object is not permitted after you have updated a non-setup object (or vice versa): {0}, original object: {1}',
        confidence: 'community',
        source: 'https://developer.salesforce.com/docs/platform/apex-dev/references/apex-dev/apex-dml-non-mix-sobjects.html'
    }
} satisfies Record<string, MessageSpec>;

export type MessageKey = keyof typeof MESSAGES;

/** A platform error from the catalogue, with `{n}` holes filled in order. */
export function platformError(key: MessageKey, fields: string[], ...args: string[]): PlatformError {
    const spec: MessageSpec = MESSAGES[key];
    const message = spec.text.replace(/\{(\d+)\}/g, (_, i: string) => args[Number(i)] ?? '');
    return { statusCode: spec.statusCode, message, fields };
}
