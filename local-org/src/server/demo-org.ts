/**
 * The demo org the local app starts on (issue #7): the project's sources plus a synthetic org (seed/synthetic.ts)
 * shaped for a walk through the wizard — about 5,000 external users on 200 accounts (every fifth a partner account)
 * over Customer Community, Customer Community Plus and Partner Community and their Login variants, two sites whose
 * member groups are the external profiles, permission sets of which six are bound to a user license, one license
 * with only a few seats left, and the running admin (System Administrator) holding the app's permission set. The
 * generator's records are written to the store directly; demo-extras.ts then adds through Apex DML what it does not
 * make: accounts whose owner has no role, legacy portal users (with sets to map or keep when re-created), a
 * site-linked set and a set bound to a permission set license.
 */
import type { LoadedProject, LoadResult, RuntimeOptions, SiteSeed } from '../api';
import type { Store } from '../org/store';
import { currentOrg } from '../runtime/org-data';
import { addDemoExtras } from './demo-extras';
import { buildSyntheticFast, generateSynthetic, type SyntheticPlan } from '../seed/synthetic';

export interface DemoOrgOptions {
    /** External users of the generator; default 5000 (demo-extras.ts adds 38). */
    users?: number;
    /** Accounts of the generator; default one per 10 users, at most 200 (5,000 users: 25 per account). */
    accounts?: number;
    /** PRNG seed of the generator; default 1. */
    seed?: number;
    /** License left with only a few free seats; default Customer Community Plus (the usual migration target). */
    nearlyFullLicense?: string;
    /** Free seats left on that license; default 10. */
    freeSeats?: number;
}

/** The app's permission set (force-app/main/default/permissionsets). */
export const APP_PERMISSION_SET = 'Community_User_Migrator';

/** Two sites: one for the customer licenses, one shared by Customer Community Plus and Partner Community. */
export const DEMO_SITES: SiteSeed[] = [
    {
        name: 'Customers',
        urlPathPrefix: 'customers',
        status: 'Live',
        members: ['Customer Community User', 'Customer Community Login User']
    },
    {
        name: 'Partners',
        urlPathPrefix: 'partners',
        status: 'Live',
        members: [
            'Customer Community Plus User',
            'Customer Community Plus Login User',
            'Partner Community User',
            'Partner Community Login User'
        ]
    }
];

export class DemoOrgError extends Error {
    override name = 'DemoOrgError';
}

export function demoPlan(options: DemoOrgOptions = {}): SyntheticPlan {
    const users = options.users ?? 5000;
    const plan = generateSynthetic({
        users,
        accounts: options.accounts ?? Math.min(200, Math.max(1, Math.ceil(users / 10))),
        seed: options.seed ?? 1,
        sites: 0,
        permissionSets: 12,
        assignmentsPerUser: 3,
        // Room for the users demo-extras.ts inserts through DML (which checks seats); setSeats sets the final counts.
        seatHeadroom: 40
    });
    return { ...plan, sites: DEMO_SITES.map((s) => ({ ...s, members: [...s.members] })) };
}

export interface DemoOrg {
    project: LoadedProject;
    /** The org's store (what the state file saves). */
    store: Store;
    plan: SyntheticPlan;
    /** One line per fact worth printing on start. */
    summary: string[];
}

/** The store of a loaded project (the runtime points the process-wide org at it when it runs Apex). */
export async function storeOf(project: LoadedProject): Promise<Store> {
    const r = await project.executeAnonymous('Integer storeProbe = 0;', 'demo-store.apex');
    const store = currentOrg.org?.store;
    if (!r.success || !store) throw new DemoOrgError('no active org after running Apex');
    return store;
}

type Loader = (sourceDirs: string[], options: RuntimeOptions) => LoadResult | Promise<LoadResult>;

/** Loads the sources with the demo sites, builds the synthetic org and applies the demo's finishing touches. */
export async function loadDemoOrg(
    sourceDirs: string[],
    load: Loader,
    options: DemoOrgOptions = {},
    runtime: RuntimeOptions = {}
): Promise<DemoOrg> {
    const plan = demoPlan(options);
    const result = await load(sourceDirs, { ...runtime, sites: plan.sites });
    if (result.diagnostics.length > 0 || !result.project) {
        const first = result.diagnostics
            .slice(0, 5)
            .map((d) => `${d.file}:${d.line}:${d.column} ${d.message}`)
            .join('\n  ');
        throw new DemoOrgError(`the sources do not load (${result.diagnostics.length} problems):\n  ${first}`);
    }
    const project = result.project;
    await buildSyntheticFast(project, plan);
    const summary = [
        `${plan.users.length} external users on ${plan.accounts.length} accounts, sites: ${plan.sites.map((s) => s.name).join(', ')}`
    ];
    summary.push(...(await addDemoExtras(project, await storeOf(project))));
    summary.push(await assignAppPermissionSet(project));
    summary.push(
        await setSeats(project, options.nearlyFullLicense ?? 'Customer Community Plus', options.freeSeats ?? 10)
    );
    return { project, store: await storeOf(project), plan, summary };
}

/** The running admin gets the app's permission set through Apex DML, as an admin would assign it. */
async function assignAppPermissionSet(project: LoadedProject): Promise<string> {
    const source = [
        `List<PermissionSet> sets = [SELECT Id FROM PermissionSet WHERE Name = '${APP_PERMISSION_SET}'];`,
        "if (sets.isEmpty()) { System.debug('missing'); return; }",
        'insert new PermissionSetAssignment(AssigneeId = UserInfo.getUserId(), PermissionSetId = sets[0].Id);',
        "System.debug('assigned');"
    ].join('\n');
    const r = await project.executeAnonymous(source, 'demo-permission-set.apex');
    if (!r.success) throw new DemoOrgError(`assigning ${APP_PERMISSION_SET} to the admin failed: ${r.message}`);
    if (r.debugLines.some((l) => l.endsWith('|missing')))
        return `the app's permission set ${APP_PERMISSION_SET} is not in the sources: the admin runs without it`;
    return `the admin holds the ${APP_PERMISSION_SET} permission set`;
}

/**
 * UserLicense cannot be changed by Apex (it is what the org bought), so the demo sets seat counts in the store: the
 * synthetic generator raises a license the users fill to exactly its use; the demo gives every license a quarter
 * of headroom (a real org buys more than it uses) except one, which keeps only a few free seats.
 */
async function setSeats(project: LoadedProject, nearlyFull: string, free: number): Promise<string> {
    const r = await project.executeAnonymous('Integer demoProbe = 0;', 'demo-seats.apex');
    const store = currentOrg.org?.store;
    if (!r.success || !store) throw new DemoOrgError('no active org after running Apex');
    let summary: string | null = null;
    for (const lic of [...store.rows('UserLicense')]) {
        const used = Number(lic.values.get('usedlicenses') ?? 0);
        const total = Number(lic.values.get('totallicenses') ?? 0);
        if (lic.values.get('name') === nearlyFull) {
            store.update(lic.id, { TotalLicenses: used + free });
            summary = `${nearlyFull}: ${used} of ${used + free} seats used`;
        } else if (used > 0 && used * 1.25 > total) {
            store.update(lic.id, { TotalLicenses: Math.ceil(used * 1.25) });
        }
    }
    if (summary === null) throw new DemoOrgError(`no UserLicense named ${nearlyFull}`);
    return summary;
}
