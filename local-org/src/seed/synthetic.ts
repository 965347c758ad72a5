/**
 * Large synthetic orgs for benchmarks and the local app: accounts (some partner), one contact per external user,
 * external users spread over the Customer Community, Customer Community Plus and Partner Community profiles and
 * their Login variants, custom permission sets (some bound to a user license), assignments, and sites whose member
 * groups are the external profiles. Deterministic: the same options and `seed` give the same org, Ids included.
 *
 * Two ways in:
 * - `loadSyntheticThroughDml`: every record through Apex DML (seed/load.ts), with every platform rule. Its cost
 *   grows with the org (the DML rules scan users per row), so it serves small orgs and the equivalence test.
 * - `buildSyntheticFast`: writes the store directly in one pass, applying the derived fields the DML path derives:
 *   UserType from the profile, AccountId from the contact, IsPortalEnabled, the account's portal roles (created with the names,
 *   levels and parents the platform gives them, platform/portal-roles.ts), UserLicense.UsedLicenses, and the
 *   NetworkMember rows of the sites' member groups. test/seed/synthetic.test.ts proves both give the same records.
 *   One difference on purpose: a license whose seats the users exceed gets TotalLicenses raised to fit (a real org
 *   with 100,000 community users has bought those seats); the DML path would fail with LICENSE_LIMIT_EXCEEDED.
 *
 * Sites cannot be created by Apex, so `plan.sites` must be given to loadProject (RuntimeOptions.sites).
 */
import type { LoadedProject, SiteSeed } from '../api';
import type { Store } from '../org/store';
import type { FieldValue } from '../org/values';
import { BASELINE_LICENSES, type UserType } from '../platform/licenses';
import {
    decidePortalRole,
    type PortalRoleFacts,
    type PortalRoleLevel,
    type PortalType
} from '../platform/portal-roles';
import { networksGranted } from '../platform/site-membership';
import { currentOrg } from '../runtime/org-data';
import { insertSeedRecords, SeedLoadError, updateSeedRows } from './load';
import type { SeedRecord } from './plan';

export interface SyntheticOptions {
    /** External users (one contact each). */
    users: number;
    /** Accounts; default one per 10 users (at least 1). */
    accounts?: number;
    /** Every n-th account is a partner account (IsPartner); default 5. 0: none. */
    partnerEvery?: number;
    /** Custom permission sets; default 20, the first six bound to one external license each. */
    permissionSets?: number;
    /** Permission set assignments per user (capped by the sets the user's license allows); default 10. */
    assignmentsPerUser?: number;
    /** Sites (0-3 cover Customers, Plus, Partners; more sites take every external profile); default 3. */
    sites?: number;
    /** Every n-th user is inactive (holds no seat); default 20. 0: all active. */
    inactiveEvery?: number;
    /** PRNG seed; default 1. */
    seed?: number;
    /** Free seats every license keeps beyond its active users (raised to fit when needed); default 0. */
    seatHeadroom?: number;
}

const DEFAULTS = {
    partnerEvery: 5,
    permissionSets: 20,
    assignmentsPerUser: 10,
    sites: 3,
    inactiveEvery: 20,
    seed: 1,
    seatHeadroom: 0
};

