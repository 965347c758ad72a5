import { LightningElement, wire } from 'lwc';
import { CurrentPageReference, NavigationMixin } from 'lightning/navigation';
import type { PageReference } from 'lightning/navigation';
import type LicenseSummary from 'c/licenseSummary';
import createRun from '@salesforce/apex/MigrationController.createRun';
import getRun from '@salesforce/apex/MigrationController.getRun';
import discardRun from '@salesforce/apex/MigrationController.discardRun';
import { SCOPE_SIZE, WIZARD_STEPS, asRunView } from 'c/migrationTypes';
import type {
    DraftRunRequest,
    RunView,
    SelectedUsers,
    SelectionCriteria,
    TargetChoice,
    WizardStep
} from 'c/migrationTypes';

/** 'recreate' is the migration wizard for a re-create run (legacy portal users get new community users). */
type View = 'wizard' | 'history' | 'import' | 'recreate';

/** Page state keys; custom state needs a namespace prefix (c__) to survive in the URL. */
const RUN_KEY = 'c__runId';
const STEP_KEY = 'c__step';
const VIEW_KEY = 'c__view';

const STEP_VALUES = WIZARD_STEPS.map((s) => s.value as string);
/** Statuses of a run that has not started: MigrationRunService.discard takes them (Preparing only with no job). */
const UNSTARTED: readonly string[] = ['Draft', 'Preparing', 'Ready'];
const RUN_ID = /^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/;
/**
 * User types of legacy Customer Portal (CustomerSuccess, PowerCustomerSuccess) and Partner Portal (PowerPartner) users.
 * Community licenses share the last two, so the server's preflight blocks every user who is not on a legacy license.
 */
const LEGACY_USER_TYPES: readonly string[] = ['CustomerSuccess', 'PowerCustomerSuccess', 'PowerPartner'];
const DEFAULT_SUFFIX = '.community';
const NO_USER_TYPES: readonly string[] = [];

/**
 * The app's tab. Owns the run Id and the wizard step and keeps both in the page state (URL), so a reload
 * restores the step; the steps are small components that report back through events.
 */
export default class MigrationApp extends NavigationMixin(LightningElement) {
    view: View = 'wizard';
    step: WizardStep = 'select';
    runId: string | null = null;

    selection: SelectedUsers | null = null;
    target: TargetChoice | null = null;
    mappingSaved = false;
    preflightRun: RunView | null = null;
    creating = false;
    error: unknown = undefined;
    steps = WIZARD_STEPS;
    /** The unstarted run "New migration" offers to discard; null while no confirm step is shown. */
    discardCandidate: RunView | null = null;
    checkingRun = false;
    discarding = false;
    discardError: unknown = undefined;
    discardFriendly = '';
    /** Recreate: appended to old usernames. */
    usernameSuffix = DEFAULT_SUFFIX;
    /** Recreate: move the old users' accounts and contacts to the new users. */
    reassignRecords = false;

    private pageRef: PageReference | null = null;

    @wire(CurrentPageReference)
    wiredPageRef(pageRef: PageReference | undefined): void {
        if (!pageRef) {
            return;
        }
        this.pageRef = pageRef;
        const state = pageRef.state ?? {};
        const runId = state[RUN_KEY];
        this.runId = runId && RUN_ID.test(runId) ? runId : null;
        const step = state[STEP_KEY];
        if (step && STEP_VALUES.includes(step)) {
            this.step = step as WizardStep;
        } else {
            this.step = this.runId ? 'run' : 'select';
        }
        // Before a run exists only the choices in memory carry the wizard: after a reload they are gone.
        const draftStepWithoutChoices = this.step === 'target' && !this.selection;
        if (!this.runId && (!['select', 'target'].includes(this.step) || draftStepWithoutChoices)) {
            this.step = 'select';
        }
        const view = state[VIEW_KEY];
        this.view = view === 'history' || view === 'import' || view === 'recreate' ? view : 'wizard';
    }

    get isWizard(): boolean {
        return this.view === 'wizard' || this.view === 'recreate';
    }

    get isRecreate(): boolean {
        return this.view === 'recreate';
    }

    /** The selection step's user-type preset: a re-create run counts and previews legacy portal types only. */
    get selectionUserTypes(): readonly string[] {
        return this.isRecreate ? LEGACY_USER_TYPES : NO_USER_TYPES;
    }

    get recreateVariant(): string {
        return this.isRecreate ? 'brand' : 'neutral';
    }

    get isHistory(): boolean {
        return this.view === 'history';
    }

