import { createElement } from 'lwc';
import LicenseSummary from 'c/licenseSummary';
import type { LicenseSeats } from 'c/licenseSummary';
import getExternalLicenseSummary from '@salesforce/apex/LicenseSummaryController.getExternalLicenseSummary';
import { refreshApex } from '@salesforce/apex';

jest.mock('@salesforce/apex', () => ({ refreshApex: jest.fn(() => Promise.resolve()) }), { virtual: true });

jest.mock(
    '@salesforce/apex/LicenseSummaryController.getExternalLicenseSummary',
    () => {
        const { createApexTestWireAdapter } = jest.requireActual('@salesforce/sfdx-lwc-jest');
        return { default: createApexTestWireAdapter(jest.fn()) };
    },
    { virtual: true }
);

interface TestWireAdapter {
    emit(value: unknown): void;
    error(body?: unknown, status?: number, statusText?: string): void;
}

const wire = getExternalLicenseSummary as unknown as TestWireAdapter;
const refreshMock = refreshApex as unknown as jest.Mock;

const SEATS: LicenseSeats[] = [
    {
        licenseId: '100000000000001AAA',
        name: 'Customer Community',
        userType: 'CspLitePortal',
        total: 100,
        used: 40,
        available: 60
    },
    {
        licenseId: '100000000000002AAA',
        name: 'Partner Community',
        userType: 'PowerPartner',
        total: 10,
        used: 10,
        available: 0
    },
    {
        licenseId: '100000000000003AAA',
        name: 'Custom Portal',
        userType: 'SomethingNew',
        total: 0,
        used: 0,
        available: 0
    }
];

function mount(): HTMLElement {
    const element = createElement('c-license-summary', { is: LicenseSummary });
    document.body.appendChild(element);
    return element;
}

function root(element: HTMLElement): ShadowRoot {
    return element.shadowRoot as ShadowRoot;
}

async function flush(): Promise<void> {
    await Promise.resolve();
}

describe('c-license-summary', () => {
    afterEach(() => {
        document.body.replaceChildren();
        jest.clearAllMocks();
    });

    it('shows a spinner until the summary arrives', async () => {
        const element = mount();

        expect(root(element).querySelector('lightning-spinner')).not.toBeNull();
        await expect(element).toBeAccessible();
    });

    it('shows one row per license with its seats and a readable user type', async () => {
        const element = mount();
        wire.emit(SEATS);
        await flush();

        const rows = [...root(element).querySelectorAll('tr.license-row')];
        expect(rows).toHaveLength(3);
        const firstCells = [...rows[0].querySelectorAll('th, td')].map((cell) => cell.textContent);
        expect(firstCells).toEqual([
            'Customer Community',
            'High Volume Portal (Customer Community)',
            '40',
            '100',
            '60'
        ]);
        expect(rows[2].querySelectorAll('td')[0].textContent).toBe('SomethingNew');
        expect(root(element).querySelector('lightning-spinner')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('marks a full license, and a license without seats, as nearly full', async () => {
        const element = mount();
        wire.emit(SEATS);
        await flush();

        const available = [...root(element).querySelectorAll('tr.license-row td:last-child')];
        expect(available[0].className).toBe('');
        expect(available[1].className).toBe('slds-text-color_error');
        expect(available[2].className).toBe('slds-text-color_error');
    });

    it('shows an empty state when the org has no external licenses', async () => {
        const element = mount();
        wire.emit([]);
        await flush();

        expect(root(element).querySelector('.empty-state')).not.toBeNull();
        expect(root(element).querySelector('table')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('passes an Apex error to the error panel', async () => {
        const element = mount();
        wire.error({ message: 'You need the Community User Migrator permission set.' });
        await flush();

        const panel = root(element).querySelector('c-error-panel') as HTMLElement & {
            errors: unknown;
            friendlyMessage: string;
        };
        expect(panel).not.toBeNull();
        expect(panel.friendlyMessage).toBe('The license summary could not be loaded.');
        const shown = [...(panel.shadowRoot as ShadowRoot).querySelectorAll('li')].map((li) => li.textContent);
        expect(shown).toEqual(['You need the Community User Migrator permission set.']);
        expect(root(element).querySelector('table')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('refresh() asks refreshApex for the value the wire provisioned last', async () => {
        const element = mount() as HTMLElement & { refresh(): Promise<void> };
        wire.emit(SEATS);
        await flush();
        await element.refresh();

        expect(refreshMock).toHaveBeenCalledTimes(1);
        const wired = refreshMock.mock.calls[0][0] as { data: unknown };
        expect(wired.data).toEqual(SEATS);
    });
});
