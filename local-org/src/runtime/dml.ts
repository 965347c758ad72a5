/**
 * DML over the record store: statements and Database.* methods, row validation (org/validate.ts), the mixed-DML
 * rule (platform/mixed-dml.ts), all-or-none rollback, Ids written back to the caller's SObjects, and the
 * platform-shaped DmlException and Database results.
 * DML statements: https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/apex_dml_section.htm
 * DmlException: https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_class_System_DmlException.htm
 * Database.SaveResult: https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_methods_system_database_saveresult.htm
 */
import type { Catalog } from '../org/schema/catalog';
import { type Store, indexKey } from '../org/store';
import type { DmlError } from '../org/validate';
import { validateRow } from '../org/validate';
import type { FieldValue } from '../org/values';
import { type DmlOperation, MixedDmlTracker, dmlCategory } from '../platform/mixed-dml';
import { ApexId } from '../stdlib/primitives/id';
import { DEFAULT_USER } from '../stdlib/system';
import { EmulatorError, tx } from './context';
import { exceptionClasses, newException, npe } from './ops';
import { ApexThrow } from './context';
import { SObjectValue, recordSObject, setFields } from './sobject';
import { type TriggerContext, fireTriggers, hasTriggers } from './triggers';
import { isUncatchable } from '../semantic/builtin-classes';
import { type ApexType, T } from '../semantic/types';
import { ApexList, ApexMap } from './values';
import { checkLimit } from './limits';
import { afterInsertRule, beforeDeleteRule, platformRowError, recountSeats } from './dml-rules';
import { recountPermissionSetLicenses } from './psl-rules';
import { type StaleMembershipMode, networkMemberDmlError } from '../platform/site-membership';
import { platformError } from '../platform/errors';
import { syncMembership } from './sites';
import type { FaultInjector } from '../faults/faults';

export type DmlOp = 'insert' | 'update' | 'upsert' | 'delete' | 'undelete';

/** One Database.Error. */
export class DbError {
    constructor(
        readonly statusCode: string,
        readonly message: string,
        readonly fields: string[]
    ) {}
    get apexTypeName(): string {
        return 'Database.Error';
    }
    toString(): string {
        return `Database.Error[getFields=(${this.fields.join(', ')});getMessage=${this.message};getStatusCode=${this.statusCode};]`;
    }
}

/** Database.SaveResult / UpsertResult / DeleteResult / UndeleteResult. */
export class DmlResult {
    constructor(
        readonly kind: string,
        readonly id: ApexId | null,
        readonly errors: DbError[],
        readonly created: boolean
    ) {}
    get apexTypeName(): string {
        return this.kind;
    }
    get success(): boolean {
        return this.errors.length === 0;
    }
}

/** The failed rows a DmlException carries (getNumDml, getDmlMessage(i)...). */
export interface DmlFailure {
    index: number;
    id: ApexId | null;
    error: DbError;
}

const RESULT_KIND: Record<DmlOp, string> = {
    insert: 'Database.SaveResult',
    update: 'Database.SaveResult',
    upsert: 'Database.UpsertResult',
    delete: 'Database.DeleteResult',
    undelete: 'Database.UndeleteResult'
};

const OP_TITLE: Record<DmlOp, string> = {
    insert: 'Insert',
    update: 'Update',
    upsert: 'Upsert',
    delete: 'Delete',
    undelete: 'Undelete'
};

function fail(e: DmlError | { statusCode: string; message: string; fields: string[] }): DbError {
    return new DbError(e.statusCode, e.message, e.fields);
}

export class DmlEngine {
    /** The transaction's mixed-DML context; System.runAs swaps in a fresh one for its block. */
    mixed = new MixedDmlTracker();
    /** RuntimeOptions.siteMembership of the transaction (set by the runtime for each transaction). */
    siteMembership: StaleMembershipMode = 'staleRowsStay';
    /** RuntimeOptions.faults, armed by the runtime; null when no fault file was given. */
    faults: FaultInjector | null = null;
    /** The current statement's injected row errors, by the caller's row instance. */
    private injected = new Map<SObjectValue, DbError>();

