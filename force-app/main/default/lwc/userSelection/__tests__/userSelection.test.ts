import { createElement } from 'lwc';
import UserSelection from 'c/userSelection';
import { wait } from '../../migrationUtils/__tests__/runFixtures';
import type { LicenseTarget, ListResolution, Page, ResolvedUser, UserRow } from 'c/migrationTypes';
import getLicenseTargets from '@salesforce/apex/MigrationController.getLicenseTargets';
import previewUsers from '@salesforce/apex/MigrationController.previewUsers';
import countUsers from '@salesforce/apex/MigrationController.countUsers';
import resolveUserList from '@salesforce/apex/MigrationController.resolveUserList';

jest.mock(
    '@salesforce/apex/MigrationController.getLicenseTargets',
    () => {
        const { createApexTestWireAdapter } = jest.requireActual('@salesforce/sfdx-lwc-jest');
        return { default: createApexTestWireAdapter(jest.fn()) };
    },
    { virtual: true }
);
jest.mock(
    '@salesforce/apex/MigrationController.previewUsers',
    () => {
        const { createApexTestWireAdapter } = jest.requireActual('@salesforce/sfdx-lwc-jest');
        return { default: createApexTestWireAdapter(jest.fn()) };
    },
    { virtual: true }
);
jest.mock('@salesforce/apex/MigrationController.countUsers', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MigrationController.resolveUserList', () => ({ default: jest.fn() }), {
    virtual: true
});

interface TestWireAdapter {
    emit(value: unknown): void;
    error(body?: unknown, status?: number, statusText?: string): void;
    getLastConfig(): Record<string, unknown>;
}

const licensesWire = getLicenseTargets as unknown as TestWireAdapter;
const previewWire = previewUsers as unknown as TestWireAdapter;
const count = countUsers as unknown as jest.Mock;
const resolve = resolveUserList as unknown as jest.Mock;

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
        licenseName: 'Partner Community',
        userType: 'PowerPartner',
        total: 10,
        used: 5,
        available: 5,
        profiles: [{ id: '00e000000000002AAA', name: 'Partner Community User' }]
    }
];

const ROW: UserRow = {
    id: '005000000000001AAA',
    username: 'ada@example.com',
    name: 'Ada Lovelace',
    profileName: 'Customer Community User',
    licenseName: 'Customer Community',
    userType: 'CspLitePortal',
    accountId: '001000000000001AAA',
    isActive: true,
    lastLoginDate: null
};

function resolved(userId: string): ResolvedUser {
    return {
        line: 1,
        input: userId,
        userId,
        username: `${userId}@example.com`,
        name: 'Someone',
        profileName: 'Customer Community User',
        licenseName: 'Customer Community',
        isActive: true
    };
}

async function flush(): Promise<void> {
    for (let i = 0; i < 10; i++) {
        // eslint-disable-next-line no-await-in-loop
        await Promise.resolve();
    }
}

function mount(): { element: HTMLElement; events: unknown[] } {
    const element = createElement('c-user-selection', { is: UserSelection });
    const events: unknown[] = [];
    element.addEventListener('selectionchange', (event) => events.push((event as CustomEvent).detail));
    document.body.appendChild(element);
    return { element, events };
}

function root(element: HTMLElement): ShadowRoot {
    return element.shadowRoot as ShadowRoot;
}

function change(target: Element | null, value: unknown): void {
    target?.dispatchEvent(new CustomEvent('change', { detail: { value } }));
}

function click(target: Element | null): void {
    target?.dispatchEvent(new CustomEvent('click'));
}

async function switchToList(element: HTMLElement): Promise<void> {
    change(root(element).querySelector('lightning-radio-group'), 'List');
    await flush();
}

