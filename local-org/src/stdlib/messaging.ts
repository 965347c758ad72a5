/**
 * Outbound single email: Messaging.SingleEmailMessage, Messaging.sendEmail, SendEmailResult and SendEmailError, the
 * per-transaction limit of 10 sendEmail calls, and an outbox the host can read (no mail leaves the machine).
 *
 * Outbound email: https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/apex_forcecom_email_outbound.htm
 * Email (base methods): https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_classes_email_outbound_base.htm
 * SingleEmailMessage: https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_classes_email_outbound_single.htm
 * SendEmailResult: https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_classes_email_outbound_sendemailresult.htm
 *
 * Only what the project needs is modelled; every other Messaging member is unregistered, so using it is a load
 * diagnostic ("... is not supported by the local org"), never a silent pass. Only User targets are modelled.
 */
import type { OutboxMessage } from '../api';
import type { BuiltinMethod } from './builtin';
import { type RuntimeHost, register } from './registry';
import type { ApexId } from './primitives/id';
import { DEFAULT_USER } from './system';
import { EmulatorError, type Tx, tx } from '../runtime/context';
import { enumValue } from '../runtime/frames';
import { exceptionClasses, raise } from '../runtime/ops';
import { type OrgData, currentOrg } from '../runtime/org-data';

/** Messaging.SingleEmailMessage: the properties our Apex sets; defaults as the reference states them. */
export class SingleEmailValue {
    targetObjectId: ApexId | null = null;
    toAddresses: string[] = [];
    ccAddresses: string[] = [];
    bccAddresses: string[] = [];
    subject: string | null = null;
    plainTextBody: string | null = null;
    htmlBody: string | null = null;
    /** "The default value is true, meaning the email is saved as an activity" (Email base methods). */
    saveAsActivity = true;
    senderDisplayName: string | null = null;
    /** Email base methods: useSignature defaults to true. */
    useSignature = true;
    replyTo: string | null = null;
    get apexTypeName(): string {
        return 'Messaging.SingleEmailMessage';
    }
}

export class SendEmailErrorValue {
    constructor(
        readonly statusCode: string,
        readonly message: string,
        readonly targetObjectId: ApexId | null
    ) {}
    get apexTypeName(): string {
        return 'Messaging.SendEmailError';
    }
}

export class SendEmailResultValue {
    constructor(readonly errors: SendEmailErrorValue[]) {}
    get apexTypeName(): string {
        return 'Messaging.SendEmailResult';
    }
}

/** "Emails aren't sent until the Apex transaction is committed": messages wait on their transaction. */
const pending = new WeakMap<Tx, OutboxMessage[]>();
const outboxes = new WeakMap<OrgData, OutboxMessage[]>();
/** How many messages the transaction had queued when each savepoint was set. */
const savepointMarks = new WeakMap<object, number>();

function orgOutbox(org: OrgData): OutboxMessage[] {
    let box = outboxes.get(org);
    if (!box) {
        box = [];
        outboxes.set(org, box);
    }
    return box;
}

/** The messages committed transactions sent, oldest first (a copy). */
export function outboxOf(org: OrgData): OutboxMessage[] {
    return orgOutbox(org).slice();
}

/**
 * The end of a transaction: a committed one hands its messages to the outbox; a rolled-back one drops them. In an
 * Apex test nothing is ever sent (the call succeeds, the message goes nowhere).
 */
export function settleEmails(t: Tx, committed: boolean): void {
    const queued = pending.get(t);
    pending.delete(t);
    if (!queued?.length || !committed || t.isTest) return;
    const org = currentOrg.org;
    if (!org) throw new EmulatorError('sendEmail needs the org');
    orgOutbox(org).push(...queued);
}

/** An e-mail the platform itself sends from a DML (the new-user e-mail): it waits on the transaction like sendEmail. */
export function queuePlatformEmail(m: OutboxMessage): void {
    const t = tx();
    let queued = pending.get(t);
    if (!queued) {
        queued = [];
        pending.set(t, queued);
    }
    queued.push(m);
}

