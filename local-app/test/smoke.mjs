#!/usr/bin/env node
// Browser smoke test of the local app: starts `local-org serve` on a small demo org, opens the page in the
// system's Chromium (playwright-core), checks that the wizard renders, Apex calls round-trip and a real migration
// runs to completion through the wizard, and writes screenshots to artifacts/local-app-smoke/. Without a browser it skips with one line (exit 0).
// Usage: node local-app/test/smoke.mjs   (CHROME_PATH=/path/to/chrome to choose the browser)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const shots = join(root, 'artifacts', 'local-app-smoke');

function findBrowser() {
    if (process.env.CHROME_PATH) return existsSync(process.env.CHROME_PATH) ? process.env.CHROME_PATH : null;
    for (const name of ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']) {
        const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim();
        if (found) return found;
    }
    return null;
}

function freePort() {
    return new Promise((done, fail) => {
        const s = createServer();
        s.once('error', fail);
        s.listen(0, '127.0.0.1', () => {
            const { port } = s.address();
            s.close(() => done(port));
        });
    });
}

/** Starts the server; resolves with the child once it prints its URL. */
function startServer(port) {
    const child = spawn(
        process.execPath,
        [join(root, 'local-org', 'bin', 'local-org.js'), 'serve', '--port', String(port), '--users', '300'],
        { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] }
    );
    let out = '';
    return new Promise((done, fail) => {
        const timer = setTimeout(() => {
            child.kill('SIGTERM');
            fail(new Error(`the server did not start in 300 s:\n${out}`));
        }, 300_000);
        const read = (chunk) => {
            out += chunk;
            if (out.includes('Local app: http://')) {
                clearTimeout(timer);
                done({ child, output: () => out });
            }
        };
        child.stdout.on('data', read);
        child.stderr.on('data', read);
        child.on('exit', (code) => {
            clearTimeout(timer);
            fail(new Error(`the server exited with ${code}:\n${out}`));
        });
    });
}

/**
 * A real migration through the wizard: Customer Community Login users to Customer Community Plus Login, mapping
 * saved as proposed, preflight, a real run confirmed with the typed phrase, the console followed to Completed.
 */
async function happyPath(page) {
    const shot = (name) => page.screenshot({ path: join(shots, name), fullPage: true });
    await page.getByRole('combobox', { name: 'License' }).click();
    await page.getByRole('option', { name: 'Customer Community Login', exact: true }).click();
    await page.getByText(/^\d+ users? match/).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await page.getByText(/^Customer Community Plus Login —/).click();
    await page.getByRole('combobox', { name: 'Target profile' }).click();
    await page.getByRole('option', { name: 'Customer Community Plus Login User' }).click();
    await shot('02-target.png');
    await page.getByRole('button', { name: 'Create run' }).click();
    const save = page.getByRole('button', { name: 'Save mapping' });
    await save.waitFor({ timeout: 60_000 });
    await shot('03-permissions.png');
    await save.click();
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await page.getByRole('button', { name: 'Run preflight' }).click();
    await page.getByRole('button', { name: 'Run preflight again' }).waitFor({ timeout: 120_000 });
    await shot('04-preflight.png');
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await page.getByText('Real run: move the users').click();
    const phrase = page.getByLabel(/Type IRREVERSIBLE/);
    if (await phrase.count()) await phrase.fill('IRREVERSIBLE');
    await shot('05-confirm.png');
    await page.getByRole('button', { name: 'Start migration' }).click();
    const console_ = page.locator('c-run-console');
    await console_.getByText('Completed', { exact: true }).first().waitFor({ timeout: 180_000 });
    await shot('06-run-completed.png');
    const text = await console_.innerText();
    const finished = /finished: (\d+) succeeded, (\d+) failed/i.exec(text);
    if (!finished || Number(finished[1]) === 0 || Number(finished[2]) !== 0)
        throw new Error(`the run did not migrate its users: ${text.split('\n').slice(0, 4).join(' / ')}`);
    console.log(`local-app smoke: real run completed, ${finished[1]} users migrated`);
}

async function main() {
    const browserPath = findBrowser();
    if (!browserPath) {
        console.log('local-app smoke: skipped, no Chromium found (apt-get install chromium, or set CHROME_PATH)');
        return 0;
    }
    if (!existsSync(join(root, 'artifacts', 'local-app', 'app.js'))) {
        const { buildApp } = await import('../build.mjs');
        await buildApp();
    }
    mkdirSync(shots, { recursive: true });
    const { chromium } = await import('playwright-core');
    const port = await freePort();
    const server = await startServer(port);
    const failures = [];
    let browser = null;
    try {
        browser = await chromium.launch({ executablePath: browserPath, args: ['--no-sandbox'] });
        const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
        page.on('pageerror', (e) => failures.push(`page error: ${e.message}`));
        const apexCalls = [];
        page.on('response', (r) => {
            if (new URL(r.url()).pathname === '/apex')
                apexCalls.push({ status: r.status(), body: r.request().postData() });
        });
        const firstCall = page.waitForResponse((r) => new URL(r.url()).pathname === '/apex', { timeout: 60_000 });
        await page.goto(`http://127.0.0.1:${port}/`);
        await page.getByText('Select users', { exact: true }).first().waitFor({ timeout: 60_000 });
        const first = await firstCall;
        if (first.status() !== 200) failures.push(`first Apex call answered ${first.status()}`);
        // The license summary is a @wire of an Apex method: its rows prove a round trip reached the page.
        await page.getByText('Customer Community Plus', { exact: true }).first().waitFor({ timeout: 60_000 });
        await page.screenshot({ path: join(shots, '01-select-users.png'), fullPage: true });
        console.log('local-app smoke: the wizard rendered and its first Apex calls answered');
        await happyPath(page);
        const bad = apexCalls.filter((c) => c.status !== 200);
        if (bad.length) failures.push(`Apex calls failed: ${bad.map((c) => `${c.status} ${c.body}`).join('; ')}`);
        console.log(`local-app smoke: ${apexCalls.length} Apex calls, screenshots in ${shots.slice(root.length + 1)}`);
    } finally {
        if (browser) await browser.close();
        server.child.kill('SIGTERM');
    }
    if (failures.length) {
        console.error(`local-app smoke: FAILED\n  ${failures.join('\n  ')}`);
        return 1;
    }
    return 0;
}

main().then(
    (code) => {
        process.exitCode = code;
    },
    (err) => {
        console.error(`local-app smoke: FAILED: ${err && err.message ? err.message : err}`);
        process.exitCode = 1;
    }
);
