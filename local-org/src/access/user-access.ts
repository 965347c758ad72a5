/**
 * The access of one user, as user-mode operations see it: object permissions and field-level security from the
 * profile and the assigned permission sets (and permission set groups), and the cases where record-level sharing,
 * which the local org does not emulate, could change an answer (those become EmulatorErrors, never a guess).
 *
 * Sources:
 * - user mode respects object permissions, FLS and sharing:
 *   https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/apex_classes_enforce_usermode.htm
 * - organization-wide defaults of a new org (Account Public Read/Write, Contact Controlled by Parent, User Public
 *   Read Only and Private for external users): https://help.salesforce.com/s/articleView?id=sf.sharing_model_fields.htm&type=5
 */
import type { FieldDef, ObjectDef } from '../org/schema/types';
import type { SRecord, Store } from '../org/store';
import { EmulatorError } from '../runtime/context';
import { type ObjectAccess, UserGrants } from './grants';
import type { PermissionSetModel } from '../metadata/permission-sets';
import { PROFILE_MODELLED_OBJECTS, standardProfileGrants } from './profiles';
import { permissionSetModel, sharingModelOf } from './registry';

export type FieldAccess = 'read' | 'create' | 'edit';

/** What the local org knows of one user's access. */
export interface UserAccess {
    userId: string;
    profileName: string;
    /** Profile license of an external (community/portal) user. */
    external: boolean;
    roleId: string | null;
    grants: UserGrants;
}

function text(rec: SRecord | undefined, field: string): string | null {
    const v = rec?.values.get(field);
    return v === null || v === undefined ? null : String(v);
}

/** The access of a user from the store's records; an EmulatorError when their profile is not modelled. */
export function accessOf(store: Store, userId: string): UserAccess {
    const user = store.get(userId);
    const profile = user ? store.get(String(user.values.get('profileid'))) : undefined;
    const profileName = text(profile, 'name') ?? '';
    const profileGrants = standardProfileGrants(profileName);
    if (!profileGrants)
        throw new EmulatorError(
            `object and field permissions of the profile '${profileName}' are not modelled by the local org (LEDGER UM-11)`
        );
    const sets: PermissionSetModel[] = [];
    const addSet = (id: string | null): void => {
        const ps = id ? store.get(id) : undefined;
        if (!ps || ps.values.get('isownedbyprofile') === true) return;
        const model = permissionSetModel(store, text(ps, 'name') ?? '');
        if (model) sets.push(model);
    };
    // Indexed look-ups (store.lookup): access is checked on every user-mode call, in orgs of 100,000 users too.
    for (const assignmentId of store.lookup('PermissionSetAssignment', 'AssigneeId', userId)) {
        const a = store.get(assignmentId);
        if (!a) continue;
        const groupId = text(a, 'permissionsetgroupid');
        if (groupId) {
            for (const componentId of store.lookup('PermissionSetGroupComponent', 'PermissionSetGroupId', groupId)) {
                const c = store.get(componentId);
                if (c) addSet(text(c, 'permissionsetid'));
            }
        } else {
            addSet(text(a, 'permissionsetid'));
        }
    }
    return {
        userId,
        profileName,
        external: text(profile, 'usertype') !== 'Standard',
        roleId: text(user, 'userroleid'),
        grants: new UserGrants(profileGrants, sets)
    };
}

/** Object permission; an EmulatorError for an object whose permissions the local org does not model for this user. */
export function canObject(a: UserAccess, obj: ObjectDef, access: ObjectAccess): boolean {
    if (a.grants.isModifyAllData) return true;
    if (access === 'read' && a.grants.isViewAllData) return true;
    if (obj.custom || PROFILE_MODELLED_OBJECTS.has(obj.name.toLowerCase()))
        return a.grants.canAccessObject(obj.name, access);
    // Every user can read the User object; which users they see is sharing (readSharingGap).
    if (obj.name === 'User' && access === 'read') return true;
    throw new EmulatorError(
        `${access} access of the profile '${a.profileName}' to ${obj.name} is not modelled by the local org (LEDGER UM-11)`
    );
}

/**
 * Field-level security. Standard fields follow the object permission (standard profiles show every standard field);
 * required custom fields have no field-level security; other custom fields need a grant, for administrators too.
 */
export function canField(a: UserAccess, obj: ObjectDef, f: FieldDef, access: FieldAccess): boolean {
    if (access === 'create' && !f.createable) return false;
    if (access === 'edit' && !f.updateable) return false;
    if (!f.custom) return true;
    if (!f.nillable && f.type !== 'boolean') return true;
    return a.grants.canAccessField(`${obj.name}.${f.name}`, access === 'read' ? 'read' : 'edit');
}

/** UserType values of external users (User object reference); AutomatedProcess and Standard users are internal. */
const EXTERNAL_USER_TYPES = [
    'PowerPartner',
    'PowerCustomerSuccess',
    'CustomerSuccess',
    'CspLitePortal',
    'CsnOnly',
    'SelfService',
    'Guest'
];

