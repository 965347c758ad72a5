/**
 * User-mode data access: `WITH USER_MODE` / `WITH SECURITY_ENFORCED` queries, `AccessLevel.USER_MODE` Database
 * methods, `insert/update/upsert/delete as user`, Security.stripInaccessible and describe's isAccessible, answered
 * from the running user's profile and permission sets (src/access). Record-level sharing is not emulated: where it
 * could change an answer the operation is an EmulatorError (LEDGER UM-09), never a system-mode answer.
 * https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/apex_classes_enforce_usermode.htm
 */
import { type UserAccess, accessOf, canObject, readSharingGap } from '../access/user-access';
import {
    SECURITY_ENFORCED_MESSAGE,
    firstInaccessible,
    inaccessibleFieldsOf,
    planRefs,
    userModeMessage
} from '../access/soql-access';
import { rowErrors } from '../access/dml-access';
import { type AccessDecisionValue, type AccessTypeName, stripInaccessible } from '../access/strip';
import type { DmlOperation } from '../faults/faults';
import type { ObjectDef } from '../org/schema/types';
import type { Plan } from '../org/soql/plan';
import { runningUser } from './baseline';
import { ApexThrow, EmulatorError } from './context';
import { currentOrg } from './org-data';
import { exceptionClasses, newException, npe, raise } from './ops';
import { DbError, DmlResult, dmlException } from './dml';
import { SObjectValue } from './sobject';
import { ApexList, ApexMap, ApexSet, type ApexObject } from './values';
import { T } from '../semantic/types';

/** User-mode queries whose access was checked here and that the data layer may now run (see requireUserModeSupported). */
let approved = 0;

function org() {
    const o = currentOrg.org;
    if (!o) throw new EmulatorError('user-mode access needs a loaded project');
    return o;
}

/** The running user's access. */
export function runningAccess(): UserAccess {
    return accessOf(org().store, runningUser.id);
}

/**
 * Called by the data layer for a query carrying WITH USER_MODE / WITH SECURITY_ENFORCED. Queries reach it through
 * userModeQuery, which checked them first; anything else (a batch QueryLocator read later) runs only for a running
 * user who reads every record anyway (View All Data), else it is an EmulatorError.
 */
export function requireUserModeSupported(what: string): void {
    if (approved > 0) {
        approved--;
        return;
    }
    if (runningAccess().grants.isViewAllData) return;
    throw new EmulatorError(
        `${what} outside a checked query (e.g. a batch QueryLocator) for a user without View All Data is not emulated (LEDGER UM-09)`
    );
}

type Level = 'USER_MODE' | 'SYSTEM_MODE' | null;

/** The security mode a query runs in, from its text and the AccessLevel argument of Database.query & co. */
function effectiveMode(plan: Plan, level: Level): Plan['security'] {
    const inText = plan.security;
    if (level === null) return inText;
    if (inText !== null && inText !== level)
        throw new EmulatorError(
            `a query WITH ${inText} run with AccessLevel.${level} is not emulated (platform behaviour unverified)`
        );
    return level;
}

/** Throws the QueryException a real org raises when the running user may not read what the query touches. */
function checkQuery(plan: Plan, mode: 'USER_MODE' | 'SECURITY_ENFORCED'): void {
    const o = org();
    const a = runningAccess();
    const refs = planRefs(plan, mode === 'SECURITY_ENFORCED');
    const refused = firstInaccessible(a, refs);
    if (refused && mode === 'SECURITY_ENFORCED') raise('System.QueryException', SECURITY_ENFORCED_MESSAGE);
    if (refused) {
        // User mode "finds all FLS errors" and reports them through QueryException.getInaccessibleFields().
        const ex = newException(exceptionClasses.byName.get('queryexception')!, userModeMessage(plan.text, refused));
        ex.fields.set('$inaccessible', inaccessibleFieldsOf(a, refs));
        throw new ApexThrow(ex);
    }
    const objects = new Map<string, ObjectDef>();
    for (const r of planRefs(plan, false)) objects.set(r.obj.name, r.obj);
    for (const obj of objects.values()) {
        const gap = readSharingGap(o.store, a, obj);
        if (gap) throw new EmulatorError(`WITH ${mode} as ${a.profileName}: ${gap} (LEDGER UM-09)`);
    }
}

/**
 * Runs a query (inline or Database.*) after the user-mode checks its text or AccessLevel asks for. `run` performs
 * the query through the data layer as usual.
 */
