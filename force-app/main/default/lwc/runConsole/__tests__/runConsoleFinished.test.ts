import { getRunMock, addConsole, useConsolePage } from './consolePage';
import { aRun, waitFor, wait } from '../../migrationUtils/__tests__/runFixtures';

/** Mounts a console on a run and records its runfinished events. */
function mount(): { element: HTMLElement; finished: unknown[] } {
    const finished: unknown[] = [];
    const element = addConsole((created) =>
        created.addEventListener('runfinished', (event) => finished.push((event as CustomEvent).detail))
    );
    return { element, finished };
}

describe('c-run-console: the end of a run', () => {
    useConsolePage();

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
