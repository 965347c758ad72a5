import { createElement } from 'lwc';
import ImportConfirm from 'c/importConfirm';
import getRun from '@salesforce/apex/MigrationController.getRun';
import startImport from '@salesforce/apex/ImportController.startImport';
import type { ImportChoice, RunView } from 'c/migrationTypes';
import { aRun } from '../../migrationUtils/__tests__/runFixtures';

jest.mock('@salesforce/apex/MigrationController.getRun', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/ImportController.startImport', () => ({ default: jest.fn() }), { virtual: true });

const getRunMock = getRun as unknown as jest.Mock;
const startMock = startImport as unknown as jest.Mock;
const RUN_ID = 'a01000000000001AAA';

const CHOICE: ImportChoice = {
    targetProfileId: '00e000000000002AAA',
    licenseName: 'Customer Community Plus',
    userType: 'PowerCustomerSuccess',
    roleStrategy: 'Platform_Default',
    roleLevel: null,
    targetRoleId: null,
    permissionSetIds: ['0PS000000000001AAA', '0PS000000000002AAA'],
    usernameSuffix: null,
    sendWelcomeEmail: false,
    contactKeyField: 'Migrator_External_Id__c',
    accountKeyField: 'Migrator_External_Id__c'
};

type Button = HTMLElement & { disabled: boolean; label: string; variant: string };

function importRun(overrides: Partial<RunView> = {}): RunView {
    return aRun({ kind: 'Import', totalItems: 500, readyCount: 490, warningCount: 0, blockedCount: 0, ...overrides });
}

async function flush(): Promise<void> {
    for (let i = 0; i < 6; i++) {
        // eslint-disable-next-line no-await-in-loop
        await Promise.resolve();
    }
}

async function mount(props: Record<string, unknown> = {}): Promise<{ element: HTMLElement; started: unknown[] }> {
    const element = createElement('c-import-confirm', { is: ImportConfirm });
    Object.assign(element, { runId: RUN_ID, choice: CHOICE, ...props });
    const started: unknown[] = [];
    element.addEventListener('runstarted', (event) => started.push((event as CustomEvent).detail));
    document.body.appendChild(element);
    await flush();
    return { element, started };
}

function root(element: HTMLElement): ShadowRoot {
    return element.shadowRoot as ShadowRoot;
}

function change(target: Element | null, value: unknown): void {
    target?.dispatchEvent(new CustomEvent('change', { detail: { value } }));
}

function startButton(element: HTMLElement): Button {
    return root(element).querySelector('.start') as Button;
}

function sentences(element: HTMLElement): (string | null)[] {
    return [...root(element).querySelectorAll('li.stage-sentence')].map((li) => li.textContent);
}

describe('c-import-confirm', () => {
    afterEach(() => {
        document.body.replaceChildren();
        jest.resetAllMocks();
    });

    it('says what a dry run would do and starts it without a phrase', async () => {
        getRunMock.mockResolvedValue(importRun({ skippedCount: 10 }));
        startMock.mockResolvedValue(undefined);
        const { element, started } = await mount();

        expect(sentences(element)).toEqual([
            'Contacts: Would create or update the contact of each of the 490 rows, matched by its external key, on its account.',
            "Users: Would create one user per contact with the chosen profile of the Customer Community Plus license, the platform's default role of its account, then assign 2 permission sets (with the permission set licenses they need). No welcome e-mail is sent.",
            'Verify: Would read every new user back and check that it is a member of the sites of its profile.'
        ]);
        expect(root(element).querySelector('.excluded-text')?.textContent).toBe('10 excluded rows are left out.');
        expect(root(element).querySelector('.phrase')).toBeNull();
        expect(startButton(element).label).toBe('Start dry run');
        await expect(element).toBeAccessible();

        startButton(element).click();
        startButton(element).click();
        await flush();
        expect(startMock).toHaveBeenCalledTimes(1);
        expect(startMock).toHaveBeenCalledWith({ runId: RUN_ID, dryRun: true, confirmation: '' });
        expect(started).toEqual([RUN_ID]);
    });

    it('asks the typed phrase for a real import', async () => {
        getRunMock.mockResolvedValue(importRun({ roleStrategy: 'Level' }));
        startMock.mockResolvedValue(undefined);
        const { element, started } = await mount({
            choice: { ...CHOICE, permissionSetIds: ['0PS000000000001AAA'], sendWelcomeEmail: true },
            confirmationPhrase: 'CREATE USERS'
        });
        change(root(element).querySelector('.mode'), 'real');
        await flush();

        expect(sentences(element)[1]).toBe(
            'Users: Create one user per contact with the chosen profile of the Customer Community Plus license, the role of the chosen level in its account, then assign 1 permission set (with the permission set licenses they need). Salesforce is asked to e-mail each new user (external users get it only if their site sends welcome e-mails).'
        );
        expect(startButton(element).label).toBe('Start import');
        expect(startButton(element).variant).toBe('destructive');
        expect(startButton(element).disabled).toBe(true);
        await expect(element).toBeAccessible();

        change(root(element).querySelector('.phrase'), 'create users');
        await flush();
        expect(startButton(element).disabled).toBe(true);
        change(root(element).querySelector('.phrase'), ' CREATE USERS ');
        await flush();
        expect(startButton(element).disabled).toBe(false);
        startButton(element).click();
        await flush();
        expect(startMock).toHaveBeenCalledWith({ runId: RUN_ID, dryRun: false, confirmation: 'CREATE USERS' });
        expect(started).toEqual([RUN_ID]);
    });

    it('keeps Start disabled while blocked rows remain', async () => {
        getRunMock.mockResolvedValue(
            importRun({ blockedCount: 10, targetLicenseName: 'Customer Community', targetUserType: 'CspLitePortal' })
        );
        const { element } = await mount({ choice: null });
        expect(root(element).querySelector('.blocked-text')?.textContent).toBe(
            '10 rows are still blocked. Go back to the preflight and exclude them, or correct the file and upload it again.'
        );
        expect(sentences(element)[1]).toBe(
            'Users: Would create one user per contact with the chosen profile of the Customer Community license. No welcome e-mail is sent.'
        );
        expect(startButton(element).disabled).toBe(true);
        startButton(element).click();
        await flush();
        expect(startMock).not.toHaveBeenCalled();
        await expect(element).toBeAccessible();
    });

    it('keeps Start disabled until the preflight has finished', async () => {
        getRunMock.mockResolvedValue(importRun({ status: 'Preparing' }));
        const { element } = await mount();
        expect(root(element).querySelector('.not-ready')?.textContent).toBe(
            'The import is Preparing: it can start once its preflight has finished.'
        );
        expect(startButton(element).disabled).toBe(true);
    });

    it('shows a refused start and lets the admin try again', async () => {
        getRunMock.mockResolvedValue(importRun());
        startMock.mockRejectedValueOnce({ body: { message: 'Blocked rows remain.' } }).mockResolvedValue(undefined);
        const { element, started } = await mount();
        startButton(element).click();
        await flush();
        const panel = root(element).querySelector('c-error-panel') as HTMLElement & { errors: unknown };
        expect(panel.errors).toEqual({ body: { message: 'Blocked rows remain.' } });
        expect(started).toEqual([]);
        expect(startButton(element).disabled).toBe(false);
        await expect(element).toBeAccessible();

        startButton(element).click();
        await flush();
        expect(started).toEqual([RUN_ID]);
    });

    it('says when the run cannot be read, and shows nothing without a run', async () => {
        getRunMock.mockRejectedValue({ body: { message: 'Run not found.' } });
        const { element } = await mount();
        const panel = root(element).querySelector('c-error-panel') as HTMLElement & { errors: unknown };
        expect(panel.errors).toEqual({ body: { message: 'Run not found.' } });
        expect(startButton(element)).toBeNull();
        document.body.replaceChildren();

        const empty = await mount({ runId: undefined });
        expect(getRunMock).toHaveBeenCalledTimes(1);
        expect(root(empty.element).querySelector('lightning-spinner')).toBeNull();
    });
});
