/**
 * The served org's state: values and records through the state file, a restart that keeps Ids and records, jobs in
 * flight marked Failed, a corrupt or foreign file refused in one line, debounced atomic saves, POST /reset, and the
 * serve flags that choose all this.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli';
import { Catalog } from '../../src/org/schema/catalog';
import { Store } from '../../src/org/store';
import {
    ApexDate,
    ApexDatetime,
    ApexDecimal,
    ApexDouble,
    ApexId,
    ApexTime,
    type FieldValue
} from '../../src/org/values';
import { loadProject } from '../../src/runtime/index';
import { currentOrg } from '../../src/runtime/org-data';
import { createAppServer } from '../../src/server/app-server';
import { loadDemoOrg } from '../../src/server/demo-org';
import { Persister } from '../../src/server/persister';
import { failJobsInFlight, LOST_JOB_STATUS, loadSavedOrg } from '../../src/server/saved-org';
import { parseServeArgs, runServe } from '../../src/server/serve';
import {
    decodeValue,
    encodeValue,
    readStateFile,
    serialiseStore,
    StateFileError,
    writeAtomically
} from '../../src/server/state-file';
import { project } from '../runtime/helpers';

const CTL = `public with sharing class StateCtl {
    @AuraEnabled
    public static Id makeAccount(String name) {
        Account a = new Account(Name = name);
        insert a;
        return a.Id;
    }
    @AuraEnabled
    public static List<String> accounts(String name) {
        List<String> ids = new List<String>();
        for (Account a : [SELECT Id FROM Account WHERE Name = :name]) ids.add(a.Id);
        return ids;
    }
    @AuraEnabled
    public static Integer externalUsers() {
        return [SELECT COUNT() FROM User WHERE ContactId != null];
    }
}`;

function sources(): string {
    const dir = mkdtempSync(join(tmpdir(), 'state-src-'));
    mkdirSync(join(dir, 'classes'));
    writeFileSync(join(dir, 'classes', 'StateCtl.cls'), CTL);
    return dir;
}

function freePort(): Promise<number> {
    return new Promise((done) => {
        const s = createServer().listen(0, '127.0.0.1', () => {
            const port = (s.address() as AddressInfo).port;
            s.close(() => done(port));
        });
    });
}

const tmp = (): string => mkdtempSync(join(tmpdir(), 'state-file-'));

test('every kind of field value comes back from the file as it was', () => {
    const values: FieldValue[] = [
        null,
        true,
        false,
        42,
        -0.5,
        12345678901234567890n,
        'text with "quotes"',
        ApexId.of('001000000000001'),
        new ApexDatetime(1_700_000_000_123),
        ApexDate.newInstance(2024, 2, 29),
        ApexTime.newInstance(13, 14, 15, 16),
        new ApexDecimal(-12345n, 3),
        new ApexDouble(1.25)
    ];
    const back = values.map((v) => decodeValue(JSON.parse(JSON.stringify(encodeValue(v)))));
    assert.deepEqual(back, values);
    assert.equal((back[7] as ApexId).id18, ApexId.of('001000000000001').id18);
    assert.throws(() => decodeValue(['nope', 1]), /unknown value tag "nope"/);
});

test('a store read back from its file has the same rows, and new Ids continue after the saved ones', () => {
    const catalog = Catalog.standard();
    const store = new Store(catalog);
    const a = store.insert('Account', { Name: 'Saved' });
    const gone = store.insert('Account', { Name: 'Deleted' });
    store.delete(gone.id);
    const file = join(tmp(), 'org.json');
    writeAtomically(file, serialiseStore(store));
    const saved = readStateFile(file, catalog);
    const other = new Store(catalog);
    other.load(saved.rows, saved.counters);
    assert.deepEqual(other.get(a.id)?.values, a.values);
    assert.equal(other.get(gone.id), undefined, 'a deleted row stays in the recycle bin');
    assert.equal(other.get(gone.id, { allRows: true })?.values.get('isdeleted'), true);
    const next = other.insert('Account', { Name: 'After' });
    assert.ok(next.id > gone.id, `${next.id} after ${gone.id}`);
    assert.equal(other.lookup('Account', 'Name', 'saved').size, 1, 'indexes are rebuilt from the loaded rows');
});

test('a corrupt, foreign or truncated file is one StateFileError naming the file and the way out', () => {
    const catalog = Catalog.standard();
    const dir = tmp();
    const cases: Array<[string, string, RegExp]> = [
        ['trunc.json', '{"format":"local-org-state/1","tab', /not JSON: truncated or corrupt/],
        ['other.json', '{"format":"something-else"}', /not a local-org-state\/1 file/],
        ['schema.json', '{"format":"local-org-state/1","schema":"0000"}', /other objects or fields/]
    ];
    for (const [name, text, reason] of cases) {
        writeFileSync(join(dir, name), text);
        const err = (() => {
            try {
                readStateFile(join(dir, name), catalog);
            } catch (e) {
                return e;
            }
            return null;
        })();
        assert.ok(err instanceof StateFileError, name);
        assert.match(err.message, reason);
        assert.match(err.message, /^state file .* is not readable \(.*\); start with --reset to discard it$/);
    }
    assert.throws(() => readStateFile(join(dir, 'missing.json'), catalog), /\(ENOENT\)/);
});

test('jobs still queued or running at the save come back Failed, saying why; finished ones stay', () => {
    const store = new Store(Catalog.standard());
    const queued = store.insert('AsyncApexJob', { JobType: 'BatchApex', Status: 'Processing' }).id;
    const done = store.insert('AsyncApexJob', { JobType: 'BatchApex', Status: 'Completed' }).id;
    assert.equal(failJobsInFlight(store), 1);
    assert.equal(store.get(queued)?.values.get('status'), 'Failed');
    assert.equal(store.get(queued)?.values.get('extendedstatus'), LOST_JOB_STATUS);
    assert.equal(store.get(done)?.values.get('status'), 'Completed');
});

test('a restart from the state file keeps the demo org and what a call changed', async () => {
    const src = sources();
    const demo = await loadDemoOrg([src], loadProject, { users: 40 });
    const made = await demo.project.invokeAura!('StateCtl', 'makeAccount', { name: 'Kept across restarts' });
    assert.ok(made.ok);
    const file = join(tmp(), 'state', 'org.json');
    writeAtomically(file, serialiseStore(demo.store));

    const saved = await loadSavedOrg([src], loadProject, file);
    const found = await saved.project.invokeAura!('StateCtl', 'accounts', { name: 'Kept across restarts' });
    assert.ok(found.ok);
    assert.deepEqual(found.returnValue, [made.returnValue]);
    const users = await saved.project.invokeAura!('StateCtl', 'externalUsers', {});
    assert.ok(users.ok);
    assert.equal(users.returnValue, 78, '40 generated and 38 added by DML');
    assert.match(saved.summary[0], /restored from .* 78 external users/);
    const again = await saved.project.invokeAura!('StateCtl', 'makeAccount', { name: 'New' });
    assert.ok(again.ok);
    assert.ok(String(again.returnValue) > String(made.returnValue), 'no Id is handed out twice');
});

test('a file saved by an org with other baseline records is refused', async () => {
    const p = await project({ 'StateCtl.cls': CTL });
    await p.executeAnonymous('Integer probe = 0;', 'probe.apex');
    // The schema of the loaded sources, but none of the baseline rows (profiles, licenses, the admin).
    const empty = new Store(currentOrg.org!.store.catalog);
    empty.insert('Account', { Name: 'lonely' });
    const file = join(tmp(), 'org.json');
    writeFileSync(file, serialiseStore(empty));
    await assert.rejects(
        loadSavedOrg([sources()], loadProject, file),
        (e: unknown) => e instanceof StateFileError && /belongs to another org/.test(e.message)
    );
});

test('serve with a corrupt state file: one line on stderr, exit 2, no stack', async () => {
    const dir = tmp();
    const file = join(dir, 'org.json');
    writeFileSync(file, '{"format": "local-org-state/1", "tables": {');
    const err: string[] = [];
    const out: string[] = [];
    const port = await freePort();
    // An app page of its own, so the test does not depend on a built artifacts/local-app (a fresh clone has none).
    writeFileSync(join(dir, 'index.html'), '<!doctype html>');
    const args = ['--port', String(port), '--source-dir', sources(), '--state-file', file, '--app-dir', dir];
    const code = await runServe(args, {
        stdout: (t) => out.push(t),
        stderr: (t) => err.push(t),
        env: {},
        loadProject: () => loadProject
    });
    assert.equal(code, 2);
    assert.equal(
        err.join(''),
        `local-org serve: state file ${file} is not readable (not JSON: truncated or corrupt); start with --reset to discard it\n`
    );
});

test('saves are debounced into one, written atomically, and close writes what is pending', async () => {
    const store = new Store(Catalog.standard());
    const dir = tmp();
    const file = join(dir, 'org.json');
    const errors: string[] = [];
    const p = new Persister({
        file,
        store: () => store,
        exclusive: async (fn) => fn(),
        debounceMs: 30,
        maxWaitMs: 1000,
        onError: (m) => errors.push(m)
    });
    store.insert('Account', { Name: 'one' });
    p.changed();
    store.insert('Account', { Name: 'two' });
    p.changed();
    await new Promise((r) => setTimeout(r, 120));
    assert.equal(p.saves, 1);
    assert.equal(readStateFile(file, store.catalog).rows.length, 2);
    store.insert('Account', { Name: 'three' });
    p.changed();
    await p.close();
    assert.equal(p.saves, 2);
    assert.equal(readStateFile(file, store.catalog).rows.length, 3);
    assert.deepEqual(readdirSync(dir), ['org.json'], 'no temporary file left behind');
    assert.deepEqual(errors, []);
    assert.ok(JSON.parse(readFileSync(file, 'utf8')).savedAt);
});

test('a save that cannot write is reported, not thrown', async () => {
    const store = new Store(Catalog.standard());
    const blocker = join(tmp(), 'file');
    writeFileSync(blocker, 'x');
    const errors: string[] = [];
    const p = new Persister({
        file: join(blocker, 'org.json'),
        store: () => store,
        exclusive: async (fn) => fn(),
        onError: (m) => errors.push(m)
    });
    await p.flush();
    assert.equal(p.saves, 0);
    assert.match(errors[0], /^cannot save .*org\.json: /);
});

test('POST /reset swaps in the fresh org; it needs JSON and POST, and does not exist without a reset builder', async () => {
    const files = { 'StateCtl.cls': CTL };
    const first = await project(files);
    let builds = 0;
    const changes: string[] = [];
    const app = createAppServer({
        project: first,
        staticRoots: [],
        asyncIntervalMs: 20,
        onOrgChange: () => changes.push('change'),
        reset: async () => {
            builds++;
            return project(files);
        }
    });
    await new Promise<void>((done) => app.server.listen(0, '127.0.0.1', done));
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const apex = async (method: string, params: Record<string, unknown>): Promise<unknown> => {
        const res = await fetch(`${base}/apex`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ classname: 'StateCtl', method, params })
        });
        return ((await res.json()) as { returnValue: unknown }).returnValue;
    };
    try {
        await apex('makeAccount', { name: 'Before reset' });
        assert.equal(((await apex('accounts', { name: 'Before reset' })) as string[]).length, 1);
        assert.ok(changes.length >= 1, 'a call that may write reports a change');
        assert.equal((await fetch(`${base}/reset`)).status, 405);
        assert.equal((await fetch(`${base}/reset`, { method: 'POST', body: '{}' })).status, 415);
        assert.equal(builds, 0);
        const res = await fetch(`${base}/reset`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: '{}'
        });
        assert.equal(res.status, 200);
        assert.equal(((await res.json()) as { reset: boolean }).reset, true);
        assert.equal(builds, 1);
        assert.deepEqual(await apex('accounts', { name: 'Before reset' }), []);
    } finally {
        await app.close();
    }
    const plain = createAppServer({ project: first, staticRoots: [] });
    await new Promise<void>((done) => plain.server.listen(0, '127.0.0.1', done));
    try {
        const port = (plain.server.address() as AddressInfo).port;
        const res = await fetch(`http://127.0.0.1:${port}/reset`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: '{}'
        });
        assert.equal(res.status, 405, 'a POST to a path the server does not serve');
    } finally {
        await plain.close();
    }
});

test('serve flags: --state-file, --no-persist wins over it, --reset; no file unless asked', () => {
    const parse = (argv: string[]) => {
        const r = parseServeArgs(argv, {});
        assert.notEqual(r, 'help');
        return r as Exclude<typeof r, 'help'>;
    };
    assert.equal(parse([]).stateFile, null);
    assert.equal(parse(['--state-file', 'a/b.json']).stateFile, 'a/b.json');
    assert.equal(parse(['--state-file=a.json', '--no-persist']).stateFile, null);
    assert.equal(parse(['--reset']).reset, true);
    assert.equal(parse([]).reset, false);
    assert.throws(() => parse(['--state-file=']), /--state-file needs a path/);
});

test('local-org --help lists serve', async () => {
    let out = '';
    const code = await main(['--help'], { stdout: (t: string) => (out += t) });
    assert.equal(code, 0);
    assert.match(out, /^ {2}local-org serve \[--port N\]/m);
});
