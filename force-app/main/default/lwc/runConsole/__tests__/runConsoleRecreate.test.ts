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

describe('c-run-console for a re-create run', () => {
    beforeEach(() => {
        getItemsMock.mockResolvedValue({ rows: [], nextAfterId: null });
    });

    afterEach(() => {
        document.body.replaceChildren();
        jest.clearAllMocks();
    });

    it('draws the re-create stages and places the run on them', async () => {
        getRunMock.mockResolvedValue(
            aRun({ kind: 'Recreate', status: 'Running', currentStage: 'Create_User', succeededCount: 0 })
        );
        const element = await mount();

        expect(stagesOf(element)).toEqual([
            ['Expand selection', 'Done'],
            ['Preflight', 'Done'],
            ['Snapshot', 'Done'],
            ['Disable old user', 'Done'],
            ['Create new user', 'In progress'],
            ['Permissions', 'Not started'],
            ['Reassign records', 'Not started'],
            ['Verify', 'Not started']
        ]);
        await expect(element).toBeAccessible();
    });

    it('keeps the migration stages for a migration run', async () => {
        getRunMock.mockResolvedValue(aRun({ kind: 'Migration', status: 'Running', currentStage: 'Snapshot' }));
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
