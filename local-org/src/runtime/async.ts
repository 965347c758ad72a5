/**
 * Asynchronous Apex: batch jobs (Database.executeBatch) and queueables (System.enqueueJob). Each start, execute,
 * finish and queueable execute runs in its own transaction (fresh statics and limits); AsyncApexJob rows in the store
 * show their progress. Tests drain the queue at Test.stopTest; outside tests the caller steps it (runNextAsyncStep).
 * Batch Apex: https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/apex_batch_interface.htm
 * Queueable Apex: https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/apex_queueing_jobs.htm
 */
import type { AsyncStep } from '../api';
import type { ClassSym } from '../semantic/symbols';
import type { ApexType } from '../semantic/types';
import type { Store } from '../org/store';
import type { ApexId } from '../stdlib/primitives/id';
import { ApexDatetime } from '../stdlib/primitives/datetime';
import type { Tx } from './context';
import { ApexThrow, EmulatorError, current, tx } from './context';
import { raise, stringOf } from './ops';
import { SObjectValue, cloneSObject } from './sobject';
import { ApexList, ApexMap, ApexObject, ApexSet } from './values';
import type { FaultInjector } from '../faults/faults';
import { DEFAULT_USER } from '../stdlib/system';
import { EventBus } from '../async/events';
import { Scheduler } from '../async/schedule';

/** Database.BatchableContext / System.QueueableContext: the job's Id. */
export class AsyncContextValue {
    constructor(
        readonly jobId: ApexId,
        readonly typeName: string
    ) {}
    get apexTypeName(): string {
        return this.typeName;
    }
}

type Phase = AsyncStep['phase'];

interface FutureCall {
    cls: ClassSym;
    method: string;
    run: () => void;
}

interface Job {
    id: ApexId;
    kind: 'BatchApex' | 'Queueable' | 'Future';
    cls: ClassSym;
    /** The batch or queueable object; null for a future call. */
    instance: ApexObject | null;
    /** A future call: the method with its copied arguments. */
    future: (() => void) | null;
    scope: number;
    phase: Phase;
    chunks: unknown[][];
    /** Element type of the lists execute receives. */
    elemType: ApexType;
    nextChunk: number;
    /** Non-Stateful batches: the instance as start left it, copied for every execute and finish. */
    afterStart: ApexObject | null;
    /** Enqueued between Test.startTest and Test.stopTest: run by stopTest. */
    collected: boolean;
    /** Enqueued while an async job ran (chaining). */
    fromAsync: boolean;
    /** A test batch whose start returned more rows than its scope. */
    tooManyChunks: boolean;
}

/** Help article 000386014 (text as the platform prints it). */
const ONE_EXECUTE_IN_TESTS =
    'No more than one executeBatch can be called from within a testmethod. Please make sure the iterable returned from your start method matches the batch size, resulting in one executeBatch invocation.';

/** Runs fn in a fresh transaction like the one that enqueued the work (same budgets, time zone and test flag). */
export type TxRunner = (isTest: boolean, fn: () => void, debug: string[]) => void;

const MAX_ACTIVE_BATCHES = 5;
const MAX_SCOPE = 2000;
const MAX_HOLDING = 100;

export function implementsBuiltin(cls: ClassSym, qualified: string): boolean {
    const want = qualified.toLowerCase();
    const seen = new Set<ClassSym>();
    const visit = (c: ClassSym): boolean => {
        if (seen.has(c)) return false;
        seen.add(c);
        if (c.builtin && c.qualifiedName.toLowerCase() === want) return true;
        return (c.superclass !== null && visit(c.superclass)) || c.interfaces.some(visit);
    };
    return visit(cls);
}

