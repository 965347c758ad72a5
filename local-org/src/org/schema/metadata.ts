/**
 * Loads custom objects, custom fields and platform events from SFDX source metadata:
 * `<pkgdir>/**\/objects/<Obj>/<Obj>.object-meta.xml` and `<Obj>/fields/*.field-meta.xml`.
 * Field types follow the Metadata API CustomField reference (see SOURCES.md). Anything we cannot model faithfully
 * (formula, roll-up summary, geolocation…) is rejected by name instead of becoming an untyped column.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import type { Catalog } from './catalog';
import { makeField } from './catalog';
import type { FieldDef } from './types';
import { SchemaError } from './types';
import { ApexDecimal } from '../../stdlib/primitives/decimal';

const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, isArray: (name) => name === 'value' });

interface ObjectSource {
    name: string;
    objectXml?: Record<string, unknown>;
    fields: Array<{ file: string; xml: Record<string, unknown> }>;
}

function read(file: string, root: string): Record<string, unknown> {
    const doc = parser.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    const body = doc[root];
    if (!body || typeof body !== 'object') throw new SchemaError(`${file}: expected a <${root}> document`);
    return body as Record<string, unknown>;
}

function collect(dir: string, out: Map<string, ObjectSource>): void {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (!entry.isDirectory()) continue;
        if (entry.name === 'objects') {
            for (const obj of fs.readdirSync(full, { withFileTypes: true })) {
                if (!obj.isDirectory()) continue;
                const objDir = path.join(full, obj.name);
                const src: ObjectSource = out.get(obj.name.toLowerCase()) ?? { name: obj.name, fields: [] };
                const objFile = path.join(objDir, `${obj.name}.object-meta.xml`);
                if (fs.existsSync(objFile)) src.objectXml = read(objFile, 'CustomObject');
                const fieldDir = path.join(objDir, 'fields');
                if (fs.existsSync(fieldDir)) {
                    for (const f of fs.readdirSync(fieldDir).sort()) {
                        if (f.endsWith('.field-meta.xml'))
                            src.fields.push({
                                file: path.join(fieldDir, f),
                                xml: read(path.join(fieldDir, f), 'CustomField')
                            });
                    }
                }
                out.set(obj.name.toLowerCase(), src);
            }
        } else if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) {
            collect(full, out);
        }
    }
}

const str = (v: unknown): string | undefined => (v === undefined || v === null ? undefined : String(v));
const num = (v: unknown): number | undefined => (v === undefined ? undefined : Number(v));
const bool = (v: unknown): boolean => String(v) === 'true';

function picklistValues(xml: Record<string, unknown>): {
    values: string[];
    restricted: boolean;
    defaultValue?: string;
} {
    const vs = xml.valueSet as Record<string, unknown> | undefined;
    if (!vs) throw new SchemaError(`picklist ${String(xml.fullName)} has no valueSet`);
    if (vs.valueSetName)
        throw new SchemaError(`picklist ${String(xml.fullName)} uses a global value set, which is not supported yet`);
    const def = vs.valueSetDefinition as Record<string, unknown> | undefined;
    const entries = (def?.value as Array<Record<string, unknown>>) ?? [];
    const values = entries.map((v) => String(v.fullName));
    // The value marked <default>true</default> is what a new record gets when the field is not set.
    const marked = entries.find((v) => bool(v.default));
    return { values, restricted: bool(vs.restricted), defaultValue: marked ? String(marked.fullName) : undefined };
}

/** One CustomField document → a FieldDef (and, for lookups, the child relationship to declare). */
export function fieldFromXml(
    objectName: string,
    xml: Record<string, unknown>
): { field: FieldDef; child?: { parent: string; name: string } } {
    const name = str(xml.fullName);
    if (!name) throw new SchemaError(`${objectName}: a field without fullName`);
    const where = `${objectName}.${name}`;
    if (xml.formula !== undefined) throw new SchemaError(`${where}: formula fields are not supported by the local org`);
    const type = str(xml.type);
    const required = bool(xml.required);
    const base = {
        name,
        unique: bool(xml.unique),
        externalId: bool(xml.externalId),
        caseSensitive: bool(xml.caseSensitive),
        custom: true
    };
    let field: FieldDef;
    let child: { parent: string; name: string } | undefined;
    switch (type) {
        case 'Text':
        case 'EncryptedText':
            field = makeField({ ...base, type: 'string', length: num(xml.length) ?? 255 });
            break;
        case 'TextArea':
            field = makeField({ ...base, type: 'textarea', length: 255 });
            break;
        case 'LongTextArea':
        case 'Html':
            field = makeField({ ...base, type: 'textarea', length: num(xml.length) ?? 32768 });
            break;
        case 'Email':
            field = makeField({ ...base, type: 'email', length: 80 });
            break;
        case 'Phone':
            field = makeField({ ...base, type: 'phone', length: 40 });
            break;
        case 'Url':
            field = makeField({ ...base, type: 'url', length: 255 });
            break;
        case 'Checkbox':
            field = makeField({ ...base, type: 'boolean' });
            break;
        case 'Number':
        case 'Currency':
        case 'Percent': {
            const t = type === 'Number' ? 'double' : type === 'Currency' ? 'currency' : 'percent';
            field = makeField({ ...base, type: t, precision: num(xml.precision) ?? 18, scale: num(xml.scale) ?? 0 });
            break;
        }
        case 'Date':
            field = makeField({ ...base, type: 'date' });
            break;
        case 'DateTime':
            field = makeField({ ...base, type: 'datetime' });
            break;
        case 'Picklist':
        case 'MultiselectPicklist': {
            const p = picklistValues(xml);
            field = makeField({
                ...base,
                type: type === 'Picklist' ? 'picklist' : 'multipicklist',
                picklistValues: p.values,
                restrictedPicklist: p.restricted,
                length: type === 'Picklist' ? 255 : 4099
            });
            if (p.defaultValue !== undefined) field.defaultValue = p.defaultValue;
            break;
        }
        case 'AutoNumber':
            field = makeField({
                ...base,
                type: 'string',
                length: 30,
                createable: false,
                updateable: false,
                nillable: false,
                defaultedOnCreate: true
            });
            field.autoNumber = autoNumberOf(where, xml);
            break;
        case 'Lookup':
        case 'MasterDetail': {
            const target = str(xml.referenceTo);
            if (!target) throw new SchemaError(`${where}: a ${type} without referenceTo`);
            const rel = str(xml.relationshipName);
            field = makeField({
                ...base,
                type: 'reference',
                referenceTo: [target],
                relationshipName: name.replace(/__c$/i, '__r'),
                // Master-detail is always required; reparenting is allowed only when reparentableMasterDetail is set.
                nillable: type === 'Lookup' ? !required : false,
                updateable: type === 'Lookup' || bool(xml.reparentableMasterDetail)
            });
            if (rel) child = { parent: target, name: `${rel}__r` };
            break;
        }
        default:
            throw new SchemaError(`${where}: field type ${type ?? '(none)'} is not supported by the local org`);
    }
    if (required && type !== 'Checkbox') {
        field.nillable = false;
        field.defaultedOnCreate = false;
    }
    if (type !== 'Checkbox' && xml.defaultValue !== undefined) {
        // A non-checkbox default is a formula; only literals are evaluated, anything else is refused.
        field.defaultValue = literalDefault(where, field, String(xml.defaultValue));
    }
    if (type === 'Checkbox') field.defaultValue = checkboxDefault(xml);
    const label = str(xml.label);
    if (label) field.label = label;
    return { field, child };
}

