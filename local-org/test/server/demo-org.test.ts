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
    public static Map<String, Object> extras() {
        Map<String, Object> out = new Map<String, Object>();
        for (AggregateResult r : [SELECT Profile.Name p, COUNT(Id) n FROM User WHERE ContactId != null GROUP BY Profile.Name]) {
            out.put((String) r.get('p'), r.get('n'));
        }
        out.put('noRoleAccounts', [SELECT COUNT() FROM Account WHERE Owner.UserRoleId = null]);
        out.put('partnerAccounts', [SELECT COUNT() FROM Account WHERE IsPartner = true]);
        PermissionSet site = [SELECT Id FROM PermissionSet WHERE Name = 'Demo_Partner_Site_Access'];
        Network partners = [SELECT Id FROM Network WHERE Name = 'Partners'];
        out.put('siteGroups', [SELECT COUNT() FROM NetworkMemberGroup WHERE ParentId = :site.Id AND NetworkId = :partners.Id]);
        Set<Id> holders = new Set<Id>();
        for (PermissionSetAssignment a : [SELECT AssigneeId FROM PermissionSetAssignment WHERE PermissionSetId = :site.Id]) holders.add(a.AssigneeId);
        out.put('siteHolders', holders.size());
        out.put('holdersInPartners', [SELECT COUNT() FROM NetworkMember WHERE NetworkId = :partners.Id AND MemberId IN :holders]);
        List<PermissionSet> bound = [SELECT LicenseId FROM PermissionSet WHERE Name = 'Demo_Health_Portal_Access'];
        out.put('pslBound', bound.isEmpty() ? null : String.valueOf(bound[0].LicenseId).left(3));
        out.put('pslAssigned', [SELECT COUNT() FROM PermissionSetLicenseAssign]);
        out.put('goldPartnerAccounts', [SELECT COUNT() FROM Account WHERE Name LIKE 'Gold Partner Account %' AND IsPartner = true]);
        Map<Id, UserLicense> licenses = new Map<Id, UserLicense>([SELECT Id, Name FROM UserLicense]);
        for (PermissionSet p : [SELECT Name, LicenseId FROM PermissionSet WHERE Name LIKE 'Demo_P%' OR Name LIKE 'Demo_Legacy%']) {
            out.put('license:' + p.Name, p.LicenseId == null ? null : licenses.get(p.LicenseId)?.Name);
        }
        for (AggregateResult r : [SELECT PermissionSet.Name s, Assignee.Profile.Name p, COUNT(Id) n FROM PermissionSetAssignment
                WHERE PermissionSet.Name IN ('Demo_Portal_Case_Reports', 'Demo_Partner_Deal_Desk', 'Demo_Legacy_Knowledge')
                GROUP BY PermissionSet.Name, Assignee.Profile.Name]) {
            out.put('held:' + r.get('s') + ':' + r.get('p'), r.get('n'));
        }
        return out;
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
    // 120 from the generator, 38 added by DML (20 on accounts whose owner has no role, 18 legacy portal users).
    assert.equal(await call('externalUsers'), 158);
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

test('the demo org has what the generator does not make: no-role owners, legacy portal users, linked sets', async () => {
    const demo = await loadDemoOrg([sources()], loadProject, { users: 200, accounts: 20 });
    const r = await demo.project.invokeAura!('SeatCtl', 'extras', {});
    assert.ok(r.ok, JSON.stringify(r));
    const x = r.returnValue as Record<string, unknown>;
    assert.equal(x['High Volume Customer Portal User'], 6);
    assert.equal(x['Customer Portal Manager Custom'], 6);
    assert.equal(x['Gold Partner User'], 6);
    assert.equal(x.goldPartnerAccounts, 2);
    assert.equal(x.noRoleAccounts, 5);
    // Every fifth of the generator's 20 accounts, and the two Gold Partner accounts.
    assert.equal(x.partnerAccounts, 6);
    assert.equal(x.siteGroups, 1);
    assert.ok(Number(x.siteHolders) > 0);
    assert.equal(x.holdersInPartners, x.siteHolders, 'holding the site set makes a user a member of the site');
    // With a permission set license in the baseline, the bound set's LicenseId is one (key prefix 0PL).
    if (x.pslBound !== null) {
        assert.equal(x.pslBound, '0PL');
        assert.equal(x.pslAssigned, x.siteHolders);
    }
    assert.match(demo.summary.join('\n'), /38 more users by DML/);
});

test('the re-creatable legacy users hold a set bound to their license and one bound to none', async () => {
    const demo = await loadDemoOrg([sources()], loadProject, { users: 100, accounts: 10 });
    const r = await demo.project.invokeAura!('SeatCtl', 'extras', {});
    assert.ok(r.ok, JSON.stringify(r));
    const x = r.returnValue as Record<string, unknown>;
    assert.equal(x['license:Demo_Portal_Case_Reports'], 'Customer Portal Manager Custom');
    assert.equal(x['license:Demo_Portal_Case_Reports_Login'], 'Customer Community Plus Login');
    assert.equal(x['license:Demo_Partner_Deal_Desk'], 'Gold Partner');
    assert.equal(x['license:Demo_Partner_Deal_Desk_Member'], 'Partner Community');
    assert.equal(x['license:Demo_Legacy_Knowledge'], null);
    const held = Object.fromEntries(Object.entries(x).filter(([k]) => k.startsWith('held:')));
    assert.deepEqual(held, {
        'held:Demo_Portal_Case_Reports:Customer Portal Manager Custom': 6,
        'held:Demo_Partner_Deal_Desk:Gold Partner User': 6,
        'held:Demo_Legacy_Knowledge:Customer Portal Manager Custom': 6,
        'held:Demo_Legacy_Knowledge:Gold Partner User': 6
    });
});
