/**
 * Session 2 fidelity gaps (issue #4): a permission set group owns an aggregate permission set (Type 'Group'), and a
 * group assignment carries it as PermissionSetId.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exec, run } from './helpers';

const GROUP =
    "PermissionSetGroup g = new PermissionSetGroup(DeveloperName = 'G1', MasterLabel = 'Group One');\ninsert g;\n";

test('a new permission set group gets its aggregate permission set', async () => {
    const lines = await run(
        GROUP +
            'for (PermissionSet ps : [SELECT Type, IsOwnedByProfile, Label, PermissionSetGroupId FROM PermissionSet WHERE PermissionSetGroupId = :g.Id])\n' +
            "    System.debug(ps.Type + '|' + ps.IsOwnedByProfile + '|' + ps.Label + '|' + (ps.PermissionSetGroupId == g.Id));\n" +
            "System.debug([SELECT COUNT() FROM PermissionSet WHERE IsOwnedByProfile = false AND PermissionSetGroupId = null AND Type = 'Group']);"
    );
    assert.deepEqual(lines, ['Group|false|Group One|true', '0']);
});

test('a group assignment carries the aggregate set; a second one is a duplicate of the group', async () => {
    const lines = await run(
        GROUP +
            'Id agg = [SELECT Id FROM PermissionSet WHERE PermissionSetGroupId = :g.Id].Id;\n' +
            'insert new PermissionSetAssignment(AssigneeId = UserInfo.getUserId(), PermissionSetGroupId = g.Id);\n' +
            'PermissionSetAssignment a = [SELECT PermissionSetId, PermissionSet.Type FROM PermissionSetAssignment WHERE PermissionSetGroupId = :g.Id];\n' +
            "System.debug((a.PermissionSetId == agg) + '|' + a.PermissionSet.Type);\n" +
            'Database.SaveResult r = Database.insert(new PermissionSetAssignment(AssigneeId = UserInfo.getUserId(), PermissionSetGroupId = g.Id), false);\n' +
            'System.debug(r.getErrors()[0].getStatusCode());'
    );
    assert.deepEqual(lines, ['true|Group', 'DUPLICATE_VALUE']);
});

test('deleting a group removes its aggregate set; deleting an assigned group is not emulated', async () => {
    const lines = await run(
        GROUP + 'delete g;\nSystem.debug([SELECT COUNT() FROM PermissionSet WHERE PermissionSetGroupId = :g.Id]);'
    );
    assert.deepEqual(lines, ['0']);
    const r = await exec(
        GROUP +
            'insert new PermissionSetAssignment(AssigneeId = UserInfo.getUserId(), PermissionSetGroupId = g.Id);\ndelete g;'
    );
    assert.equal(r.success, false);
    assert.match(String(r.message), /delete of an assigned permission set group is not emulated/);
});
