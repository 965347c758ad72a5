import { createElement } from 'lwc';
import ConfirmRun from 'c/confirmRun';
import getRun from '@salesforce/apex/MigrationController.getRun';
import startRun from '@salesforce/apex/MigrationController.startRun';
import { aRun } from '../../migrationUtils/__tests__/runFixtures';

jest.mock('@salesforce/apex/MigrationController.getRun', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MigrationController.startRun', () => ({ default: jest.fn() }), { virtual: true });
jest.mock(
    '@salesforce/apex/MigrationController.getLicenseTargets',
    () => {
        const { createApexTestWireAdapter } = jest.requireActual('@salesforce/sfdx-lwc-jest');
        return { default: createApexTestWireAdapter(jest.fn()) };
    },
    { virtual: true }
);

const getRunMock = getRun as unknown as jest.Mock;
const startMock = startRun as unknown as jest.Mock;
const RUN_ID = 'a01000000000001AAA';

async function flush(): Promise<void> {
    for (let i = 0; i < 6; i++) {
        // eslint-disable-next-line no-await-in-loop
        await Promise.resolve();
    }
}

describe('c-confirm-run for a re-create run', () => {
    afterEach(() => {
        document.body.replaceChildren();
        jest.resetAllMocks();
    });

    it('says what re-creation does and asks for the phrase before it disables anyone', async () => {
        getRunMock.mockResolvedValue(aRun({ kind: 'Recreate', irreversibleCount: 8 }));
        startMock.mockResolvedValue(undefined);
        const element = createElement('c-confirm-run', { is: ConfirmRun });
        Object.assign(element, { runId: RUN_ID });
        document.body.appendChild(element);
        await flush();
        const root = element.shadowRoot as ShadowRoot;

        root.querySelector('.mode')?.dispatchEvent(new CustomEvent('change', { detail: { value: 'real' } }));
        await flush();
        const labels = [...root.querySelectorAll('li.stage-sentence .slds-text-title_bold')].map((b) => b.textContent);
        expect(labels).toEqual([
            'Snapshot:',
            'Disable old user:',
            'Create new user:',
            'Permissions:',
            'Reassign records:',
            'Verify:'
        ]);
        const sentences = [...root.querySelectorAll('li.stage-sentence')].map((li) => li.textContent);
        expect(sentences[1]).toContain('Disable each old portal user, which frees its contact.');
        expect(sentences[2]).toContain('(Customer Community Plus license) on the same contact');
        expect(root.querySelector('.irreversible-text')?.textContent).toContain(
            '8 old portal users are disabled for good and re-created'
        );
        expect((root.querySelector('.start') as HTMLElement & { disabled: boolean }).disabled).toBe(true);
        await expect(element).toBeAccessible();
    });
});
