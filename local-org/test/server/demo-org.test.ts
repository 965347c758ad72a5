/** The demo org the local app starts on: sites, users, seats with one license nearly full, the admin's set. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_SITES, loadDemoOrg } from '../../src/server/demo-org';
import { loadProject } from '../../src/runtime/index';

const CTL = `public with sharing class SeatCtl {
    @AuraEnabled
    public static List<UserLicense> seats() {
        return [SELECT Name, TotalLicenses, UsedLicenses FROM UserLicense ORDER BY Name];
    }
    @AuraEnabled
    public static Integer externalUsers() {
        return [SELECT COUNT() FROM User WHERE ContactId != null];
    }
    @AuraEnabled
    public static List<String> sites() {
        List<String> names = new List<String>();
        for (Network n : [SELECT Name FROM Network ORDER BY Name]) names.add(n.Name);
        return names;
    }
}`;

function sources(): string {
    const dir = mkdtempSync(join(tmpdir(), 'demo-org-'));
    mkdirSync(join(dir, 'classes'));
    writeFileSync(join(dir, 'classes', 'SeatCtl.cls'), CTL);
    return dir;
}

test('the demo org: its users and two sites, seats with headroom, one license nearly full', async () => {
    const demo = await loadDemoOrg([sources()], loadProject, { users: 120, freeSeats: 7 });
    const call = async (method: string): Promise<unknown> => {
        const r = await demo.project.invokeAura!('SeatCtl', method, {});
        assert.ok(r.ok, JSON.stringify(r));
        return r.returnValue;
    };
    assert.equal(await call('externalUsers'), 120);
    assert.deepEqual(await call('sites'), DEMO_SITES.map((s) => s.name).sort());
    const seats = (await call('seats')) as Array<{ Name: string; TotalLicenses: number; UsedLicenses: number }>;
    const plus = seats.find((s) => s.Name === 'Customer Community Plus')!;
    assert.equal(plus.TotalLicenses - plus.UsedLicenses, 7);
    for (const s of seats) {
        if (s.Name === 'Customer Community Plus') continue;
        assert.ok(s.TotalLicenses >= s.UsedLicenses * 1.25 - 1, `${s.Name}: ${s.UsedLicenses} of ${s.TotalLicenses}`);
    }
    // These sources carry no Community_User_Migrator permission set: the summary says so instead of failing.
    assert.match(demo.summary.join('\n'), /is not in the sources: the admin runs without it/);
});
