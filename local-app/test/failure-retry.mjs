#!/usr/bin/env node
// Browser test (b), a failure and its retry: a real run of one account's Customer Community Login users to Customer
// Community Plus Login passes preflight, then — between preflight and start — the target license's free seats drop
// to two (another admin used them; set through the server's --test-hooks). The local org's seat rule fails the
// later profile changes with LICENSE_LIMIT_EXCEEDED, the console shows Completed With Errors with each failed user
// and its status code; seats are freed, Retry failed (only that status code) runs only the failed users again and
// the run ends Completed. Screenshots in artifacts/local-app-failure-retry/.
// Usage: node local-app/test/failure-retry.mjs   (CHROME_PATH=/path/to/chrome to choose the browser)
import { check, runBrowserTest } from './lib/harness.mjs';
import {
    chooseTarget,
    finishedCounts,
    mappingAndPreflight,
    openWizard,
    resultRows,
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

        await t.hook('licenses', { name: TARGET, freeSeats: 50 });
        await console_.getByLabel(/Retry only these status codes/).fill('LICENSE_LIMIT_EXCEEDED');
        await t.shot('04-retry.png');
        await console_.getByRole('button', { name: 'Retry failed' }).click();
        await waitForRunStatus(page, 'Completed');
        const after = await finishedCounts(console_);
        check(
            after.succeeded === n && after.failed === 0,
            `after the retry: ${JSON.stringify(after)}, expected ${n} succeeded`
        );
        const all = await resultRows(console_, { outcome: 'Succeeded' });
        await t.shot('05-retry-completed.png');
        const retried = new Set(failed.map((r) => r.User));
        for (const row of all) {
            // Only the failed users ran again: they show a second attempt, the others still one.
            const attempts = retried.has(row.User) ? '2' : '1';
            check(row.Attempts === attempts, `${row.User}: ${row.Attempts} attempts, expected ${attempts}`);
        }
        check(all.length === n, `${all.length} users succeeded in the results, expected ${n}`);
        t.log(`retry of the failed users completed: ${after.succeeded} users migrated`);
    }
});
