import { getRunMock, addConsole, stagesOf, useConsolePage } from './consolePage';
import { aRun, wait } from '../../migrationUtils/__tests__/runFixtures';

async function mount(): Promise<HTMLElement> {
    const element = addConsole();
    await wait(30);
    return element;
}

describe('c-run-console for an import run', () => {
    useConsolePage();

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
