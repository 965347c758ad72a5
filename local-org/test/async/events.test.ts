/**
 * Platform events through the real runtime: publish results and limits, delivery by the async scheduler outside
 * tests and by Test.stopTest / Test.getEventBus().deliver() in tests, the Automated Process running user, trigger
 * batches of 2,000, Publish After Commit vs Publish Immediately under rollback, and load-time checks.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoadResult, LoadedProject } from '../../src/api';
import { loadProject } from '../../src/runtime/index';

function eventObject(name: string, behavior: string | null): Record<string, string> {
    const b = behavior === null ? '' : `<publishBehavior>${behavior}</publishBehavior>`;
    return {
        [`objects/${name}/${name}.object-meta.xml`]: `<?xml version="1.0" encoding="UTF-8"?>
<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata"><deploymentStatus>Deployed</deploymentStatus>
<eventType>HighVolume</eventType><label>E</label><pluralLabel>E</pluralLabel>${b}</CustomObject>`,
        [`objects/${name}/fields/Msg__c.field-meta.xml`]: `<?xml version="1.0" encoding="UTF-8"?>
<CustomField xmlns="http://soap.sforce.com/2006/04/metadata"><fullName>Msg__c</fullName><label>Msg</label>
<length>255</length><required>false</required><type>Text</type></CustomField>`
    };
}

const SUBSCRIBER = `
public class Sub {
    public static void handle(List<SObject> events) {
        List<Account> out = new List<Account>();
        for (SObject e : events) {
            String msg = (String) e.get('Msg__c');
            if (msg == 'throw') throw new IllegalArgumentException('refused');
            out.add(new Account(Name = 'got ' + msg, Description = UserInfo.getUserId() + ' ' + events.size()));
        }
        insert out;
    }
}`;

const trigger = (name: string, obj: string, events = 'after insert'): string =>
    `trigger ${name} on ${obj}(${events}) { Sub.handle(Trigger.new); }`;

async function loadWith(files: Record<string, string>): Promise<LoadResult> {
    const dir = mkdtempSync(join(tmpdir(), 'local-org-events-'));
    for (const [path, text] of Object.entries(files)) {
        mkdirSync(join(dir, path, '..'), { recursive: true });
        writeFileSync(join(dir, path), text);
    }
    return loadProject([dir]);
}

async function org(extra: Record<string, string> = {}): Promise<LoadedProject> {
    const r = await loadWith({
        ...eventObject('Now__e', 'PublishImmediately'),
        ...eventObject('Later__e', 'PublishAfterCommit'),
        'classes/Sub.cls': SUBSCRIBER,
        'triggers/NowTrigger.trigger': trigger('NowTrigger', 'Now__e'),
        'triggers/LaterTrigger.trigger': trigger('LaterTrigger', 'Later__e'),
        ...extra
    });
    if (!r.project) throw new Error(r.diagnostics.map((d) => d.message).join('; '));
    return r.project;
}

async function debug(p: LoadedProject, src: string): Promise<string[]> {
    const r = await p.executeAnonymous(src, 'check.apex');
    assert.ok(r.success, `${r.message}`);
    return r.debugLines.map((l) => l.replace(/^USER_DEBUG \[\d+\]\|\w+\|/, ''));
}

const NAMES = 'for (Account a : [SELECT Name FROM Account ORDER BY Name]) System.debug(a.Name);';

describe('platform events outside tests', () => {
    it('are delivered by the async scheduler after the publishing transaction, one step per batch', async () => {
        const p = await org();
        assert.deepEqual(
            await debug(p, "System.debug(EventBus.publish(new Now__e(Msg__c = 'a')).isSuccess()); " + NAMES),
            ['true']
        );
        const step = p.runNextAsyncStep();
        assert.equal(step?.jobType, 'PlatformEvent');
        assert.equal(step?.className, 'Now__e');
        assert.equal(step?.ok, true);
        assert.deepEqual(await debug(p, NAMES), ['got a']);
        assert.equal(p.runNextAsyncStep(), null);
    });

    it('run the trigger as the Automated Process user, who owns the records it creates', async () => {
        const p = await org();
        await debug(p, "EventBus.publish(new Now__e(Msg__c = 'u'));");
        p.drainAsync();
        const [line] = await debug(
            p,
            "Account a = [SELECT Description, OwnerId FROM Account]; User u = [SELECT Name, UserType FROM User WHERE Id = :a.OwnerId]; System.debug(a.Description.startsWith(a.OwnerId) + ' ' + u.Name + ' ' + u.UserType + ' ' + (a.OwnerId != UserInfo.getUserId()));"
        );
        assert.equal(line, 'true Automated Process AutomatedProcess true');
    });

    it('Publish After Commit events die with a failed transaction; Publish Immediately ones do not', async () => {
        const p = await org();
        const r = await p.executeAnonymous(
            "EventBus.publish(new Later__e(Msg__c = 'later')); EventBus.publish(new Now__e(Msg__c = 'now')); throw new IllegalArgumentException('x');",
            'a.apex'
        );
        assert.equal(r.success, false);
        p.drainAsync();
        assert.deepEqual(await debug(p, NAMES), ['got now']);
    });

    it('Database.rollback discards Publish After Commit events published after the savepoint only', async () => {
        const p = await org();
        await debug(
            p,
            "EventBus.publish(new Later__e(Msg__c = 'kept')); Savepoint sp = Database.setSavepoint(); EventBus.publish(new Later__e(Msg__c = 'undone')); EventBus.publish(new Now__e(Msg__c = 'now')); Database.rollback(sp);"
        );
        p.drainAsync();
        assert.deepEqual(await debug(p, NAMES), ['got kept', 'got now']);
    });

    it('delivers at most 2,000 events per trigger invocation', async () => {
        const p = await org();
        await debug(
            p,
            "List<Now__e> l = new List<Now__e>(); for (Integer i = 0; i < 2001; i++) l.add(new Now__e(Msg__c = 'm')); EventBus.publish(l);"
        );
        const steps = p.drainAsync();
        assert.equal(steps.length, 2);
        assert.deepEqual(
            await debug(
                p,
                "for (AggregateResult r : [SELECT Description d, COUNT(Id) n FROM Account GROUP BY Description]) System.debug(String.valueOf(r.get('d')).substringAfter(' ') + ':' + r.get('n'));"
            ).then((l) => l.sort()),
            ['1:1', '2000:2000']
        );
    });

    it('a failing trigger rolls its own transaction back and reports the step', async () => {
        const p = await org();
        await debug(
            p,
            "EventBus.publish(new List<Now__e>{ new Now__e(Msg__c = 'ok'), new Now__e(Msg__c = 'throw') });"
        );
        const [step] = p.drainAsync();
        assert.equal(step.ok, false);
        assert.equal(step.message, 'System.IllegalArgumentException: refused');
        assert.deepEqual(await debug(p, NAMES), []);
    });

    it('counts each publish as a DML statement and Publish Immediately calls apart', async () => {
        const p = await org();
        assert.deepEqual(
            await debug(
                p,
                "EventBus.publish(new List<Now__e>{ new Now__e(), new Now__e() }); EventBus.publish(new Later__e()); System.debug(Limits.getDmlStatements() + ' ' + Limits.getPublishImmediateDML() + ' ' + Limits.getLimitPublishImmediateDML());"
            ),
            ['2 1 150']
        );
        const r = await p.executeAnonymous(
            'for (Integer i = 0; i < 151; i++) EventBus.publish(new Now__e());',
            'l.apex'
        );
        assert.equal(r.success, false);
        assert.match(r.message ?? '', /^System.LimitException: Too many DML statements: 151/);
    });

    it('publishing does not take part in mixed DML', async () => {
        const p = await org();
        const r = await p.executeAnonymous(
            "insert new PermissionSet(Name = 'PS1', Label = 'PS1'); EventBus.publish(new Now__e(Msg__c = 'x'));",
            'm.apex'
        );
        assert.ok(r.success, `${r.message}`);
    });

    it('refuses to publish an SObject that is not a platform event, loudly', async () => {
        const p = await org();
        const r = await p.executeAnonymous("EventBus.publish(new Account(Name = 'x'));", 'bad.apex');
        assert.equal(r.emulatorError, true);
    });
});

describe('EventBus.TriggerContext.setResumeCheckpoint', () => {
    const RESUME = `public class Sub {
    public static void handle(List<SObject> events) {
        Integer n = 0;
        for (SObject e : events) {
            String msg = (String) e.get('Msg__c');
            if (msg == 'throw') throw new IllegalArgumentException('refused');
            n++;
            if (n > 2) break;
            insert new Account(Name = 'got ' + msg, Description = String.valueOf(events.size()));
            EventBus.TriggerContext.currentContext().setResumeCheckpoint((String) e.get('ReplayId'));
        }
    }
}`;

    it('sends the events after the checkpoint again, after a normal end or an uncaught exception', async () => {
        const p = await org({ 'classes/Sub.cls': RESUME });
        await debug(
            p,
            "List<Now__e> l = new List<Now__e>(); for (String m : new List<String>{ 'a', 'b', 'c', 'throw', 'd' }) l.add(new Now__e(Msg__c = m)); EventBus.publish(l);"
        );
        const steps = p.drainAsync();
        // 1: a, b checkpointed, c stops the loop: c, throw, d come back. 2: c checkpointed, then the exception rolls
        // c's insert back: throw, d come back. 3: the exception before any checkpoint: the batch is lost.
        assert.deepEqual(
            steps.map((s) => s.ok),
            [true, false, false]
        );
        assert.deepEqual(await debug(p, NAMES), ['got a', 'got b']);
    });
});

describe('platform events in Apex tests', () => {
    const TEST = `@IsTest
private class EvTest {
    static Integer got(String m) { return [SELECT COUNT() FROM Account WHERE Name = :('got ' + m)]; }
    @IsTest static void beforeStart() {
        EventBus.publish(new Now__e(Msg__c = 'early'));
        Test.startTest();
        Test.stopTest();
        Assert.areEqual(0, got('early'), 'stopTest delivers events published after startTest');
        Test.getEventBus().deliver();
        Assert.areEqual(1, got('early'), 'deliver() delivers all');
    }
    @IsTest static void throwingTrigger() {
        Test.startTest();
        EventBus.publish(new Now__e(Msg__c = 'throw'));
        Test.stopTest();
    }
    @IsTest static void nested() {
        Test.startTest();
        EventBus.publish(new Now__e(Msg__c = 'x'));
        Test.getEventBus().deliver();
        Assert.areEqual(1, got('x'));
        Test.stopTest();
    }
}`;

    it('stopTest delivers what was published after startTest; a trigger exception fails the test', async () => {
        const p = await org({ 'classes/EvTest.cls': TEST });
        const results = await p.runTestClass('EvTest', ['beforeStart', 'throwingTrigger', 'nested']);
        assert.deepEqual(
            results.map((r) => [r.methodName, r.outcome, r.message]),
            [
                ['beforeStart', 'Pass', null],
                ['throwingTrigger', 'Fail', 'System.IllegalArgumentException: refused'],
                ['nested', 'Pass', null]
            ]
        );
    });
});

// Key prefixes are process-wide (stdlib/primitives/id.ts): e01 must keep naming the same object as above.
describe('platform event metadata', () => {
    it('a trigger on an event other than after insert is a load diagnostic', async () => {
        const r = await loadWith({
            ...eventObject('Later__e', 'PublishImmediately'),
            'classes/Sub.cls': SUBSCRIBER,
            'triggers/Bad.trigger': trigger('Bad', 'Later__e', 'before insert')
        });
        assert.equal(r.project, undefined);
        assert.match(r.diagnostics[0].message, /Invalid trigger event: before insert/);
    });

    it('publish behaviour defaults to Publish Immediately; an unknown one is a load diagnostic', async () => {
        const ok = await loadWith({ ...eventObject('Later__e', null), 'classes/Sub.cls': SUBSCRIBER });
        assert.ok(ok.project);
        const bad = await loadWith({ ...eventObject('Later__e', 'Sometimes'), 'classes/Sub.cls': SUBSCRIBER });
        assert.equal(bad.project, undefined);
        assert.match(bad.diagnostics[0].message, /publishBehavior Sometimes/);
    });
});
