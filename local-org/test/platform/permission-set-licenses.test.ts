import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
    BASELINE_PERMISSION_SET_LICENSES,
    licenseAssignmentError,
    permissionSetLicenseNamed
} from '../../src/platform/permission-set-licenses';
import { exec } from '../runtime/helpers';

const facts = { assigneeId: '005A', licenseId: '0PLA', totalLicenses: 3, usedLicenses: 2, alreadyHeld: false };

test('a permission set license with a free seat is assigned; the last seat taken, the next one is refused', () => {
    assert.equal(licenseAssignmentError(facts), null);
    const error = licenseAssignmentError({ ...facts, usedLicenses: 3 });
    assert.equal(error?.statusCode, 'LICENSE_LIMIT_EXCEEDED');
    assert.deepEqual(error?.fields, ['PermissionSetLicenseId']);
});

test('a user holds a permission set license once: the second assignment is a duplicate, even with seats free', () => {
    const error = licenseAssignmentError({ ...facts, usedLicenses: 0, alreadyHeld: true });
    assert.equal(error?.statusCode, 'DUPLICATE_VALUE');
});

test('every baseline permission set license has a source, seats and at least one license family', () => {
    for (const psl of BASELINE_PERMISSION_SET_LICENSES) {
        assert.match(psl.source, /^https:\/\/help\.salesforce\.com\//, psl.label);
        assert.ok(psl.seats > 0 && psl.families.length > 0, psl.label);
        assert.equal(permissionSetLicenseNamed(psl.developerName), psl);
    }
});

const communityUser = `
UserRole role = new UserRole(Name = 'Owner', DeveloperName = 'Owner', OpportunityAccessForAccountOwner = 'Edit');
insert role;
User owner = [SELECT Id FROM User WHERE Id = :UserInfo.getUserId()];
owner.UserRoleId = role.Id;
update owner;
Account a = new Account(Name = 'Acme', OwnerId = owner.Id);
Contact c = new Contact(LastName = 'C');
System.runAs(owner) {
    insert a;
    c.AccountId = a.Id;
    insert c;
}
User u = new User(ProfileId = [SELECT Id FROM Profile WHERE Name = 'Customer Community User'].Id, ContactId = c.Id,
    Username = 'psl.cc@example.com.invalid', Email = 'c@example.com', LastName = 'C', Alias = 'cc',
    TimeZoneSidKey = 'America/Los_Angeles', LocaleSidKey = 'en_US', EmailEncodingKey = 'UTF-8',
    LanguageLocaleKey = 'en_US');
System.runAs(owner) {
    insert u;
}
`;

test('assigning a permission set license to a user of a license Salesforce does not document for it fails loudly', async () => {
    const r = await exec(
        communityUser +
            "Id psl = [SELECT Id FROM PermissionSetLicense WHERE MasterLabel = 'Salesforce Scheduler'].Id;\n" +
            'insert new PermissionSetLicenseAssign(AssigneeId = u.Id, PermissionSetLicenseId = psl);'
    );
    assert.equal(r.emulatorError, true, r.message ?? '');
    assert.match(r.message ?? '', /Salesforce Scheduler to a Customer Community user is not emulated/);
});

test('UsedLicenses follows inserts and deletes, and a refused row takes no seat', async () => {
    const r = await exec(
        communityUser +
            "PermissionSetLicense psl = [SELECT Id FROM PermissionSetLicense WHERE MasterLabel = 'Health Cloud for Experience Cloud Sites'];\n" +
            'PermissionSetLicenseAssign row = new PermissionSetLicenseAssign(AssigneeId = u.Id, PermissionSetLicenseId = psl.Id);\n' +
            'List<Database.SaveResult> saves = Database.insert(new List<PermissionSetLicenseAssign>{ row, row.clone() }, false);\n' +
            "System.debug(saves[0].isSuccess() + ' ' + saves[1].getErrors()[0].getStatusCode());\n" +
            'System.debug([SELECT UsedLicenses FROM PermissionSetLicense WHERE Id = :psl.Id].UsedLicenses);\n' +
            'delete [SELECT Id FROM PermissionSetLicenseAssign WHERE AssigneeId = :u.Id];\n' +
            'System.debug([SELECT UsedLicenses FROM PermissionSetLicense WHERE Id = :psl.Id].UsedLicenses);'
    );
    assert.equal(r.success, true, `${r.message}\n${r.stackTrace}`);
    const lines = r.debugLines.map((l) => l.replace(/^USER_DEBUG \[\d+\]\|\w+\|/, ''));
    assert.deepEqual(lines, ['true DUPLICATE_VALUE', '1', '0']);
});
