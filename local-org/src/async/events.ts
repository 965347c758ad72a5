/**
 * Platform events: EventBus.publish, the test event bus (Test.stopTest, Test.getEventBus().deliver()) and delivery
 * to `after insert` triggers on the event object, each batch in its own transaction run as the Automated Process
 * user. Sources (LEDGER.md, section "Platform events and scheduled Apex"):
 * EventBus: https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_class_System_eventbus.htm
 * Publish behaviour: https://developer.salesforce.com/docs/platform/platform-events/guide/platform-events-define-ui.md
 * Test delivery: https://developer.salesforce.com/docs/atlas.en-us.platform_events.meta/platform_events/platform_events_test_deliver.htm
 * Trigger user and batch size: https://developer.salesforce.com/docs/atlas.en-us.platform_events.meta/platform_events/platform_events_trigger_config.htm
 */
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { AsyncStep } from '../api';
import type { ObjectDef } from '../org/schema/types';
import type { Catalog } from '../org/schema/catalog';
import type { Store } from '../org/store';
import { validateRow } from '../org/validate';
import type { FieldValue } from '../org/values';
import { ApexDatetime } from '../stdlib/primitives/datetime';
import { ApexId } from '../stdlib/primitives/id';
import { DEFAULT_USER } from '../stdlib/system';
import { ApexThrow, EmulatorError, tx } from '../runtime/context';
import { DbError, DmlResult } from '../runtime/dml';
import { checkLimit } from '../runtime/limits';
import { raise } from '../runtime/ops';
import { SObjectValue, setFields } from '../runtime/sobject';
import { fireTriggers, hasTriggers } from '../runtime/triggers';
import { ApexList } from '../runtime/values';

export type PublishBehavior = 'PublishImmediately' | 'PublishAfterCommit';

/** Runs fn in a fresh transaction (AsyncQueue's TxRunner). */
type TxRunner = (isTest: boolean, fn: () => void, debug: string[]) => void;

/** "By default, the trigger runs as the Automated Process system user with a batch size of 2,000 event messages." */
export const TRIGGER_BATCH_SIZE = 2000;

/** Limits page: "Maximum number of EventBus.publish calls for platform events configured to publish immediately". */
export const MAX_PUBLISH_IMMEDIATE = 150;

/**
 * The Automated Process user as UserInfo reports it inside an event trigger. Its User row (UserType
 * AutomatedProcess, no profile) is created the first time a trigger needs it, so orgs that deliver no event see
 * exactly the baseline users.
 */
export const AUTOMATED_PROCESS = {
    userName: 'autoproc@local-org.invalid',
    name: 'Automated Process',
    firstName: '',
    lastName: 'Automated Process',
    email: '',
    userType: 'AutomatedProcess'
};

interface PendingEvent {
    seq: number;
    obj: ObjectDef;
    /** The event as published (a copy: later changes by the publisher are not seen). */
    values: Map<string, unknown>;
    /** Publish After Commit: the store row that rollback removes; the event is discarded with it. */
    token: string | null;
    /** Published between Test.startTest and Test.stopTest: delivered by stopTest. */
    collected: boolean;
}

/** `<publishBehavior>` of every `__e` object under the source folders, by lower-case object name. */
export function readPublishBehaviors(dirs: string[]): Map<string, PublishBehavior> {
    const out = new Map<string, PublishBehavior>();
    const walk = (d: string): void => {
        for (const name of readdirSync(d)) {
            const p = join(d, name);
            if (statSync(p).isDirectory()) {
                if (name !== 'node_modules' && !name.startsWith('.')) walk(p);
                continue;
            }
            const m = /^(\w+__e)\.object-meta\.xml$/i.exec(name);
            if (!m) continue;
            const xml = readFileSync(p, 'utf8');
            const b = /<publishBehavior>\s*(\w+)\s*<\/publishBehavior>/.exec(xml)?.[1];
            if (b !== undefined && b !== 'PublishImmediately' && b !== 'PublishAfterCommit')
                throw new EmulatorError(`${p}: publishBehavior ${b} is not known to the local org`);
            // "Publish Immediately ... This is the default option" (Platform Event Fields).
            out.set(m[1].toLowerCase(), (b as PublishBehavior | undefined) ?? 'PublishImmediately');
        }
    };
    for (const d of dirs) walk(d);
    return out;
}

