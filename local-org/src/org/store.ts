/**
 * The record store: records by 18-character Id, grouped per object, with copy-on-write snapshots.
 *
 * Records are immutable values; a write replaces the record. Each object's table is shared with every snapshot
 * taken since its last write, and the first write after a snapshot copies that one table's row map (the other
 * tables stay shared). So `snapshot()` and `restore()` cost O(number of objects), and the copy is paid only by the
 * tables a test actually writes. Value indexes (by Id-valued lookup, by unique text) are built lazily per table
 * version and kept up to date by writes.
 *
 * Storage level only: no validation (validate.ts), no triggers, no sharing. Unknown objects or fields throw.
 */
import type { Catalog } from './schema/catalog';
import type { FieldDef, ObjectDef } from './schema/types';
import { SchemaError } from './schema/types';
import type { FieldValue } from './values';
import { ApexId, ApexDatetime, textOf } from './values';
import { newId } from '../stdlib/primitives/id';

export interface SRecord {
    /** Canonical object name. */
    readonly type: string;
    /** 18-character Id. */
    readonly id: string;
    /** Field values keyed by lower-case API name. */
    readonly values: ReadonlyMap<string, FieldValue>;
}

/**
 * Ids by key. After a copy-on-write the map is copied shallowly and each key's Set is shared with the older table
 * version until this version first changes it (`owned` holds the Sets this version may change in place).
 */
interface Index {
    key: (rec: SRecord) => string | null;
    map: Map<string, Set<string>>;
    owned: WeakSet<Set<string>>;
}

interface Table {
    rows: Map<string, SRecord>;
    /** Lower-case field name → index of this table version. */
    indexes: Map<string, Index>;
    /** True once a snapshot holds this table: the next write copies it. */
    shared: boolean;
    /**
     * True when a rollback put hard-deleted rows back at the end of the Map: rows() sorts by Id (insertion order)
     * before its next scan. Sorting at the rollback itself cost O(table) per rollback (a dry run's every chunk).
     */
    unordered?: boolean;
}

export interface Snapshot {
    readonly tables: ReadonlyMap<string, Table>;
}

export interface StoreOptions {
    /** The clock for CreatedDate/LastModifiedDate/SystemModstamp, epoch ms. */
    now?: () => number;
    /** The running user's Id (CreatedById, LastModifiedById, OwnerId default); null before any user exists. */
    userId?: () => string | null;
}

export interface ReadOptions {
    /** Include soft-deleted rows (ALL ROWS). */
    allRows?: boolean;
}

/** The key a value has in an index: Ids as 18 characters, strings lower-cased unless the field is case-sensitive. */
export function indexKey(v: FieldValue, field: FieldDef): string | null {
    if (v === null) return null;
    const t = textOf(v);
    if (t !== null)
        return field.type === 'id' || field.type === 'reference' || field.caseSensitive ? t : t.toLowerCase();
    return String(v);
}

/**
 * The field map of a write keyed by lower-case API name (what the store and validate.ts take). Unknown fields throw
 * a SchemaError naming object and field; Id-valued text becomes an ApexId (18 characters), so indexes and comparisons
 * see one spelling (invalid Ids stay text for validation to report).
 */
export function canonicalFields(obj: ObjectDef, fields: Record<string, FieldValue>): Map<string, FieldValue> {
    const out = new Map<string, FieldValue>();
    for (const [name, value] of Object.entries(fields)) {
        const f = obj.fields.get(name.toLowerCase());
        if (!f) throw new SchemaError(`Invalid field ${name} for ${obj.name}`);
        if (value === undefined) throw new SchemaError(`${obj.name}.${f.name}: undefined is not a field value`);
        const asId =
            typeof value === 'string' && (f.type === 'reference' || f.type === 'id') ? ApexId.tryOf(value) : null;
        out.set(f.name.toLowerCase(), asId ?? value);
    }
    return out;
}