/** A copy of an object graph, as the platform's serialisation between batch transactions makes one. */
export function deepCopy(v: unknown, seen = new Map<unknown, unknown>()): unknown {
    if (v === null || typeof v !== 'object') return v;
    const done = seen.get(v);
    if (done) return done;
    if (v instanceof ApexObject) {
        const o = new ApexObject(v.cls);
        seen.set(v, o);
        for (const [k, x] of v.fields) o.fields.set(k, deepCopy(x, seen));
        return o;
    }
    if (v instanceof ApexList) {
        const l = new ApexList(v.elemType, []);
        seen.set(v, l);
        l.items = v.items.map((x) => deepCopy(x, seen));
        return l;
    }
    if (v instanceof ApexSet) {
        const s = new ApexSet(v.elemType);
        seen.set(v, s);
        for (const k of v.store.keys()) s.store.set(deepCopy(k, seen), true);
        return s;
    }
    if (v instanceof ApexMap) {
        const m = new ApexMap(v.keyType, v.valueType);
        seen.set(v, m);
        for (const [k, x] of v.store.entries()) m.store.set(deepCopy(k, seen), deepCopy(x, seen));
        return m;
    }
    if (v instanceof SObjectValue) return cloneSObject(v, true, true);
    // Primitives (Decimal, Date, Id...) are immutable values.
    return v;
}

export class AsyncQueue {
    private readonly pending: Job[] = [];
    /** Set while a job step runs: the job whose transaction this is. */
    private running: Job | null = null;
    /** True while Test.stopTest drains the queue. */
    private draining = false;
    /** Platform events waiting for delivery (src/async/events.ts). */
    readonly events: EventBus;
    /** Scheduled Apex (src/async/schedule.ts). */
    readonly scheduler: Scheduler;

    constructor(
        private readonly store: Store,
        private readonly runTx: TxRunner,
        private readonly call: (target: ApexObject, name: string, args: unknown[]) => unknown,
        private readonly locatorRows: (locator: unknown) => { rows: unknown[]; elemType: string }
    ) {
        this.events = new EventBus(store, () => store.catalog, runTx);
        this.scheduler = new Scheduler(
            store,
            runTx,
            call,
            (o) => deepCopy(o) as ApexObject,
            (o) => implementsBuiltin(o.cls, 'System.Schedulable')
        );
    }

    /** Forgets all work (a new test method or a reloaded org). */
    reset(): void {
        this.pending.length = 0;
        this.running = null;
        this.draining = false;
        this.events.reset();
        this.scheduler.reset();
    }

    get size(): number {
        return this.pending.length;
    }

    private row(id: ApexId, fields: Record<string, unknown>): void {
        this.store.update(id.id18, fields as never);
    }

    private newJob(kind: Job['kind'], instance: ApexObject | null, scope: number, future?: FutureCall): Job {
        const t = tx();
        const rec = this.store.insert('AsyncApexJob', {
            JobType: kind,
            MethodName: future?.method ?? null,
            Status: 'Queued',
            JobItemsProcessed: 0,
            TotalJobItems: 0,
            NumberOfErrors: 0
        });
        const job: Job = {
            id: rec.values.get('id') as ApexId,
            kind,
            cls: future?.cls ?? instance!.cls,
            instance,
            future: future?.run ?? null,
            scope,
            phase: kind === 'BatchApex' ? 'start' : 'execute',
            chunks: [],
            elemType: { k: 'sobject', name: 'SObject' },
            nextChunk: 0,
            afterStart: null,
            collected: t.testStarted,
            fromAsync: this.running !== null,
            tooManyChunks: false
        };
        // The batch flex queue: past 5 queued or active batch jobs a new one waits in Holding.
        if (kind === 'BatchApex') {
            const active = this.pending.filter((j) => j.kind === 'BatchApex' && !this.isHolding(j)).length;
            if (active >= MAX_ACTIVE_BATCHES) {
                const holding = this.pending.filter((j) => this.isHolding(j)).length;
                // "If the Apex flex queue has the maximum number of 100 jobs, Database.executeBatch throws a
                // LimitException and doesn't add the job to the queue" (Batch Apex guide); the text is the one orgs
                // print (with AsyncException as its type there: see the ledger).
                if (holding >= MAX_HOLDING) {
                    this.store.delete(job.id.id18);
                    raise(
                        'System.LimitException',
                        `You've exceeded the limit of ${MAX_HOLDING} jobs in the flex queue for org ${DEFAULT_USER.orgId}. Wait for some of your batch jobs to finish before adding more. To monitor and reorder jobs, use the Apex Flex Queue page in Setup.`
                    );
                }
                this.row(job.id, { Status: 'Holding' });
            }
        }
        this.pending.push(job);
        return job;
    }

