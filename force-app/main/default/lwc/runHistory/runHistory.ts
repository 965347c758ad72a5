import { LightningElement } from 'lwc';
import listRuns from '@salesforce/apex/MigrationController.listRuns';
import { asRunView, runStatusLabel } from 'c/migrationTypes';
import type { RunView } from 'c/migrationTypes';

interface HistoryRow extends RunView {
    statusLabel: string;
    modeLabel: string;
}

/** How many runs the history shows, newest first. */
const HISTORY_SIZE = 50;

const COLUMNS = [
    { label: 'Run', fieldName: 'name' },
    { label: 'Created by', fieldName: 'createdByName' },
    {
        label: 'Created',
        fieldName: 'createdDate',
        type: 'date',
        typeAttributes: { year: 'numeric', month: 'short', day: '2-digit', hour: '2-digit', minute: '2-digit' }
    },
    { label: 'Kind', fieldName: 'kind' },
    { label: 'Mode', fieldName: 'modeLabel' },
    { label: 'Target license', fieldName: 'targetLicenseName' },
    { label: 'Status', fieldName: 'statusLabel' },
    { label: 'Users', fieldName: 'totalItems', type: 'number' },
    { label: 'Succeeded', fieldName: 'succeededCount', type: 'number' },
    { label: 'Failed', fieldName: 'failedCount', type: 'number' },
    { label: 'Blocked', fieldName: 'blockedCount', type: 'number' },
    {
        type: 'button',
        label: 'Console',
        typeAttributes: { label: 'Open', name: 'open', title: 'Open this run in the console', variant: 'base' }
    }
];

/** Past runs: who ran what, when, onto which license, with outcome counts; any run opens in the console. */
export default class RunHistory extends LightningElement {
    rows: HistoryRow[] = [];
    loaded = false;
    error: unknown = undefined;
    columns = COLUMNS;

    connectedCallback(): void {
        this.load().catch(() => undefined);
    }

    /** An imperative read: listRuns is not cacheable, so the history is always current. */
    private async load(): Promise<void> {
        this.loaded = false;
        try {
            const runs: RunView[] = (await listRuns({ limitRows: HISTORY_SIZE })).map(asRunView);
            this.rows = runs.map((run) => ({
                ...run,
                statusLabel: runStatusLabel(run),
                modeLabel: run.dryRun ? 'Dry run' : 'Real run'
            }));
            this.error = undefined;
        } catch (error) {
            this.rows = [];
            this.error = error;
        } finally {
            this.loaded = true;
        }
    }

    get isLoading(): boolean {
        return !this.loaded;
    }

    get hasRows(): boolean {
        return this.rows.length > 0;
    }

    get isEmpty(): boolean {
        return this.loaded && !this.error && this.rows.length === 0;
    }

    async handleRefresh(): Promise<void> {
        await this.load();
    }

    handleRowAction(event: CustomEvent<{ action: { name: string }; row: HistoryRow }>): void {
        if (event.detail.action.name === 'open') {
            this.dispatchEvent(new CustomEvent('openrun', { detail: event.detail.row.id }));
        }
    }
}
