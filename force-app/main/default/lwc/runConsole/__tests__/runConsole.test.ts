import { createElement } from 'lwc';
import RunConsole from 'c/runConsole';
import type { RunItem } from 'c/migrationTypes';
import getRun from '@salesforce/apex/MigrationController.getRun';
import getItems from '@salesforce/apex/MigrationController.getItems';
import exportCsv from '@salesforce/apex/MigrationController.exportCsv';
import abortRun from '@salesforce/apex/MigrationController.abortRun';
import retryRun from '@salesforce/apex/MigrationController.retryRun';
import resumeRun from '@salesforce/apex/MigrationController.resumeRun';
import rollbackRun from '@salesforce/apex/MigrationController.rollbackRun';
import { aRun, wait, waitFor } from '../../migrationUtils/__tests__/runFixtures';

jest.mock('@salesforce/apex/MigrationController.getRun', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MigrationController.getItems', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MigrationController.exportCsv', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MigrationController.abortRun', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MigrationController.retryRun', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MigrationController.resumeRun', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MigrationController.rollbackRun', () => ({ default: jest.fn() }), { virtual: true });

const getRunMock = getRun as unknown as jest.Mock;
const getItemsMock = getItems as unknown as jest.Mock;
const exportMock = exportCsv as unknown as jest.Mock;
const abortMock = abortRun as unknown as jest.Mock;
const retryMock = retryRun as unknown as jest.Mock;
const resumeMock = resumeRun as unknown as jest.Mock;
const rollbackMock = rollbackRun as unknown as jest.Mock;
const RUN_ID = 'a01000000000001AAA';

type Button = HTMLElement & { disabled: boolean; label: string };

const ITEM: RunItem = {
    id: 'a02000000000001AAA',
    userId: '005000000000001AAA',
    username: 'ada@example.com',
    outcome: 'Failed',
    stage: 'Permissions',
    statusCode: 'UNABLE_TO_LOCK_ROW',
    errorMessage: 'Record locked.',
    reasonCodes: null,
    findings: null,
    beforeLicense: 'Customer Community',
    afterLicense: 'Customer Community Plus',
    beforeProfileId: '00e000000000001AAA',
    afterProfileId: '00e000000000002AAA',
    attempts: 1,
    verifyDiff: null,
    staleMemberships: null
};

function finishedRun(overrides = {}) {
    return aRun({
        status: 'Completed_With_Errors',
        currentStage: 'Done',
        succeededCount: 7,
        failedCount: 1,
        startedAt: '2026-11-20T10:00:00.000Z',
        completedAt: '2026-11-20T10:05:30.000Z',
        ...overrides
    });
}

async function settle(ms = 30): Promise<void> {
    await wait(ms);
}

async function mount(runId: string | null = RUN_ID): Promise<{ element: HTMLElement; opened: unknown[] }> {
    const element = createElement('c-run-console', { is: RunConsole });
    Object.assign(element, { pollIntervalMs: 5, runId });
    const opened: unknown[] = [];
    element.addEventListener('openrun', (event) => opened.push((event as CustomEvent).detail));
    document.body.appendChild(element);
    await settle();
    return { element, opened };
}

function root(element: HTMLElement): ShadowRoot {
    return element.shadowRoot as ShadowRoot;
}

function button(element: HTMLElement, name: string): Button {
    return root(element).querySelector(`.${name}`) as Button;
}

function change(target: Element | null, value: unknown): void {
    target?.dispatchEvent(new CustomEvent('change', { detail: { value } }));
}

function messagesOf(element: HTMLElement): (string | null)[] {
    const panel = root(element).querySelector('c-error-panel') as HTMLElement;
    return [...(panel.shadowRoot as ShadowRoot).querySelectorAll('li')].map((li) => li.textContent);
}

