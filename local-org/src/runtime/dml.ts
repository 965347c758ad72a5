/**
 * DML over the record store: statements and Database.* methods, row validation (org/validate.ts), the mixed-DML
 * rule (platform/mixed-dml.ts), all-or-none rollback, Ids written back to the caller's SObjects, and the
 * platform-shaped DmlException and Database results.
 * DML statements: https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/apex_dml_section.htm
 * DmlException: https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_class_System_DmlException.htm
 * Database.SaveResult: https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_methods_system_database_saveresult.htm
 */
import type { Catalog } from '../org/schema/catalog';
import type { Store } from '../org/store';
import type { DmlError } from '../org/validate';
import { validateRow } from '../org/validate';
import type { FieldValue } from '../org/values';
import { type DmlOperation, MixedDmlTracker, dmlCategory } from '../platform/mixed-dml';
import { ApexId } from '../stdlib/primitives/id';
import { EmulatorError, tx } from './context';
import { exceptionClasses, newException, npe } from './ops';
import { ApexThrow } from './context';
import { SObjectValue, setFields } from './sobject';
import { ApexList } from './values';
import { checkLimit } from './limits';
import { platformRowError, recountSeats } from './dml-rules';
import { networkMemberDmlError } from '../platform/site-membership';

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

    constructor(
        private readonly catalog: Catalog,
        private readonly store: Store
    ) {}

    /**
     * Runs one DML call. `allOrNone` true (statements, and Database methods by default): any failed row rolls the
     * whole call back and throws DmlException. Returns one result per row.
     */
    run(op: DmlOp, target: unknown, allOrNone: boolean): DmlResult[] {
        if (target === null || target === undefined) npe();
        const single = target instanceof SObjectValue;
        const rows: unknown[] = single ? [target] : target instanceof ApexList ? target.items : [];
        if (!single && !(target instanceof ApexList)) throw new EmulatorError(`DML ${op} on a non-SObject value`);
        const t = tx();
        t.limits.dmlStatements++;
        checkLimit('dmlStatements', t.limits.dmlStatements);
        t.limits.dmlRows += rows.length;
        checkLimit('dmlRows', t.limits.dmlRows);
        const before = this.store.snapshot();
        const results: DmlResult[] = [];
        const newIds: Array<[SObjectValue, ApexId]> = [];
        for (const row of rows) {
            if (!(row instanceof SObjectValue)) {
                // A null element of the list (exact platform text unverified).
                results.push(
                    new DmlResult(
                        RESULT_KIND[op],
                        null,
                        [new DbError('INVALID_ARGUMENT', 'Invalid argument: null', [])],
                        false
                    )
                );
                continue;
            }
            results.push(this.row(op, row, newIds));
        }
        const failures = results.map((r, index) => ({ r, index })).filter((x) => !x.r.success);
        if (failures.length && allOrNone) {
            this.store.restore(before);
            throw dmlException(
                op,
                failures.map((x) => ({ index: x.index, id: x.r.id, error: x.r.errors[0] }))
            );
        }
        if (rows.some((r) => r instanceof SObjectValue && r.obj.name === 'User')) recountSeats(this.store);
        // Only Ids come back to the caller's instances; other generated fields need a query (Apex guide, Insert).
        for (const [o, id] of newIds) o.values.set('id', id);
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
        if (effective === 'insert') {
            if (!obj.createable || obj.isPlatformEvent)
                throw new EmulatorError(`insert of ${obj.name} is not supported by the local org`);
            const errors = validateRow(this.catalog, this.store, obj, fields, 'insert');
            if (errors.length) return new DmlResult(kind, null, errors.map(fail), false);
            const rule = platformRowError(this.store, 'insert', obj.name, fields);
            if (rule) return new DmlResult(kind, null, [fail(rule)], false);
            if (obj.name === 'User') this.userDefaults(fields);
            const rec = this.store.insert(obj.name, Object.fromEntries(fields));
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
            this.store.update(id.id18, Object.fromEntries(fields));
            return new DmlResult(kind, id, [], false);
        }
        if (effective === 'delete') {
            if (deleted)
                return new DmlResult(kind, id, [new DbError('ENTITY_IS_DELETED', 'entity is deleted', [])], false);
            if (!obj.deletable) throw new EmulatorError(`delete of ${obj.name} is not supported by the local org`);
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
     * reference), IsActive true, and a CommunityNickname when none is given.
     */
    private userDefaults(fields: Map<string, FieldValue>): void {
        const profileId = fields.get('profileid');
        const profile = profileId ? this.store.get(profileId as ApexId | string) : undefined;
        if (profile) fields.set('usertype', profile.values.get('usertype') ?? null);
        if (!fields.has('isactive') || fields.get('isactive') === null) fields.set('isactive', true);
        if (!fields.get('communitynickname')) {
            const base = String(fields.get('alias') ?? fields.get('lastname') ?? 'user');
            fields.set('communitynickname', `${base}.${++nicknameSeq}`.slice(0, 40));
        }
    }
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
