/**
 * @AuraEnabled calls as a component makes them: parameters by name, Aura's serialisation of the answer, cacheable
 * methods without DML, platform-shaped errors and rollback.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AuraResult, LoadedProject } from '../../src/api';
import { project } from './helpers';

const CONTROLLER = `public with sharing class Ctl {
    public class Dto {
        @AuraEnabled public String name;
        @AuraEnabled public List<Integer> counts;
        @AuraEnabled public Date day;
        public String hidden = 'server only';
    }
    public class Filter {
        public String name;
        public Integer size;
    }
    @AuraEnabled(cacheable=true)
    public static Dto describe(String name, Integer n) {
        Dto d = new Dto();
        d.name = name;
        d.counts = new List<Integer>{ n, n + 1 };
        d.day = Date.newInstance(2026, 11, 22);
        return d;
    }
    @AuraEnabled
    public static String echoFilter(Filter f) {
        return f == null ? 'none' : f.name + ':' + f.size;
    }
    @AuraEnabled
    public static Id makeAccount(String name) {
        Account a = new Account(Name = name);
        insert a;
        return a.Id;
    }
    @AuraEnabled
    public static List<Account> accounts() {
        return [SELECT Id, Name FROM Account ORDER BY Name];
    }
    @AuraEnabled(cacheable=true)
    public static Id makeAccountCached(String name) {
        Account a = new Account(Name = name);
        insert a;
        return a.Id;
    }
    @AuraEnabled
    public static void refuse() {
        throw new AuraHandledException('You cannot do that.');
    }
    @AuraEnabled
    public static void insertThenFail() {
        insert new Account(Name = 'rolled back');
        throw new MyException('after the insert');
    }
    public class MyException extends Exception {}
    public static String notExposed() {
        return 'x';
    }
    @AuraEnabled
    public static void returnsNothing() {
    }
}`;

async function ctl(): Promise<LoadedProject> {
    return project({ 'Ctl.cls': CONTROLLER });
}

function failed(r: AuraResult): Extract<AuraResult, { ok: false }> {
    assert.equal(r.ok, false, 'the call must fail');
    return r as Extract<AuraResult, { ok: false }>;
}

test('parameters arrive by name; only @AuraEnabled members go back; dates as ISO text', async () => {
    const p = await ctl();
    const r = await p.invokeAura!('Ctl', 'describe', { name: 'Acme', n: 4 });
    assert.deepEqual(r, {
        ok: true,
        returnValue: { name: 'Acme', counts: [4, 5], day: '2026-11-22' },
        cacheable: true,
        debugLines: []
    });
    const missing = await p.invokeAura!('ctl', 'DESCRIBE', { n: 1 });
    assert.equal(missing.ok && (missing.returnValue as { name: unknown }).name, null, 'a parameter left out is null');
});

test('an object parameter is built from its JSON by field name', async () => {
    const p = await ctl();
    assert.deepEqual(await p.invokeAura!('Ctl', 'echoFilter', { f: { name: 'x', size: 3 } }), {
        ok: true,
        returnValue: 'x:3',
        cacheable: false,
        debugLines: []
    });
    const bad = failed(await p.invokeAura!('Ctl', 'echoFilter', { f: 'not an object' }));
    assert.equal(bad.status, 400);
    assert.match(bad.body.message, /Value provided is invalid for action parameter 'f'/);
});

test('each call is one committed transaction; SObjects go back as plain field maps', async () => {
    const p = await ctl();
    const made = await p.invokeAura!('Ctl', 'makeAccount', { name: 'Acme' });
    assert.equal(made.ok, true);
    const id = made.ok ? String(made.returnValue) : '';
    assert.match(id, /^001\w{15}$/);
    const listed = await p.invokeAura!('Ctl', 'accounts', {});
    assert.deepEqual(listed.ok && listed.returnValue, [{ Id: id, Name: 'Acme' }]);
});

test('a cacheable method may not do DML', async () => {
    const p = await ctl();
    const r = failed(await p.invokeAura!('Ctl', 'makeAccountCached', { name: 'x' }));
    assert.equal(r.status, 500);
    assert.equal(r.body.exceptionType, 'System.LimitException');
    assert.equal(r.body.message, 'Too many DML statements: 1');
    const listed = await p.invokeAura!('Ctl', 'accounts', {});
    assert.deepEqual(listed.ok && listed.returnValue, []);
});

test('Apex exceptions come back with type, message and user-defined flag; the transaction is rolled back', async () => {
    const p = await ctl();
    const handled = failed(await p.invokeAura!('Ctl', 'refuse', {}));
    assert.deepEqual(
        { status: handled.status, message: handled.body.message, type: handled.body.exceptionType },
        { status: 500, message: 'You cannot do that.', type: 'System.AuraHandledException' }
    );
    assert.equal(handled.body.isUserDefinedException, false);
    const mine = failed(await p.invokeAura!('Ctl', 'insertThenFail', {}));
    assert.equal(mine.body.exceptionType, 'Ctl.MyException');
    assert.equal(mine.body.isUserDefinedException, true);
    assert.equal(mine.body.message, 'after the insert');
    const listed = await p.invokeAura!('Ctl', 'accounts', {});
    assert.deepEqual(listed.ok && listed.returnValue, [], 'the insert was rolled back');
});

test('methods that are not @AuraEnabled, and unknown classes, are refused before anything runs', async () => {
    const p = await ctl();
    const hidden = failed(await p.invokeAura!('Ctl', 'notExposed', {}));
    assert.equal(hidden.status, 400);
    assert.equal(hidden.body.message, 'Ctl.notExposed is not an @AuraEnabled method');
    const none = failed(await p.invokeAura!('Nope', 'x', {}));
    assert.equal(none.body.message, 'No Apex class named Nope');
    const inner = failed(await p.invokeAura!('Dto', 'x', {}));
    assert.equal(inner.body.message, 'No Apex class named Dto');
    const v = await p.invokeAura!('Ctl', 'returnsNothing', {});
    assert.deepEqual(v, { ok: true, returnValue: undefined, cacheable: false, debugLines: [] });
});
