import { createElement } from 'lwc';
import PermissionMapping from 'c/permissionMapping';
import type { PermissionInventoryRow } from 'c/migrationTypes';
import getPermissionInventory from '@salesforce/apex/MigrationController.getPermissionInventory';
import saveMapping from '@salesforce/apex/MigrationController.saveMapping';
import getRun from '@salesforce/apex/MigrationController.getRun';
import { aRun, waitFor } from '../../migrationUtils/__tests__/runFixtures';

jest.mock('@salesforce/apex/MigrationController.getPermissionInventory', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/MigrationController.saveMapping', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MigrationController.getRun', () => ({ default: jest.fn() }), { virtual: true });

type Control = HTMLElement & { value: string; disabled: boolean; options: { label: string; value: string }[] };

const inventory = getPermissionInventory as unknown as jest.Mock;
const save = saveMapping as unknown as jest.Mock;
const getRunMock = getRun as unknown as jest.Mock;
const RUN_ID = 'a01000000000001AAA';

const INVENTORY: PermissionInventoryRow[] = [
    {
        sourceId: '0PS000000000001AAA',
        name: 'Portal_Reports',
        label: 'Portal Reports',
        isGroup: false,
        users: 12,
        fitsTarget: true,
        action: 'KEEP',
        targetId: null,
        suggestions: []
    },
    {
        sourceId: '0PS000000000002AAA',
        name: 'CC_Knowledge',
        label: 'CC Knowledge',
        isGroup: false,
        users: 1,
        fitsTarget: false,
        action: 'MAP',
        targetId: '0PS000000000003AAA',
        suggestions: [
            { id: '0PS000000000003AAA', name: 'CCP_Knowledge', label: 'CCP Knowledge', isGroup: false },
            { id: '0PS000000000004AAA', name: 'CCP_Other', label: 'CCP Other', isGroup: false }
        ]
    },
    {
        sourceId: '0PG000000000001AAA',
        name: 'Legacy_Bundle',
        label: 'Legacy Bundle',
        isGroup: true,
        users: 3,
        fitsTarget: false,
        action: 'DROP',
        targetId: null,
        suggestions: []
    }
];

async function flush(): Promise<void> {
    for (let i = 0; i < 5; i++) {
        // eslint-disable-next-line no-await-in-loop
        await Promise.resolve();
    }
}

function mount(): { element: HTMLElement; saved: unknown[] } {
    const element = createElement('c-permission-mapping', { is: PermissionMapping });
    Object.assign(element, { runId: RUN_ID });
    const saved: unknown[] = [];
    element.addEventListener('mappingsaved', (event) => saved.push((event as CustomEvent).detail));
    document.body.appendChild(element);
    return { element, saved };
}

function root(element: HTMLElement): ShadowRoot {
    return element.shadowRoot as ShadowRoot;
}

function change(target: Element | null, value: unknown): void {
    target?.dispatchEvent(new CustomEvent('change', { detail: { value } }));
}

function actionOf(element: HTMLElement, id: string): Control {
    return root(element).querySelector(`.action[data-id="${id}"]`) as Control;
}

