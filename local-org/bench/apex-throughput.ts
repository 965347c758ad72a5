/**
 * Apex throughput of the local org on a large synthetic org (issue #4 "Done when"): builds a synthetic org
 * (seed/synthetic.ts, fast path), then times anonymous Apex and a batch that do SOQL by indexed and unindexed
 * filters, aggregates, QueryLocator paging in 200-row chunks, DML updates of 200 and 10,000 users and
 * PermissionSetAssignment inserts. Every operation runs through the runtime contract (executeAnonymous,
 * drainAsync), so the numbers include compiling the snippet, governor-limit accounting, triggers (none here) and
 * the platform rules the DML layer applies.
 *
 * Run: npx tsx local-org/bench/apex-throughput.ts [users] [--assignments-per-user N] [--update-rows 200,10000]
 *      [--psa-rows 200]
 * (more heap helps at 100,000 users: NODE_OPTIONS=--max-old-space-size=6144). DML cost per row does not grow
 * with the org's size (the platform rules read indexes); the README's Benchmarks section has the numbers.
 */
import { cpus } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { join } from 'node:path';
import type { LoadedProject } from '../src/api';
import { loadProject } from '../src/runtime';
import { buildSyntheticFast, countRecords, generateSynthetic, SUMMARY_OBJECTS } from '../src/seed/synthetic';

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
};
const USERS = Number(args.find((a) => /^\d+$/.test(a)) ?? 100_000);
const PER_USER = Number(flag('--assignments-per-user') ?? 10);
const UPDATE_ROWS = (flag('--update-rows') ?? '200,10000')
    .split(',')
    .filter((x) => x !== '')
    .map(Number);
const PSA_ROWS = Number(flag('--psa-rows') ?? 200);

interface Row {
    op: string;
    rows: number;
    ms: number;
    /** Operations in the measurement (queries, chunks, statements), for ms per operation. */
    ops: number;
    note: string;
}
const results: Row[] = [];

async function exec(project: LoadedProject, name: string, apex: string): Promise<{ ms: number; marks: string[][] }> {
    const t0 = performance.now();
    const r = await project.executeAnonymous(apex, `bench ${name}`);
    const ms = performance.now() - t0;
    if (!r.success)
        throw new Error(`${name}: ${r.emulatorError ? '[EmulatorError] ' : ''}${r.message}\n${r.stackTrace ?? ''}`);
    const marks = r.debugLines
        .map((l) => l.slice(l.indexOf('|DEBUG|') + 7))
        .filter((m) => m.startsWith('BENCH|'))
        .map((m) => m.split('|').slice(1));
    return { ms, marks };
}

function record(op: string, rows: number, ms: number, ops: number, note = ''): void {
    results.push({ op, rows, ms, ops, note });
    const rate = ms > 0 ? Math.round((rows / ms) * 1000) : 0;
    process.stderr.write(`${op}: ${rows} rows, ${ms.toFixed(1)} ms, ${(ms / ops).toFixed(2)} ms/op, ${rate} rows/s\n`);
}

const quote = (ids: string[]): string => ids.map((id) => `'${id}'`).join(', ');