export function userModeQuery(
    soql: string,
    level: Level,
    mode: 'list' | 'count' | 'locator',
    run: () => unknown
): unknown {
    let plan: Plan;
    try {
        plan = org().soql.prepare(soql);
    } catch {
        return run(); // the data layer reports the query's own error
    }
    const security = effectiveMode(plan, level);
    if (security !== 'USER_MODE' && security !== 'SECURITY_ENFORCED') return run();
    checkQuery(plan, security);
    if (mode === 'locator' && !runningAccess().grants.isViewAllData)
        throw new EmulatorError(
            'a user-mode Database.getQueryLocator for a user without View All Data is not emulated (the rows are read later; LEDGER UM-09)'
        );
    const saved = approved;
    approved = saved + 1;
    try {
        return run();
    } finally {
        approved = saved;
    }
}

function rowsOf(target: unknown): unknown[] {
    if (target instanceof SObjectValue) return [target];
    if (target instanceof ApexList) return target.items;
    return [];
}

const RESULT_KIND: Record<DmlOperation, string> = {
    insert: 'Database.SaveResult',
    update: 'Database.SaveResult',
    upsert: 'Database.UpsertResult',
    delete: 'Database.DeleteResult',
    undelete: 'Database.UndeleteResult'
};

/**
 * Runs a user-mode DML call (`op` as the data layer names it: 'insert' or 'database.insert'…). Rows the user may not
 * write fail with the platform's row error before anything is saved: all-or-none calls throw the DmlException,
 * `allOrNone = false` saves the other rows through `run` and merges the results in row order.
 */
export function userModeDml(op: string, operands: unknown[], run: (operands: unknown[]) => unknown): unknown {
    const o = org();
    const dop = op.replace(/^database\./, '') as DmlOperation;
    const isDatabase = op.startsWith('database.');
    // External-Id upsert and merge are refused downstream (EmulatorError); nothing to check here.
    if (!(dop in RESULT_KIND) || (operands.length !== 1 && !isDatabase)) return run(operands);
    const target = operands[0];
    if (target === null || target === undefined) return run(operands); // NullPointerException downstream
    const rows = rowsOf(target);
    const errors = rowErrors(o.store, runningAccess(), dop, rows);
    if (!errors) return run(operands);
    const failed = (i: number): DmlResult => {
        const e = errors[i]!;
        const row = rows[i] as SObjectValue;
        return new DmlResult(RESULT_KIND[dop], row.id, [new DbError(e.statusCode, e.message, e.fields)], false);
    };
    const allOrNone = isDatabase && operands.length > 1 ? operands[1] : true;
    if (allOrNone === null) npe();
    if (allOrNone) {
        const failures = errors.flatMap((e, index) => (e ? [{ index, r: failed(index) }] : []));
        throw dmlException(
            dop,
            failures.map(({ index, r }) => ({ index, id: r.id, error: r.errors[0] }))
        );
    }
    if (target instanceof SObjectValue) return failed(0);
    const list = target as ApexList;
    const allowed = rows.filter((_, i) => !errors[i]);
    const saved = allowed.length ? (run([new ApexList(list.elemType, allowed), false]) as ApexList).items : [];
    let next = 0;
    return new ApexList(
        { k: 'builtin', name: RESULT_KIND[dop] },
        rows.map((_, i) => (errors[i] ? failed(i) : saved[next++]))
    );
}

/** QueryException.getInaccessibleFields(): sObject type → the fields of it the user-mode query could not read. */
export function inaccessibleFields(ex: ApexObject): ApexMap {
    const found = ex.fields.get('$inaccessible') as Map<string, Set<string>> | undefined;
    if (!found)
        throw new EmulatorError(
            'getInaccessibleFields() of a QueryException that no user-mode access check raised is not emulated'
        );
    const out = new ApexMap(T.String, { k: 'set', elem: T.String });
    for (const [obj, fields] of found) {
        const set = new ApexSet(T.String);
        for (const f of fields) set.store.set(f, true);
        out.store.set(obj, set);
    }
    return out;
}

/** Security.stripInaccessible for the running user. */
export function stripForRunningUser(
    type: string,
    records: unknown,
    enforceRootObjectCRUD: boolean
): AccessDecisionValue {
    return stripInaccessible(runningAccess(), type as AccessTypeName, records, enforceRootObjectCRUD);
}

/** DescribeSObjectResult.isAccessible for the running user. */
export function isAccessible(obj: ObjectDef): boolean {
    return canObject(runningAccess(), obj, 'read');
}

/** DescribeSObjectResult.isCreateable/isUpdateable/isDeletable: the running user's object permission. */
export function objectAccess(obj: ObjectDef, access: 'create' | 'edit' | 'delete'): boolean {
    return canObject(runningAccess(), obj, access);
}
