import { getRunMock, showConsole, stagesOf, useConsolePage } from './consolePage';
import { aRun } from '../../migrationUtils/__tests__/runFixtures';

describe('c-run-console for an import run', () => {
    useConsolePage();

    it('draws the import stages and places the run on them', async () => {
        getRunMock.mockResolvedValue(
            aRun({ kind: 'Import', status: 'Running', currentStage: 'Users', succeededCount: 0 })
        );
        const element = await showConsole();

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
        const element = await showConsole();

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
