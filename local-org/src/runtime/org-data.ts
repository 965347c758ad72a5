/**
 * The DataService over the in-memory org (src/org): SOQL through the SoqlEngine, rows turned into SObjects, DML
 * through DmlEngine, savepoints and test isolation through store snapshots, and the SOQL governor limits.
 * SOQL in Apex: https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/langCon_apex_SOQL.htm
 */
import { SoqlError } from '../frontend/soql';
import type { Catalog } from '../org/schema/catalog';
import type { ObjectDef } from '../org/schema/types';
import type { JournalPoint, Snapshot, Store } from '../org/store';
import { platformMessage } from '../org/soql/errors';
import type { BindResult, QueryRow } from '../org/soql/exec';
import { SoqlEngine } from '../org/soql/engine';
import type { FieldValue } from '../org/values';
import { EmulatorError, tx } from './context';
import type { BindEvaluator, DataService } from './data';
import { type DmlOp, DmlEngine } from './dml';
import { checkLimit } from './limits';
import { npe, raise } from './ops';
import { SObjectValue } from './sobject';
import { upsertKeyField } from './field-describe';
import { MixedDmlTracker } from '../platform/mixed-dml';
import { registerProfileAssignments } from './dml-rules';
import { restoreUser, runningUser, switchUser } from './baseline';
import { ApexList, ApexObject, ApexSet } from './values';
import { ApexId } from '../stdlib/primitives/id';
import { requireUserModeSupported } from './user-mode';
import { checkRollback, markSavepoint } from '../stdlib/messaging';

/** One AggregateResult row: keys (alias, exprN, grouped field) looked up ignoring case. */
export class AggregateValue {
    constructor(readonly values: Map<string, FieldValue>) {}
    get apexTypeName(): string {
        return 'AggregateResult';
    }
    get(key: string): FieldValue {
        const lower = key.toLowerCase();
        for (const [k, v] of this.values) if (k.toLowerCase() === lower) return v;
        // AggregateResult.get with an unknown alias (exact text unverified).
        return raise('System.SObjectException', `Invalid field ${key} for AggregateResult`);
    }
    toString(): string {
        return `AggregateResult:{${[...this.values].map(([k, v]) => `${k}=${String(v)}`).join(', ')}}`;
    }
}

/** Database.getQueryLocator: the query, run later by the batch machinery. */
export class QueryLocatorValue {
    constructor(
        readonly soql: string,
        readonly bind: BindEvaluator | undefined
    ) {}
    get apexTypeName(): string {
        return 'Database.QueryLocator';
    }
}

/** Database.setSavepoint: a position in the transaction's undo journal, or (where none is open) a snapshot. */
export class SavepointValue {
    constructor(readonly point: Snapshot | JournalPoint) {}
    get apexTypeName(): string {
        return 'Savepoint';
    }
}

export type QueryMode = 'list' | 'count' | 'locator';

/** The org of the loaded project (one project runs at a time), for stdlib bindings that read it. */
export const currentOrg: { org: OrgData | null } = { org: null };

export class OrgData implements DataService {
    readonly soql: SoqlEngine;
    readonly dmlEngine: DmlEngine;

    constructor(
        readonly catalog: Catalog,
        readonly store: Store
    ) {
        this.soql = new SoqlEngine(catalog, store);
        this.dmlEngine = new DmlEngine(catalog, store);
        registerProfileAssignments(store);
    }

    prepare(soql: string): { kind: 'rows' | 'aggregate' | 'count'; object: string } {
        const p = this.soql.prepare(soql);
        return { kind: p.kind, object: p.root.name };
    }

