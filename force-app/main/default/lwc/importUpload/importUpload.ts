import { LightningElement, api } from 'lwc';
import { MAX_IMPORT_FILE_BYTES } from 'c/migrationTypes';
import type { ImportFile, ImportFileError } from 'c/migrationTypes';
import { csvHref, toCsv } from 'c/migrationUtils';

interface ErrorRow extends ImportFileError {
    key: string;
    lineText: string;
    columnText: string;
}

/** What the browser can tell before the server reads the file: its header, and roughly how many rows it has. */
interface FileSummary {
    columns: string[];
    /** The header has no comma or semicolon but tabs: a tab-separated export, which the import does not read. */
    tabSeparated: boolean;
    unknown: string[];
    missing: string[];
    lines: number;
}

const REPLACEMENT_CHAR = '\uFFFD';

function readText(file: File): Promise<string> {
    return new Promise((resolve, reject) => {
        const reader = new FileReader();
        reader.onload = () => resolve(String(reader.result ?? ''));
        reader.onerror = () => reject(new Error(`The file ${file.name} could not be read.`));
        reader.readAsText(file, 'utf-8');
    });
}

/** The header's cells, split on the delimiter it uses more often (as ImportCsvParser chooses it), quotes dropped. */
function headerCells(text: string): string[] {
    const firstLine = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/, 1)[0] ?? '';
    const delimiter = (firstLine.match(/;/g) ?? []).length > (firstLine.match(/,/g) ?? []).length ? ';' : ',';
    return firstLine
        .split(delimiter)
        .map((cell) => cell.trim().replace(/^"(.*)"$/, '$1'))
        .filter((cell) => cell !== '');
}

function formatBytes(bytes: number): string {
    return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/**
 * Import step 1: the CSV of people. Reads the file in the browser, refuses what can never work (too large, not
 * UTF-8, empty), previews the header against the known columns, and lists the server's file errors by line and column.
 */
export default class ImportUpload extends LightningElement {
    /** The most data rows one file may hold (ImportViews.Settings.maxRows). */
    @api maxRows = 0;
    /** Columns the import knows, in their canonical spelling. */
    @api knownColumns: string[] = [];
    /** Columns every file must have. */
    @api requiredColumns: string[] = [];
    /** Problems the server found in the file (createImportRun's fileErrors). */
    @api fileErrors: ImportFileError[] = [];

    file: ImportFile | null = null;
    summary: FileSummary | null = null;
    problem = '';
    reading = false;
    error: unknown = undefined;

    get limitText(): string {
        const rows = this.maxRows > 0 ? `at most ${this.maxRows.toLocaleString('en-US')} rows and ` : '';
        return `One person per row, ${rows}${formatBytes(MAX_IMPORT_FILE_BYTES)}; UTF-8, comma or semicolon separated, with a header line.`;
    }

    get columnsText(): string {
        return this.knownColumns.join(', ');
    }

    get requiredText(): string {
        return this.requiredColumns.join(', ');
    }

    get templateHref(): string {
        return csvHref(toCsv([...this.knownColumns], []));
    }

    get hasKnownColumns(): boolean {
        return this.knownColumns.length > 0;
    }

    get fileText(): string {
        const file = this.file;
        const summary = this.summary;
        if (!file || !summary) {
            return '';
        }
        return `${file.fileName} (${formatBytes(file.size)}): ${summary.columns.length} columns, about ${summary.lines.toLocaleString('en-US')} data rows.`;
    }

    get headerWarnings(): string[] {
        const summary = this.summary;
        if (!summary) {
            return [];
        }
        const warnings: string[] = [];
        if (summary.tabSeparated) {
            warnings.push('The file seems to be tab-separated; the import reads commas or semicolons. Save it as CSV.');
        }
        if (summary.unknown.length > 0) {
            warnings.push(`Columns the import does not know: ${summary.unknown.join(', ')}.`);
        }
        if (summary.missing.length > 0) {
            warnings.push(`Required columns missing: ${summary.missing.join(', ')}.`);
        }
        if (this.maxRows > 0 && summary.lines > this.maxRows) {
            warnings.push(`The file seems to hold more than ${this.maxRows.toLocaleString('en-US')} rows.`);
        }
        return warnings;
    }

    get hasHeaderWarnings(): boolean {
        return this.headerWarnings.length > 0;
    }

    get errorRows(): ErrorRow[] {
        return (this.fileErrors ?? []).map((e, index) => ({
            ...e,
            key: `${index}-${e.code}`,
            lineText: e.line === null || e.line === undefined ? 'File' : String(e.line),
            columnText: e.column === null || e.column === undefined ? '' : String(e.column)
        }));
    }

    get hasFileErrors(): boolean {
        return this.errorRows.length > 0;
    }

    get fileErrorsText(): string {
        const count = this.errorRows.length;
        return `The file was refused: ${count} ${count === 1 ? 'problem' : 'problems'}. Nothing was created. Correct the file and upload it again.`;
    }

    async handleFile(event: Event): Promise<void> {
        const input = event.target as HTMLInputElement & { files: FileList | null };
        const picked = input.files?.[0];
        if (!picked) {
            return;
        }
        this.reading = true;
        this.error = undefined;
        this.problem = '';
        this.file = null;
        this.summary = null;
        try {
            this.accept(picked, await readText(picked));
        } catch (error) {
            this.error = error;
        } finally {
            this.reading = false;
            this.emit();
        }
    }

    private accept(picked: File, text: string): void {
        if (picked.size > MAX_IMPORT_FILE_BYTES) {
            this.problem = `${picked.name} is ${formatBytes(picked.size)}; one import takes at most ${formatBytes(MAX_IMPORT_FILE_BYTES)}. Split the file.`;
            return;
        }
        const badChar = text.indexOf(REPLACEMENT_CHAR);
        if (badChar >= 0) {
            const line = text.slice(0, badChar).split(/\r\n|\n|\r/).length;
            this.problem = `${picked.name} is not UTF-8 (line ${line} holds bytes that are not UTF-8 text). Save it as "CSV UTF-8" and upload it again.`;
            return;
        }
        const lines = text.split(/\r\n|\n|\r/).filter((line) => line.trim() !== '');
        if (lines.length === 0) {
            this.problem = `${picked.name} is empty.`;
            return;
        }
        const columns = headerCells(text);
        const header = lines[0];
        const known = new Set(this.knownColumns.map((c) => c.toLowerCase()));
        const present = new Set(columns.map((c) => c.toLowerCase()));
        this.summary = {
            columns,
            tabSeparated: header.includes('\t') && !/[,;]/.test(header),
            unknown: known.size > 0 ? columns.filter((c) => !known.has(c.toLowerCase())) : [],
            missing: this.requiredColumns.filter((c) => !present.has(c.toLowerCase())),
            lines: lines.length - 1
        };
        this.file = { fileName: picked.name, size: picked.size, csv: text };
    }

    private emit(): void {
        this.dispatchEvent(new CustomEvent('filechange', { detail: this.file }));
    }
}
