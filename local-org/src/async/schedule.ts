/**
 * Scheduled Apex: System.schedule creates a CronTrigger (with its CronJobDetail) and keeps a copy of the
 * Schedulable; Test.stopTest runs each waiting job's execute once; outside tests the caller fires a job on demand
 * (LoadedProject.fireScheduledJob: the local org has no clock). System.abortJob(cronTriggerId) deletes the trigger.
 * Apex Scheduler: https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/apex_scheduler.htm
 * CronTrigger: https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/sforce_api_objects_crontrigger.htm
 */
import type { AsyncStep } from '../api';
import type { Store } from '../org/store';
import { ApexDatetime } from '../stdlib/primitives/datetime';
import { ApexId } from '../stdlib/primitives/id';
import { ApexThrow, EmulatorError, tx } from '../runtime/context';
import { raise } from '../runtime/ops';
import { ApexObject } from '../runtime/values';
import { CronError, nextFireTime, parseCron } from './cron';

type TxRunner = (isTest: boolean, fn: () => void, debug: string[]) => void;

/** "You can only have 100 scheduled Apex jobs at one time" (Apex Scheduler). */
export const MAX_SCHEDULED = 100;

/** System.SchedulableContext: the CronTrigger's Id. */
export class SchedulableContextValue {
    constructor(readonly triggerId: ApexId) {}
    get apexTypeName(): string {
        return 'System.SchedulableContext';
    }
}

interface ScheduledJob {
    cronId: string;
    name: string;
    instance: ApexObject;
    timeZone: string;
}

export class Scheduler {
    private jobs: ScheduledJob[] = [];

    constructor(
        private readonly store: Store,
        private readonly runTx: TxRunner,
        private readonly call: (target: ApexObject, name: string, args: unknown[]) => unknown,
        private readonly copy: (o: ApexObject) => ApexObject,
        private readonly implementsSchedulable: (o: ApexObject) => boolean
    ) {}

    reset(): void {
        this.jobs = [];
    }

    /** Jobs whose scheduling transaction rolled back, or whose trigger was deleted, are gone. */
    private live(): ScheduledJob[] {
        this.jobs = this.jobs.filter((j) => this.store.get(j.cronId)?.values.get('state') === 'WAITING');
        return this.jobs;
    }

    /** System.schedule(jobName, cronExpression, schedulable): the CronTrigger Id. */
    schedule(name: unknown, cron: unknown, job: unknown): ApexId {
        if (name === null || cron === null || job === null)
            raise('System.NullPointerException', 'Attempt to de-reference a null object');
        if (!(job instanceof ApexObject) || !this.implementsSchedulable(job))
            throw new EmulatorError('System.schedule needs an instance of a class implementing Schedulable');
        let spec;
        try {
            spec = parseCron(String(cron));
        } catch (e) {
            if (e instanceof CronError) raise('System.StringException', e.message);
            throw e;
        }
        const jobName = String(name);
        const t = tx();
        const taken = [...this.store.rows('CronTrigger')].some((r) => {
            if (r.values.get('state') === 'DELETED') return false;
            const detail = this.store.get(String(r.values.get('cronjobdetailid')));
            return detail?.values.get('name') === jobName;
        });
        // Quoted by Stack Exchange 153513 and a Salesforce-published gist; not in the reference.
        if (taken)
            raise('System.AsyncException', `The Apex job named "${jobName}" is already scheduled for execution.`);
        const active = [...this.store.rows('CronTrigger')].filter((r) => r.values.get('state') !== 'DELETED');
        if (active.length >= MAX_SCHEDULED)
            raise(
                'System.AsyncException',
                `You have exceeded the maximum number (${MAX_SCHEDULED}) of Apex scheduled jobs.`
            );
        const now = Date.now();
        const next = nextFireTime(spec, now, t.timeZone);
        const detail = this.store.insert('CronJobDetail', { Name: jobName, JobType: '7' });
        const trigger = this.store.insert('CronTrigger', {
            CronExpression: String(cron),
            CronJobDetailId: ApexId.of(detail.id),
            State: next === null ? 'DELETED' : 'WAITING',
            NextFireTime: next === null ? null : new ApexDatetime(next),
            StartTime: new ApexDatetime(now),
            TimesTriggered: 0,
            TimeZoneSidKey: t.timeZone
        });
        // The job is serialised when it is scheduled: later changes to the caller's object are not seen.
        if (next !== null)
            this.jobs.push({ cronId: trigger.id, name: jobName, instance: this.copy(job), timeZone: t.timeZone });
        return ApexId.of(trigger.id);
    }

