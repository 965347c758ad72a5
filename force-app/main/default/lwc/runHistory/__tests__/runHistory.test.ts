import { createElement } from 'lwc';
import RunHistory from 'c/runHistory';
import listRuns from '@salesforce/apex/MigrationController.listRuns';
import { refreshApex } from '@salesforce/apex';
import { aRun } from '../../migrationUtils/__tests__/runFixtures';

jest.mock(
    '@salesforce/apex/MigrationController.listRuns',
    () => {
        const { createApexTestWireAdapter } = jest.requireActual('@salesforce/sfdx-lwc-jest');
        return { default: createApexTestWireAdapter(jest.fn()) };
    },
    { virtual: true }
);
jest.mock('@salesforce/apex', () => ({ refreshApex: jest.fn() }), { virtual: true });

interface TestWireAdapter {
    emit(value: unknown): void;
    error(body?: unknown): void;
    getLastConfig(): Record<string, unknown>;
}

const wire = listRuns as unknown as TestWireAdapter;
const refresh = refreshApex as unknown as jest.Mock;

async function flush(): Promise<void> {
    for (let i = 0; i < 5; i++) {
        // eslint-disable-next-line no-await-in-loop
        await Promise.resolve();
    }
}

function mount(): { element: HTMLElement; opened: unknown[] } {
    const element = createElement('c-run-history', { is: RunHistory });
    const opened: unknown[] = [];
    element.addEventListener('openrun', (event) => opened.push((event as CustomEvent).detail));
    document.body.appendChild(element);
    return { element, opened };
}

function root(element: HTMLElement): ShadowRoot {
    return element.shadowRoot as ShadowRoot;
}

describe('c-run-history', () => {
    afterEach(() => {
        document.body.replaceChildren();
        jest.clearAllMocks();
    });

    it('shows a spinner until the runs arrive', async () => {
        const { element } = mount();
        await flush();
        expect(wire.getLastConfig()).toEqual({ limitRows: 50 });
        expect(root(element).querySelector('lightning-spinner')).not.toBeNull();
        await expect(element).toBeAccessible();
    });

    it('lists past runs with who, when, target and counts, and opens one in the console', async () => {
        const { element, opened } = mount();
        wire.emit([aRun({ status: 'Completed_With_Errors' }), aRun({ id: 'a01000000000002AAA', dryRun: true })]);
        await flush();

        const table = root(element).querySelector('lightning-datatable') as HTMLElement & {
            data: { statusLabel: string; modeLabel: string; createdByName: string }[];
            columns: { fieldName?: string }[];
        };
        expect(table.data.map((r) => [r.statusLabel, r.modeLabel, r.createdByName])).toEqual([
            ['Completed With Errors', 'Real run', 'Ada Admin'],
            ['Ready', 'Dry run', 'Ada Admin']
        ]);
        expect(table.columns.map((c) => c.fieldName)).toContain('targetLicenseName');
        await expect(element).toBeAccessible();

        table.dispatchEvent(
            new CustomEvent('rowaction', { detail: { action: { name: 'open' }, row: { id: 'a01000000000002AAA' } } })
        );
        table.dispatchEvent(new CustomEvent('rowaction', { detail: { action: { name: 'other' }, row: { id: 'x' } } }));
        expect(opened).toEqual(['a01000000000002AAA']);
    });

    it('refreshes the wired runs', async () => {
        refresh.mockResolvedValue(undefined);
        const { element } = mount();
        wire.emit([]);
        await flush();
        (root(element).querySelector('.refresh') as HTMLElement).click();
        await flush();
        expect(refresh).toHaveBeenCalledTimes(1);

        refresh.mockRejectedValue({ body: { message: 'Refresh failed.' } });
        (root(element).querySelector('.refresh') as HTMLElement).click();
        await flush();
        expect(root(element).querySelector('c-error-panel')).not.toBeNull();
    });

    it('shows an empty state when nothing has run yet', async () => {
        const { element } = mount();
        wire.emit([]);
        await flush();
        expect(root(element).querySelector('.empty-state')).not.toBeNull();
        expect(root(element).querySelector('lightning-datatable')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('passes an Apex error to the error panel', async () => {
        const { element } = mount();
        wire.error({ message: 'No access to runs.' });
        await flush();
        const panel = root(element).querySelector('c-error-panel') as HTMLElement;
        const messages = [...(panel.shadowRoot as ShadowRoot).querySelectorAll('li')].map((li) => li.textContent);
        expect(messages).toEqual(['No access to runs.']);
        await expect(element).toBeAccessible();
    });
});
