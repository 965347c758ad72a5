/**
 * The project's permission sets as parsed from source (object and field permissions included), per loaded org.
 * The org's PermissionSet records carry only their names; access checks look the grants up here by name.
 */
import { readAccessMetadata } from '../metadata/permission-sets';
import type { PermissionSetModel } from '../metadata/permission-sets';

const byStore = new WeakMap<object, Map<string, PermissionSetModel>>();

/** Called once when a project's org is built, with the same source folders the baseline was seeded from. */
export function rememberAccessMetadata(store: object, sourceDirs: readonly string[]): void {
    const sets = new Map<string, PermissionSetModel>();
    for (const ps of readAccessMetadata(sourceDirs).permissionSets) sets.set(ps.name.toLowerCase(), ps);
    byStore.set(store, sets);
}

/** The parsed permission set of that API name, or null (a permission set inserted at run time grants no CRUD/FLS). */
export function permissionSetModel(store: object, name: string): PermissionSetModel | null {
    return byStore.get(store)?.get(name.toLowerCase()) ?? null;
}
