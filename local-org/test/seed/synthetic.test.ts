/**
 * The synthetic org generator: deterministic plans, the spec parser, and the proof that the fast path writes the
 * same records (Ids included) as the DML path, which runs every platform rule.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoadedProject } from '../../src/api';
import { main } from '../../src/cli';
import { loadProject } from '../../src/runtime';
import { currentOrg } from '../../src/runtime/org-data';
import {
    buildSyntheticFast,
    generateSynthetic,
    loadSyntheticThroughDml,
    parseSyntheticSpec,
    SyntheticSpecError
} from '../../src/seed/synthetic';
import type { SyntheticPlan } from '../../src/seed/synthetic';

/** Audit times differ between two builds; everything else must not. */
const CLOCK_FIELDS = new Set(['createddate', 'lastmodifieddate', 'systemmodstamp']);

async function load(plan: SyntheticPlan): Promise<LoadedProject> {
    const r = await loadProject([], { sites: plan.sites });
    assert.deepEqual(r.diagnostics, []);
    return r.project!;
}

/** Every record of the project's org as plain data, by object, in Id order. */
async function dump(project: LoadedProject): Promise<Record<string, Array<Record<string, string>>>> {
    const r = await project.executeAnonymous('Integer activate = 0;', 'dump');
    assert.ok(r.success);
    const store = currentOrg.org!.store;
    const out: Record<string, Array<Record<string, string>>> = {};
    for (const obj of store.catalog.allObjects()) {
        const rows = [...store.rows(obj.name)].map((rec) => {
            const values: Record<string, string> = {};
            for (const [k, v] of [...rec.values].sort(([a], [b]) => a.localeCompare(b))) {
                if (!CLOCK_FIELDS.has(k) && v !== null) values[k] = String(v);
            }
            return values;
        });
        if (rows.length) out[obj.name] = rows.sort((a, b) => a.id.localeCompare(b.id));
    }
    return out;
}

describe('synthetic org plan', () => {
    it('is deterministic for a seed and changes with it', () => {
        const a = generateSynthetic({ users: 50, seed: 7 });
        assert.deepEqual(generateSynthetic({ users: 50, seed: 7 }), a);
        assert.notDeepEqual(generateSynthetic({ users: 50, seed: 8 }).users, a.users);
    });

    it('spreads users over the external profiles, partners only on partner accounts', () => {
        const plan = generateSynthetic({ users: 2000, seed: 3 });
        const partnerAccounts = new Set(plan.accounts.filter((a) => a.partner).map((a) => a.ref));
        const accountOf = new Map(plan.contacts.map((c) => [c.ref, c.accountRef]));
        const profiles = new Map<string, number>();
        for (const u of plan.users) {
            profiles.set(u.profile, (profiles.get(u.profile) ?? 0) + 1);
            assert.equal(u.profile.startsWith('Partner'), partnerAccounts.has(accountOf.get(u.contactRef)!), u.ref);
        }
        assert.equal(profiles.size, 6, [...profiles.keys()].join(', '));
        assert.equal(plan.accounts.length, 200);
        assert.equal(partnerAccounts.size, 40);
        assert.equal(plan.users.filter((u) => !u.active).length, 100);
    });

    it('assigns only permission sets the user license allows, ten per user by default', () => {
        const plan = generateSynthetic({ users: 300 });
        const license = new Map(plan.permissionSets.map((p) => [p.ref, p.license]));
        const profileOf = new Map(plan.users.map((u) => [u.ref, u.profile]));
        const perUser = new Map<string, number>();
        for (const a of plan.assignments) {
            perUser.set(a.userRef, (perUser.get(a.userRef) ?? 0) + 1);
            const bound = license.get(a.permissionSetRef);
            if (bound)
                assert.equal(`${bound} User`, profileOf.get(a.userRef), `${a.userRef} got ${a.permissionSetRef}`);
        }
        assert.deepEqual(new Set(perUser.values()), new Set([10]));
        assert.ok(plan.assignments.some((a) => license.get(a.permissionSetRef) !== null));
    });

    it('parses the CLI spec and refuses bad keys', () => {
        assert.deepEqual(parseSyntheticSpec('users=100000, accounts=5000,assignmentsperuser=4'), {
            users: 100000,
            accounts: 5000,
            assignmentsPerUser: 4
        });
        assert.throws(() => parseSyntheticSpec('accounts=3'), SyntheticSpecError);
        assert.throws(() => parseSyntheticSpec('users=3,colour=2'), /unknown key "colour"/);
        assert.throws(() => parseSyntheticSpec('users=lots'), /not key=number/);
    });
});

