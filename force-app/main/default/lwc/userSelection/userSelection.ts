import { LightningElement, api, wire } from 'lwc';
import getLicenseTargets from '@salesforce/apex/MigrationController.getLicenseTargets';
import countUsers from '@salesforce/apex/MigrationController.countUsers';
import previewUsers from '@salesforce/apex/MigrationController.previewUsers';
import resolveUserList from '@salesforce/apex/MigrationController.resolveUserList';
import { MAX_LIST_ROWS, MAX_LIST_USERS, PAGE_SIZE, asListResolution } from 'c/migrationTypes';
import type {
    LicenseTarget,
    ListIssue,
    ListResolution,
    Page,
    SelectionCriteria,
    SelectionMode,
    UserRow,
    SelectedUsers
} from 'c/migrationTypes';
import { KeysetPager, csvHref, toCsv } from 'c/migrationUtils';

interface WireResult<T> {
    data?: T;
    error?: unknown;
}

interface Option {
    label: string;
    value: string;
}

/** Wait after the last keystroke before counting, so typing an Id does not send a request per character. */
const DELAY_MS = 350;

/** Unresolved rows shown on the page; all of them are in the download. */
const SHOWN_UNRESOLVED = 100;

const ID_PATTERN = '[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?';

const COLUMNS = [
    { label: 'Username', fieldName: 'username' },
    { label: 'Name', fieldName: 'name' },
    { label: 'Profile', fieldName: 'profileName' },
    { label: 'License', fieldName: 'licenseName' },
    { label: 'Active', fieldName: 'isActive', type: 'boolean' },
    { label: 'Last login', fieldName: 'lastLoginDate', type: 'date' }
];

/** A date input's day as the start of that day in the admin's time zone, as Apex Datetime JSON. */
function startOfDay(day: string): string {
    return new Date(`${day}T00:00:00`).toISOString();
}

function readFile(file: File): Promise<string> {
    return new Promise((resolve, reject) => {
        const reader = new FileReader();
        reader.onload = () => resolve(String(reader.result ?? ''));
        reader.onerror = () => reject(new Error(`The file ${file.name} could not be read.`));
        reader.readAsText(file);
    });
}

/**
 * A legacy Customer Portal or Partner Portal license, by the server's rule (LicenseTransitions): the Customer Portal
 * User type, or a role-based type on a license without "Community" in its name (Customer Portal Manager, Gold
 * Partner). The server's preflight stays the judge of each user.
 */
function isLegacyPortalLicense(license: LicenseTarget): boolean {
    if (license.userType === 'CustomerSuccess') {
        return true;
    }
    const roleBased = license.userType === 'PowerCustomerSuccess' || license.userType === 'PowerPartner';
    return roleBased && !license.licenseName.includes('Community');
}

/** Step 1: pick users by filters (counted and previewed on the server) or by a pasted or uploaded list. */
export default class UserSelection extends LightningElement {
    mode: SelectionMode = 'Criteria';

    licenseName = '';
    profileId = '';
    accountId = '';
    networkId = '';
    activeChoice = 'any';
    lastLoginAfter = '';
    lastLoginBefore = '';

    licenses: LicenseTarget[] = [];
    /** The JSON the preview wire and the count use; changes only after the typing pause. */
    criteriaJson = '{}';
    afterId: string | null = null;
    pageNumber = 1;
    hasPrevious = false;
    hasNext = false;
    previewRows: UserRow[] = [];
    previewLoading = true;
    count: number | null = null;
    counting = false;

    listText = '';
    checking = false;
    listResult: ListResolution | null = null;
    listProblem = '';

    error: unknown = undefined;
    columns = COLUMNS;
    idPattern = ID_PATTERN;

    private pager = new KeysetPager();
    private timer: ReturnType<typeof setTimeout> | null = null;
    private countRequest = 0;
    private presetTypes: string[] = [];
    private legacyOnly = false;
    private connected = false;

