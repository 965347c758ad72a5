import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
    assignmentsRemovedByLicenseChange,
    profileChangeVerdict,
    type LicenseFacts
} from '../../src/platform/profile-change';
import { BASELINE_LICENSES } from '../../src/platform/licenses';

function license(name: string): LicenseFacts {
    const found = BASELINE_LICENSES.find((l) => l.name === name);
    assert.ok(found, `baseline has ${name}`);
    return { id: `lic:${name}`, name, userType: found.userType, family: found.family, loginBased: found.loginBased };
}

const CC = license('Customer Community');
const CCL = license('Customer Community Login');
const CCP = license('Customer Community Plus');
const CCPL = license('Customer Community Plus Login');
const PC = license('Partner Community');
const PCL = license('Partner Community Login');
const HVCP = license('High Volume Customer Portal');
const EXT = license('External Identity');
const PORTAL = license('Customer Portal Manager Custom');
const SF = license('Salesforce');

test('a profile of the same license is always accepted', () => {
    assert.deepEqual(profileChangeVerdict(CCP, CCP), { kind: 'sameLicense' });
});

test('CspLitePortal users upgrade in place to Customer Community Plus or Partner Community, irreversibly', () => {
    for (const from of [CC, CCL, HVCP, EXT]) {
        for (const to of [CCP, CCPL, PC, PCL]) {
            assert.deepEqual(
                profileChangeVerdict(from, to),
                { kind: 'inPlace', move: 'upgrade', needsRole: true, irreversible: true },
                `${from.name} → ${to.name}`
            );
        }
    }
});

test('member and login variants of one family swap in place and reversibly', () => {
    assert.deepEqual(profileChangeVerdict(CC, CCL), {
        kind: 'inPlace',
        move: 'memberLogin',
        needsRole: false,
        irreversible: false
    });
    assert.deepEqual(profileChangeVerdict(CCL, CC), {
        kind: 'inPlace',
        move: 'memberLogin',
        needsRole: false,
        irreversible: false
    });
    assert.deepEqual(profileChangeVerdict(CCPL, CCP), {
        kind: 'inPlace',
        move: 'memberLogin',
        needsRole: true,
        irreversible: false
    });
    assert.deepEqual(profileChangeVerdict(PC, PCL), {
        kind: 'inPlace',
        move: 'memberLogin',
        needsRole: true,
        irreversible: false
    });
});

test('refused moves carry the platform error on ProfileId and a reason', () => {
    const cases: Array<[LicenseFacts, LicenseFacts, RegExp]> = [
        [CCP, CC, /irreversible/],
        [PC, CCL, /irreversible/],
        [PORTAL, CCP, /requires a new user record/],
        [CC, SF, /Internal and external/],
        [SF, PC, /Internal and external/],
        [CCP, PC, /not a documented in-place move/],
        [CC, HVCP, /not a documented in-place move/]
    ];
    for (const [from, to, why] of cases) {
        const verdict = profileChangeVerdict(from, to);
        assert.equal(verdict.kind, 'refused', `${from.name} → ${to.name}`);
        if (verdict.kind !== 'refused') continue;
        assert.match(verdict.why, why);
        assert.deepEqual(verdict.error, {
            statusCode: 'FIELD_INTEGRITY_EXCEPTION',
            message: 'You can only reassign this user to a profile of the current license.',
            fields: ['ProfileId']
        });
    }
});

test('guest users never change license', () => {
    const guest: LicenseFacts = {
        id: 'lic:guest',
        name: 'Guest User License',
        userType: 'Guest',
        family: 'Guest',
        loginBased: false
    };
    const verdict = profileChangeVerdict(guest, CC);
    assert.equal(verdict.kind, 'refused');
    assert.equal(verdict.kind === 'refused' && verdict.why, 'Guest users never change license.');
});

test('a license change removes every assignment but the profile-owned one, and every permission set license', () => {
    const removed = assignmentsRemovedByLicenseChange(
        [
            { id: '0Pa1', ownedByProfile: true },
            { id: '0Pa2', ownedByProfile: false },
            { id: '0Pa3', ownedByProfile: false }
        ],
        ['2LA1']
    );
    assert.deepEqual(removed, {
        permissionSetAssignmentIds: ['0Pa2', '0Pa3'],
        permissionSetLicenseAssignmentIds: ['2LA1']
    });
});
