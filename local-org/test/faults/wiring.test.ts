/**
 * Fault injection through the real runtime (RuntimeOptions.faults / --faults): injected DML errors are ordinary
 * per-row errors with the usual allOrNone behaviour, counters start over with each test method, an abortBatch fault
 * aborts the job after N executes, and a bad file is a load diagnostic or bad usage naming the file and entry.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoadedProject } from '../../src/api';
import { load, project } from '../runtime/helpers';
import { main } from '../../src/cli';

function faultFile(faults: unknown[]): string {
    const file = join(mkdtempSync(join(tmpdir(), 'local-org-faults-')), 'faults.json');
    writeFileSync(file, JSON.stringify({ faults }));
    return file;
}

async function debug(p: LoadedProject, src: string): Promise<string[]> {
    const r = await p.executeAnonymous(src, 'check.apex');
    assert.ok(r.success, `${r.message}`);
    return r.debugLines.map((l) => l.replace(/^USER_DEBUG \[\d+\]\|\w+\|/, ''));
}

const LOCK = {
    name: 'lock',
    operation: 'update',
    sobject: 'Account',
    onStatement: 2,
    statusCode: 'UNABLE_TO_LOCK_ROW',
    message: 'unable to obtain exclusive access to this record'
};

describe('DML faults', () => {
    it('the Nth matching statement fails on every row as a per-row error; later statements pass', async () => {
        const p = await project({}, { faults: faultFile([LOCK]) });
        const lines = await debug(
            p,
            `List<Account> l = new List<Account>{ new Account(Name = 'a'), new Account(Name = 'b') };
insert l;
for (Integer i = 0; i < 3; i++) {
    for (Account a : l) a.Name = 'n' + i;
    List<Database.SaveResult> rs = Database.update(l, false);
    System.debug(rs[0].isSuccess() + ' ' + rs[1].isSuccess() + (rs[0].isSuccess() ? '' : ' ' + rs[0].getErrors()[0].getStatusCode() + ' ' + rs[0].getErrors()[0].getMessage()));
}
System.debug([SELECT COUNT() FROM Account WHERE Name = 'n1']);`
        );
        assert.deepEqual(lines, [
            'true true',
            'false false UNABLE_TO_LOCK_ROW unable to obtain exclusive access to this record',
            'true true',
            '0'
        ]);
    });

    it('an injected error in an allOrNone statement throws the usual DmlException and rolls the statement back', async () => {
        const p = await project({}, { faults: faultFile([{ ...LOCK, onStatement: 1 }]) });
        const lines = await debug(
            p,
            `Account a = new Account(Name = 'a');
insert a;
a.Name = 'b';
try { update a; } catch (DmlException e) { System.debug(e.getMessage()); }
System.debug([SELECT Name FROM Account].Name);`
        );
        assert.equal(lines[1], 'a');
        assert.match(
            lines[0],
            /^Update failed\. First exception on row 0 with id 001\w{15}; first error: UNABLE_TO_LOCK_ROW, unable to obtain exclusive access to this record: \[\]$/
        );
    });

    it('afterRows with a field: rows that change the field fail after the first N, other rows are untouched', async () => {
        const fault = {
            name: 'seats',
            operation: 'update',
            sobject: 'Account',
            field: 'Phone',
            afterRows: 1,
            statusCode: 'LICENSE_LIMIT_EXCEEDED'
        };
        const p = await project({}, { faults: faultFile([fault]) });
        const lines = await debug(
            p,
            `List<Account> l = new List<Account>{ new Account(Name = 'a'), new Account(Name = 'b'), new Account(Name = 'c') };
insert l;
l[0].Phone = '1'; l[1].Phone = '2'; l[2].Name = 'c2';
for (Database.SaveResult r : Database.update(l, false))
    System.debug(r.isSuccess() ? 'ok' : r.getErrors()[0].getStatusCode() + ' ' + r.getErrors()[0].getMessage() + ' ' + r.getErrors()[0].getFields());`
        );
        assert.deepEqual(lines, ['ok', 'LICENSE_LIMIT_EXCEEDED local-org injected fault: seats (Phone)', 'ok']);
    });

    it('fault counters start over with each test method', async () => {
        const test = `@IsTest
private class FaultTest {
    static void lockedOnce() {
        Account a = new Account(Name = 'a');
        insert a;
        a.Name = 'b';
        Assert.isFalse(Database.update(a, false).isSuccess());
        Assert.isTrue(Database.update(a, false).isSuccess());
    }
    @IsTest static void first() { lockedOnce(); }
    @IsTest static void second() { lockedOnce(); }
}`;
        const p = await project({ 'FaultTest.cls': test }, { faults: faultFile([{ ...LOCK, onStatement: 1 }]) });
        const results = await p.runTestClass('FaultTest', ['first', 'second']);
        assert.deepEqual(
            results.map((r) => `${r.methodName} ${r.outcome} ${r.message ?? ''}`),
            ['first Pass ', 'second Pass ']
        );
    });
});

const BATCH = `
public class RenameBatch implements Database.Batchable<SObject> {
    public Database.QueryLocator start(Database.BatchableContext bc) {
        return Database.getQueryLocator('SELECT Id FROM Account');
    }
    public void execute(Database.BatchableContext bc, List<Account> scope) {
        for (Account a : scope) a.Phone = 'done';
        update scope;
    }
    public void finish(Database.BatchableContext bc) {
        insert new Contact(LastName = 'finished');
    }
}`;

describe('batch abort faults', () => {
    it('aborts the job after N executes, as System.abortJob would: no further chunk, no finish', async () => {
        const p = await project(
            { 'RenameBatch.cls': BATCH },
            { faults: faultFile([{ abortBatch: 'renamebatch', afterExecutes: 2 }]) }
        );
        await debug(
            p,
            `List<Account> l = new List<Account>();
for (Integer i = 0; i < 5; i++) l.add(new Account(Name = 'a' + i));
insert l;
Database.executeBatch(new RenameBatch(), 2);`
        );
        const steps = p.drainAsync();
        assert.deepEqual(
            steps.map((s) => s.phase),
            ['start', 'execute', 'execute']
        );
        assert.deepEqual(
            await debug(
                p,
                `AsyncApexJob j = [SELECT Status, JobItemsProcessed, TotalJobItems FROM AsyncApexJob];
System.debug(j.Status + ' ' + j.JobItemsProcessed + '/' + j.TotalJobItems);
System.debug([SELECT COUNT() FROM Account WHERE Phone = 'done'] + ' ' + [SELECT COUNT() FROM Contact]);`
            ),
            ['Aborted 2/3', '4 0']
        );
    });
});

describe('bad fault files', () => {
    it('loadProject reports the file and the entry as a diagnostic', async () => {
        const file = faultFile([{ operation: 'update', sobject: 'Account', statusCode: 'X', onStatement: 1 }, {}]);
        const r = await load({}, { faults: file });
        assert.equal(r.project, undefined);
        assert.deepEqual(
            r.diagnostics.map((d) => [d.file, d.message]),
            [[file, `${file}: faults[1]: "operation" must be a non-empty string`]]
        );
    });

    it('the CLI exits 2 naming the file and the entry', async () => {
        const file = faultFile([{ abortBatch: 'B', afterExecutes: -1 }]);
        let stderr = '';
        const code = await main(['test', '--source-dir', 'nowhere', '--faults', file], {
            stdout: () => undefined,
            stderr: (s: string) => {
                stderr += s;
            }
        });
        assert.equal(code, 2);
        assert.match(stderr, /--faults: .*faults\.json: faults\[0\]: "afterExecutes" must be a whole number/);
    });
});
