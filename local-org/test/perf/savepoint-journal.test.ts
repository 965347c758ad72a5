/**
 * Database.setSavepoint inside a journalled transaction (anonymous Apex, async steps, event deliveries) is a position
 * in the store's undo journal, not a snapshot (whose shared tables made the next write to each table copy it, O(org)
 * per savepoint: the dry run sets one per chunk). Rolling back must still undo exactly the writes made after it.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoadedProject } from '../../src/api';
import { Catalog } from '../../src/org/schema/catalog';
import { Store } from '../../src/org/store';
import { loadProject } from '../../src/runtime/index';

async function org(): Promise<LoadedProject> {
    const dir = mkdtempSync(join(tmpdir(), 'local-org-savepoint-'));
    mkdirSync(join(dir, 'classes'), { recursive: true });
    const r = await loadProject([dir]);
    if (!r.project) throw new Error(r.diagnostics.map((d) => d.message).join('; '));
    return r.project;
}

async function lines(p: LoadedProject, src: string): Promise<string[]> {
    const r = await p.executeAnonymous(src, 'check.apex');
    assert.ok(r.success, `${r.message}`);
    return r.debugLines.map((l) => l.replace(/^USER_DEBUG \[\d+\]\|\w+\|/, ''));
}

const STATE = `{
String s = '';
for (Account a : [SELECT Name, Description FROM Account ORDER BY Name]) s += a.Name + '=' + a.Description + ' ';
System.debug(s.trim());
System.debug('kept by index: ' + [SELECT COUNT() FROM Account WHERE Name = 'kept']);
}`;

describe('savepoints on the undo journal', () => {
    it('undo inserts, updates and deletes after the savepoint; nested and repeated rollbacks', async () => {
        const p = await org();
        await lines(p, "insert new List<Account>{ new Account(Name = 'kept'), new Account(Name = 'gone') };");
        const out = await lines(
            p,
            `Savepoint outer = Database.setSavepoint();
             insert new Account(Name = 'after outer');
             Account kept = [SELECT Id FROM Account WHERE Name = 'kept'];
             kept.Description = 'changed';
             update kept;
             Savepoint inner = Database.setSavepoint();
             delete [SELECT Id FROM Account WHERE Name = 'gone'];
             insert new Account(Name = 'after inner');
             Database.rollback(inner);
             ${STATE}
             insert new Account(Name = 'again');
             Database.rollback(inner);
             ${STATE}
             Database.rollback(outer);
             ${STATE}`
        );
        assert.deepEqual(out, [
            'after outer=null gone=null kept=changed',
            'kept by index: 1',
            'after outer=null gone=null kept=changed',
            'kept by index: 1',
            'gone=null kept=null',
            'kept by index: 1'
        ]);
        // The transaction committed what was left after the rollbacks.
        assert.deepEqual(await lines(p, STATE), ['gone=null kept=null', 'kept by index: 1']);
    });

    it('a savepoint rolled back inside a failed statement still undoes only what came after it', () => {
        const store = new Store(Catalog.standard(), { now: () => 1_000 });
        const outer = store.mark();
        store.insert('Account', { Name: 'a' });
        const statement = store.mark();
        store.insert('Account', { Name: 'b' });
        // A savepoint set inside the statement, after its first write.
        const point = store.journalPoint()!;
        // The statement fails: its writes are undone, then a newer write takes the journal slot 'b' had.
        store.rollbackTo(statement);
        store.release();
        store.insert('Account', { Name: 'c' });
        assert.equal(store.rollbackToPoint(point), true);
        assert.deepEqual(
            [...store.rows('Account')].map((r) => r.values.get('name')),
            ['a'],
            "'c' came after the savepoint, so it goes although it sits where 'b' was; 'a' came before it"
        );
        store.rollbackTo(outer);
        store.release();
        assert.equal(store.count('Account'), 0);
        assert.equal(store.rollbackToPoint(point), false, 'a point of a released journal is refused');
        assert.equal(store.journalPoint(), null, 'no journal, no point: the caller takes a snapshot');
    });

    it('rows put back by a rollback come back in Id order at the next scan', () => {
        const store = new Store(Catalog.standard(), { now: () => 1_000 });
        assert.equal(store.catalog.object('PermissionSetAssignment').fields.has('isdeleted'), false);
        const ids = ['a', 'b', 'c', 'd'].map(() => store.insert('PermissionSetAssignment', {}).id);
        const mark = store.mark();
        store.hardDelete(ids[1]);
        store.hardDelete(ids[2]);
        store.rollbackTo(mark);
        store.release();
        assert.deepEqual(
            [...store.rows('PermissionSetAssignment')].map((r) => r.id),
            ids,
            'hard-deleted rows were put back at the end of the table; a scan sees insertion order'
        );
    });
});
