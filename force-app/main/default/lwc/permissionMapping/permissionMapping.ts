import { LightningElement, api } from 'lwc';
import getPermissionInventory from '@salesforce/apex/MigrationController.getPermissionInventory';
import saveMapping from '@salesforce/apex/MigrationController.saveMapping';
import getRun from '@salesforce/apex/MigrationController.getRun';
import { asInventory, asRunView } from 'c/migrationTypes';
import type { MappingAction, MappingEntry, PermissionInventoryRow, RunView } from 'c/migrationTypes';
import { RunPoller } from 'c/migrationUtils';

interface Option {
    label: string;
    value: string;
}

/** A row as the table shows it: the inventory plus the admin's choice. */
interface MappingRow extends PermissionInventoryRow {
    /** The admin's choice (a saved one, or the default). */
    action: MappingAction;
    /** The replacement the server suggested first, marked in the list. */
    suggestedId: string | null;
    kindLabel: string;
    usersText: string;
    actionLabel: string;
    targetLabel: string;
    targetOptions: Option[];
    isMap: boolean;
    cannotHold: boolean;
    problem: string;
}

const ACTION_OPTIONS: Option[] = [
    { label: 'Keep', value: 'KEEP' },
    { label: 'Map to another', value: 'MAP' },
    { label: 'Drop', value: 'DROP' }
];

/**
 * What a row starts with when no mapping is saved: keep what the target license can hold, map what has a
 * matching replacement (the first suggestion), drop the rest. The admin sees and can change each one.
 */
function defaultAction(row: PermissionInventoryRow): MappingAction {
    if (row.fitsTarget) {
        return 'KEEP';
    }
    return row.suggestions.length > 0 ? 'MAP' : 'DROP';
}

function problemOf(row: PermissionInventoryRow, action: MappingAction, targetId: string | null): string {
    if (action === 'KEEP' && !row.fitsTarget) {
        return 'The target license cannot hold this: map it or drop it.';
    }
    if (action === 'MAP' && row.suggestions.length === 0) {
        return 'No permission set of the target license matches this one: drop it, or create a replacement and reload.';
    }
    if (action === 'MAP' && !targetId) {
        return 'Choose what to map it to.';
    }
    return '';
}

function toRow(
    row: PermissionInventoryRow,
    suggestedId: string | null,
    action: MappingAction,
    targetId: string | null
): MappingRow {
    return {
        ...row,
        suggestedId,
        action,
        targetId,
        kindLabel: row.isGroup ? 'Permission set group' : 'Permission set',
        usersText: `${row.users} ${row.users === 1 ? 'user' : 'users'}`,
        actionLabel: `Action for ${row.label}`,
        targetLabel: `Map ${row.label} to`,
        targetOptions: row.suggestions.map((option) => ({
            label: option.id === suggestedId ? `${option.label} (suggested)` : option.label,
            value: option.id
        })),
        isMap: action === 'MAP',
        cannotHold: !row.fitsTarget,
        problem: problemOf(row, action, targetId)
    };
}

/** Step 3: keep, map or drop each permission set and group the selected users hold. */
export default class PermissionMapping extends LightningElement {
    @api runId: string | undefined;

    rows: MappingRow[] = [];
    loaded = false;
    saving = false;
    saved = false;
    error: unknown = undefined;
    actionOptions = ACTION_OPTIONS;
    /** The run while its selection is being expanded into items (createRun starts that batch). */
    run: RunView | null = null;
    expansionFailed = '';

    /** Poll interval while the selection expands; a property so tests can shorten it. */
    @api pollIntervalMs = 3000;

    private poller: RunPoller | null = null;

