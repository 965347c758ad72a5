/**
 * System, Assert, Test, Limits, UserInfo and Type bindings.
 * System: https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_methods_system_system.htm
 * Assert: https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_class_System_Assert.htm
 * Limits: https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_methods_system_limits.htm
 * UserInfo: https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_methods_system_userinfo.htm
 * Type: https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_methods_system_type.htm
 */
import { ApexId } from './primitives/id';
import type { BuiltinMethod } from './builtin';
import { PRIMITIVE_TYPES } from './primitives';
import { ApexDate, ApexDatetime } from './primitives/datetime';
import { type RuntimeHost, register } from './registry';
import { queue } from '../runtime/async';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Impl = (self: any, args: any, host: RuntimeHost) => unknown;

function s(name: string, params: string[], returns: string, impl: Impl): BuiltinMethod {
    return { name, isStatic: true, params, returns, impl: impl as BuiltinMethod['impl'] };
}
function i(name: string, params: string[], returns: string, impl: Impl): BuiltinMethod {
    return { name, isStatic: false, params, returns, impl: impl as BuiltinMethod['impl'] };
}

/** "Assertion Failed: <msg>: Expected: x, Actual: y" — the custom message goes before the values. */
function eqFailure(h: RuntimeHost, expected: unknown, actual: unknown, msg: unknown): string {
    const prefix = msg === undefined || msg === null ? '' : `${h.stringOf(msg)}: `;
    return `Assertion Failed: ${prefix}Expected: ${h.stringOf(expected)}, Actual: ${h.stringOf(actual)}`;
}
function neFailure(h: RuntimeHost, expected: unknown, actual: unknown, msg: unknown): string {
    const prefix = msg === undefined || msg === null ? '' : `${h.stringOf(msg)}: `;
    return `Assertion Failed: ${prefix}Same value: ${h.stringOf(actual)}`;
}
function plainFailure(h: RuntimeHost, msg: unknown): string {
    return msg === undefined || msg === null ? 'Assertion Failed' : `Assertion Failed: ${h.stringOf(msg)}`;
}

const SYSTEM: BuiltinMethod[] = [
    s('enqueueJob', ['Object'], 'Id', (_s, [job]) => queue().enqueueJob(job)),
    s('abortJob', ['String'], 'void', (_s, [id]) => queue().abortJob(id)),
    s('debug', ['Object'], 'void', (_s, [m], h) => h.debug('DEBUG', m)),
    s('debug', ['LoggingLevel', 'Object'], 'void', (_s, [lvl, m]: [{ name: string }, unknown], h) =>
        h.debug(lvl.name, m)
    ),
    s('assert', ['Boolean'], 'void', (_s, [c], h) => (c !== true ? h.assertFail(plainFailure(h, null)) : undefined)),
    s('assert', ['Boolean', 'Object'], 'void', (_s, [c, m], h) =>
        c !== true ? h.assertFail(plainFailure(h, m)) : undefined
    ),
    s('assertEquals', ['Object', 'Object'], 'void', (_s, [e, a], h) =>
        !h.equals(e, a) ? h.assertFail(eqFailure(h, e, a, null)) : undefined
    ),
    s('assertEquals', ['Object', 'Object', 'Object'], 'void', (_s, [e, a, m], h) =>
        !h.equals(e, a) ? h.assertFail(eqFailure(h, e, a, m)) : undefined
    ),
    s('assertNotEquals', ['Object', 'Object'], 'void', (_s, [e, a], h) =>
        h.equals(e, a) ? h.assertFail(neFailure(h, e, a, null)) : undefined
    ),
    s('assertNotEquals', ['Object', 'Object', 'Object'], 'void', (_s, [e, a, m], h) =>
        h.equals(e, a) ? h.assertFail(neFailure(h, e, a, m)) : undefined
    ),
    s('currentTimeMillis', [], 'Long', (_s, _a, h) => BigInt(h.nowMs())),
    s('now', [], 'Datetime', (_s, _a, h) => new ApexDatetime(h.nowMs())),
    s('today', [], 'Date', (_s, _a, h) => ApexDate.today(h.nowMs(), h.timeZone()))
];

