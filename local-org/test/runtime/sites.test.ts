/**
 * Site membership: sites seeded through RuntimeOptions.sites, NetworkMember rows derived when a user is inserted,
 * changes profile or gets a permission set, the stale-rows mode, and Apex DML on NetworkMemberGroup refused.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RuntimeOptions, SiteSeed } from '../../src/api';
import { loadProject } from '../../src/runtime/index';
import { parseSites } from '../../src/runtime/sites';
import { project } from './helpers';

const SITES: SiteSeed[] = [
    { name: 'Staff', members: ['Standard User'] },
    { name: 'Helpers', members: ['Site_Helper'] },
    { name: 'Admins', urlPathPrefix: 'admins', members: ['System Administrator'] }
];

/** Runs anonymous Apex in a project with the Site_Helper permission set and the sites above. */
async function execWithSites(source: string, options: RuntimeOptions = {}): Promise<string[]> {
    const dir = mkdtempSync(join(tmpdir(), 'local-org-sites-'));
    mkdirSync(join(dir, 'permissionsets'));
    writeFileSync(
        join(dir, 'permissionsets', 'Site_Helper.permissionset-meta.xml'),
        '<?xml version="1.0" encoding="UTF-8"?>\n<PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata">' +
            '<label>Site Helper</label></PermissionSet>'
    );
    const loaded = await loadProject([dir], { sites: SITES, ...options });
    if (!loaded.project) throw new Error(loaded.diagnostics.map((d) => d.message).join('; '));
    const r = await loaded.project.executeAnonymous(source, 'anon.apex', options);
    if (!r.success) throw new Error(`${r.message}\n${r.stackTrace}`);
    return r.debugLines.map((l) => l.replace(/^USER_DEBUG \[\d+\]\|\w+\|/, ''));
}

const NEW_USER = `
Profile p = [SELECT Id FROM Profile WHERE Name = 'Standard User'];
User u = new User(ProfileId = p.Id, Username = 'site.user@example.com.invalid', Email = 'site@example.com',
    LastName = 'Site', Alias = 'site', TimeZoneSidKey = 'America/Los_Angeles', LocaleSidKey = 'en_US',
    EmailEncodingKey = 'UTF-8', LanguageLocaleKey = 'en_US');
insert u;
`;

const SITES_OF_U = `
List<String> names = new List<String>();
for (NetworkMember m : [SELECT Network.Name FROM NetworkMember WHERE MemberId = :u.Id]) names.add(m.Network.Name);
names.sort();
System.debug(String.join(names, ','));
`;

test('seeded sites are Network and NetworkMemberGroup rows; users already present become members', async () => {
    const lines = await execWithSites(
        'System.debug([SELECT COUNT() FROM Network]);\n' +
            'System.debug([SELECT COUNT() FROM NetworkMemberGroup]);\n' +
            "System.debug([SELECT UrlPathPrefix FROM Network WHERE Name = 'Admins'].UrlPathPrefix);\n" +
            'System.debug([SELECT Network.Name FROM NetworkMember WHERE MemberId = :UserInfo.getUserId()].Network.Name);'
    );
    assert.deepEqual(lines, ['3', '3', 'admins', 'Admins']);
});

test('a new user joins the sites of its profile, and a permission set assignment adds its sites', async () => {
    const lines = await execWithSites(
        NEW_USER +
            SITES_OF_U +
            "PermissionSet ps = [SELECT Id FROM PermissionSet WHERE Name = 'Site_Helper'];\n" +
            'insert new PermissionSetAssignment(AssigneeId = u.Id, PermissionSetId = ps.Id);\n' +
            SITES_OF_U.replace('List<String> names', 'names')
    );
    assert.deepEqual(lines, ['Staff', 'Helpers,Staff']);
});