    /** Jobs whose enqueuing transaction rolled back never existed. */
    private prune(): void {
        for (let i = this.pending.length - 1; i >= 0; i--)
            if (!this.store.get(this.pending[i].id)) this.pending.splice(i, 1);
    }

    private isHolding(j: Job): boolean {
        return this.store.get(j.id)?.values.get('status') === 'Holding';
    }

    /** Database.executeBatch(job, scope). */
    executeBatch(target: unknown, scope: unknown): ApexId {
        if (!(target instanceof ApexObject) || !implementsBuiltin(target.cls, 'Database.Batchable'))
            throw new EmulatorError(
                'Database.executeBatch needs an instance of a class implementing Database.Batchable'
            );
        if (scope === null) raise('System.NullPointerException', 'Attempt to de-reference a null object');
        const n = scope as number;
        if (n < 1)
            throw new EmulatorError(
                `Database.executeBatch with scope ${n} is not emulated (its platform error is unverified)`
            );
        // Help article 000386014: a test runs one executeBatch; one started from a running batch (chaining) fails it.
        if (tx().isTest && this.running?.kind === 'BatchApex')
            raise('System.UnexpectedException', ONE_EXECUTE_IN_TESTS);
        // "If you set a higher value for a QueryLocator ... Salesforce chunks the records into smaller batches of up to 2,000".
        // The job is serialised when it is submitted: later changes the caller makes to the object are not seen.
        return this.newJob('BatchApex', deepCopy(target) as ApexObject, Math.min(n, MAX_SCOPE)).id;
    }

    /** System.enqueueJob(queueable). */
    enqueueJob(target: unknown): ApexId {
        if (target === null) raise('System.NullPointerException', 'Attempt to de-reference a null object');
        if (!(target instanceof ApexObject) || !implementsBuiltin(target.cls, 'System.Queueable'))
            throw new EmulatorError('System.enqueueJob needs an instance of a class implementing Queueable');
        const t = tx();
        const fromQueueable = this.running?.kind === 'Queueable';
        // "You can't chain queueable jobs in an Apex test" (Queueable Apex, Adding Queueable Jobs).
        if (fromQueueable && t.isTest) raise('System.AsyncException', 'Maximum stack depth has been reached.');
        t.limits.queueableJobs++;
        // "In asynchronous transactions (for example, from a batch Apex job), you can add only one job" (limits page).
        const max = this.running ? 1 : 50;
        if (t.limits.queueableJobs > max)
            raise('System.LimitException', `Too many queueable jobs added to the queue: ${t.limits.queueableJobs}`);
        return this.newJob('Queueable', deepCopy(target) as ApexObject, 0).id;
    }

    /** A call of an @future method: "Too many future calls: 51"; none from a future or batch transaction. */
    enqueueFuture(cls: ClassSym, method: string, label: string, run: () => void): void {
        const t = tx();
        const kind = this.running?.kind;
        if (kind === 'Future' || kind === 'BatchApex')
            raise('System.AsyncException', `Future method cannot be called from a future or batch method: ${label}`);
        t.limits.futureCalls++;
        if (t.limits.futureCalls > 50) raise('System.LimitException', `Too many future calls: ${t.limits.futureCalls}`);
        this.newJob('Future', null, 0, { cls, method, run });
    }

    /** RuntimeOptions.faults, armed by the runtime; null when no fault file was given. */
    faults: FaultInjector | null = null;

    /** System.abortJob: a job not yet finished is Aborted; its remaining steps never run. */
    abortJob(id: unknown): void {
        if (id === null) raise('System.NullPointerException', 'Attempt to de-reference a null object');
        const key = String(id);
        if (this.scheduler.abort(key)) return;
        const i = this.pending.findIndex((j) => j.id.id18 === key || j.id.id18.slice(0, 15) === key);
        if (i < 0)
            throw new EmulatorError(
                `System.abortJob(${key}): only queued or running jobs of this org can be aborted in the local org`
            );
        const [job] = this.pending.splice(i, 1);
        this.row(job.id, { Status: 'Aborted', CompletedDate: new ApexDatetime(Date.now()) });
    }