const ASSERT: BuiltinMethod[] = [];
for (const withMsg of [false, true]) {
    const extra = withMsg ? ['String'] : [];
    const msgOf = (args: unknown[], n: number) => (withMsg ? args[n] : null);
    ASSERT.push(
        s('areEqual', ['Object', 'Object', ...extra], 'void', (_s, a: unknown[], h) =>
            !h.equals(a[0], a[1]) ? h.assertFail(eqFailure(h, a[0], a[1], msgOf(a, 2))) : undefined
        ),
        s('areNotEqual', ['Object', 'Object', ...extra], 'void', (_s, a: unknown[], h) =>
            h.equals(a[0], a[1]) ? h.assertFail(neFailure(h, a[0], a[1], msgOf(a, 2))) : undefined
        ),
        s('isTrue', ['Boolean', ...extra], 'void', (_s, a: unknown[], h) =>
            a[0] !== true ? h.assertFail(eqFailure(h, true, a[0], msgOf(a, 1))) : undefined
        ),
        s('isFalse', ['Boolean', ...extra], 'void', (_s, a: unknown[], h) =>
            a[0] !== false ? h.assertFail(eqFailure(h, false, a[0], msgOf(a, 1))) : undefined
        ),
        s('isNull', ['Object', ...extra], 'void', (_s, a: unknown[], h) =>
            a[0] !== null ? h.assertFail(eqFailure(h, null, a[0], msgOf(a, 1))) : undefined
        ),
        s('isNotNull', ['Object', ...extra], 'void', (_s, a: unknown[], h) =>
            a[0] === null ? h.assertFail(plainFailure(h, withMsg ? a[1] : 'Expected non-null value')) : undefined
        ),
        s('fail', [...extra], 'void', (_s, a: unknown[], h) => h.assertFail(plainFailure(h, msgOf(a, 0)))),
        s('isInstanceOfType', ['Object', 'System.Type', ...extra], 'void', (_s, a: unknown[], h) =>
            !h.isInstanceOfType(a[0], a[1])
                ? h.assertFail(
                      plainFailure(
                          h,
                          withMsg
                              ? a[2]
                              : `Expected instance of ${(a[1] as { name: string }).name}, Actual: ${h.typeNameOf(a[0])}`
                      )
                  )
                : undefined
        ),
        s('isNotInstanceOfType', ['Object', 'System.Type', ...extra], 'void', (_s, a: unknown[], h) =>
            h.isInstanceOfType(a[0], a[1])
                ? h.assertFail(
                      plainFailure(h, withMsg ? a[2] : `Not expected instance of ${(a[1] as { name: string }).name}`)
                  )
                : undefined
        )
    );
}

const LIMIT_NAMES: Array<[string, string, number]> = [
    ['Queries', 'queries', 100],
    ['QueryRows', 'queryRows', 50000],
    ['DmlStatements', 'dmlStatements', 150],
    ['DmlRows', 'dmlRows', 10000],
    ['Callouts', 'callouts', 100],
    ['QueueableJobs', 'queueableJobs', 50],
    ['FutureCalls', 'futureCalls', 50],
    ['EmailInvocations', 'emailInvocations', 10]
];

/** Limits that differ in asynchronous transactions (batch, queueable, future): the limits page, per-transaction table. */
const ASYNC_LIMITS: Record<string, number> = { queries: 200, queueableJobs: 1 };

