/**
 * The server's test hooks (src/server/test-hooks.ts): faults injected into the served org make the app's DML fail
 * with the chosen status code until removed, seat counts change what the seat rule allows, and without
 * --test-hooks none of the routes exist.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { createAppServer, type AppServer } from '../../src/server/app-server';
import { parseServeArgs } from '../../src/server/serve';
import { testHookRoutes, testHooksOff } from '../../src/server/test-hooks';
import { project } from '../runtime/helpers';

const CONTROLLER = `public with sharing class HookCtl {
    @AuraEnabled
    public static List<String> renameAll(List<String> names) {
        List<Account> rows = new List<Account>();
        for (String n : names) rows.add(new Account(Name = n));
        insert rows;
        for (Account a : rows) a.Name = a.Name + '!';
        List<String> out = new List<String>();
        for (Database.SaveResult r : Database.update(rows, false))
            out.add(r.isSuccess() ? 'ok' : r.getErrors()[0].getStatusCode().name());
        return out;
    }
    @AuraEnabled
    public static String newCustomerUser(String tag) {
        Profile p = [SELECT Id FROM Profile WHERE UserLicense.Name = 'Customer Community' LIMIT 1];
        Account a = new Account(Name = 'Seat Co');
        insert a;
        Contact c = new Contact(LastName = 'Seat', AccountId = a.Id);
        insert c;
        User u = new User(LastName = 'Seat', Alias = 'seat', Email = 'seat@example.com',
            Username = 'seat.' + tag + '@hooks.example.com', ProfileId = p.Id,
            ContactId = c.Id, TimeZoneSidKey = 'GMT', LocaleSidKey = 'en_US', EmailEncodingKey = 'UTF-8',
            LanguageLocaleKey = 'en_US');
        Database.SaveResult r = Database.insert(u, false);
        return r.isSuccess() ? 'ok' : r.getErrors()[0].getStatusCode().name();
    }
}`;

let hooked: AppServer;
let plain: AppServer;
let base: string;
let plainBase: string;

async function listen(app: AppServer): Promise<string> {
    await new Promise<void>((done) => app.server.listen(0, '127.0.0.1', done));
    return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

before(async () => {
    const p = await project({ 'HookCtl.cls': CONTROLLER });
    hooked = createAppServer({ project: p, staticRoots: [], routes: testHookRoutes(p) });
    plain = createAppServer({ project: p, staticRoots: [], routes: testHooksOff });
    base = await listen(hooked);
    plainBase = await listen(plain);
});

after(async () => {
    await hooked.close();
    await plain.close();
});

interface License {
    name: string;
    used: number;
    total: number;
    free: number;
}

/** Every field a hook or /apex reply may carry. */
interface Reply {
    error: string;
    faults: Array<{ name: string; kind: string }>;
    licenses: License[];
    license: License;
    id: string;
    username: string;
    returnValue: unknown;
}

