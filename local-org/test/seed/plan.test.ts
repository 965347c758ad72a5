import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SeedPlanError, readPlan } from '../../src/seed/plan';

const repoPlan = join(__dirname, '..', '..', '..', 'data', 'seed-plan.json');

function withFiles(files: Record<string, unknown>, check: (dir: string) => void): void {
    const dir = mkdtempSync(join(tmpdir(), 'seed-plan-'));
    try {
        for (const [name, content] of Object.entries(files)) {
            writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
        }
        check(dir);
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}

function planError(dir: string): string {
    try {
        readPlan(join(dir, 'plan.json'));
    } catch (error) {
        assert.ok(error instanceof SeedPlanError, String(error));
        return error.message;
    }
    assert.fail('expected a SeedPlanError');
}

const account = (ref: string, extra: object = {}) => ({
    attributes: { type: 'Account', referenceId: ref },
    Name: ref,
    ...extra
});

test("the project's own seed plan reads, with contacts pointing at accounts", () => {
    const records = readPlan(repoPlan);
    const accounts = records.filter((r) => r.sobject === 'Account');
    const contacts = records.filter((r) => r.sobject === 'Contact');
    assert.equal(accounts.length, 2);
    assert.equal(contacts.length, 3);
    assert.equal(records.indexOf(accounts[1]) < records.indexOf(contacts[0]), true, 'accounts come first');
    assert.deepEqual(contacts[0].refs, { AccountId: 'AcmeSupplyRef' });
    assert.equal(contacts[0].fields.LastName, 'Customer');
});

test('nested child records are flattened after their parent with the relationship name', () => {
    const plan = [{ sobject: 'Account', saveRefs: true, resolveRefs: true, files: ['a.json'] }];
    const data = {
        records: [
            account('A1', {
                Contacts: { records: [{ attributes: { type: 'Contact', referenceId: 'C1' }, LastName: 'X' }] }
            })
        ]
    };
    withFiles({ 'plan.json': plan, 'a.json': data }, (dir) => {
        const records = readPlan(join(dir, 'plan.json'));
        assert.deepEqual(
            records.map((r) => r.referenceId),
            ['A1', 'C1']
        );
        assert.deepEqual(records[1].parent, { referenceId: 'A1', relationshipName: 'Contacts' });
        assert.deepEqual(records[0].fields, { Name: 'A1' });
    });
});

test('a reference to a record no earlier step saved is refused, naming the file and record', () => {
    const plan = [
        { sobject: 'Account', saveRefs: true, resolveRefs: false, files: ['a.json'] },
        { sobject: 'Contact', saveRefs: false, resolveRefs: true, files: ['c.json'] }
    ];
    const contacts = {
        records: [{ attributes: { type: 'Contact', referenceId: 'C1' }, LastName: 'X', AccountId: '@Missing' }]
    };
    withFiles({ 'plan.json': plan, 'a.json': { records: [account('A1')] }, 'c.json': contacts }, (dir) => {
        assert.match(planError(dir), /c\.json record 1 \(C1\): AccountId refers to @Missing, which no earlier step/);
    });
});

test('references need resolveRefs, and only saved steps define references', () => {
    const contacts = { records: [{ attributes: { type: 'Contact', referenceId: 'C1' }, AccountId: '@A1' }] };
    const noResolve = [
        { sobject: 'Account', saveRefs: true, files: ['a.json'] },
        { sobject: 'Contact', resolveRefs: false, files: ['c.json'] }
    ];
    withFiles({ 'plan.json': noResolve, 'a.json': { records: [account('A1')] }, 'c.json': contacts }, (dir) => {
        assert.match(planError(dir), /"resolveRefs": false/);
    });
    const notSaved = [
        { sobject: 'Account', saveRefs: false, files: ['a.json'] },
        { sobject: 'Contact', resolveRefs: true, files: ['c.json'] }
    ];
    withFiles({ 'plan.json': notSaved, 'a.json': { records: [account('A1')] }, 'c.json': contacts }, (dir) => {
        assert.match(planError(dir), /refers to @A1, which no earlier step/);
    });
});

test('malformed plans and data files are refused with their path', () => {
    withFiles({ 'plan.json': '{ nope' }, (dir) =>
        assert.match(planError(dir), /plan\.json: the plan is not valid JSON/)
    );
    withFiles({ 'plan.json': { sobject: 'Account' } }, (dir) => assert.match(planError(dir), /a plan is a JSON array/));
    withFiles({ 'plan.json': [{ sobject: 'Account', files: [] }] }, (dir) =>
        assert.match(planError(dir), /step 1 \(Account\) needs a non-empty "files"/)
    );
    withFiles({ 'plan.json': [{ sobject: 'Account', files: ['missing.json'] }] }, (dir) =>
        assert.match(planError(dir), /missing\.json: cannot read the data file/)
    );
    const plan = [{ sobject: 'Account', saveRefs: true, files: ['a.json'] }];
    withFiles({ 'plan.json': plan, 'a.json': { records: [{ Name: 'x' }] } }, (dir) =>
        assert.match(planError(dir), /a\.json record 1 has no attributes\.type/)
    );
    withFiles({ 'plan.json': plan, 'a.json': { records: [account('A1'), account('A1')] } }, (dir) =>
        assert.match(planError(dir), /record 2: referenceId A1 is used twice/)
    );
    withFiles(
        { 'plan.json': plan, 'a.json': { records: [{ attributes: { type: 'Contact', referenceId: 'C' } }] } },
        (dir) => assert.match(planError(dir), /is a Contact in the Account step/)
    );
    withFiles({ 'plan.json': plan, 'a.json': { records: [account('A1', { Weird: { x: 1 } })] } }, (dir) =>
        assert.match(planError(dir), /Weird holds an object/)
    );
});

test('a byte-order mark at the start of a file is accepted', () => {
    const plan = [{ sobject: 'Account', saveRefs: true, files: ['a.json'] }];
    withFiles({ 'plan.json': '\uFEFF' + JSON.stringify(plan), 'a.json': { records: [account('A1')] } }, (dir) => {
        assert.equal(readPlan(join(dir, 'plan.json')).length, 1);
    });
});
