import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SYSTEM_ADMINISTRATOR, UserGrants, standardProfile } from '../../src/access/grants';
import type { PermissionSetModel } from '../../src/metadata/permission-sets';

function ps(partial: Partial<PermissionSetModel>): PermissionSetModel {
    return {
        name: 'PS',
        label: 'PS',
        description: null,
        license: null,
        hasActivationRequired: false,
        customPermissions: [],
        apexClasses: [],
        objectPermissions: [],
        fieldPermissions: [],
        userPermissions: [],
        tabs: [],
        applications: [],
        ignored: [],
        file: 'x',
        ...partial
    };
}

const readRuns = ps({
    customPermissions: ['Migrate_Community_Users'],
    apexClasses: ['RunController'],
    objectPermissions: [
        {
            object: 'Run__c',
            allowCreate: false,
            allowRead: true,
            allowEdit: false,
            allowDelete: false,
            viewAllRecords: false,
            modifyAllRecords: false
        }
    ],
    fieldPermissions: [{ field: 'Run__c.Status__c', readable: true, editable: false }]
});
const editRuns = ps({
    objectPermissions: [
        {
            object: 'run__c',
            allowCreate: true,
            allowRead: true,
            allowEdit: true,
            allowDelete: false,
            viewAllRecords: false,
            modifyAllRecords: false
        }
    ],
    fieldPermissions: [{ field: 'Run__c.Status__c', readable: false, editable: true }]
});

test('a standard user without permission sets is refused everything custom', () => {
    const grants = new UserGrants(standardProfile('Standard User'), []);
    assert.equal(grants.hasCustomPermission('Migrate_Community_Users'), false);
    assert.equal(grants.canRunApexClass('RunController'), false);
    assert.equal(grants.canAccessObject('Run__c', 'read'), false);
    assert.equal(grants.canAccessField('Run__c.Status__c', 'read'), false);
    assert.equal(grants.hasUserPermission('ViewSetup'), false);
});

test('permission sets add up, case-insensitively', () => {
    const one = new UserGrants(standardProfile('Standard User'), [readRuns]);
    assert.equal(one.hasCustomPermission('migrate_community_users'), true);
    assert.equal(one.canRunApexClass('runcontroller'), true);
    assert.equal(one.canAccessObject('RUN__C', 'read'), true);
    assert.equal(one.canAccessObject('Run__c', 'edit'), false);
    assert.equal(one.canAccessField('run__c.status__c', 'edit'), false);
    const both = new UserGrants(standardProfile('Standard User'), [readRuns, editRuns]);
    assert.equal(both.canAccessObject('Run__c', 'edit'), true);
    assert.equal(both.canAccessObject('Run__c', 'delete'), false);
    assert.equal(both.canAccessField('Run__c.Status__c', 'edit'), true);
    assert.equal(both.canAccessField('Run__c.Status__c', 'read'), true, 'edit implies read');
});

test('System Administrator reaches every object and class, but field-level security and custom permissions only when granted', () => {
    const admin = new UserGrants(SYSTEM_ADMINISTRATOR, []);
    assert.equal(admin.canAccessObject('Anything__c', 'delete'), true);
    assert.equal(admin.canAccessField('Anything__c.Secret__c', 'read'), false, 'Modify All Data does not bypass FLS');
    assert.equal(new UserGrants(SYSTEM_ADMINISTRATOR, [editRuns]).canAccessField('Run__c.Status__c', 'edit'), true);
    assert.equal(admin.isModifyAllData && admin.isViewAllData, true);
    assert.equal(admin.canRunApexClass('RunController'), true);
    assert.equal(admin.hasUserPermission('ManageUsers'), true);
    assert.equal(admin.hasCustomPermission('Migrate_Community_Users'), false);
});

test('View All Data grants reads only; modify-all on an object grants everything on it', () => {
    const viewer = new UserGrants(standardProfile('Standard User'), [ps({ userPermissions: ['ViewAllData'] })]);
    assert.equal(viewer.canAccessObject('Run__c', 'read'), true);
    assert.equal(viewer.canAccessObject('Run__c', 'edit'), false);
    const modifyAll = new UserGrants(standardProfile('Standard User'), [
        ps({
            objectPermissions: [
                {
                    object: 'Run__c',
                    allowCreate: false,
                    allowRead: false,
                    allowEdit: false,
                    allowDelete: false,
                    viewAllRecords: false,
                    modifyAllRecords: true
                }
            ]
        })
    ]);
    assert.equal(modifyAll.canAccessObject('Run__c', 'delete'), true);
});