async function call(url: string, method = 'GET', body?: unknown): Promise<{ status: number; json: Reply }> {
    const res = await fetch(url, { method, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, json: (text.startsWith('{') ? JSON.parse(text) : { error: text }) as Reply };
}

async function apex(method: string, params: Record<string, unknown> = {}): Promise<unknown> {
    const r = await call(`${base}/apex`, 'POST', { classname: 'HookCtl', method, params });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    return r.json.returnValue;
}

test('an injected fault fails the matching rows with its status code until it is removed', async () => {
    const set = await call(`${base}/__test/faults`, 'POST', {
        faults: [
            { name: 'lock', operation: 'update', sobject: 'Account', afterRows: 1, statusCode: 'UNABLE_TO_LOCK_ROW' }
        ]
    });
    assert.equal(set.status, 200);
    assert.deepEqual(set.json, { faults: [{ name: 'lock', kind: 'dml' }] });
    assert.deepEqual((await call(`${base}/__test/faults`)).json, { faults: [{ name: 'lock', kind: 'dml' }] });
    assert.deepEqual(await apex('renameAll', { names: ['a', 'b', 'c'] }), [
        'ok',
        'UNABLE_TO_LOCK_ROW',
        'UNABLE_TO_LOCK_ROW'
    ]);

    const cleared = await call(`${base}/__test/faults`, 'POST', { faults: [] });
    assert.deepEqual(cleared.json, { faults: [] });
    assert.deepEqual(await apex('renameAll', { names: ['d', 'e'] }), ['ok', 'ok']);
});

test('installing faults again starts their counters from zero', async () => {
    const fault = { operation: 'update', sobject: 'Account', afterRows: 1, statusCode: 'UNABLE_TO_LOCK_ROW' };
    await call(`${base}/__test/faults`, 'POST', { faults: [fault] });
    assert.deepEqual(await apex('renameAll', { names: ['f', 'g'] }), ['ok', 'UNABLE_TO_LOCK_ROW']);
    await call(`${base}/__test/faults`, 'POST', { faults: [fault] });
    assert.deepEqual(await apex('renameAll', { names: ['h', 'i'] }), ['ok', 'UNABLE_TO_LOCK_ROW']);
    await call(`${base}/__test/faults`, 'POST', { faults: [] });
});

test('a fault body is checked as a fault file is: bad entries are a 400 naming the problem, nothing installed', async () => {
    const bad = await call(`${base}/__test/faults`, 'POST', {
        faults: [{ operation: 'update', sobject: 'Account', statusCode: 'X' }]
    });
    assert.equal(bad.status, 400);
    assert.match(
        bad.json.error,
        /POST \/__test\/faults: faults\[0\]: give exactly one of "onStatement" and "afterRows"/
    );
    const notJson = await fetch(`${base}/__test/faults`, { method: 'POST', body: '{nope' });
    assert.equal(notJson.status, 400);
    assert.match(((await notJson.json()) as { error: string }).error, /not valid JSON/);
    assert.deepEqual((await call(`${base}/__test/faults`)).json, { faults: [] });
});

test('seats: freeSeats sets the total from the active users, and the seat rule then refuses one more user', async () => {
    const list = await call(`${base}/__test/licenses`);
    assert.equal(list.status, 200);
    const customer = list.json.licenses.find((l) => l.name === 'Customer Community');
    assert.ok(customer, 'the baseline org has a Customer Community license');

    const full = await call(`${base}/__test/licenses`, 'POST', { name: 'Customer Community', freeSeats: 0 });
    assert.equal(full.status, 200);
    assert.deepEqual(full.json.license, {
        name: 'Customer Community',
        used: customer.used,
        total: customer.used,
        free: 0
    });
    assert.equal(await apex('newCustomerUser', { tag: 'a' }), 'LICENSE_LIMIT_EXCEEDED');

    const freed = await call(`${base}/__test/licenses`, 'POST', { name: 'Customer Community', freeSeats: 1 });
    assert.equal(freed.json.license.free, 1);
    assert.equal(await apex('newCustomerUser', { tag: 'b' }), 'ok');
    const after = await call(`${base}/__test/licenses`);
    const now = after.json.licenses.find((l) => l.name === 'Customer Community');
    assert.deepEqual(now, { name: 'Customer Community', used: customer.used + 1, total: customer.used + 1, free: 0 });
});

test('seats: bad bodies are refused and a total below the active users is never set', async () => {
    const cases: Array<[unknown, number, RegExp]> = [
        [{ name: 'Nope', freeSeats: 1 }, 404, /no UserLicense named "Nope"/],
        [{ name: 'Partner Community' }, 400, /exactly one of "freeSeats" and "totalLicenses"/],
        [{ name: 'Partner Community', freeSeats: 1, totalLicenses: 5 }, 400, /exactly one of/],
        [{ name: 'Partner Community', freeSeats: -1 }, 400, /"freeSeats" must be a whole number/],
        [{ name: 'Partner Community', seats: 1 }, 400, /unknown key\(s\) "seats"/],
        [[1], 400, /expected \{name, freeSeats\}/]
    ];
    for (const [body, status, message] of cases) {
        const r = await call(`${base}/__test/licenses`, 'POST', body);
        assert.equal(r.status, status, JSON.stringify(body));
        assert.match(r.json.error, message);
    }
    // One active user at least, so a total below the active users can be asked for.
    await call(`${base}/__test/licenses`, 'POST', { name: 'Customer Community', freeSeats: 1 });
    assert.equal(await apex('newCustomerUser', { tag: 'c' }), 'ok');
    const used =
        (await call(`${base}/__test/licenses`)).json.licenses.find((l) => l.name === 'Customer Community')?.used ?? 0;
    assert.ok(used > 0);
    const below = await call(`${base}/__test/licenses`, 'POST', {
        name: 'Customer Community',
        totalLicenses: used - 1
    });
    assert.equal(below.status, 400);
    assert.match(below.json.error, /has \d+ active users; totalLicenses \d+ is fewer/);
});

test('running-user names the admin the calls run as; wrong methods and unknown hooks are refused', async () => {
    const who = await call(`${base}/__test/running-user`);
    assert.equal(who.status, 200);
    assert.match(who.json.id, /^005\w{15}$/);
    assert.equal(typeof who.json.username, 'string');
    assert.ok(who.json.username.includes('@'));
    assert.equal((await call(`${base}/__test/running-user`, 'POST', {})).status, 405);
    assert.equal((await call(`${base}/__test/licenses`, 'DELETE')).status, 405);
    assert.equal((await call(`${base}/__test/nothing`)).status, 404);
});

test('without --test-hooks every /__test/ route answers 404 and changes nothing; other routes still work', async () => {
    for (const [path, method, body] of [
        [
            '/__test/faults',
            'POST',
            { faults: [{ operation: 'update', sobject: 'Account', afterRows: 0, statusCode: 'X' }] }
        ],
        ['/__test/licenses', 'POST', { name: 'Partner Community', freeSeats: 0 }],
        ['/__test/licenses', 'GET', undefined],
        ['/__test/running-user', 'GET', undefined]
    ] as const) {
        const r = await call(`${plainBase}${path}`, method, body);
        assert.equal(r.status, 404, `${method} ${path}`);
    }
    assert.deepEqual((await call(`${base}/__test/faults`)).json, { faults: [] });
    const r = await call(`${plainBase}/apex`, 'POST', {
        classname: 'HookCtl',
        method: 'renameAll',
        params: { names: ['z'] }
    });
    assert.deepEqual(r.json.returnValue, ['ok']);
});

test('serve turns the hooks on only with --test-hooks', () => {
    const off = parseServeArgs([], {});
    const on = parseServeArgs(['--test-hooks', '--port', '4002'], {});
    assert.ok(off !== 'help' && on !== 'help');
    assert.equal(off.testHooks, false);
    assert.equal(on.testHooks, true);
    assert.equal(on.port, 4002);
});