    constructor(
        private readonly catalog: Catalog,
        private readonly store: Store
    ) {}

    /**
     * Runs one DML call. `allOrNone` true (statements, and Database methods by default): any failed row rolls the
     * whole call back and throws DmlException. Returns one result per row.
     */
    run(op: DmlOp, target: unknown, allOrNone: boolean, keyField?: string): DmlResult[] {
        if (target === null || target === undefined) npe();
        const single = target instanceof SObjectValue;
        const rows: unknown[] = single ? [target] : target instanceof ApexList ? target.items : [];
        if (!single && !(target instanceof ApexList)) throw new EmulatorError(`DML ${op} on a non-SObject value`);
        // DML on an empty list is a no-op that consumes no limits (observed in orgs; LEDGER LIM-02).
        if (rows.length === 0) return [];
        const t = tx();
        t.limits.dmlStatements++;
        checkLimit('dmlStatements', t.limits.dmlStatements);
        t.limits.dmlRows += rows.length;
        checkLimit('dmlRows', t.limits.dmlRows);
        // The statement's rollback point: an undo journal of the rows it writes (a snapshot would copy every table
        // the statement writes, O(org) per statement).
        const before = this.store.mark();
        // Rows an external Id matched get that record's Id, taken back if the whole call fails.
        const matched: SObjectValue[] = [];
        try {
            const newIds: Array<[SObjectValue, ApexId]> = [];
            this.injected = this.injectFaults(op, rows);
            if (op === 'upsert' && keyField) this.matchKeys(rows, keyField, matched);
            const triggered = rows.some((r) => r instanceof SObjectValue && hasTriggers(r.obj.name));
            const results = triggered
                ? this.withTriggers(op, rows, newIds, allOrNone)
                : this.plainRows(op, rows, newIds);
            const failures = results.map((r, index) => ({ r, index })).filter((x) => !x.r.success);
            if (failures.length && allOrNone) {
                this.store.rollbackTo(before);
                for (const row of matched) row.values.delete('id');
                throw dmlException(
                    op,
                    failures.map((x) => ({ index: x.index, id: x.r.id, error: x.r.errors[0] }))
                );
            }
            if (rows.some((r) => r instanceof SObjectValue && r.obj.name === 'User')) recountSeats(this.store);
            recountPermissionSetLicenses(this.store);
            // Only Ids come back to the caller's instances; other generated fields need a query (Apex guide, Insert).
            for (const [o, id] of newIds) o.values.set('id', id);
            return results;
        } finally {
            this.store.release();
        }
    }

    /**
     * Upsert on an external Id field (Apex guide, "Upserting Records"): a row whose key matches one record updates it
     * (the row takes its Id), no match inserts, several matches fail the row; a key repeated within the call fails
     * the repeats. Both messages are our reading (unverified). A row that already has an Id is not emulated.
     */
    private matchKeys(rows: unknown[], keyField: string, matched: SObjectValue[]): void {
        const seen = new Set<string>();
        for (const row of rows) {
            if (!(row instanceof SObjectValue) || this.injected.has(row)) continue;
            const f = this.catalog.field(row.obj, keyField);
            if (row.id) throw new EmulatorError(`upsert on ${f.name} of a row that already has an Id is not emulated`);
            const value = (row.values.get(f.name.toLowerCase()) ?? null) as FieldValue;
            const key = indexKey(value, f);
            if (key === null) continue;
            const fail = (message: string): void => {
                this.injected.set(row, new DbError('DUPLICATE_EXTERNAL_ID', message, [f.name]));
            };
            if (seen.has(key)) {
                fail(`Duplicate external id specified: ${String(value)}`);
                continue;
            }
            seen.add(key);
            const ids = [...this.store.lookup(row.obj.name, f.name, key)].filter(
                (id) => this.store.get(id)?.values.get('isdeleted') !== true
            );
            if (ids.length > 1) {
                fail(`${f.name}: more than one record found for external id field: ${ids.join(', ')}`);
                continue;
            }
            if (ids.length === 1) {
                row.values.set('id', ApexId.of(ids[0]));
                matched.push(row);
            }
        }
    }

