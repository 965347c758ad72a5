#!/usr/bin/env node
// Browser test: legacy portal users re-created on a community license (issue #8, item 4). The demo org's Customer
// Portal Manager Custom users are chosen by filters in the "Re-create legacy portal users" view, target Customer
// Community Plus Login; mapping (the set bound to their legacy license mapped to its Login namesake, the set bound
// to no license kept), preflight (each user RECREATE_ALLOWED with the IRREVERSIBLE and NOT_CARRIED_OVER
// warnings, nobody blocked), the typed phrase, console to Completed. The success CSV gives each row its New User Id
// and New Username; the old users are inactive and off their contacts, the new users active on the same accounts
// and holding the kept and the mapped set (read through the permission inventory of a draft run of the new users).
// Screenshots in artifacts/local-app-recreate/. Without a browser it skips with one line (exit 0).
// Usage: node local-app/test/recreate.mjs   (CHROME_PATH=/path/to/chrome to choose the browser)
import { downloadCsv } from './lib/csv.mjs';
import { check, runBrowserTest } from './lib/harness.mjs';
import { finishedCounts, openWizard, selectByFilters, waitForRunStatus } from './lib/wizard.mjs';

const LEGACY = 'Customer Portal Manager Custom';
const TARGET = 'Customer Community Plus Login';
const SUFFIX = '.community';
const USER_ID = /^005[a-zA-Z0-9]{15}$/;
// Re-created too, but by another run: counted with the legacy users before any filter.
const OTHER_LEGACY = 'Gold Partner';
// The demo org's sets of the legacy users (local-org/src/server/demo-extras.ts).
const BOUND_SET = 'Demo_Portal_Case_Reports';
const MAPPED_TO = 'Demo_Portal_Case_Reports_Login';
const KEPT_SET = 'Demo_Legacy_Knowledge';

/** Every user of one license (the preview's Apex method, which also lists inactive users), by username. */
async function usersOf(t, licenseName) {
    const page = await t.apex('MigrationController', 'previewUsers', {
        criteriaJson: JSON.stringify({ licenseNames: [licenseName] }),
        afterId: null,
        pageSize: 200
    });
    check(!page.nextAfterId, `more than 200 ${licenseName} users: the test reads one page`);
    return new Map(page.rows.map((row) => [row.username, row]));
}

/** Polls a run until it is out of the given status. */
async function runAfter(t, runId, status) {
    const deadline = Date.now() + 60_000;
    for (;;) {
        const run = await t.apex('MigrationController', 'getRun', { runId });
        if (run.status !== status && !run.busy) return run;
        check(Date.now() < deadline, `run ${runId} is still ${run.status} after 60 s`);
        await new Promise((r) => setTimeout(r, 500));
    }
}

/** The permission inventory of a run, by set or group API name: action, target and user count. */
async function inventoryOf(t, runId) {
    const rows = await t.apex('MigrationController', 'getPermissionInventory', { runId });
    return new Map(rows.map((row) => [row.name, row]));
}

/**
 * What the given users hold, by set name and user count: the permission inventory of a draft migration run of them
 * (the product's own count of its users' assignments); the draft is discarded afterwards.
 */
async function heldBy(t, userIds, targetProfileId) {
    const runId = await t.apex('MigrationController', 'createRun', {
        requestJson: JSON.stringify({
            criteria: { userIds },
            targetProfileId,
            roleStrategy: 'Platform_Default',
            dryRun: true
        })
    });
    const run = await runAfter(t, runId, 'Preparing');
    check(run.totalItems === userIds.length, `the draft run has ${run.totalItems} users, not ${userIds.length}`);
    const held = new Map([...(await inventoryOf(t, runId))].map(([name, row]) => [name, row.users]));
    await t.apex('MigrationController', 'discardRun', { runId });
    return held;
}