async function main(): Promise<void> {
    const plan = generateSynthetic({ users: USERS, assignmentsPerUser: PER_USER, seed: 1 });
    const loaded = await loadProject([join(__dirname, 'apex')], {
        sites: plan.sites,
        statementBudget: 500_000_000,
        timeBudgetMs: 3_600_000
    });
    if (!loaded.project) throw new Error(loaded.diagnostics.map((d) => `${d.file}:${d.line} ${d.message}`).join('\n'));
    const project = loaded.project;
    let t0 = performance.now();
    const ids = await buildSyntheticFast(project, plan);
    const buildMs = performance.now() - t0;
    const counts = await countRecords(project, SUMMARY_OBJECTS);
    const total = counts.reduce((n, [, c]) => n + c, 0);
    record(
        'build synthetic org (fast path, store writes)',
        total,
        buildMs,
        1,
        counts.map(([o, c]) => `${o} ${c}`).join(', ')
    );

    const userIds = plan.users.map((u) => ids.get(u.ref)!);
    const contactIds = plan.contacts.map((c) => ids.get(c.ref)!);
    const step = Math.max(1, Math.floor(userIds.length / 50));
    const sampleUsers = Array.from({ length: 50 }, (_, i) => userIds[(i * step) % userIds.length]);
    const sampleContacts = Array.from({ length: 50 }, (_, i) => contactIds[(i * step) % contactIds.length]);
    const sampleNames = Array.from({ length: 10 }, (_, i) => plan.users[(i * step * 5) % plan.users.length].username);

    let r = await exec(
        project,
        'by Id',
        `List<Id> ids = new List<Id>{ ${quote(sampleUsers)} };
Integer n = 0;
for (Id i : ids) { n += [SELECT Id, Username FROM User WHERE Id = :i].size(); }
System.debug('BENCH|' + n);`
    );
    record('SOQL indexed: User WHERE Id = :id (50 queries)', Number(r.marks[0][0]), r.ms, 50);

    r = await exec(
        project,
        'by ContactId',
        `List<Id> ids = new List<Id>{ ${quote(sampleContacts)} };
Integer n = 0;
for (Id i : ids) { n += [SELECT Id FROM User WHERE ContactId = :i].size(); }
System.debug('BENCH|' + n);`
    );
    record('SOQL indexed lookup: User WHERE ContactId = :id (50 queries)', Number(r.marks[0][0]), r.ms, 50);

    const batchIds = userIds.slice(0, Math.min(200, userIds.length));
    r = await exec(
        project,
        'Id IN',
        `Set<Id> ids = new Set<Id>{ ${quote(batchIds)} };
System.debug('BENCH|' + [SELECT Id, ProfileId, UserType FROM User WHERE Id IN :ids].size());`
    );
    record('SOQL indexed: User WHERE Id IN :ids (200 Ids, 1 query)', Number(r.marks[0][0]), r.ms, 1);

    r = await exec(
        project,
        'by Username',
        `List<String> names = new List<String>{ ${sampleNames.map((n) => `'${n}'`).join(', ')} };
Integer n = 0;
for (String u : names) { n += [SELECT Id FROM User WHERE Username = :u].size(); }
System.debug('BENCH|' + n);`
    );
    record(
        'SOQL indexed: User WHERE Username = :u (10 queries)',
        Number(r.marks[0][0]),
        r.ms,
        10,
        'Username is indexed (as in an org): the first query builds the index'
    );

    r = await exec(
        project,
        'LIKE',
        `System.debug('BENCH|' + [SELECT Id FROM User WHERE Email LIKE 'user0001%' LIMIT 50000].size());`
    );
    record('SOQL unindexed: User WHERE Email LIKE (1 query, full scan)', Number(r.marks[0][0]), r.ms, 1);

    const partnerProfile = `[SELECT Id FROM Profile WHERE Name = 'Partner Community User'].Id`;
    r = await exec(
        project,
        'count',
        `Id p = ${partnerProfile};
System.debug('BENCH|' + [SELECT COUNT() FROM User WHERE ProfileId = :p]);`
    );
    record('aggregate: COUNT() FROM User WHERE ProfileId = :p', Number(r.marks[0][0]), r.ms, 1, 'rows counted');

    r = await exec(
        project,
        'group by',
        `Integer n = 0;
for (AggregateResult ar : [SELECT UserType, COUNT(Id) c FROM User WHERE IsActive = false GROUP BY UserType]) { n += (Integer) ar.get('c'); }
System.debug('BENCH|' + n);`
    );
    record(
        'aggregate: GROUP BY UserType over inactive users (full scan)',
        Number(r.marks[0][0]),
        r.ms,
        1,
        'rows grouped'
    );

    r = await exec(
        project,
        'psa count',
        `Id ps = [SELECT Id FROM PermissionSet WHERE Name = 'Synthetic_PS_007'].Id;
System.debug('BENCH|' + [SELECT COUNT() FROM PermissionSetAssignment WHERE PermissionSetId = :ps]);`
    );
    record("aggregate: COUNT() of one permission set's assignments", Number(r.marks[0][0]), r.ms, 1, 'rows counted');

    // QueryLocator paging: a batch over every external user, 200 rows per execute, each chunk its own transaction.
    t0 = performance.now();
    await exec(project, 'batch', `Database.executeBatch(new BenchUserBatch(), 200);`);
    const steps = project.drainAsync(100_000);
    const batchMs = performance.now() - t0;
    const failed = steps.filter((s) => !s.ok);
    if (failed.length) throw new Error(`batch: ${failed[0].message}`);
    const finish = steps.flatMap((s) => s.debugLines).find((l) => l.includes('BENCH|batch|'))!;
    const [, , rowsSeen, chunks] = finish.slice(finish.indexOf('BENCH|')).split('|');
    record(
        'QueryLocator batch, scope 200 (start + executes + finish)',
        Number(rowsSeen),
        batchMs,
        Number(chunks),
        `${chunks} chunks`
    );

    const update = async (n: number): Promise<void> => {
        const res = await exec(
            project,
            `update ${n}`,
            `List<User> users = [SELECT Id FROM User WHERE ContactId != NULL AND IsActive = true LIMIT ${n}];
for (User u : users) { u.Title = 'Bench ${n}'; }
update users;
System.debug('BENCH|' + users.size());`
        );
        const updated = Number(res.marks[0][0]);
        record(
            `DML update of ${updated} users (1 statement, incl. the query)`,
            updated,
            res.ms,
            Math.max(1, updated),
            'ms per op = per row'
        );
    };
    for (const n of UPDATE_ROWS) await update(n);

    if (PSA_ROWS > 0) {
        r = await exec(
            project,
            'psa insert',
            `PermissionSet ps = new PermissionSet(Name = 'Bench_Set', Label = 'Bench Set');
insert ps;
Id p = [SELECT Id FROM Profile WHERE Name = 'Customer Community User'].Id;
List<PermissionSetAssignment> rows = new List<PermissionSetAssignment>();
for (User u : [SELECT Id FROM User WHERE ProfileId = :p LIMIT ${PSA_ROWS}]) {
    rows.add(new PermissionSetAssignment(AssigneeId = u.Id, PermissionSetId = ps.Id));
}
insert rows;
System.debug('BENCH|' + rows.size());`
        );
        record(
            `DML insert of ${PSA_ROWS} PermissionSetAssignments (+ 1 PermissionSet)`,
            Number(r.marks[0][0]),
            r.ms,
            PSA_ROWS,
            'ms per op = per row'
        );
    }

    const cpu = cpus()[0]?.model ?? 'unknown CPU';
    const lines = [
        `Run of ${new Date().toISOString().slice(0, 10)} on Node ${process.version}, ${cpus().length} × ${cpu}; ` +
            `${USERS} users, ${PER_USER} assignments per user; heap limit ${Math.round(getHeapStatistics().heap_size_limit / 1e6)} MB.`,
        '',
        '| operation | rows | ms | ms per op | rows/s | note |',
        '| --- | --- | --- | --- | --- | --- |',
        ...results.map(
            (x) =>
                `| ${x.op} | ${x.rows} | ${x.ms.toFixed(0)} | ${(x.ms / x.ops).toFixed(2)} | ${
                    x.ms > 0 ? Math.round((x.rows / x.ms) * 1000).toLocaleString('en-US') : '-'
                } | ${x.note} |`
        )
    ];
    process.stdout.write(lines.join('\n') + '\n');
}

main().catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
});
