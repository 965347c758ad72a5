/**
 * Invariants of the store's indexes (field lookups and derived-key indexes such as the active users per profile
 * that seat counting reads): after any sequence of writes, snapshots and restores, an index answers exactly what a
 * full scan of the current rows answers, and a snapshot's indexes are not disturbed by writes made after it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Catalog } from '../../src/org/schema/catalog';
import { type SRecord, type Snapshot, Store } from '../../src/org/store';
import { ApexId } from '../../src/org/values';
import { activeUserProfile } from '../../src/runtime/dml-rules';

function setup(): Store {
    let t = 1_000;
    return new Store(Catalog.standard(), { now: () => t++ });
}

/** A small deterministic PRNG (mulberry32), so a failure reproduces. */
function prng(seed: number): () => number {
    let a = seed;
    return () => {
        a = (a + 0x6d2b79f5) | 0;
        let x = Math.imul(a ^ (a >>> 15), 1 | a);
        x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
        return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
    };
}

/** Ids grouped by key, by a full scan of the live and deleted rows (what an index must hold). */
function scan(store: Store, objectName: string, keyOf: (r: SRecord) => string | null): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const r of store.rows(objectName, { allRows: true })) {
        const k = keyOf(r);
        if (k === null) continue;
        out.set(k, [...(out.get(k) ?? []), r.id]);
    }
    return out;
}

function assertIndexesMatch(store: Store, profiles: string[], contacts: string[], usernames: string[]): void {
    const active = scan(store, 'User', activeUserProfile);
    const byContact = scan(store, 'User', (r) =>
        r.values.get('contactid') ? String(r.values.get('contactid')) : null
    );
    const byName = scan(store, 'User', (r) => String(r.values.get('username')).toLowerCase());
    for (const p of profiles)
        assert.deepEqual(
            [...store.lookupBy('User', 'activeUserProfile', activeUserProfile, p)].sort(),
            (active.get(p) ?? []).sort(),
            `active users of ${p}`
        );
    for (const c of contacts)
        assert.deepEqual([...store.lookup('User', 'ContactId', c)].sort(), (byContact.get(c) ?? []).sort());
    for (const u of usernames)
        assert.deepEqual([...store.lookup('User', 'Username', u)].sort(), (byName.get(u) ?? []).sort());
}

test('field and derived indexes equal a full scan through random writes, snapshots and restores', () => {
    const store = setup();
    const rnd = prng(42);
    const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
    const profiles = ['00e000000000001AAA', '00e000000000002AAA', '00e000000000003AAA'].map(
        (x) => ApexId.of(x.slice(0, 15)).id18
    );
    const contacts = [1, 2, 3, 4].map((i) => store.insert('Contact', { LastName: `C${i}` }).id);
    const usernames = [1, 2, 3, 4, 5, 6].map((i) => `U${i}@example.com`.toLowerCase());
    const users: string[] = [];
    const snapshots: Array<{ snap: Snapshot; expect: Map<string, string[]> }> = [];
    // Build the indexes early so every later write has to maintain them (and copy them after snapshots).
    assertIndexesMatch(store, profiles, contacts, usernames);
    for (let step = 0; step < 400; step++) {
        const r = rnd();
        if (r < 0.3 || users.length === 0) {
            users.push(
                store.insert('User', {
                    LastName: 'U',
                    Username: pick(usernames).toUpperCase(),
                    ProfileId: pick(profiles),
                    IsActive: rnd() < 0.7,
                    ContactId: rnd() < 0.5 ? pick(contacts) : null
                }).id
            );
        } else if (r < 0.65) {
            const changes: Record<string, ApexId | string | boolean | null> = {};
            if (rnd() < 0.5) changes.IsActive = rnd() < 0.5;
            if (rnd() < 0.5) changes.ProfileId = pick(profiles);
            if (rnd() < 0.3) changes.ContactId = rnd() < 0.3 ? null : pick(contacts);
            if (rnd() < 0.3) changes.Username = pick(usernames);
            store.update(pick(users), changes);
        } else if (r < 0.72) {
            const id = pick(users);
            if (store.get(id)) store.hardDelete(id);
            users.splice(users.indexOf(id), 1);
        } else if (r < 0.85) {
            snapshots.push({ snap: store.snapshot(), expect: scan(store, 'User', activeUserProfile) });
        } else if (snapshots.length) {
            const s = pick(snapshots);
            store.restore(s.snap);
            // The snapshot's own index answers what it answered when taken, whatever was written since.
            for (const p of profiles)
                assert.deepEqual(
                    [...store.lookupBy('User', 'activeUserProfile', activeUserProfile, p)].sort(),
                    (s.expect.get(p) ?? []).sort()
                );
            users.splice(0, users.length, ...[...store.rows('User')].map((u) => u.id));
        }
        assertIndexesMatch(store, profiles, contacts, usernames);
    }
});

