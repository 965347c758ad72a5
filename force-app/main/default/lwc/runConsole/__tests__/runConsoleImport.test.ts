import { createElement } from 'lwc';
import RunConsole from 'c/runConsole';
import getRun from '@salesforce/apex/MigrationController.getRun';
import getItems from '@salesforce/apex/MigrationController.getItems';
import { aRun, wait } from '../../migrationUtils/__tests__/runFixtures';

jest.mock('@salesforce/apex/MigrationController.getRun', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MigrationController.getItems', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MigrationController.exportCsv', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MigrationController.abortRun', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MigrationController.retryRun', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MigrationController.resumeRun', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MigrationController.rollbackRun', () => ({ default: jest.fn() }), { virtual: true });

const getRunMock = getRun as unknown as jest.Mock;
const getItemsMock = getItems as unknown as jest.Mock;

async function mount(): Promise<HTMLElement> {
    const element = createElement('c-run-console', { is: RunConsole });
    Object.assign(element, { pollIntervalMs: 5, runId: 'a01000000000001AAA' });
    document.body.appendChild(element);
    await wait(30);
    return element;
}

function stagesOf(element: HTMLElement): (string | null | undefined)[][] {
    return [...(element.shadowRoot as ShadowRoot).querySelectorAll('li.stage')].map((li) => [
        li.querySelector('.stage-label')?.textContent,
        li.querySelector('.stage-state')?.textContent
    ]);
}

describe('c-run-console for an import run', () => {
    beforeEach(() => {
        getItemsMock.mockResolvedValue({ rows: [], nextAfterId: null });
    });

    afterEach(() => {
        document.body.replaceChildren();
        jest.clearAllMocks();
    });

    it('draws the import stages and places the run on them', async () => {
        getRunMock.mockResolvedValue(
            aRun({ kind: 'Import', status: 'Running', currentStage: 'Users', succeededCount: 0 })
        );
        const element = await mount();

        expect(stagesOf(element)).toEqual([
            ['Preflight', 'Done'],
            ['Contacts', 'Done'],
            ['Users and permission sets', 'In progress'],
            ['Verify', 'Not started']
        ]);
        await expect(element).toBeAccessible();
    });

    it('offers the import stages in the results filter', async () => {
        getRunMock.mockResolvedValue(aRun({ kind: 'Import', status: 'Completed', currentStage: 'Done' }));
        const element = await mount();

        expect(stagesOf(element)).toEqual([
            ['Preflight', 'Done'],
            ['Contacts', 'Done'],
            ['Users and permission sets', 'Done'],
            ['Verify', 'Done']
        ]);
        const stageFilter = (element.shadowRoot as ShadowRoot).querySelector(
            'lightning-combobox[data-filter="stage"]'
        ) as unknown as { options: { value: string }[] } | null;
        expect(stageFilter?.options.map((option) => option.value)).toEqual([
            '',
            'Preflight',
            'Contacts',
            'Users',
            'Verify',
            'Done'
        ]);
    });

    it('draws the migration stages for a run of a kind it does not know', async () => {
        getRunMock.mockResolvedValue(aRun({ kind: 'Something_Else', status: 'Running', currentStage: 'Snapshot' }));
        const element = await mount();

        expect(stagesOf(element).map((stage) => stage[0])).toEqual([
            'Expand selection',
            'Preflight',
            'Snapshot',
            'Profile and role',
            'Permissions',
            'Site membership',
            'Verify'
        ]);
    });
});
