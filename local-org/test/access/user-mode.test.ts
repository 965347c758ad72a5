/**
 * User mode through the real runtime: object permissions, field-level security and the sharing guard for
 * WITH USER_MODE / WITH SECURITY_ENFORCED, AccessLevel.USER_MODE Database methods, DML `as user`,
 * Security.stripInaccessible and DescribeSObjectResult.isAccessible.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExecResult } from '../../src/api';
import { loadProject } from '../../src/runtime/index';

const XML = '<?xml version="1.0" encoding="UTF-8"?>';
const NS = 'xmlns="http://soap.sforce.com/2006/04/metadata"';

/** A custom object Run__c with an optional field Status__c and a required field Key__c; permission sets as given. */
function metadata(permissionSets: Record<string, string>, sharingModel = 'ReadWrite'): Record<string, string> {
    const files: Record<string, string> = {
        'objects/Run__c/Run__c.object-meta.xml': `${XML}<CustomObject ${NS}><deploymentStatus>Deployed</deploymentStatus>
<label>Run</label><pluralLabel>Runs</pluralLabel><nameField><label>Run Name</label><type>Text</type></nameField>
<sharingModel>${sharingModel}</sharingModel></CustomObject>`,
        'objects/Run__c/fields/Status__c.field-meta.xml': `${XML}<CustomField ${NS}><fullName>Status__c</fullName>
<label>Status</label><length>40</length><required>false</required><type>Text</type></CustomField>`,
        'objects/Run__c/fields/Key__c.field-meta.xml': `${XML}<CustomField ${NS}><fullName>Key__c</fullName>
<label>Key</label><length>40</length><required>true</required><type>Text</type></CustomField>`
    };
    for (const [name, body] of Object.entries(permissionSets))
        files[`permissionsets/${name}.permissionset-meta.xml`] =
            `${XML}<PermissionSet ${NS}><label>${name}</label>${body}</PermissionSet>`;
    return files;
}

const RUN_READ = `<objectPermissions><object>Run__c</object><allowCreate>false</allowCreate><allowRead>true</allowRead>
<allowEdit>false</allowEdit><allowDelete>false</allowDelete><viewAllRecords>false</viewAllRecords>
<modifyAllRecords>false</modifyAllRecords></objectPermissions>`;
const STATUS_EDIT =
    '<fieldPermissions><field>Run__c.Status__c</field><readable>true</readable><editable>true</editable></fieldPermissions>';

async function execIn(files: Record<string, string>, source: string): Promise<ExecResult> {
    const dir = mkdtempSync(join(tmpdir(), 'local-org-access-'));
    mkdirSync(join(dir, 'classes'));
    for (const [path, text] of Object.entries(files)) {
        mkdirSync(join(dir, path, '..'), { recursive: true });
        writeFileSync(join(dir, path), text);
    }
    const r = await loadProject([dir]);
    if (!r.project) throw new Error(r.diagnostics.map((d) => `${d.file}:${d.line} ${d.message}`).join('; '));
    return r.project.executeAnonymous(source, 'anon.apex');
}

function lines(r: ExecResult): string[] {
    assert.ok(r.success, `${r.message ?? ''}\n${r.stackTrace ?? ''}`);
    return r.debugLines.map((l) => l.replace(/^USER_DEBUG \[\d+\]\|\w+\|/, ''));
}

const NEW_USER = (profile: string, extra = ''): string => `
Profile p = [SELECT Id FROM Profile WHERE Name = '${profile}'];
User u = new User(ProfileId = p.Id, Username = 'um' + Crypto.getRandomInteger() + '@example.com.invalid',
    Email = 'um@example.com', LastName = 'U', Alias = 'um', TimeZoneSidKey = 'America/Los_Angeles',
    LocaleSidKey = 'en_US', EmailEncodingKey = 'UTF-8', LanguageLocaleKey = 'en_US'${extra});
insert u;`;

const STANDARD_USER = (body: string, before = ''): string =>
    `${NEW_USER('Standard User').replace('Crypto.getRandomInteger()', "'1'")}
${before}
System.runAs(u) {
${body}
}`;

