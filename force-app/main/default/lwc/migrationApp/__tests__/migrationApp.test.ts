import { createElement } from 'lwc';
import MigrationApp from 'c/migrationApp';
import createRun from '@salesforce/apex/MigrationController.createRun';
import getRun from '@salesforce/apex/MigrationController.getRun';
import countUsers from '@salesforce/apex/MigrationController.countUsers';
import listRuns from '@salesforce/apex/MigrationController.listRuns';
import getPermissionInventory from '@salesforce/apex/MigrationController.getPermissionInventory';
import discardRun from '@salesforce/apex/MigrationController.discardRun';
import { refreshApex } from '@salesforce/apex';
import { aRun } from '../../migrationUtils/__tests__/runFixtures';

jest.mock('@salesforce/apex', () => ({ refreshApex: jest.fn(() => Promise.resolve()) }), { virtual: true });
jest.mock('lightning/navigation', () => jest.requireActual('../../../../../test/jest-mocks/lightning/navigation'));
jest.mock(
    '@salesforce/apex/LicenseSummaryController.getExternalLicenseSummary',
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
jest.mock(
    '@salesforce/apex/MigrationController.previewUsers',
    () => {
        const { createApexTestWireAdapter } = jest.requireActual('@salesforce/sfdx-lwc-jest');
        return { default: createApexTestWireAdapter(jest.fn()) };
    },
    { virtual: true }
);
jest.mock('@salesforce/apex/MigrationController.getPermissionInventory', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/MigrationController.listRuns', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MigrationController.countUsers', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MigrationController.resolveUserList', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MigrationController.createRun', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MigrationController.getRun', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MigrationController.getItems', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MigrationController.exportCsv', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MigrationController.saveMapping', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MigrationController.runPreflight', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MigrationController.startRun', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MigrationController.abortRun', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MigrationController.retryRun', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MigrationController.resumeRun', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MigrationController.rollbackRun', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MigrationController.discardRun', () => ({ default: jest.fn() }), { virtual: true });
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
jest.mock('@salesforce/apex/ImportController.createImportRun', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/ImportController.runImportPreflight', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/ImportController.excludeBlocked', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/ImportController.startImport', () => ({ default: jest.fn() }), { virtual: true });

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

type Button = HTMLElement & { disabled: boolean; label: string };

const navigation = jest.requireMock('lightning/navigation') as NavigationDouble;
const createRunMock = createRun as unknown as jest.Mock;
const getRunMock = getRun as unknown as jest.Mock;
const countMock = countUsers as unknown as jest.Mock;
const listRunsMock = listRuns as unknown as jest.Mock;
const inventoryMock = getPermissionInventory as unknown as jest.Mock;
const discardMock = discardRun as unknown as jest.Mock;
const RUN_ID = 'a01000000000001AAA';
const TAB: PageRef = { type: 'standard__navItemPage', attributes: { apiName: 'Community_User_Migrator' }, state: {} };

const SELECTION = { mode: 'Criteria', criteria: { licenseNames: ['Customer Community'] }, count: 12 };
const TARGET = {
    targetProfileId: '00e000000000002AAA',
    licenseName: 'Customer Community Plus',
    userType: 'PowerCustomerSuccess',
    roleStrategy: 'Platform_Default',
    roleLevel: null,
    targetRoleId: null
};

async function flush(): Promise<void> {
    for (let i = 0; i < 8; i++) {
        // eslint-disable-next-line no-await-in-loop
        await Promise.resolve();
    }
}

async function mount(state?: Record<string, string>): Promise<HTMLElement> {
    const element = createElement('c-migration-app', { is: MigrationApp });
    document.body.appendChild(element);
    if (state) {
        navigation.CurrentPageReference.emit({ ...TAB, state });
    }
    await flush();
    return element;
}

function root(element: HTMLElement): ShadowRoot {
    return element.shadowRoot as ShadowRoot;
}

function child(element: HTMLElement, selector: string): HTMLElement {
    return root(element).querySelector(selector) as HTMLElement;
}

function fire(target: HTMLElement, name: string, detail: unknown): void {
    target.dispatchEvent(new CustomEvent(name, { detail }));
}

function lastState(): Record<string, string | undefined> {
    const calls = navigation.getNavigateCalls();
    const last = calls[calls.length - 1];
    expect(last.replace).toBe(true);
    expect(last.pageReference.attributes).toEqual({ apiName: 'Community_User_Migrator' });
    return last.pageReference.state ?? {};
}

describe('c-migration-app', () => {
    beforeEach(() => {
        countMock.mockResolvedValue(0);
        getRunMock.mockResolvedValue(aRun());
        listRunsMock.mockResolvedValue([]);
        inventoryMock.mockResolvedValue([]);
    });

    afterEach(() => {
        document.body.replaceChildren();
        jest.clearAllMocks();
        navigation.resetNavigateCalls();
    });

    it('shows the title, the license summary and the first wizard step', async () => {
        const element = await mount();

        expect(root(element).querySelector('h1')?.textContent).toBe('Community User Migrator');
        expect(root(element).querySelector('c-license-summary')).not.toBeNull();
        expect(root(element).querySelector('lightning-progress-indicator')).toHaveProperty('currentStep', 'select');
        expect(child(element, 'c-user-selection')).not.toBeNull();
        expect((child(element, '.next') as Button).disabled).toBe(true);
        expect(root(element).querySelector('.back')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('goes from the selection to the target, creates the run once, and records it in the URL', async () => {
        let finish: (id: string) => void = () => undefined;
        createRunMock.mockReturnValue(new Promise<string>((done) => (finish = done)));
        const element = await mount({});

        fire(child(element, 'c-user-selection'), 'selectionchange', SELECTION);
        await flush();
        child(element, '.next').click();
        await flush();
        expect(lastState()).toEqual({ c__runId: undefined, c__step: 'target', c__view: undefined });
        expect(child(element, 'c-user-selection').parentElement?.className).toBe('slds-hide');
        expect((child(element, 'c-target-picker') as HTMLElement & { userCount: number }).userCount).toBe(12);
        const next = child(element, '.next') as Button;
        expect(next.label).toBe('Create run');
        expect(next.disabled).toBe(true);
        await expect(element).toBeAccessible();

        fire(child(element, 'c-target-picker'), 'targetchange', TARGET);
        await flush();
        next.click();
        next.click();
        await flush();
        expect(createRunMock).toHaveBeenCalledTimes(1);
        expect(JSON.parse(createRunMock.mock.calls[0][0].requestJson)).toEqual({
            kind: 'Migration',
            criteria: { licenseNames: ['Customer Community'] },
            targetProfileId: '00e000000000002AAA',
            roleStrategy: 'Platform_Default',
            roleLevel: null,
            targetRoleId: null,
            dryRun: false,
            scopeSize: 200
        });
        finish(RUN_ID);
        await flush();
        expect(lastState()).toEqual({ c__runId: RUN_ID, c__step: 'permissions', c__view: undefined });
        expect(child(element, 'c-permission-mapping')).toHaveProperty('runId', RUN_ID);
        expect(root(element).querySelector('.back')).toBeNull();

        child(element, '.back')?.click();
        expect((child(element, '.next') as Button).disabled).toBe(true);
        fire(child(element, 'c-permission-mapping'), 'mappingsaved', RUN_ID);
        await flush();
        child(element, '.next').click();
        await flush();
        expect(lastState()).toMatchObject({ c__runId: RUN_ID, c__step: 'preflight' });
    });

    it('keeps the wizard where it was when the run cannot be created', async () => {
        createRunMock.mockRejectedValue({ body: { message: 'Target profile is internal.' } });
        const element = await mount({ c__step: 'target' });
        expect(root(element).querySelector('lightning-progress-indicator')).toHaveProperty('currentStep', 'select');
        fire(child(element, 'c-user-selection'), 'selectionchange', SELECTION);
        await flush();
        child(element, '.next').click();
        fire(child(element, 'c-target-picker'), 'targetchange', TARGET);
        await flush();
        child(element, '.next').click();
        await flush();

        const panel = child(element, 'c-error-panel');
        const messages = [...(panel.shadowRoot as ShadowRoot).querySelectorAll('li')].map((li) => li.textContent);
        expect(messages).toEqual(['Target profile is internal.']);
        expect(root(element).querySelector('lightning-progress-indicator')).toHaveProperty('currentStep', 'target');
        expect((child(element, '.next') as Button).disabled).toBe(false);
        await expect(element).toBeAccessible();

        child(element, '.back').click();
        await flush();
        expect(lastState()).toMatchObject({ c__step: 'select' });
    });

    it('restores the step of a run from the URL and walks to the console', async () => {
        getRunMock.mockResolvedValue(aRun({ status: 'Preparing' }));
        const element = await mount({ c__runId: RUN_ID, c__step: 'preflight' });
        const report = child(element, 'c-preflight-report');
        expect(report).toHaveProperty('runId', RUN_ID);
        expect((child(element, '.next') as Button).disabled).toBe(true);

        fire(report, 'preflightdone', aRun({ status: 'Ready' }));
        await flush();
        child(element, '.next').click();
        await flush();
        expect(lastState()).toMatchObject({ c__runId: RUN_ID, c__step: 'confirm' });
        const confirm = child(element, 'c-confirm-run');
        expect(confirm).toHaveProperty('runId', RUN_ID);
        expect(root(element).querySelector('.next')).toBeNull();

        child(element, '.back').click();
        await flush();
        expect(lastState()).toMatchObject({ c__step: 'preflight' });
        child(element, '.next').click();
        await flush();

        fire(child(element, 'c-confirm-run'), 'runstarted', RUN_ID);
        await flush();
        expect(lastState()).toMatchObject({ c__runId: RUN_ID, c__step: 'run' });
        expect(child(element, 'c-run-console')).toHaveProperty('runId', RUN_ID);
        await expect(element).toBeAccessible();
    });

    it('does not go on from a preflight that blocks everyone', async () => {
        const element = await mount({ c__runId: RUN_ID, c__step: 'preflight' });
        fire(child(element, 'c-preflight-report'), 'preflightdone', aRun({ totalItems: 2, blockedCount: 2 }));
        await flush();
        expect((child(element, '.next') as Button).disabled).toBe(true);
    });

    it('opens the console for a run Id alone, and ignores a malformed one', async () => {
        let element = await mount({ c__runId: RUN_ID });
        expect(child(element, 'c-run-console')).toHaveProperty('runId', RUN_ID);
        document.body.replaceChildren();

        element = await mount({ c__runId: 'bad', c__step: 'confirm' });
        expect(root(element).querySelector('c-confirm-run')).toBeNull();
        expect(root(element).querySelector('lightning-progress-indicator')).toHaveProperty('currentStep', 'select');
    });

    it('refreshes the license summary when the run console reports that the run finished', async () => {
        const element = await mount({ c__runId: RUN_ID });
        const refreshMock = refreshApex as unknown as jest.Mock;
        refreshMock.mockClear();
        child(element, 'c-run-console').dispatchEvent(new CustomEvent('runfinished', { detail: 'Completed' }));
        await flush();
        expect(refreshMock).toHaveBeenCalledTimes(1);
    });

    it('shows the history and opens a run from it in the console', async () => {
        const element = await mount({});
        child(element, '.show-history').click();
        await flush();
        expect(lastState()).toMatchObject({ c__view: 'history' });
        const history = child(element, 'c-run-history');
        expect(history).not.toBeNull();
        expect(root(element).querySelector('c-user-selection')).toBeNull();
        await expect(element).toBeAccessible();

        fire(history, 'openrun', RUN_ID);
        await flush();
        expect(lastState()).toEqual({ c__runId: RUN_ID, c__step: 'run', c__view: undefined });
        expect(child(element, 'c-run-console')).toHaveProperty('runId', RUN_ID);

        fire(child(element, 'c-run-console'), 'openrun', 'a01000000000009AAA');
        await flush();
        expect(child(element, 'c-run-console')).toHaveProperty('runId', 'a01000000000009AAA');

        // A run that has started is not offered for discarding: New migration starts over at once.
        getRunMock.mockResolvedValue(aRun({ status: 'Completed' }));
        child(element, '.start-over').click();
        await flush();
        expect(lastState()).toEqual({ c__runId: undefined, c__step: 'select', c__view: undefined });
        expect(child(element, 'c-user-selection')).not.toBeNull();
        expect(root(element).querySelector('.discard-prompt')).toBeNull();
        expect(discardMock).not.toHaveBeenCalled();

        child(element, '.show-history').click();
        child(element, '.show-wizard').click();
        await flush();
        expect(lastState()).toMatchObject({ c__view: undefined });
    });

    it('opens the import of people as its own view, kept in the URL', async () => {
        const element = await mount({});
        child(element, '.show-import').click();
        await flush();
        expect(lastState()).toMatchObject({ c__view: 'import' });
        expect(child(element, 'c-import-wizard')).not.toBeNull();
        expect(root(element).querySelector('c-user-selection')).toBeNull();
        expect(child(element, '.show-import')).toHaveProperty('variant', 'brand');
        await expect(element).toBeAccessible();

        child(element, '.show-wizard').click();
        await flush();
        expect(lastState()).toMatchObject({ c__view: undefined });
        expect(root(element).querySelector('c-import-wizard')).toBeNull();
        document.body.replaceChildren();

        const reloaded = await mount({ c__view: 'import' });
        expect(child(reloaded, 'c-import-wizard')).not.toBeNull();
    });

    it('offers to discard an unstarted run on New migration, and discards it after the confirm step', async () => {
        getRunMock.mockResolvedValue(aRun({ status: 'Ready', name: 'RUN-00007' }));
        discardMock.mockResolvedValue(undefined);
        const element = await mount({ c__runId: RUN_ID, c__step: 'confirm' });

        child(element, '.start-over').click();
        await flush();
        const prompt = child(element, '.discard-prompt');
        expect(prompt).not.toBeNull();
        expect(prompt.textContent).toContain('RUN-00007 has not started and still holds its users');
        expect(discardMock).not.toHaveBeenCalled();
        expect(navigation.getNavigateCalls()).toEqual([]);
        await expect(element).toBeAccessible();

        child(element, '.cancel-start-over').click();
        await flush();
        expect(root(element).querySelector('.discard-prompt')).toBeNull();
        expect(child(element, 'c-confirm-run')).not.toBeNull();

        child(element, '.start-over').click();
        await flush();
        child(element, '.discard').click();
        await flush();
        expect(discardMock).toHaveBeenCalledTimes(1);
        expect(discardMock).toHaveBeenCalledWith({ runId: RUN_ID });
        expect(lastState()).toEqual({ c__runId: undefined, c__step: 'select', c__view: undefined });
        expect(root(element).querySelector('.discard-prompt')).toBeNull();
        expect(child(element, 'c-user-selection')).not.toBeNull();
    });

    it('keeps an unstarted run when asked, waits for a busy one, and shows a refused discard', async () => {
        getRunMock.mockResolvedValue(aRun({ status: 'Preparing', busy: true }));
        let element = await mount({ c__runId: RUN_ID, c__step: 'preflight' });
        child(element, '.start-over').click();
        await flush();
        expect((child(element, '.discard') as Button).disabled).toBe(true);
        expect(child(element, '.discard-busy').textContent).toContain('still running');
        child(element, '.discard').click();
        await flush();
        expect(discardMock).not.toHaveBeenCalled();
        child(element, '.keep-run').click();
        await flush();
        expect(lastState()).toEqual({ c__runId: undefined, c__step: 'select', c__view: undefined });
        expect(discardMock).not.toHaveBeenCalled();
        document.body.replaceChildren();
        navigation.resetNavigateCalls();

        getRunMock.mockResolvedValue(aRun({ status: 'Draft' }));
        discardMock.mockRejectedValue({ body: { message: 'RUN-00001 is Running; only a run that has not started' } });
        element = await mount({ c__runId: RUN_ID, c__step: 'permissions' });
        child(element, '.start-over').click();
        await flush();
        child(element, '.discard').click();
        await flush();
        const panel = child(element, '.discard-error c-error-panel');
        const messages = [...(panel.shadowRoot as ShadowRoot).querySelectorAll('li')].map((li) => li.textContent);
        expect(messages).toEqual(['RUN-00001 is Running; only a run that has not started']);
        expect(child(element, '.discard-prompt')).not.toBeNull();
        expect(navigation.getNavigateCalls()).toEqual([]);
        expect(child(element, 'c-permission-mapping')).toHaveProperty('runId', RUN_ID);
        await expect(element).toBeAccessible();
        document.body.replaceChildren();

        getRunMock.mockRejectedValue({ body: { message: 'Run not found.' } });
        element = await mount({ c__runId: RUN_ID, c__step: 'run' });
        child(element, '.start-over').click();
        await flush();
        expect(lastState()).toEqual({ c__runId: undefined, c__step: 'select', c__view: undefined });
        expect(child(element, '.discard-error c-error-panel')).toHaveProperty(
            'friendlyMessage',
            'The previous run could not be read, so it was kept as it is.'
        );
        expect(root(element).querySelector('.discard-prompt')).toBeNull();
    });

    it('gives the selection step no user-type preset in a migration, and the legacy types in a re-create', async () => {
        const element = await mount({});
        expect(child(element, 'c-user-selection')).toHaveProperty('userTypes', []);
        expect(child(element, 'c-user-selection')).toHaveProperty('legacyPortalOnly', false);
        child(element, '.show-recreate').click();
        await flush();
        expect(child(element, 'c-user-selection')).toHaveProperty('legacyPortalOnly', true);
        expect(child(element, 'c-user-selection')).toHaveProperty('userTypes', [
            'CustomerSuccess',
            'PowerCustomerSuccess',
            'PowerPartner'
        ]);
        child(element, '.show-wizard').click();
        await flush();
        expect(child(element, 'c-user-selection')).toHaveProperty('userTypes', []);
    });

    it('works without a page reference (app page), keeping the state in memory', async () => {
        const element = await mount();
        child(element, '.show-history').click();
        await flush();
        expect(navigation.getNavigateCalls()).toEqual([]);
        expect(child(element, 'c-run-history')).not.toBeNull();
    });
    it('opens the same wizard for a re-create run and sends kind, legacy user types, suffix and reassignment', async () => {
        createRunMock.mockResolvedValue(RUN_ID);
        const element = await mount({});
        child(element, '.show-recreate').click();
        await flush();
        expect(lastState()).toMatchObject({ c__view: 'recreate', c__step: 'select' });
        expect((child(element, '.show-recreate') as Button & { variant: string }).variant).toBe('brand');
        expect((child(element, '.show-wizard') as Button & { variant: string }).variant).toBe('neutral');
        expect(child(element, '.recreate-note')?.textContent).toContain('cannot be rolled back');
        expect(child(element, 'c-user-selection')).toHaveProperty('userTypes', [
            'CustomerSuccess',
            'PowerCustomerSuccess',
            'PowerPartner'
        ]);
        await expect(element).toBeAccessible();

        fire(child(element, 'c-user-selection'), 'selectionchange', {
            mode: 'Criteria',
            criteria: { userTypes: ['CspLitePortal', 'PowerPartner'] },
            count: 3
        });
        await flush();
        child(element, '.next').click();
        await flush();
        fire(child(element, 'c-target-picker'), 'targetchange', TARGET);
        const suffix = child(element, '.username-suffix') as HTMLElement & { value: string };
        expect(suffix.value).toBe('.community');
        fire(suffix, 'change', { value: ' .cc ' });
        fire(child(element, '.reassign-records'), 'change', { checked: true });
        await flush();
        child(element, '.next').click();
        await flush();

        expect(JSON.parse(createRunMock.mock.calls[0][0].requestJson)).toEqual({
            kind: 'Recreate',
            criteria: { userTypes: ['PowerPartner'] },
            targetProfileId: '00e000000000002AAA',
            roleStrategy: 'Platform_Default',
            roleLevel: null,
            targetRoleId: null,
            dryRun: false,
            scopeSize: 200,
            usernameSuffix: '.cc',
            reassignRecords: true
        });
        expect(lastState()).toMatchObject({ c__runId: RUN_ID, c__step: 'permissions', c__view: 'recreate' });
    });

    it('refuses a re-create run whose chosen user types hold no legacy portal type, and presets them otherwise', async () => {
        createRunMock.mockResolvedValue(RUN_ID);
        const element = await mount({ c__view: 'recreate' });
        fire(child(element, 'c-user-selection'), 'selectionchange', {
            mode: 'Criteria',
            criteria: { userTypes: ['CspLitePortal'] },
            count: 3
        });
        await flush();
        child(element, '.next').click();
        await flush();
        fire(child(element, 'c-target-picker'), 'targetchange', TARGET);
        await flush();
        child(element, '.next').click();
        await flush();
        expect(createRunMock).not.toHaveBeenCalled();
        expect(child(element, 'c-error-panel')).toHaveProperty('friendlyMessage', 'The run could not be created.');

        fire(child(element, 'c-user-selection'), 'selectionchange', SELECTION);
        await flush();
        child(element, '.next').click();
        await flush();
        expect(JSON.parse(createRunMock.mock.calls[0][0].requestJson)).toMatchObject({
            kind: 'Recreate',
            criteria: {
                licenseNames: ['Customer Community'],
                userTypes: ['CustomerSuccess', 'PowerCustomerSuccess', 'PowerPartner']
            },
            usernameSuffix: '.community',
            reassignRecords: false
        });
    });
});
