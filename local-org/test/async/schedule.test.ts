/**
 * Scheduled Apex: the cron parser and next-fire computation, System.schedule's CronTrigger rows, firing on demand
 * outside tests (fireScheduledJob), abortJob on a CronTrigger, failures, and rollback of the scheduling transaction.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CronError, nextFireTime, parseCron } from '../../src/async/cron';
import { project } from '../runtime/helpers';

const at = (iso: string): number => Date.parse(iso);
const next = (expr: string, after: string, tz = 'UTC'): string | null => {
    const ms = nextFireTime(parseCron(expr), at(after), tz);
    return ms === null ? null : new Date(ms).toISOString();
};

describe('cron expressions', () => {
    it('computes the next fire time for numbers, ranges, lists, increments and names', () => {
        assert.equal(next('0 0 2 * * ?', '2026-01-05T03:00:00Z'), '2026-01-06T02:00:00.000Z');
        assert.equal(next('0 0 2 * * ?', '2026-01-05T01:59:59Z'), '2026-01-05T02:00:00.000Z');
        assert.equal(next('0 30 8 ? * MON-FRI', '2026-01-09T09:00:00Z'), '2026-01-12T08:30:00.000Z');
        assert.equal(next('0 0 1/6 * * ?', '2026-01-05T08:00:00Z'), '2026-01-05T13:00:00.000Z');
        assert.equal(next('15 10 3,15 1 JAN,JUL ?', '2026-01-02T00:00:00Z'), '2026-07-01T03:10:15.000Z');
        assert.equal(next('0 0 0 1 1 ? 2027', '2026-01-02T00:00:00Z'), '2027-01-01T00:00:00.000Z');
    });

    it('handles L, W and # and the user time zone', () => {
        assert.equal(next('0 0 12 L * ?', '2026-02-01T00:00:00Z'), '2026-02-28T12:00:00.000Z');
        assert.equal(next('0 0 22 ? * 6L', '2026-01-01T00:00:00Z'), '2026-01-30T22:00:00.000Z');
        assert.equal(next('0 0 9 ? * 2#1', '2026-01-01T00:00:00Z'), '2026-01-05T09:00:00.000Z');
        // 2026-02-01 is a Sunday: 1W fires on Monday the 2nd; 2026-01-31 is a Saturday: 31W fires on Friday the 30th.
        assert.equal(next('0 0 9 1W * ?', '2026-01-31T12:00:00Z'), '2026-02-02T09:00:00.000Z');
        assert.equal(next('0 0 9 31W * ?', '2026-01-01T00:00:00Z'), '2026-01-30T09:00:00.000Z');
        assert.equal(next('0 0 2 * * ?', '2026-01-05T12:00:00Z', 'America/Los_Angeles'), '2026-01-06T10:00:00.000Z');
        assert.equal(next('0 0 0 1 1 ? 2020', '2026-01-01T00:00:00Z'), null);
    });

    it('refuses malformed expressions', () => {
        const bad = (expr: string): string => {
            try {
                parseCron(expr);
            } catch (e) {
                assert.ok(e instanceof CronError);
                return e.message;
            }
            return 'accepted';
        };
        assert.equal(bad('0 0 2 * *'), 'Unexpected end of expression.');
        assert.match(bad('0 0/15 * * * ?'), /^Seconds and minutes must be specified as integers/);
        assert.match(bad('0 0,30 * * * ?'), /^Seconds and minutes must be specified as integers/);
        assert.match(bad('0 0 2 1 * MON'), /day-of-week AND a day-of-month/);
        assert.match(bad('0 0 2 ? * ?'), /can only be specified for Day-of-Month -OR- Day-of-Week/);
        assert.match(bad('0 0 24 * * ?'), /Invalid hours value: 24/);
        assert.match(bad('0 0 2 * FOO ?'), /Invalid month value: FOO/);
        assert.match(bad('0 0 2 ? * MON 1969'), /Invalid year value: 1969/);
        assert.match(bad('0 0 2 * * ? 2030 x'), /Illegal characters/);
    });
});

const JOB = `public class Nightly implements Schedulable {
    public String label = 'n';
    public void execute(SchedulableContext sc) {
        if (label == 'fail') throw new IllegalArgumentException('no');
        insert new Account(Name = label + ' ' + sc.getTriggerId());
    }
}`;

async function debug(p: Awaited<ReturnType<typeof project>>, src: string): Promise<string[]> {
    const r = await p.executeAnonymous(src, 'check.apex');
    assert.ok(r.success, `${r.message}`);
    return r.debugLines.map((l) => l.replace(/^USER_DEBUG \[\d+\]\|\w+\|/, ''));
}

const TRIGGER =
    "CronTrigger t = [SELECT State, TimesTriggered, NextFireTime, PreviousFireTime FROM CronTrigger LIMIT 1]; System.debug(t.State + ' ' + t.TimesTriggered + ' ' + (t.PreviousFireTime == null ? 'never' : String.valueOf(t.PreviousFireTime.hourGmt())) + ' ' + (t.NextFireTime == null ? 'none' : String.valueOf(t.NextFireTime.hourGmt())));";

describe('System.schedule outside tests', () => {
    it('waits for fireScheduledJob, which runs execute and moves the trigger on', async () => {
        const p = await project({ 'Nightly.cls': JOB });
        const [id] = await debug(p, "System.debug(System.schedule('n', '0 0 2 * * ?', new Nightly()));");
        assert.equal(p.runNextAsyncStep(), null, 'the scheduler step does not fire scheduled jobs');
        assert.deepEqual(await debug(p, TRIGGER), ['WAITING 0 never 10']);
        const step = p.fireScheduledJob!();
        assert.equal(step?.jobType, 'ScheduledApex');
        assert.equal(step?.ok, true);
        assert.deepEqual(await debug(p, 'System.debug([SELECT Name FROM Account].Name);'), [`n ${id}`]);
        assert.deepEqual(await debug(p, TRIGGER), ['WAITING 1 10 10']);
    });

    it('a failing execute rolls back and reports; a one-off schedule completes', async () => {
        const p = await project({ 'Nightly.cls': JOB });
        await debug(p, "Nightly n = new Nightly(); n.label = 'fail'; System.schedule('n', '0 0 2 1 1 ? 2098', n);");
        const step = p.fireScheduledJob!();
        assert.equal(step?.ok, false);
        assert.equal(step?.message, 'System.IllegalArgumentException: no');
        assert.deepEqual(await debug(p, TRIGGER), ['COMPLETE 1 10 none']);
        assert.equal(p.fireScheduledJob!(), null);
    });

    it('abortJob deletes the trigger; a rolled-back schedule never existed', async () => {
        const p = await project({ 'Nightly.cls': JOB });
        await debug(p, "System.abortJob(System.schedule('n', '0 0 2 * * ?', new Nightly()));");
        assert.deepEqual(await debug(p, TRIGGER), ['DELETED 0 never none']);
        assert.equal(p.fireScheduledJob!(), null);
        const r = await p.executeAnonymous(
            "System.schedule('m', '0 0 2 * * ?', new Nightly()); throw new IllegalArgumentException('x');",
            'r.apex'
        );
        assert.equal(r.success, false);
        assert.equal(p.fireScheduledJob!(), null);
    });

    it('refuses a bad expression with a StringException and a duplicate name with an AsyncException', async () => {
        const p = await project({ 'Nightly.cls': JOB });
        const bad = await p.executeAnonymous("System.schedule('n', '0 0 2 * *', new Nightly());", 'b.apex');
        assert.equal(bad.message, 'System.StringException: Unexpected end of expression.');
        const dup = await p.executeAnonymous(
            "System.schedule('n', '0 0 2 * * ?', new Nightly()); System.schedule('n', '0 0 3 * * ?', new Nightly());",
            'd.apex'
        );
        assert.equal(dup.message, 'System.AsyncException: The Apex job named "n" is already scheduled for execution.');
    });
});