/**
 * A `<defaultValue>` formula that is a plain literal: a quoted text for text fields, a number for number fields.
 * Other formulas (functions, merge fields) need a formula engine, so the load fails instead of skipping them.
 */
function literalDefault(where: string, field: FieldDef, formula: string): string | ApexDecimal {
    const f = formula.trim();
    const text = /^"((?:[^"\\]|\\.)*)"$/.exec(f) ?? /^'((?:[^'\\]|\\.)*)'$/.exec(f);
    const textual = ['string', 'textarea', 'email', 'phone', 'url'].includes(field.type);
    if (text && textual) return text[1].replace(/\\(.)/g, '$1');
    const numeric = ['double', 'currency', 'percent'].includes(field.type);
    if (numeric && /^-?\d+(\.\d+)?$/.test(f)) return ApexDecimal.parse(f);
    throw new SchemaError(`${where}: default value formulas other than literals are not supported by the local org`);
}

/** An Auto Number's display format (e.g. RUN-{00000}) and its starting number (1 when the metadata has none). */
export function autoNumberOf(
    where: string,
    xml: Record<string, unknown>
): { displayFormat: string; startingNumber: number } {
    const displayFormat = str(xml.displayFormat);
    if (!displayFormat) throw new SchemaError(`${where}: an Auto Number without displayFormat`);
    for (const token of displayFormat.match(/\{[^}]*\}/g) ?? []) {
        if (!/^\{(0+|YY|YYYY|MM|DD)\}$/.test(token))
            throw new SchemaError(`${where}: Auto Number display format token ${token} is not supported`);
    }
    if ((displayFormat.match(/\{0+\}/g) ?? []).length !== 1)
        throw new SchemaError(`${where}: an Auto Number display format needs exactly one {0...} number token`);
    return { displayFormat, startingNumber: num(xml.startingNumber) ?? 1 };
}

