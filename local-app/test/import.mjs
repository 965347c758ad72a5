#!/usr/bin/env node
// Browser test of the import of people (issue #8): a generated CSV of 500 people, 10 of them bad (two each: no last
// name, an invalid email, a username repeated from an earlier row, a username already in the org, an account that
// does not exist). The preflight must block exactly those 10 with their reason codes; the admin excludes them, runs
// the real import, and the run console must end Completed with 490 succeeded, and its success CSV must list the 490.
// Screenshots in artifacts/local-app-import/.
// Usage: node local-app/test/import.mjs   (CHROME_PATH=/path/to/chrome to choose the browser)
import { downloadCsv } from './lib/csv.mjs';
import { check, runBrowserTest } from './lib/harness.mjs';
import { openWizard, usersByAccount, waitForRunStatus } from './lib/wizard.mjs';

const LICENSE = 'Customer Community';
const PEOPLE = 500;
const BAD = 10;

/** 500 rows: 490 good people over the given accounts, then the 10 bad rows with the reason each must get. */
function peopleCsv({ accountIds, takenUsernames, tag }) {
    const header = ['FirstName', 'LastName', 'Email', 'Username', 'ContactExternalId', 'AccountId'];
    const rows = [];
    const person = (i) => {
        const email = `person.${i}.${tag}@import.example.com`;
        return [`First${i}`, `Last${i}`, email, email, `IMP-${tag}-${i}`, accountIds[i % accountIds.length]];
    };
    for (let i = 1; i <= PEOPLE - BAD; i++) rows.push(person(i));
    const expected = new Map();
    const bad = (i, change, code) => {
        const row = person(i);
        change(row);
        rows.push(row);
        // The file's line: the header is line 1 and no field holds a line break.
        expected.set(row[3], { code, line: String(rows.length + 1) });
    };
    bad(491, (r) => (r[1] = ''), 'REQUIRED_VALUE_MISSING');
    bad(492, (r) => (r[1] = '   '), 'REQUIRED_VALUE_MISSING');
    bad(493, (r) => (r[2] = 'not-an-email'), 'EMAIL_INVALID');
    bad(494, (r) => (r[2] = 'two@@example.com'), 'EMAIL_INVALID');
    bad(495, (r) => (r[3] = rows[0][3]), 'USERNAME_DUPLICATE_IN_FILE');
    bad(496, (r) => (r[3] = rows[1][3]), 'USERNAME_DUPLICATE_IN_FILE');
    bad(497, (r) => (r[3] = takenUsernames[0]), 'USERNAME_TAKEN');
    bad(498, (r) => (r[3] = takenUsernames[1]), 'USERNAME_TAKEN');
    // Well-formed account Ids (checksum included) that the local org never hands out.
    bad(499, (r) => (r[5] = '001ZZZZZZZZZZZZY55'), 'ACCOUNT_NOT_FOUND');
    bad(500, (r) => (r[5] = '001ZZZZZZZZZZZYY55'), 'ACCOUNT_NOT_FOUND');
    const cell = (v) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
    const csv = [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
    return { csv, expected, goodUsernames: rows.slice(0, PEOPLE - BAD).map((r) => r[3]) };
}

async function cells(locator) {
    const out = [];
    for (const tr of await locator.all()) out.push((await tr.locator('th, td').allInnerTexts()).map((s) => s.trim()));
    return out;
}

await runBrowserTest({
    name: 'local-app import',
    shotsDir: 'local-app-import',
    testHooks: true,
    body: async (t) => {
        const { page } = t;
        await openWizard(t);
        // Enough free seats for everyone the file brings: the demo leaves only a little headroom.
        await t.hook('licenses', { name: LICENSE, freeSeats: PEOPLE + 50 });
        const accounts = await usersByAccount(t, LICENSE);
        check(accounts.length >= 2, `the demo org has ${accounts.length} ${LICENSE} accounts; the test needs 2`);
        const taken = accounts.flatMap((a) => a.users.map((u) => u.username)).slice(0, 2);
        const tag = Date.now().toString(36);
        const file = peopleCsv({
            accountIds: accounts.slice(0, 5).map((a) => a.accountId),
            takenUsernames: taken,
            tag
        });

        // Upload.
        await page.getByRole('button', { name: 'Import users' }).click();
        await page.locator('c-import-upload input[type="file"]').setInputFiles({
            name: 'people.csv',
            mimeType: 'text/csv',
            buffer: Buffer.from(file.csv)
        });
        const summary = page.locator('c-import-upload .file-summary');
        await summary.waitFor({ timeout: 30_000 });
        check(
            (await summary.innerText()).includes(`about ${PEOPLE} data rows`),
            `upload: ${await summary.innerText()}`
        );
        await t.shot('01-upload.png');
        await page.getByRole('button', { name: 'Next', exact: true }).click();

        // Options: the license, its first profile; the defaults for the rest (no welcome e-mail).
        const options = page.locator('c-import-options');
        await options.getByText(new RegExp(`^${LICENSE} —`)).click();
        await options.getByRole('combobox', { name: 'Target profile' }).click();
        await options.getByRole('option').first().click();
        check(!(await options.getByLabel('Send welcome e-mails').isChecked()), 'welcome e-mails are on by default');
        await t.shot('02-options.png');
        await page.getByRole('button', { name: 'Create import' }).click();

        // Preflight: runs by itself; exactly the 10 bad rows are blocked, each for its reason.
        const preflight = page.locator('c-import-preflight');
        await preflight.locator('.summary').waitFor({ timeout: 180_000 });
        const blocked = Number(await preflight.locator('[data-count="blocked"]').innerText());
        await preflight.getByRole('button', { name: 'Show the blocked rows' }).click();
        await preflight
            .locator('tr.drill-row')
            .nth(Math.min(blocked, BAD) - 1)
            .waitFor({ timeout: 30_000 });
        const shown = await cells(preflight.locator('tr.drill-row'));
        const notBlocked = [...file.expected].filter(([username]) => !shown.some((row) => row[1] === username));
        check(notBlocked.length === 0, `not blocked: ${notBlocked.map(([u, bad]) => `${u} (${bad.code})`).join(', ')}`);
        check(
            blocked === BAD && shown.length === BAD,
            `${blocked} rows blocked, ${shown.length} listed, expected ${BAD}`
        );
        for (const [line, username, outcome, reasons, message] of shown) {
            const bad = file.expected.get(username);
            check(bad, `row ${username} is blocked but was meant to pass (${reasons}: ${message})`);
            const { code } = bad;
            check(line === bad.line, `row ${username} is shown on line ${line}, it is on line ${bad.line}`);
            check(outcome === 'Blocked', `row ${username} shows ${outcome}`);
            check(reasons.split(', ').includes(code), `row ${username} has ${reasons}, expected ${code}`);
            check(message !== '', `row ${username} has no message`);
        }
        await t.shot('03-preflight-blocked.png');

        // Exclude them, explicitly.
        await preflight.getByRole('button', { name: 'Exclude the blocked rows' }).click();
        await preflight.locator('.excluded-text').waitFor({ timeout: 60_000 });
        await preflight.getByText(`0 blocked, ${BAD} excluded`).waitFor({ timeout: 60_000 });
        await t.shot('04-preflight-excluded.png');
        await page.getByRole('button', { name: 'Next', exact: true }).click();

        // Confirm: a real import, with the typed phrase.
        const confirm = page.locator('c-import-confirm');
        await confirm.getByText('Real run: create the contacts and users').click();
        const phrase = confirm.getByLabel(/Type [A-Z]+ to confirm/);
        const phraseLabel = await confirm.locator('lightning-input.phrase label').innerText();
        await phrase.fill(/Type (\S+) to confirm/.exec(phraseLabel)[1]);
        await t.shot('05-confirm.png');
        await confirm.getByRole('button', { name: 'Start import' }).click();

        // The run console: Completed, 490 succeeded, and the success CSV lists them.
        const console_ = await waitForRunStatus(page, 'Completed', 600_000);
        const succeeded = Number(await console_.locator('[data-count="succeeded"]').innerText());
        const failed = Number(await console_.locator('[data-count="failed"]').innerText());
        await t.shot('06-run-completed.png');
        check(succeeded === PEOPLE - BAD && failed === 0, `the import ended ${succeeded} succeeded, ${failed} failed`);
        await console_.getByRole('button', { name: 'Prepare success CSV' }).click();
        const csv = await downloadCsv(page, console_.locator('a.download-success'));
        check(csv.rows.length === PEOPLE - BAD, `the success CSV has ${csv.rows.length} rows`);
        const withoutUser = csv.rows.filter((r) => !/^005/.test(r['User Id'] ?? ''));
        check(
            withoutUser.length === 0,
            `${withoutUser.length} success rows have no user Id: ${JSON.stringify(withoutUser[0])}`
        );
        const inCsv = new Set(csv.rows.map((r) => r.Username));
        const missing = file.goodUsernames.filter((u) => !inCsv.has(u));
        check(missing.length === 0, `the success CSV misses ${missing.length} people, e.g. ${missing[0]}`);
        t.log(`${succeeded} people imported, ${BAD} bad rows blocked and excluded; success CSV ${csv.fileName}`);
    }
});