describe('the System Administrator in user mode', () => {
    it('reads, writes and strips standard objects like system mode', async () => {
        const r = await execIn(
            {},
            "insert as user new Account(Name = 'a');\n" +
                'System.debug([SELECT Name FROM Account WITH USER_MODE].Name);\n' +
                'System.debug([SELECT COUNT() FROM Account WITH SECURITY_ENFORCED]);\n' +
                "System.debug(Database.query('SELECT Id FROM Account', AccessLevel.USER_MODE).size());\n" +
                "System.debug(Database.countQuery('SELECT COUNT() FROM Profile', AccessLevel.USER_MODE) > 0);\n" +
                "System.debug(Database.insert(new List<Account>{ new Account(Name = 'b') }, false, AccessLevel.USER_MODE)[0].isSuccess());\n" +
                'System.debug(Schema.sObjectType.Account.isAccessible());'
        );
        assert.deepEqual(lines(r), ['a', '1', '1', 'true', 'true', 'true']);
    });

    it('needs a field grant for custom fields: Modify All Data does not bypass field-level security', async () => {
        const files = metadata({ Runs: RUN_READ + STATUS_EDIT });
        const src =
            "insert new Run__c(Name = 'r', Key__c = 'k', Status__c = 's');\n" +
            'try { System.debug([SELECT Status__c FROM Run__c WITH USER_MODE]); } catch (QueryException e) { System.debug(e.getMessage()); }\n' +
            'try { System.debug([SELECT Status__c FROM Run__c WITH SECURITY_ENFORCED]); } catch (QueryException e) { System.debug(e.getMessage()); }\n' +
            'System.debug([SELECT Key__c FROM Run__c WITH USER_MODE].Key__c);\n' +
            "Database.SaveResult sr = Database.insert(new Run__c(Name = 'x', Key__c = 'k2', Status__c = 's'), false, AccessLevel.USER_MODE);\n" +
            "System.debug(sr.getErrors()[0].getStatusCode() + ' ' + sr.getErrors()[0].getFields());\n" +
            "try { insert as user new Run__c(Name = 'y', Key__c = 'k3', Status__c = 's'); } catch (DmlException e) { System.debug(e.getDmlType(0)); }\n" +
            'SObjectAccessDecision d = Security.stripInaccessible(AccessType.READABLE, [SELECT Id, Name, Status__c FROM Run__c]);\n' +
            "System.debug(d.getRemovedFields() + ' ' + d.getModifiedIndexes());\n" +
            "PermissionSet ps = [SELECT Id FROM PermissionSet WHERE Name = 'Runs'];\n" +
            // A setup DML after Run__c inserts needs its own runAs block (MIXED_DML_OPERATION otherwise).
            'System.runAs(new User(Id = UserInfo.getUserId())) {\n' +
            'insert new PermissionSetAssignment(AssigneeId = UserInfo.getUserId(), PermissionSetId = ps.Id);\n}\n' +
            'System.debug([SELECT Status__c FROM Run__c WITH USER_MODE].Status__c);\n' +
            "insert as user new Run__c(Name = 'z', Key__c = 'k4', Status__c = 's');\n" +
            "System.debug(Database.query('SELECT Status__c FROM Run__c WHERE Name = \\'z\\' WITH USER_MODE').size());\n" +
            'System.debug([SELECT COUNT() FROM Run__c]);';
        const out = lines(await execIn(files, src));
        assert.match(out[0], /No such column 'Status__c' on entity 'Run__c'/);
        assert.equal(out[1], 'Insufficient permissions: secure query included inaccessible field');
        assert.equal(out[2], 'k', 'a required custom field has no field-level security');
        assert.equal(out[3], 'INVALID_FIELD_FOR_INSERT_UPDATE (Status__c)');
        assert.equal(out[4], 'INVALID_FIELD_FOR_INSERT_UPDATE');
        assert.equal(out[5], '{Run__c={Status__c}} {0}');
        assert.deepEqual(out.slice(6), ['s', '1', '2']);
    });

    it('checks dynamic queries whose text asks for user mode, QueryLocators included', async () => {
        const files = metadata({});
        for (const call of [
            "Database.query('SELECT Status__c FROM Run__c WITH USER_MODE')",
            "Database.countQuery('SELECT COUNT() FROM Run__c WHERE Status__c = null WITH USER_MODE')",
            "Database.getQueryLocator('SELECT Status__c FROM Run__c WITH SECURITY_ENFORCED')",
            "Database.getQueryLocator('SELECT Status__c FROM Run__c', AccessLevel.USER_MODE)"
        ]) {
            const out = lines(
                await execIn(
                    files,
                    `try { ${call}; System.debug('ran'); } catch (QueryException e) { System.debug('refused'); }`
                )
            );
            assert.deepEqual(out, ['refused'], call);
        }
    });

    it('reports every inaccessible field through QueryException.getInaccessibleFields()', async () => {
        const src = `insert new Run__c(Name = 'r', Key__c = 'k', Status__c = 's');
QueryException refused;
try { System.debug([SELECT Name, Status__c FROM Run__c WHERE Status__c != null WITH USER_MODE ORDER BY Status__c]); }
catch (QueryException e) { refused = e; }
System.debug(refused.getInaccessibleFields());`;
        assert.deepEqual(lines(await execIn(metadata({ Runs: RUN_READ }), src)), ['{Run__c={Status__c}}']);
        const plain = await execIn(
            {},
            "try { Database.query('SELECT Nope FROM Account'); } catch (QueryException e) { e.getInaccessibleFields(); }"
        );
        assert.equal(plain.emulatorError, true, plain.message ?? '');
    });

    it('refuses a query whose text and AccessLevel disagree, loudly', async () => {
        const r = await execIn({}, "Database.query('SELECT Id FROM Account WITH SYSTEM_MODE', AccessLevel.USER_MODE);");
        assert.equal(r.emulatorError, true, r.message ?? '');
    });
});

