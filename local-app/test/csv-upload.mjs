#!/usr/bin/env node
// Browser test (c), a list of users uploaded as a CSV file: good rows (usernames and a user Id of one account's
// Customer Community Login users) mixed with bad ones — an unknown username, the Id of an account, the internal
// admin, the same username twice, and a user named again by Id. The page lists each unresolved row with its reason,
// offers them as a download and does not let a run start; the admin uploads the file without the bad rows and
// the run (a dry run) is created with exactly the resolved users. Screenshots in artifacts/local-app-csv-upload/.
// Usage: node local-app/test/csv-upload.mjs   (CHROME_PATH=/path/to/chrome to choose the browser)
import { downloadCsv } from './lib/csv.mjs';
import { check, runBrowserTest } from './lib/harness.mjs';
import {
    chooseTarget,
    mappingAndPreflight,
    openWizard,
    resultRows,
    startRun,
    usersByAccount,
    waitForRunStatus
} from './lib/wizard.mjs';

const SOURCE = 'Customer Community Login';
const TARGET = 'Customer Community Plus Login';

async function upload(page, fileName, lines) {
    const input = page.locator('c-user-selection input[type="file"]');
    await input.setInputFiles({
        name: fileName,
        mimeType: 'text/csv',
        buffer: Buffer.from(lines.join('\r\n') + '\r\n')
    });
    // The file is read in the browser and its text replaces the list box's (a textarea reports line ends as LF);
    // only then is Check list clicked, so the previous list is never the one checked.
    const box = page.getByRole('textbox', { name: 'Users to move' });
    const text = lines.join('\n') + '\n';
    const shows = async () => (await box.inputValue()).replace(/\r\n/g, '\n') === text;
    for (let i = 0; i < 100 && !(await shows()); i++) await page.waitForTimeout(100);
    check(await shows(), `the list box does not show ${fileName}`);
    await page.getByRole('button', { name: 'Check list' }).click();
}

await runBrowserTest({
    name: 'local-app csv-upload',
    shotsDir: 'local-app-csv-upload',
    testHooks: true,
    body: async (t) => {
        const { page } = t;
        await openWizard(t);
        const [account] = await usersByAccount(t, SOURCE);
        check(account.users.length >= 4, `the demo account has ${account.users.length} users; the test needs 4`);
        const [a, b, c, d] = account.users;
        const admin = await t.hook('running-user');
        const unknown = 'nobody.at.all@synthetic.local-org.invalid';
        const good = [a.username, b.username, c.username, d.id];
        const lines = [
            'Username',
            a.username,
            b.username,
            unknown,
            c.username,
            account.accountId,
            admin.username,
            a.username,
            d.id,
            a.id
        ];
        // Reason expected for each bad line (file line numbers, the header being line 1).
        const expectedIssues = [
            { line: '4', input: unknown, reason: 'NOT_FOUND' },
            { line: '6', input: account.accountId, reason: 'MALFORMED_ID' },
            { line: '7', input: admin.username, reason: 'INTERNAL_USER' },
            { line: '8', input: a.username, reason: 'DUPLICATE_ROW' },
            { line: '10', input: a.id, reason: 'DUPLICATE_ROW' }
        ];

        await page.getByText('From a list of users').click();
        await upload(page, 'users.csv', lines);
        const selection = page.locator('c-user-selection');
        await selection.locator('.resolved-count').waitFor({ timeout: 60_000 });
        await t.shot('01-unresolved-rows.png');
        const resolved = await selection.locator('.resolved-count').innerText();
        check(resolved === `${good.length} users found.`, `the page says "${resolved}", expected ${good.length} users`);
        const shown = [];
        for (const tr of await selection.locator('tr.unresolved-row').all()) {
            const [line, input, reason, severity] = (await tr.locator('th, td').allInnerTexts()).map((s) => s.trim());
            shown.push({ line, input, reason, severity });
        }
        const key = (r) => `${r.line}|${r.input}|${r.reason}`;
        check(
            JSON.stringify(shown.map(key).sort()) === JSON.stringify(expectedIssues.map(key).sort()),
            `unresolved rows shown: ${JSON.stringify(shown)}`
        );
        check(
            shown.every((r) => r.severity !== 'WARNING'),
            'every bad row blocks the run'
        );
        check(await selection.locator('.blocking').isVisible(), 'the page does not say the list blocks a run');
        check(
            await page.getByRole('button', { name: 'Next', exact: true }).isDisabled(),
            'Next is enabled while the list has rows that do not resolve'
        );
        const download = await downloadCsv(page, selection.getByText('Download the unresolved rows (CSV)'));
        check(
            JSON.stringify(download.rows.map((r) => `${r.Line}|${r.Value}|${r.Reason}`).sort()) ===
                JSON.stringify(expectedIssues.map(key).sort()),
            `the unresolved-rows download: ${JSON.stringify(download.rows)}`
        );
        t.log(
            `${shown.length} bad rows shown with their reasons (${[...new Set(shown.map((r) => r.reason))].join(', ')}); Next stays disabled`
        );

        await upload(page, 'users-fixed.csv', ['Username', ...good]);
        await selection
            .locator('.resolved-count')
            .getByText(`${good.length} users found.`)
            .waitFor({ timeout: 60_000 });
        check(
            (await selection.locator('tr.unresolved-row').count()) === 0,
            'the fixed file still shows unresolved rows'
        );
        await t.shot('02-list-resolved.png');
        await chooseTarget(t, { license: TARGET, profile: `${TARGET} User` });
        await mappingAndPreflight(t, {});
        await startRun(t, { real: false });
        const console_ = await waitForRunStatus(page, 'Completed');
        const rows = await resultRows(console_);
        await t.shot('03-dry-run-users.png');
        const expected = [a, b, c, d].map((u) => u.username).sort();
        const inRun = rows.map((r) => r.User).sort();
        check(
            JSON.stringify(inRun) === JSON.stringify(expected),
            `the run holds ${inRun.join(', ')}; expected only the resolved users ${expected.join(', ')}`
        );
        t.log(`the run was created with the ${inRun.length} resolved users only`);
    }
});