    /**
     * FlexQueue.moveJobToFront/moveJobToEnd/moveBeforeJob/moveAfterJob: reorders the Holding batch jobs; true when the
     * order changed. A job that is not in the flex queue is an EmulatorError (the platform throws an exception whose
     * type the reference does not name). https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_class_System_FlexQueue.htm
     */
    moveInFlexQueue(jobId: unknown, where: 'front' | 'end' | 'before' | 'after', otherId?: unknown): boolean {
        if (jobId === null || otherId === null)
            raise('System.NullPointerException', 'Attempt to de-reference a null object');
        const holding = this.pending.filter((j) => this.isHolding(j));
        const find = (id: unknown): Job => {
            const key = String(id);
            const j = holding.find((x) => x.id.id18 === key || x.id.id18.slice(0, 15) === key);
            if (!j)
                throw new EmulatorError(
                    `FlexQueue: job ${key} is not in the flex queue (its platform error is unverified)`
                );
            return j;
        };
        const job = find(jobId);
        const rest = holding.filter((j) => j !== job);
        let at = where === 'front' ? 0 : rest.length;
        if (where === 'before' || where === 'after') {
            const other = find(otherId);
            if (other === job) return false;
            at = rest.indexOf(other) + (where === 'after' ? 1 : 0);
        }
        const order = [...rest.slice(0, at), job, ...rest.slice(at)];
        if (order.every((j, i) => j === holding[i])) return false;
        let k = 0;
        for (let i = 0; i < this.pending.length; i++) if (this.isHolding(this.pending[i])) this.pending[i] = order[k++];
        return true;
    }

    /** Test.stopTest: runs the work collected since startTest, job by job in FIFO order, to the end. */
    drainForTest(): void {
        if (this.draining) return;
        this.draining = true;
        this.prune();
        try {
            // "The Test.stopTest() statement causes the event publishing to be carried out" (Deliver Test Event Messages).
            this.events.deliverForTest(true);
            this.scheduler.runForTest();
            for (;;) {
                const job = this.pending.find((j) => j.collected && !j.fromAsync);
                if (!job) break;
                this.runWhole(job);
            }
        } finally {
            this.draining = false;
        }
    }

    private runWhole(job: Job): void {
        while (this.pending.includes(job)) this.step(job, true);
    }

    /** Outside tests: one step of the oldest job that is not holding; null when nothing is queued. */
    runNextStep(): AsyncStep | null {
        // Events published by a finished transaction are delivered before further job steps.
        const delivered = this.events.nextStep();
        if (delivered) return delivered;
        this.prune();
        const job = this.pending.find((j) => !this.isHolding(j)) ?? this.pending[0];
        if (!job) return null;
        return this.step(job, false);
    }

    /**
     * One step runs as the user who submitted the job (AsyncApexJob.CreatedById), as on the platform: a batch
     * started inside System.runAs, or by an admin in the app, sees that user's UserInfo, permissions and user mode.
     */
    private step(job: Job, inTest: boolean): AsyncStep {
        const submitterId = this.store.get(job.id.id18)?.values.get('createdbyid');
        if (!submitterId || !this.runAsUser) return this.stepAsSubmitter(job, inTest);
        return this.runAsUser(String(submitterId), () => this.stepAsSubmitter(job, inTest));
    }

    /** Runs fn as the given user and restores the running user after (set by the project: baseline owns users). */
    runAsUser: (<T>(userId: string, fn: () => T) => T) | null = null;

