/**
 * Reads the project's permission sets and custom permissions from SFDX source, so the local org holds them as setup
 * records (PermissionSet, CustomPermission, SetupEntityAccess) and can answer FeatureManagement.checkPermission and
 * user-mode access checks as an org that has the package deployed would.
 * Metadata shapes: PermissionSet and CustomPermission in the Metadata API Developer Guide
 * (https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_permissionset.htm,
 *  https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_custompermission.htm).
 * Elements we do not model are listed in `ignored`, never silently dropped, so a caller can fail loudly.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export interface ObjectPermission {
    object: string;
    allowCreate: boolean;
    allowRead: boolean;
    allowEdit: boolean;
    allowDelete: boolean;
    viewAllRecords: boolean;
    modifyAllRecords: boolean;
}

export interface FieldPermission {
    /** `Object.Field` as written in the metadata. */
    field: string;
    readable: boolean;
    editable: boolean;
}

export interface PermissionSetModel {
    /** API name (the file name), e.g. Community_User_Migrator. */
    name: string;
    label: string;
    description: string | null;
    /** `<license>`: the user license name the permission set is bound to, or null. */
    license: string | null;
    hasActivationRequired: boolean;
    customPermissions: string[];
    apexClasses: string[];
    objectPermissions: ObjectPermission[];
    fieldPermissions: FieldPermission[];
    /** System permissions enabled, e.g. ViewSetup, ManageUsers. */
    userPermissions: string[];
    tabs: Array<{ tab: string; visibility: string }>;
    applications: string[];
    /** Top-level elements present in the file that the local org does not model. */
    ignored: string[];
    file: string;
}

export interface CustomPermissionModel {
    name: string;
    label: string;
    description: string | null;
    isLicensed: boolean;
    file: string;
}

/** A metadata file the local org cannot use; the message names the file. */
export class MetadataError extends Error {
    constructor(message: string) {
        super(message);
        this.name = 'MetadataError';
    }
}

const REPEATED = new Set([
    'customPermissions',
    'classAccesses',
    'objectPermissions',
    'fieldPermissions',
    'userPermissions',
    'tabSettings',
    'applicationVisibilities',
    'pageAccesses',
    'recordTypeVisibilities',
    'customMetadataTypeAccesses',
    'customSettingAccesses',
    'externalDataSourceAccesses',
    'flowAccesses'
]);

const MODELLED = new Set([
    'label',
    'description',
    'license',
    'hasActivationRequired',
    'customPermissions',
    'classAccesses',
    'objectPermissions',
    'fieldPermissions',
    'userPermissions',
    'tabSettings',
    'applicationVisibilities',
    '@_xmlns'
]);

const parser = new XMLParser({
    ignoreAttributes: false,
    parseTagValue: false,
    isArray: (name: string) => REPEATED.has(name)
});

function parseFile(file: string, root: string): Record<string, unknown> {
    const text = readFileSync(file, 'utf8');
    const valid = XMLValidator.validate(text);
    if (valid !== true) {
        throw new MetadataError(`${file}:${valid.err.line}:${valid.err.col}: malformed XML: ${valid.err.msg}`);
    }
    const doc = parser.parse(text) as Record<string, unknown>;
    const body = doc[root];
    if (typeof body !== 'object' || body === null) {
        throw new MetadataError(`${file}: expected a <${root}> document`);
    }
    return body as Record<string, unknown>;
}

function bool(value: unknown): boolean {
    return value === 'true' || value === true;
}

function str(value: unknown): string | null {
    return typeof value === 'string' && value.trim() !== '' ? value : null;
}

function list(value: unknown): Array<Record<string, unknown>> {
    return Array.isArray(value) ? (value as Array<Record<string, unknown>>) : [];
}

function required(entry: Record<string, unknown>, key: string, file: string, element: string): string {
    const value = str(entry[key]);
    if (value === null) throw new MetadataError(`${file}: <${element}> without <${key}>`);
    return value;
}

