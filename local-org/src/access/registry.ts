/**
 * What access checks need from the project's source beyond the org's records, per loaded org: the permission sets
 * as parsed (object and field permissions included; the org's PermissionSet records carry only their names), and
 * the organization-wide defaults (`<sharingModel>`, `<externalSharingModel>`) of the custom objects.
 * CustomObject metadata: https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/customobject.htm
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { readAccessMetadata } from '../metadata/permission-sets';
import type { PermissionSetModel } from '../metadata/permission-sets';

export interface SharingModel {
    /** Internal org-wide default, e.g. ReadWrite, Read, Private, ControlledByParent; null when the file has none. */
    internal: string | null;
    external: string | null;
}

interface ProjectAccess {
    permissionSets: Map<string, PermissionSetModel>;
    sharing: Map<string, SharingModel>;
}

const byStore = new WeakMap<object, ProjectAccess>();

function objectFiles(dir: string, out: string[] = []): string[] {
    if (!existsSync(dir)) return out;
    for (const e of readdirSync(dir, { withFileTypes: true })) {
        const full = join(dir, e.name);
        if (e.isDirectory()) {
            if (e.name !== 'node_modules') objectFiles(full, out);
        } else if (e.name.endsWith('.object-meta.xml')) out.push(full);
    }
    return out;
}

function element(xml: string, name: string): string | null {
    const m = new RegExp(`<${name}>\\s*([^<]*?)\\s*</${name}>`).exec(xml);
    return m ? m[1] : null;
}

/** Called once when a project's org is built, with the same source folders the baseline was seeded from. */
export function rememberAccessMetadata(store: object, sourceDirs: readonly string[]): void {
    const permissionSets = new Map<string, PermissionSetModel>();
    for (const ps of readAccessMetadata(sourceDirs).permissionSets) permissionSets.set(ps.name.toLowerCase(), ps);
    const sharing = new Map<string, SharingModel>();
    for (const file of sourceDirs.flatMap((d) => objectFiles(d))) {
        const xml = readFileSync(file, 'utf8');
        const name = basename(file).replace(/\.object-meta\.xml$/, '');
        sharing.set(name.toLowerCase(), {
            internal: element(xml, 'sharingModel'),
            external: element(xml, 'externalSharingModel')
        });
    }
    byStore.set(store, { permissionSets, sharing });
}

/** The parsed permission set of that API name, or null (a permission set inserted at run time grants no CRUD/FLS). */
export function permissionSetModel(store: object, name: string): PermissionSetModel | null {
    return byStore.get(store)?.permissionSets.get(name.toLowerCase()) ?? null;
}

/** The organization-wide defaults of a custom object from its metadata, or null when unknown. */
export function sharingModelOf(store: object, objectName: string): SharingModel | null {
    return byStore.get(store)?.sharing.get(objectName.toLowerCase()) ?? null;
}