/** Reads a limit counter the shared LimitCounters type does not declare (kept on the same per-transaction object). */
function extraCounter(name: string, add = 0): number {
    const limits = tx().limits as unknown as Record<string, number>;
    limits[name] = (limits[name] ?? 0) + add;
    return limits[name];
}

/**
 * EventBus.TriggerContext of the running event trigger: setResumeCheckpoint(replayId) makes the events after that
 * one come back in a new trigger invocation when this one ends, normally or by an uncaught exception.
 * https://developer.salesforce.com/docs/atlas.en-us.platform_events.meta/platform_events/platform_events_subscribe_batch_resume.htm
 */
export class TriggerContextValue {
    checkpoint: string | null = null;
    constructor(readonly replayIds: string[]) {}
    get apexTypeName(): string {
        return 'EventBus.TriggerContext';
    }
    setResumeCheckpoint(replayId: unknown): void {
        const id = replayId === null ? null : String(replayId);
        if (id === null || !this.replayIds.includes(id))
            throw new EmulatorError(
                `setResumeCheckpoint(${id}): a replay Id outside the running batch is not emulated (platform error unverified)`
            );
        this.checkpoint = id;
    }
}

/** The context of the event trigger that is running, if any. */
export const eventTrigger: { current: TriggerContextValue | null } = { current: null };

export class EventBus {
    behaviors = new Map<string, PublishBehavior>();
    private pending: PendingEvent[] = [];
    private seq = 0;
    private replay = 0;

    constructor(
        private readonly store: Store,
        private readonly catalog: () => Catalog,
        private readonly runTx: TxRunner
    ) {}

    reset(): void {
        this.pending = [];
    }

    /** Events waiting for delivery whose publishing transaction did not discard them. */
    get size(): number {
        this.prune();
        return this.pending.length;
    }

    behaviorOf(obj: ObjectDef): PublishBehavior {
        // Standard events the platform publishes itself (BatchApexErrorEvent) are not tied to a transaction.
        if (!obj.custom) return 'PublishImmediately';
        const b = this.behaviors.get(obj.name.toLowerCase());
        if (!b) throw new EmulatorError(`platform event ${obj.name} has no object metadata the local org could read`);
        return b;
    }

    /** EventBus.publish(event) / EventBus.publish(List<SObject>). */
    publish(arg: unknown, many: boolean): unknown {
        if (arg === null) raise('System.NullPointerException', 'Attempt to de-reference a null object');
        const items = many ? (arg as ApexList).items : [arg];
        const t = tx();
        // "Each method execution is counted as one DML statement."
        t.limits.dmlStatements++;
        checkLimit('dmlStatements', t.limits.dmlStatements);
        const results: DmlResult[] = [];
        let immediate = false;
        for (const item of items) {
            if (item === null) raise('System.NullPointerException', 'Attempt to de-reference a null object');
            if (!(item instanceof SObjectValue) || !item.obj.isPlatformEvent)
                throw new EmulatorError('EventBus.publish of an SObject that is not a platform event is not emulated');
            if (this.behaviorOf(item.obj) === 'PublishImmediately') immediate = true;
            results.push(this.publishOne(item, t.testStarted));
        }
        if (immediate && extraCounter('publishImmediateDml', 1) > MAX_PUBLISH_IMMEDIATE)
            raise(
                'System.LimitException',
                `Too many immediate EventBus.publish calls: ${extraCounter('publishImmediateDml')}`
            );
        return many ? new ApexList({ k: 'builtin', name: 'Database.SaveResult' }, results) : results[0];
    }

