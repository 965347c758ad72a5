/**
 * Site (Network) membership of users: NetworkMember rows are derived, never written.
 *
 * "Adding a profile or permission set to a site makes every user with it a member, and new users who get that
 * profile or permission set join automatically" (https://help.salesforce.com/apex/HTViewHelpDoc?id=networks_customize_members.htm);
 * the links are NetworkMemberGroup rows whose ParentId is a Profile or a PermissionSet
 * (https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_networkmembergroup.htm).
 * NetworkMember supports query, retrieve and update only (Object Reference) — "NetworkMember (allows update only)"
 * (https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/apex_dml_non_dml_objects.htm).
 *
 * Whether a profile change removes the old site's row is contested: the seed runbook says stale rows stay, KB 000390958
 * says a profile change re-triggers membership. The local org makes it a mode and defaults to the harder case.
 */
import { platformError, type PlatformError } from './errors';

export type StaleMembershipMode = 'staleRowsStay' | 'recompute';

export interface MemberGroupFacts {
    networkId: string;
    /** A Profile or PermissionSet Id. */
    parentId: string;
}

/** The sites a user with this profile and these permission sets belongs to. */
export function networksGranted(
    profileId: string,
    permissionSetIds: Iterable<string>,
    memberGroups: readonly MemberGroupFacts[]
): Set<string> {
    const parents = new Set<string>([profileId, ...permissionSetIds]);
    return new Set(memberGroups.filter((g) => parents.has(g.parentId)).map((g) => g.networkId));
}

/** NetworkMember rows to add and remove after a user's profile or permission sets change. */
export function membershipChanges(
    currentNetworkIds: ReadonlySet<string>,
    grantedNetworkIds: ReadonlySet<string>,
    mode: StaleMembershipMode
): { add: string[]; remove: string[] } {
    const add = [...grantedNetworkIds].filter((id) => !currentNetworkIds.has(id));
    const remove = mode === 'recompute' ? [...currentNetworkIds].filter((id) => !grantedNetworkIds.has(id)) : [];
    return { add, remove };
}

/** The per-row error of an insert or delete of NetworkMember (DML allows update only). */
export function networkMemberDmlError(operation: 'insert' | 'delete' | 'upsert' | 'undelete'): PlatformError {
    const verb = operation.charAt(0).toUpperCase() + operation.slice(1);
    return platformError('networkMemberNotDeletable', [], verb);
}
