import { createElement } from 'lwc';
import ImportOptions from 'c/importOptions';
import type { TargetChoice } from 'c/migrationTypes';

jest.mock(
    '@salesforce/apex/MigrationController.getLicenseTargets',
    () => {
        const { createApexTestWireAdapter } = jest.requireActual('@salesforce/sfdx-lwc-jest');
        return { default: createApexTestWireAdapter(jest.fn()) };
    },
    { virtual: true }
);

const TARGET: TargetChoice = {
    targetProfileId: '00e000000000002AAA',
    licenseName: 'Customer Community Plus',
    userType: 'PowerCustomerSuccess',
    roleStrategy: 'Platform_Default',
    roleLevel: null,
    targetRoleId: null
};

const PERMISSION_SETS = [
    { id: '0PS000000000001AAA', name: 'Community_Reader', label: 'Community Reader', isGroup: false },
    { id: '0PS000000000002AAA', name: 'Community_Writer', label: '', isGroup: false }
];

interface Mounted {
    element: HTMLElement;
    choices: unknown[];
}

async function mount(props: Record<string, unknown> = {}): Promise<Mounted> {
    const element = createElement('c-import-options', { is: ImportOptions });
    Object.assign(element, {
        rowCount: 500,
        contactKeyFields: ['Migrator_External_Id__c', 'Legacy_Id__c'],
        accountKeyFields: ['Migrator_External_Id__c'],
        ...props
    });
    const choices: unknown[] = [];
    element.addEventListener('optionschange', (event) => choices.push((event as CustomEvent).detail));
    document.body.appendChild(element);
    await Promise.resolve();
    return { element, choices };
}

function root(element: HTMLElement): ShadowRoot {
    return element.shadowRoot as ShadowRoot;
}

function fire(target: Element | null, detail: unknown): void {
    target?.dispatchEvent(new CustomEvent('change', { detail }));
}

async function pickTarget(element: HTMLElement, target: TargetChoice | null = TARGET): Promise<void> {
    root(element)
        .querySelector('c-target-picker')
        ?.dispatchEvent(new CustomEvent('targetchange', { detail: target }));
    await Promise.resolve();
}

