import { LightningElement, api } from 'lwc';
import getRun from '@salesforce/apex/MigrationController.getRun';
import getItems from '@salesforce/apex/MigrationController.getItems';
import exportCsv from '@salesforce/apex/MigrationController.exportCsv';
import abortRun from '@salesforce/apex/MigrationController.abortRun';
import retryRun from '@salesforce/apex/MigrationController.retryRun';
import resumeRun from '@salesforce/apex/MigrationController.resumeRun';
import rollbackRun from '@salesforce/apex/MigrationController.rollbackRun';
import {
    IMPORT_STAGES,
    OUTCOMES,
    PAGE_SIZE,
    RECREATE_STAGES,
    STAGES,
    asItemPage,
    asRunView,
    isFinished,
    labelOf,
    runStatusLabel
} from 'c/migrationTypes';
import type { CsvKind, ItemFilter, ItemOutcome, RunItem, RunStage, RunView } from 'c/migrationTypes';
import { RunPoller, csvHref, fetchAllCsv, formatDuration, userUrl } from 'c/migrationUtils';

interface Option {
    label: string;
    value: string;
}

interface StageProgress {
    value: RunStage;
    label: string;
    percent: number;
    stateText: string;
    progressLabel: string;
    barStyle: string;
}

interface ResultRow extends RunItem {
    userLink: string;
    outcomeLabel: string;
    stageLabel: string;
}

type StageList = readonly { value: RunStage; label: string }[];

/** The stages of each kind of run: a re-create disables and creates users, an import creates contacts then users. */
const STAGES_BY_KIND: Record<string, StageList> = {
    Migration: STAGES,
    Recreate: RECREATE_STAGES,
    Import: IMPORT_STAGES
};

/** The stages a run of this kind goes through (a kind this console does not know gets the migration's). */
function stagesOfKind(kind: string | null | undefined): StageList {
    return (kind ? STAGES_BY_KIND[kind] : undefined) ?? STAGES;
}

/** Batch scope of a retry: the engine's default (Scope_Size__c). */
const RETRY_SCOPE = 200;

const COLUMNS = [
    { label: 'User', fieldName: 'userLink', type: 'url', typeAttributes: { label: { fieldName: 'username' } } },
    { label: 'Outcome', fieldName: 'outcomeLabel' },
    { label: 'Stage', fieldName: 'stageLabel' },
    { label: 'Status code', fieldName: 'statusCode' },
    { label: 'Message', fieldName: 'errorMessage', wrapText: true },
    { label: 'Attempts', fieldName: 'attempts', type: 'number' }
];

/** The run console: polls the run while it works, then shows results and the follow-up actions. */
export default class RunConsole extends LightningElement {
    /** Poll interval; a property so tests can shorten it. */
    @api pollIntervalMs = 3000;

    run: RunView | null = null;
    error: unknown = undefined;
    busy = false;
    now = Date.now();

    outcomeFilter = '';
    stageFilter = '';
    statusCodeFilter = '';
    results: ResultRow[] = [];
    resultsLoaded = false;
    resultsLoading = false;
    resultsNextAfterId: string | null = null;

    retryCodes = '';
    successHref = '';
    successFileName = 'success.csv';
    errorHref = '';
    errorFileName = 'error.csv';
    exporting = false;
    columns = COLUMNS;

    private currentRunId: string | undefined;
    private poller: RunPoller | null = null;
    private connected = false;

    @api
    get runId(): string | undefined {
        return this.currentRunId;
    }

    set runId(value: string | undefined) {
        if (value === this.currentRunId) {
            return;
        }
        this.currentRunId = value;
        this.run = null;
        this.results = [];
        this.resultsLoaded = false;
        this.successHref = '';
        this.errorHref = '';
        if (this.connected) {
            this.startPolling();
        }
    }

    connectedCallback(): void {
        this.connected = true;
        this.startPolling();
    }

    disconnectedCallback(): void {
        this.connected = false;
        this.poller?.stop();
    }

    get isLoading(): boolean {
        return !this.run && !this.error && !!this.currentRunId;
    }

    get noRun(): boolean {
        return !this.currentRunId;
    }

    get statusLabel(): string {
        return runStatusLabel(this.run);
    }

    get isFinished(): boolean {
        return isFinished(this.run?.status);
    }

    get isRunning(): boolean {
        return this.run?.status === 'Running' || this.run?.status === 'Preparing';
    }

    get processed(): number {
        const run = this.run;
        return run ? run.succeededCount + run.failedCount + run.skippedCount : 0;
    }

    get movable(): number {
        const run = this.run;
        return run ? Math.max(0, run.totalItems - run.blockedCount) : 0;
    }

