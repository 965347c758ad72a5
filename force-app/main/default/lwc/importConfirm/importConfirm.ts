import { LightningElement, api } from 'lwc';
import getRun from '@salesforce/apex/MigrationController.getRun';
import startImport from '@salesforce/apex/ImportController.startImport';
import { CONFIRMATION_PHRASE, ROLE_BASED_USER_TYPES, asRunView, labelOf } from 'c/migrationTypes';
import { chooseMode, loadRun, phraseLabel, startOnce, startVariant } from 'c/migrationUtils';
import type { ImportChoice, RunView } from 'c/migrationTypes';

interface Option {
    label: string;
    value: string;
}

interface StageSentence {
    key: string;
    label: string;
    text: string;
}

function plural(count: number, one: string, many: string): string {
    return `${count} ${count === 1 ? one : many}`;
}

/** The role part of the Users sentence; only role-based licenses (Customer Community Plus, Partner) take a role. */
function roleText(run: RunView): string {
    if (!ROLE_BASED_USER_TYPES.includes(run.targetUserType ?? '')) {
        return '';
    }
    switch (run.roleStrategy) {
        case 'Level':
            return ', the role of the chosen level in its account';
        case 'Specific_Role':
            return ', the chosen role';
        default:
            return ", the platform's default role of its account";
    }
}

/**
 * Import step 4: says what each stage will do, chooses a dry or a real run, and keeps Start disabled while blocked
 * rows remain. A real import asks for the typed phrase: Salesforce users cannot be deleted, only deactivated, so the
 * users an import creates stay in the org.
 */
export default class ImportConfirm extends LightningElement {
    @api runId: string | undefined;
    /** The options chosen on the previous step, for the sentences; null after a reload (the run still has them). */
    @api choice: ImportChoice | null = null;
    /** What the admin types to start a real import (ImportViews.Settings.confirmationPhrase). */
    @api confirmationPhrase = CONFIRMATION_PHRASE;

    run: RunView | null = null;
    loading = true;
    error: unknown = undefined;
    mode = 'dry';
    typedPhrase = '';
    starting = false;

    async connectedCallback(): Promise<void> {
        await loadRun(this, this.runId, async (runId) => asRunView(await getRun({ runId })));
    }

    get modeOptions(): Option[] {
        return [
            { label: 'Dry run: check and record what would be created, create nothing', value: 'dry' },
            { label: 'Real run: create the contacts and users', value: 'real' }
        ];
    }

    get isDryRun(): boolean {
        return this.mode === 'dry';
    }

    /** Rows the run will import: every row that is neither blocked nor excluded. */
    get importable(): number {
        const run = this.run;
        return run ? Math.max(0, run.totalItems - run.blockedCount - run.skippedCount) : 0;
    }

    get stages(): StageSentence[] {
        const run = this.run;
        if (!run) {
            return [];
        }
        const rows = plural(this.importable, 'row', 'rows');
        const would = this.isDryRun ? 'Would ' : '';
        const verb = (text: string) => (this.isDryRun ? text : text.charAt(0).toUpperCase() + text.slice(1));
        const sets = this.choice?.permissionSetIds.length ?? 0;
        const permissions =
            sets > 0
                ? `, then assign ${plural(sets, 'permission set', 'permission sets')} (with the permission set licenses they need)`
                : '';
        const email = this.choice?.sendWelcomeEmail
            ? 'Salesforce is asked to e-mail each new user (external users get it only if their site sends welcome e-mails).'
            : 'No welcome e-mail is sent.';
        return [
            {
                key: 'contacts',
                label: 'Contacts',
                text: `${would}${verb('create or update')} the contact of each of the ${rows}, matched by its external key, on its account.`
            },
            {
                key: 'users',
                label: 'Users',
                text: `${would}${verb('create')} one user per contact with the chosen profile of the ${run.targetLicenseName ?? 'target'} license${roleText(run)}${permissions}. ${email}`
            },
            {
                key: 'verify',
                label: 'Verify',
                text: `${would}${verb('read')} every new user back and check that it is a member of the sites of its profile.`
            }
        ];
    }

    get excludedText(): string {
        const skipped = this.run?.skippedCount ?? 0;
        return skipped > 0 ? `${plural(skipped, 'excluded row is', 'excluded rows are')} left out.` : '';
    }

    get blockedText(): string {
        const blocked = this.run?.blockedCount ?? 0;
        return blocked > 0
            ? `${plural(blocked, 'row is', 'rows are')} still blocked. Go back to the preflight and exclude them, or correct the file and upload it again.`
            : '';
    }

    get notReadyText(): string {
        const run = this.run;
        return run && run.status !== 'Ready'
            ? `The import is ${labelOf(run.status)}: it can start once its preflight has finished.`
            : '';
    }

    get isReal(): boolean {
        return !this.isDryRun;
    }

    get phrase(): string {
        return this.confirmationPhrase || CONFIRMATION_PHRASE;
    }

    get phraseLabel(): string {
        return phraseLabel(this.phrase);
    }

    get cannotStart(): boolean {
        const run = this.run;
        if (this.starting || !run || run.status !== 'Ready' || run.blockedCount > 0 || this.importable === 0) {
            return true;
        }
        return this.isReal && this.typedPhrase.trim() !== this.phrase;
    }

    get startLabel(): string {
        return this.isDryRun ? 'Start dry run' : 'Start import';
    }

    get startVariant(): string {
        return startVariant(this.isDryRun);
    }

    handleMode(event: CustomEvent<{ value: string }>): void {
        chooseMode(this, event.detail.value);
    }

    handlePhrase(event: CustomEvent<{ value: string }>): void {
        this.typedPhrase = event.detail.value ?? '';
    }

    async handleStart(): Promise<void> {
        await startOnce(this, startImport);
    }
}
