import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from '../apex-types.mjs';

function withApex(classes, check) {
    const root = mkdtempSync(join(tmpdir(), 'apex-types-'));
    const dir = join(root, 'force-app', 'main', 'default', 'classes');
    mkdirSync(dir, { recursive: true });
    for (const [name, text] of Object.entries(classes)) writeFileSync(join(dir, `${name}.cls`), text);
    try {
        check(generate(root));
    } finally {
        rmSync(root, { recursive: true, force: true });
    }
}

test('each static @AuraEnabled method becomes a typed module, with the classes it exchanges', () => {
    withApex(
        {
            RunController: `public with sharing class RunController {
                @AuraEnabled(cacheable=true)
                public static List<RunService.RunView> listRuns(Integer pageSize, Map<String, Object> filters) { return null; }
                @AuraEnabled
                public static Id startRun(Id runId, RunService.Mode mode, String[] names) { return null; }
                public static void notExposed() {}
            }`,
            RunService: `public with sharing class RunService {
                public enum Mode { DRY_RUN, REAL }
                public class RunView {
                    @AuraEnabled public Id runId;
                    @AuraEnabled public Decimal progress { get; set; }
                    @AuraEnabled public List<Account> accounts;
                    public String hidden;
                }
            }`
        },
        ({ text, problems }) => {
            assert.deepEqual(problems, []);
            assert.match(
                text,
                /declare module '@salesforce\/apex\/RunController\.listRuns' \{\n {4}const method: SfApex\.Method<\{ pageSize: number; filters: Record<string, unknown> \}, ApexTypes\.RunService_RunView\[\]>;/
            );
            assert.match(
                text,
                /SfApex\.Method<\{ runId: string; mode: ApexTypes\.RunService_Mode; names: string\[\] \}, string>/
            );
            assert.doesNotMatch(text, /notExposed/);
            assert.match(text, /type RunService_Mode = 'DRY_RUN' \| 'REAL';/);
            assert.match(
                text,
                /interface RunService_RunView \{\n {8}runId: string;\n {8}progress: number;\n {8}accounts: Record<string, unknown>\[\];\n {4}\}/
            );
            assert.doesNotMatch(text, /hidden/);
        }
    );
});

test('Apex the parser cannot read is reported with its position', () => {
    withApex({ Broken: 'public class Broken { void m( }' }, ({ problems }) => {
        assert.equal(problems.length > 0, true);
        assert.match(problems[0], /^force-app\/main\/default\/classes\/Broken\.cls:1:\d+/);
    });
});