/** Public org-wide defaults: every internal user reads every record (ReadWrite and FullAccess also edit). */
const PUBLIC_READ = new Set(['read', 'readwrite', 'readwritetransfer', 'fullaccess']);
const PUBLIC_EDIT = new Set(['readwrite', 'readwritetransfer', 'fullaccess']);

/**
 * The internal org-wide default the local org knows for an object, lower-cased: a fresh org's Account (Public
 * Read/Write) and Contact (controlled by its Account, so Public Read/Write too), or a custom object's
 * `<sharingModel>`; null when unknown.
 */
function internalDefault(store: Store, objectName: string): string | null {
    const name = objectName.toLowerCase();
    if (name === 'account' || name === 'contact') return 'readwrite';
    if (name.endsWith('__c')) return sharingModelOf(store, objectName)?.internal?.toLowerCase() ?? null;
    return null;
}

/**
 * Why record-level sharing could make a user-mode read of this object differ from reading every row, or null when
 * it cannot: View All Data or the object's View All; internal users on a public org-wide default (Account, Contact,
 * custom objects with Read or Read/Write); a Private custom object whose every row the running user owns; User
 * while the org holds no external user.
 */
export function readSharingGap(store: Store, a: UserAccess, obj: ObjectDef): string | null {
    if (a.grants.canViewAllRecords(obj.name)) return null;
    if (a.external)
        return 'record visibility of external users (external org-wide defaults, sharing sets) is not emulated';
    if (obj.name === 'User') {
        for (const type of EXTERNAL_USER_TYPES)
            if (store.lookup('User', 'UserType', type.toLowerCase()).size > 0)
                return 'which external users an internal user sees (User org-wide default Private for external users) is not emulated';
        return null;
    }
    const owd = internalDefault(store, obj.name);
    if (owd !== null && PUBLIC_READ.has(owd)) return null;
    if (owd === 'private') {
        // Rows in the recycle bin count on both sides.
        if (store.lookup(obj.name, 'OwnerId', a.userId).size === store.count(obj.name)) return null;
        return `${obj.name} is Private: which records other users own the running user sees (role hierarchy, sharing rules) is not emulated`;
    }
    return `record visibility of ${obj.name} (org-wide default ${owd ?? 'unknown'}) for users without View All is not emulated`;
}

/** Why the running user might not see the record a lookup being saved points to, or null when they do. */
function referenceGap(store: Store, a: UserAccess, id: string): string | null {
    const rec = store.get(id, { allRows: true });
    if (!rec || text(rec, 'ownerid') === a.userId || a.grants.canViewAllRecords(rec.type)) return null;
    if (rec.type === 'User')
        return EXTERNAL_USER_TYPES.includes(text(rec, 'usertype') ?? '') ? 'a lookup to an external user' : null;
    const owd = internalDefault(store, rec.type);
    if (owd !== null && PUBLIC_READ.has(owd)) return null;
    return `a lookup to a ${rec.type} record another user owns`;
}

/**
 * Whether a user-mode write of this record is allowed by sharing: 'ok', 'denied', or the reason it is not emulated.
 * `references` are the Ids the row's lookups are being set to: saving a lookup needs read access to its target
 * (INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY otherwise, not emulated).
 */
export function writeSharing(
    store: Store,
    a: UserAccess,
    obj: ObjectDef,
    op: 'insert' | 'update' | 'delete' | 'undelete',
    recordId: string | null,
    references: readonly string[] = []
): 'ok' | 'denied' | { gap: string } {
    if (a.grants.isModifyAllData) return 'ok';
    if (a.external) return { gap: 'record access of external users is not emulated' };
    for (const id of references) {
        const gap = referenceGap(store, a, id);
        if (gap) return { gap: `${gap}: whether the running user sees it is not emulated` };
    }
    if (a.grants.canModifyAllRecords(obj.name)) return 'ok';
    const owd = internalDefault(store, obj.name);
    if (owd === null || owd === 'controlledbyparent')
        return { gap: `record access to ${obj.name} (org-wide default ${owd ?? 'unknown'}) is not emulated` };
    if (op === 'insert') return 'ok';
    const rec = recordId ? store.get(recordId, { allRows: true }) : undefined;
    if (!rec || text(rec, 'ownerid') === a.userId) return 'ok'; // a missing row is the DML layer's error
    if (op === 'update' && PUBLIC_EDIT.has(owd)) return 'ok';
    // Deletes need Full Access: the owner, users above them in the role hierarchy, Modify All; sharing never grants
    // it. A user without a role is above nobody; the hierarchy itself is not modelled.
    if ((op === 'delete' || op === 'undelete') && owd === 'fullaccess') return 'ok';
    if ((op === 'delete' || op === 'undelete') && PUBLIC_READ.has(owd) && !a.roleId) return 'denied';
    return { gap: `${op} of a ${obj.name} another user owns depends on the role hierarchy or sharing (not emulated)` };
}