    query(soql: string, bind?: BindEvaluator, mode: QueryMode = 'list'): unknown {
        const t = tx();
        t.limits.queries++;
        checkLimit('queries', t.limits.queries);
        try {
            if (mode === 'locator') {
                this.soql.prepare(soql);
                return new QueryLocatorValue(soql, bind);
            }
            const r = this.soql.query(soql, {
                bind: (b) => {
                    if (!bind) throw new EmulatorError(`SOQL bind :${b.text} has no scope to resolve it in`);
                    return bindValue(bind(b.text));
                },
                timeZone: t.timeZone,
                nowMs: Date.now()
            });
            if (r.plan.security === 'USER_MODE' || r.plan.security === 'SECURITY_ENFORCED')
                requireUserModeSupported(`WITH ${r.plan.security}`);
            t.limits.queryRows += r.rowsCounted;
            checkLimit('queryRows', t.limits.queryRows);
            if (mode === 'count') {
                if (r.kind !== 'count')
                    throw new EmulatorError('Database.countQuery of a query without COUNT() is not emulated');
                return r.count;
            }
            if (r.kind === 'count') return r.count;
            if (r.kind === 'aggregate')
                return new ApexList(
                    { k: 'builtin', name: 'AggregateResult' },
                    r.rows.map((x) => new AggregateValue(x.values))
                );
            return new ApexList(
                { k: 'sobject', name: r.plan.root.name },
                r.rows.map((row) => this.toSObject(row))
            );
        } catch (e) {
            if (e instanceof SoqlError) {
                if (e.kind === 'unsupported') throw new EmulatorError(e.message);
                raise('System.QueryException', platformMessage(e));
            }
            throw e;
        }
    }

    /** The rows of a batch's QueryLocator: up to 50 million, not counted against the query-row limit. */
    locatorRows(locator: unknown): { rows: unknown[]; elemType: string } {
        if (!(locator instanceof QueryLocatorValue))
            throw new EmulatorError(
                'a batch start that returns neither a QueryLocator nor an Iterable is not emulated'
            );
        const bind = locator.bind;
        const r = this.soql.query(locator.soql, {
            bind: (b) => {
                if (!bind) throw new EmulatorError(`SOQL bind :${b.text} has no scope to resolve it in`);
                return bindValue(bind(b.text));
            },
            timeZone: tx().timeZone,
            nowMs: Date.now()
        });
        if (r.kind !== 'rows')
            throw new EmulatorError('a QueryLocator over an aggregate or COUNT() query is not emulated');
        if (r.plan.security === 'USER_MODE' || r.plan.security === 'SECURITY_ENFORCED')
            requireUserModeSupported(`WITH ${r.plan.security}`);
        return { rows: r.rows.map((row) => this.toSObject(row)), elemType: r.plan.root.name };
    }

    private toSObject(row: QueryRow): SObjectValue {
        const obj: ObjectDef = this.catalog.object(row.type);
        const o = new SObjectValue(obj);
        o.fromQuery = true;
        for (const [k, v] of row.values) {
            o.values.set(k.toLowerCase(), v);
            o.loaded.add(k.toLowerCase());
        }
        for (const [k, p] of row.parents) o.parents.set(k.toLowerCase(), p ? this.toSObject(p) : null);
        for (const [k, rows] of row.children) {
            const rel = obj.childRelationships.get(k.toLowerCase());
            const elem = rel ? rel.childObject : 'SObject';
            o.children.set(
                k.toLowerCase(),
                new ApexList(
                    { k: 'sobject', name: elem },
                    rows.map((c) => this.toSObject(c))
                )
            );
        }
        return o;
    }

    dml(op: string, operands: unknown[]): unknown {
        switch (op) {
            case 'insert':
            case 'update':
            case 'upsert':
            case 'delete':
            case 'undelete':
                // `upsert rows Field;` arrives with the external Id field's canonical name as a second operand.
                if (op === 'upsert' && operands.length === 2 && typeof operands[1] === 'string') {
                    this.dmlEngine.run(op, operands[0], true, operands[1]);
                    return null;
                }
                if (operands.length !== 1)
                    throw new EmulatorError(`${op} with an external Id field is not supported by the local org`);
                this.dmlEngine.run(op, operands[0], true);
                return null;
            case 'database.insert':
            case 'database.update':
            case 'database.upsert':
            case 'database.delete':
            case 'database.undelete': {
                const dop = op.slice('database.'.length) as DmlOp;
                const allOrNone = operands.length > 1 ? operands[1] : true;
                if (allOrNone === null) npe();
                const target = this.rowsOf(operands[0]);
                const keyField = operands.length > 2 ? upsertKeyField(target, operands[2]) : undefined;
                const results = this.dmlEngine.run(dop, target, allOrNone as boolean, keyField);
                if (target instanceof SObjectValue) return results[0];
                return new ApexList({ k: 'builtin', name: results[0]?.kind ?? 'Database.SaveResult' }, results);
            }
            case 'setSavepoint': {
                // "Each savepoint you set counts against the governor limit for DML statements."
                this.countStatement();
                // A journal position where the transaction keeps one (anonymous Apex, async steps, deliveries): a
                // snapshot would make the next write to each table copy it, O(org) per savepoint. Test methods
                // keep no journal and take a snapshot.
                const sp = new SavepointValue(this.store.journalPoint() ?? this.store.snapshot());
                markSavepoint(sp);
                return sp;
            }
            case 'rollback': {
                const sp = operands[0];
                if (sp === null || sp === undefined) npe();
                this.countStatement();
                checkRollback(sp as SavepointValue);
                const point = (sp as SavepointValue).point;
                if ('tables' in point) this.store.restore(point);
                else if (!this.store.rollbackToPoint(point))
                    throw new EmulatorError(
                        'Database.rollback to a savepoint of a transaction that has ended is not emulated'
                    );
                return null;
            }
        }
        throw new EmulatorError(`${op} is not supported by the local org`);
    }

