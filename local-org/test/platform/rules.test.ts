import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
    assignmentError,
    assignmentKey,
    type AssigneeFacts,
    type PermissionSetFacts
} from '../../src/platform/permission-assignment';
import { decidePortalRole, portalRoleName, type PortalAccountFacts } from '../../src/platform/portal-roles';
import { membershipChanges, networkMemberDmlError, networksGranted } from '../../src/platform/site-membership';
import { MixedDmlTracker, dmlCategory } from '../../src/platform/mixed-dml';
import { licenseNamed, needsPortalRole, isExternal } from '../../src/platform/licenses';

const assignee: AssigneeFacts = { id: '005A', userLicenseId: 'lic-ccp', permissionSetLicenseIds: new Set(['psl-1']) };
const ps = (id: string, licenseId: string | null, isOwnedByProfile = false): PermissionSetFacts => ({
    id,
    name: `PS ${id}`,
    licenseId,
    isOwnedByProfile
});

test('a permission set without a license, of the user license, or of a held permission set license is accepted', () => {
    for (const candidate of [ps('a', null), ps('b', 'lic-ccp'), ps('c', 'psl-1')]) {
        assert.equal(assignmentError(assignee, candidate.id, [candidate], new Set()), null, candidate.id);
    }
});

test('a permission set bound to another license is refused, naming it', () => {
    const error = assignmentError(assignee, 'd', [ps('d', 'lic-cc')], new Set());
    assert.equal(error?.statusCode, 'FIELD_INTEGRITY_EXCEPTION');
    assert.match(error?.message ?? '', /PS d/);
});

test('a group is refused when any component is bound to another license', () => {
    const error = assignmentError(assignee, 'group-1', [ps('a', null), ps('e', 'psl-unheld')], new Set());
    assert.equal(error?.statusCode, 'FIELD_INTEGRITY_EXCEPTION');
});

test('a second assignment of the same permission set fails with DUPLICATE_VALUE', () => {
    const error = assignmentError(assignee, 'a', [ps('a', null)], new Set([assignmentKey('005A', 'a')]));
    assert.equal(error?.statusCode, 'DUPLICATE_VALUE');
    assert.deepEqual(error?.fields, ['AssigneeId', 'PermissionSetId']);
});

test('the profile-owned permission set cannot be assigned directly', () => {
    assert.equal(
        assignmentError(assignee, 'x', [ps('x', 'lic-ccp', true)], new Set())?.statusCode,
        'INVALID_CROSS_REFERENCE_KEY'
    );
});

const account: PortalAccountFacts = { id: '001A', name: 'Acme', isPartner: true, ownerHasRole: true };

test('an upgrade without a role creates the account roles top-down and assigns the lowest', () => {
    const decision = decidePortalRole('PowerCustomerSuccess', account, null, []);
    assert.deepEqual(decision, {
        kind: 'create',
        assign: 'User',
        roles: [
            {
                name: 'Acme Customer Executive',
                portalAccountId: '001A',
                portalType: 'CustomerPortal',
                portalRole: 'Executive'
            },
            {
                name: 'Acme Customer Manager',
                portalAccountId: '001A',
                portalType: 'CustomerPortal',
                portalRole: 'Manager'
            },
            { name: 'Acme Customer User', portalAccountId: '001A', portalType: 'CustomerPortal', portalRole: 'User' }
        ]
    });
    const one = decidePortalRole('PowerPartner', account, null, [], 1);
    assert.equal(one.kind === 'create' && one.roles.length, 1);
    assert.equal(portalRoleName('Acme', 'Partner', 'User'), 'Acme Partner User');
});

test('existing roles are reused: the lowest of the right portal type', () => {
    const roles = [
        {
            id: 'r-exec',
            name: 'Acme Customer Executive',
            portalAccountId: '001A',
            portalType: 'CustomerPortal' as const,
            portalRole: 'Executive' as const
        },
        {
            id: 'r-mgr',
            name: 'Acme Customer Manager',
            portalAccountId: '001A',
            portalType: 'CustomerPortal' as const,
            portalRole: 'Manager' as const
        },
        {
            id: 'r-partner',
            name: 'Acme Partner User',
            portalAccountId: '001A',
            portalType: 'Partner' as const,
            portalRole: 'User' as const
        }
    ];
    assert.deepEqual(decidePortalRole('PowerCustomerSuccess', account, null, roles), {
        kind: 'existing',
        roleId: 'r-mgr'
    });
    assert.deepEqual(decidePortalRole('PowerPartner', account, null, roles), { kind: 'existing', roleId: 'r-partner' });
    assert.deepEqual(decidePortalRole('PowerCustomerSuccess', account, 'r-exec', roles), {
        kind: 'existing',
        roleId: 'r-exec'
    });
    const wrong = decidePortalRole('PowerCustomerSuccess', account, 'r-partner', roles);
    assert.equal(wrong.kind === 'error' && wrong.error.statusCode, 'FIELD_INTEGRITY_EXCEPTION');
});

