/**
 * Governor budget of the migration engine, measured on the local org: N synthetic Customer Community users with
 * 10 permission sets each move to Customer Community Login through the real Apex chain (MigrationRunService.start,
 * then every StageBatch start/execute/finish and every Migration_Event__e delivery, stepped one at a time), and the
 * report gives per stage the SOQL queries and DML statements per execute (max and mean), DML rows, async jobs and
 * local wall time. Budget at scope 200 (issue #5): <= 10 SOQL and <= 8 DML statements per execute.
 *
 * Run: node --import tsx scripts/bench/governor-budget.ts [users=1000] [--scope 200] [--site-membership recompute]
 *      [--source-dir force-app] [--dry-run]
 * Exit code 1 when an execute exceeds the budget or the run does not complete; 2 on bad usage or setup failure.
 */
import { loadProject } from '../../local-org/src/runtime/index';
import type { AsyncStep, LoadedProject } from '../../local-org/src/api';
import { buildSyntheticFast, generateSynthetic } from '../../local-org/src/seed/synthetic';

const SOQL_BUDGET = 10;
const DML_BUDGET = 8;
const SOURCE = 'Customer Community User';
const TARGET = 'Customer Community Login User';
/**
 * Share of synthetic users on SOURCE when every account is a customer account (synthetic.ts weights 450/1000), with
 * a margin: the draw is random, so 0.45 left 9,944 of 10,000 needed users.
 */
const SOURCE_SHARE = 0.42;
const ITEM_INSERT_CHUNK = 5000;

interface Args {
    users: number;
    scope: number;
    siteMembership: 'staleRowsStay' | 'recompute';
    sourceDir: string;
    /** Start the run as a dry run (one Dry_Run batch: every stage inside a savepoint per chunk, rolled back). */
    dryRun: boolean;
}

function parseArgs(argv: string[]): Args {
    const out: Args = {
        users: 1000,
        scope: 200,
        siteMembership: 'staleRowsStay',
        sourceDir: 'force-app',
        dryRun: false
    };
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i];
        if (a === '--scope') out.scope = Number(argv[++i]);
        else if (a === '--source-dir') out.sourceDir = argv[++i];
        else if (a === '--dry-run') out.dryRun = true;
        else if (a === '--site-membership') {
            const m = argv[++i];
            if (m !== 'recompute' && m !== 'stale-rows-stay') throw new Error(`bad --site-membership ${m}`);
            out.siteMembership = m === 'recompute' ? 'recompute' : 'staleRowsStay';
        } else if (/^\d+$/.test(a)) out.users = Number(a);
        else throw new Error(`unknown argument ${a}`);
    }
    if (!(out.scope >= 1 && out.scope <= 200)) throw new Error('--scope must be 1..200');
    return out;
}

async function exec(project: LoadedProject, source: string, what: string): Promise<string[]> {
    const r = await project.executeAnonymous(source, what, { statementBudget: 1e9, timeBudgetMs: 600_000 });
    if (!r.success) throw new Error(`${what} failed: ${r.message}\n${r.stackTrace ?? ''}`);
    return r.debugLines.map((l) => l.replace(/^USER_DEBUG \[\d+\]\|\w+\|/, ''));
}

interface StageStats {
    executes: number;
    soql: number[];
    dml: number[];
    dmlRows: number;
    items: number;
    ms: number;
    /** CPU time of this process (user + system): on a shared machine it moves less with the load than wall time. */
    cpuMs: number;
    jobs: Set<string>;
}

function stats(): StageStats {
    return { executes: 0, soql: [], dml: [], dmlRows: 0, items: 0, ms: 0, cpuMs: 0, jobs: new Set() };
}

/** CPU time of this process so far, in ms. */
function cpuNow(): number {
    const u = process.cpuUsage();
    return Math.round((u.user + u.system) / 1000);
}

const LINE = /^(StageBatch|RunLogSubscriber) (\w+) items=(\d+) soql=(\d+) dml=(\d+) dmlRows=(\d+)$/;

