/**
 * Database.DMLOptions through the real runtime: optAllOrNone decides partial success; EmailHeader.triggerUserEmail on
 * a User insert puts one new-user e-mail per inserted user in the outbox at commit (none by default, none from a test,
 * none from a rolled-back transaction); options the local org does not model fail loudly when switched on.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoadedProject } from '../../src/api';
import { loadProject } from '../../src/runtime/index';

const FACTORY = `
public class UserFactory {
    public static List<User> users(Integer n) {
        Id profileId = [SELECT Id FROM Profile WHERE Name = 'Standard User'].Id;
        List<User> out = new List<User>();
        for (Integer i = 0; i < n; i++) {
            out.add(new User(
                ProfileId = profileId,
                Username = 'dmo' + i + '@example.com.invalid',
                Email = 'dmo' + i + '@example.com',
                LastName = 'Dmo' + i,
                Alias = 'dmo' + i,
                TimeZoneSidKey = 'America/Los_Angeles',
                LocaleSidKey = 'en_US',
                EmailEncodingKey = 'UTF-8',
                LanguageLocaleKey = 'en_US'
            ));
        }
        return out;
    }
    public static Database.DMLOptions mail(Boolean send) {
        Database.DMLOptions dmo = new Database.DMLOptions();
        dmo.EmailHeader.triggerUserEmail = send;
        dmo.OptAllOrNone = false;
        return dmo;
    }
}`;

const TEST = `
@IsTest
private class UserFactoryTest {
    @IsTest
    static void welcomes() {
        List<Database.SaveResult> r = Database.insert(UserFactory.users(2), UserFactory.mail(true));
        Assert.isTrue(r[0].isSuccess());
    }
}`;

async function org(): Promise<LoadedProject> {
    const dir = mkdtempSync(join(tmpdir(), 'local-org-dmo-'));
    mkdirSync(join(dir, 'classes'));
    writeFileSync(join(dir, 'classes/UserFactory.cls'), FACTORY);
    writeFileSync(join(dir, 'classes/UserFactoryTest.cls'), TEST);
    const r = await loadProject([dir]);
    if (!r.project) throw new Error(r.diagnostics.map((d) => `${d.line}: ${d.message}`).join('; '));
    return r.project;
}

async function run(p: LoadedProject, apex: string): Promise<{ success: boolean; message: string }> {
    const r = await p.executeAnonymous(apex, 'a.apex');
    return { success: r.success, message: `${r.message ?? ''}` };
}

describe('Database.DMLOptions', () => {
    it('sends one new-user e-mail per inserted user when triggerUserEmail is true', async () => {
        const p = await org();
        const r = await run(
            p,
            `List<User> us = UserFactory.users(3);
             us[1].Username = us[0].Username;
             List<Database.SaveResult> res = Database.insert(us, UserFactory.mail(true));
             Assert.isTrue(res[0].isSuccess()); Assert.isFalse(res[1].isSuccess()); Assert.isTrue(res[2].isSuccess());`
        );
        assert.ok(r.success, r.message);
        const box = p.outbox!();
        assert.equal(box.length, 2);
        assert.deepEqual(
            box.map((m) => [m.kind, m.recipients[0]]),
            [
                ['newUser', 'dmo0@example.com'],
                ['newUser', 'dmo2@example.com']
            ]
        );
        assert.match(box[0].targetObjectId ?? '', /^005/);
    });

    it('sends none when triggerUserEmail is false, and none from a plain Database.insert', async () => {
        const p = await org();
        const r = await run(
            p,
            `Database.insert(UserFactory.users(2), UserFactory.mail(false));
             List<User> more = UserFactory.users(4);
             Database.insert(new List<User>{ more[2], more[3] }, false);`
        );
        assert.ok(r.success, r.message);
        assert.deepEqual(p.outbox!(), []);
    });

    it('sends none from a transaction that rolls back or from an Apex test', async () => {
        const p = await org();
        const r = await run(
            p,
            `Database.insert(UserFactory.users(1), UserFactory.mail(true)); throw new IllegalArgumentException('x');`
        );
        assert.equal(r.success, false);
        const [t] = await p.runTestClass('UserFactoryTest', ['welcomes']);
        assert.equal(t.outcome, 'Pass', t.message ?? '');
        assert.deepEqual(p.outbox!(), []);
    });

    it('is all-or-none only when optAllOrNone is true', async () => {
        const p = await org();
        const r = await run(
            p,
            `List<User> us = UserFactory.users(2);
             us[1].Username = us[0].Username;
             Database.DMLOptions dmo = UserFactory.mail(false);
             dmo.OptAllOrNone = true;
             DmlException caught;
             try { Database.insert(us, dmo); } catch (DmlException e) { caught = e; }
             Assert.isNotNull(caught);
             Assert.areEqual(0, [SELECT COUNT() FROM User WHERE Username LIKE 'dmo%']);`
        );
        assert.ok(r.success, r.message);
    });

    it('fails loudly on options it does not model', async () => {
        const p = await org();
        const insert = "Database.insert(new Account(Name = 'A'), dmo);";
        const cases: Array<[string, RegExp]> = [
            [`dmo.allowFieldTruncation = true; ${insert}`, /allowFieldTruncation/],
            [`dmo.assignmentRuleHeader.useDefaultRule = true; ${insert}`, /assignment rules/],
            [`dmo.EmailHeader.triggerOtherEmail = true; ${insert}`, /triggerOtherEmail/],
            [`dmo.EmailHeader.triggerAutoResponseEmail = true; ${insert}`, /triggerAutoResponseEmail/],
            [`dmo.EmailHeader.triggerUserEmail = true; ${insert}`, /User insert only/],
            ['Boolean b = dmo.EmailHeader.triggerUserEmail;', /initial value is undocumented/]
        ];
        for (const [c, why] of cases) {
            const r = await p.executeAnonymous(
                `Database.DMLOptions dmo = new Database.DMLOptions(); dmo.OptAllOrNone = false; ${c}`,
                'a.apex'
            );
            assert.equal(r.emulatorError, true, `${c}: ${r.message}`);
            assert.match(`${r.message}`, why, c);
        }
        const unset = await p.executeAnonymous(
            `Database.DMLOptions dmo = new Database.DMLOptions(); ${insert}`,
            'a.apex'
        );
        assert.equal(unset.emulatorError, true);
        assert.match(`${unset.message}`, /optAllOrNone left unset/);
    });

    it('names the documented members it does not model as unsupported when the code loads', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'local-org-dmo-'));
        mkdirSync(join(dir, 'classes'));
        writeFileSync(
            join(dir, 'classes/Dup.cls'),
            'public class Dup { public static void f() { Database.DMLOptions d = new Database.DMLOptions(); ' +
                'd.DuplicateRuleHeader.allowSave = true; } }'
        );
        const r = await loadProject([dir]);
        assert.equal(r.project, undefined);
        assert.ok(
            r.diagnostics.some(
                (d) => d.kind === 'unsupported' && /DMLOptions\.duplicateRuleHeader is not supported/.test(d.message)
            ),
            JSON.stringify(r.diagnostics)
        );
    });
});