    private publishOne(o: SObjectValue, collected: boolean): DmlResult {
        const fields = new Map<string, FieldValue>();
        for (const [f, v] of setFields(o, 'insert')) {
            if (f.name.toLowerCase() === 'id') continue;
            // "If you publish an event in Apex with a Text field set to an empty string, the field value in the
            // delivered event message is null" (considerations for publishing and subscribing).
            fields.set(f.name.toLowerCase(), (v === '' ? null : v) as FieldValue);
        }
        const errors = validateRow(this.catalog(), this.store, o.obj, fields, 'insert');
        if (errors.length)
            return new DmlResult(
                'Database.SaveResult',
                null,
                errors.map((e) => new DbError(e.statusCode, e.message, e.fields)),
                false
            );
        const values = new Map<string, unknown>(fields);
        values.set('createddate', new ApexDatetime(Date.now()));
        values.set('createdbyid', ApexId.of(DEFAULT_USER.id));
        values.set('eventuuid', randomUUID());
        // A Publish After Commit event keeps a store row until delivery: a rollback removes the row, which discards the
        // event. A Publish Immediately event only needs an Id for its SaveResult.
        const pac = this.behaviorOf(o.obj) === 'PublishAfterCommit';
        const id = pac ? this.store.insert(o.obj.name, {}).id : this.store.newId(o.obj.name).id18;
        this.pending.push({ seq: this.seq++, obj: o.obj, values, token: pac ? id : null, collected });
        return new DmlResult('Database.SaveResult', ApexId.of(id), [], true);
    }

    /** The platform publishes an event itself (BatchApexErrorEvent): never tied to the failed transaction. */
    publishSystem(objectName: string, values: Record<string, unknown>, collected: boolean): void {
        const obj = this.catalog().object(objectName);
        const map = new Map<string, unknown>();
        for (const [k, v] of Object.entries(values)) map.set(k.toLowerCase(), v);
        map.set('createddate', new ApexDatetime(Date.now()));
        map.set('createdbyid', ApexId.of(DEFAULT_USER.id));
        map.set('eventuuid', randomUUID());
        this.pending.push({ seq: this.seq++, obj, values: map, token: null, collected });
    }

    /** Publish After Commit events whose transaction (or savepoint) rolled back were never published. */
    private prune(): void {
        this.pending = this.pending.filter((e) => e.token === null || this.store.get(e.token) !== undefined);
    }

    /**
     * Test.getEventBus().deliver() (all events published so far) and Test.stopTest (those published since
     * startTest): one round; events the triggers publish wait for the next round.
     */
    deliverForTest(onlyCollected: boolean): void {
        this.prune();
        const round = this.pending.filter((e) => !onlyCollected || e.collected);
        this.pending = this.pending.filter((e) => !round.includes(e));
        for (const batch of batches(round)) this.deliver(batch, true);
    }

    /** Outside tests: delivers the oldest batch (one event object, up to 2,000 events); null when none waits. */
    nextStep(): AsyncStep | null {
        this.prune();
        if (!this.pending.length) return null;
        const [batch] = batches(this.pending);
        this.pending = this.pending.filter((e) => !batch.includes(e));
        return this.deliver(batch, false);
    }

    /** The Id of the Automated Process user's row, inserted on first use. */
    private automatedProcessUser(): string {
        // By the Username index: a scan of every User per delivery grows with the org.
        const found = this.store.findOther('User', 'Username', AUTOMATED_PROCESS.userName, null);
        if (found) return found.id;
        return this.store.insert('User', {
            Username: AUTOMATED_PROCESS.userName,
            LastName: AUTOMATED_PROCESS.lastName,
            Alias: 'autoproc',
            IsActive: true,
            UserType: AUTOMATED_PROCESS.userType
        }).id;
    }