describe('a Standard User in user mode', () => {
    it('reads every Account (Public Read/Write), inserts and updates them, deletes only its own', async () => {
        const src = STANDARD_USER(
            `System.debug([SELECT COUNT() FROM Account WITH USER_MODE]);
insert as user new Account(Name = 'mine');
adminOwned.Name = 'renamed';
update as user adminOwned;
Database.DeleteResult dr = Database.delete(adminOwned, false, AccessLevel.USER_MODE);
System.debug(dr.isSuccess() + ' ' + dr.getErrors()[0].getStatusCode());
DmlException refused;
try { delete as user adminOwned; } catch (DmlException e) { refused = e; }
System.debug(refused.getMessage());
delete as user [SELECT Id FROM Account WHERE Name = 'mine'];
System.debug([SELECT Name FROM Account].Name);`,
            "Account adminOwned = new Account(Name = 'adm');\ninsert adminOwned;"
        );
        const out = lines(await execIn({}, src));
        assert.deepEqual(out.slice(0, 2), ['1', 'false INSUFFICIENT_ACCESS_OR_READONLY']);
        assert.match(
            out[2],
            /^Delete failed\. First exception on row 0 with id 001\w+; first error: INSUFFICIENT_ACCESS_OR_READONLY/
        );
        assert.equal(out[3], 'renamed');
    });

    it('gets custom objects only from permission sets and groups', async () => {
        const files = metadata({ Runs: RUN_READ });
        const describe = STANDARD_USER(
            "System.debug(Schema.sObjectType.Run__c.isAccessible() + ' ' + Schema.sObjectType.Run__c.isCreateable() + ' ' + Run__c.SObjectType.getDescribe().isUpdateable() + ' ' + Schema.sObjectType.Run__c.isDeletable() + ' ' + Schema.sObjectType.Account.isDeletable());"
        );
        assert.deepEqual(lines(await execIn(files, describe)), ['false false false false true']);
        const viaGroup = STANDARD_USER(
            'System.debug(Schema.sObjectType.Run__c.isAccessible());',
            `PermissionSetGroup g = new PermissionSetGroup(DeveloperName = 'G', MasterLabel = 'G');
insert g;
insert new PermissionSetGroupComponent(PermissionSetGroupId = g.Id,
    PermissionSetId = [SELECT Id FROM PermissionSet WHERE Name = 'Runs'].Id);
insert new PermissionSetAssignment(AssigneeId = u.Id, PermissionSetGroupId = g.Id);`
        );
        assert.deepEqual(lines(await execIn(files, viaGroup)), ['true']);
    });

    it("answers custom object reads from the object's org-wide default, and fails loudly where sharing decides", async () => {
        const grant = `insert new PermissionSetAssignment(AssigneeId = u.Id,
    PermissionSetId = [SELECT Id FROM PermissionSet WHERE Name = 'Runs'].Id);
`;
        const body = `System.debug([SELECT COUNT() FROM Run__c WITH USER_MODE]);`;
        const adminRow =
            "System.runAs(new User(Id = UserInfo.getUserId())) { insert new Run__c(Name = 'admin', Key__c = 'k'); }\n";
        // Public Read/Write: every row, whoever owns it.
        const readWrite = await execIn(metadata({ Runs: RUN_READ }), STANDARD_USER(body, grant + adminRow));
        assert.deepEqual(lines(readWrite), ['1']);
        // Private: rows other users own may or may not be visible (hierarchy, sharing rules): an EmulatorError.
        const priv = await execIn(metadata({ Runs: RUN_READ }, 'Private'), STANDARD_USER(body, grant + adminRow));
        assert.equal(priv.emulatorError, true);
        assert.match(priv.message ?? '', /Run__c is Private/);
        // Private with only the running user's rows, or with View All on the object: answered.
        const own = await execIn(metadata({ Runs: RUN_READ }, 'Private'), STANDARD_USER(body, grant));
        assert.deepEqual(lines(own), ['0']);
        const viewAll = RUN_READ.replace('<viewAllRecords>false', '<viewAllRecords>true');
        const all = await execIn(metadata({ Runs: viewAll }, 'Private'), STANDARD_USER(body, grant + adminRow));
        assert.deepEqual(lines(all), ['1']);
    });

    it('writes custom objects as their org-wide default allows', async () => {
        const crud = RUN_READ.replace(/<allow(Create|Edit|Delete)>false/g, '<allow$1>true');
        const setup = `insert new PermissionSetAssignment(AssigneeId = u.Id,
    PermissionSetId = [SELECT Id FROM PermissionSet WHERE Name = 'Runs'].Id);
Run__c other = new Run__c(Name = 'admin', Key__c = 'k');
System.runAs(new User(Id = UserInfo.getUserId())) { insert other; }`;
        const body = `Run__c mine = new Run__c(Name = 'mine', Key__c = 'm');
insert as user mine;
other.Name = 'renamed';
update as user other;
System.debug(Database.delete(other, false, AccessLevel.USER_MODE).getErrors()[0].getStatusCode());
delete as user mine;
System.debug([SELECT Name FROM Run__c].Name);`;
        const out = lines(await execIn(metadata({ Runs: crud }), STANDARD_USER(body, setup)));
        assert.deepEqual(out, ['INSUFFICIENT_ACCESS_OR_READONLY', 'renamed']);
        const priv = await execIn(
            metadata({ Runs: crud }, 'Private'),
            STANDARD_USER("other.Name = 'x'; update as user other;", setup)
        );
        assert.equal(priv.emulatorError, true);
        assert.match(priv.message ?? '', /another user owns depends on the role hierarchy or sharing/);
    });

    it('is refused custom objects without a grant, with the platform exception', async () => {
        const out = lines(
            await execIn(
                metadata({}),
                STANDARD_USER(`try { System.debug([SELECT Id FROM Run__c WITH USER_MODE]); } catch (QueryException e) { System.debug(e.getMessage()); }
try { Security.stripInaccessible(AccessType.READABLE, new List<Run__c>{ new Run__c() }); } catch (NoAccessException e) { System.debug('no access'); }
System.debug(Database.insert(new List<Run__c>{ new Run__c(Name = 'r', Key__c = 'k') }, false, AccessLevel.USER_MODE)[0].getErrors()[0].getStatusCode());`)
            )
        );
        assert.match(out[0], /sObject type 'Run__c' is not supported/);
        assert.deepEqual(out.slice(1), ['no access', 'INSUFFICIENT_ACCESS_OR_READONLY']);
    });

    it('fails loudly where the model stops: setup objects, sharing-dependent User reads, Database.query AccessLevel', async () => {
        for (const body of [
            'System.debug([SELECT Id FROM Profile WITH USER_MODE]);',
            "System.debug(Database.query('SELECT Id FROM UserLicense', AccessLevel.USER_MODE));",
            "Database.getQueryLocator('SELECT Id FROM Account', AccessLevel.USER_MODE);"
        ]) {
            const r = await execIn({}, STANDARD_USER(body));
            assert.equal(r.emulatorError, true, `${body}: ${r.message ?? ''}`);
        }
        // System mode stays as it was for the same user.
        assert.deepEqual(
            lines(await execIn({}, STANDARD_USER("insert new Account(Name = 'c'); System.debug('ok');"))),
            ['ok']
        );
    });
});

describe('an external user in user mode', () => {
    it('is refused Account create and fails loudly on reads, whose answer depends on sharing', async () => {
        const setup = `Account acc = new Account(Name = 'Acme');
insert acc;
Contact c = new Contact(LastName = 'C', AccountId = acc.Id);
insert c;
${NEW_USER('Customer Community User', ', ContactId = c.Id').replace('Crypto.getRandomInteger()', "'2'")}
`;
        const refused = await execIn(
            {},
            setup +
                `System.runAs(u) {
    System.debug(Database.insert(new List<Account>{ new Account(Name = 'x') }, false, AccessLevel.USER_MODE)[0].isSuccess());
    System.debug(Schema.sObjectType.Account.isAccessible());
}`
        );
        assert.deepEqual(lines(refused), ['false', 'true']);
        const read = await execIn(
            {},
            setup + 'System.runAs(u) { System.debug([SELECT Id FROM Account WITH USER_MODE]); }'
        );
        assert.equal(read.emulatorError, true);
        assert.match(read.message ?? '', /external users/);
    });
});