    get stageProgress(): StageProgress[] {
        const run = this.run;
        const current = run?.currentStage ?? null;
        const stages = this.stages;
        const currentIndex = current === null ? -1 : stages.findIndex((s) => s.value === current);
        const doneAll = this.isFinished && (current === 'Done' || run?.status === 'Completed');
        // A bar for everything the run goes through, without the terminal marker.
        const shown = stages.filter((s) => s.value !== 'Done');
        return shown.map((stage, index) => {
            let percent = 0;
            let stateText = 'Not started';
            if (doneAll || index < currentIndex) {
                percent = 100;
                stateText = 'Done';
            } else if (index === currentIndex) {
                percent = this.movable > 0 ? Math.min(100, Math.round((this.processed / this.movable) * 100)) : 0;
                stateText = this.isFinished ? `Stopped: ${this.statusLabel}` : 'In progress';
            }
            return {
                value: stage.value,
                label: stage.label,
                percent,
                stateText,
                progressLabel: `${stage.label}: ${percent}%`,
                barStyle: `width: ${percent}%`
            };
        });
    }

    get counts(): { key: string; label: string; value: number }[] {
        const run = this.run;
        if (!run) {
            return [];
        }
        return [
            { key: 'total', label: 'Users', value: run.totalItems },
            { key: 'succeeded', label: 'Succeeded', value: run.succeededCount },
            { key: 'failed', label: 'Failed', value: run.failedCount },
            { key: 'skipped', label: 'Skipped', value: run.skippedCount },
            { key: 'blocked', label: 'Blocked', value: run.blockedCount },
            { key: 'warning', label: 'Warnings', value: run.warningCount }
        ];
    }

    get elapsedMs(): number {
        const run = this.run;
        if (!run?.startedAt) {
            return 0;
        }
        const end = run.completedAt ? Date.parse(run.completedAt) : this.now;
        return Math.max(0, end - Date.parse(run.startedAt));
    }

    get elapsedText(): string {
        return this.run?.startedAt ? formatDuration(this.elapsedMs) : 'Not started';
    }

    get estimateText(): string {
        if (this.isFinished) {
            return 'Finished';
        }
        const done = this.processed;
        const left = this.movable - done;
        if (!this.run?.startedAt || done === 0 || left <= 0) {
            return 'Estimating…';
        }
        return `About ${formatDuration((this.elapsedMs / done) * left)} left`;
    }

    get outcomeOptions(): Option[] {
        return [{ label: 'Any outcome', value: '' }, ...OUTCOMES.map((o) => ({ label: labelOf(o), value: o }))];
    }

    get stageOptions(): Option[] {
        return [{ label: 'Any stage', value: '' }, ...this.stages.map((s) => ({ label: s.label, value: s.value }))];
    }

    /** The stages of this run's kind. */
    get stages(): StageList {
        return stagesOfKind(this.run?.kind);
    }

    get hasResults(): boolean {
        return this.results.length > 0;
    }

    get resultsEmpty(): boolean {
        return this.resultsLoaded && !this.resultsLoading && this.results.length === 0;
    }

    get hasMoreResults(): boolean {
        return this.resultsNextAfterId !== null;
    }

    get cannotAbort(): boolean {
        return this.busy || !this.isRunning;
    }

    get cannotRetry(): boolean {
        return (
            this.busy || !this.isFinished || (this.run?.failedCount ?? 0) === 0 || this.run?.status === 'Rolled_Back'
        );
    }

    get cannotResume(): boolean {
        // A Running run whose job ended without handing over (stalled) resumes like an aborted one.
        const run = this.run;
        return this.busy || !(run?.status === 'Aborted' || run?.status === 'Failed' || run?.stalled === true);
    }

    /**
     * Rollback exactly when the engine allows it (RunView.reversible, MigrationRunService.rollbackRefusal): a finished
     * migration whose changed users all kept their user type.
     */
    get cannotRollback(): boolean {
        return this.busy || this.run?.reversible !== true;
    }

    /** Why a finished migration offers no rollback; nothing for runs where a rollback never applies. */
    get rollbackHelp(): string {
        const run = this.run;
        if (!run || run.reversible || !this.isFinished || run.dryRun || run.kind !== 'Migration') {
            return '';
        }
        if (run.discarded) {
            return 'This run was discarded before it ran: it changed nobody.';
        }
        if (run.status === 'Rolled_Back') {
            return 'This run has been rolled back.';
        }
        return 'Rollback is off: this run changed nobody, or not every user it changed can be put back as it was.';
    }

    handleFilter(event: CustomEvent<{ value: string }>): void {
        const name = (event.target as HTMLElement).dataset.filter;
        const value = event.detail.value ?? '';
        if (name === 'outcome') {
            this.outcomeFilter = value;
        } else if (name === 'stage') {
            this.stageFilter = value;
        } else {
            this.statusCodeFilter = value.trim();
        }
    }

