/**
 * User-mode access is not emulated yet: it runs for a System Administrator (whose checks pass) and is an
 * EmulatorError for any other running user, never a silent system-mode answer.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exec } from './helpers';

const AS_STANDARD_USER = (body: string): string => `
Profile p = [SELECT Id FROM Profile WHERE Name = 'Standard User'];
User u = new User(ProfileId = p.Id, Username = 'um@example.com.invalid', Email = 'um@example.com', LastName = 'U',
    Alias = 'um', TimeZoneSidKey = 'America/Los_Angeles', LocaleSidKey = 'en_US', EmailEncodingKey = 'UTF-8',
    LanguageLocaleKey = 'en_US');
insert u;
System.runAs(u) {
${body}
}`;

test('WITH USER_MODE, WITH SECURITY_ENFORCED and insert as user run for the administrator', async () => {
    const r = await exec(
        "insert as user new Account(Name = 'a');\n" +
            'System.debug([SELECT Name FROM Account WITH USER_MODE].Name);\n' +
            'System.debug([SELECT COUNT() FROM Account WITH SECURITY_ENFORCED]);'
    );
    assert.ok(r.success, r.message ?? '');
    assert.deepEqual(
        r.debugLines.map((l) => l.replace(/^USER_DEBUG \[\d+\]\|\w+\|/, '')),
        ['a', '1']
    );
});

test('for any other running user they are an EmulatorError naming the construct', async () => {
    for (const [body, what] of [
        ['System.debug([SELECT Id FROM Account WITH USER_MODE].size());', 'WITH USER_MODE'],
        ['System.debug([SELECT Id FROM Account WITH SECURITY_ENFORCED].size());', 'WITH SECURITY_ENFORCED'],
        ["insert as user new Account(Name = 'b');", 'insert as user']
    ]) {
        const r = await exec(AS_STANDARD_USER(body));
        assert.equal(r.success, false);
        assert.equal(r.emulatorError, true, r.message ?? '');
        assert.match(
            r.message ?? '',
            new RegExp(
                `^local-org: ${what} for a running user without the System Administrator profile is not emulated yet`
            )
        );
    }
    // System mode stays as it was for the same user.
    const ok = await exec(AS_STANDARD_USER("insert new Account(Name = 'c');"));
    assert.ok(ok.success, ok.message ?? '');
});