/** Database.setSavepoint: remember how many messages were queued. */
export function markSavepoint(sp: object): void {
    savepointMarks.set(sp, pending.get(tx())?.length ?? 0);
}

/** Database.rollback: whether a rollback withdraws a queued email is undocumented, so it fails loudly. */
export function checkRollback(sp: object): void {
    const now = pending.get(tx())?.length ?? 0;
    if (now > (savepointMarks.get(sp) ?? 0))
        throw new EmulatorError(
            'Database.rollback to a savepoint set before a Messaging.sendEmail call is not emulated (whether the email is withdrawn is undocumented)'
        );
}

function strings(h: RuntimeHost, v: unknown): string[] {
    if (v === null || v === undefined) return [];
    return h.items(v).map((x) => {
        if (typeof x !== 'string') throw new EmulatorError('an email address list holding a non-String value');
        return x;
    });
}

const blank = (s: string | null): boolean => s === null || s.trim() === '';
// A deliberately plain shape check; an address it refuses fails loudly, as the platform's own check is undocumented.
const ADDRESS = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MAX_ADDRESSES = 150;

/**
 * The checks the documentation states, in the order a message is read. null: the message can be sent. Error texts are
 * the platform's as commonly reported; they are not verified in an org (ledger MSG rows).
 */
function validate(m: SingleEmailValue, org: OrgData): SendEmailErrorValue | null {
    const addresses = [...m.toAddresses, ...m.ccAddresses, ...m.bccAddresses];
    // "All email must have a recipient value in at least one of: toAddresses, ccAddresses, bccAddresses, targetObjectId."
    if (m.targetObjectId === null && addresses.length === 0)
        return new SendEmailErrorValue('REQUIRED_FIELD_MISSING', 'Missing target address (target, to, cc, bcc)', null);
    if (addresses.length > MAX_ADDRESSES)
        throw new EmulatorError(`more than ${MAX_ADDRESSES} To, Cc and Bcc addresses on one email is not emulated`);
    for (const a of addresses)
        if (!ADDRESS.test(a)) throw new EmulatorError(`the email address '${a}' is not one the local org can judge`);
    if (m.targetObjectId !== null) {
        if (m.targetObjectId.keyPrefix() !== '005')
            throw new EmulatorError(
                'Messaging.sendEmail to a Contact or Lead target is not emulated (User targets only)'
            );
        if (!org.store.get(m.targetObjectId.id18))
            throw new EmulatorError('Messaging.sendEmail to a User Id that does not exist is not emulated');
        // saveAsActivity only applies to a targetObjectId recipient and a User cannot hold the activity.
        if (m.saveAsActivity)
            return new SendEmailErrorValue(
                'INVALID_SAVE_AS_ACTIVITY_FLAG',
                'saveAsActivity must be false when sending mail to users.',
                m.targetObjectId
            );
    }
    // Documented to apply only to a targetObjectId recipient, yet reported to write an EmailMessage (and so to mix with
    // setup DML) for address-only email: unknown, so loud (salesforce.stackexchange.com/questions/250597).
    if (m.targetObjectId === null && m.saveAsActivity)
        throw new EmulatorError(
            'an address-only email with saveAsActivity true is not emulated (whether it saves an EmailMessage is undocumented): call setSaveAsActivity(false)'
        );
    // "You must specify a value for setTemplateId, setHtmlBody, or setPlainTextBody" (templates are not modelled).
    if (blank(m.plainTextBody) && blank(m.htmlBody))
        return new SendEmailErrorValue(
            'REQUIRED_FIELD_MISSING',
            'Missing body, need at least one of html or plainText',
            m.targetObjectId
        );
    return null;
}

function toOutbox(m: SingleEmailValue, org: OrgData): OutboxMessage {
    const recipients: string[] = [];
    if (m.targetObjectId) {
        const email = org.store.get(m.targetObjectId.id18)?.values.get('email');
        if (typeof email === 'string' && email) recipients.push(email);
    }
    recipients.push(...m.toAddresses, ...m.ccAddresses, ...m.bccAddresses);
    return {
        senderId: DEFAULT_USER.id,
        targetObjectId: m.targetObjectId?.id18 ?? null,
        recipients,
        subject: m.subject,
        plainTextBody: m.plainTextBody,
        htmlBody: m.htmlBody,
        senderDisplayName: m.senderDisplayName,
        queuedAt: new Date().toISOString()
    };
}

