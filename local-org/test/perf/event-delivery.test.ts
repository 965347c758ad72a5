/**
 * A platform-event delivery rolls back through the store's undo journal (not a snapshot, which made the next write
 * to every table copy it, O(org) per delivery): a failing trigger still leaves no trace of what it wrote, earlier
 * and later deliveries keep theirs, and the Automated Process user is found by the Username index.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoadedProject } from '../../src/api';
import { loadProject } from '../../src/runtime/index';

const FILES: Record<string, string> = {
    'objects/Note__e/Note__e.object-meta.xml': `<?xml version="1.0" encoding="UTF-8"?>
<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata"><deploymentStatus>Deployed</deploymentStatus>
<eventType>HighVolume</eventType><label>N</label><pluralLabel>N</pluralLabel>
<publishBehavior>PublishImmediately</publishBehavior></CustomObject>`,
    'objects/Note__e/fields/Msg__c.field-meta.xml': `<?xml version="1.0" encoding="UTF-8"?>
<CustomField xmlns="http://soap.sforce.com/2006/04/metadata"><fullName>Msg__c</fullName><label>Msg</label>
<length>255</length><required>false</required><type>Text</type></CustomField>`,
    // Writes first (an insert and an update), then throws when told to: the rollback must undo both.
    'classes/NoteSub.cls': `
public class NoteSub {
    public static void handle(List<SObject> events) {
        List<Account> out = new List<Account>();
        for (SObject e : events) {
            out.add(new Account(Name = (String) e.get('Msg__c')));
        }
        insert out;
        List<Account> seen = [SELECT Id, Description FROM Account WHERE Name = 'kept'];
        for (Account a : seen) {
            a.Description = 'touched by ' + events[0].get('Msg__c');
        }
        update seen;
        for (SObject e : events) {
            if (e.get('Msg__c') == 'throw') throw new IllegalArgumentException('refused');
        }
    }
}`,
    'triggers/NoteTrigger.trigger': 'trigger NoteTrigger on Note__e(after insert) { NoteSub.handle(Trigger.new); }'
};

async function org(): Promise<LoadedProject> {
    const dir = mkdtempSync(join(tmpdir(), 'local-org-delivery-'));
    for (const [path, text] of Object.entries(FILES)) {
        mkdirSync(join(dir, path, '..'), { recursive: true });
        writeFileSync(join(dir, path), text);
    }
    const r = await loadProject([dir]);
    if (!r.project) throw new Error(r.diagnostics.map((d) => d.message).join('; '));
    return r.project;
}

async function lines(p: LoadedProject, src: string): Promise<string[]> {
    const r = await p.executeAnonymous(src, 'check.apex');
    assert.ok(r.success, `${r.message}`);
    return r.debugLines.map((l) => l.replace(/^USER_DEBUG \[\d+\]\|\w+\|/, ''));
}

const STATE = `for (Account a : [SELECT Name, Description FROM Account ORDER BY Name]) System.debug(a.Name + '=' + a.Description);
System.debug('AP ' + [SELECT COUNT() FROM User WHERE UserType = 'AutomatedProcess']);`;

describe('event delivery rollback', () => {
    it('a failing trigger undoes its inserts and updates; the deliveries around it keep theirs', async () => {
        const p = await org();
        await lines(p, "insert new Account(Name = 'kept');");
        await lines(p, "EventBus.publish(new Note__e(Msg__c = 'first'));");
        assert.equal(p.runNextAsyncStep()?.ok, true);
        await lines(p, "EventBus.publish(new Note__e(Msg__c = 'throw'));");
        const failed = p.runNextAsyncStep();
        assert.equal(failed?.ok, false);
        assert.equal(failed?.message, 'System.IllegalArgumentException: refused');
        await lines(p, "EventBus.publish(new Note__e(Msg__c = 'last'));");
        assert.equal(p.runNextAsyncStep()?.ok, true);
        assert.equal(p.runNextAsyncStep(), null);
        assert.deepEqual(await lines(p, STATE), ['first=null', 'kept=touched by last', 'last=null', 'AP 1']);
    });

    it('a failing first delivery also takes back the Automated Process user it created', async () => {
        const p = await org();
        await lines(p, "EventBus.publish(new Note__e(Msg__c = 'throw'));");
        assert.equal(p.runNextAsyncStep()?.ok, false);
        assert.deepEqual(await lines(p, STATE), ['AP 0']);
        // The next delivery creates it again and finds it afterwards (one row, not one per delivery).
        await lines(p, "EventBus.publish(new Note__e(Msg__c = 'a'));");
        await lines(p, "EventBus.publish(new Note__e(Msg__c = 'b'));");
        p.drainAsync();
        assert.deepEqual(await lines(p, STATE), ['a=null', 'b=null', 'AP 1']);
    });
});