    async handleShowResults(): Promise<void> {
        this.results = [];
        this.resultsNextAfterId = null;
        await this.loadResults(null);
    }

    async handleMoreResults(): Promise<void> {
        await this.loadResults(this.resultsNextAfterId);
    }

    async handleExport(event: Event): Promise<void> {
        const kind = (event.currentTarget as HTMLElement).dataset.kind as CsvKind;
        const runId = this.currentRunId;
        if (!runId) {
            return;
        }
        this.exporting = true;
        this.error = undefined;
        try {
            const file = await fetchAllCsv((afterId) => exportCsv({ runId, kind, afterId: afterId ?? '' }));
            if (kind === 'success') {
                this.successHref = csvHref(file.csv);
                this.successFileName = file.fileName;
            } else {
                this.errorHref = csvHref(file.csv);
                this.errorFileName = file.fileName;
            }
        } catch (error) {
            this.error = error;
        } finally {
            this.exporting = false;
        }
    }

    handleRetryCodes(event: CustomEvent<{ value: string }>): void {
        this.retryCodes = event.detail.value ?? '';
    }

    async handleAbort(): Promise<void> {
        if (this.cannotAbort) {
            return;
        }
        await this.act(() => abortRun({ runId: this.currentRunId ?? '' }));
    }

    async handleRetry(): Promise<void> {
        if (this.cannotRetry) {
            return;
        }
        const statusCodes = this.retryCodes
            .split(',')
            .map((code) => code.trim().toUpperCase())
            .filter((code) => code !== '')
            .join(',');
        await this.act(() => retryRun({ runId: this.currentRunId ?? '', statusCodes, scopeSize: RETRY_SCOPE }));
    }

    async handleResume(): Promise<void> {
        if (this.cannotResume) {
            return;
        }
        await this.act(() => resumeRun({ runId: this.currentRunId ?? '' }));
    }

    async handleRollback(): Promise<void> {
        if (this.cannotRollback || !this.currentRunId) {
            return;
        }
        this.busy = true;
        this.error = undefined;
        try {
            const rollbackRunId = await rollbackRun({ runId: this.currentRunId });
            this.dispatchEvent(new CustomEvent('openrun', { detail: rollbackRunId }));
        } catch (error) {
            this.error = error;
        } finally {
            this.busy = false;
        }
    }

    /** One action at a time; the poller picks up the run's new state afterwards. */
    private async act(action: () => Promise<unknown>): Promise<void> {
        if (this.busy || !this.currentRunId) {
            return;
        }
        this.busy = true;
        this.error = undefined;
        try {
            await action();
            this.results = [];
            this.resultsLoaded = false;
            this.startPolling();
        } catch (error) {
            this.error = error;
        } finally {
            this.busy = false;
        }
    }

    private startPolling(): void {
        this.poller?.stop();
        const runId = this.currentRunId;
        if (!runId) {
            return;
        }
        this.poller = new RunPoller({
            fetch: async () => asRunView(await getRun({ runId })),
            onRun: (run) => {
                const wasFinished = isFinished(this.run?.status);
                this.run = run;
                this.now = Date.now();
                this.error = undefined;
                // Seats and counts elsewhere on the page are stale once a run ends (migrationApp refreshes them).
                if (!wasFinished && isFinished(run.status)) {
                    this.dispatchEvent(new CustomEvent('runfinished', { detail: run.status }));
                }
            },
            onError: (error) => {
                this.error = error;
            },
            keepGoing: (run) => run.status === 'Running' || run.status === 'Preparing',
            intervalMs: this.pollIntervalMs
        });
        this.poller.start();
    }

    private async loadResults(afterId: string | null): Promise<void> {
        const runId = this.currentRunId;
        if (!runId) {
            return;
        }
        const filter: ItemFilter = {};
        if (this.outcomeFilter) filter.outcomes = [this.outcomeFilter as ItemOutcome];
        if (this.stageFilter) filter.stage = this.stageFilter as RunStage;
        if (this.statusCodeFilter) filter.statusCode = this.statusCodeFilter;
        this.resultsLoading = true;
        this.error = undefined;
        try {
            const page = asItemPage(
                await getItems({
                    runId,
                    filterJson: JSON.stringify(filter),
                    afterId: afterId ?? '',
                    pageSize: PAGE_SIZE
                })
            );
            const rows = page.rows.map((item) => ({
                ...item,
                userLink: userUrl(item.userId),
                outcomeLabel: labelOf(item.outcome),
                stageLabel: this.stages.find((s) => s.value === item.stage)?.label ?? ''
            }));
            this.results = [...this.results, ...rows];
            this.resultsNextAfterId = page.nextAfterId;
        } catch (error) {
            this.error = error;
        } finally {
            this.resultsLoading = false;
            this.resultsLoaded = true;
        }
    }
}