    private stepAsSubmitter(job: Job, inTest: boolean): AsyncStep {
        if (this.isHolding(job)) this.row(job.id, { Status: 'Queued' });
        const phase = job.phase;
        const out: AsyncStep = {
            jobId: job.id.id18,
            jobType: job.kind,
            className: job.cls.qualifiedName,
            phase,
            ok: true,
            message: null,
            debugLines: []
        };
        const ctxType = job.kind === 'BatchApex' ? 'Database.BatchableContext' : 'System.QueueableContext';
        const ctx = new AsyncContextValue(job.id, ctxType);
        const saved = this.running;
        this.running = job;
        // The step's rollback point: an undo journal (a snapshot would copy each table the step writes).
        const before = this.store.mark();
        try {
            this.runTx(
                inTest,
                () => {
                    if (job.future) job.future();
                    else if (job.kind === 'Queueable') this.call(job.instance!, 'execute', [ctx]);
                    else if (phase === 'start') this.start(job, ctx, inTest);
                    else if (phase === 'execute') {
                        const chunk = job.chunks[job.nextChunk];
                        const list = new ApexList(job.elemType, chunk);
                        this.call(this.instanceFor(job), 'execute', [ctx, list]);
                    } else this.call(this.instanceFor(job), 'finish', [ctx]);
                },
                out.debugLines
            );
        } catch (e) {
            if (!(e instanceof ApexThrow)) throw e;
            if (job.kind === 'BatchApex' && implementsBuiltin(job.cls, 'Database.RaisesPlatformEvents'))
                this.publishBatchError(job, phase, e, inTest);
            // In a test an unhandled exception of async work fails the test at stopTest, and later steps (finish)
            // never run (salesforce.stackexchange.com/questions/268192).
            if (inTest) {
                this.pending.splice(this.pending.indexOf(job), 1);
                this.store.rollbackTo(before);
                throw e;
            }
            // An uncaught exception rolls its own transaction back; the job records it.
            this.store.rollbackTo(before);
            const msg = e.ex.fields.get('$message');
            out.ok = false;
            out.message = `${e.ex.cls.qualifiedName}: ${msg === null || msg === undefined ? '' : String(msg)}`;
        } finally {
            this.running = saved;
            this.store.release();
        }
        // The job aborted itself (System.abortJob(bc.getJobId())): its row says Aborted and nothing more runs.
        if (!this.pending.includes(job)) return out;
        if (job.tooManyChunks) {
            this.pending.splice(this.pending.indexOf(job), 1);
            this.row(job.id, { Status: 'Failed', ExtendedStatus: ONE_EXECUTE_IN_TESTS });
            raise('System.UnexpectedException', ONE_EXECUTE_IN_TESTS);
        }
        this.advance(job, out);
        return out;
    }

    /**
     * Database.RaisesPlatformEvents: an unhandled exception of start, execute or finish publishes a
     * BatchApexErrorEvent (https://developer.salesforce.com/docs/platform/platform-events/guide/sforce-api-objects-batchapexerrorevent.html).
     */
    private publishBatchError(job: Job, phase: Phase, e: ApexThrow, inTest: boolean): void {
        const msg = e.ex.fields.get('$message');
        let scope: string | null = null;
        let exceeds = false;
        if (phase === 'execute') {
            // JobScope: the Ids of the failed execute's records, comma-separated, at most 40,000 characters; for a
            // custom iterator "the toString() representation of the iterable objects" (BatchApexErrorEvent).
            const ids = (job.chunks[job.nextChunk] ?? [])
                .map((x) => (x instanceof SObjectValue ? x.id?.id18 : stringOf(x)))
                .filter((x): x is string => !!x);
            const text = ids.join(',');
            exceeds = text.length > 40000;
            scope = ids.length ? (exceeds ? text.slice(0, 40000) : text) : null;
        }
        this.events.publishSystem(
            'BatchApexErrorEvent',
            {
                AsyncApexJobId: job.id.id18,
                DoesExceedJobScopeMaxLength: exceeds,
                ExceptionType: e.ex.cls.qualifiedName,
                JobScope: scope,
                Message: msg === null || msg === undefined ? null : String(msg),
                Phase: phase.toUpperCase(),
                RequestId: null,
                StackTrace: e.ex.exStack || null
            },
            inTest
        );
    }

    private instanceFor(job: Job): ApexObject {
        if (implementsBuiltin(job.cls, 'Database.Stateful') || !job.afterStart) return job.instance!;
        return deepCopy(job.afterStart) as ApexObject;
    }

