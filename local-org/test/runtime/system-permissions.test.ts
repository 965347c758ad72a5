/**
 * System permissions as PermissionSet fields: a project permission set carries the ones its metadata enables
 * (`<userPermissions>` ManageUsers, ViewSetup, ModifyAllData) and no other; the profiles' own sets follow the
 * baseline (only System Administrator's grants them).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadProject } from '../../src/runtime/index';

function permissionSet(name: string, enabled: string[], disabled: string[] = []): string {
    const perms = [
        ...enabled.map((p) => `<userPermissions><enabled>true</enabled><name>${p}</name></userPermissions>`),
        ...disabled.map((p) => `<userPermissions><enabled>false</enabled><name>${p}</name></userPermissions>`)
    ].join('');
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata">' +
        `<label>${name}</label>${perms}</PermissionSet>`
    );
}

async function debugLines(source: string): Promise<string[]> {
    const dir = mkdtempSync(join(tmpdir(), 'local-org-sysperm-'));
    mkdirSync(join(dir, 'permissionsets'));
    writeFileSync(
        join(dir, 'permissionsets', 'Admins.permissionset-meta.xml'),
        permissionSet('Admins', ['ManageUsers', 'ViewSetup'])
    );
    writeFileSync(
        join(dir, 'permissionsets', 'Readers.permissionset-meta.xml'),
        permissionSet('Readers', ['ViewSetup', 'ApiEnabled'], ['ManageUsers'])
    );
    const loaded = await loadProject([dir]);
    if (!loaded.project) throw new Error(loaded.diagnostics.map((d) => d.message).join('; '));
    const r = await loaded.project.executeAnonymous(source, 'anon.apex');
    if (!r.success) throw new Error(`${r.message}\n${r.stackTrace}`);
    return r.debugLines.map((l) => l.replace(/^USER_DEBUG \[\d+\]\|\w+\|/, ''));
}

test('a project permission set carries the modelled system permissions its metadata enables', async () => {
    const lines = await debugLines(
        "for (PermissionSet ps : [SELECT Name, PermissionsManageUsers, PermissionsViewSetup, PermissionsModifyAllData FROM PermissionSet WHERE Name IN ('Admins', 'Readers') ORDER BY Name])\n" +
            "    System.debug(ps.Name + ' ' + ps.PermissionsManageUsers + ' ' + ps.PermissionsViewSetup + ' ' + ps.PermissionsModifyAllData);"
    );
    assert.deepEqual(lines, ['Admins true true false', 'Readers false true false']);
});

test("only the System Administrator profile's own set grants them among the baseline profiles", async () => {
    const lines = await debugLines(
        'for (PermissionSet ps : [SELECT Profile.Name FROM PermissionSet WHERE IsOwnedByProfile = TRUE AND (PermissionsManageUsers = TRUE OR PermissionsViewSetup = TRUE OR PermissionsModifyAllData = TRUE)])\n' +
            '    System.debug(ps.Profile.Name);'
    );
    assert.deepEqual(lines, ['System Administrator']);
});