    get wizardVariant(): string {
        return this.view === 'wizard' ? 'brand' : 'neutral';
    }

    get historyVariant(): string {
        return this.isHistory ? 'brand' : 'neutral';
    }

    get isImport(): boolean {
        return this.view === 'import';
    }

    get importVariant(): string {
        return this.isImport ? 'brand' : 'neutral';
    }

    /** Select and Target stay rendered (hidden) so their choices survive moving between them. */
    get selectClass(): string {
        return this.step === 'select' ? '' : 'slds-hide';
    }

    get targetClass(): string {
        return this.step === 'target' ? '' : 'slds-hide';
    }

    get isDraftSteps(): boolean {
        return !this.runId;
    }

    get isPermissions(): boolean {
        return this.step === 'permissions' && !!this.runId;
    }

    get isPreflight(): boolean {
        return this.step === 'preflight' && !!this.runId;
    }

    get isConfirm(): boolean {
        return this.step === 'confirm' && !!this.runId;
    }

    get isRun(): boolean {
        return this.step === 'run' && !!this.runId;
    }

    get userCount(): number {
        return this.selection?.count ?? 0;
    }

    get showBack(): boolean {
        return ['target', 'preflight', 'confirm'].includes(this.step);
    }

    get showNext(): boolean {
        return this.step !== 'confirm' && this.step !== 'run';
    }

    get nextLabel(): string {
        return this.step === 'target' ? 'Create run' : 'Next';
    }

    get nextDisabled(): boolean {
        switch (this.step) {
            case 'select':
                return !this.selection;
            case 'target':
                return !this.target || !this.selection || this.creating;
            case 'permissions':
                return !this.mappingSaved;
            default: {
                const run = this.preflightRun;
                return !run || run.status !== 'Ready' || run.totalItems - run.blockedCount <= 0;
            }
        }
    }

    get showStartOver(): boolean {
        return !!this.runId;
    }

    handleShowWizard(): void {
        this.navigate({ view: 'wizard' });
    }

    handleShowHistory(): void {
        this.navigate({ view: 'history' });
    }

    handleShowImport(): void {
        this.navigate({ view: 'import' });
    }

    handleShowRecreate(): void {
        this.navigate({ view: 'recreate' });
    }

    handleSuffixChange(event: CustomEvent<{ value: string }>): void {
        this.usernameSuffix = event.detail.value;
    }

    handleReassignChange(event: CustomEvent<{ checked: boolean }>): void {
        this.reassignRecords = event.detail.checked;
    }

    handleSelection(event: CustomEvent<SelectedUsers | null>): void {
        this.selection = event.detail;
    }

    handleTarget(event: CustomEvent<TargetChoice | null>): void {
        this.target = event.detail;
    }

    handleMappingSaved(): void {
        this.mappingSaved = true;
    }

    handlePreflightDone(event: CustomEvent<RunView>): void {
        this.preflightRun = event.detail;
    }

    handleRunStarted(): void {
        this.navigate({ step: 'run' });
    }

    /** A run ended: the seats it used or freed show in the license summary. */
    async handleRunFinished(): Promise<void> {
        const summary = this.template?.querySelector('c-license-summary') as unknown as LicenseSummary | null;
        await summary?.refresh();
    }

    handleOpenRun(event: CustomEvent<string>): void {
        this.resetProgress();
        this.navigate({ view: 'wizard', runId: event.detail, step: 'run' });
    }

    get discardName(): string {
        return this.discardCandidate?.name ?? '';
    }

    /** A Preparing run with a job running cannot be discarded yet (MigrationRunService.discard refuses it). */
    get cannotDiscard(): boolean {
        return this.discarding || !this.discardCandidate || this.discardCandidate.busy;
    }

    get discardBusyText(): string {
        return this.discardCandidate?.busy
            ? 'Its preflight is still running: it can be discarded once that finishes.'
            : '';
    }

    /**
     * "New migration": a run that has not started still holds its users, so the admin may discard it first
     * (a confirm step, then the call). A run that started is left as it is.
     */
    async handleStartOver(): Promise<void> {
        const runId = this.runId;
        if (!runId || this.checkingRun) {
            return;
        }
        this.checkingRun = true;
        this.discardError = undefined;
        try {
            const run = asRunView(await getRun({ runId }));
            if (UNSTARTED.includes(run.status)) {
                this.discardCandidate = run;
                return;
            }
        } catch (error) {
            // The run could not be read: start over without offering a discard, and say why.
            this.discardError = error;
            this.discardFriendly = 'The previous run could not be read, so it was kept as it is.';
        } finally {
            this.checkingRun = false;
        }
        this.startOver();
    }