    private deliver(batch: PendingEvent[], inTest: boolean): AsyncStep {
        const obj = batch[0].obj;
        const out: AsyncStep = {
            jobId: '',
            jobType: 'PlatformEvent',
            className: obj.name,
            phase: 'execute',
            ok: true,
            message: null,
            debugLines: []
        };
        for (const e of batch) {
            // A resumed event keeps its replay Id.
            if (!e.values.has('replayid')) e.values.set('replayid', String(++this.replay));
            // Delivered: the Publish After Commit marker row is no longer needed.
            if (e.token !== null && this.store.get(e.token)) this.store.hardDelete(e.token);
        }
        if (!hasTriggers(obj.name)) return out;
        // The delivery's rollback point: an undo journal (a snapshot would make the next write to every table copy
        // it, O(org) per delivery).
        const before = this.store.mark();
        const saved = { ...DEFAULT_USER };
        const context = new TriggerContextValue(batch.map((e) => String(e.values.get('replayid'))));
        const outer = eventTrigger.current;
        eventTrigger.current = context;
        try {
            this.runTx(
                inTest,
                () => {
                    // Event triggers run with the synchronous limits here (the limits page lists them with neither
                    // table; see the ledger), and as the Automated Process user.
                    tx().isAsync = false;
                    const id = this.automatedProcessUser();
                    Object.assign(DEFAULT_USER, AUTOMATED_PROCESS, { id, profileId: '' });
                    const rows = batch.map((e) => eventRow(obj, e.values));
                    const list = new ApexList({ k: 'sobject', name: obj.name }, rows);
                    fireTriggers(obj.name, {
                        timing: 'after',
                        event: 'insert',
                        newList: list,
                        oldList: null,
                        newMap: null,
                        oldMap: null,
                        size: rows.length
                    });
                },
                out.debugLines
            );
        } catch (e) {
            if (!(e instanceof ApexThrow)) throw e;
            this.store.rollbackTo(before);
            if (inTest) throw e;
            const msg = e.ex.fields.get('$message');
            out.ok = false;
            out.message = `${e.ex.cls.qualifiedName}: ${msg === null || msg === undefined ? '' : String(msg)}`;
        } finally {
            this.store.release();
            Object.assign(DEFAULT_USER, saved);
            eventTrigger.current = outer;
            this.resumeAfterCheckpoint(batch, context);
        }
        return out;
    }

    /** The events after a resume checkpoint come back first, in a new invocation. */
    private resumeAfterCheckpoint(batch: PendingEvent[], context: TriggerContextValue): void {
        if (context.checkpoint === null) return;
        const at = batch.findIndex((e) => String(e.values.get('replayid')) === context.checkpoint);
        const rest = batch.slice(at + 1);
        if (!rest.length) return;
        const first = Math.min(...this.pending.map((e) => e.seq), this.seq);
        rest.forEach((e, i) => {
            e.seq = first - rest.length + i;
            e.collected = true;
            e.token = null;
        });
        this.pending.unshift(...rest);
    }
}

/**
 * Each event object is its own channel: its events in publish order, at most TRIGGER_BATCH_SIZE per trigger
 * invocation; objects in the order their first pending event was published.
 */
function batches(events: PendingEvent[]): PendingEvent[][] {
    const byObj = new Map<ObjectDef, PendingEvent[]>();
    for (const e of events.slice().sort((a, b) => a.seq - b.seq)) {
        const list = byObj.get(e.obj) ?? [];
        list.push(e);
        byObj.set(e.obj, list);
    }
    const out: PendingEvent[][] = [];
    for (const list of byObj.values())
        for (let i = 0; i < list.length; i += TRIGGER_BATCH_SIZE) out.push(list.slice(i, i + TRIGGER_BATCH_SIZE));
    return out;
}

function eventRow(obj: ObjectDef, values: Map<string, unknown>): SObjectValue {
    const o = new SObjectValue(obj);
    for (const [k, v] of values) {
        o.values.set(k, v);
        o.loaded.add(k);
    }
    o.readOnly = true;
    return o;
}