    /**
     * User types every filter is narrowed to (a re-create run takes legacy portal types only), so the count and the
     * preview show the users a run would take; empty for any external user type. A pasted list is not narrowed.
     */
    @api
    get userTypes(): string[] {
        return this.presetTypes;
    }

    set userTypes(value: string[] | null | undefined) {
        this.presetTypes = value ? [...value] : [];
        this.presetChanged();
    }

    /**
     * Only legacy Customer Portal and Partner Portal licenses (a re-create run): the license filter offers those, and
     * without a chosen license the count and the preview take all of them, so community users of the same user
     * types are not counted. An org without such a license is narrowed by the user types alone.
     */
    @api
    get legacyPortalOnly(): boolean {
        return this.legacyOnly;
    }

    set legacyPortalOnly(value: boolean) {
        this.legacyOnly = value === true;
        this.presetChanged();
    }

    connectedCallback(): void {
        this.connected = true;
        this.criteriaJson = JSON.stringify(this.criteria());
        this.refreshCount().catch(() => undefined);
    }

    disconnectedCallback(): void {
        this.connected = false;
        if (this.timer !== null) {
            clearTimeout(this.timer);
        }
    }

    @wire(getLicenseTargets)
    wiredLicenses({ data, error }: WireResult<LicenseTarget[]>): void {
        if (data) {
            this.licenses = data;
            // The legacy licenses are known only now.
            if (this.connected && this.legacyOnly) {
                this.applyFilters();
            }
        } else if (error) {
            this.error = error;
        }
    }

    @wire(previewUsers, { criteriaJson: '$criteriaJson', afterId: '$afterId', pageSize: PAGE_SIZE })
    wiredPreview({ data, error }: WireResult<Page<UserRow>>): void {
        if (data) {
            this.previewRows = data.rows;
            this.pager.received(data);
            this.syncPager();
            this.previewLoading = false;
        } else if (error) {
            this.previewRows = [];
            this.error = error;
            this.previewLoading = false;
        }
    }

    get isCriteriaMode(): boolean {
        return this.mode === 'Criteria';
    }

    get isListMode(): boolean {
        return this.mode === 'List';
    }

    get modeOptions(): Option[] {
        return [
            { label: 'By filters', value: 'Criteria' },
            { label: 'From a list of users', value: 'List' }
        ];
    }

    get licenseOptions(): Option[] {
        return [
            { label: this.presetTypes.length ? 'Any of these licenses' : 'Any external license', value: '' },
            ...this.licenses
                .filter((l) => this.inPreset(l))
                .map((l) => ({ label: l.licenseName, value: l.licenseName }))
        ];
    }

    get profileOptions(): Option[] {
        const licenses = this.licenses.filter(
            (l) => this.inPreset(l) && (!this.licenseName || l.licenseName === this.licenseName)
        );
        return [
            { label: 'Any profile', value: '' },
            ...licenses.flatMap((l) => l.profiles.map((p) => ({ label: p.name, value: p.id })))
        ];
    }

    get activeOptions(): Option[] {
        return [
            { label: 'Active and inactive', value: 'any' },
            { label: 'Active only', value: 'true' },
            { label: 'Inactive only', value: 'false' }
        ];
    }

    get countLabel(): string {
        if (this.counting || this.count === null) {
            return 'Counting users…';
        }
        return this.count === 1 ? '1 user matches' : `${this.count} users match`;
    }

    get hasPreviewRows(): boolean {
        return this.previewRows.length > 0;
    }

    get isPreviewEmpty(): boolean {
        return !this.previewLoading && this.previewRows.length === 0;
    }

    get noPrevious(): boolean {
        return !this.hasPrevious;
    }

    get noNext(): boolean {
        return !this.hasNext;
    }

    get nothingToCheck(): boolean {
        return this.checking || this.listText.trim() === '';
    }

    get resolvedCount(): number {
        return this.listResult?.users.length ?? 0;
    }

