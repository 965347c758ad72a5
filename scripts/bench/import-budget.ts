/**
 * Governor budget of the import engine, measured on the local org: a CSV of N people (two rows in three with a
 * ContactExternalId, spread over accounts of 200 contacts) goes through ImportRunService (create, preflight, start)
 * and the real chain (StageBatch Contacts, Users, Verify and every Migration_Event__e delivery, stepped one at a
 * time); the report gives per stage the SOQL queries and DML statements per execute (max and mean) and DML rows.
 * Budget at scope 200 (issue #8 item 5): <= 10 SOQL and <= 8 DML statements per execute.
 *
 * Run: node --import tsx scripts/bench/import-budget.ts [rows=1000] [--source-dir force-app]
 * Exit code 1 when an execute exceeds the budget or the import does not complete; 2 on bad usage or setup failure.
 */
import { loadProject } from '../../local-org/src/runtime/index';
import type { LoadedProject } from '../../local-org/src/api';
import { buildSyntheticFast, generateSynthetic } from '../../local-org/src/seed/synthetic';

const SOQL_BUDGET = 10;
const DML_BUDGET = 8;
const PROFILE = 'Customer Community User';
const LINE = /^(StageBatch|RunLogSubscriber) (\w+) items=(\d+) soql=(\d+) dml=(\d+) dmlRows=(\d+)$/;

async function exec(project: LoadedProject, source: string, what: string): Promise<string[]> {
    const r = await project.executeAnonymous(source, what, { statementBudget: 1e9, timeBudgetMs: 600_000 });
    if (!r.success) throw new Error(`${what} failed: ${r.message}\n${r.stackTrace ?? ''}`);
    return r.debugLines.map((l) => l.replace(/^USER_DEBUG \[\d+\]\|\w+\|/, ''));
}

interface StageStats {
    executes: number;
    items: number;
    soql: number[];
    dml: number[];
    dmlRows: number;
    ms: number;
}