/** Profiles of customer and partner accounts, with their shares (per thousand). */
const CUSTOMER_PROFILES: Array<[string, number]> = [
    ['Customer Community User', 450],
    ['Customer Community Login User', 250],
    ['Customer Community Plus User', 200],
    ['Customer Community Plus Login User', 100]
];
const PARTNER_PROFILES: Array<[string, number]> = [
    ['Partner Community User', 700],
    ['Partner Community Login User', 300]
];
/** Licenses the first permission sets are bound to, one each. */
const BOUND_LICENSES = [
    'Customer Community',
    'Customer Community Login',
    'Customer Community Plus',
    'Customer Community Plus Login',
    'Partner Community',
    'Partner Community Login'
];
const SITE_PRESETS: SiteSeed[] = [
    {
        name: 'Customers',
        urlPathPrefix: 'customers',
        status: 'Live',
        members: ['Customer Community User', 'Customer Community Login User']
    },
    {
        name: 'Plus',
        urlPathPrefix: 'plus',
        status: 'Live',
        members: ['Customer Community Plus User', 'Customer Community Plus Login User']
    },
    {
        name: 'Partners',
        urlPathPrefix: 'partners',
        status: 'Live',
        members: ['Partner Community User', 'Partner Community Login User']
    }
];
const FIRST_NAMES = ['Ada', 'Ben', 'Chloe', 'Dev', 'Elif', 'Farid', 'Greta', 'Hugo', 'Ines', 'Jonas', 'Kira', 'Luis'];

export interface SyntheticPermissionSet {
    ref: string;
    name: string;
    label: string;
    /** UserLicense Name the set is bound to, or null. */
    license: string | null;
}
export interface SyntheticAccount {
    ref: string;
    name: string;
    partner: boolean;
}
export interface SyntheticContact {
    ref: string;
    accountRef: string;
    firstName: string;
    lastName: string;
    email: string;
}
export interface SyntheticUser {
    ref: string;
    contactRef: string;
    profile: string;
    username: string;
    firstName: string;
    lastName: string;
    email: string;
    alias: string;
    nickname: string;
    active: boolean;
}
export interface SyntheticAssignment {
    userRef: string;
    permissionSetRef: string;
}

/** What to create, in creation order. Pure data: no Ids. */
export interface SyntheticPlan {
    options: Required<SyntheticOptions>;
    sites: SiteSeed[];
    permissionSets: SyntheticPermissionSet[];
    accounts: SyntheticAccount[];
    contacts: SyntheticContact[];
    users: SyntheticUser[];
    assignments: SyntheticAssignment[];
}

/** Bad synthetic options (the CLI reports them as bad usage). */
export class SyntheticSpecError extends Error {
    override name = 'SyntheticSpecError';
}

const SPEC_KEYS: Array<keyof SyntheticOptions> = [
    'users',
    'accounts',
    'partnerEvery',
    'permissionSets',
    'assignmentsPerUser',
    'sites',
    'inactiveEvery',
    'seed',
    'seatHeadroom'
];

/** Parses `users=100000,accounts=5000,...` (keys as in SyntheticOptions, case-insensitive). */
export function parseSyntheticSpec(text: string): SyntheticOptions {
    const out: Partial<SyntheticOptions> = {};
    for (const part of text
        .split(',')
        .map((p) => p.trim())
        .filter((p) => p !== '')) {
        const m = /^([A-Za-z]+)=(\d+)$/.exec(part);
        if (!m) throw new SyntheticSpecError(`"${part}" is not key=number`);
        const key = SPEC_KEYS.find((k) => k.toLowerCase() === m[1].toLowerCase());
        if (!key) throw new SyntheticSpecError(`unknown key "${m[1]}"; expected one of ${SPEC_KEYS.join(', ')}`);
        out[key] = Number(m[2]);
    }
    if (out.users === undefined) throw new SyntheticSpecError('users=<n> is required');
    return out as SyntheticOptions;
}