describe('c-user-selection', () => {
    afterEach(() => {
        document.body.replaceChildren();
        jest.clearAllMocks();
        jest.useRealTimers();
    });

    it('counts and previews every external user, and reports the selection', async () => {
        count.mockResolvedValue(3);
        const { element, events } = mount();
        licensesWire.emit(LICENSES);
        previewWire.emit({ rows: [ROW], nextAfterId: null } satisfies Page<UserRow>);
        await flush();

        expect(count).toHaveBeenCalledWith({ criteriaJson: '{}' });
        expect(root(element).querySelector('.user-count')?.textContent).toBe('3 users match');
        const table = root(element).querySelector('lightning-datatable') as HTMLElement & { data: UserRow[] };
        expect(table.data).toEqual([ROW]);
        expect(events[events.length - 1]).toEqual({ mode: 'Criteria', criteria: {}, count: 3 });
        await expect(element).toBeAccessible();
    });

    it('applies the filters after a pause in typing, and limits profiles to the chosen license', async () => {
        jest.useFakeTimers();
        count.mockResolvedValue(1);
        const { element, events } = mount();
        licensesWire.emit(LICENSES);
        await flush();

        const [license, profile] = [...root(element).querySelectorAll('lightning-combobox')] as (HTMLElement & {
            options: { value: string }[];
        })[];
        change(license, 'Partner Community');
        await flush();
        expect(profile.options.map((o) => o.value)).toEqual(['', '00e000000000002AAA']);
        change(profile, '00e000000000002AAA');
        change(root(element).querySelector('[data-filter="account"]'), ' 001000000000001AAA ');
        change(root(element).querySelector('[data-filter="site"]'), '0DB000000000001AAA');
        change(root(element).querySelector('[data-filter="active"]'), 'false');
        change(root(element).querySelector('[data-filter="loginAfter"]'), '2026-01-01');
        change(root(element).querySelector('[data-filter="loginBefore"]'), '2026-06-01');
        expect(count).toHaveBeenCalledTimes(1);

        jest.advanceTimersByTime(400);
        await flush();

        const expected = {
            licenseNames: ['Partner Community'],
            profileIds: ['00e000000000002AAA'],
            accountIds: ['001000000000001AAA'],
            networkId: '0DB000000000001AAA',
            isActive: false,
            lastLoginAfter: new Date('2026-01-01T00:00:00').toISOString(),
            lastLoginBefore: new Date('2026-06-01T00:00:00').toISOString()
        };
        expect(count).toHaveBeenCalledTimes(2);
        expect(JSON.parse(count.mock.calls[1][0].criteriaJson)).toEqual(expected);
        expect(JSON.parse(previewWire.getLastConfig().criteriaJson as string)).toEqual(expected);
        expect(root(element).querySelector('.user-count')?.textContent).toBe('1 user matches');
        expect(events[events.length - 1]).toEqual({ mode: 'Criteria', criteria: expected, count: 1 });
    });

    it('narrows the count, the preview and the license choices to a user-type preset, and drops a license outside it', async () => {
        jest.useFakeTimers();
        count.mockResolvedValue(2);
        const element = createElement('c-user-selection', { is: UserSelection }) as HTMLElement & {
            userTypes: string[];
        };
        const events: unknown[] = [];
        element.addEventListener('selectionchange', (event) => events.push((event as CustomEvent).detail));
        element.userTypes = ['PowerPartner'];
        document.body.appendChild(element);
        licensesWire.emit(LICENSES);
        await flush();

        expect(count).toHaveBeenCalledWith({ criteriaJson: '{"userTypes":["PowerPartner"]}' });
        expect(JSON.parse(previewWire.getLastConfig().criteriaJson as string)).toEqual({ userTypes: ['PowerPartner'] });
        const [license, profile] = [...root(element).querySelectorAll('lightning-combobox')] as (HTMLElement & {
            options: { label: string; value: string }[];
            value: string;
        })[];
        expect(license.options).toEqual([
            { label: 'Any of these licenses', value: '' },
            { label: 'Partner Community', value: 'Partner Community' }
        ]);
        expect(profile.options.map((o) => o.value)).toEqual(['', '00e000000000002AAA']);
        expect(events[events.length - 1]).toEqual({
            mode: 'Criteria',
            criteria: { userTypes: ['PowerPartner'] },
            count: 2
        });

        change(license, 'Partner Community');
        jest.advanceTimersByTime(400);
        await flush();
        expect(JSON.parse(count.mock.calls[1][0].criteriaJson)).toEqual({
            licenseNames: ['Partner Community'],
            userTypes: ['PowerPartner']
        });

        // Another preset without that license's type: the license goes, the count follows at once.
        element.userTypes = ['CspLitePortal'];
        await flush();
        expect(license.value).toBe('');
        expect(JSON.parse(count.mock.calls[2][0].criteriaJson)).toEqual({ userTypes: ['CspLitePortal'] });
        element.userTypes = [];
        await flush();
        expect(JSON.parse(count.mock.calls[3][0].criteriaJson)).toEqual({});
    });

    it('counts only legacy portal licenses when asked, once the licenses are known', async () => {
        count.mockResolvedValue(6);
        const legacy: LicenseTarget[] = [
            ...LICENSES,
            {
                licenseId: '100000000000003AAA',
                licenseName: 'Customer Portal Manager Custom',
                userType: 'PowerCustomerSuccess',
                total: 50,
                used: 6,
                available: 44,
                profiles: [{ id: '00e000000000003AAA', name: 'Customer Portal Manager Custom' }]
            },
            {
                licenseId: '100000000000004AAA',
                licenseName: 'Gold Partner',
                userType: 'PowerPartner',
                total: 50,
                used: 0,
                available: 50,
                profiles: [{ id: '00e000000000004AAA', name: 'Gold Partner User' }]
            }
        ];
        const element = createElement('c-user-selection', { is: UserSelection }) as HTMLElement & {
            legacyPortalOnly: boolean;
        };
        element.legacyPortalOnly = true;
        document.body.appendChild(element);
        await flush();
        expect(count).toHaveBeenLastCalledWith({ criteriaJson: '{}' });

        licensesWire.emit(legacy);
        await flush();
        const narrowed = { licenseNames: ['Customer Portal Manager Custom', 'Gold Partner'] };
        expect(JSON.parse(count.mock.calls[count.mock.calls.length - 1][0].criteriaJson)).toEqual(narrowed);
        expect(JSON.parse(previewWire.getLastConfig().criteriaJson as string)).toEqual(narrowed);
        const license = root(element).querySelector('lightning-combobox') as HTMLElement & {
            options: { value: string }[];
        };
        expect(license.options.map((o) => o.value)).toEqual(['', 'Customer Portal Manager Custom', 'Gold Partner']);

        element.legacyPortalOnly = false;
        await flush();
        expect(count).toHaveBeenLastCalledWith({ criteriaJson: '{}' });
        expect(license.options).toHaveLength(5);
    });

    it('pages the preview with the server cursor', async () => {
        count.mockResolvedValue(120);
        const { element } = mount();
        previewWire.emit({ rows: [ROW], nextAfterId: '005000000000050AAA' });
        await flush();

        const next = root(element).querySelector('.next-page') as HTMLElement & { disabled: boolean };
        const previous = root(element).querySelector('.previous-page') as HTMLElement & { disabled: boolean };
        expect(previous.disabled).toBe(true);
        expect(next.disabled).toBe(false);
        click(next);
        await flush();
        expect(previewWire.getLastConfig().afterId).toBe('005000000000050AAA');
        expect(previewWire.getLastConfig().pageSize).toBe(50);

        previewWire.emit({ rows: [ROW], nextAfterId: null });
        await flush();
        expect(next.disabled).toBe(true);
        expect(previous.disabled).toBe(false);
        click(previous);
        await flush();
        expect(previewWire.getLastConfig().afterId).toBeNull();
    });

    it('shows an empty state, and no selection, when no user matches', async () => {
        count.mockResolvedValue(0);
        const { element, events } = mount();
        previewWire.emit({ rows: [], nextAfterId: null });
        await flush();

        expect(root(element).querySelector('.preview-empty')).not.toBeNull();
        expect(root(element).querySelector('lightning-datatable')).toBeNull();
        expect(events[events.length - 1]).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('shows Apex errors of the count, the preview and the licenses in the error panel', async () => {
        count.mockRejectedValue({ body: { message: 'You need the Community User Migrator permission set.' } });
        const { element } = mount();
        await flush();
        let panel = root(element).querySelector('c-error-panel') as HTMLElement & { errors: unknown };
        expect(panel).not.toBeNull();
        expect(root(element).querySelector('.user-count')?.textContent).toBe('Counting users…');
        await expect(element).toBeAccessible();

        previewWire.error({ message: 'Preview failed.' });
        licensesWire.error({ message: 'No licenses.' });
        await flush();
        panel = root(element).querySelector('c-error-panel') as HTMLElement & { errors: unknown };
        expect(panel.errors).toBeTruthy();
    });

    it('resolves a pasted list and lists every unresolved row, with a download', async () => {
        count.mockResolvedValue(0);
        const result: ListResolution = {
            rowCount: 3,
            users: [resolved('005000000000001AAA')],
            issues: [
                {
                    line: 3,
                    input: 'ghost@example.com',
                    reason: 'NOT_FOUND',
                    severity: 'ERROR',
                    message: 'No such user.'
                },
                { line: 4, input: '=cmd', reason: 'MALFORMED_ID', severity: 'ERROR', message: 'Not an Id.' }
            ]
        };
        resolve.mockResolvedValue(result);
        const { element, events } = mount();
        await switchToList(element);

        const check = root(element).querySelector('.check-list') as HTMLElement & { disabled: boolean };
        expect(check.disabled).toBe(true);
        change(root(element).querySelector('lightning-textarea'), 'Username\nada@example.com\nghost@example.com\n=cmd');
        await flush();
        expect(check.disabled).toBe(false);
        click(check);
        await flush();

        expect(resolve).toHaveBeenCalledWith({ text: 'Username\nada@example.com\nghost@example.com\n=cmd' });
        expect(root(element).querySelector('.resolved-count')?.textContent).toBe('1 user found.');
        expect(root(element).querySelectorAll('tr.unresolved-row')).toHaveLength(2);
        expect(root(element).querySelector('.blocking')?.textContent).toContain('2 rows do not name a user');
        const link = root(element).querySelector('a.download-unresolved') as HTMLAnchorElement;
        const csv = decodeURIComponent(link.getAttribute('href')?.split(',').slice(1).join(',') ?? '');
        expect(csv).toBe(
            "Line,Value,Reason,Severity,Message\r\n3,ghost@example.com,NOT_FOUND,ERROR,No such user.\r\n4,'=cmd,MALFORMED_ID,ERROR,Not an Id.\r\n"
        );
        expect(events[events.length - 1]).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('selects the resolved users when only warnings remain', async () => {
        count.mockResolvedValue(0);
        resolve.mockResolvedValue({
            rowCount: 2,
            users: [resolved('005000000000001AAA'), resolved('005000000000002AAA')],
            issues: [
                {
                    line: 2,
                    input: 'old@example.com',
                    reason: 'INACTIVE',
                    severity: 'WARNING',
                    message: 'Inactive user.'
                }
            ]
        } satisfies ListResolution);
        const { element, events } = mount();
        await switchToList(element);
        change(root(element).querySelector('lightning-textarea'), 'a\nb');
        click(root(element).querySelector('.check-list'));
        await flush();

        expect(root(element).querySelector('.blocking')).toBeNull();
        expect(events[events.length - 1]).toEqual({
            mode: 'List',
            criteria: { userIds: ['005000000000001AAA', '005000000000002AAA'] },
            count: 2
        });
        expect(root(element).querySelectorAll('tr.unresolved-row')).toHaveLength(1);
        await expect(element).toBeAccessible();
    });

    it('refuses a list that resolves to more users than one run takes', async () => {
        count.mockResolvedValue(0);
        resolve.mockResolvedValue({
            rowCount: 5001,
            users: Array.from({ length: 5001 }, (_, i) => resolved(`005${String(i).padStart(15, '0')}`)),
            issues: []
        } satisfies ListResolution);
        const { element, events } = mount();
        await switchToList(element);
        change(root(element).querySelector('lightning-textarea'), 'many');
        click(root(element).querySelector('.check-list'));
        await flush();

        expect(root(element).querySelector('.list-problem')?.textContent).toContain('The list names 5001 users');
        expect(events[events.length - 1]).toBeNull();
    });

    it('refuses a list longer than the limit without calling the server', async () => {
        count.mockResolvedValue(0);
        const { element, events } = mount();
        await switchToList(element);
        const lines = ['Id', ...Array.from({ length: 10001 }, (_, i) => `user${i}@example.com`), '', '  '];
        change(root(element).querySelector('lightning-textarea'), lines.join('\n'));
        click(root(element).querySelector('.check-list'));
        await flush();

        expect(resolve).not.toHaveBeenCalled();
        expect(root(element).querySelector('.list-problem')?.textContent).toContain('The list has 10001 rows');
        expect(events[events.length - 1]).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('shows an error of the list check and keeps the text', async () => {
        count.mockResolvedValue(0);
        resolve.mockRejectedValue({ body: { message: 'Too many rows.' } });
        const { element } = mount();
        await switchToList(element);
        change(root(element).querySelector('lightning-textarea'), 'x');
        click(root(element).querySelector('.check-list'));
        await flush();

        const panel = root(element).querySelector('c-error-panel') as HTMLElement;
        const messages = [...(panel.shadowRoot as ShadowRoot).querySelectorAll('li')].map((li) => li.textContent);
        expect(messages).toEqual(['Too many rows.']);
        expect((root(element).querySelector('lightning-textarea') as HTMLElement & { value: string }).value).toBe('x');
        await expect(element).toBeAccessible();
    });

    it('reads an uploaded file into the list', async () => {
        count.mockResolvedValue(0);
        const { element } = mount();
        await switchToList(element);
        const input = root(element).querySelector('.list-file') as HTMLElement & { files: unknown };
        input.files = [new File(['Id\n005000000000001AAA'], 'users.csv', { type: 'text/csv' })];
        input.dispatchEvent(new CustomEvent('change'));
        const textarea = root(element).querySelector('lightning-textarea') as HTMLElement & { value: string };
        for (let waited = 0; !textarea.value && waited < 100; waited++) {
            // FileReader answers on a later task.
            // eslint-disable-next-line no-await-in-loop
            await wait(10);
        }

        expect((root(element).querySelector('lightning-textarea') as HTMLElement & { value: string }).value).toBe(
            'Id\n005000000000001AAA'
        );
    });
});
