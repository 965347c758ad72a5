import { LightningElement, api } from 'lwc';
import getRun from '@salesforce/apex/MigrationController.getRun';
import getItems from '@salesforce/apex/MigrationController.getItems';
import exportCsv from '@salesforce/apex/MigrationController.exportCsv';
import runImportPreflight from '@salesforce/apex/ImportController.runImportPreflight';
import excludeBlocked from '@salesforce/apex/ImportController.excludeBlocked';
import { PAGE_SIZE, asItemPage, asRunView, labelOf } from 'c/migrationTypes';
import type { ItemFilter, RunItem, RunView } from 'c/migrationTypes';
import { exportToLink, preflightPoller, reasonRows } from 'c/migrationUtils';
import type { ReasonRow, RunPoller } from 'c/migrationUtils';

interface FindingRow {
    key: string;
    line: string;
    username: string;
    outcome: string;
    reasons: string;
    message: string;
}

function plural(count: number, one: string, many: string): string {
    return `${count} ${count === 1 ? one : many}`;
}

/** One row's findings as text: the ones that need action (blocked, warnings), else all of them, else the raw text. */
function messageOf(item: RunItem): string {
    if (item.errorMessage) {
        return item.errorMessage;
    }
    try {
        const findings = JSON.parse(item.findings ?? '[]') as { severity?: string; message?: string }[];
        const needAction = findings.filter((f) => f.severity === 'BLOCKED' || f.severity === 'WARNING');
        const text = (needAction.length > 0 ? needAction : findings)
            .map((f) => f.message)
            .filter((m): m is string => !!m)
            .join(' ');
        if (text) {
            return text;
        }
    } catch {
        // Not JSON: show the raw text below.
    }
    return item.findings ?? '';
}

/**
 * Import step 3: runs the per-row preflight, shows ready / warnings / blocked, the findings by reason code and
 * severity, the rows behind each, and lets the admin exclude the blocked rows explicitly.
 */
export default class ImportPreflight extends LightningElement {
    @api runId: string | undefined;
    /** Poll interval; a property so tests can shorten it. */
    @api pollIntervalMs = 3000;

    run: RunView | null = null;
    loading = true;
    starting = false;
    excluding = false;
    excludedText = '';
    error: unknown = undefined;

    drillCode = '';
    drillBlocked = false;
    drillRows: FindingRow[] = [];
    drillNextAfterId: string | null = null;
    drillLoading = false;

    exporting = false;
    exportHref = '';
    exportFileName = 'preflight.csv';

    private poller: RunPoller | null = null;
    private autoStarted = false;

    connectedCallback(): void {
        this.poller = preflightPoller(
            this,
            async () => asRunView(await getRun({ runId: this.runId ?? '' })),
            (run) => this.receive(run),
            this.pollIntervalMs
        );
        if (this.runId) {
            this.poller.start();
        } else {
            this.loading = false;
        }
    }

    disconnectedCallback(): void {
        this.poller?.stop();
    }

    get isPreparing(): boolean {
        return this.run?.status === 'Preparing' || this.starting;
    }

    get hasResult(): boolean {
        return !!this.run && this.run.status !== 'Draft' && !this.isPreparing;
    }

    get cannotRerun(): boolean {
        return this.starting || this.excluding || !this.run || this.run.busy || this.run.status === 'Preparing';
    }

    get counts(): { key: string; label: string; value: number }[] {
        const run = this.run;
        if (!run) {
            return [];
        }
        return [
            { key: 'rows', label: 'Rows', value: run.totalItems },
            { key: 'ready', label: 'Ready', value: run.readyCount },
            { key: 'warning', label: 'Warnings', value: run.warningCount },
            { key: 'blocked', label: 'Blocked', value: run.blockedCount },
            { key: 'excluded', label: 'Excluded', value: run.skippedCount }
        ];
    }

    get summaryText(): string {
        const run = this.run;
        if (!run) {
            return '';
        }
        const excluded = run.skippedCount > 0 ? `, ${run.skippedCount} excluded` : '';
        return `${run.readyCount} ready, ${run.warningCount} with warnings, ${run.blockedCount} blocked${excluded}, of ${plural(run.totalItems, 'row', 'rows')}.`;
    }