    async handleDiscard(): Promise<void> {
        const runId = this.discardCandidate?.id;
        if (this.cannotDiscard || !runId) {
            return;
        }
        this.discarding = true;
        this.discardError = undefined;
        try {
            await discardRun({ runId });
            this.startOver();
        } catch (error) {
            this.discardError = error;
            this.discardFriendly = 'The run could not be discarded.';
        } finally {
            this.discarding = false;
        }
    }

    handleKeepRun(): void {
        this.startOver();
    }

    handleCancelStartOver(): void {
        this.discardCandidate = null;
        this.discardError = undefined;
    }

    private startOver(): void {
        this.discardCandidate = null;
        this.resetProgress();
        this.navigate({ view: 'wizard', runId: null, step: 'select' });
    }

    handleBack(): void {
        const previous: Partial<Record<WizardStep, WizardStep>> = {
            target: 'select',
            preflight: 'permissions',
            confirm: 'preflight'
        };
        this.navigate({ step: previous[this.step] ?? this.step });
    }

    async handleNext(): Promise<void> {
        if (this.nextDisabled) {
            return;
        }
        this.discardError = undefined;
        switch (this.step) {
            case 'select':
                this.navigate({ step: 'target' });
                break;
            case 'target':
                await this.createDraftRun();
                break;
            case 'permissions':
                this.navigate({ step: 'preflight' });
                break;
            default:
                this.navigate({ step: 'confirm' });
        }
    }

    private async createDraftRun(): Promise<void> {
        const selection = this.selection;
        const target = this.target;
        if (!selection || !target) {
            return;
        }
        // Set before the first await: a double click creates one run.
        this.creating = true;
        this.error = undefined;
        const criteria = this.isRecreate ? legacyOnly(selection.criteria) : selection.criteria;
        if (!criteria) {
            this.error = {
                body: {
                    message:
                        'Re-creating takes legacy Customer Portal and Partner Portal users only; the chosen user types ' +
                        'hold none. Choose Customer Portal or Partner user types, or paste a list.'
                }
            };
            this.creating = false;
            return;
        }
        const request: DraftRunRequest = {
            kind: this.isRecreate ? 'Recreate' : 'Migration',
            criteria,
            targetProfileId: target.targetProfileId,
            roleStrategy: target.roleStrategy,
            roleLevel: target.roleLevel,
            targetRoleId: target.targetRoleId,
            dryRun: false,
            scopeSize: SCOPE_SIZE
        };
        if (this.isRecreate) {
            request.usernameSuffix = this.usernameSuffix.trim() || DEFAULT_SUFFIX;
            request.reassignRecords = this.reassignRecords;
        }
        try {
            const runId = await createRun({ requestJson: JSON.stringify(request) });
            this.resetProgress();
            this.navigate({ runId, step: 'permissions' });
        } catch (error) {
            this.error = error;
        } finally {
            this.creating = false;
        }
    }

    private resetProgress(): void {
        this.mappingSaved = false;
        this.preflightRun = null;
    }

    /** Applies the change at once, then records it in the URL (replace, so Back leaves the app as usual). */
    private navigate(change: { view?: View; runId?: string | null; step?: WizardStep }): void {
        if (change.view !== undefined) this.view = change.view;
        if (change.runId !== undefined) this.runId = change.runId;
        if (change.step !== undefined) this.step = change.step;
        const pageRef = this.pageRef;
        if (!pageRef) {
            return;
        }
        const state: Record<string, string | undefined> = { ...(pageRef.state ?? {}) };
        state[RUN_KEY] = this.runId ?? undefined;
        state[STEP_KEY] = this.step;
        state[VIEW_KEY] = this.view === 'wizard' ? undefined : this.view;
        this[NavigationMixin.Navigate]({ ...pageRef, state }, true);
    }
}

/**
 * A re-create run's criteria: only legacy portal user types (those chosen among them, or all of them). A pasted
 * list is kept as it is: the preflight blocks every listed user who is not a legacy portal user.
 * @returns the criteria, or null when the chosen user types hold no legacy portal type
 */
function legacyOnly(criteria: SelectionCriteria): SelectionCriteria | null {
    if (criteria.userIds?.length) {
        return criteria;
    }
    const chosen = criteria.userTypes?.length ? criteria.userTypes : LEGACY_USER_TYPES;
    const userTypes = chosen.filter((t) => LEGACY_USER_TYPES.includes(t));
    return userTypes.length ? { ...criteria, userTypes } : null;
}
