import { createElement } from 'lwc';
import TargetPicker from 'c/targetPicker';
import type { LicenseTarget } from 'c/migrationTypes';
import getLicenseTargets from '@salesforce/apex/MigrationController.getLicenseTargets';

jest.mock(
    '@salesforce/apex/MigrationController.getLicenseTargets',
    () => {
        const { createApexTestWireAdapter } = jest.requireActual('@salesforce/sfdx-lwc-jest');
        return { default: createApexTestWireAdapter(jest.fn()) };
    },
    { virtual: true }
);

interface TestWireAdapter {
    emit(value: unknown): void;
    error(body?: unknown): void;
}

type Options = HTMLElement & { options: { label: string; value: string }[]; disabled: boolean };

const wire = getLicenseTargets as unknown as TestWireAdapter;

const LICENSES: LicenseTarget[] = [
    {
        licenseId: '100000000000001AAA',
        licenseName: 'Customer Community',
        userType: 'CspLitePortal',
        total: 100,
        used: 40,
        available: 60,
        profiles: [{ id: '00e000000000001AAA', name: 'Customer Community User' }]
    },
    {
        licenseId: '100000000000002AAA',
        licenseName: 'Customer Community Plus',
        userType: 'PowerCustomerSuccess',
        total: 10,
        used: 8,
        available: 2,
        profiles: [
            { id: '00e000000000002AAA', name: 'Customer Community Plus User' },
            { id: '00e000000000003AAA', name: 'Customer Community Plus Login User' }
        ]
    }
];

async function flush(): Promise<void> {
    for (let i = 0; i < 5; i++) {
        // eslint-disable-next-line no-await-in-loop
        await Promise.resolve();
    }
}

function mount(userCount = 0): { element: HTMLElement; events: unknown[] } {
    const element = createElement('c-target-picker', { is: TargetPicker });
    Object.assign(element, { userCount });
    const events: unknown[] = [];
    element.addEventListener('targetchange', (event) => events.push((event as CustomEvent).detail));
    document.body.appendChild(element);
    return { element, events };
}

function root(element: HTMLElement): ShadowRoot {
    return element.shadowRoot as ShadowRoot;
}

function change(target: Element | null, value: unknown): void {
    target?.dispatchEvent(new CustomEvent('change', { detail: { value } }));
}

describe('c-target-picker', () => {
    afterEach(() => {
        document.body.replaceChildren();
        jest.clearAllMocks();
    });

    it('shows a spinner until the licenses arrive', async () => {
        const { element } = mount();
        expect(root(element).querySelector('lightning-spinner')).not.toBeNull();
        await expect(element).toBeAccessible();
    });

    it('shows the seats next to each license and the profiles of the chosen one', async () => {
        const { element, events } = mount(5);
        wire.emit(LICENSES);
        await flush();

        const license = root(element).querySelector('.license') as Options;
        expect(license.options.map((o) => o.label)).toEqual([
            'Customer Community — 60 of 100 seats free',
            'Customer Community Plus — 2 of 10 seats free'
        ]);
        const profile = root(element).querySelector('.profile') as Options;
        expect(profile.disabled).toBe(true);

        change(license, '100000000000001AAA');
        await flush();
        expect(profile.options.map((o) => o.value)).toEqual(['00e000000000001AAA']);
        expect(root(element).querySelector('.role-strategy')).toBeNull();
        expect(root(element).querySelector('.seat-warning')).toBeNull();
        expect(events[events.length - 1]).toBeNull();

        change(profile, '00e000000000001AAA');
        await flush();
        expect(events[events.length - 1]).toEqual({
            targetProfileId: '00e000000000001AAA',
            licenseName: 'Customer Community',
            userType: 'CspLitePortal',
            roleStrategy: 'Platform_Default',
            roleLevel: null,
            targetRoleId: null
        });
        await expect(element).toBeAccessible();
    });

    it('offers a role strategy on a role-based license, and warns when seats run short', async () => {
        const { element, events } = mount(5);
        wire.emit(LICENSES);
        await flush();
        change(root(element).querySelector('.license'), '100000000000002AAA');
        await flush();
        expect(root(element).querySelector('.seat-warning')?.textContent).toContain('2 free seats for 5 users');
        change(root(element).querySelector('.profile'), '00e000000000003AAA');
        change(root(element).querySelector('.role-strategy'), 'Level');
        await flush();
        change(root(element).querySelector('.role-level'), '2');
        await flush();
        expect(events[events.length - 1]).toMatchObject({ roleStrategy: 'Level', roleLevel: 2, targetRoleId: null });
        await expect(element).toBeAccessible();

        change(root(element).querySelector('.role-strategy'), 'Specific_Role');
        await flush();
        change(root(element).querySelector('.role-id'), 'not-a-role');
        await flush();
        expect(events[events.length - 1]).toBeNull();
        change(root(element).querySelector('.role-id'), ' 00E000000000001AAA ');
        await flush();
        expect(events[events.length - 1]).toMatchObject({
            roleStrategy: 'Specific_Role',
            roleLevel: null,
            targetRoleId: '00E000000000001AAA'
        });
        await expect(element).toBeAccessible();
    });

    it('shows an empty state when no license can take users', async () => {
        const { element } = mount();
        wire.emit([]);
        await flush();
        expect(root(element).querySelector('.empty-state')).not.toBeNull();
        expect(root(element).querySelector('.license')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('passes an Apex error to the error panel', async () => {
        const { element } = mount();
        wire.error({ message: 'No access to licenses.' });
        await flush();
        const panel = root(element).querySelector('c-error-panel') as HTMLElement;
        const messages = [...(panel.shadowRoot as ShadowRoot).querySelectorAll('li')].map((li) => li.textContent);
        expect(messages).toEqual(['No access to licenses.']);
        await expect(element).toBeAccessible();
    });
});
