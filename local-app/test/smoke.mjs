#!/usr/bin/env node
// Browser test (a), the happy path: Customer Community Login users of one account, chosen by filters, move to
// Customer Community Plus Login through the wizard (mapping saved as proposed, preflight, a real run confirmed
// with the typed phrase); the console is followed to Completed and the success CSV is downloaded and checked.
// Screenshots in artifacts/local-app-smoke/. Without a browser it skips with one line (exit 0).
// Usage: node local-app/test/smoke.mjs   (CHROME_PATH=/path/to/chrome to choose the browser)
import { downloadCsv } from './lib/csv.mjs';
import { check, runBrowserTest } from './lib/harness.mjs';
import {
    chooseTarget,
    finishedCounts,
    mappingAndPreflight,
    openWizard,
    selectByFilters,
    startRun,
    usersByAccount,
    waitForRunStatus
} from './lib/wizard.mjs';

const SOURCE = 'Customer Community Login';
const TARGET = 'Customer Community Plus Login';

await runBrowserTest({
    name: 'local-app smoke',
    shotsDir: 'local-app-smoke',
    body: async (t) => {
        const { page } = t;
        await openWizard(t);
        await t.shot('01-select-users.png');
        t.log('the wizard rendered and its first Apex calls answered');
        const [account] = await usersByAccount(t, SOURCE);
        await selectByFilters(page, { license: SOURCE, accountId: account.accountId, expected: account.users.length });
        await chooseTarget(t, { license: TARGET, profile: `${TARGET} User`, shot: '02-target.png' });
        await mappingAndPreflight(t, { mappingShot: '03-permissions.png', preflightShot: '04-preflight.png' });
        await startRun(t, { real: true, shot: '05-confirm.png' });
        const console_ = await waitForRunStatus(page, 'Completed');
        await t.shot('06-run-completed.png');
        const counts = await finishedCounts(console_);
        check(
            counts.succeeded === account.users.length && counts.failed === 0,
            `expected ${account.users.length} succeeded and 0 failed, got ${JSON.stringify(counts)}`
        );

        await console_.getByRole('button', { name: 'Prepare success CSV' }).click();
        const csv = await downloadCsv(page, console_.getByText('Download success CSV'));
        const expected = new Set(account.users.map((u) => u.username));
        const names = csv.rows.map((r) => r.Username);
        check(
            names.length === expected.size && names.every((n) => expected.has(n)),
            `the success CSV lists ${names.join(', ')}; expected the ${expected.size} selected users`
        );
        const wrong = csv.rows.filter((r) => r['After License'] !== TARGET || r.Outcome !== 'Succeeded');
        check(wrong.length === 0, `success CSV rows not moved to ${TARGET}: ${JSON.stringify(wrong[0])}`);
        t.log(`real run completed, ${counts.succeeded} users migrated, ${csv.fileName} checked`);
    }
});
