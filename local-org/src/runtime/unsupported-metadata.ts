/**
 * Metadata that changes what DML does on a real org but that the local org does not run yet. Its presence is a load
 * diagnostic: without it, DML here would succeed where the org fails (or skip automation the org runs).
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Diagnostic } from '../api';

const RULES: Array<{ test: RegExp; what: string }> = [
    { test: /\.validationRule-meta\.xml$/i, what: 'validation rules are not enforced by the local org' },
    { test: /\.flow-meta\.xml$/i, what: 'flows are not run by the local org' },
    { test: /\.workflow-meta\.xml$/i, what: 'workflow rules are not run by the local org' },
    { test: /\.duplicateRule-meta\.xml$/i, what: 'duplicate rules are not enforced by the local org' },
    { test: /\.assignmentRules-meta\.xml$/i, what: 'assignment rules are not run by the local org' }
];

export function unsupportedMetadata(sourceDirs: string[]): Diagnostic[] {
    const out: Diagnostic[] = [];
    const cwd = process.cwd();
    const walk = (d: string): void => {
        for (const name of readdirSync(d).sort()) {
            const p = join(d, name);
            if (statSync(p).isDirectory()) {
                if (name !== 'node_modules' && !name.startsWith('.')) walk(p);
                continue;
            }
            const rule = RULES.find((r) => r.test.test(name));
            if (!rule) continue;
            const rel = relative(cwd, p);
            const file = rel && !rel.startsWith('..') ? rel : p;
            out.push({ kind: 'unsupported', file, line: 1, column: 1, message: `${rule.what}: ${name}` });
        }
    };
    for (const d of sourceDirs) walk(d);
    return out;
}
