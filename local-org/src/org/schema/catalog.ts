/**
 * The schema catalog: standard objects (standard.ts) plus custom objects, fields and platform events loaded from
 * source metadata (metadata.ts). Lookups ignore case and return canonical spellings; unknown names throw.
 */
import type { FieldDef, FieldType, ObjectDef, ChildRelationship } from './types';
import { SchemaError } from './types';
import type { StandardObjectSpec } from './standard';
import { STANDARD_OBJECTS, SETUP_OBJECT_NAMES } from './standard';
import { clearKeyPrefixes, registerKeyPrefix } from '../../stdlib/primitives/id';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Options of a field built by code (metadata loader, tests). */
export type FieldInit = Partial<FieldDef> & { name: string; type: FieldType };

export function makeField(init: FieldInit): FieldDef {
    const isBool = init.type === 'boolean';
    return {
        createable: true,
        updateable: true,
        nillable: !isBool,
        defaultedOnCreate: isBool,
        unique: false,
        externalId: false,
        filterable: true,
        custom: init.name.endsWith('__c'),
        ...init
    };
}

/** Parses one field of the compact notation in standard.ts. */
export function parseFieldSpec(spec: string): FieldDef {
    const m = /^(\w+):(\w+)(?:\(([^)]*)\))?(?:\/(\w+))?((?: \w+)*)$/.exec(spec);
    if (!m) throw new SchemaError(`Bad field spec: ${spec}`);
    const [, name, kind, args = '', rel, flagText] = m;
    const flags = new Set(flagText.trim().split(/\s+/).filter(Boolean));
    const init: FieldInit = { name, type: 'string' };
    const nums = args.split(',').map(Number);
    switch (kind) {
        case 'id':
            init.type = 'id';
            break;
        case 'ref':
            init.type = 'reference';
            init.referenceTo = args.split('|');
            if (rel) init.relationshipName = rel;
            break;
        case 'string':
        case 'textarea':
        case 'email':
        case 'phone':
        case 'url':
            init.type = kind;
            init.length = nums[0] || { email: 80, phone: 40, url: 255, string: 255, textarea: 255 }[kind];
            break;
        case 'picklist':
        case 'mpick':
            init.type = kind === 'picklist' ? 'picklist' : 'multipicklist';
            init.picklistValues = args.split('|');
            init.length = 255;
            break;
        case 'bool':
            init.type = 'boolean';
            break;
        case 'int':
            init.type = 'int';
            init.precision = 9;
            init.scale = 0;
            break;
        case 'double':
        case 'currency':
        case 'percent':
            init.type = kind;
            init.precision = nums[0];
            init.scale = nums[1];
            break;
        case 'date':
        case 'datetime':
            init.type = kind;
            break;
        default:
            throw new SchemaError(`Bad field type in spec: ${spec}`);
    }
    const f = makeField(init);
    if (flags.has('ro')) f.createable = f.updateable = false;
    if (flags.has('co')) f.updateable = false;
    if (flags.has('req')) {
        f.nillable = false;
        f.defaultedOnCreate = false;
    }
    if (flags.has('nonnull')) f.nillable = false;
    if (flags.has('def')) f.defaultedOnCreate = true;
    if (flags.has('uniq')) f.unique = true;
    if (flags.has('ext')) f.externalId = true;
    if (flags.has('nofilter')) f.filterable = false;
    if (flags.has('restricted')) f.restrictedPicklist = true;
    return f;
}

function newObject(name: string, keyPrefix: string, custom: boolean): ObjectDef {
    return {
        name,
        keyPrefix,
        custom,
        isPlatformEvent: name.endsWith('__e'),
        isSetup: SETUP_OBJECT_NAMES.includes(name),
        queryable: true,
        createable: true,
        updateable: true,
        deletable: true,
        fields: new Map(),
        parentRelationships: new Map(),
        childRelationships: new Map()
    };
}

/** The audit fields every object carries (System Fields page of the Object Reference). */
export function addSystemFields(obj: ObjectDef, kind: 'all' | 'audit' | 'event', owner?: string): void {
    const add = (spec: string) => addField(obj, parseFieldSpec(spec));
    if (kind === 'event') {
        add('ReplayId:string(255) ro');
        add('EventUuid:string(36) ro');
        add('CreatedDate:datetime ro nonnull');
        add('CreatedById:ref(User)/CreatedBy ro nonnull');
        // Events carry no queryable Id; the store still keys them by one internally.
        add('Id:id ro nonnull');
        return;
    }
    add('Id:id ro nonnull');
    if (kind === 'all') add('IsDeleted:bool ro');
    add('CreatedDate:datetime ro nonnull');
    add('CreatedById:ref(User)/CreatedBy ro nonnull');
    add('LastModifiedDate:datetime ro nonnull');
    add('LastModifiedById:ref(User)/LastModifiedBy ro nonnull');
    add('SystemModstamp:datetime ro nonnull');
    if (owner) add(`OwnerId:ref(${owner})/Owner def nonnull`);
}

function addField(obj: ObjectDef, f: FieldDef): void {
    const key = f.name.toLowerCase();
    if (obj.fields.has(key)) throw new SchemaError(`Duplicate field ${obj.name}.${f.name}`);
    obj.fields.set(key, f);
    if (f.type === 'reference' && f.relationshipName) obj.parentRelationships.set(f.relationshipName.toLowerCase(), f);
}

