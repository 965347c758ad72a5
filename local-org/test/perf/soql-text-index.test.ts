/**
 * `=` / `IN` on the text fields a real org indexes (User.Username, User.FederationIdentifier, unique and external Id
 * fields) go through the store's index instead of a full scan. The answer must be the one a scan gives: each query
 * is compared with the same filter written as `x OR x`, which the planner cannot narrow through an index.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Catalog } from '../../src/org/schema/catalog';
import { Store } from '../../src/org/store';
import { SoqlEngine } from '../../src/org/soql/engine';
import type { FieldValue } from '../../src/org/values';

function setup() {
    const catalog = Catalog.standard();
    let t = 1_000;
    const store = new Store(catalog, { now: () => t++ });
    const soql = new SoqlEngine(catalog, store);
    const ids = (text: string, binds: Record<string, FieldValue | FieldValue[]>): string[] => {
        const r = soql.query(text, { bind: (b) => binds[b.text.trim()], timeZone: 'UTC', nowMs: 0 });
        assert.equal(r.kind, 'rows');
        return r.kind === 'rows' ? r.rows.map((x) => x.id) : [];
    };
    return { store, ids };
}

function user(store: Store, username: string, federation: string | null) {
    return store.insert('User', { LastName: 'U', Username: username, FederationIdentifier: federation }).id;
}

test('Username and FederationIdentifier filters answer what a scan answers, case-insensitively', () => {
    const { store, ids } = setup();
    const a = user(store, 'Ann@Example.com', 'FED-1');
    const b = user(store, 'bob@example.com', 'fed-1');
    const c = user(store, 'cy@example.com', null);
    const cases: Array<[string, Record<string, FieldValue | FieldValue[]>, string[]]> = [
        ['Username = :u', { u: 'ann@example.COM' }, [a]],
        ['Username IN :u', { u: ['BOB@example.com', 'cy@example.com', 'nobody@x.com'] }, [b, c]],
        ['FederationIdentifier = :u', { u: 'Fed-1' }, [a, b]],
        ['FederationIdentifier = :u', { u: '' }, []],
        ['Username = :u AND LastName = :u', { u: 'ann@example.com' }, []]
    ];
    const check = (): void => {
        for (const [where, binds, expected] of cases) {
            const scanned = ids(`SELECT Id FROM User WHERE (${where}) OR (${where})`, binds);
            const indexed = ids(`SELECT Id FROM User WHERE ${where}`, binds);
            assert.deepEqual(indexed, scanned, where);
            if (where.startsWith('Username =') || where.startsWith('Username IN')) assert.deepEqual(indexed, expected);
        }
    };
    check();
    // The index follows writes and restores.
    const snap = store.snapshot();
    store.update(a, { Username: 'ann2@example.com' });
    assert.deepEqual(ids('SELECT Id FROM User WHERE Username = :u', { u: 'ann@example.com' }), []);
    assert.deepEqual(ids('SELECT Id FROM User WHERE Username = :u', { u: 'ANN2@example.com' }), [a]);
    store.restore(snap);
    assert.deepEqual(ids('SELECT Id FROM User WHERE Username = :u', { u: 'ann@example.com' }), [a]);
    check();
});
