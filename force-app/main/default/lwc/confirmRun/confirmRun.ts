import { LightningElement, api, wire } from 'lwc';
import getRun from '@salesforce/apex/MigrationController.getRun';
import startRun from '@salesforce/apex/MigrationController.startRun';
import getLicenseTargets from '@salesforce/apex/MigrationController.getLicenseTargets';
import { CONFIRMATION_PHRASE, asRunView } from 'c/migrationTypes';
import { chooseMode, loadRun, phraseLabel, startOnce, startVariant } from 'c/migrationUtils';
import type { LicenseTarget, RunView } from 'c/migrationTypes';

interface Option {
    label: string;
    value: string;
}

interface WireResult<T> {
    data?: T;
    error?: unknown;
}

interface StageSentence {
    key: string;
    label: string;
    text: string;
}

function plural(count: number, one: string, many: string): string {
    return `${count} ${count === 1 ? one : many}`;
}

function roleSentence(run: RunView): string {
    switch (run.roleStrategy) {
        case 'Level':
            return 'give each user the role of the chosen level in their account';
        case 'Specific_Role':
            return 'give each user the chosen role';
        default:
            return "give each user the platform's default role of their account";
    }
}

/** Step 5: says what each stage will do, chooses dry or real run, and guards irreversible moves with a phrase. */
export default class ConfirmRun extends LightningElement {
    @api runId: string | undefined;

    run: RunView | null = null;
    loading = true;
    error: unknown = undefined;
    mode = 'dry';
    typedPhrase = '';
    starting = false;
    licenses: LicenseTarget[] = [];
    targetsError: unknown = undefined;

    /** Profile names for the sentences; the run stores only the target profile's Id. */
    @wire(getLicenseTargets)
    wiredTargets({ data, error }: WireResult<LicenseTarget[]>): void {
        if (data) {
            this.licenses = data;
        } else if (error) {
            this.targetsError = error;
        }
    }

    async connectedCallback(): Promise<void> {
        await loadRun(this, this.runId, async (runId) => asRunView(await getRun({ runId })));
    }

    get modeOptions(): Option[] {
        return [
            { label: 'Dry run: check and record what would change, change nothing', value: 'dry' },
            { label: 'Real run: move the users', value: 'real' }
        ];
    }

    get isDryRun(): boolean {
        return this.mode === 'dry';
    }

    get movable(): number {
        const run = this.run;
        return run ? Math.max(0, run.totalItems - run.blockedCount) : 0;
    }

    get profileName(): string {
        const id = this.run?.targetProfileId;
        const profile = this.licenses.flatMap((l) => l.profiles).find((p) => p.id === id);
        return profile ? `the profile ${profile.name}` : 'the target profile';
    }

    get stages(): StageSentence[] {
        const run = this.run;
        if (!run) {
            return [];
        }
        const users = plural(this.movable, 'user', 'users');
        const would = this.isDryRun ? 'Would ' : '';
        const verb = (text: string) => (this.isDryRun ? text : text.charAt(0).toUpperCase() + text.slice(1));
        if (run.kind === 'Recreate') {
            return this.recreateStages(users, would, verb);
        }
        return [
            {
                key: 'snapshot',
                label: 'Snapshot',
                text: `${would}${verb('store')} the profile, role, permission sets, permission set licenses and sites of ${users}, so the run can be rolled back.`
            },
            {
                key: 'profile',
                label: 'Profile and role',
                text: `${would}${verb('move')} ${users} to ${this.profileName} (${run.targetLicenseName ?? ''} license) and ${roleSentence(run)}.`
            },
            {
                key: 'permissions',
                label: 'Permissions',
                text: `${would}${verb('restore')} their permission set and group assignments through the saved mapping: kept ones reassigned, mapped ones replaced, dropped ones left out.`
            },
            {
                key: 'sites',
                label: 'Site membership',
                text: `${would}${verb('check')} which sites each user still belongs to under the new profile, and list the memberships they lose.`
            },
            {
                key: 'verify',
                label: 'Verify',
                text: `${would}${verb('read')} every user back and record any difference from what was intended.`
            }
        ];
    }

    /** A re-create run's stages: the old users are disabled and new community users created on their contacts. */
    private recreateStages(users: string, would: string, verb: (text: string) => string): StageSentence[] {
        const run = this.run;
        return [
            {
                key: 'snapshot',
                label: 'Snapshot',
                text: `${would}${verb('store')} the profile, role, contact, permission sets, permission set licenses and sites of ${users}.`
            },
            {
                key: 'disable',
                label: 'Disable old user',
                text: `${would}${verb('disable')} each old portal user, which frees its contact.`
            },
            {
                key: 'create',
                label: 'Create new user',
                text: `${would}${verb('create')} a user on ${this.profileName} (${run?.targetLicenseName ?? ''} license) on the same contact, with the old username and the suffix, and ${run ? roleSentence(run) : ''}.`
            },
            {
                key: 'permissions',
                label: 'Permissions',
                text: `${would}${verb('restore')} the old users' permission set and group assignments onto the new users through the saved mapping.`
            },
            {
                key: 'reassign',
                label: 'Reassign records',
                text: `If the run asks for it, ${this.isDryRun ? 'would give' : 'gives'} the accounts and contacts the old users own to their new users.`
            },
            {
                key: 'verify',
                label: 'Verify',
                text: `${would}${verb('check')} that each old user is disabled and its new user holds what was intended.`
            }
        ];
    }

    get blockedText(): string {
        const blocked = this.run?.blockedCount ?? 0;
        return blocked > 0 ? `${plural(blocked, 'blocked user is', 'blocked users are')} left out.` : '';
    }

    /**
     * The phrase is asked exactly when the engine will ask for it: a real run with users whose move cannot be undone
     * (RunView.irreversibleCount, the count MigrationRunService.start checks).
     */
    get isIrreversible(): boolean {
        return !this.isDryRun && (this.run?.irreversibleCount ?? 0) > 0;
    }

    get irreversibleText(): string {
        const count = this.run?.irreversibleCount ?? 0;
        if (this.run?.kind === 'Recreate') {
            return `${plural(count, 'old portal user is', 'old portal users are')} disabled for good and re-created; passwords, Chatter history and login history do not carry over, and no rollback is offered for this run.`;
        }
        return `${plural(count, 'user holds', 'users hold')} a Customer Community license today and cannot return to it afterwards: Salesforce allows the upgrade to a role-based license one way only, so no rollback is offered for this run.`;
    }

    get phrase(): string {
        return CONFIRMATION_PHRASE;
    }

    get phraseLabel(): string {
        return phraseLabel(this.phrase);
    }

    get isReady(): boolean {
        return this.run?.status === 'Ready';
    }

    get notReadyText(): string {
        return this.run && !this.isReady
            ? `The run is ${this.run.status.replace(/_/g, ' ')}: it can start once its preflight has finished.`
            : '';
    }

    get cannotStart(): boolean {
        if (this.starting || !this.isReady || this.movable === 0) {
            return true;
        }
        return this.isIrreversible && this.typedPhrase.trim() !== this.phrase;
    }

    get startLabel(): string {
        return this.isDryRun ? 'Start dry run' : 'Start migration';
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
        await startOnce(this, startRun);
    }
}