    /** Database.delete/undelete by Id: each Id stands for a row of the object its key prefix names. */
    private rowsOf(target: unknown): unknown {
        const byId = (v: unknown): unknown => {
            if (!(v instanceof ApexId)) return v;
            const obj = this.catalog.objectByPrefix(v.keyPrefix());
            if (!obj) throw new EmulatorError(`no object with key prefix ${v.keyPrefix()} in the local org's schema`);
            const o = new SObjectValue(obj);
            o.values.set('id', v);
            return o;
        };
        if (target instanceof ApexList && target.items.some((x) => x instanceof ApexId))
            return new ApexList({ k: 'sobject', name: 'SObject' }, target.items.map(byId));
        return byId(target);
    }

    private countStatement(): void {
        const t = tx();
        t.limits.dmlStatements++;
        checkLimit('dmlStatements', t.limits.dmlStatements);
    }

    runAs(user: unknown, block: () => void): void {
        const u = user as SObjectValue;
        const id = u.id;
        if (!id) throw new EmulatorError('System.runAs with a user that has no Id is not supported by the local org');
        const rec = this.store.get(id);
        if (!rec || rec.type !== 'User') throw new EmulatorError(`System.runAs: no User with Id ${id.id18}`);
        const savedUser = switchUser(rec);
        const savedMixed = this.dmlEngine.mixed;
        // "runAs ... lets you mix setup and non-setup DML": the block starts a new mixed-DML context.
        this.dmlEngine.mixed = new MixedDmlTracker();
        try {
            block();
        } finally {
            this.dmlEngine.mixed = savedMixed;
            restoreUser(savedUser);
        }
    }

    /** FeatureManagement.checkPermission: a custom permission granted to the running user by a permission set. */
    hasCustomPermission(name: string): boolean {
        const lower = name.toLowerCase();
        const cp = [...this.store.rows('CustomPermission')].find(
            (r) => String(r.values.get('developername')).toLowerCase() === lower
        );
        if (!cp) return false;
        const userId = runningUser.id;
        const sets = new Set<string>();
        for (const a of this.store.rows('PermissionSetAssignment')) {
            if (String(a.values.get('assigneeid')) === userId) sets.add(String(a.values.get('permissionsetid')));
        }
        for (const g of this.store.rows('SetupEntityAccess')) {
            if (sets.has(String(g.values.get('parentid'))) && String(g.values.get('setupentityid')) === cp.id)
                return true;
        }
        return false;
    }

    search(): unknown {
        throw new EmulatorError('SOSL is not supported by the local org');
    }

    snapshot(): unknown {
        return this.store.snapshot();
    }

    restore(s: unknown): void {
        this.store.restore(s as Snapshot);
    }
}

/** A bind's run-time value as the SOQL engine takes it: collections become lists, SObjects their Ids. */
function bindValue(v: unknown): BindResult {
    if (v instanceof ApexList) return v.items.map(scalar);
    if (v instanceof ApexSet) return v.store.keys().map(scalar);
    return scalar(v);
}

function scalar(v: unknown): FieldValue {
    if (v === undefined) return null;
    if (v instanceof SObjectValue) return v.id;
    if (v instanceof ApexObject || v instanceof ApexList || v instanceof ApexSet)
        throw new EmulatorError('a SOQL bind of this type is not supported by the local org');
    return v as FieldValue;
}
