/**
 * MIXED_DML_OPERATION: DML on setup objects cannot share a transaction with DML on other objects
 * (https://developer.salesforce.com/docs/platform/apex-dev/references/apex-dev/apex-dml-non-mix-sobjects.html).
 * User counts as a setup object when it is inserted with a role or updated in UserRoleId, IsActive, ForecastEnabled,
 * IsPortalEnabled, Username or ProfileId; Group insert and update mix freely. In tests, System.runAs starts a fresh
 * mixing context ("Using the runAs Method"), which the runtime signals with `reset()`.
 * Deletes are treated like the other operations: the current guide names no exception for them.
 */
import { platformError, type PlatformError } from './errors';

/** Setup objects, lower-cased: the guide's list plus the permission objects noted below. */
export const SETUP_OBJECTS: ReadonlySet<string> = new Set(
    [
        'AuthSession',
        'ContentWorkspace',
        'FieldPermissions',
        'ForecastingShare',
        'Group',
        'GroupMember',
        'ObjectPermissions',
        'ObjectTerritory2AssignmentRule',
        'ObjectTerritory2AssignmentRuleItem',
        'PermissionSet',
        'PermissionSetAssignment',
        'QueueSObject',
        'RuleTerritory2Association',
        'SetupEntityAccess',
        'Territory',
        'Territory2',
        'Territory2Model',
        'User',
        'UserRole',
        'UserTerritory2Association',
        // Not named by the guide, whose list "is not exhaustive", but they grant access exactly as
        // PermissionSetAssignment does; treated as setup so the local org is never more lenient than an org.
        'PermissionSetGroup',
        'PermissionSetGroupComponent',
        'PermissionSetLicenseAssign'
    ].map((name) => name.toLowerCase())
);

/** User fields whose change makes a User update a setup operation, lower-cased. */
export const USER_SETUP_FIELDS: ReadonlySet<string> = new Set(
    ['UserRoleId', 'IsActive', 'ForecastEnabled', 'IsPortalEnabled', 'Username', 'ProfileId'].map((f) =>
        f.toLowerCase()
    )
);

export type DmlOperation = 'insert' | 'update' | 'upsert' | 'delete' | 'undelete';
export type DmlCategory = 'setup' | 'nonSetup' | 'neutral';

/**
 * The category of one DML operation on one object.
 * @param changedFields for updates, the lower-cased fields whose value changes
 * @param insertsWithRole for User inserts, whether any row sets UserRoleId
 */
export function dmlCategory(
    operation: DmlOperation,
    sobjectType: string,
    changedFields: ReadonlySet<string> = new Set(),
    insertsWithRole = false
): DmlCategory {
    const type = sobjectType.toLowerCase();
    if (!SETUP_OBJECTS.has(type)) return 'nonSetup';
    if (type === 'group' && (operation === 'insert' || operation === 'update')) return 'neutral';
    if (type === 'user') {
        if (operation === 'insert') return insertsWithRole ? 'setup' : 'neutral';
        if (operation === 'update' || operation === 'upsert') {
            return [...changedFields].some((f) => USER_SETUP_FIELDS.has(f)) ? 'setup' : 'neutral';
        }
    }
    return 'setup';
}

/** Tracks, for one transaction, which kind of DML came first. */
export class MixedDmlTracker {
    private first: { category: 'setup' | 'nonSetup'; sobjectType: string } | null = null;

    /** Records a DML operation; returns the MIXED_DML_OPERATION error when it mixes with an earlier one. */
    record(category: DmlCategory, sobjectType: string): PlatformError | null {
        if (category === 'neutral') return null;
        if (this.first === null) {
            this.first = { category, sobjectType };
            return null;
        }
        if (this.first.category === category) return null;
        return platformError('mixedDml', [], sobjectType, this.first.sobjectType);
    }

    /** A new mixing context: System.runAs in a test, or a new transaction. */
    reset(): void {
        this.first = null;
    }
}