/** The default values of Checkbox fields (the only defaults we model without a formula engine). */
export function checkboxDefault(xml: Record<string, unknown>): boolean {
    return bool(xml.defaultValue);
}

/**
 * Loads every package directory into the catalog. Standard objects get their custom fields; custom objects
 * (__c) and platform events (__e) are created in name order, so generated key prefixes are stable.
 */
export function loadMetadata(catalog: Catalog, packageDirs: string[]): void {
    const sources = new Map<string, ObjectSource>();
    for (const dir of packageDirs) collect(dir, sources);
    const ordered = [...sources.values()].sort((a, b) => a.name.localeCompare(b.name));
    for (const src of ordered) {
        if (/__(c|e)$/i.test(src.name)) {
            if (!src.objectXml) throw new SchemaError(`${src.name}: fields without ${src.name}.object-meta.xml`);
            const nameXml = src.objectXml.nameField as Record<string, unknown> | undefined;
            const isAuto = str(nameXml?.type) === 'AutoNumber';
            const nameField: FieldDef = makeField({
                name: 'Name',
                type: 'string',
                length: 80,
                nillable: isAuto,
                defaultedOnCreate: isAuto,
                createable: !isAuto,
                updateable: !isAuto
            });
            if (isAuto) nameField.autoNumber = autoNumberOf(`${src.name}.Name`, nameXml!);
            const masterDetail = src.fields.some((f) => str(f.xml.type) === 'MasterDetail');
            catalog.addCustomObject(src.name, {
                nameField: /__c$/i.test(src.name) ? nameField : undefined,
                masterDetail
            });
        } else if (!catalog.findObject(src.name)) {
            throw new SchemaError(`objects/${src.name}: standard object ${src.name} is not in the local org catalog`);
        }
    }
    for (const src of ordered) {
        const obj = catalog.object(src.name);
        for (const { file, xml } of src.fields) {
            try {
                const { field, child } = fieldFromXml(obj.name, xml);
                catalog.addField(obj.name, field);
                if (child)
                    catalog.addChildRelationship(child.parent, {
                        name: child.name,
                        childObject: obj.name,
                        field: field.name
                    });
            } catch (e) {
                if (e instanceof SchemaError) throw new SchemaError(`${file}: ${e.message}`);
                throw e;
            }
        }
    }
    catalog.link();
}
