import { LightningElement, wire } from 'lwc';
import { CurrentPageReference, NavigationMixin } from 'lightning/navigation';
import type { PageReference } from 'lightning/navigation';
import getImportSettings from '@salesforce/apex/ImportController.getImportSettings';
import getAssignablePermissionSets from '@salesforce/apex/ImportController.getAssignablePermissionSets';
import createImportRun from '@salesforce/apex/ImportController.createImportRun';
import { CONFIRMATION_PHRASE, IMPORT_STEPS, asCreateResult } from 'c/migrationTypes';
import type {
    ImportChoice,
    ImportFile,
    ImportFileError,
    ImportRunRequest,
    ImportSettings,
    ImportStep,
    RunView
} from 'c/migrationTypes';

interface WireResult<T> {
    data?: T;
    error?: unknown;
}

interface LineProblem extends ImportFileError {
    key: string;
    where: string;
}

const PREVIOUS: Partial<Record<ImportStep, ImportStep>> = { options: 'upload', confirm: 'preflight' };

/** Page state keys of the import (custom state needs the c__ prefix); migrationApp keeps other keys as they are. */
const RUN_KEY = 'c__importRun';
const STEP_KEY = 'c__importStep';
const RUN_ID = /^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/;
/** Steps that exist once the run does, and so can be restored from the URL after a reload. */
const RUN_STEPS: readonly string[] = ['preflight', 'confirm', 'run'];

/**
 * The import of people from a CSV (issue #8): upload → options → preflight → confirm → the run console. The file and
 * the options stay in memory until the run is created; from then on everything is read back from the run, whose Id
 * and step are kept in the page state (URL), so a reload comes back to them.
 */
export default class ImportWizard extends NavigationMixin(LightningElement) {
    step: ImportStep = 'upload';
    steps = IMPORT_STEPS;

    settings: ImportSettings | null = null;
    settingsError: unknown = undefined;

    /** The profile chosen on the options step (undefined until then: the wire waits for it). */
    targetProfileId: string | undefined = undefined;
    assignable: ApexTypes.ImportViews_PermissionChoice[] = [];
    permissionSetsError: unknown = undefined;

    file: ImportFile | null = null;
    choice: ImportChoice | null = null;
    fileErrors: ImportFileError[] = [];
    /** Lines the server left out of a run it did create (e.g. a row with the wrong number of fields). */
    leftOut: ImportFileError[] = [];
    runId: string | null = null;
    preflightRun: RunView | null = null;
    creating = false;
    error: unknown = undefined;

    private pageRef: PageReference | null = null;

    @wire(CurrentPageReference)
    wiredPageRef(pageRef: PageReference | undefined): void {
        if (!pageRef) {
            return;
        }
        this.pageRef = pageRef;
        const state = pageRef.state ?? {};
        const runId = state[RUN_KEY];
        if (!runId || !RUN_ID.test(runId)) {
            // No run in the URL: the wizard's memory (a file being chosen) stays as it is.
            return;
        }
        if (runId !== this.runId) {
            this.runId = runId;
            this.preflightRun = null;
            this.leftOut = [];
        }
        const step = state[STEP_KEY];
        this.step = step && RUN_STEPS.includes(step) ? (step as ImportStep) : 'run';
    }

    @wire(getImportSettings)
    wiredSettings({ data, error }: WireResult<ImportSettings>): void {
        if (data) {
            this.settings = data;
            this.settingsError = undefined;
        } else if (error) {
            this.settingsError = error;
        }
    }

    @wire(getAssignablePermissionSets, { profileId: '$targetProfileId' })
    wiredPermissionSets({ data, error }: WireResult<ApexTypes.ImportViews_PermissionChoice[]>): void {
        if (data) {
            this.assignable = data;
            this.permissionSetsError = undefined;
        } else if (error) {
            this.assignable = [];
            this.permissionSetsError = error;
        }
    }

    get maxRows(): number {
        return this.settings?.maxRows ?? 0;
    }

    get knownColumns(): string[] {
        return this.settings?.knownColumns ?? [];
    }

    get requiredColumns(): string[] {
        return this.settings?.requiredColumns ?? [];
    }

    get contactKeyFields(): string[] {
        return this.settings?.contactKeyFields ?? [];
    }

    get accountKeyFields(): string[] {
        return this.settings?.accountKeyFields ?? [];
    }

    /** Permission sets and groups the chosen profile's users can hold; none until a profile is chosen. */
    get permissionSets(): ApexTypes.ImportViews_PermissionChoice[] {
        return this.targetProfileId ? this.assignable : [];
    }

    get confirmationPhrase(): string {
        return this.settings?.confirmationPhrase ?? CONFIRMATION_PHRASE;
    }

    get rowCount(): number {
        const text = this.file?.csv ?? '';
        return Math.max(0, text.split(/\r\n|\n|\r/).filter((line) => line.trim() !== '').length - 1);
    }

