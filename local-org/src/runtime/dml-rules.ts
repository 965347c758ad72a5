/**
 * Platform rules the DML layer applies to single rows beyond field validation, each delegating to a pure module
 * of src/platform: which PermissionSetAssignment inserts the platform accepts (license-bound permission sets,
 * profile-owned permission sets, duplicates), and what a User's ProfileId change across licenses does.
 */
import type { SRecord, Store } from '../org/store';
import type { FieldValue } from '../org/values';
import type { PlatformError } from '../platform/errors';
import { type PermissionSetFacts, assignmentError, assignmentKey } from '../platform/permission-assignment';
import { type LicenseFacts, assignmentsRemovedByLicenseChange, profileChangeVerdict } from '../platform/profile-change';
import { type UserType, isExternal, licenseNamed } from '../platform/licenses';
import { type PortalRoleLevel, type PortalType, decidePortalRole } from '../platform/portal-roles';
import { platformError } from '../platform/errors';
import { ApexId } from '../stdlib/primitives/id';
import { EmulatorError } from './context';
import { licenseAssignmentInsertError } from './psl-rules';

function idText(v: FieldValue | undefined): string | null {
    return v === null || v === undefined ? null : String(v);
}

/**
 * The live rows of `objectName` whose reference field holds `id`, in insertion order (Ids grow per key prefix), read
 * through the store's index: O(rows found), not O(rows of the object).
 */
function rowsWith(store: Store, objectName: string, field: string, id: string): SRecord[] {
    const out: SRecord[] = [];
    for (const rid of [...store.lookup(objectName, field, id)].sort()) {
        const rec = store.getExact(rid);
        if (rec) out.push(rec);
    }
    return out;
}

function permissionSetFacts(store: Store, id: string): PermissionSetFacts | null {
    const rec = store.get(id);
    if (!rec) return null;
    return {
        id: rec.id,
        name: String(rec.values.get('name') ?? ''),
        licenseId: idText(rec.values.get('licenseid')),
        isOwnedByProfile: rec.values.get('isownedbyprofile') === true
    };
}

/** The platform error an insert of this PermissionSetAssignment raises, or null. */
function assignmentInsertError(store: Store, fields: ReadonlyMap<string, FieldValue>): PlatformError | null {
    const assigneeId = idText(fields.get('assigneeid'));
    const setId = idText(fields.get('permissionsetid'));
    const groupId = idText(fields.get('permissionsetgroupid'));
    const user = assigneeId ? store.get(assigneeId) : undefined;
    const assignedId = setId ?? groupId;
    if (!user || !assignedId) return null; // reference and required-field checks report these
    const profile = store.get(String(user.values.get('profileid')));
    const psLicenses = new Set<string>();
    for (const a of rowsWith(store, 'PermissionSetLicenseAssign', 'AssigneeId', user.id))
        psLicenses.add(String(a.values.get('permissionsetlicenseid')));
    const components: PermissionSetFacts[] = [];
    if (setId) {
        const ps = permissionSetFacts(store, setId);
        if (ps) components.push(ps);
    } else if (groupId) {
        for (const c of rowsWith(store, 'PermissionSetGroupComponent', 'PermissionSetGroupId', groupId)) {
            const ps = permissionSetFacts(store, String(c.values.get('permissionsetid')));
            if (ps) components.push(ps);
        }
    }
    // Only this assignee's assignments can make a duplicate (assignmentKey starts with the assignee).
    const existing = new Set<string>();
    for (const a of rowsWith(store, 'PermissionSetAssignment', 'AssigneeId', user.id)) {
        const target = idText(a.values.get('permissionsetgroupid')) ?? idText(a.values.get('permissionsetid'));
        if (target) existing.add(assignmentKey(String(a.values.get('assigneeid')), target));
    }
    const assignee = {
        id: user.id,
        userLicenseId: profile ? String(profile.values.get('userlicenseid')) : '',
        permissionSetLicenseIds: psLicenses
    };
    return assignmentError(assignee, assignedId, components, existing);
}