    private start(job: Job, ctx: AsyncContextValue, inTest: boolean): void {
        const r = this.call(job.instance!, 'start', [ctx]);
        let rows: unknown[];
        if (r === null || r === undefined)
            raise('System.NullPointerException', 'Attempt to de-reference a null object');
        if (r instanceof ApexList || r instanceof ApexSet) {
            rows = r instanceof ApexList ? r.items.slice() : r.store.keys();
            job.elemType = r.elemType;
        } else if (r instanceof ApexObject) {
            const it = this.call(r, 'iterator', []);
            if (!(it instanceof ApexObject))
                throw new EmulatorError('a batch Iterable whose iterator() is not an Apex class is not emulated');
            rows = [];
            while (this.call(it, 'hasNext', []) === true) rows.push(this.call(it, 'next', []));
            // Iterable<T> keeps no run-time T: rows that are all SObjects make a List<SObject>, others a List<Object>.
            if (!rows.every((x) => x instanceof SObjectValue)) job.elemType = { k: 'object' };
        } else {
            const l = this.locatorRows(r);
            rows = l.rows;
            job.elemType = { k: 'sobject', name: l.elemType };
        }
        for (let i = 0; i < rows.length; i += job.scope) job.chunks.push(rows.slice(i, i + job.scope));
        // In a test only one execute may run: more rows than the scope fail the test at stopTest (raised there).
        if (inTest && job.chunks.length > 1) job.tooManyChunks = true;
        if (!implementsBuiltin(job.cls, 'Database.Stateful')) job.afterStart = deepCopy(job.instance) as ApexObject;
    }

    private advance(job: Job, out: AsyncStep): void {
        const now = new ApexDatetime(Date.now());
        const done = (status: string, extra: Record<string, unknown> = {}): void => {
            this.pending.splice(this.pending.indexOf(job), 1);
            this.row(job.id, { Status: status, CompletedDate: now, ...extra });
            // A finished batch frees a slot: the oldest job of the flex queue moves to Queued.
            const next = this.pending.find((j) => this.isHolding(j));
            if (job.kind === 'BatchApex' && next) this.row(next.id, { Status: 'Queued' });
        };
        if (job.kind !== 'BatchApex') {
            if (out.ok) done('Completed');
            else done('Failed', { ExtendedStatus: out.message, NumberOfErrors: 1 });
            return;
        }
        const rec = this.store.get(job.id)!;
        const n = (f: string): number => (rec.values.get(f) as number | null) ?? 0;
        if (job.phase === 'start') {
            if (!out.ok) return done('Failed', { ExtendedStatus: `First error: ${out.message}` });
            this.row(job.id, { Status: 'Processing', TotalJobItems: job.chunks.length });
            job.phase = job.chunks.length ? 'execute' : 'finish';
            return;
        }
        if (job.phase === 'execute') {
            const fields: Record<string, unknown> = { JobItemsProcessed: n('jobitemsprocessed') + 1 };
            if (!out.ok) {
                fields.NumberOfErrors = n('numberoferrors') + 1;
                // The platform keeps the first error's message in ExtendedStatus.
                if (!rec.values.get('extendedstatus')) fields.ExtendedStatus = `First error: ${out.message}`;
            }
            this.row(job.id, fields);
            job.nextChunk++;
            if (job.nextChunk >= job.chunks.length) job.phase = 'finish';
            // An injected abort (local-only) ends the job as System.abortJob would, after this execute.
            if (this.faults?.shouldAbortBatch(job.cls.qualifiedName, job.nextChunk)) this.abortJob(job.id);
            return;
        }
        if (!out.ok)
            return done('Failed', {
                ExtendedStatus: rec.values.get('extendedstatus') ?? `First error: ${out.message}`
            });
        done('Completed');
    }
}

/** The queue of the running project (one project runs at a time), for the stdlib bindings. */
export const asyncQueue: { current: AsyncQueue | null } = { current: null };

export function queue(): AsyncQueue {
    if (!asyncQueue.current) throw new EmulatorError('asynchronous Apex needs a loaded project');
    return asyncQueue.current;
}

/** Runs fn as a new transaction nested in the current one (the caller's transaction is restored after). */
export function nestedTx(make: () => Tx, fn: () => void): void {
    const saved = current.tx;
    current.tx = make();
    try {
        fn();
    } finally {
        current.tx = saved;
    }
}
