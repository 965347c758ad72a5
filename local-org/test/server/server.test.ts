/**
 * The local app's server over HTTP: Apex round trips, LDS-shaped errors, refused methods, background async steps
 * that move an AsyncApexJob forward, static files, and the serve command's bad-usage answers.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAppServer, type AppServer } from '../../src/server/app-server';
import { parseServeArgs, runServe } from '../../src/server/serve';
import { project } from '../runtime/helpers';

const CONTROLLER = `public with sharing class AppCtl {
    @AuraEnabled(cacheable=true)
    public static String greet(String name, Integer times) {
        return name.repeat(times);
    }
    @AuraEnabled
    public static Id makeAccount(String name) {
        Account a = new Account(Name = name);
        insert a;
        return a.Id;
    }
    @AuraEnabled
    public static void refuse() {
        throw new AuraHandledException('Not today.');
    }
    public static String hidden() {
        return 'x';
    }
    @AuraEnabled
    public static Id startRename() {
        List<Account> rows = new List<Account>();
        for (Integer i = 0; i < 3; i++) rows.add(new Account(Name = 'Acc ' + i));
        insert rows;
        return Database.executeBatch(new RenameBatch(), 1);
    }
    @AuraEnabled
    public static Map<String, Object> job(Id jobId) {
        AsyncApexJob j = [SELECT Status, JobItemsProcessed, TotalJobItems FROM AsyncApexJob WHERE Id = :jobId];
        return new Map<String, Object>{ 'status' => j.Status, 'done' => j.JobItemsProcessed, 'total' => j.TotalJobItems };
    }
}`;

const BATCH = `public class RenameBatch implements Database.Batchable<SObject> {
    public Database.QueryLocator start(Database.BatchableContext bc) {
        return Database.getQueryLocator('SELECT Id, Name FROM Account WHERE Name LIKE \\'Acc %\\'');
    }
    public void execute(Database.BatchableContext bc, List<Account> scope) {
        for (Account a : scope) a.Name = a.Name + ' renamed';
        update scope;
    }
    public void finish(Database.BatchableContext bc) {}
}`;

let app: AppServer;
let base: string;
let pageDir: string;

before(async () => {
    const p = await project({ 'AppCtl.cls': CONTROLLER, 'RenameBatch.cls': BATCH });
    pageDir = mkdtempSync(join(tmpdir(), 'local-app-page-'));
    writeFileSync(join(pageDir, 'index.html'), '<!doctype html><title>page</title>');
    writeFileSync(join(pageDir, 'app.js'), 'console.log(1);');
    app = createAppServer({ project: p, staticRoots: [{ prefix: '/', dir: pageDir }], asyncIntervalMs: 20 });
    await new Promise<void>((done) => app.server.listen(0, '127.0.0.1', done));
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
});

after(async () => {
    await app.close();
});

async function apex(classname: string, method: string, params: Record<string, unknown> = {}) {
    const res = await fetch(`${base}/apex`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ classname, method, params })
    });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

test('POST /apex calls the method with parameters by name and returns its value', async () => {
    const r = await apex('AppCtl', 'greet', { name: 'ab', times: 3 });
    assert.equal(r.status, 200);
    assert.deepEqual(r.json, { returnValue: 'ababab', cacheable: true });
    const made = await apex('AppCtl', 'makeAccount', { name: 'Acme' });
    assert.equal(made.status, 200);
    assert.match(String(made.json.returnValue), /^001\w{15}$/);
    assert.equal(made.json.cacheable, false);
});

test('an Apex exception comes back as LDS delivers it: {status, body: {message, exceptionType, ...}}', async () => {
    const r = await apex('AppCtl', 'refuse');
    assert.equal(r.status, 500);
    assert.equal(r.json.status, 500);
    const body = r.json.body as Record<string, unknown>;
    assert.equal(body.message, 'Not today.');
    assert.equal(body.exceptionType, 'System.AuraHandledException');
    assert.equal(r.json.emulatorError, false);
});

test('a method that is not @AuraEnabled is refused with 400', async () => {
    const r = await apex('AppCtl', 'hidden');
    assert.equal(r.status, 400);
    assert.equal((r.json.body as Record<string, unknown>).message, 'AppCtl.hidden is not an @AuraEnabled method');
    const missing = await apex('NoSuchClass', 'x');
    assert.equal(missing.status, 400);
    assert.equal((missing.json.body as Record<string, unknown>).message, 'No Apex class named NoSuchClass');
});

test('a malformed request is refused with 400 and an LDS-shaped body; GET /apex with 405', async () => {
    const bad = await fetch(`${base}/apex`, { method: 'POST', body: '{not json' });
    assert.equal(bad.status, 400);
    const json = (await bad.json()) as { status: number; body: { message: string } };
    assert.equal(json.status, 400);
    assert.equal(json.body.message, 'The request body is not JSON');
    const noMethod = await fetch(`${base}/apex`, { method: 'POST', body: JSON.stringify({ classname: 'AppCtl' }) });
    assert.equal(noMethod.status, 400);
    const get = await fetch(`${base}/apex`);
    assert.equal(get.status, 405);
    await get.body?.cancel();
});

test('the background loop runs async steps: a batch started by a call advances to Completed', async () => {
    const started = await apex('AppCtl', 'startRename');
    assert.equal(started.status, 200);
    const jobId = started.json.returnValue as string;
    const seen = new Set<string>();
    let last: Record<string, unknown> = {};
    for (let i = 0; i < 200; i++) {
        const r = await apex('AppCtl', 'job', { jobId });
        last = r.json.returnValue as Record<string, unknown>;
        seen.add(`${String(last.status)}:${String(last.done)}`);
        if (last.status === 'Completed') break;
        await new Promise((done) => setTimeout(done, 10));
    }
    assert.equal(last.status, 'Completed');
    assert.equal(last.done, 3);
    assert.equal(last.total, 3);
    // Progress was observable between steps: some state before the end.
    assert.ok(seen.size >= 2, `only saw ${[...seen].join(', ')}`);
    assert.ok(app.asyncSteps() >= 5, 'start, three chunks and finish ran as separate steps');
});

test('GET / serves the app page, other files by path; a path leaving the folder is not served', async () => {
    const page = await fetch(`${base}/`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(await page.text(), /<title>page<\/title>/);
    const js = await fetch(`${base}/app.js`);
    assert.match(js.headers.get('content-type') ?? '', /^text\/javascript/);
    await js.body?.cancel();
    const escape = await fetch(`${base}/%2e%2e/${encodeURIComponent('etc/passwd')}`);
    assert.equal(escape.status, 404);
    await escape.body?.cancel();
});

test('serve: flags and PORT are read; bad values are usage errors', () => {
    const a = parseServeArgs(['--port=4001', '--users', '50'], {});
    assert.ok(a !== 'help');
    assert.equal(a.port, 4001);
    assert.equal(a.users, 50);
    assert.deepEqual(a.sourceDirs, ['force-app']);
    const env = parseServeArgs([], { PORT: '4555' });
    assert.ok(env !== 'help');
    assert.equal(env.port, 4555);
    assert.throws(() => parseServeArgs(['--port', 'x'], {}), /--port must be a whole number/);
    assert.throws(() => parseServeArgs(['--bogus'], {}), /unknown flag "--bogus"/);
});

test('serve: a port in use gives one line and exit 2, before anything is loaded', async () => {
    const blocker = createServer();
    await new Promise<void>((done) => blocker.listen(0, '127.0.0.1', done));
    const port = (blocker.address() as AddressInfo).port;
    const err: string[] = [];
    let loaded = false;
    const code = await runServe(['--port', String(port)], {
        stdout: () => undefined,
        stderr: (t) => err.push(t),
        env: {},
        loadProject: () => {
            loaded = true;
            throw new Error('must not load');
        }
    });
    await new Promise<void>((done) => blocker.close(() => done()));
    assert.equal(code, 2);
    assert.equal(loaded, false);
    assert.equal(err.join(''), `local-org serve: port ${port} is in use; choose another with --port <n> or PORT=<n>\n`);
});