/** mulberry32: a small, fast, well-distributed 32-bit PRNG; the same seed gives the same sequence. */
function prng(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

function pick(shares: Array<[string, number]>, r: number): string {
    let x = r * 1000;
    for (const [name, share] of shares) {
        if (x < share) return name;
        x -= share;
    }
    return shares[shares.length - 1][0];
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** The org to create, deterministically from the options. */
export function generateSynthetic(input: SyntheticOptions): SyntheticPlan {
    const o: Required<SyntheticOptions> = {
        ...DEFAULTS,
        accounts: Math.max(1, Math.ceil(input.users / 10)),
        ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)),
        users: input.users
    } as Required<SyntheticOptions>;
    if (!Number.isSafeInteger(o.users) || o.users < 0) throw new SyntheticSpecError('users must be a whole number');
    if (o.accounts < 1) throw new SyntheticSpecError('accounts must be at least 1');
    if (o.partnerEvery === 1 && o.users > 0 && o.accounts < 1) throw new SyntheticSpecError('no customer account');
    const rand = prng(o.seed);
    const width = Math.max(5, String(Math.max(o.users, o.accounts)).length);

    const sites: SiteSeed[] = [];
    for (let i = 0; i < o.sites; i++) {
        sites.push(
            i < SITE_PRESETS.length
                ? { ...SITE_PRESETS[i], members: [...SITE_PRESETS[i].members] }
                : {
                      name: `Site ${i + 1}`,
                      urlPathPrefix: `site${i + 1}`,
                      status: 'Live',
                      members: [...CUSTOMER_PROFILES, ...PARTNER_PROFILES].map(([p]) => p)
                  }
        );
    }

    const permissionSets: SyntheticPermissionSet[] = [];
    for (let i = 0; i < o.permissionSets; i++) {
        const n = pad(i + 1, 3);
        permissionSets.push({
            ref: `PS${n}`,
            name: `Synthetic_PS_${n}`,
            label: `Synthetic PS ${n}`,
            license: i < BOUND_LICENSES.length ? BOUND_LICENSES[i] : null
        });
    }

    const accounts: SyntheticAccount[] = [];
    for (let i = 0; i < o.accounts; i++) {
        const partner = o.partnerEvery > 0 && (i + 1) % o.partnerEvery === 0;
        accounts.push({
            ref: `A${pad(i + 1, width)}`,
            name: `${partner ? 'Partner' : 'Customer'} Account ${pad(i + 1, width)}`,
            partner
        });
    }

    const contacts: SyntheticContact[] = [];
    const users: SyntheticUser[] = [];
    const assignments: SyntheticAssignment[] = [];
    const licenseOfProfile = new Map<string, string>();
    for (const lic of BASELINE_LICENSES) for (const p of lic.standardProfiles) licenseOfProfile.set(p, lic.name);
    for (let i = 0; i < o.users; i++) {
        const n = pad(i + 1, width);
        const account = accounts[i % accounts.length];
        const profile = pick(account.partner ? PARTNER_PROFILES : CUSTOMER_PROFILES, rand());
        const firstName = FIRST_NAMES[Math.floor(rand() * FIRST_NAMES.length)];
        const email = `user${n}@synthetic${o.seed}.example.com`;
        contacts.push({ ref: `C${n}`, accountRef: account.ref, firstName, lastName: `User ${n}`, email });
        users.push({
            ref: `U${n}`,
            contactRef: `C${n}`,
            profile,
            username: `user${n}.s${o.seed}@synthetic.local-org.invalid`,
            firstName,
            lastName: `User ${n}`,
            email,
            alias: `u${(i + 1).toString(36)}`.slice(0, 8),
            nickname: `synthetic${n}`,
            active: !(o.inactiveEvery > 0 && (i + 1) % o.inactiveEvery === 0)
        });
        // Sets the user's license allows: unbound ones and the one bound to its license; a seeded shuffle picks.
        const license = licenseOfProfile.get(profile)!;
        const eligible = permissionSets.filter((ps) => ps.license === null || ps.license === license);
        for (let k = eligible.length - 1; k > 0; k--) {
            const j = Math.floor(rand() * (k + 1));
            [eligible[k], eligible[j]] = [eligible[j], eligible[k]];
        }
        for (const ps of eligible.slice(0, o.assignmentsPerUser)) {
            assignments.push({ userRef: `U${n}`, permissionSetRef: ps.ref });
        }
    }
    return { options: o, sites, permissionSets, accounts, contacts, users, assignments };
}

/** Counts of a built org, for the CLI and the benchmark. */
export interface SyntheticSummary {
    counts: Array<[string, number]>;
    ms: number;
}