    private plainRows(op: DmlOp, rows: unknown[], newIds: Array<[SObjectValue, ApexId]>): DmlResult[] {
        return rows.map((row) => {
            if (!(row instanceof SObjectValue)) return nullRow(op);
            const injected = this.injected.get(row);
            return injected ? new DmlResult(RESULT_KIND[op], row.id, [injected], false) : this.row(op, row, newIds);
        });
    }

    /**
     * Asks the fault injector (local-only, src/faults/faults.ts) which rows of this statement fail, once per object
     * type in the statement; those rows become ordinary per-row errors in place of their save.
     */
    private injectFaults(op: DmlOp, rows: unknown[]): Map<SObjectValue, DbError> {
        const out = new Map<SObjectValue, DbError>();
        if (!this.faults) return out;
        const byType = new Map<string, SObjectValue[]>();
        for (const r of rows) {
            if (!(r instanceof SObjectValue)) continue;
            const list = byType.get(r.obj.name) ?? [];
            list.push(r);
            byType.set(r.obj.name, list);
        }
        for (const [type, list] of byType) {
            const facts = list.map((r) => ({
                fields: new Set([...r.values.keys()].filter((k) => k !== 'id' && (op === 'insert' || !r.loaded.has(k))))
            }));
            this.faults.beforeDml(op, type, facts).forEach((e, i) => {
                if (e) out.set(list[i], new DbError(e.statusCode, e.message, e.fields));
            });
        }
        return out;
    }