    get unresolvedRows(): ListIssue[] {
        return this.listResult?.issues ?? [];
    }

    get shownUnresolved(): (ListIssue & { key: string })[] {
        return this.unresolvedRows
            .slice(0, SHOWN_UNRESOLVED)
            .map((r, index) => ({ ...r, key: `${index}:${r.line}:${r.reason}` }));
    }

    get hasUnresolved(): boolean {
        return this.unresolvedRows.length > 0;
    }

    get moreUnresolvedText(): string {
        const more = this.unresolvedRows.length - SHOWN_UNRESOLVED;
        return more > 0 ? `${more} more rows are in the download.` : '';
    }

    get blockingCount(): number {
        return this.unresolvedRows.filter((r) => r.severity !== 'WARNING').length;
    }

    get hasBlocking(): boolean {
        return this.blockingCount > 0;
    }

    get blockingText(): string {
        const n = this.blockingCount;
        return `${n} ${n === 1 ? 'row does' : 'rows do'} not name a user that can be moved. Fix or remove ${
            n === 1 ? 'it' : 'them'
        } and check the list again; a run cannot start from this list.`;
    }

    get resolvedText(): string {
        return `${this.resolvedCount} ${this.resolvedCount === 1 ? 'user' : 'users'} found.`;
    }

    get unresolvedHref(): string {
        return csvHref(
            toCsv(
                ['Line', 'Value', 'Reason', 'Severity', 'Message'],
                this.unresolvedRows.map((r) => [r.line, r.input, r.reason, r.severity, r.message])
            )
        );
    }

    handleModeChange(event: CustomEvent<{ value: SelectionMode }>): void {
        this.mode = event.detail.value;
        this.error = undefined;
        this.emitSelection();
    }

    handleFilterChange(event: CustomEvent<{ value: string }>): void {
        const name = (event.target as HTMLElement).dataset.filter ?? '';
        const value = event.detail.value ?? '';
        switch (name) {
            case 'license':
                this.licenseName = value;
                this.profileId = '';
                break;
            case 'profile':
                this.profileId = value;
                break;
            case 'account':
                this.accountId = value.trim();
                break;
            case 'site':
                this.networkId = value.trim();
                break;
            case 'active':
                this.activeChoice = value;
                break;
            case 'loginAfter':
                this.lastLoginAfter = value;
                break;
            default:
                this.lastLoginBefore = value;
        }
        this.scheduleApply();
    }

    handlePrevious(): void {
        this.pager.back();
        this.syncPager();
    }

    handleNext(): void {
        this.pager.forward();
        this.syncPager();
    }

    handleListInput(event: CustomEvent<{ value: string }>): void {
        this.listText = event.detail.value ?? '';
        this.listResult = null;
        this.listProblem = '';
        this.emitSelection();
    }

    async handleFile(event: Event): Promise<void> {
        const input = event.target as HTMLInputElement & { files: FileList | null };
        const file = input.files?.[0];
        if (!file) {
            return;
        }
        try {
            this.listText = await readFile(file);
            this.listResult = null;
            this.listProblem = '';
            this.emitSelection();
        } catch (error) {
            this.error = error;
        }
    }

    async handleCheckList(): Promise<void> {
        const rows = this.listText.split(/\r?\n/).filter((line) => line.trim() !== '');
        // The first line may be a header; the limit counts data rows.
        if (rows.length - 1 > MAX_LIST_ROWS) {
            this.listResult = null;
            this.listProblem = `The list has ${rows.length - 1} rows; one run takes at most ${MAX_LIST_ROWS}. Split it into several runs.`;
            this.emitSelection();
            return;
        }
        this.checking = true;
        this.error = undefined;
        this.listProblem = '';
        try {
            const resolution = asListResolution(await resolveUserList({ text: this.listText }));
            this.listResult = resolution;
            const users = resolution.users.length;
            if (users > MAX_LIST_USERS) {
                this.listProblem = `The list names ${users} users; one run takes at most ${MAX_LIST_USERS}. Split it into several runs.`;
            }
        } catch (error) {
            this.listResult = null;
            this.error = error;
        } finally {
            this.checking = false;
        }
        this.emitSelection();
    }