describe('c-permission-mapping', () => {
    beforeEach(() => {
        getRunMock.mockResolvedValue(aRun({ status: 'Draft', statusMessage: '3 users selected.' }));
    });

    afterEach(() => {
        document.body.replaceChildren();
        jest.resetAllMocks();
    });

    it('asks for the inventory of the run and shows a spinner meanwhile', async () => {
        inventory.mockReturnValue(new Promise(() => undefined));
        const { element } = mount();
        await flush();
        expect(inventory).toHaveBeenCalledWith({ runId: RUN_ID });
        expect(root(element).querySelector('lightning-spinner')).not.toBeNull();
        await expect(element).toBeAccessible();
    });

    it('lists each set with its users, defaults, suggestions and the license badge', async () => {
        inventory.mockResolvedValue(INVENTORY);
        const { element } = mount();
        await flush();

        const rows = [...root(element).querySelectorAll('tr.mapping-row')];
        expect(rows).toHaveLength(3);
        expect(rows.map((r) => r.querySelector('.user-count')?.textContent)).toEqual(['12 users', '1 user', '3 users']);
        expect(rows.map((r) => r.querySelector('lightning-badge') !== null)).toEqual([false, true, true]);
        expect(actionOf(element, '0PS000000000001AAA').value).toBe('KEEP');
        expect(actionOf(element, '0PS000000000002AAA').value).toBe('MAP');
        expect(actionOf(element, '0PG000000000001AAA').value).toBe('DROP');
        const target = root(element).querySelector('.target[data-id="0PS000000000002AAA"]') as Control;
        expect(target.value).toBe('0PS000000000003AAA');
        expect(target.options[0].label).toBe('CCP Knowledge (suggested)');
        expect(root(element).querySelector('.summary')?.textContent).toBe('1 kept, 1 mapped, 1 dropped.');
        await expect(element).toBeAccessible();
    });

    it('saves the mapping as JSON and reports it', async () => {
        save.mockResolvedValue(undefined);
        inventory.mockResolvedValue(INVENTORY);
        const { element, saved } = mount();
        await flush();
        change(root(element).querySelector('.target[data-id="0PS000000000002AAA"]'), '0PS000000000004AAA');
        await flush();
        (root(element).querySelector('.save') as HTMLElement).click();
        await flush();

        expect(save).toHaveBeenCalledTimes(1);
        expect(save.mock.calls[0][0].runId).toBe(RUN_ID);
        expect(JSON.parse(save.mock.calls[0][0].mappingJson)).toEqual([
            { sourceId: '0PS000000000001AAA', action: 'KEEP', targetId: null },
            { sourceId: '0PS000000000002AAA', action: 'MAP', targetId: '0PS000000000004AAA' },
            { sourceId: '0PG000000000001AAA', action: 'DROP', targetId: null }
        ]);
        expect(saved).toEqual([RUN_ID]);
        expect(root(element).querySelector('.saved')).not.toBeNull();
        await expect(element).toBeAccessible();
    });

    it('refuses to save a set kept on a license that cannot hold it, or a map without a target', async () => {
        inventory.mockResolvedValue(INVENTORY);
        const { element } = mount();
        await flush();
        const saveButton = root(element).querySelector('.save') as Control;

        change(actionOf(element, '0PG000000000001AAA'), 'KEEP');
        await flush();
        expect(root(element).querySelector('.row-problem')?.textContent).toContain('cannot hold this');
        expect(saveButton.disabled).toBe(true);

        change(actionOf(element, '0PG000000000001AAA'), 'DROP');
        change(root(element).querySelector('.target[data-id="0PS000000000002AAA"]'), '');
        await flush();
        expect(root(element).querySelector('.row-problem')?.textContent).toBe('Choose what to map it to.');
        expect(saveButton.disabled).toBe(true);
        saveButton.click();
        await flush();
        expect(save).not.toHaveBeenCalled();

        change(actionOf(element, '0PG000000000001AAA'), 'DROP');
        change(actionOf(element, '0PS000000000002AAA'), 'DROP');
        await flush();
        expect(root(element).querySelector('.row-problem')).toBeNull();
        expect(saveButton.disabled).toBe(false);
        await expect(element).toBeAccessible();
    });

    it('shows an empty state and still lets the admin save an empty mapping', async () => {
        save.mockResolvedValue(undefined);
        inventory.mockResolvedValue([]);
        const { element, saved } = mount();
        await flush();
        expect(root(element).querySelector('.empty-state')).not.toBeNull();
        (root(element).querySelector('.save') as HTMLElement).click();
        await flush();
        expect(JSON.parse(save.mock.calls[0][0].mappingJson)).toEqual([]);
        expect(saved).toEqual([RUN_ID]);
        await expect(element).toBeAccessible();
    });

    it('shows the load error and the save error through the error panel', async () => {
        inventory.mockRejectedValue({ body: { message: 'Inventory failed.' } });
        let { element } = mount();
        await flush();
        expect(root(element).querySelector('c-error-panel')).not.toBeNull();
        expect((root(element).querySelector('.save') as Control).disabled).toBe(true);
        await expect(element).toBeAccessible();
        document.body.replaceChildren();

        inventory.mockResolvedValue(INVENTORY);
        save.mockRejectedValue({ body: { message: 'Mapping names an unknown permission set.' } });
        ({ element } = mount());
        await flush();
        (root(element).querySelector('.save') as HTMLElement).click();
        await flush();
        const panel = root(element).querySelector('c-error-panel') as HTMLElement;
        const messages = [...(panel.shadowRoot as ShadowRoot).querySelectorAll('li')].map((li) => li.textContent);
        expect(messages).toEqual(['Mapping names an unknown permission set.']);
        expect(root(element).querySelectorAll('tr.mapping-row')).toHaveLength(3);
        await expect(element).toBeAccessible();
    });

    it('starts an unsaved mapping from defaults: keep what fits, map to the first suggestion, drop the rest', async () => {
        inventory.mockResolvedValue(INVENTORY.map((row) => ({ ...row, action: null, targetId: null })));
        const { element } = mount();
        await flush();

        expect(actionOf(element, '0PS000000000001AAA').value).toBe('KEEP');
        expect(actionOf(element, '0PS000000000002AAA').value).toBe('MAP');
        expect(actionOf(element, '0PG000000000001AAA').value).toBe('DROP');
        expect((root(element).querySelector('.target[data-id="0PS000000000002AAA"]') as Control).value).toBe(
            '0PS000000000003AAA'
        );
        expect(root(element).querySelector('.row-problem')).toBeNull();

        change(actionOf(element, '0PG000000000001AAA'), 'MAP');
        await flush();
        expect(root(element).querySelector('.row-problem')?.textContent).toContain('No permission set of the target');
        expect((root(element).querySelector('.save') as Control).disabled).toBe(true);
        await expect(element).toBeAccessible();
    });

    it('waits for the selection to expand before reading the permission sets', async () => {
        getRunMock
            .mockResolvedValueOnce(aRun({ status: 'Preparing', totalItems: 120 }))
            .mockResolvedValue(aRun({ status: 'Draft', statusMessage: '200 users selected.' }));
        inventory.mockResolvedValue(INVENTORY);
        const element = createElement('c-permission-mapping', { is: PermissionMapping });
        Object.assign(element, { runId: RUN_ID, pollIntervalMs: 5 });
        document.body.appendChild(element);
        await flush();

        expect(root(element).querySelector('.expanding')?.textContent).toBe(
            'Collecting the selected users: 120 so far…'
        );
        expect(inventory).not.toHaveBeenCalled();
        await expect(element).toBeAccessible();

        await waitFor(() => inventory.mock.calls.length > 0);
        await flush();
        expect(inventory).toHaveBeenCalledWith({ runId: RUN_ID });
        expect(root(element).querySelector('.expanding')).toBeNull();
        expect(root(element).querySelector('.expansion-summary')?.textContent).toBe('200 users selected.');
        expect(root(element).querySelectorAll('tr.mapping-row')).toHaveLength(3);
    });

    it('says so when the selection expanded to nobody, and offers nothing to save', async () => {
        getRunMock.mockResolvedValue(
            aRun({ status: 'Failed', statusMessage: 'The selection holds no user that can be migrated.' })
        );
        const { element } = mount();
        await flush();
        expect(root(element).querySelector('.expansion-failed')?.textContent).toContain(
            'The selection holds no user that can be migrated.'
        );
        expect(root(element).querySelector('.empty-state')).toBeNull();
        expect(inventory).not.toHaveBeenCalled();
        expect((root(element).querySelector('.save') as Control).disabled).toBe(true);
        await expect(element).toBeAccessible();
    });

    it('shows a failed read of the run', async () => {
        getRunMock.mockRejectedValue({ body: { message: 'Run not found.' } });
        const { element } = mount();
        await flush();
        const panel = root(element).querySelector('c-error-panel') as HTMLElement;
        const messages = [...(panel.shadowRoot as ShadowRoot).querySelectorAll('li')].map((li) => li.textContent);
        expect(messages).toEqual(['Run not found.']);
    });

    it('loads nothing without a run', async () => {
        const element = createElement('c-permission-mapping', { is: PermissionMapping });
        document.body.appendChild(element);
        await flush();
        expect(inventory).not.toHaveBeenCalled();
        expect((root(element).querySelector('.save') as Control).disabled).toBe(false);
        (root(element).querySelector('.save') as HTMLElement).click();
        await flush();
        expect(save).not.toHaveBeenCalled();
    });
});
