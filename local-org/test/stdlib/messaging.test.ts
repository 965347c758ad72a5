/**
 * Outbound email through the real runtime: the outbox fills at commit only, never from a test, never from a
 * transaction that rolled back; the 11th sendEmail call is an uncatchable LimitException; what is not modelled fails
 * loudly (a Contact target, a rollback over a queued email, an unregistered Messaging member).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoadResult, LoadedProject } from '../../src/api';
import { loadProject } from '../../src/runtime/index';

const MAILER = `
public class Mailer {
    public static Messaging.SingleEmailMessage note(String subject) {
        Messaging.SingleEmailMessage m = new Messaging.SingleEmailMessage();
        m.setTargetObjectId(UserInfo.getUserId());
        m.setSaveAsActivity(false);
        m.setSubject(subject);
        m.setPlainTextBody('Body of ' + subject);
        m.setSenderDisplayName('Migrator');
        return m;
    }
    public static void send(String subject) {
        Messaging.sendEmail(new List<Messaging.Email>{ note(subject) });
    }
}`;

const TEST = `
@IsTest
private class MailerTest {
    @IsTest
    static void sends() {
        Mailer.send('from a test');
        Assert.areEqual(1, Limits.getEmailInvocations());
    }
}`;

async function loadWith(files: Record<string, string>): Promise<LoadResult> {
    const dir = mkdtempSync(join(tmpdir(), 'local-org-mail-'));
    for (const [path, text] of Object.entries(files)) {
        mkdirSync(join(dir, path, '..'), { recursive: true });
        writeFileSync(join(dir, path), text);
    }
    return loadProject([dir]);
}

async function org(): Promise<LoadedProject> {
    const r = await loadWith({ 'classes/Mailer.cls': MAILER, 'classes/MailerTest.cls': TEST });
    if (!r.project) throw new Error(r.diagnostics.map((d) => d.message).join('; '));
    return r.project;
}

describe('Messaging.sendEmail and the outbox', () => {
    it('hands a committed email to the outbox with the target user address', async () => {
        const p = await org();
        const r = await p.executeAnonymous("Mailer.send('done');", 'a.apex');
        assert.ok(r.success, `${r.message}`);
        const box = p.outbox!();
        assert.equal(box.length, 1);
        assert.equal(box[0].subject, 'done');
        assert.equal(box[0].plainTextBody, 'Body of done');
        assert.equal(box[0].senderDisplayName, 'Migrator');
        assert.deepEqual(box[0].recipients, ['admin@local-org.invalid']);
        assert.equal(box[0].targetObjectId, box[0].senderId);
    });

    it('drops the email of a transaction that rolled back', async () => {
        const p = await org();
        const r = await p.executeAnonymous("Mailer.send('lost'); throw new IllegalArgumentException('x');", 'a.apex');
        assert.equal(r.success, false);
        assert.deepEqual(p.outbox!(), []);
    });

    it('sends nothing from an Apex test, where the call still succeeds and counts', async () => {
        const p = await org();
        const [res] = await p.runTestClass('MailerTest', ['sends']);
        assert.equal(res.outcome, 'Pass', res.message ?? '');
        assert.deepEqual(p.outbox!(), []);
    });

    it('stops the 11th sendEmail call of a transaction with an uncatchable LimitException', async () => {
        const p = await org();
        const r = await p.executeAnonymous(
            "try { for (Integer i = 0; i < 11; i++) Mailer.send('n' + i); } catch (Exception e) { System.debug('caught'); }",
            'a.apex'
        );
        assert.equal(r.success, false);
        assert.match(r.message ?? '', /System\.LimitException: Too many Email Invocations: 11/);
        assert.deepEqual(r.debugLines, []);
        assert.deepEqual(p.outbox!(), [], 'the transaction failed, so the ten queued emails never left');
    });

    it('fails loudly on what it does not model', async () => {
        const p = await org();
        const contact = await p.executeAnonymous(
            "Contact c = new Contact(LastName = 'C'); insert c; Messaging.SingleEmailMessage m = Mailer.note('c'); m.setTargetObjectId(c.Id); Messaging.sendEmail(new List<Messaging.Email>{ m });",
            'a.apex'
        );
        assert.equal(contact.emulatorError, true);
        assert.match(contact.message ?? '', /Contact or Lead target is not emulated/);
        const rollback = await p.executeAnonymous(
            "Savepoint sp = Database.setSavepoint(); Mailer.send('x'); Database.rollback(sp);",
            'a.apex'
        );
        assert.equal(rollback.emulatorError, true);
        assert.match(rollback.message ?? '', /rollback to a savepoint set before a Messaging.sendEmail/);
        const template = await p.executeAnonymous(
            'Messaging.SingleEmailMessage m = new Messaging.SingleEmailMessage(); m.setTemplateId(null);',
            'a.apex'
        );
        assert.equal(template.emulatorError, true);
        assert.match(template.message ?? '', /setTemplateId is not supported by the local org/);
        const addressOnly = await p.executeAnonymous(
            "Messaging.SingleEmailMessage m = new Messaging.SingleEmailMessage(); m.setToAddresses(new List<String>{ 'a@example.com' }); m.setPlainTextBody('b'); Messaging.sendEmail(new List<Messaging.Email>{ m });",
            'a.apex'
        );
        assert.equal(addressOnly.emulatorError, true);
        assert.match(addressOnly.message ?? '', /address-only email with saveAsActivity true is not emulated/);
        assert.deepEqual(p.outbox!(), []);
    });

    it('sends an address-only email once saveAsActivity is false', async () => {
        const p = await org();
        const r = await p.executeAnonymous(
            "Messaging.SingleEmailMessage m = new Messaging.SingleEmailMessage(); m.setSaveAsActivity(false); m.setToAddresses(new List<String>{ 'a@example.com' }); m.setCcAddresses(new List<String>{ 'c@example.com' }); m.setHtmlBody('<p>b</p>'); Messaging.sendEmail(new List<Messaging.Email>{ m });",
            'a.apex'
        );
        assert.ok(r.success, `${r.message}`);
        const [mail] = p.outbox!();
        assert.deepEqual(mail.recipients, ['a@example.com', 'c@example.com']);
        assert.equal(mail.htmlBody, '<p>b</p>');
        assert.equal(mail.targetObjectId, null);
    });
});