/** Parses one `<Name>.permissionset-meta.xml`. */
export function readPermissionSet(file: string): PermissionSetModel {
    const body = parseFile(file, 'PermissionSet');
    const name = basename(file).replace(/\.permissionset-meta\.xml$/, '');
    const label = str(body.label);
    if (label === null) throw new MetadataError(`${file}: a permission set needs a <label>`);
    return {
        name,
        label,
        description: str(body.description),
        license: str(body.license),
        hasActivationRequired: bool(body.hasActivationRequired),
        customPermissions: list(body.customPermissions)
            .filter((e) => bool(e.enabled))
            .map((e) => required(e, 'name', file, 'customPermissions')),
        apexClasses: list(body.classAccesses)
            .filter((e) => bool(e.enabled))
            .map((e) => required(e, 'apexClass', file, 'classAccesses')),
        objectPermissions: list(body.objectPermissions).map((e) => ({
            object: required(e, 'object', file, 'objectPermissions'),
            allowCreate: bool(e.allowCreate),
            allowRead: bool(e.allowRead),
            allowEdit: bool(e.allowEdit),
            allowDelete: bool(e.allowDelete),
            viewAllRecords: bool(e.viewAllRecords),
            modifyAllRecords: bool(e.modifyAllRecords)
        })),
        fieldPermissions: list(body.fieldPermissions).map((e) => ({
            field: required(e, 'field', file, 'fieldPermissions'),
            readable: bool(e.readable),
            editable: bool(e.editable)
        })),
        userPermissions: list(body.userPermissions)
            .filter((e) => bool(e.enabled))
            .map((e) => required(e, 'name', file, 'userPermissions')),
        tabs: list(body.tabSettings).map((e) => ({
            tab: required(e, 'tab', file, 'tabSettings'),
            visibility: required(e, 'visibility', file, 'tabSettings')
        })),
        applications: list(body.applicationVisibilities)
            .filter((e) => bool(e.visible))
            .map((e) => required(e, 'application', file, 'applicationVisibilities')),
        ignored: Object.keys(body).filter((key) => !MODELLED.has(key)),
        file
    };
}

/** Parses one `<Name>.customPermission-meta.xml`. */
export function readCustomPermission(file: string): CustomPermissionModel {
    const body = parseFile(file, 'CustomPermission');
    const label = str(body.label);
    if (label === null) throw new MetadataError(`${file}: a custom permission needs a <label>`);
    return {
        name: basename(file).replace(/\.customPermission-meta\.xml$/, ''),
        label,
        description: str(body.description),
        isLicensed: bool(body.isLicensed),
        file
    };
}

function findFiles(dir: string, suffix: string, found: string[] = []): string[] {
    if (!existsSync(dir)) return found;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = join(dir, entry.name);
        if (entry.isDirectory()) {
            if (entry.name !== 'node_modules' && entry.name !== '__tests__') findFiles(full, suffix, found);
        } else if (entry.name.endsWith(suffix)) {
            found.push(full);
        }
    }
    return found;
}

export interface AccessMetadata {
    permissionSets: PermissionSetModel[];
    customPermissions: CustomPermissionModel[];
}

/**
 * Every permission set and custom permission under the source folders. A permission set that grants an unknown
 * custom permission is an error, as the deploy would be.
 */
export function readAccessMetadata(sourceDirs: readonly string[]): AccessMetadata {
    const permissionSets = sourceDirs
        .flatMap((dir) => findFiles(dir, '.permissionset-meta.xml'))
        .sort()
        .map(readPermissionSet);
    const customPermissions = sourceDirs
        .flatMap((dir) => findFiles(dir, '.customPermission-meta.xml'))
        .sort()
        .map(readCustomPermission);
    const known = new Set(customPermissions.map((cp) => cp.name.toLowerCase()));
    for (const ps of permissionSets) {
        const unknown = ps.customPermissions.filter((name) => !known.has(name.toLowerCase()));
        if (unknown.length) {
            throw new MetadataError(`${ps.file}: grants unknown custom permission(s) ${unknown.join(', ')}`);
        }
    }
    return { permissionSets, customPermissions };
}
