import { createElement } from 'lwc';
import ImportWizard from 'c/importWizard';
import getImportSettings from '@salesforce/apex/ImportController.getImportSettings';
import getAssignablePermissionSets from '@salesforce/apex/ImportController.getAssignablePermissionSets';
import createImportRun from '@salesforce/apex/ImportController.createImportRun';
import getRun from '@salesforce/apex/MigrationController.getRun';
import type { ImportChoice, ImportFile } from 'c/migrationTypes';
import { aRun } from '../../migrationUtils/__tests__/runFixtures';

jest.mock('lightning/navigation', () => jest.requireActual('../../../../../test/jest-mocks/lightning/navigation'));
jest.mock(
    '@salesforce/apex/ImportController.getImportSettings',
    () => {
        const { createApexTestWireAdapter } = jest.requireActual('@salesforce/sfdx-lwc-jest');
        return { default: createApexTestWireAdapter(jest.fn()) };
    },
    { virtual: true }
);
jest.mock(
    '@salesforce/apex/ImportController.getAssignablePermissionSets',
    () => {
        const { createApexTestWireAdapter } = jest.requireActual('@salesforce/sfdx-lwc-jest');
        return { default: createApexTestWireAdapter(jest.fn()) };
    },
    { virtual: true }
);
jest.mock(
    '@salesforce/apex/MigrationController.getLicenseTargets',
    () => {
        const { createApexTestWireAdapter } = jest.requireActual('@salesforce/sfdx-lwc-jest');
        return { default: createApexTestWireAdapter(jest.fn()) };
    },
    { virtual: true }
);
jest.mock('@salesforce/apex/ImportController.createImportRun', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/ImportController.runImportPreflight', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/ImportController.excludeBlocked', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/ImportController.startImport', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MigrationController.getRun', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MigrationController.getItems', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MigrationController.exportCsv', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MigrationController.abortRun', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MigrationController.retryRun', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MigrationController.resumeRun', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MigrationController.rollbackRun', () => ({ default: jest.fn() }), { virtual: true });

interface TestWireAdapter {
    emit(value: unknown): void;
    getLastConfig(): Record<string, unknown> | undefined;
    error(body?: unknown): void;
}

interface PageRef {
    type: string;
    attributes?: Record<string, unknown>;
    state?: Record<string, string | undefined>;
}

interface NavigationDouble {
    CurrentPageReference: { emit(value: PageRef): void };
    getNavigateCalls(): { pageReference: PageRef; replace: boolean }[];
    resetNavigateCalls(): void;
}

const navigation = jest.requireMock('lightning/navigation') as NavigationDouble;
const TAB: PageRef = { type: 'standard__navItemPage', attributes: { apiName: 'Community_User_Migrator' }, state: {} };

function lastState(): Record<string, string | undefined> {
    const calls = navigation.getNavigateCalls();
    const last = calls[calls.length - 1];
    expect(last.replace).toBe(true);
    return last.pageReference.state ?? {};
}

const settingsWire = getImportSettings as unknown as TestWireAdapter;
const permissionSetsWire = getAssignablePermissionSets as unknown as TestWireAdapter;
const createMock = createImportRun as unknown as jest.Mock;
const getRunMock = getRun as unknown as jest.Mock;
const RUN_ID = 'a01000000000001AAA';

const SETTINGS = {
    maxRows: 10000,
    knownColumns: ['FirstName', 'LastName', 'Email'],
    requiredColumns: ['LastName', 'Email'],
    defaultLocale: 'en_US',
    defaultTimeZone: 'America/Los_Angeles',
    defaultLanguage: 'en_US',
    defaultEmailEncoding: 'UTF-8',
    contactKeyFields: ['Migrator_External_Id__c'],
    accountKeyFields: ['Migrator_External_Id__c'],
    confirmationPhrase: 'IRREVERSIBLE'
};

const FILE: ImportFile = {
    fileName: 'people.csv',
    size: 60,
    csv: 'LastName,Email\r\nLovelace,ada@example.com\r\nTuring,alan@example.com\r\n'
};

const CHOICE: ImportChoice = {
    targetProfileId: '00e000000000002AAA',
    licenseName: 'Customer Community Plus',
    userType: 'PowerCustomerSuccess',
    roleStrategy: 'Platform_Default',
    roleLevel: null,
    targetRoleId: null,
    permissionSetIds: [],
    usernameSuffix: '.acme',
    sendWelcomeEmail: false,
    contactKeyField: 'Migrator_External_Id__c',
    accountKeyField: null
};