function licenseFacts(store: Store, profileId: string): LicenseFacts | null {
    const profile = store.get(profileId);
    const licenseId = profile ? idText(profile.values.get('userlicenseid')) : null;
    const license = licenseId ? store.get(licenseId) : undefined;
    if (!license) return null;
    const name = String(license.values.get('name') ?? '');
    const def = licenseNamed(name);
    return {
        id: license.id,
        name,
        userType: (def?.userType ?? profile!.values.get('usertype')) as LicenseFacts['userType'],
        family: def?.family ?? null,
        loginBased: def?.loginBased ?? false
    };
}

/**
 * A User update that changes ProfileId (platform/profile-change.ts): refused moves fail; accepted moves across
 * licenses set the new UserType and delete the assignments a license change removes. An upgrade to a role-based
 * license gets the account's lowest portal role, or the role it names when that role belongs to the account.
 */
function profileChange(store: Store, id: string, fields: Map<string, FieldValue>): PlatformError | null {
    const newProfile = idText(fields.get('profileid'));
    const user = store.get(id);
    if (!newProfile || !user) return null;
    const oldProfile = idText(user.values.get('profileid'));
    if (!oldProfile || oldProfile === newProfile) return null;
    const from = licenseFacts(store, oldProfile);
    const to = licenseFacts(store, newProfile);
    if (!from || !to) return null; // the reference check reports an unknown profile
    const verdict = profileChangeVerdict(from, to);
    if (verdict.kind === 'refused') return verdict.error;
    if (verdict.kind === 'sameLicense') return null;
    if (verdict.needsRole && (fields.get('userroleid') || !user.values.get('userroleid'))) {
        // The upgrade gives the user the account's lowest portal role (created when missing); a role sent with the
        // upgrade must be a portal role of the user's own account, as on insert.
        const withContact = new Map(fields);
        if (!withContact.has('contactid')) withContact.set('contactid', user.values.get('contactid') ?? null);
        const err = externalUser(store, to.userType, withContact, user.id);
        if (err) return err;
        fields.set('userroleid', withContact.get('userroleid') ?? null);
    }
    fields.set('usertype', to.userType);
    const psas = rowsWith(store, 'PermissionSetAssignment', 'AssigneeId', user.id).map((a) => {
        const ps = idText(a.values.get('permissionsetid'));
        const owned = ps ? store.get(ps)?.values.get('isownedbyprofile') === true : false;
        return { id: a.id, ownedByProfile: owned };
    });
    const pslas = rowsWith(store, 'PermissionSetLicenseAssign', 'AssigneeId', user.id).map((a) => a.id);
    const removed = assignmentsRemovedByLicenseChange(psas, pslas);
    for (const rid of [...removed.permissionSetAssignmentIds, ...removed.permissionSetLicenseAssignmentIds])
        store.delete(rid);
    return null;
}

/**
 * The portal side of a user with an external license (platform/portal-roles.ts): a Contact is required and holds
 * one user; the user's AccountId follows the contact; role-based licenses get the account's lowest portal role,
 * created (top-down, under the account owner's role) when the account has none.
 */