/** The preflight report's rows by reason code: severity and user count. */
async function preflightReasons(page) {
    const rows = page.locator('c-preflight-report tr.reason-row');
    await rows.first().waitFor({ timeout: 120_000 });
    const reasons = new Map();
    for (const row of await rows.all()) {
        const [code, severity, users] = (await row.locator('th, td').allInnerTexts()).map((c) => c.trim());
        reasons.set(code, { severity, users: Number(users) });
    }
    return reasons;
}

await runBrowserTest({
    name: 'local-app recreate',
    shotsDir: 'local-app-recreate',
    body: async (t) => {
        const { page } = t;
        const legacy = await usersOf(t, LEGACY);
        check(legacy.size > 0, `the demo org has no ${LEGACY} users`);
        const otherLegacy = await usersOf(t, OTHER_LEGACY);
        check(otherLegacy.size > 0, `the demo org has no ${OTHER_LEGACY} users`);
        check(
            [...legacy.values()].every((u) => u.isActive && u.accountId),
            'every legacy user starts active, on a contact'
        );

        await openWizard(t);
        await page.getByRole('button', { name: 'Re-create legacy portal users' }).click();
        await page.getByText('cannot move to a community license in place').waitFor({ timeout: 30_000 });
        // Before any filter the count is the legacy portal users alone (community users share their user types),
        // and the license filter offers only legacy portal licenses.
        await page
            .getByText(`${legacy.size + otherLegacy.size} users match`, { exact: true })
            .waitFor({ timeout: 30_000 });
        await page.getByRole('combobox', { name: 'License' }).click();
        const licenses = (await page.getByRole('option').allInnerTexts()).map((l) => l.trim());
        check(
            licenses.includes(LEGACY) &&
                licenses.includes(OTHER_LEGACY) &&
                !licenses.some((l) => l.includes('Community')),
            `the license filter offers ${licenses.join(', ')}`
        );
        await page.keyboard.press('Escape');
        await selectByFilters(page, { license: LEGACY, expected: legacy.size });
        await t.shot('01-select-legacy-users.png');

        await page.getByRole('button', { name: 'Next', exact: true }).click();
        await page.getByText(new RegExp(`^${TARGET} —`)).click();
        await page.getByRole('combobox', { name: 'Target profile' }).click();
        await page.getByRole('option', { name: `${TARGET} User`, exact: true }).click();
        const suffix = await page.getByLabel('Username suffix').inputValue();
        check(suffix === SUFFIX, `the username suffix starts as ${SUFFIX}, not ${suffix}`);
        await t.shot('02-target.png');
        await page.getByRole('button', { name: 'Create run' }).click();

        // Permissions: the legacy users' assignments, mapped as proposed: the set bound to the legacy license to its
        // namesake on the target license, the set bound to no license kept.
        const save = page.getByRole('button', { name: 'Save mapping' });
        await save.waitFor({ timeout: 60_000 });
        await page.getByText(/Collecting the selected users/).waitFor({ state: 'detached', timeout: 60_000 });
        await t.shot('03-permissions.png');
        await save.click();
        await page
            .getByText(/Mapping saved/i)
            .first()
            .waitFor({ timeout: 30_000 });
        const [run] = await t.apex('MigrationController', 'listRuns', { limitRows: 1 });
        check(run?.kind === 'Recreate', `the newest run is not the re-create run: ${JSON.stringify(run)}`);
        const mapping = await inventoryOf(t, run.id);
        const bound = mapping.get(BOUND_SET);
        const kept = mapping.get(KEPT_SET);
        const mappedTo = bound?.suggestions.find((o) => o.name === MAPPED_TO);
        check(
            bound?.users === legacy.size &&
                !bound.fitsTarget &&
                bound.action === 'MAP' &&
                mappedTo?.id === bound.targetId,
            `${BOUND_SET} is not mapped to ${MAPPED_TO}: ${JSON.stringify(bound)}`
        );
        check(
            kept?.users === legacy.size && kept.fitsTarget && kept.action === 'KEEP',
            `${KEPT_SET} is not kept: ${JSON.stringify(kept)}`
        );
        await page.getByRole('button', { name: 'Next', exact: true }).click();

        await page.getByRole('button', { name: 'Run preflight' }).click();
        const reasons = await preflightReasons(page);
        for (const code of ['RECREATE_ALLOWED', 'IRREVERSIBLE', 'NOT_CARRIED_OVER']) {
            check(
                reasons.get(code)?.users === legacy.size,
                `preflight ${code}: expected ${legacy.size} users, got ${JSON.stringify(reasons.get(code))}`
            );
        }
        const blocked = [...reasons].filter(([, r]) => /block/i.test(r.severity));
        check(blocked.length === 0, `preflight blocked users: ${JSON.stringify(blocked)}`);
        // The users behind a warning, as the admin drills into it.
        await page.locator('c-preflight-report button[title*="NOT_CARRIED_OVER"]').click();
        const drill = page.locator('c-preflight-report tr.drill-row');
        await drill.first().waitFor({ timeout: 30_000 });
        const drilled = (await drill.locator('th').allInnerTexts()).map((u) => u.trim());
        check(
            drilled.length === legacy.size && drilled.every((u) => legacy.has(u)),
            `NOT_CARRIED_OVER lists ${drilled.join(', ')}`
        );
        await t.shot('04-preflight.png');
        await page.getByRole('button', { name: 'Next', exact: true }).click();
        await page.getByText('Kind of run').waitFor({ timeout: 30_000 });

        // Re-creation disables the old users for good: the phrase is asked before Start.
        await page.getByText('Real run: move the users').click();
        const start = page.getByRole('button', { name: 'Start migration' });
        check(await start.isDisabled(), 'Start is enabled before the IRREVERSIBLE phrase is typed');
        await page.getByLabel(/Type IRREVERSIBLE/).fill('IRREVERSIBLE');
        await t.shot('05-confirm.png');
        await start.click();

        const console_ = await waitForRunStatus(page, 'Completed');
        await t.shot('06-run-completed.png');
        const counts = await finishedCounts(console_);
        check(
            counts.succeeded === legacy.size && counts.failed === 0,
            `expected ${legacy.size} succeeded and 0 failed, got ${JSON.stringify(counts)}`
        );

        await console_.getByRole('button', { name: 'Prepare success CSV' }).click();
        const csv = await downloadCsv(page, console_.getByText('Download success CSV'));
        check(csv.rows.length === legacy.size, `the success CSV has ${csv.rows.length} rows, not ${legacy.size}`);
        const created = await usersOf(t, TARGET);
        const after = await usersOf(t, LEGACY);
        for (const row of csv.rows) {
            const old = legacy.get(row.Username);
            check(old, `the success CSV lists ${row.Username}, who was not selected`);
            check(USER_ID.test(row['New User Id'] ?? ''), `${row.Username}: New User Id "${row['New User Id']}"`);
            check(
                row['New Username'] === row.Username + SUFFIX,
                `${row.Username}: New Username "${row['New Username']}"`
            );
            const fresh = created.get(row['New Username']);
            check(fresh && fresh.id === row['New User Id'], `${row['New Username']} is not a ${TARGET} user`);
            check(
                fresh.isActive && fresh.accountId === old.accountId,
                `${fresh.username}: not active on the old account`
            );
            const disabled = after.get(row.Username);
            check(
                disabled && !disabled.isActive && !disabled.accountId,
                `${row.Username} is still active or on its contact`
            );
        }
        // The new users hold the kept set and the replacement, not the set bound to the legacy license.
        const held = await heldBy(
            t,
            csv.rows.map((row) => row['New User Id']),
            run.targetProfileId
        );
        check(
            held.get(KEPT_SET) === legacy.size && held.get(MAPPED_TO) === legacy.size && !held.has(BOUND_SET),
            `the new users hold ${JSON.stringify([...held])}`
        );
        t.log(
            `${counts.succeeded} legacy portal users re-created on ${TARGET} with ${KEPT_SET} kept and ${BOUND_SET} ` +
                `mapped to ${MAPPED_TO}, ${csv.fileName} checked`
        );
    }
});
