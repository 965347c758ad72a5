/**
 * Fault injection: make chosen DML fail with chosen status codes, or stop a batch job, from a file outside the Apex
 * under test (`--faults faults.json` of the runner and the server), so the project's Apex tests stay valid Apex that
 * also runs in a real org. The platform errors it produces are ordinary per-row DML errors.
 *
 * File shape (every key checked; unknown keys are errors):
 * {
 *   "faults": [
 *     { "name": "lock on chunk 2", "operation": "update", "sobject": "User", "onStatement": 2,
 *       "statusCode": "UNABLE_TO_LOCK_ROW", "message": "unable to obtain exclusive access to this record" },
 *     { "name": "seats run out", "operation": "update", "sobject": "User", "field": "ProfileId", "afterRows": 50,
 *       "statusCode": "LICENSE_LIMIT_EXCEEDED" },
 *     { "name": "abort stage", "abortBatch": "ProfileUpdateStage", "afterExecutes": 3 }
 *   ]
 * }
 * - onStatement N: the Nth DML statement that matches fails on every row (UNABLE_TO_LOCK_ROW fails a whole chunk).
 * - afterRows N: the first N matching rows succeed, every later matching row fails.
 * - field: only statements that change this field match (updates).
 * - times: how many statements the fault may hit (default: 1 for onStatement, unlimited for afterRows).
 * - abortBatch / afterExecutes: the batch class is aborted (as System.abortJob) once it has run N execute calls.
 */
import { readFileSync } from 'node:fs';

export type DmlOperation = 'insert' | 'update' | 'upsert' | 'delete' | 'undelete';
const OPERATIONS: readonly DmlOperation[] = ['insert', 'update', 'upsert', 'delete', 'undelete'];

export interface DmlFault {
    kind: 'dml';
    name: string;
    operation: DmlOperation;
    sobject: string;
    field: string | null;
    onStatement: number | null;
    afterRows: number | null;
    times: number | null;
    statusCode: string;
    message: string;
}

export interface BatchAbortFault {
    kind: 'abortBatch';
    name: string;
    className: string;
    afterExecutes: number;
}

export type Fault = DmlFault | BatchAbortFault;

/** A fault file that cannot be used; the message names the file and the entry. */
export class FaultConfigError extends Error {
    constructor(message: string) {
        super(message);
        this.name = 'FaultConfigError';
    }
}

const DML_KEYS = new Set([
    'name',
    'operation',
    'sobject',
    'field',
    'onStatement',
    'afterRows',
    'times',
    'statusCode',
    'message'
]);
const ABORT_KEYS = new Set(['name', 'abortBatch', 'afterExecutes']);
const STATUS_CODE = /^[A-Z][A-Z0-9_]*$/;

function positiveInteger(value: unknown, where: string, key: string): number {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
        throw new FaultConfigError(`${where}: "${key}" must be a whole number ≥ 0, got ${JSON.stringify(value)}`);
    }
    return value;
}

function text(value: unknown, where: string, key: string): string {
    if (typeof value !== 'string' || value.trim() === '') {
        throw new FaultConfigError(`${where}: "${key}" must be a non-empty string`);
    }
    return value;
}

function parseEntry(entry: unknown, where: string): Fault {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
        throw new FaultConfigError(`${where}: each fault must be an object`);
    }
    const e = entry as Record<string, unknown>;
    const isAbort = 'abortBatch' in e;
    const allowed = isAbort ? ABORT_KEYS : DML_KEYS;
    const unknown = Object.keys(e).filter((key) => !allowed.has(key));
    if (unknown.length) {
        throw new FaultConfigError(`${where}: unknown key(s) ${unknown.map((k) => `"${k}"`).join(', ')}`);
    }
    const name = e.name === undefined ? where : text(e.name, where, 'name');
    if (isAbort) {
        return {
            kind: 'abortBatch',
            name,
            className: text(e.abortBatch, where, 'abortBatch'),
            afterExecutes: positiveInteger(e.afterExecutes, where, 'afterExecutes')
        };
    }
    const operation = text(e.operation, where, 'operation').toLowerCase() as DmlOperation;
    if (!OPERATIONS.includes(operation)) {
        throw new FaultConfigError(`${where}: "operation" must be one of ${OPERATIONS.join(', ')}`);
    }
    const statusCode = text(e.statusCode, where, 'statusCode');
    if (!STATUS_CODE.test(statusCode)) {
        throw new FaultConfigError(`${where}: "statusCode" must look like UNABLE_TO_LOCK_ROW, got "${statusCode}"`);
    }
    const onStatement = e.onStatement === undefined ? null : positiveInteger(e.onStatement, where, 'onStatement');
    const afterRows = e.afterRows === undefined ? null : positiveInteger(e.afterRows, where, 'afterRows');
    if ((onStatement === null) === (afterRows === null)) {
        throw new FaultConfigError(`${where}: give exactly one of "onStatement" and "afterRows"`);
    }
    if (onStatement === 0) {
        throw new FaultConfigError(`${where}: "onStatement" counts from 1`);
    }
    return {
        kind: 'dml',
        name,
        operation,
        sobject: text(e.sobject, where, 'sobject'),
        field: e.field === undefined ? null : text(e.field, where, 'field'),
        onStatement,
        afterRows,
        times: e.times === undefined ? (onStatement !== null ? 1 : null) : positiveInteger(e.times, where, 'times'),
        statusCode,
        message: e.message === undefined ? `local-org injected fault: ${name}` : text(e.message, where, 'message')
    };
}