describe('the fast path and the DML path', () => {
    it('write the same records, Ids included, on a small org', async () => {
        // Small enough for the default seats (Partner Community has 100), big enough for every profile and for
        // accounts that reuse their portal roles.
        const plan = generateSynthetic({
            users: 60,
            accounts: 8,
            partnerEvery: 4,
            permissionSets: 9,
            assignmentsPerUser: 4,
            seed: 5
        });
        const viaDml = await load(plan);
        const dmlIds = await loadSyntheticThroughDml(viaDml, plan);
        const dmlRecords = await dump(viaDml);
        const viaFast = await load(plan);
        const fastIds = await buildSyntheticFast(viaFast, plan);
        const fastRecords = await dump(viaFast);
        assert.deepEqual(fastIds, dmlIds);
        assert.deepEqual(Object.keys(fastRecords), Object.keys(dmlRecords));
        for (const object of Object.keys(dmlRecords)) {
            assert.deepEqual(fastRecords[object], dmlRecords[object], object);
        }
        // The derived rows are really there: portal roles, site members, used seats.
        assert.ok(dmlRecords.UserRole.length > 1);
        assert.equal(dmlRecords.NetworkMember.length, plan.users.length);
        const used = dmlRecords.UserLicense.reduce((n, l) => n + Number(l.usedlicenses), 0);
        assert.equal(used, plan.users.filter((u) => u.active).length + 1); // + the admin
    });

    it('raises seats the fast path users exceed (the DML path would refuse them)', async () => {
        const plan = generateSynthetic({ users: 600, partnerEvery: 2, assignmentsPerUser: 0, seed: 2 });
        const project = await load(plan);
        await buildSyntheticFast(project, plan);
        const records = await dump(project);
        const partner = records.UserLicense.find((l) => l.name === 'Partner Community')!;
        assert.ok(Number(partner.usedlicenses) > 100);
        assert.equal(partner.totallicenses, partner.usedlicenses);
        const plus = records.UserLicense.find((l) => l.name === 'Customer Community Plus')!;
        assert.equal(plus.totallicenses, '200', 'a license within its seats keeps them');
    });

    it('refuses a project loaded without the synthetic sites', async () => {
        const plan = generateSynthetic({ users: 5 });
        const r = await loadProject([]);
        await assert.rejects(buildSyntheticFast(r.project!, plan), /loaded without the synthetic sites/);
    });
});

describe('synthetic orgs on the command line', () => {
    async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
        let out = '';
        let err = '';
        const code = await main(argv, { stdout: (t) => (out += t), stderr: (t) => (err += t) });
        return { code, out, err };
    }
    const forceApp = join(__dirname, '..', '..', '..', 'force-app');

    it('seed prints what the org holds, the same through both paths', async () => {
        const fast = await cli(['seed', '--source-dir', forceApp, '--synthetic', 'users=30,accounts=5', '--seed', '4']);
        assert.equal(fast.code, 0, fast.err);
        assert.match(fast.out, /=== Synthetic org \(seed 4, fast path, \d+ ms\)/);
        assert.match(fast.out, /\nUser\s+31\n/);
        assert.match(fast.out, /\nNetworkMember\s+30\n/);
        const dml = await cli([
            'seed',
            '--source-dir',
            forceApp,
            '--synthetic',
            'users=30,accounts=5',
            '--seed',
            '4',
            '--via',
            'dml'
        ]);
        assert.equal(dml.code, 0, dml.err);
        const rows = (t: string) => t.split('\n').slice(3);
        assert.deepEqual(rows(dml.out), rows(fast.out));
    });

    it('exec --synthetic builds the org before the script', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'synthetic-cli-'));
        try {
            const script = join(dir, 'count.apex');
            writeFileSync(script, "System.debug([SELECT COUNT() FROM User WHERE UserType = 'PowerPartner']);\n");
            const r = await cli(['exec', '--source-dir', forceApp, '-f', script, '--synthetic', 'users=200']);
            assert.equal(r.code, 0, r.err);
            const plan = generateSynthetic({ users: 200 });
            const partners = plan.users.filter((u) => u.profile.startsWith('Partner')).length;
            assert.equal(r.out, `USER_DEBUG [1]|DEBUG|${partners}\n`);
            assert.match(r.err, /Built a synthetic org \(200 users, seed 1\)/);
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });

    it('refuses a bad spec, --seed alone and --sites with --synthetic', async () => {
        const bad = await cli(['seed', '--source-dir', forceApp, '--synthetic', 'users=3,colour=2']);
        assert.equal(bad.code, 2);
        assert.match(bad.err, /--synthetic: unknown key "colour"/);
        const seedOnly = await cli(['seed', '--source-dir', forceApp, '--seed', '3']);
        assert.equal(seedOnly.code, 2);
        const sites = await cli([
            'exec',
            '--source-dir',
            forceApp,
            '-f',
            'x.apex',
            '--synthetic',
            'users=3',
            '--sites',
            join(__dirname, '..', '..', 'probe-sites.json')
        ]);
        assert.equal(sites.code, 2);
        assert.match(sites.err, /--sites cannot be combined with --synthetic/);
    });
});
