// Steps of the migration wizard and the run console as a person does them, shared by the browser tests.
import { check } from './harness.mjs';

/** Opens the app and waits until the wizard and the license summary (a @wire round trip) are on the page. */
export async function openWizard(t) {
    const { page } = t;
    const firstCall = page.waitForResponse((r) => new URL(r.url()).pathname === '/apex', { timeout: 60_000 });
    await page.goto(`${t.base}/`);
    await page.getByText('Select users', { exact: true }).first().waitFor({ timeout: 60_000 });
    const first = await firstCall;
    check(first.status() === 200, `the first Apex call answered ${first.status()}`);
    await page.getByText('Customer Community Plus', { exact: true }).first().waitFor({ timeout: 60_000 });
}

/**
 * External users of one license, from the same Apex method the preview uses, grouped by account; the account with
 * the most users first. For picking a small selection before driving the UI.
 */
export async function usersByAccount(t, licenseName) {
    const page = await t.apex('MigrationController', 'previewUsers', {
        criteriaJson: JSON.stringify({ licenseNames: [licenseName] }),
        afterId: null,
        pageSize: 200
    });
    const byAccount = new Map();
    for (const row of page.rows) {
        if (!byAccount.has(row.accountId)) byAccount.set(row.accountId, []);
        byAccount.get(row.accountId).push(row);
    }
    return [...byAccount.entries()]
        .map(([accountId, users]) => ({ accountId, users }))
        .sort((a, b) => b.users.length - a.users.length);
}

async function pickOption(page, combobox, option) {
    await page.getByRole('combobox', { name: combobox }).click();
    await page.getByRole('option', { name: option, exact: true }).click();
}

/** Step 1 by filters: a license and one account; waits until the count says `expected` users. */
export async function selectByFilters(page, { license, accountId, expected }) {
    await pickOption(page, 'License', license);
    if (accountId) await page.getByLabel('Account Id').fill(accountId);
    const label = expected === 1 ? '1 user matches' : `${expected} users match`;
    await page.getByText(label, { exact: true }).waitFor({ timeout: 30_000 });
}

/** Step 2: the target license and profile, then Create run; waits for the mapping step. */
export async function chooseTarget(t, { license, profile, shot }) {
    const { page } = t;
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await page.getByText(new RegExp(`^${license} —`)).click();
    await pickOption(page, 'Target profile', profile);
    if (shot) await t.shot(shot);
    await page.getByRole('button', { name: 'Create run' }).click();
    await page.getByRole('button', { name: 'Save mapping' }).waitFor({ timeout: 60_000 });
}

/** Steps 3 and 4: the mapping saved as proposed, then preflight; stops on the confirm step. */
export async function mappingAndPreflight(t, { mappingShot, preflightShot } = {}) {
    const { page } = t;
    if (mappingShot) await t.shot(mappingShot);
    await page.getByRole('button', { name: 'Save mapping' }).click();
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await page.getByRole('button', { name: 'Run preflight' }).click();
    await page.getByRole('button', { name: 'Run preflight again' }).waitFor({ timeout: 120_000 });
    if (preflightShot) await t.shot(preflightShot);
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await page.getByText('Kind of run').waitFor({ timeout: 30_000 });
}

/** Step 5: a real run (typing the phrase when one is asked) or a dry run; `beforeStart` runs just before the click. */
export async function startRun(t, { real, shot, beforeStart }) {
    const { page } = t;
    if (real) {
        await page.getByText('Real run: move the users').click();
        const phrase = page.getByLabel(/Type IRREVERSIBLE/);
        if (await phrase.count()) await phrase.fill('IRREVERSIBLE');
    }
    if (shot) await t.shot(shot);
    if (beforeStart) await beforeStart();
    await page.getByRole('button', { name: real ? 'Start migration' : 'Start dry run' }).click();
}

/** The run console once the run's status badge shows `status` (a finished status). */
export async function waitForRunStatus(page, status, timeout = 180_000) {
    const console_ = page.locator('c-run-console');
    await console_.locator('.run-status').getByText(status, { exact: true }).waitFor({ timeout });
    return console_;
}

/** The console's "Finished: n succeeded, n failed, n skipped" line as numbers. */
export async function finishedCounts(console_) {
    const text = await console_.innerText();
    const m = /finished: (\d+) succeeded, (\d+) failed/i.exec(text);
    check(m, `the console has no "Finished:" line: ${text.split('\n').slice(0, 4).join(' / ')}`);
    return { succeeded: Number(m[1]), failed: Number(m[2]) };
}

/** Clicks Show results with the given outcome filter and returns the table's rows as objects by column label. */
export async function resultRows(console_, { outcome } = {}) {
    if (outcome) {
        await console_.getByRole('combobox', { name: 'Outcome' }).click();
        await console_.getByRole('option', { name: outcome, exact: true }).click();
    }
    await console_.getByRole('button', { name: 'Show results' }).click();
    const table = console_.locator('lightning-datatable');
    await table.locator('tbody tr').first().waitFor({ timeout: 30_000 });
    const headers = (await table.locator('thead th').allInnerTexts()).map((h) => h.split('\n')[0].trim());
    const rows = [];
    for (const tr of await table.locator('tbody tr').all()) {
        const cells = (await tr.locator('th, td').allInnerTexts()).map((c) => c.trim());
        rows.push(Object.fromEntries(headers.map((h, i) => [h, cells[i] ?? ''])));
    }
    return rows;
}

/**
 * Retry failed (optionally only some status codes) and wait for the run to work and finish again with `endStatus`:
 * the badge is seen Running first, so a status the run already had before the retry is not taken for its end.
 */
export async function retryFailed(t, console_, { codes = '', endStatus, shot }) {
    await console_.getByLabel(/Retry only these status codes/).fill(codes);
    if (shot) await t.shot(shot);
    await console_.getByRole('button', { name: 'Retry failed' }).click();
    await console_.locator('.run-status').getByText('Running', { exact: true }).waitFor({ timeout: 30_000 });
    return waitForRunStatus(t.page, endStatus);
}