test('a write after a snapshot leaves the snapshot’s index sets untouched (copy on write per key)', () => {
    const store = setup();
    const profile = ApexId.of('00e000000000001').id18;
    const a = store.insert('User', { LastName: 'A', Username: 'a@x.com', ProfileId: profile, IsActive: true });
    const active = (): string[] => [...store.lookupBy('User', 'activeUserProfile', activeUserProfile, profile)];
    assert.deepEqual(active(), [a.id]);
    const snap = store.snapshot();
    const b = store.insert('User', { LastName: 'B', Username: 'b@x.com', ProfileId: profile, IsActive: true });
    store.update(a.id, { IsActive: false });
    assert.deepEqual(active(), [b.id]);
    store.restore(snap);
    assert.deepEqual(active(), [a.id]);
    store.update(a.id, { IsActive: false });
    assert.deepEqual(active(), []);
    store.restore(snap);
    assert.deepEqual(active(), [a.id], 'the snapshot stays valid for a second restore');
});

/** Rows in table order with their values, to compare two states of the store exactly. */
function dump(store: Store, objectName: string): Array<[string, Array<[string, unknown]>]> {
    return [...store.rows(objectName, { allRows: true })].map((r) => [
        r.id,
        [...r.values].map(([k, v]) => [k, v === null ? null : String(v)])
    ]);
}

test('rollback to a mark (a DML statement’s undo journal) gives back the rows, their order and the indexes', () => {
    const store = setup();
    const rnd = prng(7);
    const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
    const profiles = [ApexId.of('00e000000000001').id18, ApexId.of('00e000000000002').id18];
    const contacts = [1, 2, 3].map((i) => store.insert('Contact', { LastName: `C${i}` }).id);
    const usernames = ['a@x.com', 'b@x.com', 'c@x.com'];
    const users = [1, 2, 3, 4, 5, 6].map(
        (i) =>
            store.insert('User', {
                LastName: `U${i}`,
                Username: pick(usernames),
                ProfileId: pick(profiles),
                IsActive: true,
                ContactId: pick(contacts)
            }).id
    );
    assertIndexesMatch(store, profiles, contacts, usernames);
    for (let round = 0; round < 30; round++) {
        const before = { users: dump(store, 'User'), contacts: dump(store, 'Contact') };
        const outer = store.mark();
        // A snapshot inside the statement (a savepoint in a trigger) must not disturb the journal.
        if (round % 3 === 0) store.snapshot();
        const inner = round % 2 === 0 ? store.mark() : null;
        for (let i = 0; i < 6; i++) {
            const r = rnd();
            const live = [...store.rows('User')].map((u) => u.id);
            if (r < 0.3) store.insert('User', { LastName: 'N', Username: pick(usernames), ProfileId: pick(profiles) });
            else if (r < 0.7 && live.length)
                store.update(pick(live), { IsActive: rnd() < 0.5, ProfileId: pick(profiles), ContactId: null });
            else if (r < 0.85 && live.length) store.hardDelete(pick(live));
            else store.delete(pick(contacts.filter((c) => store.get(c))) ?? contacts[0]);
        }
        if (inner !== null) {
            store.rollbackTo(inner);
            store.release();
            assert.deepEqual(dump(store, 'User'), before.users, 'the inner mark undoes everything after it');
        }
        store.rollbackTo(outer);
        store.release();
        assert.deepEqual(dump(store, 'User'), before.users);
        assert.deepEqual(dump(store, 'Contact'), before.contacts);
        assertIndexesMatch(store, profiles, contacts, usernames);
        // Keep some changes (a statement that succeeded) so later rounds start from new states.
        store.mark();
        store.update(pick(users.filter((u) => store.get(u)).concat(users[0])), { IsActive: rnd() < 0.5 });
        store.release();
    }
});

test('a released mark keeps its writes; nested marks roll back only their own part', () => {
    const store = setup();
    const outer = store.mark();
    const a = store.insert('Account', { Name: 'A' }).id;
    const inner = store.mark();
    store.update(a, { Name: 'B' });
    const b = store.insert('Account', { Name: 'C' }).id;
    store.rollbackTo(inner);
    store.release();
    assert.equal(store.get(a)?.values.get('name'), 'A');
    assert.equal(store.get(b), undefined);
    assert.deepEqual([...store.lookup('Account', 'Name', 'c')], []);
    store.update(a, { Name: 'D' });
    store.release();
    assert.equal(outer, 0);
    // No mark open: nothing is journaled, so nothing can be rolled back by mistake.
    store.update(a, { Name: 'E' });
    assert.throws(() => store.release(), /without an open mark/);
    assert.equal(store.get(a)?.values.get('name'), 'E');
});