    get hasBlocked(): boolean {
        return (this.run?.blockedCount ?? 0) > 0;
    }

    get blockedText(): string {
        const blocked = this.run?.blockedCount ?? 0;
        return `${plural(blocked, 'row is', 'rows are')} blocked. Nothing can be imported until the file is corrected and uploaded again, or the blocked rows are excluded from this import.`;
    }

    get cannotExclude(): boolean {
        return this.excluding || this.starting || !this.hasBlocked || !!this.run?.busy;
    }

    get reasons(): ReasonRow[] {
        return reasonRows(this.run?.reasonCounts, 'rows');
    }

    get hasReasons(): boolean {
        return this.reasons.length > 0;
    }

    get drillHeading(): string {
        return this.drillBlocked ? 'Blocked rows' : `Rows with ${this.drillCode}`;
    }

    get showDrill(): boolean {
        return this.drillBlocked || this.drillCode !== '';
    }

    get hasDrillRows(): boolean {
        return this.drillRows.length > 0;
    }

    get drillEmpty(): boolean {
        return this.showDrill && !this.drillLoading && this.drillRows.length === 0;
    }

    get hasMoreDrill(): boolean {
        return this.drillNextAfterId !== null;
    }

    async handleRerun(): Promise<void> {
        await this.start();
    }

    async handleExclude(): Promise<void> {
        const runId = this.runId;
        if (this.cannotExclude || !runId) {
            return;
        }
        this.excluding = true;
        this.error = undefined;
        try {
            const excluded = await excludeBlocked({ runId });
            this.excludedText = `${plural(excluded, 'blocked row was', 'blocked rows were')} excluded: they stay in the run's record as Skipped and are not imported.`;
            this.clearDrill();
            this.poller?.start();
        } catch (error) {
            this.error = error;
        } finally {
            this.excluding = false;
        }
    }

    async handleShowBlocked(): Promise<void> {
        this.clearDrill();
        this.drillBlocked = true;
        await this.loadDrill(null);
    }

    async handleDrill(event: Event): Promise<void> {
        this.clearDrill();
        this.drillCode = (event.currentTarget as HTMLElement).dataset.code ?? '';
        await this.loadDrill(null);
    }

    async handleMoreDrill(): Promise<void> {
        await this.loadDrill(this.drillNextAfterId);
    }

    async handleExport(): Promise<void> {
        const runId = this.runId;
        if (!runId) {
            return;
        }
        await exportToLink(this, (afterId) => exportCsv({ runId, kind: 'preflight', afterId: afterId ?? '' }));
    }

    /** Runs the preflight, then polls while the run says Preparing (a batch for large files). */
    private async start(): Promise<void> {
        const runId = this.runId;
        if (this.starting || !runId) {
            return;
        }
        this.starting = true;
        this.error = undefined;
        this.excludedText = '';
        try {
            await runImportPreflight({ runId });
            this.clearDrill();
            this.exportHref = '';
            this.poller?.start();
        } catch (error) {
            this.error = error;
        } finally {
            this.starting = false;
        }
    }

    private clearDrill(): void {
        this.drillCode = '';
        this.drillBlocked = false;
        this.drillRows = [];
        this.drillNextAfterId = null;
    }

    private async loadDrill(afterId: string | null): Promise<void> {
        const runId = this.runId;
        if (!runId) {
            return;
        }
        const filter: ItemFilter = this.drillBlocked ? { outcomes: ['Blocked'] } : { reasonCode: this.drillCode };
        this.drillLoading = true;
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
                key: item.id ?? '',
                line: typeof item.rowNumber === 'number' ? String(item.rowNumber) : '',
                username: item.username ?? '',
                outcome: labelOf(item.outcome),
                reasons: (item.reasonCodes ?? '').split(',').filter(Boolean).join(', '),
                message: messageOf(item)
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
        this.run = run;
        this.loading = false;
        this.error = undefined;
        // A new run has not been checked yet: start its preflight once, without a click.
        if (run.status === 'Draft' && !this.autoStarted) {
            this.autoStarted = true;
            this.start().catch(() => undefined);
            return;
        }
        if (run.status !== 'Draft' && run.status !== 'Preparing') {
            this.dispatchEvent(new CustomEvent('preflightdone', { detail: run }));
        }
    }
}