describe('c-import-options', () => {
    afterEach(() => {
        document.body.replaceChildren();
    });

    it('hands on nothing until a target is chosen, then the defaults: no e-mail, the app key fields', async () => {
        const { element, choices } = await mount();
        const picker = root(element).querySelector('c-target-picker') as HTMLElement & { userCount: number };
        expect(picker.userCount).toBe(500);
        expect(root(element).querySelector('.no-permission-sets')).not.toBeNull();
        const welcome = root(element).querySelector('.welcome-email') as HTMLElement & {
            checked: boolean;
            disabled: boolean;
        };
        // Welcome e-mails are offered and off until the admin asks.
        expect(welcome.checked).toBe(false);
        expect(welcome.disabled).toBeFalsy();
        expect(root(element).querySelector('.welcome-text')?.textContent).toContain('No e-mail is sent');

        await pickTarget(element);
        expect(choices).toEqual([
            {
                ...TARGET,
                permissionSetIds: [],
                usernameSuffix: null,
                sendWelcomeEmail: false,
                contactKeyField: 'Migrator_External_Id__c',
                accountKeyField: 'Migrator_External_Id__c'
            }
        ]);
        fire(welcome, { checked: true });
        await Promise.resolve();
        expect(choices[choices.length - 1]).toMatchObject({ sendWelcomeEmail: true });
        await pickTarget(element, null);
        expect(choices[choices.length - 1]).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('collects permission sets, a username suffix, welcome e-mails and other key fields', async () => {
        const { element, choices } = await mount({ permissionSets: PERMISSION_SETS });
        await pickTarget(element);
        const listbox = root(element).querySelector('.permission-sets') as HTMLElement & {
            options: { label: string; value: string }[];
        };
        expect(listbox.options).toEqual([
            { label: 'Community Reader (Community_Reader)', value: '0PS000000000001AAA' },
            { label: 'Community_Writer', value: '0PS000000000002AAA' }
        ]);
        fire(listbox, { value: ['0PS000000000002AAA'] });
        fire(root(element).querySelector('.username-suffix'), { value: ' .acme ' });
        fire(root(element).querySelector('.welcome-email'), { checked: true });
        fire(root(element).querySelector('.contact-key'), { value: 'Legacy_Id__c' });
        fire(root(element).querySelector('.account-key'), { value: 'Migrator_External_Id__c' });
        await Promise.resolve();

        expect(choices[choices.length - 1]).toEqual({
            ...TARGET,
            permissionSetIds: ['0PS000000000002AAA'],
            usernameSuffix: '.acme',
            sendWelcomeEmail: true,
            contactKeyField: 'Legacy_Id__c',
            accountKeyField: 'Migrator_External_Id__c'
        });
        expect(root(element).querySelector('.welcome-text')?.textContent).toContain('welcome message');
        const contactKey = root(element).querySelector('.contact-key') as HTMLElement & {
            options: { label: string; value: string }[];
        };
        expect(contactKey.options.map((o) => o.value)).toEqual(['Migrator_External_Id__c', 'Legacy_Id__c']);
        await expect(element).toBeAccessible();
    });

    it('refuses a username suffix that is not a dot and a domain-like word', async () => {
        const { element, choices } = await mount({ contactKeyFields: [], accountKeyFields: [] });
        await pickTarget(element);
        fire(root(element).querySelector('.username-suffix'), { value: 'acme' });
        await Promise.resolve();
        expect(choices[choices.length - 1]).toBeNull();
        expect(root(element).querySelector('.suffix-invalid')?.textContent).toContain('starts with a dot');
        await expect(element).toBeAccessible();

        fire(root(element).querySelector('.username-suffix'), { value: '.uat-2' });
        await Promise.resolve();
        expect(choices[choices.length - 1]).toMatchObject({
            usernameSuffix: '.uat-2',
            contactKeyField: null,
            accountKeyField: null
        });
        expect(root(element).querySelector('.contact-key')).toHaveProperty('disabled', true);
        expect(root(element).querySelector('.suffix-invalid')).toBeNull();
    });
    it('labels each set or group with its API name and what it is bound to', async () => {
        const { element } = await mount({
            permissionSets: [
                {
                    id: '0PS000000000003AAA',
                    name: 'Health_Portal',
                    label: 'Health Portal',
                    isGroup: false,
                    userLicense: null,
                    permissionSetLicenses: ['Health Cloud for Experience Cloud Sites']
                },
                {
                    id: '0PS000000000004AAA',
                    name: 'Customer_Only',
                    label: 'Customer Only',
                    isGroup: false,
                    userLicense: 'Customer Community',
                    permissionSetLicenses: []
                },
                {
                    id: '0PG000000000001AAA',
                    name: 'Portal_Bundle',
                    label: 'Portal Bundle',
                    isGroup: true,
                    userLicense: null,
                    permissionSetLicenses: []
                }
            ]
        });
        const listbox = root(element).querySelector('.permission-sets') as HTMLElement & {
            label: string;
            options: { label: string; value: string }[];
        };
        expect(listbox.label).toBe('Permission sets and groups to assign');
        expect(listbox.options.map((option) => option.label)).toEqual([
            'Health Portal (Health_Portal) · needs Health Cloud for Experience Cloud Sites',
            'Customer Only (Customer_Only) · Customer Community only',
            'Portal Bundle (Portal_Bundle) · group'
        ]);
    });

    it('tells the parent the chosen profile, and drops a chosen set the next profile does not offer', async () => {
        const { element, choices } = await mount({ permissionSets: PERMISSION_SETS });
        const profiles: unknown[] = [];
        element.addEventListener('profilechange', (event) => profiles.push((event as CustomEvent).detail));
        expect(root(element).querySelector('.no-permission-sets')).toBeNull();

        await pickTarget(element);
        await pickTarget(element);
        expect(profiles).toEqual(['00e000000000002AAA']);

        fire(root(element).querySelector('.permission-sets'), { value: ['0PS000000000001AAA', '0PS000000000002AAA'] });
        await Promise.resolve();
        expect(choices[choices.length - 1]).toMatchObject({
            permissionSetIds: ['0PS000000000001AAA', '0PS000000000002AAA']
        });

        // Another profile: the parent hands on its list, which lacks the first set.
        await pickTarget(element, { ...TARGET, targetProfileId: '00e000000000003AAA' });
        expect(profiles).toEqual(['00e000000000002AAA', '00e000000000003AAA']);
        Object.assign(element, { permissionSets: [PERMISSION_SETS[1]] });
        await Promise.resolve();
        const listbox = root(element).querySelector('.permission-sets') as HTMLElement & { value: string[] };
        expect(listbox.value).toEqual(['0PS000000000002AAA']);
        fire(root(element).querySelector('.username-suffix'), { value: '.acme' });
        await Promise.resolve();
        expect(choices[choices.length - 1]).toMatchObject({
            targetProfileId: '00e000000000003AAA',
            permissionSetIds: ['0PS000000000002AAA']
        });

        // No target: nothing is offered, and the text says to choose one.
        await pickTarget(element, null);
        expect(profiles[profiles.length - 1]).toBeNull();
        Object.assign(element, { permissionSets: [] });
        await Promise.resolve();
        expect(root(element).querySelector('.no-permission-sets')?.textContent).toContain('Choose the license');
    });
});
