/**
 * Object permissions of the baseline org's standard profiles, for the objects the local org can answer for.
 *
 * - System Administrator: "Modify All Data" and "View All Data" (every object, every record).
 * - Standard User: Read, Create, Edit and Delete on Accounts and Contacts, no View All / Modify All ("Standard
 *   Profiles", https://help.salesforce.com/s/articleView?id=sf.standard_profiles.htm&type=5).
 * - External profiles (Customer Community, Customer Community Plus, Partner Community and their Login variants,
 *   High Volume Customer Portal, Customer Portal Manager Custom, External Identity): Read on Accounts and Contacts
 *   only. Some of these licenses allow more (Contacts create/edit for Customer Community, more for Partner
 *   Community); the local org grants the smallest documented set, so it is never more lenient (LEDGER UM-11).
 *
 * Custom objects and custom fields get nothing from a standard profile here (a permission set must grant them), and
 * objects outside this table (setup objects, AsyncApexJob…) are "not modelled" for non-administrators: callers turn
 * that into an EmulatorError rather than guess.
 */
import type { ObjectPermission, PermissionSetModel } from '../metadata/permission-sets';
import type { ProfileGrants } from './grants';
import { SYSTEM_ADMINISTRATOR } from './grants';

/** C R E D letters, as Setup shows object permissions. */
type Crud = 'R' | 'CR' | 'CRE' | 'CRED';

const STANDARD_USER: Record<string, Crud> = { Account: 'CRED', Contact: 'CRED' };
const EXTERNAL_USER: Record<string, Crud> = { Account: 'R', Contact: 'R' };

const EXTERNAL_PROFILES = [
    'Customer Community User',
    'Customer Community Login User',
    'Customer Community Plus User',
    'Customer Community Plus Login User',
    'Partner Community User',
    'Partner Community Login User',
    'High Volume Customer Portal User',
    'Customer Portal Manager Custom',
    'External Identity User'
];

/** Objects whose object permissions the table above decides for every modelled profile. */
export const PROFILE_MODELLED_OBJECTS = new Set(['account', 'contact']);

function objectPermissions(table: Record<string, Crud>): ObjectPermission[] {
    return Object.entries(table).map(([object, crud]) => ({
        object,
        allowCreate: crud.includes('C'),
        allowRead: crud.includes('R'),
        allowEdit: crud.includes('E'),
        allowDelete: crud.includes('D'),
        viewAllRecords: false,
        modifyAllRecords: false
    }));
}

function profileSet(name: string, table: Record<string, Crud>): PermissionSetModel {
    return {
        name,
        label: name,
        description: null,
        license: null,
        hasActivationRequired: false,
        customPermissions: [],
        apexClasses: [],
        objectPermissions: objectPermissions(table),
        fieldPermissions: [],
        userPermissions: [],
        tabs: [],
        applications: [],
        ignored: [],
        file: '(local-org standard profile model)'
    };
}

/** The grants of a standard profile by its name, or null when the local org has no model for that profile. */
export function standardProfileGrants(name: string): ProfileGrants | null {
    if (name === 'System Administrator') return SYSTEM_ADMINISTRATOR;
    if (name === 'Standard User')
        return { name, modifyAllData: false, viewAllData: false, permissionSet: profileSet(name, STANDARD_USER) };
    if (EXTERNAL_PROFILES.includes(name))
        return { name, modifyAllData: false, viewAllData: false, permissionSet: profileSet(name, EXTERNAL_USER) };
    return null;
}