    /** System.abortJob on a CronTrigger Id: true when the Id named one. */
    abort(id: string): boolean {
        const rec = [...this.store.rows('CronTrigger')].find((r) => r.id === id || r.id.slice(0, 15) === id);
        if (!rec) return false;
        this.store.update(rec.id, { State: 'DELETED', NextFireTime: null });
        this.jobs = this.jobs.filter((j) => j.cronId !== rec.id);
        return true;
    }

    /**
     * Test.stopTest: each waiting job runs once ("the job runs after Test.stopTest"), even one scheduled before
     * startTest; its CronTrigger stays WAITING with TimesTriggered 0, as observed in orgs (see the ledger).
     */
    runForTest(): void {
        for (const job of this.live().slice()) this.run(job, true);
    }

    /** Outside tests: fires the given job (or the waiting job with the earliest NextFireTime) once. */
    fire(cronId?: string): AsyncStep | null {
        const live = this.live();
        const job = cronId
            ? live.find((j) => j.cronId === cronId || j.cronId.slice(0, 15) === cronId)
            : live
                  .slice()
                  .sort((a, b) => this.nextOf(a) - this.nextOf(b))
                  .at(0);
        if (!job) return null;
        const step = this.run(job, false);
        const rec = this.store.get(job.cronId)!;
        const fired = this.nextOf(job);
        const next = nextFireTime(parseCron(String(rec.values.get('cronexpression'))), fired, job.timeZone);
        this.store.update(job.cronId, {
            TimesTriggered: ((rec.values.get('timestriggered') as number | null) ?? 0) + 1,
            PreviousFireTime: new ApexDatetime(fired),
            NextFireTime: next === null ? null : new ApexDatetime(next),
            // A trigger with no further fire time is complete (Object Reference, CronTrigger.State).
            State: next === null ? 'COMPLETE' : 'WAITING'
        });
        return step;
    }

    private nextOf(job: ScheduledJob): number {
        const v = this.store.get(job.cronId)?.values.get('nextfiretime');
        return v instanceof ApexDatetime ? v.ms : Number.MAX_SAFE_INTEGER;
    }

    private run(job: ScheduledJob, inTest: boolean): AsyncStep {
        const out: AsyncStep = {
            jobId: job.cronId,
            jobType: 'ScheduledApex',
            className: job.instance.cls.qualifiedName,
            phase: 'execute',
            ok: true,
            message: null,
            debugLines: []
        };
        const before = this.store.snapshot();
        // Each run gets its own copy of the job as it was scheduled.
        const instance = this.copy(job.instance);
        try {
            this.runTx(
                inTest,
                () => {
                    // "Scheduled Apex runs with synchronous limits" (limits page; platform-facts §7).
                    tx().isAsync = false;
                    this.call(instance, 'execute', [new SchedulableContextValue(ApexId.of(job.cronId))]);
                },
                out.debugLines
            );
        } catch (e) {
            if (!(e instanceof ApexThrow)) throw e;
            this.store.restore(before);
            if (inTest) throw e;
            const msg = e.ex.fields.get('$message');
            out.ok = false;
            out.message = `${e.ex.cls.qualifiedName}: ${msg === null || msg === undefined ? '' : String(msg)}`;
        }
        return out;
    }
}