/** Parses fault configuration text; `source` names it in errors. */
export function parseFaults(json: string, source: string): Fault[] {
    let doc: unknown;
    try {
        doc = JSON.parse(json);
    } catch (error) {
        throw new FaultConfigError(`${source}: not valid JSON (${(error as Error).message})`);
    }
    if (typeof doc !== 'object' || doc === null || !Array.isArray((doc as { faults?: unknown }).faults)) {
        throw new FaultConfigError(`${source}: expected an object with a "faults" array`);
    }
    const extra = Object.keys(doc).filter((key) => key !== 'faults');
    if (extra.length) throw new FaultConfigError(`${source}: unknown key(s) ${extra.map((k) => `"${k}"`).join(', ')}`);
    return (doc as { faults: unknown[] }).faults.map((entry, i) => parseEntry(entry, `${source}: faults[${i}]`));
}

/** Reads and parses a fault file. */
export function loadFaults(path: string): Fault[] {
    let json: string;
    try {
        json = readFileSync(path, 'utf8');
    } catch {
        throw new FaultConfigError(`${path}: cannot read the fault file`);
    }
    return parseFaults(json, path);
}

/** One row of a DML statement as the injector sees it. */
export interface DmlRowFacts {
    /** Lower-cased names of the fields the row changes (updates) or sets (inserts). */
    fields: ReadonlySet<string>;
}

export interface InjectedError {
    statusCode: string;
    message: string;
    fields: string[];
    fault: string;
}

/** Decides, statement by statement, which rows the configured faults make fail. One per org (state persists). */
export class FaultInjector {
    private readonly statementCounts = new Map<DmlFault, number>();
    private readonly rowCounts = new Map<DmlFault, number>();
    private readonly hits = new Map<DmlFault, number>();

    constructor(private readonly faults: readonly Fault[]) {}

    /** For each row of the statement, the injected error or null. */
    beforeDml(operation: DmlOperation, sobject: string, rows: readonly DmlRowFacts[]): Array<InjectedError | null> {
        const result: Array<InjectedError | null> = rows.map(() => null);
        for (const fault of this.faults) {
            if (fault.kind !== 'dml' || !this.matches(fault, operation, sobject)) continue;
            const field = fault.field?.toLowerCase() ?? null;
            const eligible = rows
                .map((row, i) => (field === null || row.fields.has(field) ? i : -1))
                .filter((i) => i >= 0);
            if (eligible.length === 0) continue;
            const statement = (this.statementCounts.get(fault) ?? 0) + 1;
            this.statementCounts.set(fault, statement);
            if (fault.times !== null && (this.hits.get(fault) ?? 0) >= fault.times) continue;
            let failing: number[] = [];
            if (fault.onStatement !== null) {
                failing = statement === fault.onStatement ? eligible : [];
            } else if (fault.afterRows !== null) {
                const before = this.rowCounts.get(fault) ?? 0;
                failing = eligible.filter((_, n) => before + n >= (fault.afterRows as number));
                this.rowCounts.set(fault, before + eligible.length);
            }
            if (failing.length === 0) continue;
            this.hits.set(fault, (this.hits.get(fault) ?? 0) + 1);
            for (const i of failing) {
                result[i] ??= {
                    statusCode: fault.statusCode,
                    message: fault.message,
                    fields: fault.field ? [fault.field] : [],
                    fault: fault.name
                };
            }
        }
        return result;
    }

    /** Whether the batch class must be aborted now that it has completed `executesDone` execute calls. */
    shouldAbortBatch(className: string, executesDone: number): boolean {
        return this.faults.some(
            (f) =>
                f.kind === 'abortBatch' &&
                f.className.toLowerCase() === className.toLowerCase() &&
                executesDone >= f.afterExecutes
        );
    }

    private matches(fault: DmlFault, operation: DmlOperation, sobject: string): boolean {
        return fault.operation === operation && fault.sobject.toLowerCase() === sobject.toLowerCase();
    }
}
