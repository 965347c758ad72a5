/**
 * What a user may do, from their profile and the permission sets (and groups) assigned to them: the union of the
 * grants (permission sets only add access; muting is not modelled — LEDGER).
 *
 * - FeatureManagement.checkPermission(name) is true when the profile or an assigned permission set grants the custom
 *   permission (https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_class_System_FeatureManagement.htm).
 * - Object and field access drive WITH USER_MODE, AccessLevel.USER_MODE DML and Security.stripInaccessible
 *   (https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/apex_classes_enforce_usermode.htm).
 * - "Modify All Data" grants every object (not field-level security); "View All Data" every object read.
 * - An @AuraEnabled method answers only users whose profile or permission sets give access to its class
 *   ("Apex Class Security", https://help.salesforce.com/s/articleView?id=sf.code_package_security.htm&type=5).
 * Standard profiles of the baseline org are modelled coarsely: System Administrator holds Modify All Data and
 * Customize Application; every other standard profile gets no access to custom objects, fields, classes or
 * custom permissions unless a permission set grants it (stricter than some orgs: see LEDGER).
 */
import type { PermissionSetModel } from '../metadata/permission-sets';

export type ObjectAccess = 'create' | 'read' | 'edit' | 'delete';

interface ObjectGrant {
    create: boolean;
    read: boolean;
    edit: boolean;
    delete: boolean;
    viewAll: boolean;
    modifyAll: boolean;
}

/** The profile's own grants, as a permission-set-shaped model, or the System Administrator's. */
export interface ProfileGrants {
    name: string;
    modifyAllData: boolean;
    viewAllData: boolean;
    permissionSet: PermissionSetModel | null;
}

/** The effective grants of one user. */
export class UserGrants {
    private readonly customPermissions = new Set<string>();
    private readonly apexClasses = new Set<string>();
    private readonly userPermissions = new Set<string>();
    private readonly objects = new Map<string, ObjectGrant>();
    private readonly fields = new Map<string, { readable: boolean; editable: boolean }>();
    private readonly modifyAllData: boolean;
    private readonly viewAllData: boolean;

    constructor(profile: ProfileGrants, permissionSets: readonly PermissionSetModel[]) {
        const sets = profile.permissionSet ? [profile.permissionSet, ...permissionSets] : [...permissionSets];
        for (const ps of sets) {
            ps.customPermissions.forEach((name) => this.customPermissions.add(name.toLowerCase()));
            ps.apexClasses.forEach((name) => this.apexClasses.add(name.toLowerCase()));
            ps.userPermissions.forEach((name) => this.userPermissions.add(name.toLowerCase()));
            for (const op of ps.objectPermissions) {
                const key = op.object.toLowerCase();
                const current = this.objects.get(key) ?? {
                    create: false,
                    read: false,
                    edit: false,
                    delete: false,
                    viewAll: false,
                    modifyAll: false
                };
                this.objects.set(key, {
                    create: current.create || op.allowCreate,
                    read: current.read || op.allowRead,
                    edit: current.edit || op.allowEdit,
                    delete: current.delete || op.allowDelete,
                    viewAll: current.viewAll || op.viewAllRecords,
                    modifyAll: current.modifyAll || op.modifyAllRecords
                });
            }
            for (const fp of ps.fieldPermissions) {
                const key = fp.field.toLowerCase();
                const current = this.fields.get(key) ?? { readable: false, editable: false };
                this.fields.set(key, {
                    readable: current.readable || fp.readable || fp.editable,
                    editable: current.editable || fp.editable
                });
            }
        }
        this.modifyAllData = profile.modifyAllData || this.userPermissions.has('modifyalldata');
        this.viewAllData = this.modifyAllData || profile.viewAllData || this.userPermissions.has('viewalldata');
    }

    /** FeatureManagement.checkPermission. */
    hasCustomPermission(name: string): boolean {
        return this.customPermissions.has(name.toLowerCase());
    }

    /** Whether the profile or a permission set holds Modify All Data. */
    get isModifyAllData(): boolean {
        return this.modifyAllData;
    }

    /** Whether the profile or a permission set holds View All Data (implied by Modify All Data). */
    get isViewAllData(): boolean {
        return this.viewAllData;
    }

    /** A system permission such as ViewSetup or ManageUsers. */
    hasUserPermission(name: string): boolean {
        return this.modifyAllData || this.userPermissions.has(name.toLowerCase());
    }

    /** Access to call the class's @AuraEnabled methods; administrators reach every class. */
    canRunApexClass(className: string): boolean {
        return this.modifyAllData || this.apexClasses.has(className.toLowerCase());
    }

    /** Object permission (CRUD). */
    canAccessObject(sobjectType: string, access: ObjectAccess): boolean {
        if (this.modifyAllData) return true;
        const grant = this.objects.get(sobjectType.toLowerCase());
        if (!grant) return access === 'read' && this.viewAllData;
        if (grant.modifyAll) return true;
        if (access === 'read') return grant.read || grant.viewAll || this.viewAllData;
        return grant[access];
    }

    /** "Modify All" on this object (or Modify All Data): every record of it, whatever its sharing. */
    canModifyAllRecords(sobjectType: string): boolean {
        return this.modifyAllData || this.objects.get(sobjectType.toLowerCase())?.modifyAll === true;
    }

    /** "View All" (or "Modify All") on this object, or View All Data: every record of it can be read. */
    canViewAllRecords(sobjectType: string): boolean {
        const grant = this.objects.get(sobjectType.toLowerCase());
        return this.viewAllData || grant?.viewAll === true || grant?.modifyAll === true;
    }

    /**
     * Field-level security granted by the profile or a permission set; `field` is `Object.Field`. Modify All Data
     * does not bypass field-level security (the field checks of user mode apply to administrators too), so an
     * administrator also needs a grant; callers decide which fields need none (standard fields, required fields).
     */
    canAccessField(field: string, access: 'read' | 'edit'): boolean {
        const grant = this.fields.get(field.toLowerCase());
        if (!grant) return false;
        return access === 'read' ? grant.readable : grant.editable;
    }
}

/** The baseline org's System Administrator profile. */
export const SYSTEM_ADMINISTRATOR: ProfileGrants = {
    name: 'System Administrator',
    modifyAllData: true,
    viewAllData: true,
    permissionSet: null
};

/** Any other standard profile: no custom grants. */
export function standardProfile(name: string): ProfileGrants {
    return { name, modifyAllData: false, viewAllData: false, permissionSet: null };
}
