/**
 * Plain-text tables in the style `sf` prints: "=== Title", a header row, a rule of '─', then rows; columns are
 * separated by two spaces and multi-line cells continue on the next line under their column.
 */

export interface Column {
    key: string;
    label: string;
}

export function formatTable(title: string, columns: Column[], rows: Array<Record<string, string>>): string {
    const widths = columns.map((col) =>
        Math.max(col.label.length, ...rows.flatMap((row) => (row[col.key] ?? '').split('\n').map((l) => l.length)))
    );
    const line = (cells: string[]): string =>
        cells
            .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i])))
            .join('  ')
            .trimEnd();
    const out: string[] = [`=== ${title}`, line(columns.map((c) => c.label)), line(widths.map((w) => '─'.repeat(w)))];
    for (const row of rows) {
        const cellLines = columns.map((col) => (row[col.key] ?? '').split('\n'));
        const height = Math.max(...cellLines.map((l) => l.length));
        for (let i = 0; i < height; i++) {
            out.push(line(cellLines.map((l) => l[i] ?? '')));
        }
    }
    return out.join('\n') + '\n';
}