    /** Waits until the run's users are expanded (Preparing → Draft), then reads what they hold. */
    connectedCallback(): void {
        const runId = this.runId;
        if (!runId) {
            this.loaded = true;
            return;
        }
        this.poller = new RunPoller({
            fetch: async () => asRunView(await getRun({ runId })),
            onRun: (run) => {
                this.run = run;
                if (run.status === 'Failed') {
                    this.expansionFailed = run.statusMessage ?? 'The selection could not be expanded.';
                    this.loaded = true;
                } else if (run.status !== 'Preparing') {
                    this.loadInventory(runId).catch(() => undefined);
                }
            },
            onError: (error) => {
                this.error = error;
                this.loaded = true;
            },
            keepGoing: (run) => run.status === 'Preparing',
            intervalMs: this.pollIntervalMs
        });
        this.poller.start();
    }

    disconnectedCallback(): void {
        this.poller?.stop();
    }

    /** What the expansion said (how many users it took, and which it refused), once it is done. */
    get expansionSummary(): string {
        return this.run && this.run.status !== 'Preparing' && !this.expansionFailed
            ? (this.run.statusMessage ?? '')
            : '';
    }

    get isExpanding(): boolean {
        return this.run?.status === 'Preparing';
    }

    get expandingText(): string {
        const found = this.run?.totalItems ?? 0;
        return `Collecting the selected users: ${found} so far…`;
    }

    /** An imperative read: getPermissionInventory is not cacheable (it reflects the run's saved mapping). */
    private async loadInventory(runId: string): Promise<void> {
        try {
            const data = await getPermissionInventory({ runId });
            // The server's action and target are its suggestion (or the saved mapping).
            this.rows = asInventory(data).map((row) => {
                // A saved mapping comes back as the row's action and target; otherwise start from the default.
                const action = row.action ?? defaultAction(row);
                const suggestedId = row.suggestions[0]?.id ?? null;
                const targetId = action === 'MAP' ? (row.targetId ?? suggestedId) : null;
                return toRow(row, suggestedId, action, targetId);
            });
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
        return this.loaded && !this.error && !this.expansionFailed && this.rows.length === 0;
    }

    get problemCount(): number {
        return this.rows.filter((r) => r.problem).length;
    }

    get cannotSave(): boolean {
        return (
            this.saving ||
            !this.loaded ||
            !!this.expansionFailed ||
            this.problemCount > 0 ||
            (!!this.error && this.rows.length === 0)
        );
    }

    get summary(): string {
        const count = (action: MappingAction) => this.rows.filter((r) => r.action === action).length;
        return `${count('KEEP')} kept, ${count('MAP')} mapped, ${count('DROP')} dropped.`;
    }

    handleAction(event: CustomEvent<{ value: MappingAction }>): void {
        const id = (event.target as HTMLElement).dataset.id;
        this.update(id, (row) => {
            const action = event.detail.value;
            const targetId = action === 'MAP' ? (row.targetId ?? row.suggestedId) : null;
            return toRow(row, row.suggestedId, action, targetId);
        });
    }

    handleTarget(event: CustomEvent<{ value: string }>): void {
        const id = (event.target as HTMLElement).dataset.id;
        this.update(id, (row) => toRow(row, row.suggestedId, row.action, event.detail.value || null));
    }

    async handleSave(): Promise<void> {
        if (this.cannotSave || !this.runId) {
            return;
        }
        this.saving = true;
        this.error = undefined;
        const mapping: MappingEntry[] = this.rows.map((r) => ({
            sourceId: r.sourceId,
            action: r.action,
            targetId: r.targetId
        }));
        try {
            await saveMapping({ runId: this.runId, mappingJson: JSON.stringify(mapping) });
            this.saved = true;
            this.dispatchEvent(new CustomEvent('mappingsaved', { detail: this.runId }));
        } catch (error) {
            this.error = error;
        } finally {
            this.saving = false;
        }
    }

    private update(id: string | undefined, change: (row: MappingRow) => MappingRow): void {
        this.saved = false;
        this.rows = this.rows.map((row) => (row.sourceId === id ? change(row) : row));
    }
}