export class Store {
    private tables = new Map<string, Table>();
    private readonly counters = new Map<string, number>();
    /** Platform side effects of a stored insert or update (runtime/dml-rules.ts registers them). */
    private readonly insertHooks: Array<(rec: SRecord) => void> = [];
    private readonly updateHooks: Array<(old: SRecord, rec: SRecord) => void> = [];
    private readonly now: () => number;
    private readonly userId: () => string | null;
    /** Rows as they were before each write since the oldest open mark (undefined: the row did not exist). */
    private journal: Array<{ obj: ObjectDef; id: string; old: SRecord | undefined; seq: number }> = [];
    /** Sequence number of the next journal entry: never goes back, so a point can tell its entries from newer ones. */
    private journalSeq = 0;
    private openMarks = 0;

    constructor(
        readonly catalog: Catalog,
        opts: StoreOptions = {}
    ) {
        this.now = opts.now ?? (() => Date.now());
        this.userId = opts.userId ?? (() => null);
    }

    /**
     * A new Id with the object's key prefix. Counters never go back, not even on restore, so an Id is never handed
     * out twice (whether the platform reuses Ids after a rollback is unverified; not reusing is the safe side).
     */
    newId(objectName: string): ApexId {
        const obj = this.catalog.object(objectName);
        const n = (this.counters.get(obj.keyPrefix) ?? 0) + 1;
        this.counters.set(obj.keyPrefix, n);
        return newId(obj.keyPrefix, n);
    }

    /**
     * The next value of an Auto Number: {0...} is the sequence number, zero-padded to the braces' width; {YY},
     * {YYYY}, {MM} and {DD} are parts of the creation date (GMT here). Like Ids, the sequence never goes back.
     */
    private nextAutoNumber(obj: ObjectDef, f: FieldDef, auto: NonNullable<FieldDef['autoNumber']>): string {
        const key = `auto:${obj.name}.${f.name}`.toLowerCase();
        const n = this.counters.get(key) ?? auto.startingNumber;
        this.counters.set(key, n + 1);
        const d = new Date(this.now());
        const two = (x: number): string => String(x).padStart(2, '0');
        return auto.displayFormat.replace(/\{(0+|YYYY|YY|MM|DD)\}/g, (_m, t: string) => {
            if (t === 'YYYY') return String(d.getUTCFullYear());
            if (t === 'YY') return two(d.getUTCFullYear() % 100);
            if (t === 'MM') return two(d.getUTCMonth() + 1);
            if (t === 'DD') return two(d.getUTCDate());
            return String(n).padStart(t.length, '0');
        });
    }

    /** Runs after every insert, whatever path wrote the row (DML, baseline, seeding). */
    onInsert(hook: (rec: SRecord) => void): void {
        this.insertHooks.push(hook);
    }

    /** Runs after every update, with the row before and after. */
    onUpdate(hook: (old: SRecord, rec: SRecord) => void): void {
        this.updateHooks.push(hook);
    }

    private table(obj: ObjectDef, forWrite: boolean): Table {
        const key = obj.name.toLowerCase();
        let t = this.tables.get(key);
        if (!t) {
            t = { rows: new Map(), indexes: new Map(), shared: false };
            this.tables.set(key, t);
        } else if (forWrite && t.shared) {
            // The indexes come along (shallow copies) so a write after a snapshot does not cost a rebuild.
            const indexes = new Map<string, Index>();
            for (const [name, idx] of t.indexes)
                indexes.set(name, { key: idx.key, map: new Map(idx.map), owned: new WeakSet() });
            t = { rows: new Map(t.rows), indexes, shared: false, unordered: t.unordered };
            this.tables.set(key, t);
        }
        return t;
    }

    private canonical(obj: ObjectDef, fields: Record<string, FieldValue>): Map<string, FieldValue> {
        return canonicalFields(obj, fields);
    }

