/**
 * The ledger must list every probe method (passing and expected-failure probes) and every row must cite a source.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const LEDGER = readFileSync(join(ROOT, 'LEDGER.md'), 'utf8');

function probeMethods(folder: string): string[] {
    return readdirSync(join(ROOT, folder))
        .filter((f) => f.endsWith('.cls'))
        .flatMap((f) => {
            const cls = f.slice(0, -4);
            const source = readFileSync(join(ROOT, folder, f), 'utf8');
            return [...source.matchAll(/@IsTest\s+static\s+void\s+(\w+)/gi)].map((m) => `${cls}.${m[1]}`);
        });
}

describe('LEDGER.md', () => {
    it('lists every probe method in a behaviour row', () => {
        const rows = LEDGER.split('\n').filter((l) => /^\| [A-Z]+-\d+\s+\|/.test(l));
        const missing = [...probeMethods('probes'), ...probeMethods('probes-expected-failures')].filter(
            (p) => !rows.some((row) => row.includes(`[${p}]`))
        );
        assert.deepEqual(missing, []);
    });

    it('cites a source URL and a status in every behaviour row', () => {
        const rows = LEDGER.split('\n').filter((l) => /^\| (?!RUN-)[A-Z]+-\d+\s+\|/.test(l));
        assert.ok(rows.length >= 60, `only ${rows.length} rows`);
        for (const row of rows) {
            assert.match(
                row,
                /\]\(https:\/\/(developer\.salesforce\.com|help\.salesforce\.com|github\.com|salesforce\.stackexchange\.com)\//,
                row
            );
            assert.match(row, /\|\s*(emulated|partial|not emulated|unmeasured)\s*\|/, row);
        }
    });
});