function externalUser(
    store: Store,
    userType: UserType,
    fields: Map<string, FieldValue>,
    selfId: string | null
): PlatformError | null {
    if (!isExternal(userType)) return null;
    const contactId = idText(fields.get('contactid'));
    if (!contactId) return platformError('contactRequired', ['ContactId']);
    const contact = store.get(contactId);
    if (contact && rowsWith(store, 'User', 'ContactId', contact.id).some((u) => u.id !== selfId))
        return platformError('portalUserExistsForContact', ['ContactId']);
    const accountId = contact ? idText(contact.values.get('accountid')) : null;
    const account = accountId ? store.get(accountId) : undefined;
    if (!account) throw new EmulatorError('an external user whose contact has no account is not emulated');
    fields.set('accountid', account.values.get('id') ?? null);
    const owner = store.get(String(account.values.get('ownerid')));
    const ownerRole = owner ? idText(owner.values.get('userroleid')) : null;
    const facts = {
        id: account.id,
        name: String(account.values.get('name') ?? ''),
        isPartner: account.values.get('ispartner') === true,
        ownerHasRole: ownerRole !== null
    };
    const roles = rowsWith(store, 'UserRole', 'PortalAccountId', account.id).map((r) => ({
        id: r.id,
        name: String(r.values.get('name') ?? ''),
        portalAccountId: account.id,
        portalType: r.values.get('portaltype') as PortalType,
        portalRole: r.values.get('portalrole') as PortalRoleLevel
    }));
    const requested = idText(fields.get('userroleid'));
    const decision = decidePortalRole(userType, facts, requested, roles);
    if (decision.kind === 'error') return decision.error;
    if (decision.kind === 'existing') fields.set('userroleid', ApexId.of(decision.roleId));
    if (decision.kind === 'create') {
        let parent = ownerRole;
        let assigned: string | null = null;
        for (const r of decision.roles) {
            const rec = store.insert('UserRole', {
                Name: r.name,
                ParentRoleId: parent,
                PortalType: r.portalType,
                PortalAccountId: account.id,
                PortalAccountOwnerId: owner?.id ?? null,
                PortalRole: r.portalRole,
                OpportunityAccessForAccountOwner: 'None'
            });
            parent = rec.id;
            if (r.portalRole === decision.assign) assigned = rec.id;
        }
        fields.set('userroleid', assigned ? ApexId.of(assigned) : null);
    }
    return null;
}

/**
 * Disabling an external user (IsPortalEnabled true to false): the platform deactivates the user and the user stops
 * holding its contact, so the contact can be enabled again as a new user (the contactless downgrade starts this way:
 * https://help.salesforce.com/s/articleView?id=platform.users_contactless_users_downgrade_users.htm&type=5). The
 * username the platform renames stays as it is here (stricter: it stays taken). Turning the flag back on is not
 * emulated and fails loudly.
 */
function portalDisable(store: Store, id: string, fields: Map<string, FieldValue>): void {
    if (!fields.has('isportalenabled')) return;
    const user = store.get(id);
    if (!user) return;
    const was = user.values.get('isportalenabled') === true;
    const now = fields.get('isportalenabled') === true;
    if (was === now) return;
    if (now) throw new EmulatorError('setting IsPortalEnabled to true on an existing user is not emulated');
    fields.set('isactive', false);
    fields.set('contactid', null);
    fields.set('accountid', null);
}

/** The license a profile belongs to. */
function licenseOfProfile(store: Store, profileId: string | null): string | null {
    const profile = profileId ? store.get(profileId) : undefined;
    return profile ? idText(profile.values.get('userlicenseid')) : null;
}

/**
 * An active user takes a seat of their profile's license; one more than UserLicense.TotalLicenses fails with
 * LICENSE_LIMIT_EXCEEDED.
 */
function seatError(store: Store, fields: ReadonlyMap<string, FieldValue>, selfId: string | null): PlatformError | null {
    const self = selfId ? store.get(selfId) : undefined;
    const value = (k: string): FieldValue => (fields.has(k) ? (fields.get(k) ?? null) : (self?.values.get(k) ?? null));
    if (value('isactive') === false) return null;
    const licenseId = licenseOfProfile(store, idText(value('profileid')));
    const license = licenseId ? store.get(licenseId) : undefined;
    if (!license) return null;
    const used = activeUsersOf(store, license.id, selfId);
    const total = Number(license.values.get('totallicenses') ?? 0);
    return used + 1 > total ? platformError('licenseLimitExceeded', []) : null;
}

/** The key of the store's active-users-by-profile index: a live active user's ProfileId, else none. */
export function activeUserProfile(u: SRecord): string | null {
    if (u.values.get('isactive') !== true || u.values.get('isdeleted') === true) return null;
    return idText(u.values.get('profileid'));
}

