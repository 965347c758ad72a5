/**
 * SObjects, SOQL and DML through the in-memory org: compile-time schema checks, limits, DmlException shapes,
 * the baseline org and transaction rollback.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadProject } from '../../src/runtime/index';
import { exec, load, project, run } from './helpers';

async function problems(body: string): Promise<string[]> {
    const r = await load({ 'A.cls': `public class A {\n    static void m() {\n${body}\n    }\n}` });
    return r.diagnostics.map((d) => `${d.kind} ${d.line}:${d.column} ${d.message}`);
}

test('schema checks at compile time: unknown fields and objects, non-writeable fields, bad inline SOQL', async () => {
    assert.deepEqual(await problems("        User u = new User();\n        u.UserType = 'Standard';"), [
        'semantic 4:11 Field is not writeable: User.UserType'
    ]);
    assert.deepEqual(await problems("        User u = new User(UserType = 'Standard');"), [
        'semantic 3:27 Field is not writeable: User.UserType'
    ]);
    assert.deepEqual(await problems('        Account a = new Account();\n        Object x = a.NoSuchField__c;'), [
        'semantic 4:22 Variable does not exist: NoSuchField__c'
    ]);
    assert.deepEqual(await problems('        NoSuchObject__c x;'), ['semantic 3:9 Invalid type: NoSuchObject__c']);
    const soql = await problems('        List<Account> rows = [SELECT NoSuchField__c FROM Account];');
    assert.equal(soql.length, 1);
    assert.match(soql[0], /^semantic 3:30 .*No such column 'NoSuchField__c' on entity 'Account'/);
    assert.deepEqual(await problems('        SObject s = new Account();\n        Object x = s.Name;'), [
        'semantic 4:22 Variable does not exist: Name'
    ]);
});

test('SObject reads, writes, toString and a single-row query dereference', async () => {
    const lines = await run(
        "Account a = new Account(Name = 'Acme');\ninsert a;\nSystem.debug(new Account(Name = 'x', Phone = '1'));\n" +
            'System.debug([SELECT Name FROM Account WHERE Id = :a.Id].Name);\n' +
            "System.debug(a.get('Name'));\nSystem.debug(a.isSet('Phone'));"
    );
    assert.deepEqual(lines, ['Account:{Name=x, Phone=1}', 'Acme', 'Acme', 'false']);
});

test('a 101st query throws an uncatchable LimitException', async () => {
    const r = await exec(
        "try {\n    for (Integer i = 0; i < 101; i++) { List<Account> rows = [SELECT Id FROM Account]; }\n} catch (Exception e) {\n    System.debug('caught');\n}"
    );
    assert.equal(r.success, false);
    assert.equal(r.emulatorError, false);
    assert.equal(r.message, 'System.LimitException: Too many SOQL queries: 101');
    assert.deepEqual(r.debugLines, []);
});

test('a 151st DML statement throws LimitException; savepoints count as DML statements', async () => {
    const r = await exec("for (Integer i = 0; i < 151; i++) { insert new Account(Name = 'a' + i); }");
    assert.equal(r.message, 'System.LimitException: Too many DML statements: 151');
    const sp = await run(
        'Savepoint sp = Database.setSavepoint();\nDatabase.rollback(sp);\nSystem.debug(Limits.getDmlStatements());'
    );
    assert.deepEqual(sp, ['2']);
});

test('DmlException messages: insert without a required field, update of a deleted row', async () => {
    const lines = await run(
        'try { insert new Account(); } catch (DmlException e) { System.debug(e.getMessage()); }\n' +
            "Account a = new Account(Name = 'x');\ninsert a;\ndelete a;\n" +
            'try { update a; } catch (DmlException e) { System.debug(e.getMessage()); System.debug(e.getDmlId(0) == a.Id); }'
    );
    assert.equal(lines.length, 3);
    assert.equal(
        lines[0],
        'Insert failed. First exception on row 0; first error: REQUIRED_FIELD_MISSING, Required fields are missing: [Name]: [Name]'
    );
    assert.equal(lines[2], 'true');
    assert.match(
        lines[1],
        /^Update failed\. First exception on row 0 with id 001\w{15}; first error: ENTITY_IS_DELETED, entity is deleted: \[\]$/
    );
});

test('an uncaught exception rolls back the anonymous transaction; a successful one commits', async () => {
    const p = await project({});
    const failed = await p.executeAnonymous("insert new Account(Name = 'gone');\nInteger x = 1 / 0;", 'a.apex');
    assert.equal(failed.success, false);
    const ok = await p.executeAnonymous("insert new Account(Name = 'kept');", 'b.apex');
    assert.equal(ok.success, true);
    const count = await p.executeAnonymous('System.debug([SELECT Name FROM Account]);', 'c.apex');
    assert.equal(count.debugLines.length, 1);
    // Only the committed row; the order of Id among the fields in toString is not pinned (see README doubts).
    assert.match(count.debugLines[0], /\(Account:\{(Name=kept, Id=001\w{15}|Id=001\w{15}, Name=kept)\}\)$/);
});

test('mixed DML is judged per transaction', async () => {
    const p = await project({});
    const a = await p.executeAnonymous("insert new Account(Name = 'x');", 'a.apex');
    assert.equal(a.success, true);
    const b = await p.executeAnonymous("insert new PermissionSet(Name = 'P1', Label = 'P1');", 'b.apex');
    assert.equal(b.success, true, b.message ?? '');
    const c = await p.executeAnonymous(
        "insert new Account(Name = 'y');\ninsert new PermissionSet(Name = 'P2', Label = 'P2');",
        'c.apex'
    );
    assert.equal(c.success, false);
    assert.match(
        c.message!,
        /^System\.DmlException: Insert failed\. First exception on row 0; first error: MIXED_DML_OPERATION/
    );
});

test('Database.getQueryLocator keeps the query; countQuery needs COUNT()', async () => {
    assert.deepEqual(
        await run(
            "Database.QueryLocator l = Database.getQueryLocator('SELECT Id FROM Account');\nSystem.debug(l.getQuery());"
        ),
        ['SELECT Id FROM Account']
    );
    const r = await exec("Integer n = Database.countQuery('SELECT Id FROM Account');");
    assert.equal(r.emulatorError, true);
});

test('the baseline org holds the project permission sets, custom permissions and their grants', async () => {
    const r = await loadProject([join(__dirname, '..', '..', '..', 'force-app')]);
    assert.deepEqual(r.diagnostics, []);
    const out = await r.project!.executeAnonymous(
        "PermissionSet ps = [SELECT Id, Label FROM PermissionSet WHERE Name = 'Community_User_Migrator'];\n" +
            'System.debug([SELECT COUNT() FROM SetupEntityAccess WHERE ParentId = :ps.Id]);\n' +
            "System.debug([SELECT DeveloperName FROM CustomPermission WHERE DeveloperName = 'Migrate_Community_Users'].DeveloperName);\n" +
            "System.debug(FeatureManagement.checkPermission('Migrate_Community_Users'));\n" +
            'User me = [SELECT Profile.Name, UserRole.Name FROM User WHERE Id = :UserInfo.getUserId()];\n' +
            "System.debug(me.Profile.Name + ' / ' + me.UserRole.Name);",
        'a.apex'
    );
    assert.equal(out.success, true, out.message ?? '');
    const lines = out.debugLines.map((l) => l.replace(/^USER_DEBUG \[\d+\]\|\w+\|/, ''));
    assert.equal(lines[0], '1');
    assert.equal(lines[1], 'Migrate_Community_Users');
    assert.equal(lines[2], 'false', 'the admin holds no permission set assignment');
    assert.equal(lines[3], 'System Administrator / CEO');
});

test('DML needs SObject operands; validation rules in the sources are load diagnostics', async () => {
    assert.deepEqual(await problems("        String s = 'x';\n        insert s;"), [
        'semantic 4:9 DML requires SObject or SObject list type: String'
    ]);
    const dir = mkdtempSync(join(tmpdir(), 'local-org-meta-'));
    mkdirSync(join(dir, 'triggers'));
    writeFileSync(
        join(dir, 'triggers', 'AccountTrigger.trigger'),
        'trigger AccountTrigger on Account (before insert) {}'
    );
    mkdirSync(join(dir, 'objects', 'Account', 'validationRules'), { recursive: true });
    writeFileSync(join(dir, 'objects', 'Account', 'validationRules', 'Name_Required.validationRule-meta.xml'), '<x/>');
    const r = await loadProject([dir]);
    assert.deepEqual(
        r.diagnostics.map((d) => `${d.kind} ${d.message}`),
        ['unsupported validation rules are not enforced by the local org: Name_Required.validationRule-meta.xml']
    );
});

test('updating a queried row sends only what it may write; its clone inserts the createable fields', async () => {
    const lines = await run(
        "insert new Account(Name = 'Acme');\n" +
            'Account a = [SELECT Id, Name, CreatedDate, IsDeleted FROM Account];\n' +
            "a.Phone = '1';\nupdate a;\n" +
            'Account copy = a.clone();\ninsert copy;\n' +
            "System.debug([SELECT COUNT() FROM Account WHERE Name = 'Acme']);\n" +
            "User me = [SELECT Id, UserType, Name FROM User WHERE Id = :UserInfo.getUserId()];\nme.Title = 'Boss';\nupdate me;\n" +
            'System.debug([SELECT Title FROM User WHERE Id = :me.Id].Title);'
    );
    assert.deepEqual(lines, ['2', 'Boss']);
});

test('Database.delete and undelete take Ids', async () => {
    const lines = await run(
        "Account a = new Account(Name = 'x');\ninsert a;\n" +
            'Database.DeleteResult d = Database.delete(a.Id);\nSystem.debug(d.isSuccess());\n' +
            'System.debug([SELECT COUNT() FROM Account]);\n' +
            'List<Database.UndeleteResult> u = Database.undelete(new List<Id>{ a.Id });\nSystem.debug(u[0].getId() == a.Id);\n' +
            'System.debug([SELECT COUNT() FROM Account]);'
    );
    assert.deepEqual(lines, ['true', '0', 'true', '1']);
});

test('a generic SObject exposes Id; aggregates read by alias ignoring case', async () => {
    const lines = await run(
        "List<SObject> rows = new List<SObject>{ new Account(Name = 'x'), new Contact(LastName = 'y') };\ninsert rows;\n" +
            'System.debug(rows[1].Id.getSObjectType());\n' +
            "AggregateResult[] r = [SELECT COUNT(Id) c FROM Account];\nSystem.debug(r[0].get('C'));"
    );
    assert.deepEqual(lines, ['Contact', '1']);
});

test('dynamic SOQL binds see fields and statics of the calling class, inner locals first', async () => {
    const p = await project({
        'Finder.cls':
            "public class Finder {\n    static String name = 'Beta';\n    public static Integer count() {\n" +
            "        return Database.countQuery('SELECT COUNT() FROM Account WHERE Name = :name');\n    }\n" +
            "    public static Integer shadowed() {\n        String name = 'Alpha';\n" +
            "        return Database.query('SELECT Id FROM Account WHERE Name = :name').size();\n    }\n}"
    });
    const r = await p.executeAnonymous(
        "insert new List<Account>{ new Account(Name = 'Alpha'), new Account(Name = 'Beta'), new Account(Name = 'Beta') };\n" +
            'System.debug(Finder.count());\nSystem.debug(Finder.shadowed());',
        'a.apex'
    );
    assert.equal(r.success, true, r.message ?? '');
    assert.deepEqual(
        r.debugLines.map((l) => l.replace(/^USER_DEBUG \[\d+\]\|\w+\|/, '')),
        ['2', '1']
    );
});

test('PermissionSetAssignment inserts: license-bound sets, duplicates, project permission set grants', async () => {
    const r = await loadProject([join(__dirname, '..', '..', '..', 'force-app')]);
    assert.deepEqual(r.diagnostics, []);
    const out = await r.project!.executeAnonymous(
        "Profile p = [SELECT Id FROM Profile WHERE Name = 'Standard User'];\n" +
            "User u = new User(ProfileId = p.Id, Username = 'u@x.invalid', Email = 'u@x.invalid', LastName = 'U', Alias = 'u',\n" +
            "    TimeZoneSidKey = 'America/Los_Angeles', LocaleSidKey = 'en_US', EmailEncodingKey = 'UTF-8', LanguageLocaleKey = 'en_US');\n" +
            'insert u;\n' +
            "PermissionSet app = [SELECT Id FROM PermissionSet WHERE Name = 'Community_User_Migrator'];\n" +
            "UserLicense sf = [SELECT Id FROM UserLicense WHERE Name = 'Customer Community'];\n" +
            "PermissionSet bound = new PermissionSet(Name = 'Bound', Label = 'Bound', LicenseId = sf.Id);\ninsert bound;\n" +
            'List<Database.SaveResult> rs = Database.insert(new List<PermissionSetAssignment>{\n' +
            '    new PermissionSetAssignment(AssigneeId = u.Id, PermissionSetId = bound.Id),\n' +
            '    new PermissionSetAssignment(AssigneeId = u.Id, PermissionSetId = app.Id),\n' +
            '    new PermissionSetAssignment(AssigneeId = u.Id, PermissionSetId = app.Id) }, false);\n' +
            "for (Database.SaveResult s : rs) System.debug(s.isSuccess() ? 'ok' : String.valueOf(s.getErrors()[0].getStatusCode()));\n" +
            "System.runAs(u) { System.debug(FeatureManagement.checkPermission('Migrate_Community_Users')); }",
        'a.apex'
    );
    assert.equal(out.success, true, out.message ?? '');
    assert.deepEqual(
        out.debugLines.map((l) => l.replace(/^USER_DEBUG \[\d+\]\|\w+\|/, '')),
        ['FIELD_INTEGRITY_EXCEPTION', 'ok', 'DUPLICATE_VALUE', 'true']
    );
});

test('external users: contact required, AccountId from the contact, portal roles on upgrade, license change drops assignments', async () => {
    const lines = await run(
        "Account acc = new Account(Name = 'Acme');\ninsert acc;\nContact c = new Contact(LastName = 'Cust', AccountId = acc.Id);\ninsert c;\nProfile cc = [SELECT Id FROM Profile WHERE Name = 'Customer Community User'];\nProfile ccp = [SELECT Id FROM Profile WHERE Name = 'Customer Community Plus User'];\nProfile std = [SELECT Id FROM Profile WHERE Name = 'Standard User'];\nUser u = new User(ProfileId = cc.Id, ContactId = c.Id, Username = 'cust@x.invalid', Email = 'c@x.invalid', LastName = 'Cust', Alias = 'cust',\n    TimeZoneSidKey = 'America/Los_Angeles', LocaleSidKey = 'en_US', EmailEncodingKey = 'UTF-8', LanguageLocaleKey = 'en_US');\nSystem.runAs(new User(Id = UserInfo.getUserId())) {\n    insert u;\n    PermissionSet ps = new PermissionSet(Name = 'Free', Label = 'Free');\n    insert ps;\n    insert new PermissionSetAssignment(AssigneeId = u.Id, PermissionSetId = ps.Id);\n    System.debug([SELECT UserType, AccountId, UserRoleId FROM User WHERE Id = :u.Id]);\n    u.ProfileId = ccp.Id;\n    update u;\n    System.debug([SELECT UserType, UserRole.Name FROM User WHERE Id = :u.Id].UserRole.Name);\n    System.debug([SELECT COUNT() FROM PermissionSetAssignment WHERE AssigneeId = :u.Id AND PermissionSet.IsOwnedByProfile = false]);\n    System.debug([SELECT Name, PortalRole FROM UserRole WHERE PortalAccountId = :acc.Id ORDER BY Name]);\n    u.ProfileId = cc.Id;\n    try { update u; } catch (DmlException e) { System.debug(e.getDmlStatusCode(0)); }\n    User noContact = u.clone(false);\n    noContact.ProfileId = cc.Id;\n    noContact.ContactId = null;\n    noContact.Username = 'other@x.invalid';\n    noContact.CommunityNickname = null;\n    try { insert noContact; } catch (DmlException e) { System.debug(e.getMessage()); }\n}\n"
    );
    assert.deepEqual(lines, [
        lines[0],
        'Acme Customer User',
        '0',
        lines[3],
        'FIELD_INTEGRITY_EXCEPTION',
        'Insert failed. First exception on row 0; first error: FIELD_INTEGRITY_EXCEPTION, A user with an external (portal or community) license must have a contact.: [ContactId]'
    ]);
    assert.match(lines[0], /UserType=CspLitePortal, AccountId=001\w{15}, UserRoleId=null/);
    assert.match(
        lines[3],
        /Name=Acme Customer Executive, PortalRole=Executive}, .*Name=Acme Customer Manager, .*Name=Acme Customer User, PortalRole=User}\)$/
    );
});

test('active users take seats of their license: UsedLicenses follows, one past TotalLicenses fails', async () => {
    const lines = await run(
        "Profile std = [SELECT Id FROM Profile WHERE Name = 'Standard User'];\n" +
            "UserLicense sf = [SELECT TotalLicenses, UsedLicenses FROM UserLicense WHERE Name = 'Salesforce'];\n" +
            "System.debug(sf.TotalLicenses + ' ' + sf.UsedLicenses);\n" +
            'List<User> users = new List<User>();\n' +
            'for (Integer i = 0; i < sf.TotalLicenses - sf.UsedLicenses + 1; i++) {\n' +
            "    users.add(new User(ProfileId = std.Id, Username = 'seat' + i + '@x.invalid', Email = 's@x.invalid', LastName = 'S', Alias = 's',\n" +
            "        TimeZoneSidKey = 'America/Los_Angeles', LocaleSidKey = 'en_US', EmailEncodingKey = 'UTF-8', LanguageLocaleKey = 'en_US'));\n" +
            '}\n' +
            'List<Database.SaveResult> rs = Database.insert(users, false);\n' +
            'System.debug(rs[rs.size() - 1].getErrors()[0].getStatusCode());\n' +
            "System.debug([SELECT UsedLicenses FROM UserLicense WHERE Name = 'Salesforce'].UsedLicenses);\n" +
            'users[0].IsActive = false;\nupdate users[0];\n' +
            "System.debug([SELECT UsedLicenses FROM UserLicense WHERE Name = 'Salesforce'].UsedLicenses);"
    );
    assert.deepEqual(lines, ['20 1', 'LICENSE_LIMIT_EXCEEDED', '20', '19']);
});

test('NetworkMember rows cannot be inserted', async () => {
    const r = await exec('insert new NetworkMember();');
    assert.equal(r.success, false);
    assert.match(
        r.message!,
        /^System\.DmlException: Insert failed\. First exception on row 0; first error: INVALID_OPERATION, DML operation Insert not allowed on NetworkMember: \[\]$/
    );
});

const TRIGGER = `trigger ContactTrigger on Contact (before insert, after insert) {
    if (Trigger.isBefore) System.debug(Trigger.new[0].OwnerId == UserInfo.getUserId());
    if (Trigger.isAfter) {
        for (Contact c : Trigger.new) {
            try { c.LastName = 'x'; } catch (FinalException e) { System.debug(e.getMessage()); }
            if (c.LastName == 'boom') { Integer z = 1 / 0; }
        }
    }
    System.debug(Trigger.operationType + ' ' + Trigger.size + ' ' + Trigger.isExecuting);
}`;

test('triggers: context variables, read-only rows after insert, an uncaught exception is loud', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'local-org-trg-'));
    mkdirSync(join(dir, 'triggers'));
    writeFileSync(join(dir, 'triggers', 'ContactTrigger.trigger'), TRIGGER);
    const r = await loadProject([dir]);
    assert.deepEqual(r.diagnostics, []);
    const ok = await r.project!.executeAnonymous(
        "System.debug(Trigger.new == null);\ninsert new List<Contact>{ new Contact(LastName = 'a'), new Contact(LastName = 'b') };",
        'a.apex'
    );
    assert.equal(ok.success, true, ok.message ?? '');
    assert.deepEqual(
        ok.debugLines.map((l) => l.replace(/^USER_DEBUG \[\d+\]\|\w+\|/, '')),
        ['true', 'true', 'BEFORE_INSERT 2 true', 'Record is read-only', 'Record is read-only', 'AFTER_INSERT 2 true']
    );
    const boom = await r.project!.executeAnonymous(
        "try { insert new Contact(LastName = 'boom'); } catch (Exception e) { System.debug('caught'); }",
        'b.apex'
    );
    assert.equal(boom.emulatorError, true);
    assert.match(boom.message!, /uncaught System\.MathException in the after insert trigger of Contact/);
    const bad = mkdtempSync(join(tmpdir(), 'local-org-trg-'));
    writeFileSync(join(bad, 'T.trigger'), 'trigger T on NoSuchObject__c (before insert) { }');
    const d = await loadProject([bad]);
    assert.deepEqual(
        d.diagnostics.map((x) => x.message),
        ['Invalid type: NoSuchObject__c']
    );
});

test('two projects loaded in one process keep their own org, schema and triggers', async () => {
    const first = await project({});
    const dir = mkdtempSync(join(tmpdir(), 'local-org-two-'));
    mkdirSync(join(dir, 'triggers'));
    writeFileSync(
        join(dir, 'triggers', 'T.trigger'),
        "trigger T on Account (before insert) { for (Account a : Trigger.new) a.Description = 'second'; }"
    );
    const second = (await loadProject([dir])).project!;
    const a = await first.executeAnonymous(
        "insert new Account(Name = 'x');\nSystem.debug([SELECT Description FROM Account].Description);",
        'a.apex'
    );
    assert.deepEqual(
        a.debugLines.map((l) => l.replace(/^USER_DEBUG \[\d+\]\|\w+\|/, '')),
        ['null']
    );
    const b = await second.executeAnonymous(
        "insert new Account(Name = 'x');\nSystem.debug([SELECT Description FROM Account].Description);",
        'b.apex'
    );
    assert.deepEqual(
        b.debugLines.map((l) => l.replace(/^USER_DEBUG \[\d+\]\|\w+\|/, '')),
        ['second']
    );
});

test('an unqueried relationship of a queried row throws SObjectException', async () => {
    const lines = await run(
        "Account a = new Account(Name = 'p');\ninsert a;\ninsert new Contact(LastName = 'c', AccountId = a.Id);\n" +
            'Contact c = [SELECT Id, AccountId FROM Contact];\n' +
            'try { System.debug(c.Account); } catch (SObjectException e) { System.debug(e.getMessage()); }\n' +
            'Account q = [SELECT Id FROM Account];\n' +
            'try { System.debug(q.Contacts); } catch (SObjectException e) { System.debug(e.getMessage()); }'
    );
    assert.deepEqual(lines, [
        'SObject row was retrieved via SOQL without querying the requested field: Contact.Account',
        'SObject row was retrieved via SOQL without querying the requested field: Account.Contacts'
    ]);
});

test('custom objects and fields from source metadata: typed fields, __r relationships, child subqueries', async () => {
    const r = await loadProject([join(__dirname, '..', 'org', 'fixtures', 'pkg')]);
    assert.deepEqual(r.diagnostics, []);
    const out = await r.project!.executeAnonymous(
        "Migration_Log__c log = new Migration_Log__c(Status__c = 'Pending', Rows__c = 3, User__c = UserInfo.getUserId(), Run_Key__c = 'k1');\n" +
            "insert log;\ninsert new Migration_Step__c(Name = 's1', Log__c = log.Id);\n" +
            'Migration_Log__c q = [SELECT Rows__c, Retried__c, User__r.Name, (SELECT Id FROM Steps__r) FROM Migration_Log__c];\n' +
            "System.debug((q.Rows__c == 3) + ' ' + q.Retried__c + ' ' + q.User__r.Name + ' ' + q.Steps__r.size());\n" +
            "try { insert new Migration_Log__c(Status__c = 'Done', Run_Key__c = 'k1'); } catch (DmlException e) { System.debug(e.getDmlStatusCode(0)); }",
        'a.apex'
    );
    assert.equal(out.success, true, out.message ?? '');
    assert.deepEqual(
        out.debugLines.map((l) => l.replace(/^USER_DEBUG \[\d+\]\|\w+\|/, '')),
        ['true true Local Admin 1', 'DUPLICATE_VALUE']
    );
});
