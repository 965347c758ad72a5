import { LightningElement, api } from 'lwc';
import type { ImportChoice, TargetChoice } from 'c/migrationTypes';

/** A permission set or group the target's users can hold (ImportController.getAssignablePermissionSets). */
type PermissionChoice = ApexTypes.ImportViews_PermissionChoice;

interface Option {
    label: string;
    value: string;
}

/** Username suffixes: a dot, then letters, digits, dots or hyphens (e.g. ".acme" or ".uat"). */
const SUFFIX = /^\.[a-zA-Z0-9][a-zA-Z0-9.-]*$/;

function keyOptions(fields: string[] | undefined): Option[] {
    return (fields ?? []).map((field) => ({ label: field, value: field }));
}

/** "Label (API_Name) · group · Customer Community only · needs Health Cloud …": what it is and what it is bound to. */
function permissionLabel(choice: PermissionChoice): string {
    const title = choice.label || choice.name;
    const parts = [choice.label && choice.name && choice.label !== choice.name ? `${title} (${choice.name})` : title];
    if (choice.isGroup) {
        parts.push('group');
    }
    if (choice.userLicense) {
        parts.push(`${choice.userLicense} only`);
    }
    for (const license of choice.permissionSetLicenses ?? []) {
        parts.push(`needs ${license}`);
    }
    return parts.join(' · ');
}

/**
 * Import step 2: where the people go (license, profile and role through the target picker), which permission sets
 * they get, how usernames are made, whether Salesforce sends welcome e-mails (off unless asked), and the External Id
 * fields the file's keys are matched on.
 */
export default class ImportOptions extends LightningElement {
    /** Rows in the file, for the target picker's seat warning. */
    @api rowCount = 0;
    /** External Id fields of Contact the admin may match ContactExternalId on. */
    @api contactKeyFields: string[] = [];
    /** External Id fields of Account the admin may match AccountExternalId on. */
    @api accountKeyFields: string[] = [];
    /** Permission sets and groups the target's users can hold; a chosen one the list no longer has is dropped. */
    @api
    get permissionSets(): PermissionChoice[] {
        return this.offered;
    }
    set permissionSets(value: PermissionChoice[] | null | undefined) {
        this.offered = value ?? [];
        const ids = new Set(this.offered.map((p) => p.id));
        this.permissionSetIds = this.permissionSetIds.filter((id) => ids.has(id));
    }

    private offered: PermissionChoice[] = [];

    target: TargetChoice | null = null;
    permissionSetIds: string[] = [];
    usernameSuffix = '';
    sendWelcomeEmail = false;
    contactKeyChoice: string | null = null;
    accountKeyChoice: string | null = null;

    get contactKeyOptions(): Option[] {
        return keyOptions(this.contactKeyFields);
    }

    get accountKeyOptions(): Option[] {
        return keyOptions(this.accountKeyFields);
    }

    /** Until the admin chooses, the first External Id field offered (the app's own). */
    get contactKeyField(): string {
        return this.contactKeyChoice ?? this.contactKeyFields?.[0] ?? '';
    }

    get accountKeyField(): string {
        return this.accountKeyChoice ?? this.accountKeyFields?.[0] ?? '';
    }

    get noContactKeyField(): boolean {
        return this.contactKeyOptions.length === 0;
    }

    get noAccountKeyField(): boolean {
        return this.accountKeyOptions.length === 0;
    }

    get permissionSetOptions(): Option[] {
        return this.offered.map((p) => ({ label: permissionLabel(p), value: p.id }));
    }

    get hasPermissionSets(): boolean {
        return this.permissionSetOptions.length > 0;
    }

    get noPermissionSetsText(): string {
        return this.target
            ? 'No permission set or group that users of this license can hold is available: the new users get what their profile gives.'
            : 'Choose the license and profile to see the permission sets and groups their users can hold.';
    }

    get suffixInvalid(): boolean {
        return this.usernameSuffix !== '' && !SUFFIX.test(this.usernameSuffix);
    }

    get welcomeText(): string {
        return this.sendWelcomeEmail
            ? 'Salesforce e-mails each new user a welcome message with a link to set a password.'
            : 'No e-mail is sent: the users exist but are not told. Send welcome e-mails later, or ask for them here.';
    }

    handleTarget(event: CustomEvent<TargetChoice | null>): void {
        event.stopPropagation();
        const profileId = event.detail?.targetProfileId ?? null;
        if (profileId !== (this.target?.targetProfileId ?? null)) {
            // The parent loads what this profile's users can hold and hands it back as permissionSets.
            this.dispatchEvent(new CustomEvent('profilechange', { detail: profileId }));
        }
        this.target = event.detail;
        this.emitChange();
    }

    handlePermissionSets(event: CustomEvent<{ value: string[] }>): void {
        this.permissionSetIds = [...(event.detail.value ?? [])];
        this.emitChange();
    }

    handleSuffix(event: CustomEvent<{ value: string }>): void {
        this.usernameSuffix = (event.detail.value ?? '').trim();
        this.emitChange();
    }

    handleWelcome(event: CustomEvent<{ checked: boolean }>): void {
        // Off unless asked: the user stage passes it to the insert as DMLOptions.EmailHeader.triggerUserEmail.
        this.sendWelcomeEmail = event.detail.checked === true;
        this.emitChange();
    }

    handleKeyField(event: CustomEvent<{ value: string }>): void {
        const value = event.detail.value ?? '';
        if ((event.target as HTMLElement).dataset.key === 'contact') {
            this.contactKeyChoice = value;
        } else {
            this.accountKeyChoice = value;
        }
        this.emitChange();
    }

    /** The choice when it is complete and valid, else null. */
    private choice(): ImportChoice | null {
        const target = this.target;
        if (!target || this.suffixInvalid) {
            return null;
        }
        return {
            ...target,
            permissionSetIds: [...this.permissionSetIds],
            usernameSuffix: this.usernameSuffix || null,
            sendWelcomeEmail: this.sendWelcomeEmail,
            contactKeyField: this.contactKeyField || null,
            accountKeyField: this.accountKeyField || null
        };
    }

    private emitChange(): void {
        this.dispatchEvent(new CustomEvent('optionschange', { detail: this.choice() }));
    }
}