/** Active users whose profile has this ProfileId, from an index the store keeps through writes and snapshots. */
export function activeUsersOfProfile(store: Store, profileId: string): ReadonlySet<string> {
    return store.lookupBy('User', 'activeUserProfile', activeUserProfile, profileId);
}

/**
 * Active users whose profile holds this license (one user left out, e.g. the one being updated): a sum over the
 * license's profiles of the active-users-by-profile index, so O(profiles), not O(users).
 */
export function activeUsersOf(store: Store, licenseId: string, except: string | null = null): number {
    let n = 0;
    for (const profileId of store.lookup('Profile', 'UserLicenseId', licenseId)) {
        if (!store.getExact(profileId) || licenseOfProfile(store, profileId) !== licenseId) continue;
        const users = activeUsersOfProfile(store, profileId);
        n += users.size - (except !== null && users.has(except) ? 1 : 0);
    }
    return n;
}

/** Keeps UserLicense.UsedLicenses equal to the active users of each license (after User DML). */
export function recountSeats(store: Store): void {
    for (const lic of [...store.rows('UserLicense')]) {
        const n = activeUsersOf(store, lic.id);
        if (lic.values.get('usedlicenses') !== n) store.update(lic.id, { UsedLicenses: n });
    }
}

/**
 * A permission set group owns an aggregate PermissionSet (Type 'Group', PermissionSetGroupId = the group): made with
 * the group. PermissionSet object reference: "Type … Group: the permission set is a permission set group's
 * aggregate"; its Name is not documented, so the local org makes one up (`Group_<DeveloperName>`).
 * https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_permissionset.htm
 */
export function afterInsertRule(store: Store, objectName: string, id: string): void {
    if (objectName !== 'PermissionSetGroup') return;
    const group = store.get(id)!;
    store.insert('PermissionSet', {
        Name: `Group_${String(group.values.get('developername') ?? '')}`.slice(0, 80),
        Label: String(group.values.get('masterlabel') ?? ''),
        Type: 'Group',
        IsOwnedByProfile: false,
        IsCustom: true,
        PermissionSetGroupId: ApexId.of(id)
    });
}

/**
 * Deleting a permission set group takes its aggregate permission set with it. Deleting a group that is still
 * assigned is refused on the platform with an error whose text is not documented: not emulated.
 */
export function beforeDeleteRule(store: Store, objectName: string, id: string): void {
    if (objectName === 'PermissionSetAssignment') {
        const ps = idText(store.get(id)?.values.get('permissionsetid'));
        // The platform refuses it (error text not documented): fail loudly rather than answer.
        if (ps && store.get(ps)?.values.get('isownedbyprofile') === true)
            throw new EmulatorError("delete of a user's profile-owned PermissionSetAssignment is not emulated");
        return;
    }
    if (objectName !== 'PermissionSetGroup') return;
    if (store.lookup('PermissionSetAssignment', 'PermissionSetGroupId', id).size > 0)
        throw new EmulatorError('delete of an assigned permission set group is not emulated');
    const setId = groupPermissionSetId(store, id);
    if (setId) store.delete(setId);
}

/** The aggregate permission set of a group. */
function groupPermissionSetId(store: Store, groupId: string): string | null {
    for (const id of store.lookup('PermissionSet', 'PermissionSetGroupId', groupId)) return id;
    return null;
}

/**
 * An assignment of a permission set group carries PermissionSetId = the group's aggregate permission set
 * (PermissionSetAssignment reference: PermissionSetId is "the ID of the permission set group's aggregate
 * permission set" when PermissionSetGroupId is set).
 * https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_permissionsetassignment.htm
 */
function groupAssignment(store: Store, fields: Map<string, FieldValue>): void {
    const groupId = idText(fields.get('permissionsetgroupid'));
    if (!groupId || idText(fields.get('permissionsetid'))) return;
    const setId = groupPermissionSetId(store, groupId);
    if (!setId) throw new EmulatorError(`the permission set group ${groupId} has no aggregate permission set`);
    fields.set('permissionsetid', ApexId.of(setId));
}

