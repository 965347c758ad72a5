#!/usr/bin/env node
// The browser gate: the local app's browser tests one after another, each with its own server and demo org:
// (a) smoke.mjs, the happy path; (b) failure-retry.mjs, seats run out mid-run, a lock fault, retries;
// (c) csv-upload.mjs, a list with bad rows; import.mjs, 500 people imported from a CSV with 10 bad rows (issue #8);
// recreate.mjs, legacy portal users re-created on a community license (issue #8).
// Exit code 1 when any failed; each skips in one line without Chromium.
// Usage: node local-app/test/run-all.mjs   (CHROME_PATH=/path/to/chrome to choose the browser)
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const TESTS = ['smoke.mjs', 'failure-retry.mjs', 'csv-upload.mjs', 'import.mjs', 'recreate.mjs'];

const failed = [];
for (const test of TESTS) {
    const started = Date.now();
    const r = spawnSync(process.execPath, [join(here, test)], { stdio: 'inherit' });
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    if (r.status !== 0) failed.push(test);
    console.log(
        `browser tests: ${test} ${r.status === 0 ? 'passed' : `FAILED (exit ${r.status ?? r.signal})`} in ${seconds} s`
    );
}
if (failed.length) console.error(`browser tests: ${failed.length} of ${TESTS.length} failed: ${failed.join(', ')}`);
process.exitCode = failed.length ? 1 : 0;
