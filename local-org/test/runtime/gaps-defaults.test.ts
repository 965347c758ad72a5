/**
 * Session 2 fidelity gaps (issue #4): field defaults and Auto Numbers on insert, Database.getQueryLocator over
 * inline SOQL, UserInfo.getUserRoleId, (Id) casts of Strings.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoadedProject } from '../../src/api';
import { loadProject } from '../../src/runtime/index';

const XML = '<?xml version="1.0" encoding="UTF-8" ?>\n';

function field(body: string): string {
    return `${XML}<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">\n${body}\n</CustomField>\n`;
}

/** A project with one custom object Gap__c (auto-number Name) and the given extra fields. */
async function gapProject(
    fields: Record<string, string> = {},
    classes: Record<string, string> = {},
    triggers: Record<string, string> = {}
) {
    const dir = mkdtempSync(join(tmpdir(), 'local-org-gaps-'));
    const obj = join(dir, 'objects', 'Gap__c');
    mkdirSync(join(obj, 'fields'), { recursive: true });
    writeFileSync(
        join(obj, 'Gap__c.object-meta.xml'),
        `${XML}<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata"><label>Gap</label><pluralLabel>Gaps</pluralLabel>` +
            '<nameField><displayFormat>G-{YYYY}-{000}</displayFormat><label>Gap Number</label><type>AutoNumber</type></nameField>' +
            '<deploymentStatus>Deployed</deploymentStatus><sharingModel>ReadWrite</sharingModel></CustomObject>\n'
    );
    const all: Record<string, string> = {
        Stage__c: field(
            '<fullName>Stage__c</fullName><label>Stage</label><type>Picklist</type><valueSet><restricted>true</restricted>' +
                '<valueSetDefinition><value><fullName>A</fullName><default>false</default><label>A</label></value>' +
                '<value><fullName>B</fullName><default>true</default><label>B</label></value></valueSetDefinition></valueSet>'
        ),
        Open__c: field(
            '<fullName>Open__c</fullName><defaultValue>true</defaultValue><label>Open</label><type>Checkbox</type>'
        ),
        Note__c: field(
            "<fullName>Note__c</fullName><defaultValue>'it\\'s'</defaultValue><label>Note</label><length>20</length><type>Text</type>"
        ),
        Size__c: field(
            '<fullName>Size__c</fullName><defaultValue>-2.5</defaultValue><label>Size</label><precision>5</precision><scale>1</scale><type>Number</type>'
        ),
        Seq__c: field(
            '<fullName>Seq__c</fullName><displayFormat>{0}</displayFormat><startingNumber>98</startingNumber><label>Seq</label><type>AutoNumber</type>'
        ),
        ...fields
    };
    for (const [name, xml] of Object.entries(all)) writeFileSync(join(obj, 'fields', `${name}.field-meta.xml`), xml);
    mkdirSync(join(dir, 'classes'));
    for (const [name, src] of Object.entries(classes)) writeFileSync(join(dir, 'classes', name), src);
    mkdirSync(join(dir, 'triggers'));
    for (const [name, src] of Object.entries(triggers)) writeFileSync(join(dir, 'triggers', name), src);
    return loadProject([dir]);
}

async function debug(p: LoadedProject, source: string): Promise<string[]> {
    const r = await p.executeAnonymous(source, 'anon.apex');
    if (!r.success) throw new Error(`${r.message}\n${r.stackTrace}`);
    return r.debugLines.map((l) => l.replace(/^USER_DEBUG \[\d+\]\|\w+\|/, ''));
}

