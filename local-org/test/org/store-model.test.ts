import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Catalog } from '../../src/org/schema/catalog';
import { Store } from '../../src/org/store';
import { ApexId } from '../../src/org/values';
import { SoqlEngine } from '../../src/org/soql/engine';

/**
 * Random operations on the store checked against a naive model (plain maps copied on every snapshot):
 * rows, recycle-bin state and lookup-index answers must agree after every step.
 */
test('copy-on-write store agrees with a naive model under random inserts, updates, deletes, snapshots, restores', () => {
    let seed = 12345;
    const rnd = (n: number) => {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        return seed % n;
    };
    const catalog = Catalog.standard();
    const store = new Store(catalog);
    type ModelRow = { type: string; name: string; accountId: string | null; deleted: boolean };
    let model = new Map<string, ModelRow>();
    const snaps: Array<{ snap: ReturnType<Store['snapshot']>; model: Map<string, ModelRow> }> = [];
    const accounts = () => [...model.entries()].filter(([, r]) => r.type === 'Account' && !r.deleted).map(([id]) => id);
    const contacts = () => [...model.entries()].filter(([, r]) => r.type === 'Contact').map(([id]) => id);

    for (let step = 0; step < 2000; step++) {
        const op = rnd(10);
        if (op < 3 || model.size === 0) {
            const rec = store.insert('Account', { Name: `A${step}` });
            model.set(rec.id, { type: 'Account', name: `A${step}`, accountId: null, deleted: false });
        } else if (op < 6) {
            const accs = accounts();
            const parent = accs.length && rnd(4) ? accs[rnd(accs.length)] : null;
            const rec = store.insert('Contact', { LastName: `C${step}`, AccountId: parent ? ApexId.of(parent) : null });
            model.set(rec.id, { type: 'Contact', name: `C${step}`, accountId: parent, deleted: false });
        } else if (op === 6) {
            const cs = contacts().filter((id) => !model.get(id)!.deleted);
            const accs = accounts();
            if (cs.length && accs.length) {
                const id = cs[rnd(cs.length)];
                const parent = accs[rnd(accs.length)];
                store.update(id, { AccountId: ApexId.of(parent) });
                model.set(id, { ...model.get(id)!, accountId: parent });
            }
        } else if (op === 7) {
            const cs = contacts();
            if (cs.length) {
                const id = cs[rnd(cs.length)];
                const row = model.get(id)!;
                if (row.deleted) store.undelete(id);
                else store.delete(id);
                model.set(id, { ...row, deleted: !row.deleted });
            }
        } else if (op === 8) {
            snaps.push({ snap: store.snapshot(), model: new Map([...model].map(([k, v]) => [k, { ...v }])) });
        } else if (snaps.length) {
            const s = snaps[rnd(snaps.length)];
            store.restore(s.snap);
            model = new Map([...s.model].map(([k, v]) => [k, { ...v }]));
        }

        if (step % 50 === 0 || step > 1950) {
            const live = [...store.rows('Contact', { allRows: true })].map((r) => r.id).sort();
            assert.deepEqual(live, contacts().sort(), `contacts at step ${step}`);
            for (const acc of accounts()) {
                const expected = [...model.entries()]
                    .filter(([, r]) => r.type === 'Contact' && r.accountId === acc)
                    .map(([id]) => id)
                    .sort();
                assert.deepEqual(
                    [...store.lookup('Contact', 'AccountId', acc)].sort(),
                    expected,
                    `children of ${acc} at step ${step}`
                );
            }
            for (const [id, r] of model) {
                const rec = store.get(id, { allRows: true })!;
                assert.equal(rec.values.get(r.type === 'Account' ? 'name' : 'lastname'), r.name);
                if (r.type === 'Contact') assert.equal(rec.values.get('isdeleted'), r.deleted, `deleted flag of ${id}`);
            }
        }
    }
});

test('the index shortcut and a full scan agree on random data (lookups, Id sets, deleted rows, ALL ROWS)', () => {
    let seed = 99;
    const rnd = (n: number) => {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        return seed % n;
    };
    const catalog = Catalog.standard();
    const store = new Store(catalog);
    const accs = Array.from({ length: 20 }, (_, i) => store.insert('Account', { Name: `A${i}` }).id);
    const cons: string[] = [];
    for (let i = 0; i < 500; i++) {
        const parent = rnd(5) ? ApexId.of(accs[rnd(accs.length)]) : null;
        cons.push(store.insert('Contact', { LastName: `C${i}`, AccountId: parent }).id);
    }
    for (const id of new Set(Array.from({ length: 100 }, () => cons[rnd(cons.length)]))) store.delete(id);
    const soql = new SoqlEngine(catalog, store);
    const ids = (text: string, binds: Record<string, unknown>) => {
        const r = soql.query(text, { bind: (b) => binds[b.text] as never, timeZone: 'UTC', nowMs: 0 });
        assert.ok(r.kind === 'rows');
        return r.rows.map((x) => x.id);
    };
    for (const acc of accs) {
        for (const all of ['', ' ALL ROWS']) {
            assert.deepEqual(
                ids(`SELECT Id FROM Contact WHERE AccountId = :a${all}`, { a: acc }),
                ids(`SELECT Id FROM Contact WHERE Account.Id = :a${all}`, { a: acc }),
                `children of ${acc}${all}`
            );
        }
    }
    const someIds = Array.from({ length: 60 }, () => cons[rnd(cons.length)]);
    const scan = ids('SELECT Id FROM Contact', {}).filter((id) => someIds.includes(id));
    assert.deepEqual(ids('SELECT Id FROM Contact WHERE Id IN :ids', { ids: someIds }), scan);
});