    /**
     * DML on an object with triggers, in chunks of 200 rows: before triggers see editable copies holding the whole
     * record (their changes are saved; whether they reach the caller's instances is unverified, so only Ids do),
     * after triggers see the saved rows read-only; addError fails its row with FIELD_CUSTOM_VALIDATION_EXCEPTION.
     */
    private withTriggers(
        op: DmlOp,
        rows: unknown[],
        newIds: Array<[SObjectValue, ApexId]>,
        allOrNone: boolean
    ): DmlResult[] {
        if (op === 'upsert') {
            // Upsert fires the insert triggers for rows without an Id and the update triggers for the others.
            const withId = rows.filter((r) => r instanceof SObjectValue && r.id).length;
            if (withId !== 0 && withId !== rows.length)
                throw new EmulatorError(
                    'upsert mixing new and existing rows of an object with triggers is not supported yet'
                );
            const as: DmlOp = withId ? 'update' : 'insert';
            return this.withTriggers(as, rows, newIds, allOrNone).map(
                (r) => new DmlResult(RESULT_KIND.upsert, r.id, r.errors, as === 'insert' && r.success)
            );
        }
        const types = new Set(rows.filter((r) => r instanceof SObjectValue).map((r) => (r as SObjectValue).obj));
        if (types.size !== 1)
            throw new EmulatorError('DML of several object types with triggers is not supported by the local org yet');
        const obj = [...types][0];
        const so: ApexType = { k: 'sobject', name: obj.name };
        const results: DmlResult[] = new Array(rows.length);
        const list = (items: SObjectValue[]): ApexList => new ApexList(so, items);
        const byId = (items: SObjectValue[]): ApexMap => {
            const m = new ApexMap(T.Id, so);
            for (const x of items) if (x.id) m.store.set(x.id, x);
            return m;
        };
        for (let start = 0; start < rows.length; start += 200) {
            const idx: number[] = [];
            for (let i = start; i < Math.min(start + 200, rows.length); i++) {
                if (rows[i] instanceof SObjectValue) idx.push(i);
                else results[i] = nullRow(op);
            }
            const originals = idx.map((i) => rows[i] as SObjectValue);
            const stored = (o: SObjectValue) => (o.id ? this.store.get(o.id, { allRows: true }) : undefined);
            const olds = originals.map((o) => {
                const rec = op === 'insert' ? undefined : stored(o);
                if (!rec) return null;
                const x = recordSObject(obj, rec.values);
                x.readOnly = true;
                return x;
            });
            const presentOlds = olds.filter((x): x is SObjectValue => x !== null);
            let work = originals;
            if (op === 'insert' || op === 'update') {
                work = originals.map((o, k) => withChanges(olds[k], o));
                fire(obj.name, {
                    timing: 'before',
                    event: op,
                    newList: list(work),
                    oldList: op === 'update' ? list(presentOlds) : null,
                    newMap: op === 'update' ? byId(work) : null,
                    oldMap: op === 'update' ? byId(presentOlds) : null,
                    size: work.length
                });
            } else if (op === 'delete') {
                fire(obj.name, {
                    timing: 'before',
                    event: 'delete',
                    newList: null,
                    oldList: list(presentOlds),
                    newMap: null,
                    oldMap: byId(presentOlds),
                    size: presentOlds.length
                });
            }
            const chunkIds: Array<[SObjectValue, ApexId]> = [];
            idx.forEach((i, k) => {
                const errors = (op === 'delete' ? olds[k]?.errors : work[k].errors) ?? [];
                const injected = this.injected.get(originals[k]);
                results[i] = errors.length
                    ? new DmlResult(RESULT_KIND[op], originals[k].id, [customError(errors[0])], false)
                    : injected
                      ? new DmlResult(RESULT_KIND[op], originals[k].id, [injected], false)
                      : this.row(op, work[k], chunkIds);
            });
            for (const [copy, id] of chunkIds) newIds.push([originals[work.indexOf(copy)], id]);
            const savedK = idx.map((i, k) => (results[i].success ? k : -1)).filter((k) => k >= 0);
            if (!savedK.length) continue;
            const after = savedK.map((k) => {
                const id = results[idx[k]].id!;
                const x = recordSObject(obj, this.store.get(id, { allRows: true })!.values);
                x.readOnly = true;
                return x;
            });
            const afterOld = savedK.map((k) => olds[k]).filter((x): x is SObjectValue => x !== null);
            const hasNew = op !== 'delete';
            fire(obj.name, {
                timing: 'after',
                event: op,
                newList: hasNew ? list(after) : null,
                oldList: op === 'update' || op === 'delete' ? list(afterOld) : null,
                newMap: hasNew ? byId(after) : null,
                oldMap: op === 'update' || op === 'delete' ? byId(afterOld) : null,
                size: savedK.length
            });
            savedK.forEach((k, n) => {
                const errors = (hasNew ? after[n] : olds[k]!).errors;
                if (!errors.length) return;
                if (!allOrNone)
                    throw new EmulatorError(
                        'addError in an after trigger with allOrNone=false is not supported by the local org yet'
                    );
                results[idx[k]] = new DmlResult(RESULT_KIND[op], results[idx[k]].id, [customError(errors[0])], false);
            });
        }
        return results;
    }

