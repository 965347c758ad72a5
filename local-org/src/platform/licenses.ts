/**
 * The user licenses a fresh Enterprise org with Experience Cloud holds, and what each implies.
 *
 * User.UserType is read-only and derived from the profile's license (Object Reference, User.UserType:
 * https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_user.htm).
 * Login variants share the UserType of their member license. Customer Community Plus is PowerCustomerSuccess and
 * Partner Community is PowerPartner: the documented upgrade targets of CspLitePortal users
 * (https://help.salesforce.com/s/articleView?id=platform.networks_license_upgrade_eligible.htm&type=5).
 * Keys: UserLicense object reference; the Customer Community Plus keys are undocumented (seen in public tooling).
 */

export type UserType =
    'Standard' | 'PowerPartner' | 'CspLitePortal' | 'CustomerSuccess' | 'PowerCustomerSuccess' | 'CsnOnly' | 'Guest';

/** A group of licenses between whose member and login variants users move in place. */
export type LicenseFamily =
    | 'Salesforce'
    | 'CustomerCommunity'
    | 'CustomerCommunityPlus'
    | 'PartnerCommunity'
    | 'HighVolumeCustomerPortal'
    | 'CustomerPortal'
    | 'PartnerPortal'
    | 'ExternalIdentity'
    | 'Guest';

export interface LicenseDefinition {
    /** UserLicense.Name and MasterLabel. */
    name: string;
    /** UserLicense.LicenseDefinitionKey; null where Salesforce does not document it. */
    licenseDefinitionKey: string | null;
    userType: UserType;
    family: LicenseFamily;
    /** Login-based (monthly logins) rather than member-based. */
    loginBased: boolean;
    /** Standard profiles the org gets with the license, by their real names. */
    standardProfiles: string[];
    /** Seats in a fresh org; configurable per local org. */
    defaultSeats: number;
}

/**
 * User types that must hold a portal role: Customer Community Plus, Partner Community and legacy portal managers.
 * CspLitePortal users have no role and share through sharing sets (platform-facts §5).
 */
export function needsPortalRole(userType: UserType): boolean {
    return userType === 'PowerCustomerSuccess' || userType === 'PowerPartner';
}

/** External users: community and portal user types, who must have a contact (Guest users have none). */
export function isExternal(userType: UserType): boolean {
    return (
        userType === 'PowerPartner' ||
        userType === 'CspLitePortal' ||
        userType === 'CustomerSuccess' ||
        userType === 'PowerCustomerSuccess'
    );
}

export const BASELINE_LICENSES: readonly LicenseDefinition[] = [
    {
        name: 'Salesforce',
        licenseDefinitionKey: 'SFDC',
        userType: 'Standard',
        family: 'Salesforce',
        loginBased: false,
        standardProfiles: ['System Administrator', 'Standard User'],
        defaultSeats: 20
    },
    {
        name: 'Customer Community',
        licenseDefinitionKey: 'PID_Customer_Community',
        userType: 'CspLitePortal',
        family: 'CustomerCommunity',
        loginBased: false,
        standardProfiles: ['Customer Community User'],
        defaultSeats: 1000
    },
    {
        name: 'Customer Community Login',
        licenseDefinitionKey: 'PID_Customer_Community_Login',
        userType: 'CspLitePortal',
        family: 'CustomerCommunity',
        loginBased: true,
        standardProfiles: ['Customer Community Login User'],
        defaultSeats: 1000
    },
    {
        name: 'Customer Community Plus',
        licenseDefinitionKey: 'PID_Customer_Community_Plus',
        userType: 'PowerCustomerSuccess',
        family: 'CustomerCommunityPlus',
        loginBased: false,
        standardProfiles: ['Customer Community Plus User'],
        defaultSeats: 200
    },
    {
        name: 'Customer Community Plus Login',
        licenseDefinitionKey: 'PID_Customer_Community_Plus_Login',
        userType: 'PowerCustomerSuccess',
        family: 'CustomerCommunityPlus',
        loginBased: true,
        standardProfiles: ['Customer Community Plus Login User'],
        defaultSeats: 200
    },
    {
        name: 'Partner Community',
        licenseDefinitionKey: 'PID_Partner_Community',
        userType: 'PowerPartner',
        family: 'PartnerCommunity',
        loginBased: false,
        standardProfiles: ['Partner Community User'],
        defaultSeats: 100
    },
    {
        name: 'Partner Community Login',
        licenseDefinitionKey: 'PID_Partner_Community_Login',
        userType: 'PowerPartner',
        family: 'PartnerCommunity',
        loginBased: true,
        standardProfiles: ['Partner Community Login User'],
        defaultSeats: 100
    },
    {
        name: 'High Volume Customer Portal',
        licenseDefinitionKey: null,
        userType: 'CspLitePortal',
        family: 'HighVolumeCustomerPortal',
        loginBased: false,
        standardProfiles: ['High Volume Customer Portal User'],
        defaultSeats: 100
    },
    {
        name: 'Customer Portal Manager Custom',
        licenseDefinitionKey: null,
        userType: 'PowerCustomerSuccess',
        family: 'CustomerPortal',
        loginBased: false,
        standardProfiles: ['Customer Portal Manager Custom'],
        defaultSeats: 50
    },
    {
        name: 'External Identity',
        licenseDefinitionKey: null,
        userType: 'CspLitePortal',
        family: 'ExternalIdentity',
        loginBased: false,
        standardProfiles: ['External Identity User'],
        defaultSeats: 1000
    },
    // The legacy Partner Portal license: key PID_STRATEGIC_PRM (UserLicense object reference), UserType PowerPartner
    // like Partner Community (platform-facts §2, ledger LIC-05); its users move to a community license only by
    // re-creation. Last in the list, so the records seeded before it keep their Ids.
    {
        name: 'Gold Partner',
        licenseDefinitionKey: 'PID_STRATEGIC_PRM',
        userType: 'PowerPartner',
        family: 'PartnerPortal',
        loginBased: false,
        standardProfiles: ['Gold Partner User'],
        defaultSeats: 50
    }
];

/** The baseline license of the given name (case-insensitive), or undefined. */
export function licenseNamed(name: string): LicenseDefinition | undefined {
    const lower = name.toLowerCase();
    return BASELINE_LICENSES.find((license) => license.name.toLowerCase() === lower);
}
