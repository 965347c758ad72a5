import { createElement } from 'lwc';
import ImportPreflight from 'c/importPreflight';
import getRun from '@salesforce/apex/MigrationController.getRun';
import getItems from '@salesforce/apex/MigrationController.getItems';
import exportCsv from '@salesforce/apex/MigrationController.exportCsv';
import runImportPreflight from '@salesforce/apex/ImportController.runImportPreflight';
import excludeBlocked from '@salesforce/apex/ImportController.excludeBlocked';
import type { RunView } from 'c/migrationTypes';
import { aRun, waitFor } from '../../migrationUtils/__tests__/runFixtures';

jest.mock('@salesforce/apex/MigrationController.getRun', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MigrationController.getItems', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MigrationController.exportCsv', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/ImportController.runImportPreflight', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/ImportController.excludeBlocked', () => ({ default: jest.fn() }), { virtual: true });

const getRunMock = getRun as unknown as jest.Mock;
const getItemsMock = getItems as unknown as jest.Mock;
const exportMock = exportCsv as unknown as jest.Mock;
const preflightMock = runImportPreflight as unknown as jest.Mock;
const excludeMock = excludeBlocked as unknown as jest.Mock;
const RUN_ID = 'a01000000000001AAA';

function importRun(overrides: Partial<RunView> = {}): RunView {
    return aRun({
        kind: 'Import',
        selectionMode: null,
        currentStage: 'Preflight',
        totalItems: 500,
        readyCount: 480,
        warningCount: 10,
        blockedCount: 10,
        reasonCounts: [
            { code: 'CONTACT_WILL_BE_CREATED', severity: 'INFO', count: 490 },
            { code: 'EMAIL_INVALID', severity: 'BLOCKED', count: 4 },
            { code: 'ALIAS_DUPLICATE_IN_FILE', severity: 'WARNING', count: 10 },
            { code: 'USERNAME_TAKEN', severity: 'BLOCKED', count: 6 }
        ],
        ...overrides
    });
}

function item(
    id: string,
    username: string,
    reasonCodes: string,
    findings: unknown,
    rowNumber: number | null = null
): Record<string, unknown> {
    return {
        id,
        rowNumber,
        userId: null,
        username,
        outcome: 'Blocked',
        stage: 'Preflight',
        statusCode: null,
        errorMessage: null,
        reasonCodes,
        findings: typeof findings === 'string' ? findings : JSON.stringify(findings)
    };
}

async function flush(): Promise<void> {
    for (let i = 0; i < 6; i++) {
        // eslint-disable-next-line no-await-in-loop
        await Promise.resolve();
    }
}

interface Mounted {
    element: HTMLElement;
    done: RunView[];
}

async function mount(runId: string | null = RUN_ID): Promise<Mounted> {
    const element = createElement('c-import-preflight', { is: ImportPreflight });
    Object.assign(element, { runId, pollIntervalMs: 5 });
    const done: RunView[] = [];
    element.addEventListener('preflightdone', (event) => done.push((event as CustomEvent<RunView>).detail));
    document.body.appendChild(element);
    await flush();
    return { element, done };
}

function root(element: HTMLElement): ShadowRoot {
    return element.shadowRoot as ShadowRoot;
}

function q<T extends Element = HTMLElement & { disabled: boolean; click(): void }>(
    element: HTMLElement,
    selector: string
): T {
    return root(element).querySelector(selector) as T;
}

function cells(element: HTMLElement, selector: string): string[][] {
    return [...root(element).querySelectorAll(selector)].map((row) =>
        [...row.children].map((cell) => cell.textContent ?? '')
    );
}