test('role prerequisites: owner with a role, partner account for partner users, no role for CspLitePortal', () => {
    const noOwnerRole = decidePortalRole('PowerCustomerSuccess', { ...account, ownerHasRole: false }, null, []);
    assert.deepEqual(noOwnerRole.kind === 'error' && noOwnerRole.error, {
        statusCode: 'UNKNOWN_EXCEPTION',
        message: 'portal account owner must have a role',
        fields: []
    });
    const notPartner = decidePortalRole('PowerPartner', { ...account, isPartner: false }, null, []);
    assert.match(
        notPartner.kind === 'error' ? notPartner.error.message : '',
        /Acme must be enabled as a partner account/
    );
    assert.deepEqual(decidePortalRole('CspLitePortal', account, null, []), { kind: 'none' });
    const roleOnCc = decidePortalRole('CspLitePortal', account, 'r-x', []);
    assert.deepEqual(roleOnCc.kind === 'error' && roleOnCc.error.fields, ['UserRoleId']);
});

test('site membership is derived from the profile and permission sets linked to each site', () => {
    const groups = [
        { networkId: 'site-old', parentId: 'profile-cc' },
        { networkId: 'site-new', parentId: 'profile-ccp' },
        { networkId: 'site-extra', parentId: 'ps-events' }
    ];
    assert.deepEqual([...networksGranted('profile-ccp', ['ps-events'], groups)].sort(), ['site-extra', 'site-new']);
    const current = new Set(['site-old']);
    const granted = networksGranted('profile-ccp', [], groups);
    assert.deepEqual(membershipChanges(current, granted, 'staleRowsStay'), { add: ['site-new'], remove: [] });
    assert.deepEqual(membershipChanges(current, granted, 'recompute'), { add: ['site-new'], remove: ['site-old'] });
    assert.equal(networkMemberDmlError('delete').message, 'DML operation Delete not allowed on NetworkMember');
});

test('mixed DML: setup after non-setup (and the reverse) fails, naming both objects; runAs resets', () => {
    const tracker = new MixedDmlTracker();
    assert.equal(tracker.record(dmlCategory('insert', 'Account'), 'Account'), null);
    const error = tracker.record(dmlCategory('update', 'User', new Set(['profileid'])), 'User');
    assert.deepEqual(error, {
        statusCode: 'MIXED_DML_OPERATION',
        message:
            'DML operation on setup object is not permitted after you have updated a non-setup object (or vice versa): User, original object: Account',
        fields: []
    });
    tracker.reset();
    assert.equal(tracker.record(dmlCategory('insert', 'PermissionSetAssignment'), 'PermissionSetAssignment'), null);
    assert.equal(tracker.record(dmlCategory('insert', 'Contact'), 'Contact')?.statusCode, 'MIXED_DML_OPERATION');
});

test('mixed DML: which User and Group operations count as setup', () => {
    assert.equal(dmlCategory('update', 'User', new Set(['firstname', 'phone'])), 'neutral');
    for (const field of ['userroleid', 'isactive', 'forecastenabled', 'isportalenabled', 'username', 'profileid']) {
        assert.equal(dmlCategory('update', 'user', new Set([field])), 'setup', field);
    }
    assert.equal(dmlCategory('insert', 'User'), 'neutral');
    assert.equal(dmlCategory('insert', 'User', new Set(), true), 'setup');
    assert.equal(dmlCategory('insert', 'Group'), 'neutral');
    assert.equal(dmlCategory('delete', 'Group'), 'setup');
    assert.equal(dmlCategory('insert', 'Migration_Run__c'), 'nonSetup');
    assert.equal(dmlCategory('insert', 'PermissionSetLicenseAssign'), 'setup');
});

test('the license catalogue: user types, roles and external users', () => {
    assert.equal(licenseNamed('customer community plus')?.userType, 'PowerCustomerSuccess');
    assert.equal(licenseNamed('Partner Community Login')?.userType, 'PowerPartner');
    assert.equal(licenseNamed('External Identity')?.userType, 'CspLitePortal');
    assert.equal(licenseNamed('Nope'), undefined);
    assert.equal(needsPortalRole('PowerPartner'), true);
    assert.equal(needsPortalRole('CspLitePortal'), false);
    assert.equal(isExternal('Guest'), false);
    assert.equal(isExternal('CustomerSuccess'), true);
});