    private row(op: DmlOp, o: SObjectValue, newIds: Array<[SObjectValue, ApexId]>): DmlResult {
        const kind = RESULT_KIND[op];
        const obj = o.obj;
        const id = o.id;
        const effective: DmlOperation = op === 'upsert' ? (id ? 'update' : 'insert') : op;
        const fields = new Map<string, FieldValue>();
        for (const [f, v] of setFields(o, effective === 'insert' ? 'insert' : 'update'))
            fields.set(f.name.toLowerCase(), v as FieldValue);
        // Fields assigned in Apex (query-loaded values do not count as changes for the User setup-field rule).
        const changed = new Set([...fields.keys()].filter((k) => k !== 'id' && !o.loaded.has(k)));
        const category = dmlCategory(
            effective,
            obj.name,
            changed,
            effective === 'insert' && !!fields.get('userroleid')
        );
        const mixedError = this.mixed.record(category, obj.name);
        if (mixedError) return new DmlResult(kind, id, [fail(mixedError)], false);
        // NetworkMember allows update only (platform/site-membership.ts).
        if (obj.name === 'NetworkMember' && op !== 'update')
            return new DmlResult(kind, id, [fail(networkMemberDmlError(op))], false);
        // Apex DML on NetworkMemberGroup is reported to fail although the API allows create/update (platform-facts §1);
        // never more lenient than an org: refused, sites come from RuntimeOptions.sites.
        if (obj.name === 'NetworkMemberGroup') {
            const verb = op.charAt(0).toUpperCase() + op.slice(1);
            return new DmlResult(kind, id, [fail(platformError('networkMemberGroupDml', [], verb))], false);
        }
        if (effective === 'insert') {
            if (!obj.createable || obj.isPlatformEvent)
                throw new EmulatorError(`insert of ${obj.name} is not supported by the local org`);
            const errors = validateRow(this.catalog, this.store, obj, fields, 'insert');
            if (errors.length) return new DmlResult(kind, null, errors.map(fail), false);
            const rule = platformRowError(this.store, 'insert', obj.name, fields);
            if (rule) return new DmlResult(kind, null, [fail(rule)], false);
            if (obj.name === 'User') this.userDefaults(fields);
            const rec = this.store.insert(obj.name, Object.fromEntries(fields));
            afterInsertRule(this.store, obj.name, rec.id);
            if (obj.name === 'User') syncMembership(this.store, rec.id, this.siteMembership);
            if (obj.name === 'PermissionSetAssignment')
                syncMembership(this.store, String(fields.get('assigneeid')), this.siteMembership);
            const newId = ApexId.of(rec.id);
            newIds.push([o, newId]);
            return new DmlResult(kind, newId, [], true);
        }
        if (!id) {
            // "Id not specified in an update call" (StatusCode MISSING_ARGUMENT).
            const errors = validateRow(this.catalog, this.store, obj, fields, 'update', null);
            return new DmlResult(
                kind,
                null,
                errors.length
                    ? errors.map(fail)
                    : [new DbError('MISSING_ARGUMENT', 'Id not specified in an update call', [])],
                false
            );
        }
        const existing = this.store.get(id, { allRows: true });
        if (!existing)
            return new DmlResult(
                kind,
                id,
                [new DbError('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', [])],
                false
            );
        const deleted = existing.values.get('isdeleted') === true;
        if (effective === 'update') {
            if (deleted)
                return new DmlResult(kind, id, [new DbError('ENTITY_IS_DELETED', 'entity is deleted', [])], false);
            if (!obj.updateable) throw new EmulatorError(`update of ${obj.name} is not supported by the local org`);
            const errors = validateRow(this.catalog, this.store, obj, fields, 'update', id.id18);
            if (errors.length) return new DmlResult(kind, id, errors.map(fail), false);
            const rule = platformRowError(this.store, 'update', obj.name, fields, id.id18);
            if (rule) return new DmlResult(kind, id, [fail(rule)], false);
            fields.delete('id');
            const profileBefore = String(existing.values.get('profileid'));
            this.store.update(id.id18, Object.fromEntries(fields));
            if (obj.name === 'User' && fields.has('profileid') && String(fields.get('profileid')) !== profileBefore)
                syncMembership(this.store, id.id18, this.siteMembership);
            return new DmlResult(kind, id, [], false);
        }
        if (effective === 'delete') {
            if (deleted)
                return new DmlResult(kind, id, [new DbError('ENTITY_IS_DELETED', 'entity is deleted', [])], false);
            if (!obj.deletable) throw new EmulatorError(`delete of ${obj.name} is not supported by the local org`);
            beforeDeleteRule(this.store, obj.name, id.id18);
            this.store.delete(id.id18);
            return new DmlResult(kind, id, [], false);
        }
        if (!deleted)
            // Undelete of a record that is not in the recycle bin (text unverified).
            return new DmlResult(
                kind,
                id,
                [new DbError('UNDELETE_FAILED', 'Entity is not in the recycle bin', [])],
                false
            );
        this.store.undelete(id.id18);
        return new DmlResult(kind, id, [], false);
    }

