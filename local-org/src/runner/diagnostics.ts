/** Load diagnostics, printed together before anything runs, one per line: `file:line:col  kind  message`. */
import type { Diagnostic } from '../api';

export function formatDiagnostic(d: Diagnostic): string {
    return `${d.file}:${d.line}:${d.column}  ${d.kind}  ${d.message}`;
}

export function formatDiagnostics(diagnostics: Diagnostic[]): string {
    const sorted = [...diagnostics].sort(
        (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column
    );
    const lines = sorted.map(formatDiagnostic);
    const count = diagnostics.length;
    lines.push(`local-org: ${count} load ${count === 1 ? 'problem' : 'problems'}; nothing was run.`);
    return lines.join('\n') + '\n';
}