async function main(): Promise<number> {
    const argv = process.argv.slice(2);
    let rows = 1000;
    let sourceDir = 'force-app';
    for (let i = 0; i < argv.length; i++) {
        if (argv[i] === '--source-dir') sourceDir = argv[++i];
        else if (/^\d+$/.test(argv[i])) rows = Number(argv[i]);
        else throw new Error(`unknown argument ${argv[i]}`);
    }
    if (rows < 1 || rows > 9000) throw new Error('rows must be 1..9000 (ImportRunService.MAX_ROWS)');
    // A small synthetic org whose licenses keep `rows` free seats (the baseline Customer Community has 1,000).
    const plan = generateSynthetic({
        users: 10,
        partnerEvery: 0,
        inactiveEvery: 0,
        assignmentsPerUser: 0,
        seatHeadroom: rows
    });
    const loaded = await loadProject([sourceDir], {
        sites: plan.sites,
        statementBudget: 1e9,
        timeBudgetMs: 3_600_000
    });
    if (!loaded.project) {
        for (const d of loaded.diagnostics) console.error(`${d.file}:${d.line}:${d.column} ${d.kind} ${d.message}`);
        return 2;
    }
    const project = loaded.project;
    await buildSyntheticFast(project, plan);
    const t0 = Date.now();
    // The import writes its run in user mode: the running admin needs the app's permission set (field access).
    await exec(
        project,
        `insert new PermissionSetAssignment(AssigneeId = UserInfo.getUserId(),
             PermissionSetId = [SELECT Id FROM PermissionSet WHERE Name = 'Community_User_Migrator' LIMIT 1].Id);`,
        'app permission set'
    );
    const created = await exec(
        project,
        `List<Account> accounts = new List<Account>();
         for (Integer a = 0; a < ${Math.ceil(rows / 200)}; a++) {
             accounts.add(new Account(Name = 'Import bench ' + a));
         }
         insert accounts;
         List<String> lines = new List<String>{ 'FirstName,LastName,Email,AccountId,ContactExternalId' };
         for (Integer i = 1; i <= ${rows}; i++) {
             String key = Math.mod(i, 3) == 0 ? '' : 'BENCH-' + i;
             lines.add('Bench,Person' + i + ',bench' + i + '@example.com,' + accounts[(i - 1) / 200].Id + ',' + key);
         }
         ImportViews.CreateRequest request = new ImportViews.CreateRequest();
         request.csv = String.join(lines, '\\n');
         request.targetProfileId = [SELECT Id FROM Profile WHERE Name = '${PROFILE}' LIMIT 1].Id;
         request.usernameSuffix = '.bench';
         ImportViews.CreateResult result = new ImportRunService().create(request);
         System.debug('RUN ' + result.runId + ' ' + JSON.serialize(result.fileErrors));`,
        'create'
    );
    const runId = created.find((l) => l.startsWith('RUN '))!.split(' ')[1];
    await exec(project, `System.debug('BLOCKED ' + new ImportRunService().preflight('${runId}'));`, 'preflight');
    // Above ImportRunService.SYNC_PREFLIGHT_ROWS the preflight is a batch: run it to the end before the start.
    let preflightSteps = 0;
    while (project.runNextAsyncStep()) preflightSteps++;
    if (preflightSteps) console.log(`preflight batch: ${preflightSteps} async steps`);
    await exec(project, `new ImportRunService().start('${runId}', false, 'IRREVERSIBLE');`, 'start');
    const started = Date.now();

    const byStage = new Map<string, StageStats>();
    let failures = 0;
    for (;;) {
        const s0 = Date.now();
        const step = project.runNextAsyncStep();
        if (!step) break;
        if (!step.ok) {
            failures++;
            console.error(`step failed: ${step.className} ${step.phase}: ${step.message}`);
        }
        for (const line of step.debugLines.map((l) => l.replace(/^USER_DEBUG \[\d+\]\|\w+\|/, ''))) {
            const m = LINE.exec(line);
            if (!m) continue;
            const key = m[1] === 'StageBatch' ? m[2] : 'log subscriber';
            const st = byStage.get(key) ?? { executes: 0, items: 0, soql: [], dml: [], dmlRows: 0, ms: 0 };
            byStage.set(key, st);
            st.executes++;
            st.items += Number(m[3]);
            st.soql.push(Number(m[4]));
            st.dml.push(Number(m[5]));
            st.dmlRows += Number(m[6]);
            st.ms += Date.now() - s0;
        }
    }
    const summary = await exec(
        project,
        `Migration_Run__c r = [SELECT Status__c, Succeeded_Count__c, Failed_Count__c, Total_Items__c FROM Migration_Run__c WHERE Id = '${runId}'];
         System.debug('STATUS ' + r.Status__c + ' ' + r.Succeeded_Count__c + ' ' + r.Failed_Count__c + ' ' + r.Total_Items__c);
         for (Migration_Run_Item__c i : [SELECT Status_Code__c, Error_Message__c FROM Migration_Run_Item__c
                                         WHERE Run__c = '${runId}' AND Outcome__c = 'Failed' LIMIT 2]) {
             System.debug('EXAMPLE ' + i.Status_Code__c + ' ' + i.Error_Message__c);
         }`,
        'summary'
    );
    const mean = (xs: number[]): string => (xs.length ? (xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(1) : '-');
    const max = (xs: number[]): number => (xs.length ? Math.max(...xs) : 0);
    console.log(`\n## Import budget: ${rows} rows onto ${PROFILE}, scope 200\n`);
    console.log('| stage | executes | items | SOQL max | SOQL mean | DML max | DML mean | DML rows | wall ms |');
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    let over = false;
    for (const [stage, st] of byStage) {
        const stageOver = stage !== 'log subscriber' && (max(st.soql) > SOQL_BUDGET || max(st.dml) > DML_BUDGET);
        over = over || stageOver;
        console.log(
            `| ${stage}${stageOver ? ' **over budget**' : ''} | ${st.executes} | ${st.items} | ${max(st.soql)} | ` +
                `${mean(st.soql)} | ${max(st.dml)} | ${mean(st.dml)} | ${st.dmlRows} | ${st.ms} |`
        );
    }
    const status = summary.find((l) => l.startsWith('STATUS '))!;
    console.log(`\n${status.replace('STATUS ', 'run: status ')} (succeeded, failed, items)`);
    for (const l of summary.filter((x) => x.startsWith('EXAMPLE '))) console.log(l.slice(0, 400));
    console.log(`wall: create+preflight+start ${started - t0} ms, chain ${Date.now() - started} ms`);
    const completed = status.startsWith('STATUS Completed ');
    if (!completed) console.error('the import did not complete cleanly');
    if (over) console.error(`over budget: <= ${SOQL_BUDGET} SOQL and <= ${DML_BUDGET} DML per execute`);
    return over || !completed || failures > 0 ? 1 : 0;
}

main().then(
    (code) => process.exit(code),
    (e: unknown) => {
        console.error(e instanceof Error ? e.message : e);
        process.exit(2);
    }
);
