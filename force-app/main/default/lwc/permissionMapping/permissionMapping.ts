import { LightningElement, api, wire } from 'lwc';
import getPermissionInventory from '@salesforce/apex/MigrationController.getPermissionInventory';
import saveMapping from '@salesforce/apex/MigrationController.saveMapping';
import type { MappingAction, MappingEntry, PermissionInventoryRow } from 'c/migrationTypes';

interface WireResult<T> {
    data?: T;
    error?: unknown;
}

interface Option {
    label: string;
    value: string;
}

/** A row as the table shows it: the inventory plus the admin's choice. */
interface MappingRow extends PermissionInventoryRow {
    action: MappingAction;
    targetId: string | null;
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

/** The default a row starts with: keep what fits, map what has a suggestion, drop the rest. */
function defaultAction(row: PermissionInventoryRow): MappingAction {
    if (row.fitsTarget) {
        return 'KEEP';
    }
    return row.suggestedTargetId ? 'MAP' : 'DROP';
}

function problemOf(row: PermissionInventoryRow, action: MappingAction, targetId: string | null): string {
    if (action === 'KEEP' && !row.fitsTarget) {
        return 'The target license cannot hold this: map it or drop it.';
    }
    if (action === 'MAP' && !targetId) {
        return 'Choose what to map it to.';
    }
    return '';
}

function toRow(row: PermissionInventoryRow, action: MappingAction, targetId: string | null): MappingRow {
    const suggested = row.candidates.find((c) => c.id === row.suggestedTargetId);
    return {
        ...row,
        action,
        targetId,
        kindLabel: row.kind === 'PermissionSetGroup' ? 'Permission set group' : 'Permission set',
        usersText: `${row.userCount} ${row.userCount === 1 ? 'user' : 'users'}`,
        actionLabel: `Action for ${row.label}`,
        targetLabel: `Map ${row.label} to`,
        targetOptions: row.candidates.map((c) => ({
            label: c === suggested ? `${c.label} (suggested)` : c.label,
            value: c.id
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

    @wire(getPermissionInventory, { runId: '$runId' })
    wiredInventory({ data, error }: WireResult<PermissionInventoryRow[]>): void {
        if (data) {
            this.rows = data.map((row) => {
                const action = defaultAction(row);
                return toRow(row, action, action === 'MAP' ? row.suggestedTargetId : null);
            });
            this.error = undefined;
            this.loaded = true;
        } else if (error) {
            this.rows = [];
            this.error = error;
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

    get problemCount(): number {
        return this.rows.filter((r) => r.problem).length;
    }

    get cannotSave(): boolean {
        return this.saving || !this.loaded || this.problemCount > 0 || (!!this.error && this.rows.length === 0);
    }

    get summary(): string {
        const count = (action: MappingAction) => this.rows.filter((r) => r.action === action).length;
        return `${count('KEEP')} kept, ${count('MAP')} mapped, ${count('DROP')} dropped.`;
    }

    handleAction(event: CustomEvent<{ value: MappingAction }>): void {
        const id = (event.target as HTMLElement).dataset.id;
        this.update(id, (row) => {
            const action = event.detail.value;
            const targetId = action === 'MAP' ? (row.targetId ?? row.suggestedTargetId) : null;
            return toRow(row, action, targetId);
        });
    }

    handleTarget(event: CustomEvent<{ value: string }>): void {
        const id = (event.target as HTMLElement).dataset.id;
        this.update(id, (row) => toRow(row, row.action, event.detail.value || null));
    }

    async handleSave(): Promise<void> {
        if (this.cannotSave || !this.runId) {
            return;
        }
        this.saving = true;
        this.error = undefined;
        const mapping: MappingEntry[] = this.rows.map((r) => ({
            sourceId: r.id,
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
        this.rows = this.rows.map((row) => (row.id === id ? change(row) : row));
    }
}
