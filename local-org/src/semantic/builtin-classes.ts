/**
 * Built-in classes the semantic pass models as ClassSyms: Exception and the System exception types, the
 * built-in interfaces project classes implement, and built-in enums.
 * Exception class: https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_classes_exception_methods.htm
 * Built-in exceptions: https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_classes_exception_methods.htm
 */
import { ClassSym } from './symbols';

const SYSTEM_EXCEPTIONS = [
    'AssertException',
    'AsyncException',
    'AuraHandledException',
    'CalloutException',
    'DmlException',
    'EmailException',
    'FinalException',
    'HandledException',
    'IllegalArgumentException',
    'InvalidParameterValueException',
    'JSONException',
    'LimitException',
    'ListException',
    'MathException',
    'NoAccessException',
    'NoDataFoundException',
    'NoSuchElementException',
    'NullPointerException',
    'QueryException',
    'RequiredFeatureMissingException',
    'SearchException',
    'SecurityException',
    'SerializationException',
    'SObjectException',
    'StringException',
    'TypeException',
    'UnexpectedException',
    'VisualforceException',
    'XmlException'
];

/** Marker interfaces accepted in `implements`; their methods are not checked here. */
const SYSTEM_INTERFACES: Array<[string | null, string]> = [
    ['System', 'Comparable'],
    ['System', 'Comparator'],
    ['System', 'Queueable'],
    ['System', 'Schedulable'],
    ['System', 'Iterable'],
    ['System', 'Iterator'],
    ['System', 'Callable'],
    ['System', 'Finalizer'],
    ['Database', 'Batchable'],
    ['Database', 'Stateful'],
    ['Database', 'AllowsCallouts'],
    ['Database', 'RaisesPlatformEvents']
];

export const BUILTIN_ENUMS: Record<string, string[]> = {
    LoggingLevel: ['NONE', 'ERROR', 'WARN', 'INFO', 'DEBUG', 'FINE', 'FINER', 'FINEST'],
    RoundingMode: ['CEILING', 'DOWN', 'FLOOR', 'HALF_DOWN', 'HALF_EVEN', 'HALF_UP', 'UNNECESSARY', 'UP'],
    AccessLevel: ['USER_MODE', 'SYSTEM_MODE'],
    // Security.stripInaccessible's access check (System.AccessType).
    AccessType: ['CREATABLE', 'READABLE', 'UPDATABLE', 'UPSERTABLE'],
    // The StatusCode values the local org produces, plus common ones; the platform's enum is much longer.
    // https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/sforce_api_calls_concepts_core_data_objects.htm
    StatusCode: [
        'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY',
        'DUPLICATE_COMM_NICKNAME',
        'DUPLICATE_EXTERNAL_ID',
        'DUPLICATE_USERNAME',
        'DUPLICATE_VALUE',
        'ENTITY_IS_DELETED',
        'FIELD_CUSTOM_VALIDATION_EXCEPTION',
        'FIELD_INTEGRITY_EXCEPTION',
        'INSUFFICIENT_ACCESS_OR_READONLY',
        'INVALID_ARGUMENT',
        'INVALID_CROSS_REFERENCE_KEY',
        'INVALID_FIELD',
        'INVALID_FIELD_FOR_INSERT_UPDATE',
        'INVALID_ID_FIELD',
        'INVALID_OPERATION',
        'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
        'INVALID_SAVE_AS_ACTIVITY_FLAG',
        'INVALID_TYPE_ON_FIELD_IN_RECORD',
        'LICENSE_LIMIT_EXCEEDED',
        'MISSING_ARGUMENT',
        'MIXED_DML_OPERATION',
        'PORTAL_USER_ALREADY_EXISTS_FOR_CONTACT',
        'REQUIRED_FIELD_MISSING',
        'STRING_TOO_LONG',
        'UNABLE_TO_LOCK_ROW',
        'UNDELETE_FAILED',
        'UNKNOWN_EXCEPTION'
    ],
    TriggerOperation: [
        'BEFORE_INSERT',
        'BEFORE_UPDATE',
        'BEFORE_DELETE',
        'AFTER_INSERT',
        'AFTER_UPDATE',
        'AFTER_DELETE',
        'AFTER_UNDELETE'
    ]
};

export interface BuiltinClasses {
    exception: ClassSym;
    /** Keyed by lower-case simple name and by lower-case 'namespace.name'. */
    byName: Map<string, ClassSym>;
}

let shared: BuiltinClasses | null = null;

/** The built-in classes, created once per process: they have no members, so every loaded project can share them. */
export function makeBuiltinClasses(): BuiltinClasses {
    if (!shared) shared = createBuiltinClasses();
    return shared;
}

function createBuiltinClasses(): BuiltinClasses {
    const byName = new Map<string, ClassSym>();
    const exception = new ClassSym('Exception', 'class', null, null, true);
    byName.set('exception', exception);
    byName.set('system.exception', exception);
    for (const n of SYSTEM_EXCEPTIONS) {
        const c = new ClassSym(n, 'class', null, null, true);
        c.ns = 'System';
        c.superclass = exception;
        byName.set(n.toLowerCase(), c);
        byName.set(`system.${n.toLowerCase()}`, c);
    }
    for (const [ns, n] of SYSTEM_INTERFACES) {
        const c = new ClassSym(n, 'interface', null, null, true);
        c.ns = ns;
        if (ns === 'System') byName.set(n.toLowerCase(), c);
        byName.set(`${ns!.toLowerCase()}.${n.toLowerCase()}`, c);
    }
    for (const [n, values] of Object.entries(BUILTIN_ENUMS)) {
        const c = new ClassSym(n, 'enum', null, null, true);
        c.ns = 'System';
        c.enumValues.push(...values);
        byName.set(n.toLowerCase(), c);
        byName.set(`system.${n.toLowerCase()}`, c);
    }
    return { exception, byName };
}

/** Exceptions Apex code can never catch. https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/apex_gov_limits.htm */
export function isUncatchable(c: ClassSym): boolean {
    return c.builtin && (c.name === 'AssertException' || c.name === 'LimitException');
}
