import { LightningElement, api } from 'lwc';
import getRun from '@salesforce/apex/MigrationController.getRun';
import runPreflight from '@salesforce/apex/MigrationController.runPreflight';
import getItems from '@salesforce/apex/MigrationController.getItems';
import exportCsv from '@salesforce/apex/MigrationController.exportCsv';
import { PAGE_SIZE, asItemPage, asRunView, labelOf } from 'c/migrationTypes';
import type { RunItem, RunView } from 'c/migrationTypes';
import { exportToLink, preflightPoller, reasonRows, userUrl } from 'c/migrationUtils';
import type { ReasonRow, RunPoller } from 'c/migrationUtils';

interface Segment {
    key: string;
    label: string;
    count: number;
    style: string;
    className: string;
}

interface DrillRow extends RunItem {
    userLink: string;
    outcomeLabel: string;
}

/** Step 4: runs the preflight, then shows ready / warning / blocked, the findings by reason code, and the users. */
export default class PreflightReport extends LightningElement {
    @api runId: string | undefined;
    /** Poll interval; a property so tests can shorten it. */
    @api pollIntervalMs = 3000;

    run: RunView | null = null;
    loading = true;
    starting = false;
    error: unknown = undefined;

    drillCode = '';
    drillRows: DrillRow[] = [];
    drillNextAfterId: string | null = null;
    drillLoading = false;

    exporting = false;
    exportHref = '';
    exportFileName = 'preflight.csv';

    private poller: RunPoller | null = null;
    private announced = false;

    connectedCallback(): void {
        this.poller = preflightPoller(
            this,
            async () => asRunView(await getRun({ runId: this.runId ?? '' })),
            (run) => this.receive(run),
            this.pollIntervalMs
        );
        if (this.runId) {
            this.poller.start();
        }
    }

    disconnectedCallback(): void {
        this.poller?.stop();
    }

    get isPreparing(): boolean {
        return this.run?.status === 'Preparing';
    }

    get isDraft(): boolean {
        return this.run?.status === 'Draft';
    }

    get hasResult(): boolean {
        return !!this.run && !this.isDraft && !this.isPreparing;
    }

    get cannotStart(): boolean {
        return this.starting || this.isPreparing || !this.run || this.run.busy;
    }

    get startLabel(): string {
        return this.isDraft ? 'Run preflight' : 'Run preflight again';
    }

    get total(): number {
        const run = this.run;
        return run ? run.readyCount + run.warningCount + run.blockedCount : 0;
    }

    get segments(): Segment[] {
        const run = this.run;
        if (!run || this.total === 0) {
            return [];
        }
        const parts: [string, string, number, string][] = [
            ['ready', 'Ready', run.readyCount, 'slds-theme_success'],
            ['warning', 'Warnings', run.warningCount, 'slds-theme_warning'],
            ['blocked', 'Blocked', run.blockedCount, 'slds-theme_error']
        ];
        return parts
            .filter(([, , count]) => count > 0)
            .map(([key, label, count, className]) => ({
                key,
                label: `${label}: ${count}`,
                count,
                style: `width: ${((count / this.total) * 100).toFixed(2)}%`,
                className: `bar-segment ${className}`
            }));
    }

    get summaryText(): string {
        const run = this.run;
        return run
            ? `${run.readyCount} ready, ${run.warningCount} with warnings, ${run.blockedCount} blocked, of ${this.total} users.`
            : '';
    }

    get blockedText(): string {
        const blocked = this.run?.blockedCount ?? 0;
        return blocked > 0
            ? `${blocked} blocked ${blocked === 1 ? 'user is' : 'users are'} excluded from the run.`
            : 'No user is blocked.';
    }

    get reasons(): ReasonRow[] {
        return reasonRows(this.run?.reasonCounts, 'users');
    }

    get hasReasons(): boolean {
        return this.reasons.length > 0;
    }

    get hasDrillRows(): boolean {
        return this.drillRows.length > 0;
    }

    get drillHeading(): string {
        return `Users with ${this.drillCode}`;
    }

    get hasMoreDrill(): boolean {
        return this.drillNextAfterId !== null;
    }

    async handleStart(): Promise<void> {
        if (this.cannotStart || !this.runId) {
            return;
        }
        this.starting = true;
        this.error = undefined;
        try {
            await runPreflight({ runId: this.runId });
            this.drillCode = '';
            this.drillRows = [];
            this.exportHref = '';
            this.poller?.start();
        } catch (error) {
            this.error = error;
        } finally {
            this.starting = false;
        }
    }

    async handleDrill(event: Event): Promise<void> {
        this.drillCode = (event.currentTarget as HTMLElement).dataset.code ?? '';
        this.drillRows = [];
        this.drillNextAfterId = null;
        await this.loadDrill(null);
    }

    async handleMoreDrill(): Promise<void> {
        await this.loadDrill(this.drillNextAfterId);
    }

    async handleExport(): Promise<void> {
        if (!this.runId) {
            return;
        }
        const runId = this.runId;
        await exportToLink(this, (afterId) => exportCsv({ runId, kind: 'preflight', afterId: afterId ?? '' }));
    }

    private async loadDrill(afterId: string | null): Promise<void> {
        if (!this.runId) {
            return;
        }
        this.drillLoading = true;
        try {
            const page = asItemPage(
                await getItems({
                    runId: this.runId,
                    filterJson: JSON.stringify({ reasonCode: this.drillCode }),
                    afterId: afterId ?? '',
                    pageSize: PAGE_SIZE
                })
            );
            const rows = page.rows.map((item) => ({
                ...item,
                userLink: userUrl(item.userId),
                outcomeLabel: labelOf(item.outcome)
            }));
            this.drillRows = [...this.drillRows, ...rows];
            this.drillNextAfterId = page.nextAfterId;
        } catch (error) {
            this.error = error;
        } finally {
            this.drillLoading = false;
        }
    }

    private receive(run: RunView): void {
        const wasPreparing = this.run?.status === 'Preparing';
        this.run = run;
        this.loading = false;
        this.error = undefined;
        if (run.status !== 'Preparing' && run.status !== 'Draft' && (wasPreparing || !this.announced)) {
            this.announced = true;
            this.dispatchEvent(new CustomEvent('preflightdone', { detail: run }));
        }
    }
}