async function main(): Promise<number> {
    const args = parseArgs(process.argv.slice(2));
    const t0 = Date.now();
    const plan = generateSynthetic({
        users: Math.ceil(args.users / SOURCE_SHARE) + 50,
        partnerEvery: 0,
        inactiveEvery: 0,
        assignmentsPerUser: 10,
        // The target license needs free seats for the users the run moves onto it.
        seatHeadroom: args.users
    });
    const loaded = await loadProject([args.sourceDir], {
        sites: plan.sites,
        siteMembership: args.siteMembership,
        // The local org's own guards, not platform limits: a big chunk may take a while on a shared machine.
        statementBudget: 1e9,
        timeBudgetMs: 3_600_000
    });
    if (!loaded.project) {
        for (const d of loaded.diagnostics) console.error(`${d.file}:${d.line}:${d.column} ${d.kind} ${d.message}`);
        return 2;
    }
    const project = loaded.project;
    await buildSyntheticFast(project, plan);
    const seeded = Date.now();

    const runLines = await exec(
        project,
        `Profile t = [SELECT Id, UserType, UserLicenseId, UserLicense.Name FROM Profile WHERE Name = '${TARGET}' LIMIT 1];
         Migration_Run__c r = new Migration_Run__c(Status__c = 'Ready', Target_Profile_Id__c = t.Id,
             Target_License_Name__c = t.UserLicense.Name, Target_User_Type__c = t.UserType, Scope_Size__c = ${args.scope});
         // The admin's mapping: a set bound to the source license maps to one bound to the target license, else drops.
         Id sourceLicense = [SELECT UserLicenseId FROM Profile WHERE Name = '${SOURCE}' LIMIT 1].UserLicenseId;
         List<PermissionSet> targetSets = [SELECT Id FROM PermissionSet WHERE LicenseId = :t.UserLicenseId LIMIT 1];
         List<Map<String, Object>> mapping = new List<Map<String, Object>>();
         for (PermissionSet ps : [SELECT Id FROM PermissionSet WHERE LicenseId = :sourceLicense]) {
             mapping.add(targetSets.isEmpty()
                 ? new Map<String, Object>{ 'sourceId' => ps.Id, 'action' => 'DROP' }
                 : new Map<String, Object>{ 'sourceId' => ps.Id, 'action' => 'MAP', 'targetId' => targetSets[0].Id });
         }
         r.Permission_Mapping__c = JSON.serialize(mapping);
         insert r;
         System.debug('RUN ' + r.Id);`,
        'create run'
    );
    const runId = runLines.find((l) => l.startsWith('RUN '))!.slice(4);
    let lastId = '000000000000000AAA';
    let items = 0;
    while (items < args.users) {
        const take = Math.min(ITEM_INSERT_CHUNK, args.users - items);
        const lines = await exec(
            project,
            `List<Migration_Run_Item__c> rows = new List<Migration_Run_Item__c>();
             String lastId = '';
             for (User u : [SELECT Id, Username FROM User WHERE Profile.Name = '${SOURCE}' AND IsActive = true
                            AND Id > '${lastId}' ORDER BY Id LIMIT ${take}]) {
                 rows.add(new Migration_Run_Item__c(Run__c = '${runId}', User__c = u.Id, Username__c = u.Username,
                     Unique_Key__c = '${runId}:' + u.Id, Outcome__c = 'Ready', Stage__c = 'Preflight'));
                 lastId = u.Id;
             }
             insert rows;
             System.debug('ITEMS ' + rows.size() + ' ' + lastId);`,
            'create items'
        );
        const [, n, last] = lines.find((l) => l.startsWith('ITEMS '))!.split(' ');
        if (Number(n) === 0) throw new Error(`only ${items} users on ${SOURCE}; generate more`);
        items += Number(n);
        lastId = last;
    }
    await exec(project, `new MigrationRunService().start('${runId}', ${args.dryRun}, null);`, 'start');
    const started = Date.now();

    const byStage = new Map<string, StageStats>();
    const get = (k: string): StageStats => byStage.get(k) ?? byStage.set(k, stats()).get(k)!;
    const jobs = new Set<string>();
    let failures = 0;
    let steps = 0;
    const chainCpu0 = cpuNow();
    for (;;) {
        const s0 = Date.now();
        const c0 = cpuNow();
        const step: AsyncStep | null = project.runNextAsyncStep();
        if (!step) break;
        steps++;
        const ms = Date.now() - s0;
        const cpuMs = cpuNow() - c0;
        if (process.env.BENCH_PROGRESS) console.error(`${step.className} ${step.phase} ${ms} ms (cpu ${cpuMs} ms)`);
        jobs.add(step.jobId);
        if (!step.ok) {
            failures++;
            console.error(`step failed: ${step.className} ${step.phase}: ${step.message}`);
        }
        let matched = false;
        for (const line of step.debugLines.map((l) => l.replace(/^USER_DEBUG \[\d+\]\|\w+\|/, ''))) {
            const m = LINE.exec(line);
            if (!m) continue;
            matched = true;
            const st = get(m[1] === 'StageBatch' ? m[2] : 'log subscriber');
            st.executes++;
            st.items += Number(m[3]);
            st.soql.push(Number(m[4]));
            st.dml.push(Number(m[5]));
            st.dmlRows += Number(m[6]);
            st.ms += ms;
            st.cpuMs += cpuMs;
            st.jobs.add(step.jobId);
        }
        if (!matched) {
            const other = get(`(${step.phase} ${step.className})`);
            other.ms += ms;
            other.cpuMs += cpuMs;
        }
    }
    const finished = Date.now();
    const chainCpu = cpuNow() - chainCpu0;
    const summary = await exec(
        project,
        `Migration_Run__c r = [SELECT Status__c, Succeeded_Count__c, Failed_Count__c, Total_Items__c FROM Migration_Run__c WHERE Id = '${runId}'];
         System.debug('STATUS ' + r.Status__c + ' ' + r.Succeeded_Count__c + ' ' + r.Failed_Count__c + ' ' + r.Total_Items__c);
         System.debug('JOBS ' + [SELECT COUNT() FROM AsyncApexJob]);
         for (AggregateResult a : [SELECT Status_Code__c code, COUNT(Id) n FROM Migration_Run_Item__c
                                   WHERE Run__c = '${runId}' AND Outcome__c = 'Failed' GROUP BY Status_Code__c]) {
             System.debug('FAILED ' + a.get('code') + ' ' + a.get('n'));
         }
         for (Migration_Run_Item__c i : [SELECT Status_Code__c, Error_Message__c, Verify_Diff__c FROM Migration_Run_Item__c
                                         WHERE Run__c = '${runId}' AND Outcome__c = 'Failed' LIMIT 2]) {
             System.debug('EXAMPLE ' + i.Status_Code__c + ' ' + i.Error_Message__c + ' ' + i.Verify_Diff__c);
         }`,
        'summary'
    );

    const mean = (xs: number[]): string => (xs.length ? (xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(1) : '-');
    const max = (xs: number[]): number => (xs.length ? Math.max(...xs) : 0);
    console.log(
        `\n## Governor budget: ${items} users x 10 permission sets, ${SOURCE} -> ${TARGET}, scope ${args.scope}, ` +
            `site membership ${args.siteMembership}${args.dryRun ? ', dry run' : ''}\n`
    );
    console.log(
        '| stage | executes | items | SOQL max | SOQL mean | DML max | DML mean | DML rows | wall ms | cpu ms | cpu ms/execute |'
    );
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    let overBudget = false;
    for (const [stage, st] of byStage) {
        if (st.executes === 0) {
            console.log(`| ${stage} | | | | | | | | ${st.ms} | ${st.cpuMs} | |`);
            continue;
        }
        const over = stage !== 'log subscriber' && (max(st.soql) > SOQL_BUDGET || max(st.dml) > DML_BUDGET);
        if (over) overBudget = true;
        console.log(
            `| ${stage}${over ? ' **over budget**' : ''} | ${st.executes} | ${st.items} | ${max(st.soql)} | ` +
                `${mean(st.soql)} | ${max(st.dml)} | ${mean(st.dml)} | ${st.dmlRows} | ${st.ms} | ${st.cpuMs} | ` +
                `${(st.cpuMs / st.executes).toFixed(0)} |`
        );
    }
    const status = summary.find((l) => l.startsWith('STATUS '))!;
    console.log(
        `\n${status.replace('STATUS ', 'run: status ').replace(/ (\S+) (\S+) (\S+)$/, ', succeeded $1, failed $2, items $3')}`
    );
    for (const l of summary.filter((x) => x.startsWith('FAILED ') || x.startsWith('EXAMPLE '))) {
        console.log(l.length > 400 ? `${l.slice(0, 400)}...` : l);
    }
    console.log(
        `async steps ${steps}, async jobs ${jobs.size} (${summary.find((l) => l.startsWith('JOBS '))}), failed steps ${failures}`
    );
    console.log(
        `wall: seed ${seeded - t0} ms, items+start ${started - seeded} ms, chain ${finished - started} ms ` +
            `(chain cpu ${chainCpu} ms); heap at the end ${Math.round(process.memoryUsage().heapUsed / 2 ** 20)} MB`
    );
    const completed = status.startsWith('STATUS Completed ');
    if (!completed) console.error('the run did not complete cleanly');
    if (overBudget) console.error(`over budget: <= ${SOQL_BUDGET} SOQL and <= ${DML_BUDGET} DML per execute`);
    return overBudget || !completed || failures > 0 ? 1 : 0;
}

main().then(
    (code) => process.exit(code),
    (e: unknown) => {
        console.error(e instanceof Error ? e.message : e);
        process.exit(2);
    }
);