const USER_CONSTANTS = {
    TimeZoneSidKey: 'America/Los_Angeles',
    LocaleSidKey: 'en_US',
    EmailEncodingKey: 'UTF-8',
    LanguageLocaleKey: 'en_US'
};

/** The org of the project: the runtime points the process-wide org at a project whenever it runs Apex for it. */
async function activeStore(project: LoadedProject): Promise<Store> {
    const r = await project.executeAnonymous('Integer syntheticProbe = 0;', 'synthetic');
    if (!r.success) throw new SeedLoadError(`the local org cannot run Apex: ${r.message}`, r.emulatorError);
    const org = currentOrg.org;
    if (!org) throw new SeedLoadError('no active org after running Apex', true);
    return org.store;
}

function byName(store: Store, object: string): Map<string, string> {
    const out = new Map<string, string>();
    for (const r of store.rows(object)) out.set(String(r.values.get('name')), r.id);
    return out;
}

function checkSites(store: Store, plan: SyntheticPlan): void {
    const names = new Set([...store.rows('Network')].map((n) => String(n.values.get('name'))));
    const missing = plan.sites.filter((s) => !names.has(s.name)).map((s) => s.name);
    if (missing.length) {
        throw new SeedLoadError(
            `the project was loaded without the synthetic sites (${missing.join(', ')}): pass plan.sites as RuntimeOptions.sites`
        );
    }
}

function permissionSetFields(ps: SyntheticPermissionSet, licenses: Map<string, string>): Record<string, FieldValue> {
    return { Name: ps.name, Label: ps.label, LicenseId: ps.license ? licenses.get(ps.license)! : null };
}

function userFields(u: SyntheticUser, profiles: Map<string, string>): Record<string, FieldValue> {
    return {
        Username: u.username,
        FirstName: u.firstName,
        LastName: u.lastName,
        Email: u.email,
        Alias: u.alias,
        CommunityNickname: u.nickname,
        ...USER_CONSTANTS,
        ProfileId: profiles.get(u.profile)!,
        IsActive: u.active
    };
}

/** Every record through Apex DML (seed/load.ts), in the plan's order. Returns ref → Id (assignments left out). */
export async function loadSyntheticThroughDml(
    project: LoadedProject,
    plan: SyntheticPlan
): Promise<Map<string, string>> {
    const store = await activeStore(project);
    checkSites(store, plan);
    const licenses = byName(store, 'UserLicense');
    const profiles = byName(store, 'Profile');
    const rec = (
        sobject: string,
        referenceId: string,
        fields: Record<string, FieldValue>,
        refs: Record<string, string> = {}
    ): SeedRecord => ({
        sobject,
        referenceId,
        origin: `synthetic ${sobject} ${referenceId}`,
        fields: fields as Record<string, unknown>,
        refs,
        parent: null
    });
    const records: SeedRecord[] = [
        ...plan.permissionSets.map((ps) => rec('PermissionSet', ps.ref, permissionSetFields(ps, licenses))),
        ...plan.accounts.map((a) => rec('Account', a.ref, { Name: a.name })),
        ...plan.contacts.map((c) =>
            rec(
                'Contact',
                c.ref,
                { FirstName: c.firstName, LastName: c.lastName, Email: c.email },
                { AccountId: c.accountRef }
            )
        ),
        ...plan.users.map((u) => rec('User', u.ref, userFields(u, profiles), { ContactId: u.contactRef })),
        ...plan.assignments.map((a, i) =>
            rec(
                'PermissionSetAssignment',
                `PSA${i + 1}`,
                {},
                { AssigneeId: a.userRef, PermissionSetId: a.permissionSetRef }
            )
        )
    ];
    // Accounts first, partners enabled by an update before any user needs them (IsPartner is documented as
    // updatable; enabling a partner account is an edit of an existing account).
    const accountsEnd = plan.permissionSets.length + plan.accounts.length;
    const first = await insertSeedRecords(project, records.slice(0, accountsEnd));
    const partners = plan.accounts
        .filter((a) => a.partner)
        .map((a) => ({ id: first.ids.get(a.ref)!, fields: { IsPartner: true } }));
    await updateSeedRows(project, 'Account', partners);
    const rest = await insertSeedRecords(project, records.slice(accountsEnd), first.ids);
    // Assignments are not named in the plan; like the fast path, return the named records only.
    return new Map([...rest.ids].filter(([ref]) => !ref.startsWith('PSA')));
}

