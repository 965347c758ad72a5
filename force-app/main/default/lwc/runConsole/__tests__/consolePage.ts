// Shared by the runConsole tests. Import it before c/runConsole: its jest.mock calls must run before the console loads.
import { createElement } from 'lwc';
import RunConsole from 'c/runConsole';
import getRun from '@salesforce/apex/MigrationController.getRun';
import getItems from '@salesforce/apex/MigrationController.getItems';
import { wait } from '../../migrationUtils/__tests__/runFixtures';

jest.mock('@salesforce/apex/MigrationController.getRun', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MigrationController.getItems', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MigrationController.exportCsv', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MigrationController.abortRun', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MigrationController.retryRun', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MigrationController.resumeRun', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MigrationController.rollbackRun', () => ({ default: jest.fn() }), { virtual: true });

export const getRunMock = getRun as unknown as jest.Mock;
export const getItemsMock = getItems as unknown as jest.Mock;

/** A console that polls the fixture run every 5 ms, added to the page. */
export function addConsole(listen?: (element: HTMLElement) => void): HTMLElement {
    const element = createElement('c-run-console', { is: RunConsole });
    Object.assign(element, { pollIntervalMs: 5, runId: 'a01000000000001AAA' });
    listen?.(element);
    document.body.appendChild(element);
    return element;
}

/** A console on the page after its first poll has been drawn. */
export async function showConsole(): Promise<HTMLElement> {
    const element = addConsole();
    await wait(30);
    return element;
}

/** Each stage's label and state as the console draws them. */
export function stagesOf(element: HTMLElement): (string | null | undefined)[][] {
    return [...(element.shadowRoot as ShadowRoot).querySelectorAll('li.stage')].map((li) => [
        li.querySelector('.stage-label')?.textContent,
        li.querySelector('.stage-state')?.textContent
    ]);
}

/** Inside a describe: an empty item list for every test, and a clean page and fresh mocks after it. */
export function useConsolePage(): void {
    beforeEach(() => {
        getItemsMock.mockResolvedValue({ rows: [], nextAfterId: null });
    });

    afterEach(() => {
        document.body.replaceChildren();
        jest.resetAllMocks();
    });
}
