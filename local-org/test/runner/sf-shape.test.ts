/**
 * Checks our JSON against the Salesforce CLI's own declaration of `sf apex run test --json`'s result
 * (@salesforce/plugin-apex lib/reporters/jsonReporter.d.ts, installed with @salesforce/cli): every required key of
 * its Summary and CliTestResult must be present in ours, so a CLI upgrade that adds a field shows up here.
 * Skipped only when the plugin is not installed.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { toJsonOutput } from '../../src/runner/json-reporter';
import { buildReport } from '../../src/runner/report';

const REPO = join(__dirname, '..', '..', '..');
const FILE = join('@salesforce', 'plugin-apex', 'lib', 'reporters', 'jsonReporter.d.ts');

/** The package's exports hide lib/, so look it up where npm installs it (top level, or under @salesforce/cli). */
function declaration(): string | null {
    const candidates = [
        join(REPO, 'node_modules', FILE),
        join(REPO, 'node_modules', '@salesforce', 'cli', 'node_modules', FILE)
    ];
    const found = candidates.find((p) => existsSync(p));
    return found ? readFileSync(found, 'utf8') : null;
}

/** Required (non-optional) top-level keys of `type Name = { ... };` in a .d.ts. */
function requiredKeys(source: string, typeName: string): string[] {
    const start = source.indexOf(`type ${typeName} = {`);
    assert.ok(start >= 0, `type ${typeName} not found`);
    const keys: string[] = [];
    let depth = 0;
    for (const line of source.slice(start).split('\n').slice(1)) {
        if (depth === 0) {
            const m = /^\s*(\w+)(\??):/.exec(line);
            if (m && m[2] === '') {
                keys.push(m[1]);
            }
            if (/^\s*};?\s*$/.test(line)) {
                break;
            }
        }
        depth += (line.match(/{/g) ?? []).length - (line.match(/}/g) ?? []).length;
    }
    return keys;
}

const source = declaration();

describe(
    'JSON shape against the installed Salesforce CLI',
    { skip: source === null ? 'plugin-apex not installed' : false },
    () => {
        const out = toJsonOutput(
            buildReport(
                [{ className: 'A', methodName: 'm', outcome: 'Pass', message: null, stackTrace: null, runTimeMs: 1 }],
                { startedAt: new Date(0), testTotalTimeMs: 1, commandTimeMs: 2 }
            )
        );

        it('has every required Summary key', () => {
            const keys = requiredKeys(source ?? '', 'Summary');
            assert.ok(keys.length >= 15, `parsed only ${keys.join(', ')}`);
            assert.deepEqual(
                keys.filter((k) => !(k in out.result.summary)),
                []
            );
        });

        it('has every required CliTestResult key, ApexClass included', () => {
            const keys = requiredKeys(source ?? '', 'CliTestResult');
            assert.ok(keys.length >= 10, `parsed only ${keys.join(', ')}`);
            const test = out.result.tests[0];
            assert.deepEqual(
                keys.filter((k) => !(k in test)),
                []
            );
            assert.deepEqual(Object.keys(test.ApexClass), ['Id', 'Name', 'NamespacePrefix']);
        });
    }
);