describe('c-import-preflight', () => {
    afterEach(() => {
        document.body.replaceChildren();
        jest.resetAllMocks();
    });

    it('runs the preflight of a new import by itself, then shows counts and findings by severity', async () => {
        getRunMock
            .mockResolvedValueOnce(importRun({ status: 'Draft', readyCount: 0, warningCount: 0, blockedCount: 0 }))
            .mockResolvedValueOnce(importRun({ status: 'Preparing', busy: true }))
            .mockResolvedValue(importRun());
        preflightMock.mockResolvedValue(undefined);
        const { element, done } = await mount();
        await waitFor(() => done.length > 0);
        await flush();

        expect(preflightMock).toHaveBeenCalledTimes(1);
        expect(preflightMock).toHaveBeenCalledWith({ runId: RUN_ID });
        expect(q(element, '.summary').textContent).toBe('480 ready, 10 with warnings, 10 blocked, of 500 rows.');
        expect(q(element, '[data-count="blocked"]').textContent).toBe('10');
        expect(q(element, '.blocked-text').textContent).toContain('10 rows are blocked.');
        expect(cells(element, 'tr.reason').map((row) => row.slice(0, 3))).toEqual([
            ['USERNAME_TAKEN', 'BLOCKED', '6'],
            ['EMAIL_INVALID', 'BLOCKED', '4'],
            ['ALIAS_DUPLICATE_IN_FILE', 'WARNING', '10'],
            ['CONTACT_WILL_BE_CREATED', 'INFO', '490']
        ]);
        expect(done[0].blockedCount).toBe(10);
        await expect(element).toBeAccessible();
    });

    it('shows the spinner while the preflight works', async () => {
        getRunMock.mockResolvedValueOnce(importRun({ status: 'Preparing', busy: true }));
        getRunMock.mockReturnValue(new Promise(() => undefined));
        const { element, done } = await mount();
        expect(q(element, '.preparing')).not.toBeNull();
        expect(q(element, '.summary')).toBeNull();
        expect(done).toEqual([]);
        expect(preflightMock).not.toHaveBeenCalled();
        await expect(element).toBeAccessible();
    });

    it('lists the blocked rows with their reasons and messages, page by page', async () => {
        getRunMock.mockResolvedValue(importRun());
        getItemsMock
            .mockResolvedValueOnce({
                rows: [
                    item(
                        'a02000000000001AAA',
                        'ada@example.com.acme',
                        'USERNAME_TAKEN,USERNAME_GENERATED',
                        [
                            { code: 'USERNAME_GENERATED', severity: 'INFO', message: 'Username from the rule.' },
                            { code: 'USERNAME_TAKEN', severity: 'BLOCKED', message: 'Line 3: the username is taken.' }
                        ],
                        3
                    )
                ],
                nextAfterId: 'a02000000000001AAA'
            })
            .mockResolvedValueOnce({
                rows: [item('a02000000000002AAA', 'bad', 'EMAIL_INVALID', 'not json')],
                nextAfterId: null
            });
        const { element } = await mount();

        q(element, '.show-blocked').click();
        await flush();
        expect(getItemsMock).toHaveBeenCalledWith({
            runId: RUN_ID,
            filterJson: JSON.stringify({ outcomes: ['Blocked'] }),
            afterId: '',
            pageSize: 50
        });
        expect(q(element, '.drill-heading').textContent).toBe('Blocked rows');
        q(element, '.more-drill').click();
        await flush();
        expect(getItemsMock).toHaveBeenLastCalledWith(expect.objectContaining({ afterId: 'a02000000000001AAA' }));
        expect(cells(element, 'tr.drill-row')).toEqual([
            [
                '3',
                'ada@example.com.acme',
                'Blocked',
                'USERNAME_TAKEN, USERNAME_GENERATED',
                'Line 3: the username is taken.'
            ],
            ['', 'bad', 'Blocked', 'EMAIL_INVALID', 'not json']
        ]);
        expect(q(element, '.more-drill')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('drills into one reason code and says when no row has it', async () => {
        getRunMock.mockResolvedValue(importRun());
        getItemsMock.mockResolvedValue({ rows: [], nextAfterId: null });
        const { element } = await mount();
        (root(element).querySelectorAll('.drill')[1] as HTMLElement).click();
        await flush();
        expect(getItemsMock).toHaveBeenCalledWith(
            expect.objectContaining({ filterJson: JSON.stringify({ reasonCode: 'EMAIL_INVALID' }) })
        );
        expect(q(element, '.drill-heading').textContent).toBe('Rows with EMAIL_INVALID');
        expect(q(element, '.drill-empty')).not.toBeNull();
    });

    it('excludes the blocked rows on request and shows the run without them', async () => {
        getRunMock
            .mockResolvedValueOnce(importRun())
            .mockResolvedValue(importRun({ blockedCount: 0, skippedCount: 10, reasonCounts: [] }));
        excludeMock.mockResolvedValue(10);
        const { element, done } = await mount();
        expect(q(element, '.exclude').disabled).toBe(false);

        q(element, '.exclude').click();
        await waitFor(() => done.length > 1);
        await flush();
        expect(excludeMock).toHaveBeenCalledWith({ runId: RUN_ID });
        expect(q(element, '.excluded-text').textContent).toBe(
            "10 blocked rows were excluded: they stay in the run's record as Skipped and are not imported."
        );
        expect(q(element, '.summary').textContent).toBe(
            '480 ready, 10 with warnings, 0 blocked, 10 excluded, of 500 rows.'
        );
        expect(q(element, '.blocked')).toBeNull();
        expect(q(element, '.no-findings')).not.toBeNull();
        expect(done[done.length - 1].skippedCount).toBe(10);
        await expect(element).toBeAccessible();
    });

    it('shows a failed exclusion and a failed preflight through the error panel', async () => {
        getRunMock.mockResolvedValue(importRun());
        excludeMock.mockRejectedValue({ body: { message: 'The run is not Ready.' } });
        preflightMock.mockRejectedValue({ body: { message: 'Access denied.' } });
        const { element } = await mount();

        q(element, '.exclude').click();
        await flush();
        let panel = q<HTMLElement & { errors: unknown }>(element, 'c-error-panel');
        expect(panel.errors).toEqual({ body: { message: 'The run is not Ready.' } });

        q(element, '.rerun').click();
        await flush();
        panel = q<HTMLElement & { errors: unknown }>(element, 'c-error-panel');
        expect(panel.errors).toEqual({ body: { message: 'Access denied.' } });
        expect(q(element, '.summary')).not.toBeNull();
        await expect(element).toBeAccessible();
    });

    it('says when the run cannot be read, and does nothing without a run', async () => {
        getRunMock.mockRejectedValue({ body: { message: 'Run not found.' } });
        const { element } = await mount();
        expect(q<HTMLElement & { errors: unknown }>(element, 'c-error-panel').errors).toEqual({
            body: { message: 'Run not found.' }
        });
        document.body.replaceChildren();

        const empty = await mount(null);
        expect(getRunMock).toHaveBeenCalledTimes(1);
        expect(q(empty.element, 'lightning-spinner')).toBeNull();
    });

    it('exports the findings as a CSV download', async () => {
        getRunMock.mockResolvedValue(importRun());
        exportMock.mockResolvedValue({
            fileName: 'RUN-00001-preflight.csv',
            csv: 'Row,Reason\r\n3,USERNAME_TAKEN\r\n',
            rowCount: 1,
            nextAfterId: null,
            done: true
        });
        const { element } = await mount();
        q(element, '.export').click();
        await flush();
        expect(exportMock).toHaveBeenCalledWith({ runId: RUN_ID, kind: 'preflight', afterId: '' });
        const link = q<HTMLAnchorElement>(element, '.export-link');
        expect(link.getAttribute('download')).toBe('RUN-00001-preflight.csv');
        expect(decodeURIComponent(link.href)).toContain('3,USERNAME_TAKEN');
    });
});
