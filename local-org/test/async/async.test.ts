/**
 * Asynchronous Apex through the real runtime: batch steps outside tests (runNextAsyncStep / drainAsync), AsyncApexJob
 * rows, failing chunks, Stateful, chaining, abortJob, the flex queue, and stopTest in tests.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { load, project } from '../runtime/helpers';

const BATCH = `
public class RenameBatch implements Database.Batchable<SObject>, Database.Stateful {
    public Integer executes = 0;
    public Integer failOn = -1;
    public Database.QueryLocator start(Database.BatchableContext bc) {
        return Database.getQueryLocator('SELECT Id, Name FROM Account ORDER BY Name');
    }
    public void execute(Database.BatchableContext bc, List<Account> scope) {
        executes++;
        for (Account a : scope) a.Phone = 'done';
        update scope;
        if (executes == failOn) throw new IllegalArgumentException('chunk ' + executes);
    }
    public void finish(Database.BatchableContext bc) {
        insert new Account(Name = 'zz finish ' + executes + ' ' + bc.getJobId());
    }
}`;

const STATELESS = `
public class Stateless implements Database.Batchable<SObject> {
    public Integer seen = 0;
    public static Integer calls = 0;
    public List<Account> start(Database.BatchableContext bc) {
        seen = 10;
        return [SELECT Id FROM Account];
    }
    public void execute(Database.BatchableContext bc, List<Account> scope) {
        seen += scope.size();
        calls++;
        insert new Contact(LastName = 'seen ' + seen + ' calls ' + calls);
    }
    public void finish(Database.BatchableContext bc) {
        Database.executeBatch(new Chained());
    }
}`;

const CHAINED = `
public class Chained implements Database.Batchable<SObject> {
    public List<Account> start(Database.BatchableContext bc) { return new List<Account>(); }
    public void execute(Database.BatchableContext bc, List<Account> scope) {}
    public void finish(Database.BatchableContext bc) { insert new Account(Name = 'chained finish'); }
}`;

const QUEUEABLE = `
public class Q implements Queueable {
    public Integer depth;
    public Q(Integer depth) { this.depth = depth; }
    public void execute(QueueableContext qc) {
        insert new Account(Name = 'q ' + depth);
        if (depth < 2) System.enqueueJob(new Q(depth + 1));
    }
}`;

const accounts = (n: number): string =>
    `List<Account> l = new List<Account>(); for (Integer i = 0; i < ${n}; i++) l.add(new Account(Name = 'a' + String.valueOf(i).leftPad(3, '0'))); insert l;`;

async function debug(p: Awaited<ReturnType<typeof project>>, src: string): Promise<string[]> {
    const r = await p.executeAnonymous(src, 'check.apex');
    assert.ok(r.success, `${r.message}`);
    return r.debugLines.map((l) => l.replace(/^USER_DEBUG \[\d+\]\|\w+\|/, ''));
}

const JOB = `AsyncApexJob j = [SELECT Status, JobType, JobItemsProcessed, TotalJobItems, NumberOfErrors, ExtendedStatus FROM AsyncApexJob ORDER BY CreatedDate LIMIT 1];
System.debug(j.Status + ' ' + j.JobType + ' ' + j.JobItemsProcessed + '/' + j.TotalJobItems + ' errors ' + j.NumberOfErrors + ' ' + j.ExtendedStatus);`;

describe('batch Apex outside tests', () => {
    it('runs start, one execute per chunk and finish as separate observable steps', async () => {
        const p = await project({ 'RenameBatch.cls': BATCH });
        await debug(p, accounts(5) + ' Database.executeBatch(new RenameBatch(), 2);');
        assert.deepEqual(await debug(p, JOB), ['Queued BatchApex 0/0 errors 0 null']);
        const start = p.runNextAsyncStep();
        assert.equal(start?.phase, 'start');
        assert.deepEqual(await debug(p, JOB), ['Processing BatchApex 0/3 errors 0 null']);
        assert.equal(p.runNextAsyncStep()?.phase, 'execute');
        assert.deepEqual(await debug(p, JOB), ['Processing BatchApex 1/3 errors 0 null']);
        const rest = p.drainAsync();
        assert.deepEqual(
            rest.map((s) => s.phase),
            ['execute', 'execute', 'finish']
        );
        assert.deepEqual(await debug(p, JOB), ['Completed BatchApex 3/3 errors 0 null']);
        const [finish] = await debug(p, "System.debug([SELECT Name FROM Account WHERE Name LIKE 'zz%'].Name);");
        // Database.Stateful: the counter survives the three execute transactions; getJobId is the job's Id.
        assert.match(finish, /^zz finish 3 707\w{15}$/);
        assert.equal(p.runNextAsyncStep(), null);
    });

    it('a failing execute rolls back its chunk, counts an error and the job goes on to finish', async () => {
        const p = await project({ 'RenameBatch.cls': BATCH });
        await debug(p, accounts(4) + ' RenameBatch b = new RenameBatch(); b.failOn = 1; Database.executeBatch(b, 2);');
        const steps = p.drainAsync();
        assert.deepEqual(
            steps.map((s) => [s.phase, s.ok, s.message]),
            [
                ['start', true, null],
                ['execute', false, 'System.IllegalArgumentException: chunk 1'],
                ['execute', true, null],
                ['finish', true, null]
            ]
        );
        assert.deepEqual(await debug(p, JOB), [
            'Completed BatchApex 2/2 errors 1 First error: System.IllegalArgumentException: chunk 1'
        ]);
        assert.deepEqual(await debug(p, "System.debug([SELECT COUNT() FROM Account WHERE Phone = 'done']);"), ['2']);
    });

    it('without Stateful each execute gets the state start left, statics are fresh, and finish can chain', async () => {
        const p = await project({ 'Stateless.cls': STATELESS, 'Chained.cls': CHAINED });
        await debug(p, accounts(3) + ' Database.executeBatch(new Stateless(), 2);');
        const steps = p.drainAsync();
        assert.deepEqual(
            steps.map((s) => `${s.className}.${s.phase}`),
            [
                'Stateless.start',
                'Stateless.execute',
                'Stateless.execute',
                'Stateless.finish',
                'Chained.start',
                'Chained.finish'
            ]
        );
        assert.deepEqual(
            await debug(
                p,
                'for (Contact c : [SELECT LastName FROM Contact ORDER BY LastName]) System.debug(c.LastName);'
            ),
            ['seen 11 calls 1', 'seen 12 calls 1']
        );
        assert.deepEqual(await debug(p, "System.debug([SELECT COUNT() FROM Account WHERE Name = 'chained finish']);"), [
            '1'
        ]);
    });

    it('System.abortJob stops a job between steps', async () => {
        const p = await project({ 'RenameBatch.cls': BATCH });
        await debug(p, accounts(4) + ' Database.executeBatch(new RenameBatch(), 2);');
        p.runNextAsyncStep();
        p.runNextAsyncStep();
        await debug(p, 'System.abortJob([SELECT Id FROM AsyncApexJob LIMIT 1].Id);');
        assert.equal(p.runNextAsyncStep(), null);
        assert.deepEqual(await debug(p, JOB), ['Aborted BatchApex 1/2 errors 0 null']);
    });

    it('a sixth batch waits in the flex queue (Holding) until one of the five finishes', async () => {
        const p = await project({ 'RenameBatch.cls': BATCH });
        await debug(p, 'for (Integer i = 0; i < 6; i++) Database.executeBatch(new RenameBatch());');
        assert.deepEqual(
            await debug(p, 'for (AsyncApexJob j : [SELECT Status FROM AsyncApexJob]) System.debug(j.Status);'),
            ['Queued', 'Queued', 'Queued', 'Queued', 'Queued', 'Holding']
        );
        // The first job's start and finish (no rows yet) free a slot for the held one.
        p.runNextAsyncStep();
        p.runNextAsyncStep();
        assert.deepEqual(
            await debug(p, 'for (AsyncApexJob j : [SELECT Status FROM AsyncApexJob]) System.debug(j.Status);'),
            ['Completed', 'Queued', 'Queued', 'Queued', 'Queued', 'Queued']
        );
        // Jobs run one after another, oldest first: each finish inserts an Account the next batch's start reads.
        assert.equal(p.drainAsync().length, 3 * 5);
    });

    it('past 5 active and 100 holding batches executeBatch throws the flex-queue LimitException', async () => {
        const p = await project({ 'RenameBatch.cls': BATCH });
        await debug(p, 'for (Integer i = 0; i < 105; i++) Database.executeBatch(new RenameBatch());');
        const r = await p.executeAnonymous('Database.executeBatch(new RenameBatch());', 'full.apex');
        assert.equal(r.success, false);
        assert.match(
            r.message ?? '',
            /^System.LimitException: You've exceeded the limit of 100 jobs in the flex queue for org 00D\w{15}\./
        );
        assert.deepEqual(await debug(p, 'System.debug([SELECT COUNT() FROM AsyncApexJob]);'), ['105']);
    });

    it('a batch that aborts itself in execute stops there: no more executes, no finish', async () => {
        const p = await project({
            'SelfAbort.cls': `public class SelfAbort implements Database.Batchable<SObject> {
                public Database.QueryLocator start(Database.BatchableContext bc) {
                    return Database.getQueryLocator('SELECT Id FROM Account ORDER BY Name');
                }
                public void execute(Database.BatchableContext bc, List<Account> scope) {
                    insert new Contact(LastName = 'executed');
                    System.abortJob(bc.getJobId());
                }
                public void finish(Database.BatchableContext bc) { insert new Contact(LastName = 'finished'); }
            }`
        });
        await debug(p, accounts(4) + ' Database.executeBatch(new SelfAbort(), 2);');
        const steps = p.drainAsync();
        assert.deepEqual(
            steps.map((s) => s.phase),
            ['start', 'execute']
        );
        assert.deepEqual(await debug(p, JOB), ['Aborted BatchApex 0/2 errors 0 null']);
        assert.deepEqual(await debug(p, 'System.debug([SELECT LastName FROM Contact].LastName);'), ['executed']);
    });

    it('FlexQueue reorders Holding jobs; the front one is queued first', async () => {
        const p = await project({ 'RenameBatch.cls': BATCH });
        const ids = await debug(
            p,
            'for (Integer i = 0; i < 8; i++) System.debug(Database.executeBatch(new RenameBatch()));'
        );
        const [h1, h2, h3] = ids.slice(5);
        assert.deepEqual(
            await debug(
                p,
                `System.debug(FlexQueue.moveJobToFront('${h3}')); System.debug(FlexQueue.moveJobToFront('${h3}')); System.debug(FlexQueue.moveAfterJob('${h1}', '${h2}')); System.debug(FlexQueue.moveBeforeJob('${h1}', '${h2}')); System.debug(FlexQueue.moveJobToEnd('${h1}'));`
            ),
            ['true', 'false', 'true', 'true', 'true']
        );
        // Order now h3, h2, h1: the first finished batch frees a slot for h3.
        p.runNextAsyncStep();
        p.runNextAsyncStep();
        const status = async (id: string): Promise<string> =>
            (await debug(p, `System.debug([SELECT Status FROM AsyncApexJob WHERE Id = '${id}'].Status);`))[0];
        assert.deepEqual([await status(h3), await status(h2), await status(h1)], ['Queued', 'Holding', 'Holding']);
        const r = await p.executeAnonymous(`FlexQueue.moveJobToFront('${ids[0]}');`, 'q.apex');
        assert.equal(r.emulatorError, true);
    });

    it('a job enqueued by a transaction that rolls back never runs', async () => {
        const p = await project({ 'RenameBatch.cls': BATCH });
        const r = await p.executeAnonymous(
            'Database.executeBatch(new RenameBatch()); Integer i = null; i++;',
            'x.apex'
        );
        assert.equal(r.success, false);
        assert.equal(p.runNextAsyncStep(), null);
    });

    it('a RaisesPlatformEvents batch publishes a BatchApexErrorEvent for each failed step', async () => {
        const p = await project({
            'Ev.cls': `public class Ev implements Database.Batchable<SObject>, Database.RaisesPlatformEvents {
                public Database.QueryLocator start(Database.BatchableContext bc) {
                    return Database.getQueryLocator('SELECT Id FROM Account ORDER BY Name');
                }
                public void execute(Database.BatchableContext bc, List<Account> scope) {
                    throw new IllegalArgumentException('bad chunk');
                }
                public void finish(Database.BatchableContext bc) { Integer x = null; x++; }
            }`,
            'Seen.trigger': `trigger Seen on BatchApexErrorEvent(after insert) {
                for (BatchApexErrorEvent e : Trigger.new) System.debug(e.Phase + ' ' + e.ExceptionType + ' ' + e.Message + ' ' + (e.AsyncApexJobId.length()) + ' ' + e.JobScope + ' ' + e.DoesExceedJobScopeMaxLength);
            }`
        });
        const ids = await debug(
            p,
            "insert new List<Account>{ new Account(Name = 'a'), new Account(Name = 'b') }; Database.executeBatch(new Ev(), 1); System.debug([SELECT Id FROM Account ORDER BY Name]);"
        );
        const steps = p.drainAsync();
        const lines = steps.flatMap((s) => s.debugLines.map((l) => l.replace(/^USER_DEBUG \[\d+\]\|\w+\|/, '')));
        const [a, b] = [...ids[0].matchAll(/001\w{15}/g)].map((m) => m[0]);
        assert.deepEqual(lines, [
            `EXECUTE System.IllegalArgumentException bad chunk 18 ${a} false`,
            `EXECUTE System.IllegalArgumentException bad chunk 18 ${b} false`,
            'FINISH System.NullPointerException Attempt to de-reference a null object 18 null false'
        ]);
        assert.deepEqual(
            steps.map((s) => `${s.jobType} ${s.phase} ${s.ok}`),
            [
                'BatchApex start true',
                'BatchApex execute false',
                'PlatformEvent execute true',
                'BatchApex execute false',
                'PlatformEvent execute true',
                'BatchApex finish false',
                'PlatformEvent execute true'
            ]
        );
    });
});

describe('BatchApexErrorEvent', () => {
    it('carries the toString() of custom iterable items as JobScope', async () => {
        const p = await project({
            'Str.cls': `public class Str implements Database.Batchable<String>, Database.RaisesPlatformEvents {
                public Iterable<String> start(Database.BatchableContext bc) { return new List<String>{ 'a', 'b' }; }
                public void execute(Database.BatchableContext bc, List<String> scope) { throw new IllegalArgumentException('x'); }
                public void finish(Database.BatchableContext bc) {}
            }`,
            'Seen.trigger': `trigger Seen on BatchApexErrorEvent(after insert) {
                for (BatchApexErrorEvent e : Trigger.new) System.debug(e.JobScope);
            }`
        });
        await debug(p, 'Database.executeBatch(new Str());');
        const lines = p
            .drainAsync()
            .flatMap((s) => s.debugLines.map((l) => l.replace(/^USER_DEBUG \[\d+\]\|\w+\|/, '')));
        assert.deepEqual(lines, ['a,b']);
    });

    it('is published for a LimitException too, with the limit text', async () => {
        const p = await project({
            'Lim.cls': `public class Lim implements Database.Batchable<SObject>, Database.RaisesPlatformEvents {
                public List<Account> start(Database.BatchableContext bc) { return [SELECT Id FROM Account]; }
                public void execute(Database.BatchableContext bc, List<Account> scope) {
                    for (Integer i = 0; i < 151; i++) insert new Contact(LastName = 'c' + i);
                }
                public void finish(Database.BatchableContext bc) {}
            }`,
            'Seen.trigger': `trigger Seen on BatchApexErrorEvent(after insert) {
                for (BatchApexErrorEvent e : Trigger.new) System.debug(e.Phase + ' ' + e.ExceptionType + ' ' + e.Message);
            }`
        });
        await debug(p, "insert new Account(Name = 'x'); Database.executeBatch(new Lim());");
        const lines = p
            .drainAsync()
            .flatMap((s) => s.debugLines.map((l) => l.replace(/^USER_DEBUG \[\d+\]\|\w+\|/, '')));
        assert.deepEqual(lines, ['EXECUTE System.LimitException Too many DML statements: 151']);
        assert.deepEqual(await debug(p, 'System.debug([SELECT COUNT() FROM Contact]);'), ['0']);
    });
});

describe('batch starts that return an Iterable', () => {
    it('a project Iterable class is walked through iterator(), hasNext() and next()', async () => {
        const p = await project({
            'Rows.cls': `public class Rows implements Iterable<Account>, Iterator<Account> {
                Integer i = 0;
                public Iterator<Account> iterator() { return this; }
                public Boolean hasNext() { return i < 3; }
                public Account next() { i++; return new Account(Name = 'it ' + i); }
            }`,
            'B.cls': `public class B implements Database.Batchable<SObject> {
                public Iterable<SObject> start(Database.BatchableContext bc) { return (Iterable<SObject>) new Rows(); }
                public void execute(Database.BatchableContext bc, List<Account> scope) { insert scope; }
                public void finish(Database.BatchableContext bc) {}
            }`
        });
        await debug(p, 'Database.executeBatch(new B(), 2);');
        assert.deepEqual(
            p.drainAsync().map((s) => s.phase),
            ['start', 'execute', 'execute', 'finish']
        );
        assert.deepEqual(await debug(p, "System.debug([SELECT COUNT() FROM Account WHERE Name LIKE 'it %']);"), ['3']);
    });

    it('a Batchable<String> gets its Strings in execute', async () => {
        const p = await project({
            'S.cls': `public class S implements Database.Batchable<String> {
                public Iterable<String> start(Database.BatchableContext bc) { return new Set<String>{ 'x', 'y', 'z' }; }
                public void execute(Database.BatchableContext bc, List<String> scope) {
                    System.debug(String.join(scope, ','));
                }
                public void finish(Database.BatchableContext bc) {}
            }`
        });
        await debug(p, 'Database.executeBatch(new S(), 2);');
        assert.deepEqual(
            p.drainAsync().flatMap((s) => s.debugLines.map((l) => l.replace(/^USER_DEBUG \[\d+\]\|\w+\|/, ''))),
            ['x,y', 'z']
        );
    });

    it('a List is an Iterable, also in a for-each loop', async () => {
        const p = await project({});
        assert.deepEqual(
            await debug(p, "Iterable<String> it = new List<String>{ 'a', 'b' }; for (String s : it) System.debug(s);"),
            ['a', 'b']
        );
    });
});

describe('queueable Apex outside tests', () => {
    it('the job is a copy of the object as it was at enqueueJob', async () => {
        const p = await project({ 'Q.cls': QUEUEABLE });
        await debug(p, 'Q q = new Q(1); System.enqueueJob(q); q.depth = 7;');
        p.drainAsync();
        assert.deepEqual(
            await debug(p, 'for (Account a : [SELECT Name FROM Account ORDER BY Name]) System.debug(a.Name);'),
            ['q 1', 'q 2']
        );
    });

    it('chains one job per execute and records Queueable jobs', async () => {
        const p = await project({ 'Q.cls': QUEUEABLE });
        await debug(p, 'System.enqueueJob(new Q(0));');
        const steps = p.drainAsync();
        assert.deepEqual(
            steps.map((s) => [s.jobType, s.phase, s.ok]),
            [
                ['Queueable', 'execute', true],
                ['Queueable', 'execute', true],
                ['Queueable', 'execute', true]
            ]
        );
        assert.deepEqual(
            await debug(
                p,
                "for (AsyncApexJob j : [SELECT Status, JobType FROM AsyncApexJob]) System.debug(j.JobType + ' ' + j.Status);"
            ),
            ['Queueable Completed', 'Queueable Completed', 'Queueable Completed']
        );
    });

    it('a queueable may enqueue only one job', async () => {
        const p = await project({
            'Two.cls': `public class Two implements Queueable {
                public void execute(QueueableContext qc) { System.enqueueJob(new Two()); System.enqueueJob(new Two()); }
            }`
        });
        await debug(p, 'System.enqueueJob(new Two());');
        const first = p.runNextAsyncStep()!;
        assert.equal(first.ok, false);
        assert.equal(first.message, 'System.LimitException: Too many queueable jobs added to the queue: 2');
        // The failed transaction rolled back, so the job it enqueued never existed.
        assert.equal(p.runNextAsyncStep(), null);
    });

    it('a batch execute may enqueue only one job too', async () => {
        const p = await project({
            'Q.cls': QUEUEABLE,
            'B.cls': `public class B implements Database.Batchable<SObject> {
                public List<Account> start(Database.BatchableContext bc) { return new List<Account>{ new Account(Name = 'r') }; }
                public void execute(Database.BatchableContext bc, List<Account> scope) { System.enqueueJob(new Q(5)); System.enqueueJob(new Q(5)); }
                public void finish(Database.BatchableContext bc) {}
            }`
        });
        await debug(p, 'Database.executeBatch(new B());');
        const steps = p.drainAsync();
        assert.deepEqual(
            steps.map((s) => [s.phase, s.message]),
            [
                ['start', null],
                ['execute', 'System.LimitException: Too many queueable jobs added to the queue: 2'],
                ['finish', null]
            ]
        );
    });

    it('limits a synchronous transaction to 50 enqueued jobs', async () => {
        const p = await project({ 'Q.cls': QUEUEABLE });
        const r = await p.executeAnonymous('for (Integer i = 0; i < 51; i++) System.enqueueJob(new Q(5));', 'x.apex');
        assert.equal(r.success, false);
        assert.equal(r.message, 'System.LimitException: Too many queueable jobs added to the queue: 51');
    });

    it('async transactions may run 200 SOQL queries', async () => {
        const p = await project({
            'Many.cls': `public class Many implements Queueable {
                public void execute(QueueableContext qc) {
                    System.debug(Limits.getLimitQueries() + ' ' + Limits.getLimitQueueableJobs());
                    for (Integer i = 0; i < 200; i++) Integer n = [SELECT COUNT() FROM Account];
                    Integer n = [SELECT COUNT() FROM Account];
                }
            }`
        });
        await debug(p, 'System.enqueueJob(new Many());');
        const [s] = p.drainAsync();
        assert.equal(s.message, 'System.LimitException: Too many SOQL queries: 201');
        assert.deepEqual(s.debugLines, ['USER_DEBUG [3]|DEBUG|200 1']);
        assert.deepEqual(
            await debug(p, "System.debug(Limits.getLimitQueries() + ' ' + Limits.getLimitQueueableJobs());"),
            ['100 50']
        );
    });
});

describe('async Apex in tests', () => {
    it('an exception in a batch execute fails the test at stopTest and finish never runs', async () => {
        const p = await project({
            'RenameBatch.cls': BATCH,
            'T.cls': `@IsTest private class T {
                @IsTest static void fails() {
                    insert new Account(Name = 'a');
                    RenameBatch b = new RenameBatch();
                    b.failOn = 1;
                    Test.startTest();
                    Database.executeBatch(b);
                    Test.stopTest();
                }
            }`
        });
        const [r] = await p.runTestClass('T', ['fails']);
        assert.equal(r.outcome, 'Fail');
        assert.equal(r.message, 'System.IllegalArgumentException: chunk 1');
    });

    it('work enqueued without startTest/stopTest never runs in the test', async () => {
        const p = await project({
            'Q.cls': QUEUEABLE,
            'T.cls': `@IsTest private class T {
                @IsTest static void queued() {
                    Id id = System.enqueueJob(new Q(5));
                    Assert.areEqual('Queued', [SELECT Status FROM AsyncApexJob WHERE Id = :id].Status);
                    Assert.areEqual(0, [SELECT COUNT() FROM Account]);
                }
            }`
        });
        const [r] = await p.runTestClass('T', ['queued']);
        assert.equal(r.outcome, 'Pass', r.message ?? '');
        assert.equal(p.runNextAsyncStep(), null);
    });

    it('a batch started from a running batch fails the test (one executeBatch per test)', async () => {
        const p = await project({
            'Stateless.cls': STATELESS,
            'Chained.cls': CHAINED,
            'T.cls': `@IsTest private class T {
                @IsTest static void chains() {
                    Test.startTest();
                    Database.executeBatch(new Stateless());
                    Test.stopTest();
                }
            }`
        });
        const [r] = await p.runTestClass('T', ['chains']);
        assert.equal(r.outcome, 'Fail');
        assert.match(r.message ?? '', /^System\.UnexpectedException: No more than one executeBatch/);
    });
});

describe('@future methods', () => {
    const F = `public class F {
        @future public static void add(String name) { insert new Account(Name = name); }
    }`;

    it('a call is queued as a Future job and runs later in its own transaction', async () => {
        const p = await project({ 'F.cls': F });
        assert.deepEqual(await debug(p, "F.add('x'); System.debug([SELECT COUNT() FROM Account]);"), ['0']);
        const steps = p.drainAsync();
        assert.deepEqual(
            steps.map((s) => [s.jobType, s.className, s.ok]),
            [['Future', 'F', true]]
        );
        assert.deepEqual(
            await debug(
                p,
                "AsyncApexJob j = [SELECT JobType, MethodName, Status FROM AsyncApexJob]; System.debug(j.JobType + ' ' + j.MethodName + ' ' + j.Status); System.debug([SELECT COUNT() FROM Account]);"
            ),
            ['Future add Completed', '1']
        );
    });

    it('allows 50 future calls in a transaction', async () => {
        const p = await project({ 'F.cls': F });
        const r = await p.executeAnonymous("for (Integer i = 0; i < 51; i++) F.add('x');", 'x.apex');
        assert.equal(r.message, 'System.LimitException: Too many future calls: 51');
    });

    it('cannot be called from a batch', async () => {
        const p = await project({
            'F.cls': F,
            'B.cls': `public class B implements Database.Batchable<SObject> {
                public List<Account> start(Database.BatchableContext bc) { F.add('in start'); return new List<Account>(); }
                public void execute(Database.BatchableContext bc, List<Account> scope) {}
                public void finish(Database.BatchableContext bc) {}
            }`
        });
        await debug(p, 'Database.executeBatch(new B());');
        const [start] = p.drainAsync();
        assert.equal(
            start.message,
            'System.AsyncException: Future method cannot be called from a future or batch method: F.add(String)'
        );
    });

    it('must be static and void with primitive parameters (load diagnostics)', async () => {
        const r = await load({
            'G.cls': `public class G {
                @future public void notStatic() {}
                @future public static Integer returns() { return 1; }
                @future public static void takesRows(List<Account> rows) {}
                @future public static void takesIds(Set<Id> ids, Map<String, Integer> m) {}
            }`
        });
        assert.deepEqual(
            r.diagnostics.map((d) => [d.line, d.message]),
            [
                [2, 'Future methods must be static'],
                [3, 'Future methods must return void'],
                [
                    4,
                    'Unsupported parameter type List<Account>: future methods take primitive types or collections of them'
                ]
            ]
        );
    });
});
