/**
 * Shapes shared by the compiler modules: compiled expressions and statements, scopes, method contexts.
 */
import type { ClassSym, FieldSym } from '../semantic/symbols';
import { type ApexType, T } from '../semantic/types';
import { EmulatorError, type Frame } from './context';

export type Ev = (f: Frame) => unknown;
/** Statement completion: 0 normal, 1 break, 2 continue, 3 return. */
export type Exec = (f: Frame) => number;

export interface CExpr {
    t: ApexType;
    /** Produced after a diagnostic: follow-on checks stay quiet. */
    poisoned?: boolean;
    /** Why this target cannot be assigned from here (e.g. a `private set;` property), if so. */
    writeError?: string;
    /** An inline SOQL query: also assignable to one SObject (single row) or an Integer (COUNT()). */
    soql?: boolean;
    /** An inline SOQL query as Database.getQueryLocator([SELECT ...]) takes it: a locator, binds read now. */
    locator?: Ev;
    ev: Ev;
    /** The expression names a type (for static access), not a value. */
    typeRef?: ApexType;
    /** The expression names a namespace (System, Schema, Database). */
    ns?: string;
    set?: (f: Frame, v: unknown) => void;
    isSuper?: boolean;
}

export interface Var {
    slot: number;
    type: ApexType;
    isFinal?: boolean;
}

export class Scope {
    readonly vars = new Map<string, Var>();
    constructor(readonly parent: Scope | null) {}
    find(lower: string): Var | undefined {
        return this.vars.get(lower) ?? this.parent?.find(lower);
    }
}

export interface MethodCtx {
    cls: ClassSym | null;
    isStatic: boolean;
    scope: Scope;
    slots: number;
    returnType: ApexType;
    file: string;
    /** Inside a property accessor: the property whose name means its backing field. */
    property: FieldSym | null;
    inLoop: number;
    /** Compiling a constructor or an initialiser, where final fields may be assigned. */
    initOrCtor?: boolean;
    /** Compiling a trigger body: its object types Trigger.new and friends. */
    triggerObject?: string;
}

export interface CoverageSink {
    lines: Map<string, Set<number>>;
    hit: Map<string, Set<number>>;
}

export const NAMESPACES = new Set(['system', 'schema', 'database']);
/** System classes we know exist but do not (yet) emulate: calls on them are 'unsupported', not unknown names. */
export const KNOWN_SYSTEM_CLASSES = new Set(
    [
        'JSON',
        'JSONParser',
        'JSONGenerator',
        'Crypto',
        'EncodingUtil',
        'Http',
        'HttpRequest',
        'HttpResponse',
        'Messaging',
        'EventBus',
        'Schema',
        'Database',
        'Trigger',
        'Url',
        'Blob',
        'Search',
        'Site',
        'Network',
        'Approval',
        'FeatureManagement',
        'Cache',
        'Request',
        'Label',
        'Page',
        'ApexPages',
        'Continuation',
        'Queueable',
        'Limits'
    ].map((n) => n.toLowerCase())
);
export const EMPTY: unknown[] = [];

export function poison(): CExpr {
    return {
        t: T.Any,
        poisoned: true,
        ev: () => {
            throw new EmulatorError('code with a diagnostic was run');
        }
    };
}
