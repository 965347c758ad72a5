/**
 * Apex bindings of the access model: Security.stripInaccessible, SObjectAccessDecision and
 * DescribeSObjectResult.isAccessible (answered for the running user, runtime/user-mode.ts).
 */
import type { BuiltinMethod } from '../stdlib/builtin';
import { type RuntimeHost, register } from '../stdlib/registry';
import type { AccessDecisionValue } from './strip';
import type { DescribeSObjectValue } from '../runtime/sobject';
import { isAccessible, objectAccess, stripForRunningUser } from '../runtime/user-mode';
import type { ObjectDef } from '../org/schema/types';

type Impl = (self: unknown, args: unknown[], host: RuntimeHost) => unknown;

function method(name: string, isStatic: boolean, params: string[], returns: string, impl: Impl): BuiltinMethod {
    return { name, isStatic, params, returns, impl: impl as BuiltinMethod['impl'] };
}

function accessType(h: RuntimeHost, v: unknown): string {
    if (v === null || v === undefined) h.raise('System.NullPointerException', 'Attempt to de-reference a null object');
    return (v as { name: string }).name;
}

function strip(h: RuntimeHost, args: unknown[], enforce: unknown): unknown {
    if (args[1] === null || enforce === null)
        h.raise('System.NullPointerException', 'Attempt to de-reference a null object');
    return stripForRunningUser(accessType(h, args[0]), args[1], enforce as boolean);
}

const SECURITY: BuiltinMethod[] = [
    method(
        'stripInaccessible',
        true,
        ['System.AccessType', 'List<SObject>'],
        'System.SObjectAccessDecision',
        (_s, a, h) => strip(h, a, true)
    ),
    method(
        'stripInaccessible',
        true,
        ['System.AccessType', 'List<SObject>', 'Boolean'],
        'System.SObjectAccessDecision',
        (_s, a, h) => strip(h, a, a[2])
    )
];

const DECISION: BuiltinMethod[] = [
    method('getRecords', false, [], 'List<SObject>', (d, _a, h) =>
        h.newList('SObject', [...(d as AccessDecisionValue).records])
    ),
    method('getRemovedFields', false, [], 'Map<String,Set<String>>', (d, _a, h) =>
        h.newMap(
            'String',
            'Set<String>',
            [...(d as AccessDecisionValue).removed].map(([k, v]) => [k, h.newSet('String', [...v])])
        )
    ),
    method('getModifiedIndexes', false, [], 'Set<Integer>', (d, _a, h) =>
        h.newSet('Integer', [...(d as AccessDecisionValue).modified])
    )
];

export function registerAccessBindings(): void {
    register('Security', SECURITY);
    register('SObjectAccessDecision', DECISION);
    // The object permissions of the running user, not only the schema's capability. These register before
    // stdlib/sobject.ts's schema-only isCreateable/isUpdateable/isDeletable (registerDatabase runs before
    // registerSObjects) and win the overload tie by coming first; test/access/user-mode.test.ts fails if that changes.
    const describe = (d: unknown): ObjectDef => (d as DescribeSObjectValue).obj;
    register('Schema.DescribeSObjectResult', [
        method('isAccessible', false, [], 'Boolean', (d) => isAccessible(describe(d))),
        method(
            'isCreateable',
            false,
            [],
            'Boolean',
            (d) => describe(d).createable && objectAccess(describe(d), 'create')
        ),
        method(
            'isUpdateable',
            false,
            [],
            'Boolean',
            (d) => describe(d).updateable && objectAccess(describe(d), 'edit')
        ),
        method('isDeletable', false, [], 'Boolean', (d) => describe(d).deletable && objectAccess(describe(d), 'delete'))
    ]);
}
