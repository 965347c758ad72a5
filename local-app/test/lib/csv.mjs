// Reading the CSV files the app offers for download (RFC 4180: quoted fields, doubled quotes, CRLF or LF).
import { readFile } from 'node:fs/promises';

/** Rows of fields; a trailing line break does not add an empty row. */
export function parseCsv(text) {
    const rows = [];
    let row = [];
    let field = '';
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (quoted) {
            if (c === '"' && text[i + 1] === '"') {
                field += '"';
                i++;
            } else if (c === '"') quoted = false;
            else field += c;
        } else if (c === '"') quoted = true;
        else if (c === ',') {
            row.push(field);
            field = '';
        } else if (c === '\n' || c === '\r') {
            if (c === '\r' && text[i + 1] === '\n') i++;
            row.push(field);
            rows.push(row);
            row = [];
            field = '';
        } else field += c;
    }
    if (field !== '' || row.length) rows.push([...row, field]);
    return rows;
}

/** Clicks a download link, waits for the file and returns its rows as objects by header. */
export async function downloadCsv(page, link) {
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), link.click()]);
    const [header, ...rows] = parseCsv(await readFile(await download.path(), 'utf8'));
    return {
        fileName: download.suggestedFilename(),
        rows: rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])))
    };
}