/** The 11th sendEmail call of a transaction: "Too many Email Invocations: 11" (uncatchable). */
const MAX_INVOCATIONS = 10;

function sendEmail(h: RuntimeHost, list: unknown, allOrNone: boolean | null): unknown {
    if (allOrNone === null) raise('System.NullPointerException', 'Attempt to de-reference a null object');
    if (list === null || list === undefined)
        raise('System.NullPointerException', 'Attempt to de-reference a null object');
    const t = tx();
    t.limits.emailInvocations++;
    if (t.limits.emailInvocations > MAX_INVOCATIONS)
        raise('System.LimitException', `Too many Email Invocations: ${t.limits.emailInvocations}`);
    const org = currentOrg.org;
    if (!org) throw new EmulatorError('sendEmail needs the org');
    const messages = h.items(list);
    const results: SendEmailResultValue[] = [];
    const ok: OutboxMessage[] = [];
    messages.forEach((m, row) => {
        if (!(m instanceof SingleEmailValue))
            throw new EmulatorError(
                `Messaging.sendEmail of ${m === null ? 'a null message' : 'this message type'} is not emulated`
            );
        const error = validate(m, org);
        if (error && allOrNone)
            raise(
                'System.EmailException',
                `SendEmail failed. First exception on row ${row}; first error: ${error.statusCode}, ${error.message}: []`
            );
        results.push(new SendEmailResultValue(error ? [error] : []));
        if (!error) ok.push(toOutbox(m, org));
    });
    let queued = pending.get(t);
    if (!queued) {
        queued = [];
        pending.set(t, queued);
    }
    queued.push(...ok);
    return h.newList('Messaging.SendEmailResult', results);
}

type Impl<S> = (self: S, args: unknown[], host: RuntimeHost) => unknown;

function i<S>(name: string, params: string[], returns: string, impl: Impl<S>): BuiltinMethod {
    return { name, isStatic: false, params, returns, impl: (s, a, h) => impl(s as S, a, h as RuntimeHost) };
}

function str(v: unknown): string | null {
    return v === null || v === undefined ? null : (v as string);
}

function bool(h: RuntimeHost, v: unknown): boolean {
    // A null Boolean argument: the platform's answer is unverified, so it is refused loudly.
    if (v === null || v === undefined)
        throw new EmulatorError('a null Boolean passed to a Messaging setter is not emulated');
    void h;
    return v as boolean;
}

/** Email base methods (Messaging.Email) the project uses. */
const BASE: BuiltinMethod[] = [
    i<SingleEmailValue>('setSubject', ['String'], 'void', (m, [v]) => void (m.subject = str(v))),
    i<SingleEmailValue>('getSubject', [], 'String', (m) => m.subject),
    i<SingleEmailValue>('setSaveAsActivity', ['Boolean'], 'void', (m, [v], h) => void (m.saveAsActivity = bool(h, v))),
    i<SingleEmailValue>('getSaveAsActivity', [], 'Boolean', (m) => m.saveAsActivity),
    i<SingleEmailValue>('setSenderDisplayName', ['String'], 'void', (m, [v]) => void (m.senderDisplayName = str(v))),
    i<SingleEmailValue>('getSenderDisplayName', [], 'String', (m) => m.senderDisplayName),
    i<SingleEmailValue>('setUseSignature', ['Boolean'], 'void', (m, [v], h) => void (m.useSignature = bool(h, v))),
    i<SingleEmailValue>('getUseSignature', [], 'Boolean', (m) => m.useSignature),
    i<SingleEmailValue>('setReplyTo', ['String'], 'void', (m, [v]) => void (m.replyTo = str(v))),
    i<SingleEmailValue>('getReplyTo', [], 'String', (m) => m.replyTo)
];