test('a profile change adds the new sites; the old rows stay by default and go in recompute mode', async () => {
    const change =
        NEW_USER +
        "u.ProfileId = [SELECT Id FROM Profile WHERE Name = 'System Administrator'].Id;\nupdate u;\n" +
        SITES_OF_U;
    assert.deepEqual(await execWithSites(change), ['Admins,Staff']);
    assert.deepEqual(await execWithSites(change, { siteMembership: 'staleRowsStay' }), ['Admins,Staff']);
    assert.deepEqual(await execWithSites(change, { siteMembership: 'recompute' }), ['Admins']);
});

test('Apex DML on NetworkMemberGroup fails per row and inserts nothing', async () => {
    const lines = await execWithSites(
        NEW_USER +
            "Id staff = [SELECT Id FROM Network WHERE Name = 'Staff'].Id;\n" +
            'Database.SaveResult r = Database.insert(new NetworkMemberGroup(NetworkId = staff, ParentId = u.ProfileId), false);\n' +
            "System.debug(r.isSuccess() + ' ' + r.getErrors()[0].getStatusCode() + ' ' + r.getErrors()[0].getMessage());\n" +
            'try {\n    insert new NetworkMemberGroup(NetworkId = staff, ParentId = u.ProfileId);\n' +
            "} catch (DmlException e) {\n    System.debug(e.getDmlType(0) + ': ' + e.getDmlMessage(0));\n}\n" +
            'System.debug([SELECT COUNT() FROM NetworkMemberGroup]);'
    );
    assert.deepEqual(lines, [
        'false INVALID_OPERATION DML operation Insert not allowed on NetworkMemberGroup',
        'INVALID_OPERATION: DML operation Insert not allowed on NetworkMemberGroup',
        '3'
    ]);
});

test('a site member that names no profile or permission set is a load diagnostic', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'local-org-sites-'));
    const r = await loadProject([dir], { sites: [{ name: 'Ghost', members: ['No Such Profile'] }] });
    assert.equal(r.project, undefined);
    assert.ok(
        r.diagnostics.some((d) =>
            d.message.includes('site "Ghost": no profile or permission set named "No Such Profile"')
        ),
        r.diagnostics.map((d) => d.message).join('; ')
    );
});

test('parseSites names the file and the entry of each problem', () => {
    assert.deepEqual(parseSites('{"sites":[{"name":"A","members":["Standard User"],"status":"Live"}]}', 's.json'), [
        { name: 'A', urlPathPrefix: undefined, status: 'Live', members: ['Standard User'] }
    ]);
    assert.throws(() => parseSites('nope', 's.json'), /^Error: s\.json: not JSON/);
    assert.throws(() => parseSites('[]', 's.json'), /s\.json: expected \{"sites": \[\.\.\.\]\}/);
    assert.throws(() => parseSites('{"sites":[{"name":"A"}]}', 's.json'), /s\.json: sites\[0\]: "members" must be/);
    assert.throws(
        () => parseSites('{"sites":[{"name":"A","members":[]},{"name":"a","members":[]}]}', 's.json'),
        /s\.json: sites\[1\]: duplicate site "a"/
    );
    assert.throws(
        () => parseSites('{"sites":[{"name":"A","members":[],"status":"Open"}]}', 's.json'),
        /sites\[0\]: "status" must be one of/
    );
    assert.throws(() => parseSites('{"sites":[{"name":"A","members":[],"x":1}]}', 's.json'), /unknown key "x"/);
});

test('the site membership probe passes with a seeded site that covers its profile', async () => {
    const probe = readFileSync(join(__dirname, '..', '..', 'probes', 'ProbeSiteMembership.cls'), 'utf8');
    const sites: SiteSeed[] = [{ name: 'Staff', members: ['Standard User'] }];
    const p = await project({ 'ProbeSiteMembership.cls': probe }, { sites });
    const [ok] = await p.runTestClass('ProbeSiteMembership', ['aNewUserJoinsTheSitesOfItsProfile']);
    assert.equal(ok.outcome, 'Pass', ok.message ?? '');
});