type Button = HTMLElement & { disabled: boolean; label: string };

async function flush(): Promise<void> {
    for (let i = 0; i < 6; i++) {
        // eslint-disable-next-line no-await-in-loop
        await Promise.resolve();
    }
}

async function mount(): Promise<HTMLElement> {
    const element = createElement('c-import-wizard', { is: ImportWizard });
    document.body.appendChild(element);
    await flush();
    return element;
}

function root(element: HTMLElement): ShadowRoot {
    return element.shadowRoot as ShadowRoot;
}

function q<T extends Element = Button>(element: HTMLElement, selector: string): T {
    return root(element).querySelector(selector) as T;
}

function send(element: HTMLElement, child: string, name: string, detail: unknown): void {
    q(element, child).dispatchEvent(new CustomEvent(name, { detail }));
}

/** Upload → Options → Create import, with the given answer from createImportRun. */
async function createWith(element: HTMLElement, answer: unknown, rejected = false): Promise<void> {
    if (rejected) {
        createMock.mockRejectedValue(answer);
    } else {
        createMock.mockResolvedValue(answer);
    }
    send(element, 'c-import-upload', 'filechange', FILE);
    await flush();
    q(element, '.next').click();
    await flush();
    send(element, 'c-import-options', 'optionschange', CHOICE);
    await flush();
    q(element, '.next').click();
    await flush();
}

