// Shared plumbing of the local app's browser tests: find Chromium, build the app when stale, start `local-org
// serve` on a free port, open a page, collect page errors and failed Apex calls, write screenshots, stop everything.
// Each test is one script that calls runBrowserTest; without a browser it skips with one line (exit 0).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { staleBundleReason } from './bundle.mjs';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

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
function startServer(port, extraArgs) {
    const child = spawn(
        process.execPath,
        [join(root, 'local-org', 'bin', 'local-org.js'), 'serve', '--port', String(port), ...extraArgs],
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

async function postJson(url, body) {
    const res = await fetch(url, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body)
    });
    const json = await res.json();
    if (!res.ok) throw new Error(`${url} answered ${res.status}: ${JSON.stringify(json)}`);
    return json;
}

/**
 * Runs one browser test and sets the exit code. `body(t)` gets
 *   t.page, t.base (the server's URL), t.shot(fileName), t.log(line),
 *   t.apex(classname, method, params) — the product's own /apex route, for test setup and checks,
 *   t.hook(path, body?) — the server's /__test/ routes (only with testHooks: true).
 * Apex calls from the page that answer other than 200 fail the test.
 */
export async function runBrowserTest({ name, shotsDir, users = 300, testHooks = false, body }) {
    const log = (line) => console.log(`${name}: ${line}`);
    let code = 1;
    try {
        code = await run();
    } catch (err) {
        console.error(`${name}: FAILED: ${err && err.message ? err.message : err}`);
    }
    process.exitCode = code;

    async function run() {
        const browserPath = findBrowser();
        if (!browserPath) {
            log('skipped, no Chromium found (apt-get install chromium, or set CHROME_PATH)');
            return 0;
        }
        const stale = staleBundleReason(root);
        if (stale) {
            log(`building the UI first (${stale})`);
            const { buildApp } = await import('../../build.mjs');
            await buildApp();
        }
        const shots = join(root, 'artifacts', shotsDir);
        mkdirSync(shots, { recursive: true });
        const { chromium } = await import('playwright-core');
        const port = await freePort();
        const args = ['--users', String(users), ...(testHooks ? ['--test-hooks'] : [])];
        // Another copy of the Apex sources (e.g. a clean checkout while the working tree is mid-change).
        if (process.env.LOCAL_APP_SOURCE_DIR) args.push('--source-dir', process.env.LOCAL_APP_SOURCE_DIR);
        const server = await startServer(port, args);
        const base = `http://127.0.0.1:${port}`;
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
            const t = {
                page,
                base,
                log,
                apexCalls,
                shot: (file) => page.screenshot({ path: join(shots, file), fullPage: true }),
                apex: async (classname, method, params = {}) =>
                    (await postJson(`${base}/apex`, { classname, method, params })).returnValue,
                hook: (path, hookBody) => postJson(`${base}/__test/${path}`, hookBody)
            };
            await body(t);
            const bad = apexCalls.filter((c) => c.status !== 200);
            if (bad.length) failures.push(`Apex calls failed: ${bad.map((c) => `${c.status} ${c.body}`).join('; ')}`);
            log(`${apexCalls.length} Apex calls, screenshots in ${shots.slice(root.length + 1)}`);
        } finally {
            if (browser) await browser.close();
            server.child.kill('SIGTERM');
        }
        if (failures.length) {
            console.error(`${name}: FAILED\n  ${failures.join('\n  ')}`);
            return 1;
        }
        return 0;
    }
}

/** Throws with `message` unless `ok`. */
export function check(ok, message) {
    if (!ok) throw new Error(message);
}
