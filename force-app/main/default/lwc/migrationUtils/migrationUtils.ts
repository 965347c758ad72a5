import { isFinished, labelOf } from 'c/migrationTypes';
import type { CsvPage, Page, ReasonCount, RunView } from 'c/migrationTypes';

/**
 * Helpers shared by the wizard's components: CSV text and download links, paging through server cursors, durations
 * and a run poller that waits with setTimeout between polls (never a busy loop) and stops by itself.
 */

/** Characters that make a spreadsheet read a cell as a formula (OWASP "CSV Injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell: RFC 4180 quoting, with formula-looking values neutralised by a leading apostrophe. */
export function csvCell(value: unknown): string {
    let text = value === null || value === undefined ? '' : String(value);
    if (FORMULA_START.test(text)) {
        text = `'${text}`;
    }
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV text with a header line; lines end with CRLF as RFC 4180 says. */
export function toCsv(header: string[], rows: unknown[][]): string {
    return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** A link target that downloads the text as a CSV file, with no server round trip. */
export function csvHref(csv: string): string {
    return `data:text/csv;charset=utf-8,${encodeURIComponent(csv)}`;
}

/** A whole export: the joined text and the file name the server chose. */
export interface CsvFile {
    csv: string;
    fileName: string;
}

/** Fetches every page of an export and joins them (only the first page carries the header). */
export async function fetchAllCsv(
    fetchPage: (afterId: string | null) => Promise<CsvPage>,
    maxPages = 500
): Promise<CsvFile> {
    let csv = '';
    let fileName = 'export.csv';
    let afterId: string | null = null;
    for (let page = 0; page < maxPages; page++) {
        // Pages are sequential on purpose: each cursor comes from the previous page.
        // eslint-disable-next-line no-await-in-loop
        const result: CsvPage = await fetchPage(afterId);
        if (page === 0 && result.fileName) {
            fileName = result.fileName;
        }
        csv += result.csv;
        afterId = result.nextAfterId;
        if (result.done || !afterId) {
            return { csv, fileName };
        }
    }
    throw new Error(`The export has more than ${maxPages} pages; download it in parts from the run record.`);
}

/** Keyset paging state: the cursor of every page seen so far, so Previous needs no offset. */
export class KeysetPager {
    private cursors: (string | null)[] = [null];
    private next: string | null = null;

    get afterId(): string | null {
        return this.cursors[this.cursors.length - 1];
    }

    get pageNumber(): number {
        return this.cursors.length;
    }

    get hasPrevious(): boolean {
        return this.cursors.length > 1;
    }

    get hasNext(): boolean {
        return this.next !== null;
    }

    /** Records what the server said about the page just shown. */
    received<T>(page: Page<T>): void {
        this.next = page.nextAfterId;
    }

    forward(): void {
        if (this.next !== null) {
            this.cursors = [...this.cursors, this.next];
            this.next = null;
        }
    }

    back(): void {
        if (this.hasPrevious) {
            this.cursors = this.cursors.slice(0, -1);
            this.next = null;
        }
    }

    reset(): void {
        this.cursors = [null];
        this.next = null;
    }
}

/** "1 h 02 min", "3 min 05 s", "12 s". */
export function formatDuration(ms: number): string {
    const seconds = Math.max(0, Math.round(ms / 1000));
    const h = Math.floor(seconds / 3600);
    const m = Math.floor((seconds % 3600) / 60);
    const s = seconds % 60;
    if (h > 0) {
        return `${h} h ${String(m).padStart(2, '0')} min`;
    }
    if (m > 0) {
        return `${m} min ${String(s).padStart(2, '0')} s`;
    }
    return `${s} s`;
}

/** Link to a user's record page; none when the item has lost its user. */
export function userUrl(userId: string | null): string {
    return userId ? `/lightning/r/User/${userId}/view` : '';
}

export interface PollerOptions {
    fetch: () => Promise<RunView>;
    onRun: (run: RunView) => void;
    onError: (error: unknown) => void;
    /** Keeps polling while this is true; default: until the run is finished. */
    keepGoing?: (run: RunView) => boolean;
    intervalMs?: number;
}

/** Polls a run: one request at a time, the next one scheduled only after the previous answered. */
export class RunPoller {
    private timer: ReturnType<typeof setTimeout> | null = null;
    private active = false;
    private readonly options: Required<PollerOptions>;

    constructor(options: PollerOptions) {
        this.options = {
            keepGoing: (run: RunView) => !isFinished(run.status),
            intervalMs: 3000,
            ...options
        };
    }

    get running(): boolean {
        return this.active;
    }

    /** Polls now, then again after each interval until the run no longer needs watching. */
    start(): void {
        this.stop();
        this.active = true;
        this.poll().catch(() => undefined);
    }

    stop(): void {
        this.active = false;
        if (this.timer !== null) {
            clearTimeout(this.timer);
            this.timer = null;
        }
    }

    private async poll(): Promise<void> {
        try {
            const run = await this.options.fetch();
            if (!this.active) {
                return;
            }
            this.options.onRun(run);
            if (this.options.keepGoing(run)) {
                // A timer between polls, not a loop: the platform's guidance for waiting in LWC.
                // eslint-disable-next-line @lwc/lwc/no-async-operation
                this.timer = setTimeout(() => this.poll(), this.options.intervalMs);
            } else {
                this.active = false;
            }
        } catch (error) {
            this.active = false;
            this.options.onError(error);
        }
    }
}

/** Findings by severity (PreflightFinding: BLOCKED, WARNING, INFO), then by how many rows they touch. */
const SEVERITY_ORDER = ['BLOCKED', 'WARNING', 'INFO'];

/** A reason code's line in a preflight report, with the label of the button that lists its rows. */
export interface ReasonRow extends ReasonCount {
    severityLabel: string;
    buttonLabel: string;
}

/** The reason codes sorted for a report; noun says what the drill lists ("users", "rows"). */
export function reasonRows(counts: ReasonCount[] | null | undefined, noun: string): ReasonRow[] {
    const rank = (severity: string) => SEVERITY_ORDER.indexOf(severity) + 1 || SEVERITY_ORDER.length + 1;
    return [...(counts ?? [])]
        .sort((a, b) => rank(a.severity) - rank(b.severity) || b.count - a.count)
        .map((r) => ({ ...r, severityLabel: labelOf(r.severity), buttonLabel: `Show the ${noun} with ${r.code}` }));
}

/** What a preflight step shows while it polls: a failed poll ends the loading and shows the error. */
export interface PollView {
    error: unknown;
    loading: boolean;
}

/** A poller that follows a run while its preflight is Preparing. */
export function preflightPoller(
    view: PollView,
    fetch: () => Promise<RunView>,
    onRun: (run: RunView) => void,
    intervalMs: number
): RunPoller {
    return new RunPoller({
        fetch,
        onRun,
        onError: (error) => {
            view.error = error;
            view.loading = false;
        },
        keepGoing: (run) => run.status === 'Preparing',
        intervalMs
    });
}

/** What a step shows for a CSV export: the busy flag, the error and the download link. */
export interface ExportView {
    exporting: boolean;
    error: unknown;
    exportHref: string;
    exportFileName: string;
}

/** Fetches every page of an export and offers it as a download link. */
export async function exportToLink(
    view: ExportView,
    fetchPage: (afterId: string | null) => Promise<CsvPage>
): Promise<void> {
    view.exporting = true;
    view.error = undefined;
    try {
        const file = await fetchAllCsv(fetchPage);
        view.exportHref = csvHref(file.csv);
        view.exportFileName = file.fileName;
    } catch (error) {
        view.error = error;
    } finally {
        view.exporting = false;
    }
}

export { chooseMode, loadRun, phraseLabel, startOnce, startVariant } from './confirmStep';
export type { RunLoadView, StartCall, StartStep } from './confirmStep';
