/**
 * System.JSON bindings. https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_class_System_Json.htm
 */
import { deserialize, deserializeUntyped, serialize } from '../runtime/json';
import type { TypeValue } from '../runtime/values';
import type { BuiltinMethod } from './builtin';
import { register } from './registry';

function s(name: string, params: string[], returns: string, impl: (args: unknown[]) => unknown): BuiltinMethod {
    return { name, isStatic: true, params, returns, impl: (_self, args) => impl(args) };
}

const JSON_METHODS: BuiltinMethod[] = [
    s('serialize', ['Object'], 'String', ([v]) => serialize(v, false)),
    s('serialize', ['Object', 'Boolean'], 'String', ([v, suppress]) => serialize(v, false, suppress === true)),
    s('serializePretty', ['Object'], 'String', ([v]) => serialize(v, true)),
    s('serializePretty', ['Object', 'Boolean'], 'String', ([v, suppress]) => serialize(v, true, suppress === true)),
    s('deserialize', ['String', 'System.Type'], 'Object', ([text, t]) =>
        deserialize(text as string, t as TypeValue, false)
    ),
    s('deserializeStrict', ['String', 'System.Type'], 'Object', ([text, t]) =>
        deserialize(text as string, t as TypeValue, true)
    ),
    s('deserializeUntyped', ['String'], 'Object', ([text]) => deserializeUntyped(text as string))
];

export function registerJson(): void {
    register('JSON', JSON_METHODS);
}
