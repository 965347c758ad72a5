import { LightningElement, api, wire } from 'lwc';
import getLicenseTargets from '@salesforce/apex/MigrationController.getLicenseTargets';
import { ROLE_BASED_USER_TYPES } from 'c/migrationTypes';
import type { LicenseTarget, RoleStrategy, TargetChoice } from 'c/migrationTypes';

interface WireResult<T> {
    data?: T;
    error?: unknown;
}

interface Option {
    label: string;
    value: string;
}

const ROLE_PATTERN = '00E[a-zA-Z0-9]{12}([a-zA-Z0-9]{3})?';
const ROLE_ID = new RegExp(`^${ROLE_PATTERN}$`);

/** Step 2: the target license (with its free seats), a profile of that license, and how roles are chosen. */
export default class TargetPicker extends LightningElement {
    /** Users the run will move, to warn when the license has fewer free seats. */
    @api userCount = 0;

    licenses: LicenseTarget[] = [];
    loaded = false;
    error: unknown = undefined;

    licenseId = '';
    profileId = '';
    roleStrategy: RoleStrategy = 'Platform_Default';
    roleLevel = '1';
    roleId = '';
    rolePattern = ROLE_PATTERN;

    @wire(getLicenseTargets)
    wiredLicenses({ data, error }: WireResult<LicenseTarget[]>): void {
        if (data) {
            this.licenses = data;
            this.error = undefined;
            this.loaded = true;
        } else if (error) {
            this.licenses = [];
            this.error = error;
            this.loaded = true;
        }
    }

    get isLoading(): boolean {
        return !this.loaded;
    }

    get isEmpty(): boolean {
        return this.loaded && !this.error && this.licenses.length === 0;
    }

    get hasLicenses(): boolean {
        return this.licenses.length > 0;
    }

    /** Seats next to each license, in the option label itself so a screen reader hears them too. */
    get licenseOptions(): Option[] {
        return this.licenses.map((l) => ({
            label: `${l.licenseName} — ${l.available} of ${l.total} seats free`,
            value: l.licenseId
        }));
    }

    get license(): LicenseTarget | undefined {
        return this.licenses.find((l) => l.licenseId === this.licenseId);
    }

    get profileOptions(): Option[] {
        return (this.license?.profiles ?? []).map((p) => ({ label: p.name, value: p.id }));
    }

    get noProfileChoice(): boolean {
        return !this.license;
    }

    get seatWarning(): string {
        const license = this.license;
        if (license && this.userCount > license.available) {
            return `${license.licenseName} has ${license.available} free seats for ${this.userCount} users: preflight blocks the whole run until the selection fits the free seats.`;
        }
        return '';
    }

    get isRoleBased(): boolean {
        return ROLE_BASED_USER_TYPES.includes(this.license?.userType ?? '');
    }

    get roleOptions(): Option[] {
        return [
            { label: 'Platform default (the lowest role of each account)', value: 'Platform_Default' },
            { label: 'A level of the account hierarchy', value: 'Level' },
            { label: 'A specific role', value: 'Specific_Role' }
        ];
    }

    get levelOptions(): Option[] {
        return [
            { label: 'Level 1 (Executive)', value: '1' },
            { label: 'Level 2 (Manager)', value: '2' },
            { label: 'Level 3 (User)', value: '3' }
        ];
    }

    get isLevel(): boolean {
        return this.roleStrategy === 'Level';
    }

    get isSpecificRole(): boolean {
        return this.roleStrategy === 'Specific_Role';
    }

    handleLicense(event: CustomEvent<{ value: string }>): void {
        this.licenseId = event.detail.value;
        this.profileId = '';
        this.emitChange();
    }

    handleProfile(event: CustomEvent<{ value: string }>): void {
        this.profileId = event.detail.value;
        this.emitChange();
    }

    handleRoleStrategy(event: CustomEvent<{ value: RoleStrategy }>): void {
        this.roleStrategy = event.detail.value;
        this.emitChange();
    }

    handleLevel(event: CustomEvent<{ value: string }>): void {
        this.roleLevel = event.detail.value;
        this.emitChange();
    }

    handleRoleId(event: CustomEvent<{ value: string }>): void {
        this.roleId = (event.detail.value ?? '').trim();
        this.emitChange();
    }

    /** The choice when it is complete, else null. */
    private choice(): TargetChoice | null {
        const license = this.license;
        if (!license || !this.profileId) {
            return null;
        }
        const roleBased = this.isRoleBased;
        const strategy: RoleStrategy = roleBased ? this.roleStrategy : 'Platform_Default';
        if (strategy === 'Specific_Role' && !ROLE_ID.test(this.roleId)) {
            return null;
        }
        return {
            targetProfileId: this.profileId,
            licenseName: license.licenseName,
            userType: license.userType,
            roleStrategy: strategy,
            roleLevel: strategy === 'Level' ? Number(this.roleLevel) : null,
            targetRoleId: strategy === 'Specific_Role' ? this.roleId : null
        };
    }

    private emitChange(): void {
        this.dispatchEvent(new CustomEvent('targetchange', { detail: this.choice() }));
    }
}