describe('c-run-console', () => {
    afterEach(() => {
        document.body.replaceChildren();
        jest.resetAllMocks();
    });

    it('says how to open a run when it has none', async () => {
        const { element } = await mount(null);
        expect(root(element).querySelector('.no-run')).not.toBeNull();
        expect(getRunMock).not.toHaveBeenCalled();
        await expect(element).toBeAccessible();
    });

    it('polls a running run with progress per stage, counts and timing, and stops when it is done', async () => {
        const startedAt = new Date(Date.now() - 60_000).toISOString();
        const running = aRun({
            status: 'Running',
            currentStage: 'Profile_Role',
            succeededCount: 3,
            failedCount: 1,
            startedAt
        });
        let release: () => void = () => undefined;
        const gate = new Promise<void>((done) => (release = done));
        getRunMock
            .mockResolvedValueOnce(running)
            .mockImplementationOnce(async () => {
                await gate;
                return running;
            })
            .mockResolvedValue(finishedRun());
        const { element } = await mount();

        const stages = [...root(element).querySelectorAll('li.stage')].map((li) => [
            li.querySelector('.stage-label')?.textContent,
            li.querySelector('.stage-state')?.textContent,
            li.querySelector('.stage-bar')?.getAttribute('aria-valuenow')
        ]);
        expect(stages).toEqual([
            ['Expand selection', 'Done', '100'],
            ['Preflight', 'Done', '100'],
            ['Snapshot', 'Done', '100'],
            ['Profile and role', 'In progress', '50'],
            ['Permissions', 'Not started', '0'],
            ['Site membership', 'Not started', '0'],
            ['Verify', 'Not started', '0']
        ]);
        expect(root(element).querySelector('[data-count="succeeded"]')?.textContent).toBe('3');
        expect(root(element).querySelector('[data-count="failed"]')?.textContent).toBe('1');
        expect(root(element).querySelector('.elapsed')?.textContent).toMatch(/^1 min 0\d s$/);
        expect(root(element).querySelector('.estimate')?.textContent).toMatch(/^About 1 min 0\d s left$/);
        expect(root(element).querySelector('.polling')).not.toBeNull();
        expect(button(element, 'abort').disabled).toBe(false);
        expect(button(element, 'rollback').disabled).toBe(true);
        expect(root(element).querySelector('.show-results')).toBeNull();
        await expect(element).toBeAccessible();

        release();
        await waitFor(() => getRunMock.mock.calls.length === 3);
        await settle();
        expect(getRunMock).toHaveBeenCalledTimes(3);
        expect(getRunMock).toHaveBeenCalledWith({ runId: RUN_ID });
        expect(root(element).querySelector('.run-status')).toHaveProperty('label', 'Completed With Errors');
        expect(root(element).querySelector('.elapsed')?.textContent).toBe('5 min 30 s');
        expect(root(element).querySelector('.estimate')?.textContent).toBe('Finished');
        expect(root(element).querySelector('.polling')).toBeNull();
        expect(button(element, 'abort').disabled).toBe(true);
        await settle(30);
        expect(getRunMock).toHaveBeenCalledTimes(3);
        await expect(element).toBeAccessible();
    });

    it('aborts a running run and keeps polling', async () => {
        getRunMock.mockResolvedValue(aRun({ status: 'Running', currentStage: 'Snapshot' }));
        abortMock.mockImplementation(() => {
            getRunMock.mockResolvedValue(
                aRun({ status: 'Aborted', currentStage: 'Snapshot', statusMessage: 'Aborted by Ada.' })
            );
            return Promise.resolve();
        });
        const { element } = await mount();
        expect(button(element, 'resume').disabled).toBe(true);
        button(element, 'retry')?.click();
        button(element, 'resume').click();
        expect(resumeMock).not.toHaveBeenCalled();
        button(element, 'abort').click();
        await waitFor(() => root(element).querySelector('.status-message') !== null);
        expect(abortMock).toHaveBeenCalledTimes(1);
        button(element, 'abort').click();
        await settle();
        expect(abortMock).toHaveBeenCalledTimes(1);

        expect(abortMock).toHaveBeenCalledWith({ runId: RUN_ID });
        expect(root(element).querySelector('.status-message')?.textContent).toBe('Aborted by Ada.');
        expect(button(element, 'resume').disabled).toBe(false);
        const state = root(element).querySelectorAll('.stage-state')[2].textContent;
        expect(state).toBe('Stopped: Aborted');
    });

    it('filters and pages the results of a finished run, and shows links to the users', async () => {
        getRunMock.mockResolvedValue(finishedRun());
        getItemsMock
            .mockResolvedValueOnce({ rows: [ITEM], nextAfterId: ITEM.id })
            .mockResolvedValueOnce({ rows: [{ ...ITEM, id: 'a02000000000002AAA', stage: null }], nextAfterId: null })
            .mockResolvedValueOnce({ rows: [], nextAfterId: null });
        const { element } = await mount();

        change(root(element).querySelector('[data-filter="outcome"]'), 'Failed');
        change(root(element).querySelector('[data-filter="stage"]'), 'Permissions');
        change(root(element).querySelector('[data-filter="statusCode"]'), ' UNABLE_TO_LOCK_ROW ');
        button(element, 'show-results').click();
        await settle();

        expect(getItemsMock).toHaveBeenCalledWith({
            runId: RUN_ID,
            filterJson: '{"outcomes":["Failed"],"stage":"Permissions","statusCode":"UNABLE_TO_LOCK_ROW"}',
            afterId: '',
            pageSize: 50
        });
        const table = root(element).querySelector('lightning-datatable') as HTMLElement & {
            data: { userLink: string; outcomeLabel: string; stageLabel: string }[];
        };
        expect(table.data[0]).toMatchObject({
            userLink: '/lightning/r/User/005000000000001AAA/view',
            outcomeLabel: 'Failed',
            stageLabel: 'Permissions'
        });
        await expect(element).toBeAccessible();

        button(element, 'more-results').click();
        await settle();
        expect(getItemsMock.mock.calls[1][0].afterId).toBe(ITEM.id);
        expect(table.data).toHaveLength(2);
        expect(table.data[1].stageLabel).toBe('');

        change(root(element).querySelector('[data-filter="outcome"]'), 'Skipped');
        button(element, 'show-results').click();
        await settle();
        expect(root(element).querySelector('.results-empty')).not.toBeNull();
        await expect(element).toBeAccessible();
    });

    it('builds the success and error CSV downloads', async () => {
        getRunMock.mockResolvedValue(finishedRun());
        exportMock.mockImplementation(({ kind }: { kind: string }) =>
            Promise.resolve({
                fileName: `RUN-00001-${kind}.csv`,
                csv: `Kind\r\n${kind}\r\n`,
                nextAfterId: null,
                done: true
            })
        );
        const { element } = await mount();

        button(element, 'export-success').click();
        await settle();
        button(element, 'export-error').click();
        await settle();
        const success = root(element).querySelector('a.download-success')?.getAttribute('href') ?? '';
        const errors = root(element).querySelector('a.download-error')?.getAttribute('href') ?? '';
        expect(decodeURIComponent(success)).toContain('Kind\r\nsuccess');
        expect(decodeURIComponent(errors)).toContain('Kind\r\nerror');
        expect(root(element).querySelector('a.download-error')?.getAttribute('download')).toBe('RUN-00001-error.csv');
        await expect(element).toBeAccessible();
    });

    it('retries the failures of chosen status codes and polls again', async () => {
        getRunMock.mockResolvedValueOnce(finishedRun());
        getRunMock.mockResolvedValue(finishedRun({ failedCount: 0, succeededCount: 8, status: 'Completed' }));
        retryMock.mockResolvedValue(undefined);
        const { element } = await mount();

        change(root(element).querySelector('.retry-codes'), ' unable_to_lock_row, ,Field_Integrity_Exception ');
        button(element, 'retry').click();
        await settle();
        expect(retryMock).toHaveBeenCalledWith({
            runId: RUN_ID,
            statusCodes: 'UNABLE_TO_LOCK_ROW,FIELD_INTEGRITY_EXCEPTION',
            scopeSize: 200
        });
        expect(getRunMock).toHaveBeenCalledTimes(2);
        expect(button(element, 'retry').disabled).toBe(true);
    });

    it('offers Resume for a running run whose job ended (stalled), not for one still working', async () => {
        getRunMock.mockResolvedValue(aRun({ status: 'Running', currentStage: 'Permissions', stalled: true }));
        resumeMock.mockResolvedValue(undefined);
        const { element } = await mount();
        expect(button(element, 'resume').disabled).toBe(false);
        button(element, 'resume').click();
        await settle();
        expect(resumeMock).toHaveBeenCalledWith({ runId: RUN_ID });

        getRunMock.mockResolvedValue(aRun({ status: 'Running', currentStage: 'Permissions', stalled: false }));
        const still = await mount();
        expect(button(still.element, 'resume').disabled).toBe(true);
    });

    it('resumes an aborted run', async () => {
        getRunMock.mockResolvedValue(aRun({ status: 'Aborted', currentStage: 'Permissions' }));
        resumeMock.mockResolvedValue(undefined);
        const { element } = await mount();
        button(element, 'resume').click();
        await settle();
        expect(resumeMock).toHaveBeenCalledWith({ runId: RUN_ID });
    });

    it('rolls back a run the engine calls reversible, and opens the rollback run', async () => {
        getRunMock.mockResolvedValue(finishedRun({ reversible: true }));
        rollbackMock.mockResolvedValue('a01000000000009AAA');
        const { element, opened } = await mount();
        expect(button(element, 'rollback').disabled).toBe(false);
        button(element, 'rollback').click();
        await settle();
        expect(rollbackMock).toHaveBeenCalledWith({ runId: RUN_ID });
        expect(opened).toEqual(['a01000000000009AAA']);
    });

    it('keeps rollback off when an item cannot be put back, or for a dry run', async () => {
        getRunMock.mockResolvedValue(finishedRun({ reversible: false }));
        let { element } = await mount();
        expect(button(element, 'rollback').disabled).toBe(true);
        expect(root(element).querySelector('.rollback-help')?.textContent).toContain('not every user');
        button(element, 'rollback').click();
        await settle();
        expect(rollbackMock).not.toHaveBeenCalled();
        await expect(element).toBeAccessible();
        document.body.replaceChildren();

        getRunMock.mockResolvedValue(finishedRun({ dryRun: true, reversible: false }));
        ({ element } = await mount());
        expect(button(element, 'rollback').disabled).toBe(true);
        expect(root(element).querySelector('.dry-run')).not.toBeNull();
        expect(root(element).querySelector('.rollback-help')).toBeNull();
    });

    it('follows the reversible flag exactly, whatever the target license', async () => {
        getRunMock.mockResolvedValue(
            finishedRun({ targetUserType: 'CspLitePortal', targetLicenseName: 'Customer Community', reversible: false })
        );
        let { element } = await mount();
        expect(button(element, 'rollback').disabled).toBe(true);
        expect(root(element).querySelector('.rollback-help')).not.toBeNull();
        document.body.replaceChildren();

        getRunMock.mockResolvedValue(finishedRun({ targetUserType: 'PowerCustomerSuccess', reversible: true }));
        ({ element } = await mount());
        expect(button(element, 'rollback').disabled).toBe(false);
        expect(root(element).querySelector('.rollback-help')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('says a discarded run changed nobody', async () => {
        getRunMock.mockResolvedValue(
            finishedRun({
                status: 'Aborted',
                currentStage: 'Preflight',
                succeededCount: 0,
                failedCount: 0,
                startedAt: null,
                statusMessage: 'Discarded before it ran',
                discarded: true
            })
        );
        const { element } = await mount();
        expect(button(element, 'rollback').disabled).toBe(true);
        expect(root(element).querySelector('.rollback-help')?.textContent).toContain('discarded before it ran');
    });

    it('shows every failed call in the error panel and keeps what it showed', async () => {
        getRunMock.mockRejectedValueOnce({ body: { message: 'Run not found.' } });
        let { element } = await mount();
        expect(messagesOf(element)).toEqual(['Run not found.']);
        await expect(element).toBeAccessible();
        document.body.replaceChildren();

        getRunMock.mockResolvedValue(finishedRun({ reversible: true }));
        getItemsMock.mockRejectedValue({ body: { message: 'Bad filter.' } });
        exportMock.mockRejectedValue({ body: { message: 'Export failed.' } });
        rollbackMock.mockRejectedValue({ body: { message: 'Rollback refused.' } });
        retryMock.mockRejectedValue({ body: { message: 'Retry refused.' } });
        ({ element } = await mount());

        button(element, 'show-results').click();
        await settle();
        expect(messagesOf(element)).toEqual(['Bad filter.']);
        button(element, 'export-error').click();
        await settle();
        expect(messagesOf(element)).toEqual(['Export failed.']);
        button(element, 'rollback').click();
        await settle();
        expect(messagesOf(element)).toEqual(['Rollback refused.']);
        button(element, 'retry').click();
        await settle();
        expect(messagesOf(element)).toEqual(['Retry refused.']);
        expect(root(element).querySelector('.run-name')?.textContent).toBe('RUN-00001');
        await expect(element).toBeAccessible();
    });

    it('follows a new run Id', async () => {
        getRunMock.mockResolvedValue(finishedRun());
        const { element } = await mount();
        getRunMock.mockResolvedValue(finishedRun({ id: 'a01000000000002AAA', name: 'RUN-00002' }));
        Object.assign(element, { runId: 'a01000000000002AAA' });
        await settle();
        expect(getRunMock).toHaveBeenLastCalledWith({ runId: 'a01000000000002AAA' });
        expect(root(element).querySelector('.run-name')?.textContent).toBe('RUN-00002');
    });
});
