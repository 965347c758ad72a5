/**
 * Seeding through DML: plans load through the same Apex DML as the code under test (triggers, validation,
 * platform rules), `@Ref` lookups and nested children resolve to the new Ids, chunks are all-or-none, and a bad
 * row fails naming its file and record reference.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoadedProject } from '../../src/api';
import { main } from '../../src/cli';
import { loadProject } from '../../src/runtime';
import { insertSeedRecords, SEED_CHUNK, SeedLoadError, seedPlan } from '../../src/seed/load';
import { SeedPlanError } from '../../src/seed/plan';

const repoRoot = join(__dirname, '..', '..', '..');
const META = (tag: string) =>
    `<?xml version="1.0" encoding="UTF-8"?>\n<${tag} xmlns="http://soap.sforce.com/2006/04/metadata">\n` +
    `    <apiVersion>62.0</apiVersion>\n    <status>Active</status>\n</${tag}>\n`;

let dir: string;
let src: string;

before(() => {
    dir = mkdtempSync(join(tmpdir(), 'seed-load-'));
    src = join(dir, 'src');
    mkdirSync(join(src, 'triggers'), { recursive: true });
    // A trigger that stamps seeded accounts and refuses one name: seeding must run it like any DML.
    writeFileSync(
        join(src, 'triggers', 'SeedStamp.trigger'),
        [
            'trigger SeedStamp on Account(before insert) {',
            '    for (Account a : Trigger.new) {',
            "        a.Description = 'stamped';",
            "        if (a.Name == 'Refused by trigger') {",
            "            a.addError('No such account here');",
            '        }',
            '    }',
            '}'
        ].join('\n')
    );
    writeFileSync(join(src, 'triggers', 'SeedStamp.trigger-meta.xml'), META('ApexTrigger'));
});

after(() => rmSync(dir, { recursive: true, force: true }));

async function fresh(): Promise<LoadedProject> {
    const r = await loadProject([src]);
    assert.deepEqual(r.diagnostics, []);
    return r.project!;
}

async function debug(project: LoadedProject, apex: string): Promise<string[]> {
    const r = await project.executeAnonymous(apex, 'check');
    assert.ok(r.success, r.message ?? '');
    return r.debugLines.map((l) => l.replace(/^USER_DEBUG \[\d+\]\|DEBUG\|/, ''));
}

function writePlan(name: string, steps: Array<{ sobject: string; refs?: boolean; records: unknown[] }>): string {
    const planDir = join(dir, name);
    mkdirSync(planDir, { recursive: true });
    const plan = steps.map((s, i) => {
        writeFileSync(join(planDir, `step${i + 1}.json`), JSON.stringify({ records: s.records }));
        return { sobject: s.sobject, saveRefs: true, resolveRefs: s.refs ?? false, files: [`step${i + 1}.json`] };
    });
    writeFileSync(join(planDir, 'plan.json'), JSON.stringify(plan));
    return join(planDir, 'plan.json');
}

const acct = (ref: string, extra: object = {}) => ({
    attributes: { type: 'Account', referenceId: ref },
    Name: ref,
    ...extra
});

async function caught(p: Promise<unknown>): Promise<Error> {
    try {
        await p;
    } catch (e) {
        return e as Error;
    }
    return assert.fail('expected the load to fail');
}

describe('seeding a plan through DML', () => {
    it("loads the project's scratch-org plan, contacts on their accounts", async () => {
        const project = await fresh();
        const result = await seedPlan(project, join(repoRoot, 'data', 'seed-plan.json'));
        assert.deepEqual(
            [...result.counts],
            [
                ['Account', 2],
                ['Contact', 3]
            ]
        );
        const acme = result.ids.get('AcmeSupplyRef')!;
        assert.match(acme, /^001[A-Za-z0-9]{15}$/);
        const lines = await debug(
            project,
            "for (Contact c : [SELECT LastName, AccountId FROM Contact ORDER BY FirstName]) System.debug(c.LastName + ' ' + c.AccountId);"
        );
        assert.deepEqual(lines, [
            `Customer ${acme}`,
            `Customer ${acme}`,
            `Partner ${result.ids.get('NorthwindPartnersRef')}`
        ]);
    });

    it('runs triggers on seeded rows', async () => {
        const project = await fresh();
        await seedPlan(project, writePlan('trig', [{ sobject: 'Account', records: [acct('Plain')] }]));
        assert.deepEqual(await debug(project, 'System.debug([SELECT Description FROM Account].Description);'), [
            'stamped'
        ]);
    });

    it('fails a row the trigger refuses, naming file and reference, and rolls its chunk back', async () => {
        const project = await fresh();
        const plan = writePlan('refused', [
            { sobject: 'Account', records: [acct('Good'), acct('Bad', { Name: 'Refused by trigger' })] }
        ]);
        const err = await caught(seedPlan(project, plan));
        assert.ok(err instanceof SeedLoadError, String(err));
        assert.match(
            err.message,
            /step1\.json record 2 \(Bad\): FIELD_CUSTOM_VALIDATION_EXCEPTION: No such account here/
        );
        assert.doesNotMatch(err.message, /\(Good\)/);
        assert.deepEqual(await debug(project, 'System.debug([SELECT COUNT() FROM Account]);'), ['0']);
    });

    it('fails a row missing a required field with the platform status code', async () => {
        const project = await fresh();
        const plan = writePlan('required', [
            { sobject: 'Account', records: [acct('A')] },
            {
                sobject: 'Contact',
                refs: true,
                records: [{ attributes: { type: 'Contact', referenceId: 'NoName' }, FirstName: 'X', AccountId: '@A' }]
            }
        ]);
        const err = await caught(seedPlan(project, plan));
        assert.ok(err instanceof SeedLoadError);
        assert.match(err.message, /step2\.json record 1 \(NoName\): REQUIRED_FIELD_MISSING: .*\[LastName\]/);
    });

    it('refuses an unknown field before any DML, naming the record', async () => {
        const project = await fresh();
        const plan = writePlan('unknown', [{ sobject: 'Account', records: [acct('A', { Colour__c: 'red' })] }]);
        const err = await caught(seedPlan(project, plan));
        assert.ok(err instanceof SeedPlanError);
        assert.match(err.message, /record 1 \(A\): unknown field Account\.Colour__c/);
        assert.deepEqual(await debug(project, 'System.debug([SELECT COUNT() FROM Account]);'), ['0']);
    });

    it('refuses a read-only field through DML, as the API does', async () => {
        const project = await fresh();
        const plan = writePlan('readonly', [
            { sobject: 'Account', records: [acct('A', { LastActivityDate: '2024-01-02' })] }
        ]);
        const err = await caught(seedPlan(project, plan));
        assert.ok(err instanceof SeedLoadError, String(err));
        assert.match(err.message, /\(A\): INVALID_FIELD_FOR_INSERT_UPDATE/);
    });

    it('resolves nested children through the child relationship, and references inside one file', async () => {
        const project = await fresh();
        const plan = writePlan('nested', [
            {
                sobject: 'Account',
                refs: true,
                records: [
                    acct('Parent', {
                        Contacts: {
                            records: [{ attributes: { type: 'Contact', referenceId: 'Kid' }, LastName: 'Kid' }]
                        }
                    }),
                    acct('Child', { ParentId: '@Parent' })
                ]
            }
        ]);
        const result = await seedPlan(project, plan);
        const parent = result.ids.get('Parent');
        assert.deepEqual(
            await debug(
                project,
                "System.debug([SELECT AccountId FROM Contact].AccountId); System.debug([SELECT ParentId FROM Account WHERE Name = 'Child'].ParentId);"
            ),
            [parent, parent]
        );
        assert.equal(result.chunks, 3, 'Account, Contact, then the account that needs its parent');
    });

    it(`inserts in chunks of ${SEED_CHUNK} records, one transaction each`, async () => {
        const project = await fresh();
        const records = Array.from({ length: 450 }, (_, i) => ({
            sobject: 'Account',
            referenceId: `A${i}`,
            origin: `gen ${i}`,
            fields: { Name: `A${i}` },
            refs: {},
            parent: null
        }));
        const result = await insertSeedRecords(project, records);
        assert.equal(result.chunks, 3);
        assert.equal(result.ids.size, 450);
        assert.deepEqual(await debug(project, 'System.debug([SELECT COUNT() FROM Account]);'), ['450']);
    });
});

describe('--seed-plan on the command line', () => {
    async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
        let out = '';
        let err = '';
        const code = await main(argv, { stdout: (t) => (out += t), stderr: (t) => (err += t) });
        return { code, out, err };
    }

    it('seeds before the exec script', async () => {
        const script = join(dir, 'count.apex');
        writeFileSync(script, 'System.debug([SELECT COUNT() FROM Contact]);\n');
        const r = await cli([
            'exec',
            '--source-dir',
            src,
            '-f',
            script,
            '--seed-plan',
            join(repoRoot, 'data', 'seed-plan.json')
        ]);
        assert.equal(r.code, 0, r.err);
        assert.equal(r.out, 'USER_DEBUG [1]|DEBUG|3\n');
        assert.match(r.err, /Seeded 5 records from .*seed-plan\.json \(Account 2, Contact 3\) in 2 transactions/);
    });

    it('exits 1 on a refused row and 2 on a bad plan, without running the script', async () => {
        const script = join(dir, 'hi.apex');
        writeFileSync(script, "System.debug('ran');\n");
        const refused = writePlan('cli-refused', [
            { sobject: 'Account', records: [acct('Bad', { Name: 'Refused by trigger' })] }
        ]);
        const r1 = await cli(['exec', '--source-dir', src, '-f', script, '--seed-plan', refused]);
        assert.equal(r1.code, 1);
        assert.equal(r1.out, '');
        assert.match(r1.err, /--seed-plan: the org refused Account rows .*\n .*record 1 \(Bad\)/);
        const r2 = await cli(['exec', '--source-dir', src, '-f', script, '--seed-plan', join(dir, 'missing.json')]);
        assert.equal(r2.code, 2);
        assert.match(r2.err, /cannot read the plan/);
    });

    it('refuses --seed-plan for test, explaining why', async () => {
        const r = await cli(['test', '--source-dir', src, '--seed-plan', 'x.json']);
        assert.equal(r.code, 2);
        assert.match(r.err, /tests do not see org data \(no SeeAllData\)/);
    });
});
