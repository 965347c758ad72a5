/**
 * Portal roles of role-based external users (Customer Community Plus, Partner Community).
 *
 * - Without a role given, "we assign the lowest role in the account hierarchy to the user. If no roles exist on the
 *   account, we create one for you" (Upgrade Community User Licenses, seed); roles are created bottom-up, at most 3
 *   per account (User object reference, Usage), named "<Account> Customer|Partner User/Manager/Executive"
 *   (KB https://help.salesforce.com/s/articleView?id=005167124&type=1; the release note writes "Partner <Account Name>
 *   User": the KB's form is used, conflict noted in the LEDGER).
 * - The portal account owner must have a role: "portal account owner must have a role" (KB 000389462).
 * - Partner users need the account enabled as a partner account (upgrade release note).
 * - CspLitePortal users have no role (platform-facts §5).
 * How many roles the first enablement creates follows Setup's "Number of customer/partner roles" (1–3); the local
 * org's default of 3 is an assumption.
 */
import { platformError, type PlatformError } from './errors';
import { needsPortalRole, type UserType } from './licenses';

export type PortalType = 'CustomerPortal' | 'Partner';
export type PortalRoleLevel = 'Executive' | 'Manager' | 'User';

export interface PortalRoleFacts {
    id: string;
    name: string;
    portalAccountId: string;
    portalType: PortalType;
    portalRole: PortalRoleLevel;
}

export interface PortalAccountFacts {
    id: string;
    name: string;
    isPartner: boolean;
    ownerHasRole: boolean;
}

/** A role the platform creates, top first. */
export interface NewPortalRole {
    name: string;
    portalAccountId: string;
    portalType: PortalType;
    portalRole: PortalRoleLevel;
}

export type RoleDecision =
    | { kind: 'none' }
    | { kind: 'existing'; roleId: string }
    | { kind: 'create'; roles: NewPortalRole[]; assign: PortalRoleLevel }
    | { kind: 'error'; error: PlatformError };

const LEVELS_BOTTOM_UP: PortalRoleLevel[] = ['User', 'Manager', 'Executive'];

export function portalTypeOf(userType: UserType): PortalType | null {
    if (userType === 'PowerPartner') return 'Partner';
    if (userType === 'PowerCustomerSuccess' || userType === 'CustomerSuccess') return 'CustomerPortal';
    return null;
}

/** The platform's name for an account's portal role. */
export function portalRoleName(accountName: string, portalType: PortalType, level: PortalRoleLevel): string {
    return `${accountName} ${portalType === 'Partner' ? 'Partner' : 'Customer'} ${level}`;
}

/**
 * The role a user of `userType` on `account` ends with when the DML asks for `requestedRoleId` (null: none given).
 * @param accountRoles the portal roles that already exist for the account
 * @param rolesPerAccount Setup's "Number of customer/partner roles" (1–3)
 */
export function decidePortalRole(
    userType: UserType,
    account: PortalAccountFacts,
    requestedRoleId: string | null,
    accountRoles: readonly PortalRoleFacts[],
    rolesPerAccount = 3
): RoleDecision {
    const portalType = portalTypeOf(userType);
    if (!needsPortalRole(userType) || portalType === null) {
        return requestedRoleId === null
            ? { kind: 'none' }
            : { kind: 'error', error: platformError('roleOnNonRoleLicense', ['UserRoleId']) };
    }
    if (!account.ownerHasRole) {
        return { kind: 'error', error: platformError('portalOwnerWithoutRole', []) };
    }
    if (portalType === 'Partner' && !account.isPartner) {
        return { kind: 'error', error: platformError('accountNotPartner', ['ContactId'], account.name) };
    }
    const ofType = accountRoles.filter((r) => r.portalAccountId === account.id && r.portalType === portalType);
    if (requestedRoleId !== null) {
        return ofType.some((r) => r.id === requestedRoleId)
            ? { kind: 'existing', roleId: requestedRoleId }
            : { kind: 'error', error: platformError('invalidPortalRole', ['UserRoleId']) };
    }
    for (const level of LEVELS_BOTTOM_UP) {
        const lowest = ofType.find((r) => r.portalRole === level);
        if (lowest) return { kind: 'existing', roleId: lowest.id };
    }
    const count = Math.min(3, Math.max(1, rolesPerAccount));
    const roles = LEVELS_BOTTOM_UP.slice(0, count)
        .reverse()
        .map((level) => ({
            name: portalRoleName(account.name, portalType, level),
            portalAccountId: account.id,
            portalType,
            portalRole: level
        }));
    return { kind: 'create', roles, assign: 'User' };
}