    /**
     * What the platform fills in on a new User: UserType from the profile's license (read-only, User object
     * reference), IsActive true, IsPortalEnabled for contact-linked users, and a CommunityNickname when none is given.
     */
    private userDefaults(fields: Map<string, FieldValue>): void {
        const profileId = fields.get('profileid');
        const profile = profileId ? this.store.get(profileId as ApexId | string) : undefined;
        if (profile) fields.set('usertype', profile.values.get('usertype') ?? null);
        if (!fields.has('isactive') || fields.get('isactive') === null) fields.set('isactive', true);
        // A user linked to a contact is an Experience Cloud (portal) user (User object reference, IsPortalEnabled).
        if (fields.get('contactid')) fields.set('isportalenabled', true);
        else if (!fields.has('isportalenabled') || fields.get('isportalenabled') === null)
            fields.set('isportalenabled', false);
        if (!fields.get('communitynickname')) {
            const base = String(fields.get('alias') ?? fields.get('lastname') ?? 'user');
            fields.set('communitynickname', `${base}.${++nicknameSeq}`.slice(0, 40));
        }
    }
}

/**
 * Runs triggers. An exception a trigger does not catch fails the DML on the platform with a DmlException
 * (CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY, "execution of BeforeInsert caused by: ..."); that wrapping is not
 * emulated yet, so it is an EmulatorError rather than the raw exception reaching the caller's catch blocks.
 */
function fire(objectName: string, ctx: TriggerContext): void {
    try {
        fireTriggers(objectName, ctx);
    } catch (e) {
        if (e instanceof ApexThrow && !isUncatchable(e.ex.cls)) {
            const msg = e.ex.fields.get('$message');
            throw new EmulatorError(
                `an uncaught ${e.ex.cls.qualifiedName} in the ${ctx.timing} ${ctx.event} trigger of ${objectName} (${String(msg)}) becomes a DmlException on the platform; not emulated yet`
            );
        }
        throw e;
    }
}

function nullRow(op: DmlOp): DmlResult {
    // A null element of the list (exact platform text unverified).
    return new DmlResult(RESULT_KIND[op], null, [new DbError('INVALID_ARGUMENT', 'Invalid argument: null', [])], false);
}

/** An addError message as the row's Database.Error. */
function customError(message: string): DbError {
    return new DbError('FIELD_CUSTOM_VALIDATION_EXCEPTION', message, []);
}

/**
 * The editable Trigger.new row of a before trigger: the stored record (updates) with the caller's assigned fields
 * on top; query-loaded fields keep counting as unchanged.
 */
function withChanges(old: SObjectValue | null, o: SObjectValue): SObjectValue {
    const x = old ? recordSObject(o.obj, old.values) : new SObjectValue(o.obj);
    if (!old) {
        // A new row already carries the defaults the platform fills before triggers: checkbox, picklist and literal
        // defaults, OwnerId. Auto Numbers are assigned at save, so they are still null here.
        for (const f of o.obj.fields.values()) {
            const k = f.name.toLowerCase();
            if (f.type === 'boolean' && f.createable) x.values.set(k, f.defaultValue ?? false);
            else if (f.defaultValue !== undefined && f.createable) x.values.set(k, f.defaultValue);
            if (k === 'ownerid') x.values.set(k, ApexId.of(DEFAULT_USER.id));
        }
    }
    for (const [k, v] of o.values) {
        x.values.set(k, v);
        if (o.loaded.has(k)) x.loaded.add(k);
        else x.loaded.delete(k);
    }
    return x;
}

/** Generated nicknames, unique within the process (the platform derives one when none is given). */
let nicknameSeq = 0;

/** "Insert failed. First exception on row 0; first error: REQUIRED_FIELD_MISSING, Required fields are missing: [Name]: [Name]" */
export function dmlMessage(op: DmlOp, first: DmlFailure): string {
    const e = first.error;
    const idPart = first.id && op !== 'insert' ? ` with id ${first.id.id18}` : '';
    return `${OP_TITLE[op]} failed. First exception on row ${first.index}${idPart}; first error: ${e.statusCode}, ${e.message}: [${e.fields.join(', ')}]`;
}

export function dmlException(op: DmlOp, failures: DmlFailure[]): ApexThrow {
    const cls = exceptionClasses.byName.get('dmlexception')!;
    const ex = newException(cls, dmlMessage(op, failures[0]));
    ex.fields.set('$dml', failures);
    return new ApexThrow(ex);
}