const LIMITS: BuiltinMethod[] = [
    // CPU time is approximated by the transaction's elapsed wall-clock milliseconds; the 10,000 ms limit is not enforced.
    s('getCpuTime', [], 'Integer', (_s, _a, h) => h.limit('cpuTime')),
    s('getLimitCpuTime', [], 'Integer', () => 10000)
];
LIMITS.push(
    ...LIMIT_NAMES.flatMap(([name, counter, max]) => [
        s(`get${name}`, [], 'Integer', (_s, _a, h) => h.limit(counter)),
        // Synchronous limits: https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/apex_gov_limits.htm
        s(`getLimit${name}`, [], 'Integer', (_s, _a, h) => (h.isAsync() ? (ASYNC_LIMITS[counter] ?? max) : max))
    ])
);

/** The default running user of the local org: a system administrator. */
export const DEFAULT_USER = {
    id: '005000000000001AAA',
    userName: 'admin@local-org.invalid',
    name: 'Local Admin',
    firstName: 'Local',
    lastName: 'Admin',
    email: 'admin@local-org.invalid',
    orgId: '00D000000000001AAA',
    orgName: 'Local Org',
    profileId: '00e000000000001AAA',
    /** UserRoleId of the running user; null when it has no role. */
    roleId: null as string | null,
    locale: 'en_US',
    language: 'en_US',
    userType: 'Standard'
};

const USERINFO: BuiltinMethod[] = [
    // Apex reference: getUserId() returns an Id (the others here return Strings).
    s('getUserId', [], 'Id', () => ApexId.of(DEFAULT_USER.id)),
    s('getUserName', [], 'String', () => DEFAULT_USER.userName),
    s('getName', [], 'String', () => DEFAULT_USER.name),
    s('getFirstName', [], 'String', () => DEFAULT_USER.firstName),
    s('getLastName', [], 'String', () => DEFAULT_USER.lastName),
    s('getUserEmail', [], 'String', () => DEFAULT_USER.email),
    s('getOrganizationId', [], 'String', () => DEFAULT_USER.orgId),
    s('getOrganizationName', [], 'String', () => DEFAULT_USER.orgName),
    s('getProfileId', [], 'String', () => DEFAULT_USER.profileId),
    // Returns the role ID of the current user, or null when the user has no role.
    s('getUserRoleId', [], 'String', () => DEFAULT_USER.roleId),
    s('getLocale', [], 'String', () => DEFAULT_USER.locale),
    s('getLanguage', [], 'String', () => DEFAULT_USER.language),
    s('getUserType', [], 'String', () => DEFAULT_USER.userType)
];

const TEST: BuiltinMethod[] = [
    s('isRunningTest', [], 'Boolean', (_s, _a, h) => h.isRunningTest()),
    // startTest gives the code under test fresh limits; stopTest restores them (and, in part 2, runs queued async work).
    // https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/apex_testing_tools_start_stop_test.htm
    s('startTest', [], 'void', (_s, _a, h) => h.startTest()),
    s('stopTest', [], 'void', (_s, _a, h) => h.stopTest())
];

const TYPE: BuiltinMethod[] = [
    s('forName', ['String'], 'System.Type', (_s, [n]: [string], h) => h.typeForName(n)),
    s('forName', ['String', 'String'], 'System.Type', (_s, [ns, n]: [string | null, string], h) =>
        ns ? null : h.typeForName(n)
    ),
    i('getName', [], 'String', (t: { name: string }) => t.name),
    i('toString', [], 'String', (t: { name: string }) => t.name),
    i('newInstance', [], 'Object', (t, _a, h) => h.newInstance(t)),
    i('equals', ['Object'], 'Boolean', (t, [o]: [unknown], h) => h.equals(t, o)),
    i('hashCode', [], 'Integer', (t, _a, h) => h.hashCode(t))
];

export function registerSystem(): void {
    register('System', SYSTEM);
    register('Assert', ASSERT);
    register('Limits', LIMITS);
    register('UserInfo', USERINFO);
    register('Test', TEST);
    register('Type', TYPE);
    for (const [name, methods] of PRIMITIVE_TYPES) register(name, methods);
}