    /**
     * Inserts a record: a new Id, audit fields, IsDeleted false, OwnerId defaulting to the running user, field
     * defaults (booleans, picklist and literal defaults) and Auto Numbers for null fields, and the derived Name of
     * User/Contact. Returns the stored record.
     */
    insert(objectName: string, fields: Record<string, FieldValue>): SRecord {
        const obj = this.catalog.object(objectName);
        const values = this.canonical(obj, fields);
        if (values.has('id') && values.get('id') !== null) throw new SchemaError(`${obj.name}: insert with an Id`);
        const id = this.newId(obj.name);
        const now = new ApexDatetime(this.now());
        const user = this.userId();
        const userRef = user === null ? null : ApexId.of(user);
        const sys: Array<[string, FieldValue]> = [
            ['id', id],
            ['createddate', now],
            ['createdbyid', userRef],
            ['lastmodifieddate', now],
            ['lastmodifiedbyid', userRef],
            ['systemmodstamp', now],
            ['isdeleted', false]
        ];
        for (const [k, v] of sys) if (obj.fields.has(k)) values.set(k, v);
        if (obj.fields.has('ownerid') && (values.get('ownerid') ?? null) === null) values.set('ownerid', userRef);
        for (const [k, f] of defaultedFields(obj)) {
            if ((values.get(k) ?? null) !== null) continue;
            if (f.autoNumber) values.set(k, this.nextAutoNumber(obj, f, f.autoNumber));
            else values.set(k, f.defaultValue ?? (f.type === 'boolean' ? false : null));
        }
        deriveName(obj, values);
        const rec: SRecord = { type: obj.name, id: id.id18, values };
        const t = this.table(obj, true);
        this.log(obj, rec.id, undefined);
        t.rows.set(rec.id, rec);
        for (const idx of t.indexes.values()) addToIndex(idx, rec);
        for (const hook of this.insertHooks) hook(rec);
        return rec;
    }

    /** Applies field changes to a stored record (deleted ones included); audit fields move on. */
    update(id: string, fields: Record<string, FieldValue>): SRecord {
        const old = this.mustGet(id, { allRows: true });
        const obj = this.catalog.object(old.type);
        const changes = this.canonical(obj, fields);
        if (changes.has('id')) throw new SchemaError(`${obj.name}: the Id of a record cannot change`);
        const values = new Map(old.values);
        for (const [k, v] of changes) values.set(k, v);
        const now = new ApexDatetime(this.now());
        const user = this.userId();
        if (obj.fields.has('lastmodifieddate')) values.set('lastmodifieddate', now);
        if (obj.fields.has('systemmodstamp')) values.set('systemmodstamp', now);
        if (obj.fields.has('lastmodifiedbyid')) values.set('lastmodifiedbyid', user === null ? null : ApexId.of(user));
        deriveName(obj, values);
        const rec = this.replace(obj, old, { type: obj.name, id: old.id, values });
        for (const hook of this.updateHooks) hook(old, rec);
        return rec;
    }

    private replace(obj: ObjectDef, old: SRecord, rec: SRecord): SRecord {
        const t = this.table(obj, true);
        this.log(obj, rec.id, old);
        t.rows.set(rec.id, rec);
        for (const idx of t.indexes.values()) {
            const before = idx.key(old);
            const after = idx.key(rec);
            if (before === after) continue;
            removeFromIndex(idx, before, old.id);
            addToIndex(idx, rec, after);
        }
        return rec;
    }

    /**
     * Deletes a record. Objects with IsDeleted go to the recycle bin (IsDeleted = true, visible to ALL ROWS and
     * undeletable); others are removed.
     */
    delete(id: string): void {
        const old = this.mustGet(id, {});
        const obj = this.catalog.object(old.type);
        if (obj.fields.has('isdeleted')) {
            const values = new Map(old.values);
            values.set('isdeleted', true);
            values.set('systemmodstamp', new ApexDatetime(this.now()));
            this.replace(obj, old, { type: obj.name, id: old.id, values });
        } else {
            this.hardDelete(id);
        }
    }

