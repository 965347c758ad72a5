#!/usr/bin/env node
// Browser test (b), failures and retries: a real run of one account's Customer Community Login users to Customer
// Community Plus Login passes preflight, then — between preflight and start — the target license's free seats drop
// to two (another admin used them; set through the server's --test-hooks). The local org's seat rule fails the
// later profile changes with LICENSE_LIMIT_EXCEEDED and the console shows Completed With Errors with each failed
// user and its status code. Seats are freed but a lock fault is injected (/__test/faults): Retry failed fails the
// same users with UNABLE_TO_LOCK_ROW. The fault is removed, Retry failed for that code only, and the run ends
// Completed, the retried users with three attempts and the others with one. Screenshots in
// artifacts/local-app-failure-retry/.
// Usage: node local-app/test/failure-retry.mjs   (CHROME_PATH=/path/to/chrome to choose the browser)
import { check, runBrowserTest } from './lib/harness.mjs';
import {
    chooseTarget,
    finishedCounts,
    mappingAndPreflight,
    openWizard,
    resultRows,
    retryFailed,
    selectByFilters,
    startRun,
    usersByAccount,
    waitForRunStatus
} from './lib/wizard.mjs';

const SOURCE = 'Customer Community Login';
const TARGET = 'Customer Community Plus Login';
/** Seats left on the target when the run starts: the first users take them, the rest fail. */
const SEATS_LEFT = 2;

await runBrowserTest({
    name: 'local-app failure-retry',
    shotsDir: 'local-app-failure-retry',
    testHooks: true,
    body: async (t) => {
        const { page } = t;
        await openWizard(t);
        const [account] = await usersByAccount(t, SOURCE);
        const n = account.users.length;
        check(n > SEATS_LEFT, `the demo account has ${n} ${SOURCE} users; the test needs more than ${SEATS_LEFT}`);
        const selected = new Set(account.users.map((u) => u.username));
        await selectByFilters(page, { license: SOURCE, accountId: account.accountId, expected: n });
        await t.shot('01-select-users.png');
        await chooseTarget(t, { license: TARGET, profile: `${TARGET} User` });
        await mappingAndPreflight(t, { preflightShot: '02-preflight-passed.png' });
        await startRun(t, {
            real: true,
            beforeStart: async () => {
                const { license } = await t.hook('licenses', { name: TARGET, freeSeats: SEATS_LEFT });
                t.log(`after preflight, ${TARGET} is down to ${license.free} free seats`);
            }
        });

        const console_ = await waitForRunStatus(page, 'Completed With Errors');
        const first = await finishedCounts(console_);
        check(
            first.succeeded === SEATS_LEFT && first.failed === n - SEATS_LEFT,
            `expected ${SEATS_LEFT} succeeded and ${n - SEATS_LEFT} failed, got ${JSON.stringify(first)}`
        );
        const failed = await resultRows(console_, { outcome: 'Failed' });
        await t.shot('03-completed-with-errors.png');
        check(
            failed.length === n - SEATS_LEFT,
            `the results list ${failed.length} failed users, expected ${n - SEATS_LEFT}`
        );
        for (const row of failed) {
            check(selected.has(row.User), `a failed row names ${row.User}, who was not selected`);
            check(row['Status code'] === 'LICENSE_LIMIT_EXCEEDED', `failed row: ${JSON.stringify(row)}`);
        }
        t.log(
            `Completed With Errors: ${first.failed} users failed with LICENSE_LIMIT_EXCEEDED, shown with their codes`
        );

        // Seats are freed, but the first retry meets a lock on the users' update (UNABLE_TO_LOCK_ROW on the whole
        // statement, as a lock held by another transaction fails it): the same users fail again with that code.
        await t.hook('licenses', { name: TARGET, freeSeats: 50 });
        await t.hook('faults', {
            faults: [
                {
                    name: 'user rows locked',
                    operation: 'update',
                    sobject: 'User',
                    field: 'ProfileId',
                    onStatement: 1,
                    statusCode: 'UNABLE_TO_LOCK_ROW',
                    message: 'unable to obtain exclusive access to this record'
                }
            ]
        });
        await retryFailed(t, console_, { endStatus: 'Completed With Errors', shot: '04-retry-every-failure.png' });
        const locked = await resultRows(console_, { outcome: 'Failed' });
        await t.shot('05-retry-locked.png');
        check(
            JSON.stringify(locked.map((r) => r.User).sort()) === JSON.stringify(failed.map((r) => r.User).sort()) &&
                locked.every((r) => r['Status code'] === 'UNABLE_TO_LOCK_ROW'),
            `after a retry under the lock fault: ${JSON.stringify(locked)}`
        );
        t.log(`a retry under an injected lock failed the same ${locked.length} users with UNABLE_TO_LOCK_ROW`);

        await t.hook('faults', { faults: [] });
        await retryFailed(t, console_, {
            codes: 'UNABLE_TO_LOCK_ROW',
            endStatus: 'Completed',
            shot: '06-retry-locked-only.png'
        });
        const after = await finishedCounts(console_);
        check(
            after.succeeded === n && after.failed === 0,
            `after the retry: ${JSON.stringify(after)}, expected ${n} succeeded`
        );
        const all = await resultRows(console_, { outcome: 'Succeeded' });
        await t.shot('07-retry-completed.png');
        const retried = new Set(failed.map((r) => r.User));
        for (const row of all) {
            // Only the failed users ran again: they show three attempts, the others still one.
            const attempts = retried.has(row.User) ? '3' : '1';
            check(row.Attempts === attempts, `${row.User}: ${row.Attempts} attempts, expected ${attempts}`);
        }
        check(all.length === n, `${all.length} users succeeded in the results, expected ${n}`);
        t.log(`retry of the failed users completed: ${after.succeeded} users migrated`);
    }
});
