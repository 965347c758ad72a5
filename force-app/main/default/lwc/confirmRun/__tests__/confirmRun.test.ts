import { createElement } from 'lwc';
import ConfirmRun from 'c/confirmRun';
import getRun from '@salesforce/apex/MigrationController.getRun';
import startRun from '@salesforce/apex/MigrationController.startRun';
import getLicenseTargets from '@salesforce/apex/MigrationController.getLicenseTargets';
import { aRun } from '../../migrationUtils/__tests__/runFixtures';

jest.mock('@salesforce/apex/MigrationController.getRun', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MigrationController.startRun', () => ({ default: jest.fn() }), { virtual: true });
jest.mock(
    '@salesforce/apex/MigrationController.getLicenseTargets',
    () => {
        const { createApexTestWireAdapter } = jest.requireActual('@salesforce/sfdx-lwc-jest');
        return { default: createApexTestWireAdapter(jest.fn()) };
    },
    { virtual: true }
);

interface TestWireAdapter {
    emit(value: unknown): void;
    error(body?: unknown): void;
}

const targetsWire = getLicenseTargets as unknown as TestWireAdapter;
const TARGETS = [
    {
        licenseId: '100000000000002AAA',
        licenseName: 'Customer Community Plus',
        userType: 'PowerCustomerSuccess',
        total: 10,
        used: 2,
        available: 8,
        profiles: [{ id: '00e000000000002AAA', name: 'Customer Community Plus User' }]
    }
];

const getRunMock = getRun as unknown as jest.Mock;
const startMock = startRun as unknown as jest.Mock;
const RUN_ID = 'a01000000000001AAA';

type Button = HTMLElement & { disabled: boolean; label: string; variant: string };

async function flush(): Promise<void> {
    for (let i = 0; i < 6; i++) {
        // eslint-disable-next-line no-await-in-loop
        await Promise.resolve();
    }
}

async function mount(runId: string | null = RUN_ID): Promise<{ element: HTMLElement; started: unknown[] }> {
    const element = createElement('c-confirm-run', { is: ConfirmRun });
    Object.assign(element, { runId });
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

describe('c-confirm-run', () => {
    afterEach(() => {
        document.body.replaceChildren();
        jest.resetAllMocks();
    });

    it('shows a spinner while the run loads', async () => {
        getRunMock.mockReturnValue(new Promise(() => undefined));
        const element = createElement('c-confirm-run', { is: ConfirmRun });
        Object.assign(element, { runId: RUN_ID });
        document.body.appendChild(element);
        expect(root(element).querySelector('lightning-spinner')).not.toBeNull();
        await expect(element).toBeAccessible();
    });

    it('says what each stage would do and starts a dry run without a phrase', async () => {
        getRunMock.mockResolvedValue(aRun());
        startMock.mockResolvedValue(undefined);
        const { element, started } = await mount();
        targetsWire.emit(TARGETS);
        await flush();

        const sentences = [...root(element).querySelectorAll('li.stage-sentence')].map((li) => li.textContent);
        expect(sentences).toHaveLength(5);
        expect(sentences[0]).toContain('Would store the profile, role, permission sets');
        expect(sentences[1]).toContain(
            'Would move 8 users to the profile Customer Community Plus User (Customer Community Plus license)'
        );
        expect(root(element).querySelector('.blocked-text')?.textContent).toBe('2 blocked users are left out.');
        expect(root(element).querySelector('.irreversible')).toBeNull();
        expect(startButton(element).label).toBe('Start dry run');
        await expect(element).toBeAccessible();

        startButton(element).click();
        await flush();
        expect(startMock).toHaveBeenCalledWith({ runId: RUN_ID, dryRun: true, confirmation: '' });
        expect(started).toEqual([RUN_ID]);
    });

    it('requires the typed phrase for a real run with users whose move cannot be undone', async () => {
        getRunMock.mockResolvedValue(aRun({ roleStrategy: 'Level', irreversibleCount: 3 }));
        startMock.mockResolvedValue(undefined);
        const { element, started } = await mount();

        change(root(element).querySelector('.mode'), 'real');
        await flush();
        const sentences = [...root(element).querySelectorAll('li.stage-sentence')].map((li) => li.textContent);
        expect(sentences[1]).toContain('Move 8 users to the target profile (Customer Community Plus license)');
        expect(sentences[1]).toContain('the role of the chosen level');
        const phrase = root(element).querySelector('.phrase') as HTMLElement & { label: string };
        expect(phrase.label).toBe('Type IRREVERSIBLE to confirm');
        expect(root(element).querySelector('.irreversible-text')?.textContent).toContain(
            '3 users hold a Customer Community license today and cannot return to it'
        );
        expect(startButton(element).label).toBe('Start migration');
        expect(startButton(element).variant).toBe('destructive');
        expect(startButton(element).disabled).toBe(true);
        await expect(element).toBeAccessible();

        change(phrase, 'irreversible');
        await flush();
        expect(startButton(element).disabled).toBe(true);
        startButton(element).click();
        await flush();
        expect(startMock).not.toHaveBeenCalled();

        change(phrase, ' IRREVERSIBLE ');
        await flush();
        expect(startButton(element).disabled).toBe(false);
        startButton(element).click();
        await flush();
        expect(startMock).toHaveBeenCalledWith({ runId: RUN_ID, dryRun: false, confirmation: 'IRREVERSIBLE' });
        expect(started).toEqual([RUN_ID]);
    });

    it('needs no phrase for a real run onto a role-based license when no move is one-way', async () => {
        getRunMock.mockResolvedValue(aRun({ targetUserType: 'PowerCustomerSuccess', irreversibleCount: 0 }));
        startMock.mockResolvedValue(undefined);
        const { element, started } = await mount();
        change(root(element).querySelector('.mode'), 'real');
        await flush();
        expect(root(element).querySelector('.irreversible')).toBeNull();
        expect(startButton(element).disabled).toBe(false);
        await expect(element).toBeAccessible();
        startButton(element).click();
        await flush();
        expect(startMock).toHaveBeenCalledWith({ runId: RUN_ID, dryRun: false, confirmation: '' });
        expect(started).toEqual([RUN_ID]);
    });

    it('needs no phrase for a real run between non role-based licenses', async () => {
        getRunMock.mockResolvedValue(aRun({ targetUserType: 'CspLitePortal', roleStrategy: 'Specific_Role' }));
        const { element } = await mount();
        change(root(element).querySelector('.mode'), 'real');
        await flush();
        expect(root(element).querySelector('.irreversible')).toBeNull();
        expect(startButton(element).disabled).toBe(false);
        const sentences = [...root(element).querySelectorAll('li.stage-sentence')].map((li) => li.textContent);
        expect(sentences[1]).toContain('give each user the chosen role');
    });

    it('starts one run on a double click', async () => {
        getRunMock.mockResolvedValue(aRun());
        let finish: () => void = () => undefined;
        startMock.mockReturnValue(new Promise<void>((done) => (finish = done)));
        const { element, started } = await mount();

        startButton(element).click();
        startButton(element).click();
        await flush();
        expect(startMock).toHaveBeenCalledTimes(1);
        expect(startButton(element).disabled).toBe(true);
        expect(root(element).querySelector('lightning-spinner')).not.toBeNull();
        finish();
        await flush();
        expect(started).toEqual([RUN_ID]);
    });

    it('does not start a run whose preflight is not done, or that has nobody left to move', async () => {
        getRunMock.mockResolvedValue(aRun({ status: 'Preparing' }));
        let { element } = await mount();
        expect(root(element).querySelector('.not-ready')?.textContent).toContain('The run is Preparing');
        expect(startButton(element).disabled).toBe(true);
        await expect(element).toBeAccessible();
        document.body.replaceChildren();

        getRunMock.mockResolvedValue(aRun({ totalItems: 3, blockedCount: 3 }));
        ({ element } = await mount());
        expect(startButton(element).disabled).toBe(true);
    });

    it('shows a failed load and a refused start, and lets the admin try again', async () => {
        getRunMock.mockRejectedValueOnce({ body: { message: 'Run not found.' } });
        let { element } = await mount();
        const panel = () => root(element).querySelector('c-error-panel') as HTMLElement;
        expect([...(panel().shadowRoot as ShadowRoot).querySelectorAll('li')].map((li) => li.textContent)).toEqual([
            'Run not found.'
        ]);
        expect(root(element).querySelector('.start')).toBeNull();
        await expect(element).toBeAccessible();
        document.body.replaceChildren();

        getRunMock.mockResolvedValue(aRun());
        startMock.mockRejectedValue({ body: { message: 'Another run holds these users.' } });
        ({ element } = await mount());
        startButton(element).click();
        await flush();
        expect([...(panel().shadowRoot as ShadowRoot).querySelectorAll('li')].map((li) => li.textContent)).toEqual([
            'Another run holds these users.'
        ]);
        expect(startButton(element).disabled).toBe(false);
        await expect(element).toBeAccessible();
    });

    it('still confirms when the profile names cannot be read, and says so', async () => {
        getRunMock.mockResolvedValue(aRun());
        const { element } = await mount();
        targetsWire.error({ message: 'No access to licenses.' });
        await flush();
        expect(root(element).querySelector('c-error-panel.targets-error')).not.toBeNull();
        expect(startButton(element).disabled).toBe(false);
        await expect(element).toBeAccessible();
    });

    it('loads nothing without a run', async () => {
        const { element } = await mount(null);
        expect(getRunMock).not.toHaveBeenCalled();
        expect(root(element).querySelector('lightning-spinner')).toBeNull();
    });
});
