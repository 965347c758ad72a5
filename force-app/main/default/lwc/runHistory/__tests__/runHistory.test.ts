import { createElement } from 'lwc';
import RunHistory from 'c/runHistory';
import listRuns from '@salesforce/apex/MigrationController.listRuns';
import { aRun } from '../../migrationUtils/__tests__/runFixtures';

jest.mock('@salesforce/apex/MigrationController.listRuns', () => ({ default: jest.fn() }), { virtual: true });

const list = listRuns as unknown as jest.Mock;

async function flush(): Promise<void> {
    for (let i = 0; i < 5; i++) {
        // eslint-disable-next-line no-await-in-loop
        await Promise.resolve();
    }
}

async function mount(): Promise<{ element: HTMLElement; opened: unknown[] }> {
    const element = createElement('c-run-history', { is: RunHistory });
    const opened: unknown[] = [];
    element.addEventListener('openrun', (event) => opened.push((event as CustomEvent).detail));
    document.body.appendChild(element);
    await flush();
    return { element, opened };
}

function root(element: HTMLElement): ShadowRoot {
    return element.shadowRoot as ShadowRoot;
}

describe('c-run-history', () => {
    afterEach(() => {
        document.body.replaceChildren();
        jest.resetAllMocks();
    });

    it('shows a spinner until the runs arrive', async () => {
        list.mockReturnValue(new Promise(() => undefined));
        const { element } = await mount();
        expect(list).toHaveBeenCalledWith({ limitRows: 50 });
        expect(root(element).querySelector('lightning-spinner')).not.toBeNull();
        await expect(element).toBeAccessible();
    });

    it('lists past runs with who, when, target and counts, and opens one in the console', async () => {
        list.mockResolvedValue([
            aRun({ status: 'Completed_With_Errors' }),
            aRun({ id: 'a01000000000002AAA', dryRun: true }),
            aRun({
                id: 'a01000000000003AAA',
                status: 'Aborted',
                statusMessage: 'Discarded before it ran',
                discarded: true
            }),
            aRun({ id: 'a01000000000004AAA', status: 'Aborted', startedAt: '2026-11-20T10:00:00.000Z' })
        ]);
        const { element, opened } = await mount();

        const table = root(element).querySelector('lightning-datatable') as HTMLElement & {
            data: { statusLabel: string; modeLabel: string; createdByName: string }[];
            columns: { fieldName?: string }[];
        };
        expect(table.data.map((r) => [r.statusLabel, r.modeLabel, r.createdByName])).toEqual([
            ['Completed With Errors', 'Real run', 'Ada Admin'],
            ['Ready', 'Dry run', 'Ada Admin'],
            ['Discarded', 'Real run', 'Ada Admin'],
            ['Aborted', 'Real run', 'Ada Admin']
        ]);
        expect(table.columns.map((c) => c.fieldName)).toContain('targetLicenseName');
        expect(root(element).querySelector('lightning-spinner')).toBeNull();
        await expect(element).toBeAccessible();

        table.dispatchEvent(
            new CustomEvent('rowaction', { detail: { action: { name: 'open' }, row: { id: 'a01000000000002AAA' } } })
        );
        table.dispatchEvent(new CustomEvent('rowaction', { detail: { action: { name: 'other' }, row: { id: 'x' } } }));
        expect(opened).toEqual(['a01000000000002AAA']);
    });

    it('reads the runs again on Refresh', async () => {
        list.mockResolvedValueOnce([]).mockResolvedValueOnce([aRun()]);
        const { element } = await mount();
        expect(root(element).querySelector('.empty-state')).not.toBeNull();

        (root(element).querySelector('.refresh') as HTMLElement).click();
        await flush();
        expect(list).toHaveBeenCalledTimes(2);
        expect(root(element).querySelector('lightning-datatable')).not.toBeNull();
        expect(root(element).querySelector('.empty-state')).toBeNull();
    });

    it('shows an empty state when nothing has run yet', async () => {
        list.mockResolvedValue([]);
        const { element } = await mount();
        expect(root(element).querySelector('.empty-state')).not.toBeNull();
        expect(root(element).querySelector('lightning-datatable')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('passes an Apex error to the error panel', async () => {
        list.mockRejectedValue({ body: { message: 'No access to runs.' } });
        const { element } = await mount();
        const panel = root(element).querySelector('c-error-panel') as HTMLElement;
        const messages = [...(panel.shadowRoot as ShadowRoot).querySelectorAll('li')].map((li) => li.textContent);
        expect(messages).toEqual(['No access to runs.']);
        expect(root(element).querySelector('.empty-state')).toBeNull();
        await expect(element).toBeAccessible();
    });
});