    /** Upload and Options stay rendered (hidden) so the file and the choices survive moving between them. */
    get uploadClass(): string {
        return this.step === 'upload' ? '' : 'slds-hide';
    }

    get optionsClass(): string {
        return this.step === 'options' ? '' : 'slds-hide';
    }

    get isDraft(): boolean {
        return !this.runId;
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

    get hasLeftOut(): boolean {
        return this.leftOut.length > 0 && !!this.runId && this.step !== 'run';
    }

    get leftOutText(): string {
        const count = this.leftOut.length;
        return `${count} ${count === 1 ? 'line of the file was' : 'lines of the file were'} left out of this import:`;
    }

    get leftOutRows(): LineProblem[] {
        return this.leftOut.map((e, index) => ({
            ...e,
            key: `${index}-${e.code}`,
            where:
                typeof e.line === 'number'
                    ? `Line ${e.line}${typeof e.column === 'number' ? `, column ${e.column}` : ''}`
                    : 'File'
        }));
    }

    get showBack(): boolean {
        return this.step in PREVIOUS;
    }

    get showNext(): boolean {
        return this.step !== 'confirm' && this.step !== 'run';
    }

    get nextLabel(): string {
        return this.step === 'options' ? 'Create import' : 'Next';
    }

    get nextDisabled(): boolean {
        switch (this.step) {
            case 'upload':
                return !this.file;
            case 'options':
                return !this.file || !this.choice || this.creating;
            default: {
                const run = this.preflightRun;
                return !run || run.status !== 'Ready';
            }
        }
    }

    get showStartOver(): boolean {
        return !!this.runId;
    }

    handleFile(event: CustomEvent<ImportFile | null>): void {
        this.file = event.detail;
        this.fileErrors = [];
    }

    handleOptions(event: CustomEvent<ImportChoice | null>): void {
        this.choice = event.detail;
    }

    handleProfile(event: CustomEvent<string | null>): void {
        this.targetProfileId = event.detail ?? undefined;
        this.assignable = [];
        this.permissionSetsError = undefined;
    }

    handlePreflightDone(event: CustomEvent<RunView>): void {
        this.preflightRun = event.detail;
    }

    handleRunStarted(): void {
        this.go('run');
    }

    handleBack(): void {
        this.go(PREVIOUS[this.step] ?? this.step);
    }

    async handleNext(): Promise<void> {
        if (this.nextDisabled) {
            return;
        }
        switch (this.step) {
            case 'upload':
                this.go('options');
                break;
            case 'options':
                await this.createRun();
                break;
            default:
                this.go('confirm');
        }
    }

    handleStartOver(): void {
        this.runId = null;
        this.file = null;
        this.choice = null;
        this.targetProfileId = undefined;
        this.preflightRun = null;
        this.leftOut = [];
        this.fileErrors = [];
        this.error = undefined;
        this.go('upload');
    }

    private async createRun(): Promise<void> {
        const file = this.file;
        const choice = this.choice;
        if (!file || !choice) {
            return;
        }
        // Set before the first await: a double click creates one run.
        this.creating = true;
        this.error = undefined;
        const request: ImportRunRequest = {
            csv: file.csv,
            targetProfileId: choice.targetProfileId,
            roleStrategy: choice.roleStrategy,
            roleLevel: choice.roleLevel,
            targetRoleId: choice.targetRoleId,
            // Only what the profile's users can hold (a choice made for an earlier profile is not sent).
            permissionSetIds: choice.permissionSetIds.filter((id) => this.permissionSets.some((p) => p.id === id)),
            usernameSuffix: choice.usernameSuffix,
            sendWelcomeEmail: choice.sendWelcomeEmail,
            contactKeyField: choice.contactKeyField,
            accountKeyField: choice.accountKeyField
        };
        try {
            const result = asCreateResult(await createImportRun({ requestJson: JSON.stringify(request) }));
            if (result.runId) {
                this.runId = result.runId;
                this.leftOut = result.fileErrors ?? [];
                this.preflightRun = null;
                this.go('preflight');
            } else {
                // The file was refused: nothing was created; its problems are listed on the Upload step.
                this.fileErrors = result.fileErrors ?? [];
                this.step = 'upload';
            }
        } catch (error) {
            this.error = error;
        } finally {
            this.creating = false;
        }
    }

    /** Moves to a step and, once a run exists (or has just been left), records the run and step in the URL. */
    private go(step: ImportStep): void {
        this.step = step;
        const pageRef = this.pageRef;
        if (!pageRef) {
            return;
        }
        const state: Record<string, string | undefined> = { ...(pageRef.state ?? {}) };
        if (!this.runId && !state[RUN_KEY]) {
            return;
        }
        state[RUN_KEY] = this.runId ?? undefined;
        state[STEP_KEY] = this.runId ? step : undefined;
        this[NavigationMixin.Navigate]({ ...pageRef, state }, true);
    }
}