describe('c-import-wizard', () => {
    afterEach(() => {
        document.body.replaceChildren();
        jest.resetAllMocks();
        navigation.resetNavigateCalls();
    });

    it('hands the settings to the upload and options steps and waits for a file', async () => {
        const element = await mount();
        settingsWire.emit(SETTINGS);
        await flush();
        const upload = q<HTMLElement & { maxRows: number; requiredColumns: string[] }>(element, 'c-import-upload');
        expect(upload.maxRows).toBe(10000);
        expect(upload.requiredColumns).toEqual(['LastName', 'Email']);
        const options = q<HTMLElement & { contactKeyFields: string[] }>(element, 'c-import-options');
        expect(options.contactKeyFields).toEqual(['Migrator_External_Id__c']);
        expect(q(element, '.next').disabled).toBe(true);
        expect(q(element, '.back')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('creates the import run from the file and the options, then opens its preflight', async () => {
        getRunMock.mockReturnValue(new Promise(() => undefined));
        const element = await mount();
        settingsWire.emit(SETTINGS);
        send(element, 'c-import-upload', 'filechange', FILE);
        await flush();
        q(element, '.next').click();
        await flush();
        expect((q(element, 'lightning-progress-indicator') as HTMLElement & { currentStep: string }).currentStep).toBe(
            'options'
        );
        expect(q<HTMLElement & { rowCount: number }>(element, 'c-import-options').rowCount).toBe(2);
        expect(q(element, '.next').label).toBe('Create import');
        expect(q(element, '.next').disabled).toBe(true);

        // Back keeps the file; forward again.
        q(element, '.back').click();
        await flush();
        expect(q(element, '.next').disabled).toBe(false);
        q(element, '.next').click();
        await flush();

        createMock.mockResolvedValue({ runId: RUN_ID, rowCount: 2, fileErrors: [] });
        send(element, 'c-import-options', 'optionschange', CHOICE);
        await flush();
        q(element, '.next').click();
        q(element, '.next').click();
        await flush();

        expect(createMock).toHaveBeenCalledTimes(1);
        expect(JSON.parse(createMock.mock.calls[0][0].requestJson)).toEqual({
            csv: FILE.csv,
            targetProfileId: '00e000000000002AAA',
            roleStrategy: 'Platform_Default',
            roleLevel: null,
            targetRoleId: null,
            permissionSetIds: [],
            usernameSuffix: '.acme',
            sendWelcomeEmail: false,
            contactKeyField: 'Migrator_External_Id__c',
            accountKeyField: null
        });
        expect(q<HTMLElement & { runId: string }>(element, 'c-import-preflight').runId).toBe(RUN_ID);
        expect(q(element, 'c-import-upload')).toBeNull();
        expect(q(element, '.start-over')).not.toBeNull();
        expect(q(element, '.next').disabled).toBe(true);
        await expect(element).toBeAccessible();
    });

    it('offers the permission sets of the chosen profile and sends only those it offers', async () => {
        const element = await mount();
        settingsWire.emit(SETTINGS);
        send(element, 'c-import-upload', 'filechange', FILE);
        await flush();
        q(element, '.next').click();
        await flush();
        const options = q<HTMLElement & { permissionSets: unknown[] }>(element, 'c-import-options');
        expect(options.permissionSets).toEqual([]);

        const offered = [
            {
                id: '0PS000000000001AAA',
                name: 'Reader',
                label: 'Reader',
                isGroup: false,
                userLicense: null,
                permissionSetLicenses: []
            },
            {
                id: '0PG000000000001AAA',
                name: 'Bundle',
                label: 'Bundle',
                isGroup: true,
                userLicense: null,
                permissionSetLicenses: []
            }
        ];
        send(element, 'c-import-options', 'profilechange', '00e000000000002AAA');
        await flush();
        expect(permissionSetsWire.getLastConfig()).toEqual({ profileId: '00e000000000002AAA' });
        permissionSetsWire.emit(offered);
        await flush();
        expect(options.permissionSets).toEqual(offered);

        // A set chosen for an earlier profile is not sent.
        createMock.mockResolvedValue({ runId: RUN_ID, rowCount: 2, fileErrors: [] });
        getRunMock.mockReturnValue(new Promise(() => undefined));
        send(element, 'c-import-options', 'optionschange', {
            ...CHOICE,
            permissionSetIds: ['0PG000000000001AAA', '0PS00000000000XAAA']
        });
        await flush();
        q(element, '.next').click();
        await flush();
        expect(JSON.parse(createMock.mock.calls[0][0].requestJson).permissionSetIds).toEqual(['0PG000000000001AAA']);
    });

    it('says when the permission sets of the profile cannot be loaded, and offers none', async () => {
        const element = await mount();
        settingsWire.emit(SETTINGS);
        send(element, 'c-import-upload', 'filechange', FILE);
        await flush();
        q(element, '.next').click();
        await flush();
        send(element, 'c-import-options', 'profilechange', '00e000000000002AAA');
        await flush();
        permissionSetsWire.error({ body: { message: 'You need View Setup.' } });
        await flush();
        expect(q(element, '.permission-sets-error')).not.toBeNull();
        expect(q<HTMLElement & { permissionSets: unknown[] }>(element, 'c-import-options').permissionSets).toEqual([]);

        // No profile any more: the error goes.
        send(element, 'c-import-options', 'profilechange', null);
        await flush();
        expect(q(element, '.permission-sets-error')).toBeNull();
    });

    it('returns to the upload step with the file errors when the server refuses the file', async () => {
        const element = await mount();
        settingsWire.emit(SETTINGS);
        const fileErrors = [{ code: 'CSV_NO_ROWS', line: null, column: null, message: 'The file has no data rows.' }];
        await createWith(element, { runId: null, rowCount: 0, fileErrors });

        const upload = q<HTMLElement & { fileErrors: unknown }>(element, 'c-import-upload');
        expect(upload.fileErrors).toEqual(fileErrors);
        expect(q(element, 'c-import-preflight')).toBeNull();
        expect((q(element, 'lightning-progress-indicator') as HTMLElement & { currentStep: string }).currentStep).toBe(
            'upload'
        );

        // A new file clears the old errors.
        send(element, 'c-import-upload', 'filechange', FILE);
        await flush();
        expect(upload.fileErrors).toEqual([]);
        await expect(element).toBeAccessible();
    });

    it('shows a failed create through the error panel and stays on the options', async () => {
        const element = await mount();
        await createWith(element, { body: { message: 'Insufficient access.' } }, true);
        const panel = q<HTMLElement & { errors: unknown }>(element, '.create-error c-error-panel');
        expect(panel.errors).toEqual({ body: { message: 'Insufficient access.' } });
        expect(q(element, 'c-import-options')).not.toBeNull();
        expect(q(element, '.next').disabled).toBe(false);
    });

    it('lists lines the server left out of a run it created', async () => {
        getRunMock.mockReturnValue(new Promise(() => undefined));
        const element = await mount();
        await createWith(element, {
            runId: RUN_ID,
            rowCount: 2,
            fileErrors: [
                { code: 'CSV_FIELD_COUNT', line: 4, column: null, message: 'Line 4 has 3 fields; the header has 2.' }
            ]
        });
        expect(q(element, '.left-out')?.textContent).toContain(
            'Line 4: CSV_FIELD_COUNT. Line 4 has 3 fields; the header has 2.'
        );
    });

    it('goes from a finished preflight to confirm, to the run console, and starts over', async () => {
        getRunMock.mockResolvedValue(aRun({ kind: 'Import', status: 'Ready', blockedCount: 0 }));
        const element = await mount();
        settingsWire.emit(SETTINGS);
        await createWith(element, { runId: RUN_ID, rowCount: 2, fileErrors: [] });

        send(element, 'c-import-preflight', 'preflightdone', aRun({ status: 'Preparing' }));
        await flush();
        expect(q(element, '.next').disabled).toBe(true);
        send(element, 'c-import-preflight', 'preflightdone', aRun({ status: 'Ready' }));
        await flush();
        q(element, '.next').click();
        await flush();

        const confirm = q<HTMLElement & { runId: string; choice: unknown; confirmationPhrase: string }>(
            element,
            'c-import-confirm'
        );
        expect(confirm.runId).toBe(RUN_ID);
        expect(confirm.choice).toEqual(CHOICE);
        expect(confirm.confirmationPhrase).toBe('IRREVERSIBLE');
        expect(q(element, '.next')).toBeNull();
        q(element, '.back').click();
        await flush();
        expect(q(element, 'c-import-preflight')).not.toBeNull();
        q(element, '.next').click();
        await flush();

        send(element, 'c-import-confirm', 'runstarted', RUN_ID);
        await flush();
        expect(q<HTMLElement & { runId: string }>(element, 'c-run-console').runId).toBe(RUN_ID);
        expect(q(element, '.back')).toBeNull();

        q(element, '.start-over').click();
        await flush();
        expect(q(element, 'c-run-console')).toBeNull();
        expect(q(element, 'c-import-upload')).not.toBeNull();
        expect(q(element, '.next').disabled).toBe(true);
    });

    it('keeps the run and its step in the URL, and comes back to them after a reload', async () => {
        getRunMock.mockResolvedValue(aRun({ kind: 'Import', status: 'Ready', blockedCount: 0 }));
        const element = await mount();
        navigation.CurrentPageReference.emit({ ...TAB, state: { c__view: 'import' } });
        await flush();
        // Choosing a file records nothing: there is no run yet.
        send(element, 'c-import-upload', 'filechange', FILE);
        q(element, '.next').click();
        await flush();
        expect(navigation.getNavigateCalls()).toEqual([]);

        createMock.mockResolvedValue({ runId: RUN_ID, rowCount: 2, fileErrors: [] });
        send(element, 'c-import-options', 'optionschange', CHOICE);
        await flush();
        q(element, '.next').click();
        await flush();
        expect(lastState()).toEqual({ c__view: 'import', c__importRun: RUN_ID, c__importStep: 'preflight' });
        document.body.replaceChildren();

        // A reload on the confirm step opens it for the run in the URL.
        const reloaded = await mount();
        navigation.CurrentPageReference.emit({
            ...TAB,
            state: { c__view: 'import', c__importRun: RUN_ID, c__importStep: 'confirm' }
        });
        await flush();
        expect(q<HTMLElement & { runId: string }>(reloaded, 'c-import-confirm').runId).toBe(RUN_ID);
        q(reloaded, '.back').click();
        await flush();
        expect(lastState()).toMatchObject({ c__importRun: RUN_ID, c__importStep: 'preflight' });
        expect(q(reloaded, 'c-import-preflight')).not.toBeNull();

        q(reloaded, '.start-over').click();
        await flush();
        expect(lastState()).toEqual({ c__view: 'import', c__importRun: undefined, c__importStep: undefined });
        expect(q(reloaded, 'c-import-upload')).not.toBeNull();
        document.body.replaceChildren();

        // An unknown step opens the console; a malformed Id is ignored.
        const console_ = await mount();
        navigation.CurrentPageReference.emit({ ...TAB, state: { c__importRun: RUN_ID, c__importStep: 'upload' } });
        await flush();
        expect(q(console_, 'c-run-console')).not.toBeNull();
        document.body.replaceChildren();
        const malformed = await mount();
        navigation.CurrentPageReference.emit({ ...TAB, state: { c__importRun: 'nonsense', c__importStep: 'run' } });
        await flush();
        expect(q(malformed, 'c-import-upload')).not.toBeNull();
    });

    it('says when the settings cannot be loaded', async () => {
        const element = await mount();
        settingsWire.error({ message: 'No access to the import.' });
        await flush();
        expect(q(element, '.settings-error c-error-panel')).not.toBeNull();
        await expect(element).toBeAccessible();
    });
});