    /** Brings a recycle-bin record back. */
    undelete(id: string): SRecord {
        const old = this.mustGet(id, { allRows: true });
        if (old.values.get('isdeleted') !== true) throw new SchemaError(`${old.type} ${id} is not deleted`);
        const obj = this.catalog.object(old.type);
        const values = new Map(old.values);
        values.set('isdeleted', false);
        values.set('systemmodstamp', new ApexDatetime(this.now()));
        return this.replace(obj, old, { type: obj.name, id: old.id, values });
    }

    /** Removes a record for good (no recycle bin). */
    hardDelete(id: string): void {
        const old = this.mustGet(id, { allRows: true });
        const obj = this.catalog.object(old.type);
        const t = this.table(obj, true);
        this.log(obj, old.id, old);
        t.rows.delete(old.id);
        for (const idx of t.indexes.values()) removeFromIndex(idx, idx.key(old), old.id);
    }

    /** The record with this Id (15 or 18 characters), or undefined. Soft-deleted ones only with allRows. */
    get(id: string | ApexId, opts: ReadOptions = {}): SRecord | undefined {
        const parsed = typeof id === 'string' ? ApexId.tryOf(id) : id;
        if (!parsed) return undefined;
        const obj = this.catalog.objectByPrefix(parsed.keyPrefix());
        if (!obj) return undefined;
        const rec = this.tables.get(obj.name.toLowerCase())?.rows.get(parsed.id18);
        if (!rec || (!opts.allRows && rec.values.get('isdeleted') === true)) return undefined;
        return rec;
    }

    /** Like `get` for an Id already known to be in 18-character form (no parsing; the hot path of queries). */
    getExact(id18: string, opts: ReadOptions = {}): SRecord | undefined {
        const obj = this.catalog.objectByPrefix(id18.slice(0, 3));
        if (!obj) return undefined;
        const rec = this.tables.get(obj.name.toLowerCase())?.rows.get(id18);
        if (!rec || (!opts.allRows && rec.values.get('isdeleted') === true)) return undefined;
        return rec;
    }

    private mustGet(id: string, opts: ReadOptions): SRecord {
        const rec = this.get(id, opts);
        if (!rec) throw new SchemaError(`No record with Id ${id}`);
        return rec;
    }

