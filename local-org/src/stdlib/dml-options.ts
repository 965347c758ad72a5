/**
 * Database.DMLOptions with its EmailHeader and AssignmentRuleHeader, and the Database.insert/update overloads that take
 * one. What is modelled: optAllOrNone (partial success unless true), and EmailHeader.triggerUserEmail on a User
 * insert, which sends each new user the platform's new-user e-mail (one outbox entry per inserted user, at commit;
 * never from an Apex test, as for Messaging.sendEmail). Every other option that would change what the platform does
 * (field truncation, assignment rules, auto-response and other e-mail, user e-mail on any other operation) is an
 * EmulatorError when it is switched on, never silently ignored.
 *
 * DMLOptions: https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_methods_system_database_dmloptions.htm
 * Setting DML options: https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/langCon_apex_dml_database_dmloptions.htm
 * EmailHeader: https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_class_Database_EmailHeader.htm
 * SOAP EmailHeader (the events, among them "Send a New User email notification"):
 * https://developer.salesforce.com/docs/platform/api/guide/sforce-api-header-emailheader.md
 */
import type { BuiltinMethod } from './builtin';
import { type BuiltinProperty, type RuntimeHost, register, registerProperties } from './registry';
import { queuePlatformEmail } from './messaging';
import { DEFAULT_USER } from './system';
import type { ApexId } from './primitives/id';
import { EmulatorError } from '../runtime/context';
import type { DmlResult } from '../runtime/dml';
import { currentOrg } from '../runtime/org-data';
import { SObjectValue } from '../runtime/sobject';

/**
 * A property that was never set: what a new header holds is not documented (null or false), so reading one is loud.
 * Writing null is allowed; a null option has no effect when the DML runs.
 */
const UNSET = Symbol('unset');
type Flag = boolean | null | typeof UNSET;

export class EmailHeaderValue {
    triggerUserEmail: Flag = UNSET;
    triggerAutoResponseEmail: Flag = UNSET;
    triggerOtherEmail: Flag = UNSET;
    get apexTypeName(): string {
        return 'Database.DMLOptions.EmailHeader';
    }
}

export class AssignmentRuleHeaderValue {
    useDefaultRule: Flag = UNSET;
    assignmentRuleId: ApexId | null | typeof UNSET = UNSET;
    get apexTypeName(): string {
        return 'Database.DMLOptions.AssignmentRuleHeader';
    }
}

export class DmlOptionsValue {
    // The documented example sets dlo.EmailHeader.x right after the constructor: the child headers exist.
    emailHeader: EmailHeaderValue | null = new EmailHeaderValue();
    assignmentRuleHeader: AssignmentRuleHeaderValue | null = new AssignmentRuleHeaderValue();
    optAllOrNone: Flag = UNSET;
    allowFieldTruncation: Flag = UNSET;
    get apexTypeName(): string {
        return 'Database.DMLOptions';
    }
}

function read<T>(v: T | typeof UNSET, type: string, name: string): T {
    if (v === UNSET)
        throw new EmulatorError(
            `reading ${type}.${name} before it is set is not emulated (its initial value is undocumented)`
        );
    return v;
}

const on = (v: Flag): boolean => v === true;

function flag<S>(type: string, name: string, key: keyof S): BuiltinProperty {
    return {
        name,
        type: 'Boolean',
        get: (self) => read((self as S)[key] as Flag, type, name),
        set: (self, v) => void ((self as Record<string, unknown>)[key as string] = v ?? null)
    };
}

function child(name: string, type: string, key: 'emailHeader' | 'assignmentRuleHeader'): BuiltinProperty {
    return {
        name,
        type,
        get: (self) => (self as DmlOptionsValue)[key],
        set: (self, v) => void ((self as Record<string, unknown>)[key] = v ?? null)
    };
}

/** The options a DML statement honours, or an EmulatorError for one the local org cannot honour faithfully. */
interface Effective {
    allOrNone: boolean;
    userEmail: boolean;
}

function effective(dmo: DmlOptionsValue, op: 'insert' | 'update', objects: Set<string>): Effective {
    if (on(dmo.allowFieldTruncation))
        throw new EmulatorError('Database.DMLOptions.allowFieldTruncation = true is not emulated');
    const rules = dmo.assignmentRuleHeader;
    if (rules && (on(rules.useDefaultRule) || (rules.assignmentRuleId !== UNSET && rules.assignmentRuleId !== null)))
        throw new EmulatorError('Database.DMLOptions.assignmentRuleHeader (assignment rules) is not emulated');
    const mail = dmo.emailHeader;
    if (mail && on(mail.triggerAutoResponseEmail))
        throw new EmulatorError('Database.DMLOptions.EmailHeader.triggerAutoResponseEmail = true is not emulated');
    if (mail && on(mail.triggerOtherEmail))
        throw new EmulatorError('Database.DMLOptions.EmailHeader.triggerOtherEmail = true is not emulated');
    const userEmail = !!mail && on(mail.triggerUserEmail);
    // The header's other user e-mails (task notices, owner changes, password resets) are not modelled: only the
    // new-user e-mail of a User insert is.
    if (userEmail && (op !== 'insert' || [...objects].some((o) => o.toLowerCase() !== 'user')))
        throw new EmulatorError(
            `Database.DMLOptions.EmailHeader.triggerUserEmail = true is emulated for a User insert only (here: ${op} of ${[...objects].join(', ')})`
        );
    // The SOAP AllOrNoneHeader defaults to false; the Apex reference's default for optAllOrNone was not read, so an
    // unset or null one is loud rather than a guess at partial success.
    if (dmo.optAllOrNone !== true && dmo.optAllOrNone !== false)
        throw new EmulatorError(
            'Database.DMLOptions.optAllOrNone left unset (or null) is not emulated: set it to true or false'
        );
    return { allOrNone: dmo.optAllOrNone, userEmail };
}