async function ready(
    fields?: Record<string, string>,
    classes?: Record<string, string>,
    triggers?: Record<string, string>
): Promise<LoadedProject> {
    const r = await gapProject(fields, classes, triggers);
    if (!r.project) throw new Error(r.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`).join('; '));
    return r.project;
}

test('an insert fills null fields with their defaults; set values and new SObjects are left alone', async () => {
    const p = await ready();
    const lines = await debug(
        p,
        "Gap__c g = new Gap__c();\nSystem.debug(g.Stage__c + ' ' + g.Note__c + ' ' + g.Size__c);\ninsert g;\n" +
            'g = [SELECT Stage__c, Open__c, Note__c, Size__c FROM Gap__c WHERE Id = :g.Id];\n' +
            "System.debug(g.Stage__c + '|' + g.Open__c + '|' + g.Note__c + '|' + g.Size__c);\n" +
            "Gap__c h = new Gap__c(Stage__c = 'A', Open__c = false, Note__c = 'n', Size__c = 1);\ninsert h;\n" +
            'h = [SELECT Stage__c, Open__c, Note__c, Size__c FROM Gap__c WHERE Id = :h.Id];\n' +
            "System.debug(h.Stage__c + '|' + h.Open__c + '|' + h.Note__c + '|' + h.Size__c);\n" +
            'Gap__c d = (Gap__c) Gap__c.SObjectType.newSObject(null, true);\n' +
            "System.debug(d.Stage__c + '|' + d.Open__c + '|' + d.Note__c + '|' + d.Size__c + '|' + d.Name);"
    );
    assert.deepEqual(lines, ['null null null', "B|true|it's|-2.5", 'A|false|n|1', "B|true|it's|-2.5|null"]);
});

test('a before insert trigger sees the defaults but not yet the Auto Number; after insert sees both', async () => {
    const p = await ready(
        {},
        {},
        {
            'GapTrigger.trigger':
                'trigger GapTrigger on Gap__c (before insert, after insert) {\n' +
                "    for (Gap__c g : Trigger.new) System.debug(Trigger.isBefore + '|' + g.Stage__c + '|' + g.Name);\n}\n"
        }
    );
    const lines = await debug(p, 'insert new Gap__c();');
    const year = new Date().getUTCFullYear();
    assert.deepEqual(lines, ['true|B|null', `false|B|G-${year}-001`]);
});

test('Auto Numbers: display format with date and zero padding, starting number, sequence across rollbacks', async () => {
    const p = await ready();
    const lines = await debug(
        p,
        'Savepoint sp = Database.setSavepoint();\ninsert new Gap__c();\nDatabase.rollback(sp);\n' +
            'insert new List<Gap__c>{ new Gap__c(), new Gap__c() };\n' +
            "for (Gap__c g : [SELECT Name, Seq__c FROM Gap__c ORDER BY Name]) System.debug(g.Name + ' ' + g.Seq__c);"
    );
    const year = new Date().getUTCFullYear();
    // The rolled-back insert used number 1 (and 98): numbers are not handed out twice.
    assert.deepEqual(lines, [`G-${year}-002 99`, `G-${year}-003 100`]);
});

test('an Auto Number is read-only to Apex', async () => {
    const r = await gapProject(
        {},
        { 'A.cls': "public class A {\n    static void m() {\n        Gap__c g = new Gap__c(Name = 'x');\n    }\n}" }
    );
    assert.deepEqual(
        r.diagnostics.map((d) => d.message),
        ['Field is not writeable: Gap__c.Name']
    );
});

test('default formulas other than literals and unknown display-format tokens still fail the load', async () => {
    const formula = await gapProject({
        When__c: field(
            '<fullName>When__c</fullName><defaultValue>TODAY()</defaultValue><label>When</label><type>Date</type>'
        )
    });
    assert.match(
        formula.diagnostics.map((d) => d.message).join('\n'),
        /When__c: default value formulas other than literals are not supported/
    );
    const token = await gapProject({
        Bad__c: field(
            '<fullName>Bad__c</fullName><displayFormat>X-{0}-{HH}</displayFormat><label>Bad</label><type>AutoNumber</type>'
        )
    });
    assert.match(
        token.diagnostics.map((d) => d.message).join('\n'),
        /Auto Number display format token \{HH\} is not supported/
    );
});

test('Database.getQueryLocator over inline SOQL: binds are read when the locator is made', async () => {
    const batch =
        'public class GapBatch implements Database.Batchable<SObject> {\n' +
        "    public String stage = 'B';\n" +
        '    public Database.QueryLocator start(Database.BatchableContext bc) {\n' +
        '        Database.QueryLocator l = Database.getQueryLocator([SELECT Id, Note__c FROM Gap__c WHERE Stage__c = :stage]);\n' +
        "        stage = 'A';\n" +
        '        return l;\n' +
        '    }\n' +
        '    public void execute(Database.BatchableContext bc, List<Gap__c> scope) {\n' +
        "        for (Gap__c g : scope) g.Note__c = 'seen';\n" +
        '        update scope;\n' +
        '    }\n' +
        '    public void finish(Database.BatchableContext bc) {}\n' +
        '}\n';
    const p = await ready({}, { 'GapBatch.cls': batch });
    const lines = await debug(
        p,
        "insert new List<Gap__c>{ new Gap__c(), new Gap__c(Stage__c = 'A') };\n" +
            'Test.startTest();\nDatabase.executeBatch(new GapBatch());\nTest.stopTest();\n' +
            "for (Gap__c g : [SELECT Stage__c, Note__c FROM Gap__c ORDER BY Name]) System.debug(g.Stage__c + ' ' + g.Note__c);\n" +
            'Database.QueryLocator q = Database.getQueryLocator([SELECT Id FROM Gap__c]);\nSystem.debug(q.getQuery());'
    );
    assert.deepEqual(lines, ['B seen', "A it's", 'SELECT Id FROM Gap__c']);
});

test('UserInfo.getUserRoleId follows the running user; (Id) of a String is an Id', async () => {
    const p = await ready();
    const lines = await debug(
        p,
        'System.debug(UserInfo.getUserRoleId() == [SELECT UserRoleId FROM User WHERE Id = :UserInfo.getUserId()].UserRoleId);\n' +
            "Profile pr = [SELECT Id FROM Profile WHERE Name = 'Standard User'];\n" +
            "User u = new User(Username = 'gap@example.com.invalid', LastName = 'G', Alias = 'g', Email = 'g@example.com', " +
            "EmailEncodingKey = 'UTF-8', LanguageLocaleKey = 'en_US', LocaleSidKey = 'en_US', TimeZoneSidKey = 'America/Los_Angeles', ProfileId = pr.Id);\n" +
            'insert u;\nSystem.runAs(u) { System.debug(UserInfo.getUserRoleId()); }\n' +
            "Object o = (Id) '001000000000001AAA';\nSystem.debug(o instanceof Id);\n" +
            "try { Object x = (Id) 'nope'; } catch (StringException e) { System.debug(e.getMessage()); }"
    );
    assert.deepEqual(lines, ['true', 'null', 'true', 'Invalid id: nope']);
});
