import { LightningElement, api } from 'lwc';
import type { ImportChoice, PermissionOption, TargetChoice } from 'c/migrationTypes';

interface Option {
    label: string;
    value: string;
}

/** Username suffixes: a dot, then letters, digits, dots or hyphens (e.g. ".acme" or ".uat"). */
const SUFFIX = /^\.[a-zA-Z0-9][a-zA-Z0-9.-]*$/;

function keyOptions(fields: string[] | undefined): Option[] {
    return (fields ?? []).map((field) => ({ label: field, value: field }));
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
    /** Permission sets the new users may be given. */
    @api permissionSets: PermissionOption[] = [];

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
        return (this.permissionSets ?? []).map((p) => ({ label: p.label || p.name, value: p.id }));
    }

    get hasPermissionSets(): boolean {
        return this.permissionSetOptions.length > 0;
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
