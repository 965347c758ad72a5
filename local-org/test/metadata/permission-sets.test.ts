import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MetadataError, readAccessMetadata, readPermissionSet } from '../../src/metadata/permission-sets';

const repoRoot = join(__dirname, '..', '..', '..');
const NS = 'xmlns="http://soap.sforce.com/2006/04/metadata"';

function withDir(files: Record<string, string>, check: (dir: string) => void): void {
    const dir = mkdtempSync(join(tmpdir(), 'psmeta-'));
    try {
        for (const [path, text] of Object.entries(files)) {
            mkdirSync(join(dir, path, '..'), { recursive: true });
            writeFileSync(join(dir, path), text);
        }
        check(dir);
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}

function metadataError(fn: () => unknown): string {
    try {
        fn();
    } catch (error) {
        assert.ok(error instanceof MetadataError, String(error));
        return error.message;
    }
    assert.fail('expected a MetadataError');
}

test("the app's own permission set grants its custom permission, controller class, tab and app", () => {
    const { permissionSets, customPermissions } = readAccessMetadata([join(repoRoot, 'force-app')]);
    const app = permissionSets.find((ps) => ps.name === 'Community_User_Migrator');
    assert.ok(app);
    assert.equal(app.label, 'Community User Migrator');
    assert.deepEqual(app.customPermissions, ['Migrate_Community_Users']);
    assert.ok(app.apexClasses.includes('LicenseSummaryController'));
    assert.deepEqual(app.applications, ['Community_User_Migrator']);
    assert.deepEqual(app.tabs, [{ tab: 'Community_User_Migrator', visibility: 'Visible' }]);
    assert.equal(app.license, null);
    assert.deepEqual(app.ignored, []);
    assert.deepEqual(
        customPermissions.map((cp) => cp.name),
        ['Migrate_Community_Users']
    );
});

test('object, field and user permissions are read; disabled entries grant nothing; unmodelled elements are listed', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<PermissionSet ${NS}>
    <label>Run Viewer</label>
    <license>Customer Community Plus</license>
    <objectPermissions><object>Run__c</object><allowRead>true</allowRead><allowCreate>false</allowCreate>
        <allowEdit>false</allowEdit><allowDelete>false</allowDelete><viewAllRecords>false</viewAllRecords><modifyAllRecords>false</modifyAllRecords></objectPermissions>
    <fieldPermissions><field>Run__c.Status__c</field><readable>true</readable><editable>false</editable></fieldPermissions>
    <userPermissions><name>ViewSetup</name><enabled>true</enabled></userPermissions>
    <userPermissions><name>ManageUsers</name><enabled>false</enabled></userPermissions>
    <classAccesses><apexClass>Off</apexClass><enabled>false</enabled></classAccesses>
    <recordTypeVisibilities><recordType>Run__c.Big</recordType><visible>true</visible></recordTypeVisibilities>
</PermissionSet>`;
    withDir({ 'Run_Viewer.permissionset-meta.xml': xml }, (dir) => {
        const ps = readPermissionSet(join(dir, 'Run_Viewer.permissionset-meta.xml'));
        assert.equal(ps.name, 'Run_Viewer');
        assert.equal(ps.license, 'Customer Community Plus');
        assert.deepEqual(ps.objectPermissions[0], {
            object: 'Run__c',
            allowCreate: false,
            allowRead: true,
            allowEdit: false,
            allowDelete: false,
            viewAllRecords: false,
            modifyAllRecords: false
        });
        assert.deepEqual(ps.fieldPermissions, [{ field: 'Run__c.Status__c', readable: true, editable: false }]);
        assert.deepEqual(ps.userPermissions, ['ViewSetup']);
        assert.deepEqual(ps.apexClasses, []);
        assert.deepEqual(ps.ignored, ['recordTypeVisibilities']);
    });
});

test('bad metadata is refused with the file named', () => {
    withDir({ 'Broken.permissionset-meta.xml': `<PermissionSet ${NS}><label>x</label>` }, (dir) => {
        assert.match(
            metadataError(() => readPermissionSet(join(dir, 'Broken.permissionset-meta.xml'))),
            /Broken\.permissionset-meta\.xml:\d+:\d+: malformed XML/
        );
    });
    withDir({ 'NoLabel.permissionset-meta.xml': `<PermissionSet ${NS}></PermissionSet>` }, (dir) => {
        assert.match(
            metadataError(() => readPermissionSet(join(dir, 'NoLabel.permissionset-meta.xml'))),
            /needs a <label>/
        );
    });
    withDir(
        { 'Wrong.permissionset-meta.xml': `<CustomPermission ${NS}><label>x</label></CustomPermission>` },
        (dir) => {
            assert.match(
                metadataError(() => readPermissionSet(join(dir, 'Wrong.permissionset-meta.xml'))),
                /expected a <PermissionSet> document/
            );
        }
    );
    const grantsUnknown = `<PermissionSet ${NS}><label>x</label><customPermissions><enabled>true</enabled><name>Ghost</name></customPermissions></PermissionSet>`;
    withDir({ 'permissionsets/X.permissionset-meta.xml': grantsUnknown }, (dir) => {
        assert.match(
            metadataError(() => readAccessMetadata([dir])),
            /X\.permissionset-meta\.xml: grants unknown custom permission\(s\) Ghost/
        );
    });
});
