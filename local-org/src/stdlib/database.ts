/**
 * System.Database bindings: they reach the org's data through the runtime's DataService (runtime/org-data.ts).
 * Database class: https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_methods_system_database.htm
 */
import type { BuiltinMethod } from './builtin';
import { type RuntimeHost, register } from './registry';
import { type AsyncContextValue, queue } from '../runtime/async';
import { userModeDml, userModeQuery } from '../runtime/user-mode';
import { registerAccessBindings } from '../access/bindings';

type Level = 'USER_MODE' | 'SYSTEM_MODE';

/** The AccessLevel argument (System.AccessLevel enum value); null is a NullPointerException. */
function level(h: RuntimeHost, v: unknown): Level {
    if (v === null || v === undefined) h.raise('System.NullPointerException', 'Attempt to de-reference a null object');
    return (v as { name: string }).name as Level;
}

/** A Database DML overload whose last argument is an AccessLevel: user mode checks the running user's access. */
function dmlWithLevel(h: RuntimeHost, op: string, args: unknown[]): unknown {
    const operands = args.slice(0, -1);
    const run = (v: unknown[]): unknown => h.dml(`database.${op}`, v);
    return level(h, args[args.length - 1]) === 'USER_MODE'
        ? userModeDml(`database.${op}`, operands, run)
        : run(operands);
}

function s(
    name: string,
    params: string[],
    returns: string,
    impl: (args: unknown[], host: RuntimeHost) => unknown
): BuiltinMethod {
    return { name, isStatic: true, params, returns, impl: (_self, args, host) => impl(args, host as RuntimeHost) };
}

const DML_OPS: Array<[string, string]> = [
    ['insert', 'Database.SaveResult'],
    ['update', 'Database.SaveResult'],
    ['upsert', 'Database.UpsertResult'],
    ['delete', 'Database.DeleteResult'],
    ['undelete', 'Database.UndeleteResult']
];

/** Database.queryWithBinds: bind names are looked up in the map. */
function withBinds(h: RuntimeHost, q: unknown, binds: unknown): unknown {
    if (binds === null) h.raise('System.NullPointerException', 'Attempt to de-reference a null object');
    return h.query(q as string, binds, 'list');
}

function countWithBinds(h: RuntimeHost, q: unknown, binds: unknown): unknown {
    if (binds === null) h.raise('System.NullPointerException', 'Attempt to de-reference a null object');
    return h.query(q as string, binds, 'count');
}

const DATABASE: BuiltinMethod[] = [
    // A text carrying WITH USER_MODE / SECURITY_ENFORCED is checked for the running user (runtime/user-mode.ts).
    s('query', ['String'], 'List<SObject>', ([q], h) =>
        userModeQuery(q as string, null, 'list', () => h.query(q as string))
    ),
    s('query', ['String', 'System.AccessLevel'], 'List<SObject>', ([q, l], h) =>
        userModeQuery(q as string, level(h, l), 'list', () => h.query(q as string))
    ),
    s('queryWithBinds', ['String', 'Map<String,Object>', 'System.AccessLevel'], 'List<SObject>', ([q, b, l], h) =>
        userModeQuery(q as string, level(h, l), 'list', () => withBinds(h, q, b))
    ),
    s('countQuery', ['String'], 'Integer', ([q], h) =>
        userModeQuery(q as string, null, 'count', () => h.query(q as string, undefined, 'count'))
    ),
    s('countQuery', ['String', 'System.AccessLevel'], 'Integer', ([q, l], h) =>
        userModeQuery(q as string, level(h, l), 'count', () => h.query(q as string, undefined, 'count'))
    ),
    s('countQueryWithBinds', ['String', 'Map<String,Object>', 'System.AccessLevel'], 'Integer', ([q, b, l], h) =>
        userModeQuery(q as string, level(h, l), 'count', () => countWithBinds(h, q, b))
    ),
    s('getQueryLocator', ['String'], 'Database.QueryLocator', ([q], h) =>
        userModeQuery(q as string, null, 'locator', () => h.query(q as string, undefined, 'locator'))
    ),
    s('getQueryLocator', ['String', 'System.AccessLevel'], 'Database.QueryLocator', ([q, l], h) =>
        userModeQuery(q as string, level(h, l), 'locator', () => h.query(q as string, undefined, 'locator'))
    ),
    s('setSavepoint', [], 'Savepoint', (_a, h) => h.dml('setSavepoint', [])),
    s('rollback', ['Savepoint'], 'void', (a, h) => h.dml('rollback', a)),
    // Default scope 200 (Database.executeBatch reference).
    s('executeBatch', ['Object'], 'Id', ([job]) => queue().executeBatch(job, 200)),
    s('executeBatch', ['Object', 'Integer'], 'Id', ([job, scope]) => queue().executeBatch(job, scope))
];
for (const [op, result] of DML_OPS) {
    DATABASE.push(
        s(op, ['SObject'], result, (a, h) => h.dml(`database.${op}`, a)),
        s(op, ['SObject', 'Boolean'], result, (a, h) => h.dml(`database.${op}`, a)),
        s(op, ['List<SObject>'], `List<${result}>`, (a, h) => h.dml(`database.${op}`, a)),
        s(op, ['List<SObject>', 'Boolean'], `List<${result}>`, (a, h) => h.dml(`database.${op}`, a)),
        s(op, ['SObject', 'System.AccessLevel'], result, (a, h) => dmlWithLevel(h, op, a)),
        s(op, ['List<SObject>', 'System.AccessLevel'], `List<${result}>`, (a, h) => dmlWithLevel(h, op, a)),
        s(op, ['SObject', 'Boolean', 'System.AccessLevel'], result, (a, h) => dmlWithLevel(h, op, a)),
        s(op, ['List<SObject>', 'Boolean', 'System.AccessLevel'], `List<${result}>`, (a, h) => dmlWithLevel(h, op, a))
    );
}

// upsert(records, externalIdField, allOrNone): the statement form's matching on a field token (Database.upsert
// reference); the AccessLevel overloads are not emulated with a key field.
DATABASE.push(
    s('upsert', ['SObject', 'Schema.SObjectField', 'Boolean'], 'Database.UpsertResult', ([r, f, a], h) =>
        h.dml('database.upsert', [r, a, f])
    ),
    s('upsert', ['List<SObject>', 'Schema.SObjectField', 'Boolean'], 'List<Database.UpsertResult>', ([r, f, a], h) =>
        h.dml('database.upsert', [r, a, f])
    )
);

// Delete and undelete also take record Ids.
for (const [op, result] of DML_OPS.filter(([o]) => o === 'delete' || o === 'undelete')) {
    DATABASE.push(
        s(op, ['Id'], result, (a, h) => h.dml(`database.${op}`, a)),
        s(op, ['Id', 'Boolean'], result, (a, h) => h.dml(`database.${op}`, a)),
        s(op, ['List<Id>'], `List<${result}>`, (a, h) => h.dml(`database.${op}`, a)),
        s(op, ['List<Id>', 'Boolean'], `List<${result}>`, (a, h) => h.dml(`database.${op}`, a))
    );
}

function jobId(name: string): BuiltinMethod {
    return {
        name,
        isStatic: false,
        params: [],
        returns: 'Id',
        impl: (self) => (self as AsyncContextValue).jobId
    };
}

export function registerDatabase(): void {
    register('Database', DATABASE);
    register('Database.BatchableContext', [jobId('getJobId')]);
    register('QueueableContext', [jobId('getJobId')]);
    // Security, SObjectAccessDecision, DescribeSObjectResult.isAccessible (src/access).
    registerAccessBindings();
}