function objectsOf(h: RuntimeHost, rows: unknown): Set<string> {
    const list = rows instanceof SObjectValue ? [rows] : h.items(rows);
    return new Set(list.filter((r) => r instanceof SObjectValue).map((r) => (r as SObjectValue).obj.name));
}

/** One outbox entry per inserted user: the new-user (welcome, password) e-mail goes to the user's Email. */
function queueNewUserEmails(results: DmlResult[]): void {
    const org = currentOrg.org;
    if (!org) throw new EmulatorError('the new-user e-mail needs the org');
    for (const r of results) {
        if (!r.success || !r.id) continue;
        const email = org.store.get(r.id.id18)?.values.get('email');
        queuePlatformEmail({
            senderId: DEFAULT_USER.id,
            targetObjectId: r.id.id18,
            recipients: typeof email === 'string' && email ? [email] : [],
            // The template (the org's new-user e-mail, or a site's welcome e-mail) is not modelled: no text.
            subject: null,
            plainTextBody: null,
            htmlBody: null,
            senderDisplayName: null,
            queuedAt: new Date().toISOString(),
            kind: 'newUser'
        });
    }
}

function dmlWithOptions(h: RuntimeHost, op: 'insert' | 'update', rows: unknown, options: unknown): unknown {
    if (rows === null || rows === undefined)
        h.raise('System.NullPointerException', 'Attempt to de-reference a null object');
    if (options === null || options === undefined)
        throw new EmulatorError(`Database.${op} with a null Database.DMLOptions is not emulated`);
    const e = effective(options as DmlOptionsValue, op, objectsOf(h, rows));
    const out = h.dml(`database.${op}`, [rows, e.allOrNone]);
    if (e.userEmail) {
        const results = rows instanceof SObjectValue ? [out] : h.items(out);
        queueNewUserEmails(results as DmlResult[]);
    }
    return out;
}

function s(
    name: string,
    params: string[],
    returns: string,
    impl: (a: unknown[], h: RuntimeHost) => unknown
): BuiltinMethod {
    return { name, isStatic: true, params, returns, impl: (_self, args, host) => impl(args, host as RuntimeHost) };
}

export function registerDmlOptions(): void {
    register('Database.DMLOptions', [
        { name: '<init>', isStatic: false, params: [], returns: 'void', impl: () => new DmlOptionsValue() }
    ]);
    registerProperties('Database.DMLOptions', [
        child('emailHeader', 'Database.DMLOptions.EmailHeader', 'emailHeader'),
        child('assignmentRuleHeader', 'Database.DMLOptions.AssignmentRuleHeader', 'assignmentRuleHeader'),
        flag<DmlOptionsValue>('Database.DMLOptions', 'optAllOrNone', 'optAllOrNone'),
        flag<DmlOptionsValue>('Database.DMLOptions', 'allowFieldTruncation', 'allowFieldTruncation'),
        // Documented members the local org does not model.
        ...['duplicateRuleHeader', 'localeOptions'].map((name) => ({
            name,
            type: 'Object',
            get: () => null,
            unsupported: true
        }))
    ]);
    register('Database.DMLOptions.EmailHeader', []);
    registerProperties('Database.DMLOptions.EmailHeader', [
        flag<EmailHeaderValue>('Database.DMLOptions.EmailHeader', 'triggerUserEmail', 'triggerUserEmail'),
        flag<EmailHeaderValue>(
            'Database.DMLOptions.EmailHeader',
            'triggerAutoResponseEmail',
            'triggerAutoResponseEmail'
        ),
        flag<EmailHeaderValue>('Database.DMLOptions.EmailHeader', 'triggerOtherEmail', 'triggerOtherEmail')
    ]);
    register('Database.DMLOptions.AssignmentRuleHeader', []);
    registerProperties('Database.DMLOptions.AssignmentRuleHeader', [
        flag<AssignmentRuleHeaderValue>('Database.DMLOptions.AssignmentRuleHeader', 'useDefaultRule', 'useDefaultRule'),
        {
            name: 'assignmentRuleId',
            type: 'Id',
            get: (self) =>
                read(
                    (self as AssignmentRuleHeaderValue).assignmentRuleId,
                    'Database.DMLOptions.AssignmentRuleHeader',
                    'assignmentRuleId'
                ),
            set: (self, v) => void ((self as AssignmentRuleHeaderValue).assignmentRuleId = (v as ApexId) ?? null)
        }
    ]);
    register('Database', [
        s('insert', ['SObject', 'Database.DMLOptions'], 'Database.SaveResult', ([r, o], h) =>
            dmlWithOptions(h, 'insert', r, o)
        ),
        s('insert', ['List<SObject>', 'Database.DMLOptions'], 'List<Database.SaveResult>', ([r, o], h) =>
            dmlWithOptions(h, 'insert', r, o)
        ),
        s('update', ['SObject', 'Database.DMLOptions'], 'Database.SaveResult', ([r, o], h) =>
            dmlWithOptions(h, 'update', r, o)
        ),
        s('update', ['List<SObject>', 'Database.DMLOptions'], 'List<Database.SaveResult>', ([r, o], h) =>
            dmlWithOptions(h, 'update', r, o)
        )
    ]);
}
