/**
 * The records every fresh org holds before any code runs: the Organization, the baseline user licenses with their
 * standard profiles, a top role, the running administrator, and the project's permission sets and custom
 * permissions (with their SetupEntityAccess grants). Tests see these setup records without SeeAllData.
 * Test data visibility: https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/apex_testing_data_access.htm
 */
import { readAccessMetadata } from '../metadata/permission-sets';
import type { FieldValue } from '../org/values';
import type { SRecord } from '../org/store';
import { BASELINE_LICENSES } from '../platform/licenses';
import { BASELINE_PERMISSION_SET_LICENSES } from '../platform/permission-set-licenses';
import { DEFAULT_USER } from '../stdlib/system';
import type { OrgData } from './org-data';
import { profilePermissionSetId, recountSeats } from './dml-rules';

/** The user the transaction runs as (UserInfo reads DEFAULT_USER, which this keeps in step). */
export const runningUser = DEFAULT_USER;

/** Ids of the baseline records, for the loader and System.runAs. */
export const baselineIds = { adminUserId: '', adminProfileId: '', orgId: '', topRoleId: '' };

export function seedBaseline(org: OrgData, sourceDirs: string[]): void {
    const store = org.store;
    const ins = (type: string, fields: Record<string, FieldValue>): string => store.insert(type, fields).id;
    baselineIds.orgId = ins('Organization', {
        Name: DEFAULT_USER.orgName,
        OrganizationType: 'Enterprise Edition',
        IsSandbox: false,
        TimeZoneSidKey: 'America/Los_Angeles',
        LanguageLocaleKey: 'en_US',
        DefaultLocaleSidKey: 'en_US'
    });
    const profiles = new Map<string, string>();
    for (const lic of BASELINE_LICENSES) {
        const licenseId = ins('UserLicense', {
            Name: lic.name,
            MasterLabel: lic.name,
            LicenseDefinitionKey: lic.licenseDefinitionKey,
            Status: 'Active',
            TotalLicenses: lic.defaultSeats,
            UsedLicenses: 0
        });
        for (const p of lic.standardProfiles)
            profiles.set(p, ins('Profile', { Name: p, UserLicenseId: licenseId, UserType: lic.userType }));
    }
    // Every profile owns a permission set (dml-rules.ts), made before any user holds it. Only System Administrator's
    // grants the system permissions the local org models (Manage Users, View Setup and Configuration, Modify All
    // Data); the other standard profiles hold none of them here (ledger SYSP rows).
    for (const [name, profileId] of profiles) {
        const setId = profilePermissionSetId(store, profileId);
        if (name === 'System Administrator') store.update(setId, ADMIN_SYSTEM_PERMISSIONS);
    }
    baselineIds.adminProfileId = profiles.get('System Administrator')!;
    baselineIds.topRoleId = ins('UserRole', {
        Name: 'CEO',
        DeveloperName: 'CEO',
        PortalType: 'None',
        OpportunityAccessForAccountOwner: 'Edit'
    });
    baselineIds.adminUserId = ins('User', {
        Username: DEFAULT_USER.userName,
        FirstName: DEFAULT_USER.firstName,
        LastName: DEFAULT_USER.lastName,
        Alias: 'ladmin',
        CommunityNickname: 'ladmin',
        Email: DEFAULT_USER.email,
        EmailEncodingKey: 'UTF-8',
        LanguageLocaleKey: 'en_US',
        LocaleSidKey: 'en_US',
        TimeZoneSidKey: 'America/Los_Angeles',
        ProfileId: baselineIds.adminProfileId,
        UserRoleId: baselineIds.topRoleId,
        IsActive: true,
        UserType: 'Standard'
    });
    recountSeats(store);
    // Permission set licenses (platform/permission-set-licenses.ts): Active, none assigned yet.
    for (const psl of BASELINE_PERMISSION_SET_LICENSES) {
        ins('PermissionSetLicense', {
            DeveloperName: psl.developerName,
            MasterLabel: psl.label,
            PermissionSetLicenseKey: psl.developerName,
            Status: 'Active',
            TotalLicenses: psl.seats,
            UsedLicenses: 0
        });
    }
    DEFAULT_USER.id = baselineIds.adminUserId;
    DEFAULT_USER.profileId = baselineIds.adminProfileId;
    DEFAULT_USER.orgId = baselineIds.orgId;
    DEFAULT_USER.roleId = baselineIds.topRoleId;

    const access = readAccessMetadata(sourceDirs);
    const customPermissionIds = new Map<string, string>();
    for (const cp of access.customPermissions) {
        customPermissionIds.set(
            cp.name.toLowerCase(),
            ins('CustomPermission', { DeveloperName: cp.name, MasterLabel: cp.label, Description: cp.description })
        );
    }
    const licenseIds = new Map<string, string>();
    for (const rec of store.rows('UserLicense')) licenseIds.set(String(rec.values.get('name')), rec.id);
    for (const ps of access.permissionSets) {
        const psId = ins('PermissionSet', {
            Name: ps.name,
            Label: ps.label,
            Description: ps.description,
            IsOwnedByProfile: false,
            IsCustom: true,
            Type: 'Regular',
            HasActivationRequired: ps.hasActivationRequired,
            LicenseId: ps.license ? (licenseIds.get(ps.license) ?? null) : null,
            ...systemPermissions(ps.userPermissions)
        });
        if (ps.license && !licenseIds.has(ps.license))
            throw new Error(`${ps.file}: permission set license ${ps.license} is not a baseline user license`);
        for (const cp of ps.customPermissions) {
            ins('SetupEntityAccess', {
                ParentId: psId,
                SetupEntityId: customPermissionIds.get(cp.toLowerCase())!,
                SetupEntityType: 'CustomPermission'
            });
        }
    }
}

/** The system permissions modelled as PermissionSet fields, by their metadata name (`<userPermissions><name>`). */
const SYSTEM_PERMISSION_FIELDS: Record<string, string> = {
    ManageUsers: 'PermissionsManageUsers',
    ViewSetup: 'PermissionsViewSetup',
    ModifyAllData: 'PermissionsModifyAllData'
};

const ADMIN_SYSTEM_PERMISSIONS: Record<string, FieldValue> = Object.fromEntries(
    Object.values(SYSTEM_PERMISSION_FIELDS).map((f) => [f, true])
);

/** A project permission set's modelled system permissions (the others it enables are not modelled). */
function systemPermissions(enabled: string[]): Record<string, FieldValue> {
    const out: Record<string, FieldValue> = {};
    for (const name of enabled) if (SYSTEM_PERMISSION_FIELDS[name]) out[SYSTEM_PERMISSION_FIELDS[name]] = true;
    return out;
}

type UserInfoFields = typeof DEFAULT_USER;

/** System.runAs: UserInfo now reports this User record; returns what to restore afterwards. */
export function switchUser(rec: SRecord): UserInfoFields {
    const saved = { ...DEFAULT_USER };
    const text = (k: string): string => {
        const v = rec.values.get(k);
        return v === null || v === undefined ? '' : String(v);
    };
    DEFAULT_USER.id = rec.id;
    DEFAULT_USER.userName = text('username');
    DEFAULT_USER.name = text('name');
    DEFAULT_USER.firstName = text('firstname');
    DEFAULT_USER.lastName = text('lastname');
    DEFAULT_USER.email = text('email');
    DEFAULT_USER.profileId = text('profileid');
    DEFAULT_USER.userType = text('usertype');
    DEFAULT_USER.roleId = text('userroleid') || null;
    return saved;
}

export function restoreUser(saved: UserInfoFields): void {
    Object.assign(DEFAULT_USER, saved);
}
