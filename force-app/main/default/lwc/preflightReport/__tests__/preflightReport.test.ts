import { createElement } from 'lwc';
import PreflightReport from 'c/preflightReport';
import getRun from '@salesforce/apex/MigrationController.getRun';
import runPreflight from '@salesforce/apex/MigrationController.runPreflight';
import getItems from '@salesforce/apex/MigrationController.getItems';
import exportCsv from '@salesforce/apex/MigrationController.exportCsv';
import { aRun, wait, waitFor } from '../../migrationUtils/__tests__/runFixtures';

jest.mock('@salesforce/apex/MigrationController.getRun', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MigrationController.runPreflight', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MigrationController.getItems', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MigrationController.exportCsv', () => ({ default: jest.fn() }), { virtual: true });

const getRunMock = getRun as unknown as jest.Mock;
const runPreflightMock = runPreflight as unknown as jest.Mock;
const getItemsMock = getItems as unknown as jest.Mock;
const exportMock = exportCsv as unknown as jest.Mock;
const RUN_ID = 'a01000000000001AAA';

const RESULT = aRun({
    reasonCounts: [
        { code: 'TRANSITION_ALLOWED', severity: 'INFO', count: 10 },
        { code: 'ODD', severity: 'UNKNOWN', count: 1 },
        { code: 'NO_SEAT', severity: 'BLOCKED', count: 2 },
        { code: 'PS_NOT_ALLOWED', severity: 'WARNING', count: 2 }
    ]
});

async function settle(ms = 30): Promise<void> {
    await wait(ms);
}

function mount(): { element: HTMLElement; done: unknown[] } {
    const element = createElement('c-preflight-report', { is: PreflightReport });
    Object.assign(element, { runId: RUN_ID, pollIntervalMs: 5 });
    const done: unknown[] = [];
    element.addEventListener('preflightdone', (event) => done.push((event as CustomEvent).detail));
    document.body.appendChild(element);
    return { element, done };
}

function root(element: HTMLElement): ShadowRoot {
    return element.shadowRoot as ShadowRoot;
}

function messagesOf(element: HTMLElement): (string | null)[] {
    const panel = root(element).querySelector('c-error-panel') as HTMLElement;
    return [...(panel.shadowRoot as ShadowRoot).querySelectorAll('li')].map((li) => li.textContent);
}

describe('c-preflight-report', () => {
    afterEach(() => {
        document.body.replaceChildren();
        jest.resetAllMocks();
    });

    it('starts the preflight of a draft run, polls while it prepares, then shows the summary', async () => {
        getRunMock
            .mockResolvedValueOnce(aRun({ status: 'Draft' }))
            .mockResolvedValueOnce(aRun({ status: 'Preparing' }))
            .mockResolvedValueOnce(aRun({ status: 'Preparing' }))
            .mockResolvedValue(RESULT);
        runPreflightMock.mockResolvedValue(undefined);
        const { element, done } = mount();
        await settle();

        expect(root(element).querySelector('.draft-state')).not.toBeNull();
        const start = root(element).querySelector('.start') as HTMLElement & { label: string };
        expect(start.label).toBe('Run preflight');
        await expect(element).toBeAccessible();

        start.click();
        await Promise.resolve();
        expect(runPreflightMock).toHaveBeenCalledWith({ runId: RUN_ID });
        await settle(3);
        expect(root(element).querySelector('.preparing')).not.toBeNull();
        await expect(element).toBeAccessible();
        await waitFor(() => done.length > 0);
        await settle();

        expect(getRunMock).toHaveBeenCalledTimes(4);
        expect(done).toEqual([RESULT]);
        expect(root(element).querySelector('.summary')?.textContent).toBe(
            '6 ready, 2 with warnings, 2 blocked, of 10 users.'
        );
        const segments = [...root(element).querySelectorAll('.bar-segment')] as HTMLElement[];
        expect(segments.map((s) => s.getAttribute('style'))).toEqual([
            'width: 60.00%',
            'width: 20.00%',
            'width: 20.00%'
        ]);
        expect(root(element).querySelector('.blocked-text')?.textContent).toBe(
            '2 blocked users are excluded from the run.'
        );
        const reasons = [...root(element).querySelectorAll('tr.reason-row')].map((tr) =>
            [...tr.querySelectorAll('th, td')].slice(0, 3).map((c) => c.textContent)
        );
        expect(reasons).toEqual([
            ['NO_SEAT', 'BLOCKED', '2'],
            ['PS_NOT_ALLOWED', 'WARNING', '2'],
            ['TRANSITION_ALLOWED', 'INFO', '10'],
            ['ODD', 'UNKNOWN', '1']
        ]);
        await settle(20);
        expect(getRunMock).toHaveBeenCalledTimes(4);
        await expect(element).toBeAccessible();
    });

    it('reports a run that is already checked, and says when nothing was found', async () => {
        getRunMock.mockResolvedValue(aRun({ readyCount: 10, warningCount: 0, blockedCount: 0 }));
        const { element, done } = mount();
        await settle();

        expect(done).toHaveLength(1);
        expect(root(element).querySelector('.no-findings')).not.toBeNull();
        expect(root(element).querySelector('.blocked-text')?.textContent).toBe('No user is blocked.');
        expect(root(element).querySelectorAll('.bar-segment')).toHaveLength(1);
        expect((root(element).querySelector('.start') as HTMLElement & { label: string }).label).toBe(
            'Run preflight again'
        );
        await expect(element).toBeAccessible();
    });

    it('drills down from a reason code to its users, page by page', async () => {
        getRunMock.mockResolvedValue(RESULT);
        const item = {
            id: 'a02000000000001AAA',
            userId: '005000000000001AAA',
            username: 'ada@example.com',
            outcome: 'Blocked',
            stage: 'Preflight',
            statusCode: null,
            errorMessage: null,
            reasonCodes: 'NO_SEAT',
            beforeLicense: 'Customer Community',
            afterLicense: null,
            attempts: 0
        };
        getItemsMock.mockResolvedValueOnce({ rows: [item], nextAfterId: 'a02000000000001AAA' }).mockResolvedValueOnce({
            rows: [{ ...item, id: 'a02000000000002AAA', username: 'bob@example.com' }],
            nextAfterId: null
        });
        const { element } = mount();
        await settle();

        (root(element).querySelector('.drill[data-code="NO_SEAT"]') as HTMLElement).click();
        await settle();
        expect(getItemsMock).toHaveBeenCalledWith({
            runId: RUN_ID,
            filterJson: '{"reasonCode":"NO_SEAT"}',
            afterId: '',
            pageSize: 50
        });
        expect(root(element).querySelector('.drill-heading')?.textContent).toBe('Users with NO_SEAT');
        const link = root(element).querySelector('tr.drill-row a') as HTMLAnchorElement;
        expect(link.getAttribute('href')).toBe('/lightning/r/User/005000000000001AAA/view');
        await expect(element).toBeAccessible();

        (root(element).querySelector('.more-drill') as HTMLElement).click();
        await settle();
        expect(getItemsMock.mock.calls[1][0].afterId).toBe('a02000000000001AAA');
        expect(root(element).querySelectorAll('tr.drill-row')).toHaveLength(2);
        expect(root(element).querySelector('.more-drill')).toBeNull();
    });

    it('exports the preflight CSV across pages into one download', async () => {
        getRunMock.mockResolvedValue(RESULT);
        exportMock
            .mockResolvedValueOnce({
                fileName: 'RUN-00001-preflight.csv',
                csv: 'Id,Username\r\n1,a\r\n',
                nextAfterId: 'x'
            })
            .mockResolvedValueOnce({
                fileName: 'RUN-00001-preflight.csv',
                csv: '2,b\r\n',
                nextAfterId: null,
                done: true
            });
        const { element } = mount();
        await settle();

        (root(element).querySelector('.export') as HTMLElement).click();
        await settle();
        expect(exportMock.mock.calls.map((c) => c[0])).toEqual([
            { runId: RUN_ID, kind: 'preflight', afterId: '' },
            { runId: RUN_ID, kind: 'preflight', afterId: 'x' }
        ]);
        const link = root(element).querySelector('a.download-preflight') as HTMLAnchorElement;
        expect(link.getAttribute('download')).toBe('RUN-00001-preflight.csv');
        const href = link.getAttribute('href');
        expect(decodeURIComponent(href?.replace('data:text/csv;charset=utf-8,', '') ?? '')).toBe(
            'Id,Username\r\n1,a\r\n2,b\r\n'
        );
        await expect(element).toBeAccessible();
    });

    it('does not start a preflight while a job of the run is busy', async () => {
        getRunMock.mockResolvedValue(aRun({ busy: true }));
        const { element } = mount();
        await settle();
        expect((root(element).querySelector('.start') as HTMLElement & { disabled: boolean }).disabled).toBe(true);
    });

    it('shows a failed read of the run in the error panel', async () => {
        getRunMock.mockRejectedValue({ body: { message: 'Run not found.' } });
        const { element } = mount();
        await settle();
        expect(messagesOf(element)).toEqual(['Run not found.']);
        expect(root(element).querySelector('lightning-spinner')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('shows errors of the start, the drill-down and the export, and keeps the report', async () => {
        getRunMock.mockResolvedValue(RESULT);
        runPreflightMock.mockRejectedValue({ body: { message: 'The run is running.' } });
        getItemsMock.mockRejectedValue({ body: { message: 'Items failed.' } });
        exportMock.mockRejectedValue(new Error('Export failed.'));
        const { element } = mount();
        await settle();

        (root(element).querySelector('.start') as HTMLElement).click();
        await settle();
        expect(messagesOf(element)).toEqual(['The run is running.']);
        expect(root(element).querySelector('.summary')).not.toBeNull();

        (root(element).querySelector('.drill') as HTMLElement).click();
        await settle();
        expect(messagesOf(element)).toEqual(['Items failed.']);

        (root(element).querySelector('.export') as HTMLElement).click();
        await settle();
        expect(messagesOf(element)).toEqual(['Export failed.']);
        expect(root(element).querySelector('a.download-preflight')).toBeNull();
        await expect(element).toBeAccessible();
    });
});