    /** The rows of one object in insertion order. */
    *rows(objectName: string, opts: ReadOptions = {}): IterableIterator<SRecord> {
        const obj = this.catalog.object(objectName);
        const t = this.tables.get(obj.name.toLowerCase());
        if (!t) return;
        if (t.unordered) {
            // Same rows, Id order again (a snapshot sharing this table holds the same rows, so it may see it too).
            t.rows = new Map([...t.rows].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
            t.unordered = false;
        }
        for (const rec of t.rows.values()) {
            if (opts.allRows || rec.values.get('isdeleted') !== true) yield rec;
        }
    }

    count(objectName: string): number {
        const obj = this.catalog.object(objectName);
        return this.tables.get(obj.name.toLowerCase())?.rows.size ?? 0;
    }

    /**
     * Ids of the rows whose field has this index key (see indexKey); deleted rows included, callers filter.
     * The index is built on first use for the current table version.
     */
    lookup(objectName: string, fieldName: string, key: string): ReadonlySet<string> {
        const obj = this.catalog.object(objectName);
        const f = this.catalog.field(obj, fieldName);
        const fk = f.name.toLowerCase();
        return this.indexOf(obj, fk, (rec) => indexKey(rec.values.get(fk) ?? null, f)).get(key) ?? EMPTY;
    }

    /**
     * Ids of the rows whose derived key (`keyOf`, a pure function of the row) is `key`; deleted rows included when
     * `keyOf` gives them a key. `name` identifies the index: one name must always come with the same `keyOf`. Kept
     * up to date by writes and carried through snapshots like the field indexes, so it can serve as a counter.
     */
    lookupBy(
        objectName: string,
        name: string,
        keyOf: (rec: SRecord) => string | null,
        key: string
    ): ReadonlySet<string> {
        return this.indexOf(this.catalog.object(objectName), `#${name}`, keyOf).get(key) ?? EMPTY;
    }

    /** The index of the current table version, built on first use. */
    private indexOf(obj: ObjectDef, name: string, keyOf: (rec: SRecord) => string | null): Map<string, Set<string>> {
        const t = this.table(obj, false);
        let idx = t.indexes.get(name);
        if (!idx) {
            idx = { key: keyOf, map: new Map(), owned: new WeakSet() };
            for (const rec of t.rows.values()) addToIndex(idx, rec);
            t.indexes.set(name, idx);
        }
        return idx.map;
    }

    /** The row (if any) whose field value equals `rec`'s under the field's index key, other than `rec` itself. */
    findOther(objectName: string, fieldName: string, value: FieldValue, exceptId: string | null): SRecord | undefined {
        const obj = this.catalog.object(objectName);
        const f = this.catalog.field(obj, fieldName);
        const key = indexKey(value, f);
        if (key === null) return undefined;
        for (const id of this.lookup(obj.name, f.name, key)) {
            if (id !== exceptId) {
                const r = this.get(id);
                if (r) return r;
            }
        }
        return undefined;
    }

    /**
     * A rollback point for one DML statement, O(1): unlike a snapshot, whose first write per table copies the whole
     * table, a mark keeps an undo journal of the rows it writes. Marks nest; every mark must be released.
     */
    mark(): number {
        this.openMarks++;
        return this.journal.length;
    }

    /** Puts back every row written since the mark, newest first (the mark stays open until released). */
    rollbackTo(mark: number): void {
        const reinserted = new Set<Table>();
        for (let i = this.journal.length - 1; i >= mark; i--) {
            const { obj, id, old } = this.journal[i];
            const t = this.table(obj, true);
            const cur = t.rows.get(id);
            for (const idx of t.indexes.values()) {
                if (cur) removeFromIndex(idx, idx.key(cur), id);
                if (old) addToIndex(idx, old);
            }
            if (old) {
                if (!cur) reinserted.add(t);
                t.rows.set(id, old);
            } else {
                t.rows.delete(id);
            }
        }
        this.journal.length = mark;
        // A hard-deleted row put back goes to the end of its Map: rows() restores insertion order (Id order) lazily.
        for (const t of reinserted) t.unordered = true;
    }

    /**
     * A savepoint inside an open mark, O(1): the journal position (a snapshot would make the next write to each table
     * copy it). Null when no mark is open, since nothing is journalled then: take a snapshot instead.
     */
    journalPoint(): JournalPoint | null {
        if (this.openMarks === 0) return null;
        return { journal: this.journal, at: this.journal.length, seq: this.journalSeq };
    }

    /**
     * Puts back every row written since the point and still in effect: the journal entries newer than the point
     * (an enclosing rollback may have undone some of them and newer writes taken their place, so the entries are
     * told apart by sequence number, not position). False when the point's journal is gone (its mark was released),
     * so the caller can fail loudly.
     */
    rollbackToPoint(p: JournalPoint): boolean {
        if (p.journal !== this.journal) return false;
        let at = Math.min(p.at, this.journal.length);
        while (at > 0 && this.journal[at - 1].seq >= p.seq) at--;
        this.rollbackTo(at);
        return true;
    }

    /** Closes the newest mark; the journal is dropped once no mark is open. */
    release(): void {
        if (this.openMarks === 0) throw new Error('Store.release without an open mark');
        this.openMarks--;
        if (this.openMarks === 0) this.journal = [];
    }

    private log(obj: ObjectDef, id: string, old: SRecord | undefined): void {
        if (this.openMarks > 0) this.journal.push({ obj, id, old, seq: this.journalSeq++ });
    }

    /** O(number of objects): every table becomes shared, so later writes copy before changing it. */
    snapshot(): Snapshot {
        for (const t of this.tables.values()) t.shared = true;
        return { tables: new Map(this.tables) };
    }

    /** Returns to a snapshot (which stays valid for further restores). */
    restore(s: Snapshot): void {
        this.tables = new Map(s.tables);
        for (const t of this.tables.values()) t.shared = true;
    }

    /**
     * Every row (deleted ones included) per object, and the Id and Auto Number counters: what a saved org needs
     * (src/server/state-file.ts). The rows are the stored immutable records, not copies.
     */
    dump(): { tables: Array<[string, SRecord[]]>; counters: Array<[string, number]> } {
        const tables: Array<[string, SRecord[]]> = [];
        for (const [key, t] of this.tables) if (t.rows.size) tables.push([key, [...t.rows.values()]]);
        return { tables, counters: [...this.counters] };
    }

    /**
     * Replaces the whole content with dumped rows and counters (no hooks run: the rows already hold what the hooks
     * derived). Indexes are rebuilt on first use. Rows of an unknown object throw a SchemaError.
     */
    load(rows: Iterable<SRecord>, counters: Iterable<[string, number]>): void {
        if (this.openMarks > 0) throw new Error('Store.load inside an open mark');
        const tables = new Map<string, Table>();
        for (const rec of rows) {
            const key = this.catalog.object(rec.type).name.toLowerCase();
            let t = tables.get(key);
            if (!t) tables.set(key, (t = { rows: new Map(), indexes: new Map(), shared: false }));
            t.rows.set(rec.id, rec);
        }
        this.tables = tables;
        this.counters.clear();
        for (const [k, n] of counters) this.counters.set(k, n);
    }
}

/** A position in the open undo journal (Store.journalPoint). */
export interface JournalPoint {
    readonly journal: unknown;
    readonly at: number;
    readonly seq: number;
}

const EMPTY: ReadonlySet<string> = new Set();

/**
 * Fields that get a value on insert when null: booleans, fields with a default value, Auto Numbers; cached for the
 * object's current field list.
 */
const defaultedCache = new WeakMap<ObjectDef, { size: number; fields: Array<[string, FieldDef]> }>();
function defaultedFields(obj: ObjectDef): Array<[string, FieldDef]> {
    let c = defaultedCache.get(obj);
    if (!c || c.size !== obj.fields.size) {
        const fields = [...obj.fields].filter(
            ([, f]) => f.type === 'boolean' || f.defaultValue !== undefined || f.autoNumber !== undefined
        );
        c = { size: obj.fields.size, fields };
        defaultedCache.set(obj, c);
    }
    return c.fields;
}

/** The Set of a key that this table version may change in place (copied first when an older version shares it). */
function ownedSet(idx: Index, key: string, create: boolean): Set<string> | undefined {
    const s = idx.map.get(key);
    if (s && idx.owned.has(s)) return s;
    if (!s && !create) return undefined;
    const mine = new Set(s);
    idx.owned.add(mine);
    idx.map.set(key, mine);
    return mine;
}

function addToIndex(idx: Index, rec: SRecord, key: string | null = idx.key(rec)): void {
    if (key === null) return;
    ownedSet(idx, key, true)!.add(rec.id);
}

function removeFromIndex(idx: Index, key: string | null, id: string): void {
    if (key === null || !idx.map.get(key)?.has(id)) return;
    const s = ownedSet(idx, key, false)!;
    s.delete(id);
    if (s.size === 0) idx.map.delete(key);
}

/**
 * User.Name and Contact.Name are compound, read-only names built from FirstName and LastName (en_US order:
 * "First Last"; the locale-specific order of other locales is not modelled).
 */
function deriveName(obj: ObjectDef, values: Map<string, FieldValue>): void {
    if (obj.name !== 'User' && obj.name !== 'Contact') return;
    const first = values.get('firstname');
    const last = values.get('lastname');
    const parts = [first, last].filter((p): p is string => typeof p === 'string' && p !== '');
    values.set('name', parts.length ? parts.join(' ') : null);
}
