import { createElement } from 'lwc';
import RunConsole from 'c/runConsole';
import getRun from '@salesforce/apex/MigrationController.getRun';
import getItems from '@salesforce/apex/MigrationController.getItems';
import { aRun, waitFor, wait } from '../../migrationUtils/__tests__/runFixtures';

jest.mock('@salesforce/apex/MigrationController.getRun', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MigrationController.getItems', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MigrationController.exportCsv', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MigrationController.abortRun', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MigrationController.retryRun', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MigrationController.resumeRun', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MigrationController.rollbackRun', () => ({ default: jest.fn() }), { virtual: true });

const getRunMock = getRun as unknown as jest.Mock;
const getItemsMock = getItems as unknown as jest.Mock;

/** Mounts a console on a run and records its runfinished events. */
function mount(): { element: HTMLElement; finished: unknown[] } {
    const element = createElement('c-run-console', { is: RunConsole });
    Object.assign(element, { pollIntervalMs: 5, runId: 'a01000000000001AAA' });
    const finished: unknown[] = [];
    element.addEventListener('runfinished', (event) => finished.push((event as CustomEvent).detail));
    document.body.appendChild(element);
    return { element, finished };
}

describe('c-run-console: the end of a run', () => {
    beforeEach(() => {
        getItemsMock.mockResolvedValue({ rows: [], nextAfterId: null });
    });

    afterEach(() => {
        document.body.replaceChildren();
        jest.resetAllMocks();
    });

    it('reports runfinished once, when the polled run reaches a terminal status', async () => {
        const running = aRun({
            status: 'Running',
            currentStage: 'Profile_Role',
            startedAt: '2026-11-20T10:00:00.000Z'
        });
        const done = aRun({ status: 'Completed', currentStage: 'Done', startedAt: '2026-11-20T10:00:00.000Z' });
        getRunMock.mockResolvedValueOnce(running).mockResolvedValueOnce(running).mockResolvedValue(done);
        const { finished } = mount();
        await waitFor(() => finished.length > 0);
        await wait(40);
        expect(finished).toEqual(['Completed']);
    });

    it('reports nothing while the run is still working', async () => {
        getRunMock.mockResolvedValue(aRun({ status: 'Running', currentStage: 'Profile_Role' }));
        const { finished } = mount();
        await waitFor(() => getRunMock.mock.calls.length >= 3);
        expect(finished).toEqual([]);
    });
});