/**
 * The fast path: the same records as loadSyntheticThroughDml, written to the store in one pass with the derived
 * fields applied here (see the file comment). Returns ref → Id (assignments left out).
 */
export async function buildSyntheticFast(project: LoadedProject, plan: SyntheticPlan): Promise<Map<string, string>> {
    const store = await activeStore(project);
    checkSites(store, plan);
    return writeSynthetic(store, plan);
}

function writeSynthetic(store: Store, plan: SyntheticPlan): Map<string, string> {
    const ids = new Map<string, string>();
    const licenses = byName(store, 'UserLicense');
    const profiles = byName(store, 'Profile');
    const profileRows = new Map([...store.rows('Profile')].map((p) => [p.id, p]));
    for (const ps of plan.permissionSets) {
        ids.set(ps.ref, store.insert('PermissionSet', permissionSetFields(ps, licenses)).id);
    }
    const accountRows = new Map<string, { id: string; name: string; partner: boolean; ownerId: string }>();
    for (const a of plan.accounts) {
        const r = store.insert('Account', { Name: a.name });
        ids.set(a.ref, r.id);
        accountRows.set(a.ref, {
            id: r.id,
            name: a.name,
            partner: a.partner,
            ownerId: String(r.values.get('ownerid'))
        });
    }
    for (const a of plan.accounts) if (a.partner) store.update(ids.get(a.ref)!, { IsPartner: true });
    const contactAccount = new Map<string, string>();
    for (const c of plan.contacts) {
        ids.set(
            c.ref,
            store.insert('Contact', {
                FirstName: c.firstName,
                LastName: c.lastName,
                Email: c.email,
                AccountId: ids.get(c.accountRef)!
            }).id
        );
        contactAccount.set(c.ref, c.accountRef);
    }

    // Sites: member group parent → networks, for NetworkMember rows as syncMembership derives them.
    const groups = [...store.rows('NetworkMemberGroup')]
        .filter((g) => g.values.get('assignmentstatus') !== 'WaitingForRemove')
        .map((g) => ({ networkId: String(g.values.get('networkid')), parentId: String(g.values.get('parentid')) }));
    const memberOf = new Map<string, Set<string>>();
    const userProfile = new Map<string, string>();
    const userPermissionSets = new Map<string, string[]>();
    const syncMembers = (userId: string): void => {
        const granted = networksGranted(userProfile.get(userId)!, userPermissionSets.get(userId) ?? [], groups);
        let current = memberOf.get(userId);
        if (!current) memberOf.set(userId, (current = new Set()));
        for (const networkId of granted) {
            if (current.has(networkId)) continue;
            store.insert('NetworkMember', { MemberId: userId, NetworkId: networkId });
            current.add(networkId);
        }
    };

    const owners = new Map<string, string | null>();
    const ownerRole = (ownerId: string): string | null => {
        if (!owners.has(ownerId)) {
            const role = store.get(ownerId)?.values.get('userroleid');
            owners.set(ownerId, role === null || role === undefined ? null : String(role));
        }
        return owners.get(ownerId)!;
    };
    const portalRoles = new Map<string, PortalRoleFacts[]>();
    for (const u of plan.users) {
        const profileId = profiles.get(u.profile)!;
        const userType = profileRows.get(profileId)!.values.get('usertype') as UserType;
        const account = accountRows.get(contactAccount.get(u.contactRef)!)!;
        const roles = portalRoles.get(account.id) ?? [];
        const decision = decidePortalRole(
            userType,
            {
                id: account.id,
                name: account.name,
                isPartner: account.partner,
                ownerHasRole: ownerRole(account.ownerId) !== null
            },
            null,
            roles
        );
        let roleId: string | null = null;
        if (decision.kind === 'error')
            throw new SeedLoadError(`synthetic ${u.ref}: ${decision.error.statusCode}: ${decision.error.message}`);
        if (decision.kind === 'existing') roleId = decision.roleId;
        if (decision.kind === 'create') {
            let parent: string | null = ownerRole(account.ownerId);
            for (const r of decision.roles) {
                const row = store.insert('UserRole', {
                    Name: r.name,
                    ParentRoleId: parent,
                    PortalType: r.portalType,
                    PortalAccountId: account.id,
                    PortalAccountOwnerId: account.ownerId,
                    PortalRole: r.portalRole,
                    OpportunityAccessForAccountOwner: 'None'
                });
                parent = row.id;
                roles.push({
                    id: row.id,
                    name: r.name,
                    portalAccountId: account.id,
                    portalType: r.portalType as PortalType,
                    portalRole: r.portalRole as PortalRoleLevel
                });
                if (r.portalRole === decision.assign) roleId = row.id;
            }
            portalRoles.set(account.id, roles);
        }
        const user = store.insert('User', {
            ...userFields(u, profiles),
            ContactId: ids.get(u.contactRef)!,
            AccountId: account.id,
            UserType: userType,
            // The DML layer marks a contact-linked user as a portal user (runtime/dml.ts userDefaults).
            IsPortalEnabled: true,
            ...(roleId ? { UserRoleId: roleId } : {})
        });
        ids.set(u.ref, user.id);
        userProfile.set(user.id, profileId);
        syncMembers(user.id);
    }
    // An assignment changes membership only when its permission set is a site member group's parent.
    const groupParents = new Set(groups.map((g) => g.parentId));
    for (const a of plan.assignments) {
        const userId = ids.get(a.userRef)!;
        const psId = ids.get(a.permissionSetRef)!;
        store.insert('PermissionSetAssignment', { AssigneeId: userId, PermissionSetId: psId });
        if (!groupParents.has(psId)) continue;
        let list = userPermissionSets.get(userId);
        if (!list) userPermissionSets.set(userId, (list = []));
        list.push(psId);
        syncMembers(userId);
    }

    // UsedLicenses counts active users per license, in one pass; seats the users (plus the headroom) exceed are raised.
    const used = new Map<string, number>();
    for (const u of store.rows('User')) {
        if (u.values.get('isactive') !== true) continue;
        const lic = String(profileRows.get(String(u.values.get('profileid')))?.values.get('userlicenseid') ?? '');
        used.set(lic, (used.get(lic) ?? 0) + 1);
    }
    for (const lic of [...store.rows('UserLicense')]) {
        const n = used.get(lic.id) ?? 0;
        const total = Number(lic.values.get('totallicenses') ?? 0);
        const change: Record<string, FieldValue> = {};
        if (lic.values.get('usedlicenses') !== n) change.UsedLicenses = n;
        const needed = n + plan.options.seatHeadroom;
        if (needed > total) change.TotalLicenses = needed;
        if (Object.keys(change).length) store.update(lic.id, change);
    }
    return ids;
}

/** Object counts of the store, for summaries. */
export async function countRecords(project: LoadedProject, objects: string[]): Promise<Array<[string, number]>> {
    const store = await activeStore(project);
    return objects.map((o) => [o, [...store.rows(o)].length]);
}

export const SUMMARY_OBJECTS = [
    'Account',
    'Contact',
    'User',
    'UserRole',
    'PermissionSet',
    'PermissionSetAssignment',
    'Network',
    'NetworkMemberGroup',
    'NetworkMember'
];