    private scheduleApply(): void {
        if (this.timer !== null) {
            clearTimeout(this.timer);
        }
        // Debounce: the platform's wire and Apex calls follow only after the admin pauses typing.
        // eslint-disable-next-line @lwc/lwc/no-async-operation
        this.timer = setTimeout(() => {
            this.timer = null;
            this.applyFilters();
        }, DELAY_MS);
    }

    private applyFilters(): void {
        const json = JSON.stringify(this.criteria());
        if (json === this.criteriaJson) {
            return;
        }
        this.criteriaJson = json;
        this.pager.reset();
        this.syncPager();
        this.previewLoading = true;
        this.refreshCount().catch(() => undefined);
    }

    private criteria(): SelectionCriteria {
        const criteria: SelectionCriteria = {};
        if (this.presetTypes.length) criteria.userTypes = [...this.presetTypes];
        if (this.licenseName) {
            criteria.licenseNames = [this.licenseName];
        } else if (this.legacyOnly) {
            const legacy = this.licenses.filter((l) => this.inPreset(l)).map((l) => l.licenseName);
            if (legacy.length) criteria.licenseNames = legacy;
        }
        if (this.profileId) criteria.profileIds = [this.profileId];
        if (this.accountId) criteria.accountIds = [this.accountId];
        if (this.networkId) criteria.networkId = this.networkId;
        if (this.activeChoice !== 'any') criteria.isActive = this.activeChoice === 'true';
        if (this.lastLoginAfter) criteria.lastLoginAfter = startOfDay(this.lastLoginAfter);
        if (this.lastLoginBefore) criteria.lastLoginBefore = startOfDay(this.lastLoginBefore);
        return criteria;
    }

    private async refreshCount(): Promise<void> {
        const request = ++this.countRequest;
        this.counting = true;
        try {
            const count = await countUsers({ criteriaJson: this.criteriaJson });
            // Only the newest answer counts: an older request may come back last.
            if (request === this.countRequest) {
                this.count = count;
                this.error = undefined;
            }
        } catch (error) {
            if (request === this.countRequest) {
                this.count = null;
                this.error = error;
            }
        } finally {
            if (request === this.countRequest) {
                this.counting = false;
            }
        }
        this.emitSelection();
    }

    private inPreset(license: LicenseTarget): boolean {
        const typeAllowed = !this.presetTypes.length || this.presetTypes.includes(license.userType);
        return typeAllowed && (!this.legacyOnly || isLegacyPortalLicense(license));
    }

    private presetChanged(): void {
        // A license outside the preset would match nobody.
        if (this.licenseName && !this.licenses.some((l) => l.licenseName === this.licenseName && this.inPreset(l))) {
            this.licenseName = '';
            this.profileId = '';
        }
        if (this.connected) {
            this.applyFilters();
        }
    }

    private syncPager(): void {
        this.afterId = this.pager.afterId;
        this.pageNumber = this.pager.pageNumber;
        this.hasPrevious = this.pager.hasPrevious;
        this.hasNext = this.pager.hasNext;
    }

    private currentSelection(): SelectedUsers | null {
        if (this.mode === 'Criteria') {
            const criteria = JSON.parse(this.criteriaJson) as SelectionCriteria;
            return this.count ? { mode: 'Criteria', criteria, count: this.count } : null;
        }
        const result = this.listResult;
        if (!result || this.hasBlocking || this.listProblem || result.users.length === 0) {
            return null;
        }
        const userIds = result.users.map((user) => user.userId);
        return { mode: 'List', criteria: { userIds }, count: userIds.length };
    }

    private emitSelection(): void {
        this.dispatchEvent(new CustomEvent('selectionchange', { detail: this.currentSelection() }));
    }
}