/**
 * Every profile owns a permission set (PermissionSet.IsOwnedByProfile, ProfileId; Type 'Profile'), and every user
 * holds an assignment of its profile's set, which follows the user's ProfileId. The set's Name is not documented;
 * the local org uses `X<profile Id>`. Made here for profiles that have none yet (the baseline makes its own first).
 * https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_permissionset.htm
 */
export function profilePermissionSetId(store: Store, profileId: string): string {
    for (const id of store.lookup('PermissionSet', 'ProfileId', profileId)) {
        if (store.get(id)?.values.get('isownedbyprofile') === true) return id;
    }
    const profile = store.get(profileId);
    return store.insert('PermissionSet', {
        Name: `X${profileId.slice(0, 15)}`,
        Label: String(profile?.values.get('name') ?? ''),
        Type: 'Profile',
        IsOwnedByProfile: true,
        IsCustom: false,
        ProfileId: ApexId.of(profileId)
    }).id;
}

/** The user's assignment of its profile's own permission set, if any. */
function profileAssignmentOf(store: Store, userId: string): string | null {
    for (const id of store.lookup('PermissionSetAssignment', 'AssigneeId', userId)) {
        const ps = idText(store.get(id)?.values.get('permissionsetid'));
        if (ps && store.get(ps)?.values.get('isownedbyprofile') === true) return id;
    }
    return null;
}

/** Store hooks: a new user gets its profile's assignment; a ProfileId change moves it to the new profile's set. */
export function registerProfileAssignments(store: Store): void {
    store.onInsert((rec) => {
        if (rec.type !== 'User') return;
        const profileId = idText(rec.values.get('profileid'));
        if (!profileId) return;
        const setId = profilePermissionSetId(store, profileId);
        store.insert('PermissionSetAssignment', { AssigneeId: ApexId.of(rec.id), PermissionSetId: ApexId.of(setId) });
    });
    store.onUpdate((old, rec) => {
        if (rec.type !== 'User') return;
        const before = idText(old.values.get('profileid'));
        const after = idText(rec.values.get('profileid'));
        if (!after || before === after) return;
        const setId = profilePermissionSetId(store, after);
        const assignment = profileAssignmentOf(store, rec.id);
        if (assignment) store.update(assignment, { PermissionSetId: ApexId.of(setId) });
        else
            store.insert('PermissionSetAssignment', {
                AssigneeId: ApexId.of(rec.id),
                PermissionSetId: ApexId.of(setId)
            });
    });
}

/** The UserType a profile gives its users. */
function userTypeOf(store: Store, profileId: string | null): UserType | null {
    const profile = profileId ? store.get(profileId) : undefined;
    return profile ? (profile.values.get('usertype') as UserType) : null;
}

/**
 * Row rules of the platform model for one DML row, after field validation passed. May add derived fields to
 * `fields` (UserType) and make the side effects the platform makes (assignments a license change removes).
 */
export function platformRowError(
    store: Store,
    op: 'insert' | 'update',
    objectName: string,
    fields: Map<string, FieldValue>,
    id: string | null = null
): PlatformError | null {
    if (op === 'insert' && objectName === 'PermissionSetLicenseAssign')
        return licenseAssignmentInsertError(store, fields);
    if (op === 'insert' && objectName === 'PermissionSetAssignment') {
        const error = assignmentInsertError(store, fields);
        if (!error) groupAssignment(store, fields);
        return error;
    }
    if (op === 'update' && objectName === 'User' && id) {
        portalDisable(store, id, fields);
        return seatError(store, fields, id) ?? profileChange(store, id, fields);
    }
    if (op === 'insert' && objectName === 'User') {
        const seats = seatError(store, fields, null);
        if (seats) return seats;
        const userType = userTypeOf(store, idText(fields.get('profileid')));
        return userType ? externalUser(store, userType, fields, null) : null;
    }
    return null;
}
