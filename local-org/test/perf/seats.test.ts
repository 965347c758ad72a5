/**
 * Seat counting reads an index of active users per profile (dml-rules.ts activeUsersOf) instead of scanning every
 * user per row. These tests pin what it must still answer: the seats after insert, update, deactivation and
 * reactivation, after a rollback to a savepoint and after the store restore between test methods, and that an
 * insert one past TotalLicenses fails exactly where a full count says it must.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { project } from '../runtime/helpers';

const NEW_USER = `new User(ProfileId = std.Id, Username = tag + i + '@seats.invalid', Email = 's@x.invalid', LastName = 'S',
        Alias = 's', TimeZoneSidKey = 'America/Los_Angeles', LocaleSidKey = 'en_US', EmailEncodingKey = 'UTF-8',
        LanguageLocaleKey = 'en_US')`;

const SEATS_TEST = `@IsTest
private class SeatsTest {
    static Profile std() { return [SELECT Id, UserLicenseId FROM Profile WHERE Name = 'Standard User']; }
    static Integer used() { return [SELECT UsedLicenses FROM UserLicense WHERE Name = 'Salesforce'].UsedLicenses; }
    static Integer total() { return [SELECT TotalLicenses FROM UserLicense WHERE Name = 'Salesforce'].TotalLicenses; }
    /** The seats by a full count, to compare with what the DML layer keeps. */
    static Integer counted() {
        Id lic = std().UserLicenseId;
        return [SELECT COUNT() FROM User WHERE IsActive = true AND Profile.UserLicenseId = :lic];
    }
    static List<User> make(String tag, Integer n) {
        Profile std = std();
        List<User> users = new List<User>();
        for (Integer i = 0; i < n; i++) users.add(${NEW_USER});
        return users;
    }
    /** Fills the license to TotalLicenses, then one more must fail with LICENSE_LIMIT_EXCEEDED. */
    static void fillAndOverflow(String tag) {
        insert make(tag, total() - used());
        System.assertEquals(total(), used());
        System.assertEquals(total(), counted());
        Database.SaveResult r = Database.insert(make(tag + 'x', 1), false)[0];
        System.assertEquals(false, r.isSuccess());
        System.assertEquals(StatusCode.LICENSE_LIMIT_EXCEEDED, r.getErrors()[0].getStatusCode());
    }

    @TestSetup
    static void setup() { insert make('setup', 5); }

    @IsTest
    static void updatesDeactivationsAndSavepoints() {
        Integer base = used();
        System.assertEquals(counted(), base);
        Savepoint sp = Database.setSavepoint();
        List<User> more = make('a', 3);
        insert more;
        System.assertEquals(base + 3, used());
        more[0].IsActive = false;
        more[1].IsActive = false;
        update new List<User>{ more[0], more[1] };
        System.assertEquals(base + 1, used());
        System.assertEquals(counted(), used());
        more[0].IsActive = true;
        update more[0];
        System.assertEquals(base + 2, used());
        Database.rollback(sp);
        System.assertEquals(base, used());
        System.assertEquals(base, counted());
        fillAndOverflow('b');
        // A deactivated user frees the seat for the next insert.
        User one = [SELECT Id FROM User WHERE Username LIKE 'b%@seats.invalid' LIMIT 1];
        one.IsActive = false;
        update one;
        insert make('c', 1);
        System.assertEquals(total(), used());
    }

    @IsTest
    static void theNextMethodStartsFromTheSetupState() {
        // The previous method filled the license; the restore between methods must bring the seats back.
        System.assertEquals(6, used());
        System.assertEquals(6, counted());
        fillAndOverflow('d');
    }
}`;

test('seats follow inserts, updates, deactivation, a savepoint rollback and the restore between test methods', async () => {
    const p = await project({
        'SeatsTest.cls': SEATS_TEST,
        'SeatsTest.cls-meta.xml':
            '<?xml version="1.0" encoding="UTF-8"?><ApexClass xmlns="http://soap.sforce.com/2006/04/metadata">' +
            '<apiVersion>66.0</apiVersion><status>Active</status></ApexClass>'
    });
    // Both orders: each method must see the setup state whatever ran before it.
    for (const order of [
        ['updatesDeactivationsAndSavepoints', 'theNextMethodStartsFromTheSetupState'],
        ['theNextMethodStartsFromTheSetupState', 'updatesDeactivationsAndSavepoints']
    ]) {
        const results = await p.runTestClass('SeatsTest', order);
        for (const r of results)
            assert.equal(r.outcome, 'Pass', `${r.methodName}: ${r.message ?? ''} ${r.stackTrace ?? ''}`);
        assert.equal(results.length, 2);
    }
});
