import { getRunMock, showConsole, stagesOf, useConsolePage } from './consolePage';
import { aRun } from '../../migrationUtils/__tests__/runFixtures';

describe('c-run-console for a re-create run', () => {
    useConsolePage();

    it('draws the re-create stages and places the run on them', async () => {
        getRunMock.mockResolvedValue(
            aRun({ kind: 'Recreate', status: 'Running', currentStage: 'Create_User', succeededCount: 0 })
        );
        const element = await showConsole();

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
        const element = await showConsole();

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