const SINGLE: BuiltinMethod[] = [
    ...BASE,
    i<SingleEmailValue>(
        'setTargetObjectId',
        ['Id'],
        'void',
        (m, [v]) => void (m.targetObjectId = (v as ApexId) ?? null)
    ),
    i<SingleEmailValue>('getTargetObjectId', [], 'Id', (m) => m.targetObjectId),
    i<SingleEmailValue>(
        'setToAddresses',
        ['List<String>'],
        'void',
        (m, [v], h) => void (m.toAddresses = strings(h, v))
    ),
    i<SingleEmailValue>('getToAddresses', [], 'List<String>', (m, _a, h) => h.newList('String', m.toAddresses.slice())),
    i<SingleEmailValue>(
        'setCcAddresses',
        ['List<String>'],
        'void',
        (m, [v], h) => void (m.ccAddresses = strings(h, v))
    ),
    i<SingleEmailValue>('getCcAddresses', [], 'List<String>', (m, _a, h) => h.newList('String', m.ccAddresses.slice())),
    i<SingleEmailValue>(
        'setBccAddresses',
        ['List<String>'],
        'void',
        (m, [v], h) => void (m.bccAddresses = strings(h, v))
    ),
    i<SingleEmailValue>('getBccAddresses', [], 'List<String>', (m, _a, h) =>
        h.newList('String', m.bccAddresses.slice())
    ),
    i<SingleEmailValue>('setPlainTextBody', ['String'], 'void', (m, [v]) => void (m.plainTextBody = str(v))),
    i<SingleEmailValue>('getPlainTextBody', [], 'String', (m) => m.plainTextBody),
    i<SingleEmailValue>('setHtmlBody', ['String'], 'void', (m, [v]) => void (m.htmlBody = str(v))),
    i<SingleEmailValue>('getHtmlBody', [], 'String', (m) => m.htmlBody)
];

const RESULT: BuiltinMethod[] = [
    i<SendEmailResultValue>('isSuccess', [], 'Boolean', (r) => r.errors.length === 0),
    i<SendEmailResultValue>('getErrors', [], 'List<Messaging.SendEmailError>', (r, _a, h) =>
        h.newList('Messaging.SendEmailError', r.errors.slice())
    )
];

const ERROR: BuiltinMethod[] = [
    i<SendEmailErrorValue>('getMessage', [], 'String', (e) => e.message),
    i<SendEmailErrorValue>('getTargetObjectId', [], 'Id', (e) => e.targetObjectId),
    i<SendEmailErrorValue>('getFields', [], 'List<String>', (_e, _a, h) => h.newList('String', [])),
    i<SendEmailErrorValue>('getStatusCode', [], 'System.StatusCode', (e) => {
        const cls = exceptionClasses.byName.get('statuscode')!;
        const ord = cls.enumValues.indexOf(e.statusCode);
        if (ord < 0) throw new EmulatorError(`StatusCode ${e.statusCode} is not modelled by the local org`);
        return enumValue(cls, ord);
    })
];

const MESSAGING: BuiltinMethod[] = [
    {
        name: 'sendEmail',
        isStatic: true,
        params: ['List<Messaging.Email>'],
        returns: 'List<Messaging.SendEmailResult>',
        // "The optional opt_allOrNone parameter ... The default is true."
        impl: (_s, [list], h) => sendEmail(h as RuntimeHost, list, true)
    },
    {
        name: 'sendEmail',
        isStatic: true,
        params: ['List<Messaging.Email>', 'Boolean'],
        returns: 'List<Messaging.SendEmailResult>',
        impl: (_s, [list, all], h) => sendEmail(h as RuntimeHost, list, (all ?? null) as boolean | null)
    }
];

export function registerMessaging(): void {
    register('Messaging', MESSAGING);
    register('Messaging.Email', BASE);
    register('Messaging.SingleEmailMessage', [
        { name: '<init>', isStatic: false, params: [], returns: 'void', impl: () => new SingleEmailValue() },
        ...SINGLE
    ]);
    register('Messaging.SendEmailResult', RESULT);
    register('Messaging.SendEmailError', ERROR);
}