export class Catalog {
    private readonly objects = new Map<string, ObjectDef>();
    private readonly byPrefix = new Map<string, ObjectDef>();
    private customCounter = 0;
    private eventCounter = 1;
    /** Child relationships declared by name before both ends existed (resolved in `link`). */
    private pendingChildren: Array<{ parent: string; rel: ChildRelationship }> = [];

    /** A catalog holding the standard objects of standard.ts. */
    static standard(): Catalog {
        const c = new Catalog();
        for (const spec of STANDARD_OBJECTS) c.addStandard(spec);
        c.link();
        return c;
    }

    private addStandard(spec: StandardObjectSpec): void {
        const obj = newObject(spec.name, spec.keyPrefix, false);
        obj.isPlatformEvent = spec.system === 'event';
        obj.queryable = spec.queryable ?? true;
        obj.createable = spec.createable ?? true;
        obj.updateable = spec.updateable ?? true;
        obj.deletable = spec.deletable ?? true;
        addSystemFields(obj, spec.system, spec.owner);
        for (const f of spec.fields) addField(obj, parseFieldSpec(f));
        this.register(obj);
        for (const c of spec.children ?? []) {
            const m = /^(\w+):(\w+)\.(\w+)$/.exec(c);
            if (!m) throw new SchemaError(`Bad child relationship spec: ${c}`);
            this.pendingChildren.push({ parent: spec.name, rel: { name: m[1], childObject: m[2], field: m[3] } });
        }
    }

    private register(obj: ObjectDef): void {
        const key = obj.name.toLowerCase();
        if (this.objects.has(key)) throw new SchemaError(`Duplicate object ${obj.name}`);
        if (this.byPrefix.has(obj.keyPrefix)) {
            throw new SchemaError(
                `Key prefix ${obj.keyPrefix} of ${obj.name} already belongs to ${this.byPrefix.get(obj.keyPrefix)!.name}`
            );
        }
        this.objects.set(key, obj);
        this.byPrefix.set(obj.keyPrefix, obj);
    }

    /** Creates a custom object or platform event with a generated key prefix (a00, a01… / e01…) and its standard fields. */
    addCustomObject(name: string, opts: { nameField?: FieldDef; masterDetail?: boolean } = {}): ObjectDef {
        if (!/__(c|e)$/i.test(name)) throw new SchemaError(`Custom object name must end in __c or __e: ${name}`);
        const isEvent = /__e$/i.test(name);
        const prefix = isEvent ? 'e' + this.seq(this.eventCounter++) : 'a' + this.seq(this.customCounter++);
        const obj = newObject(name, prefix, true);
        if (isEvent) {
            obj.isPlatformEvent = true;
            obj.queryable = false;
            obj.updateable = false;
            obj.deletable = false;
            addSystemFields(obj, 'event');
        } else {
            // A master-detail child has no owner: the master's owner governs it (Object Reference, custom objects).
            addSystemFields(obj, 'all', opts.masterDetail ? undefined : 'User|Group');
            addField(obj, opts.nameField ?? makeField({ name: 'Name', type: 'string', length: 80 }));
        }
        this.register(obj);
        return obj;
    }

    private seq(n: number): string {
        if (n >= 62 * 62) throw new SchemaError('Too many custom objects');
        return BASE62[Math.floor(n / 62)] + BASE62[n % 62];
    }

    /** Adds a field (custom, or a standard one in tests) to an object. */
    addField(objectName: string, f: FieldDef): void {
        addField(this.object(objectName), f);
    }

    /** Declares a child relationship (a lookup's child name); resolved when `link` runs. */
    addChildRelationship(parent: string, rel: ChildRelationship): void {
        this.pendingChildren.push({ parent, rel });
    }

    /** Resolves pending child relationships; every end must exist. */
    link(): void {
        const pending = this.pendingChildren;
        this.pendingChildren = [];
        for (const { parent, rel } of pending) {
            const p = this.object(parent);
            const child = this.object(rel.childObject);
            const field = this.field(child, rel.field);
            const key = rel.name.toLowerCase();
            if (p.childRelationships.has(key))
                throw new SchemaError(`Duplicate child relationship ${p.name}.${rel.name}`);
            p.childRelationships.set(key, { name: rel.name, childObject: child.name, field: field.name });
        }
    }

    findObject(name: string): ObjectDef | undefined {
        return this.objects.get(name.toLowerCase());
    }

    /** The object, or a SchemaError naming it. */
    object(name: string): ObjectDef {
        const o = this.findObject(name);
        if (!o) throw new SchemaError(`Unknown object: ${name}`);
        return o;
    }

    objectByPrefix(prefix: string): ObjectDef | undefined {
        return this.byPrefix.get(prefix);
    }

    findField(obj: ObjectDef, name: string): FieldDef | undefined {
        return obj.fields.get(name.toLowerCase());
    }

    field(obj: ObjectDef, name: string): FieldDef {
        const f = this.findField(obj, name);
        if (!f) throw new SchemaError(`Unknown field: ${obj.name}.${name}`);
        return f;
    }

    allObjects(): ObjectDef[] {
        return [...this.objects.values()];
    }

    /**
     * Registers every object's key prefix with the stdlib's Id registry (Id.getSObjectType). Custom prefixes are
     * generated per project (a00, a01…), so a process that loads another project replaces the registry: last load wins.
     */
    registerPrefixes(): void {
        clearKeyPrefixes();
        for (const o of this.objects.values()) registerKeyPrefix(o.keyPrefix, o.name);
    }
}
