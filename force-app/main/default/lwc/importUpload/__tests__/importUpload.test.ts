import { createElement } from 'lwc';
import ImportUpload from 'c/importUpload';
import { waitFor } from '../../migrationUtils/__tests__/runFixtures';

const KNOWN = ['FirstName', 'LastName', 'Email', 'Username', 'ContactExternalId', 'AccountExternalId'];
const REQUIRED = ['LastName', 'Email'];

interface Mounted {
    element: HTMLElement;
    files: unknown[];
}

function ascii(value: string): number[] {
    return [...value].map((c) => c.charCodeAt(0));
}

function mount(props: Record<string, unknown> = {}): Mounted {
    const element = createElement('c-import-upload', { is: ImportUpload });
    Object.assign(element, { maxRows: 10000, knownColumns: KNOWN, requiredColumns: REQUIRED, ...props });
    const files: unknown[] = [];
    element.addEventListener('filechange', (event) => files.push((event as CustomEvent).detail));
    document.body.appendChild(element);
    return { element, files };
}

function root(element: HTMLElement): ShadowRoot {
    return element.shadowRoot as ShadowRoot;
}

function text(element: HTMLElement, selector: string): string | null | undefined {
    return root(element).querySelector(selector)?.textContent;
}

async function pick(mounted: Mounted, file: File): Promise<void> {
    const input = root(mounted.element).querySelector('.file') as HTMLElement & { files: unknown };
    input.files = [file];
    const before = mounted.files.length;
    input.dispatchEvent(new CustomEvent('change'));
    // FileReader answers on a later task.
    await waitFor(() => mounted.files.length > before);
    await Promise.resolve();
}

describe('c-import-upload', () => {
    afterEach(() => {
        document.body.replaceChildren();
    });

    it('shows the limits, the columns and an empty template to download', async () => {
        const { element } = mount();
        await Promise.resolve();
        expect(text(element, '.limits')).toBe(
            'One person per row, at most 10,000 rows and 2.0 MB; UTF-8, comma or semicolon separated, with a header line.'
        );
        expect(text(element, '.columns')).toContain('Required: LastName, Email.');
        const template = root(element).querySelector('.template-link') as HTMLAnchorElement;
        expect(decodeURIComponent(template.href)).toContain(
            'FirstName,LastName,Email,Username,ContactExternalId,AccountExternalId'
        );
        await expect(element).toBeAccessible();
    });

    it('reads a file, summarises it and hands it on', async () => {
        const mounted = mount();
        const csv = 'FirstName,LastName,Email\r\nAda,Lovelace,ada@example.com\r\nAlan,Turing,alan@example.com\r\n';
        await pick(mounted, new File([csv], 'people.csv', { type: 'text/csv' }));

        expect(mounted.files).toEqual([{ fileName: 'people.csv', size: csv.length, csv }]);
        expect(text(mounted.element, '.file-summary')).toBe('people.csv (1 KB): 3 columns, about 2 data rows.');
        expect(root(mounted.element).querySelector('.header-warnings')).toBeNull();
        expect(root(mounted.element).querySelector('.problem')).toBeNull();
        await expect(mounted.element).toBeAccessible();
    });

    it('warns about unknown and missing columns of a semicolon file, and about too many rows', async () => {
        const mounted = mount({ maxRows: 1 });
        const csv = '\uFEFF"FirstName";"Surname";Email\nAda;Lovelace;a@x.com\nAlan;Turing;b@x.com\n';
        await pick(mounted, new File([csv], 'people.csv'));

        const warnings = [...root(mounted.element).querySelectorAll('.header-warnings li')].map((li) => li.textContent);
        expect(warnings).toEqual([
            'Columns the import does not know: Surname.',
            'Required columns missing: LastName.',
            'The file seems to hold more than 1 rows.'
        ]);
        // The server decides: the file is still handed on.
        expect(mounted.files).toHaveLength(1);
        await expect(mounted.element).toBeAccessible();
    });

    it('says when a file is tab-separated', async () => {
        const mounted = mount();
        await pick(mounted, new File(['LastName\tEmail\nLovelace\tada@example.com\n'], 'people.tsv'));
        const warnings = [...root(mounted.element).querySelectorAll('.header-warnings li')].map((li) => li.textContent);
        expect(warnings[0]).toBe(
            'The file seems to be tab-separated; the import reads commas or semicolons. Save it as CSV.'
        );
        expect(warnings[1]).toBe('Columns the import does not know: LastName\tEmail.');
    });

    it('refuses a file that is not UTF-8 and names the line', async () => {
        const mounted = mount();
        // "Müller" in Latin-1: 0xFC is not a UTF-8 sequence.
        const latin1 = new Uint8Array([...ascii('LastName,Email\nM'), 0xfc, ...ascii('ller,m@x.com\n')]);
        await pick(mounted, new File([latin1], 'latin1.csv'));

        expect(mounted.files).toEqual([null]);
        expect(text(mounted.element, '.problem')).toBe(
            'latin1.csv is not UTF-8 (line 2 holds bytes that are not UTF-8 text). Save it as "CSV UTF-8" and upload it again.'
        );
        await expect(mounted.element).toBeAccessible();
    });

    it('refuses an empty file and a file over the size limit', async () => {
        const mounted = mount();
        await pick(mounted, new File(['\r\n  \r\n'], 'empty.csv'));
        expect(text(mounted.element, '.problem')).toBe('empty.csv is empty.');

        const big = new File(['x'.repeat(2 * 1024 * 1024 + 1)], 'big.csv');
        await pick(mounted, big);
        expect(text(mounted.element, '.problem')).toBe(
            'big.csv is 2.0 MB; one import takes at most 2.0 MB. Split the file.'
        );
        expect(mounted.files).toEqual([null, null]);
    });

    it('shows a read failure through the error panel', async () => {
        const original = FileReader.prototype.readAsText;
        FileReader.prototype.readAsText = function fail(this: FileReader) {
            this.onerror?.(new ProgressEvent('error') as ProgressEvent<FileReader>);
        };
        try {
            const mounted = mount();
            await pick(mounted, new File(['LastName'], 'broken.csv'));
            const panel = root(mounted.element).querySelector('c-error-panel') as HTMLElement & { errors: unknown };
            expect((panel.errors as Error).message).toBe('The file broken.csv could not be read.');
            expect(mounted.files).toEqual([null]);
        } finally {
            FileReader.prototype.readAsText = original;
        }
    });

    it("lists the server's file errors by line and column", async () => {
        const { element } = mount({
            fileErrors: [
                {
                    code: 'CSV_UNKNOWN_COLUMN',
                    line: 1,
                    column: 4,
                    message: 'Line 1, column 4: Nickname is not a column.'
                },
                { code: 'CSV_NO_ROWS', line: null, column: null, message: 'The file has no data rows.' }
            ]
        });
        await Promise.resolve();
        expect(text(element, '.file-errors-text')).toBe(
            'The file was refused: 2 problems. Nothing was created. Correct the file and upload it again.'
        );
        const rows = [...root(element).querySelectorAll('tr.file-error')].map((tr) =>
            [...tr.children].map((cell) => cell.textContent)
        );
        expect(rows).toEqual([
            ['1', '4', 'CSV_UNKNOWN_COLUMN', 'Line 1, column 4: Nickname is not a column.'],
            ['File', '', 'CSV_NO_ROWS', 'The file has no data rows.']
        ]);
        await expect(element).toBeAccessible();
    });
});
