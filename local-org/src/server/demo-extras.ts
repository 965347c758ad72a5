/**
 * What the synthetic generator does not make, added to the demo org through Apex DML (so every platform rule the
 * local org knows applies: seats, portal roles, license-bound sets, site membership), in transactions that keep
 * setup and non-setup objects apart as the platform requires (mixed DML):
 *
 * - accounts owned by an internal user without a role, with Customer Community users: moving them to a role-based
 *   license (Customer Community Plus, Partner) is what preflight must block;
 * - legacy portal users (High Volume Customer Portal, Customer Portal Manager Custom; Gold Partner on accounts
 *   enabled as partners), of which the Customer Portal Manager Custom and Gold Partner ones cannot move in place and
 *   are re-created;
 * - permission sets for those two: one bound to each legacy license, each with a namesake bound to a community
 *   license (the re-create mapping step proposes it), and one bound to no license that every one of them holds (kept);
 * - a permission set that is a member group of the Partners site, held by some Customer Community users;
 * - a permission set bound to a permission set license, with the license assigned first, when the baseline org has
 *   that license (Health Cloud for Experience Cloud Sites, documented for Customer Community users).
 *
 * The site's member group is written to the store directly: Apex DML on NetworkMemberGroup is refused
 * (platform-facts §1), an admin adds it in the site's Administration > Members page.
 */
import type { LoadedProject } from '../api';
import type { Store } from '../org/store';

export class DemoExtrasError extends Error {
    override name = 'DemoExtrasError';
}

/** The permission set that is a member of the Partners site. */
export const SITE_PERMISSION_SET = 'Demo_Partner_Site_Access';
/** The permission set bound to a permission set license. */
export const PSL_PERMISSION_SET = 'Demo_Health_Portal_Access';
const PSL_NAME = 'HealthCloudForExperienceCloudSites';
/** Bound to the Customer Portal Manager Custom license; its replacement is bound to Customer Community Plus Login. */
export const PORTAL_PERMISSION_SET = 'Demo_Portal_Case_Reports';
export const PORTAL_REPLACEMENT_SET = 'Demo_Portal_Case_Reports_Login';
/** Bound to the Gold Partner license; its replacement is bound to Partner Community. */
export const GOLD_PERMISSION_SET = 'Demo_Partner_Deal_Desk';
export const GOLD_REPLACEMENT_SET = 'Demo_Partner_Deal_Desk_Member';
/** Bound to no license: any license can hold it, so a re-created user keeps it. */
export const LEGACY_KEPT_SET = 'Demo_Legacy_Knowledge';
const NO_ROLE_OWNER = 'no-role.owner@demo.local-org.invalid';

const USER_DEFAULTS = `TimeZoneSidKey = 'America/Los_Angeles', LocaleSidKey = 'en_US', EmailEncodingKey = 'UTF-8', LanguageLocaleKey = 'en_US'`;

async function run(project: LoadedProject, what: string, lines: string[]): Promise<string[]> {
    const r = await project.executeAnonymous(lines.join('\n'), `demo-${what}.apex`);
    if (!r.success) throw new DemoExtrasError(`demo org, ${what}: ${r.message ?? 'failed'}`);
    return r.debugLines.map((l) => l.slice(l.lastIndexOf('|') + 1));
}

/** Setup objects: the internal owner without a role and the two demo permission sets. */
function setupSource(): string[] {
    return [
        `Profile std = [SELECT Id FROM Profile WHERE Name = 'Standard User'];`,
        `insert new User(Username = '${NO_ROLE_OWNER}', FirstName = 'Nora', LastName = 'Noroll', Alias = 'nnoroll',`,
        `    Email = 'no-role.owner@example.com', ProfileId = std.Id, ${USER_DEFAULTS});`,
        `insert new PermissionSet(Name = '${SITE_PERMISSION_SET}', Label = 'Demo Partner Site Access');`,
        ...legacySetsSource(),
        `List<PermissionSetLicense> psl = [SELECT Id FROM PermissionSetLicense WHERE DeveloperName = '${PSL_NAME}'];`,
        `if (psl.isEmpty()) { System.debug('no-psl'); return; }`,
        `insert new PermissionSet(Name = '${PSL_PERMISSION_SET}', Label = 'Demo Health Portal Access', LicenseId = psl[0].Id);`,
        `System.debug('psl');`
    ];
}

/**
 * The legacy users' sets: a set bound to a user license names it in LicenseId (PermissionSet object reference), and
 * only users of that license can hold it; the namesakes differ by a variant word (Login, Member) only.
 */
function legacySetsSource(): string[] {
    const bound: Array<[string, string, string]> = [
        [PORTAL_PERMISSION_SET, 'Demo Portal Case Reports', 'Customer Portal Manager Custom'],
        [PORTAL_REPLACEMENT_SET, 'Demo Portal Case Reports Login', 'Customer Community Plus Login'],
        [GOLD_PERMISSION_SET, 'Demo Partner Deal Desk', 'Gold Partner'],
        [GOLD_REPLACEMENT_SET, 'Demo Partner Deal Desk Member', 'Partner Community']
    ];
    return [
        `Map<String, Id> licenses = new Map<String, Id>();`,
        `for (UserLicense l : [SELECT Id, Name FROM UserLicense]) licenses.put(l.Name, l.Id);`,
        `insert new List<PermissionSet>{`,
        ...bound.map(
            ([name, label, license]) =>
                `    new PermissionSet(Name = '${name}', Label = '${label}', LicenseId = licenses.get('${license}')),`
        ),
        `    new PermissionSet(Name = '${LEGACY_KEPT_SET}', Label = 'Demo Legacy Knowledge')`,
        `};`
    ];
}

/** Non-setup objects: the accounts and contacts of the no-role owner and of the legacy portal users. */
function accountsSource(noRole: number, legacy: number, gold: number): string[] {
    return [
        `User owner = [SELECT Id FROM User WHERE Username = '${NO_ROLE_OWNER}'];`,
        `List<Account> accounts = new List<Account>();`,
        `for (Integer i = 1; i <= ${noRole}; i++) accounts.add(new Account(Name = 'No-Role Owner Account ' + i, OwnerId = owner.Id));`,
        `for (Integer i = 1; i <= ${legacy}; i++) accounts.add(new Account(Name = 'Legacy Portal Account ' + i));`,
        `for (Integer i = 1; i <= ${gold}; i++) accounts.add(new Account(Name = 'Gold Partner Account ' + i));`,
        `insert accounts;`,
        // Enabling a partner account is an edit of an existing account, as the synthetic generator does it.
        `List<Account> partners = new List<Account>();`,
        `for (Account a : accounts) if (a.Name.startsWith('Gold')) partners.add(new Account(Id = a.Id, IsPartner = true));`,
        `update partners;`,
        `List<Contact> contacts = new List<Contact>();`,
        `for (Account a : accounts) {`,
        `    for (Integer i = 1; i <= (a.Name.startsWith('Gold') ? 3 : 4); i++) {`,
        `        String key = a.Name.replace(' ', '').toLowerCase() + i;`,
        `        contacts.add(new Contact(AccountId = a.Id, FirstName = 'Demo', LastName = a.Name + ' ' + i, Email = key + '@example.com'));`,
        `    }`,
        `}`,
        `insert contacts;`
    ];
}

/**
 * Setup objects again: a user per contact (Customer Community on the no-role accounts; the legacy profiles on the
 * legacy accounts), then the demo sets' assignments.
 */
function usersSource(withPsl: boolean): string[] {
    return [
        `Map<String, Id> profiles = new Map<String, Id>();`,
        `for (Profile p : [SELECT Id, Name FROM Profile]) profiles.put(p.Name, p.Id);`,
        `List<User> users = new List<User>();`,
        `Integer n = 0;`,
        `for (Contact c : [SELECT Id, Email, Account.Name FROM Contact WHERE Account.Name LIKE 'No-Role Owner Account %' OR Account.Name LIKE 'Legacy Portal Account %' OR Account.Name LIKE 'Gold Partner Account %' ORDER BY Email]) {`,
        `    n++;`,
        `    String profile = 'Customer Community User';`,
        `    if (c.Account.Name.startsWith('Gold')) profile = 'Gold Partner User';`,
        `    if (c.Account.Name.startsWith('Legacy')) profile = Math.mod(n, 2) == 0 ? 'High Volume Customer Portal User' : 'Customer Portal Manager Custom';`,
        `    users.add(new User(Username = c.Email.replace('@example.com', '@demo.local-org.invalid'), FirstName = 'Demo', LastName = 'Demo User ' + n,`,
        `        Alias = 'demo' + n, Email = c.Email, ContactId = c.Id, ProfileId = profiles.get(profile), ${USER_DEFAULTS}));`,
        `}`,
        `insert users;`,
        `List<User> customers = [SELECT Id FROM User WHERE Profile.Name = 'Customer Community User' AND IsActive = true AND Username LIKE 'user%' ORDER BY Username LIMIT 80];`,
        `Integer half = customers.size() / 2;`,
        `PermissionSet site = [SELECT Id FROM PermissionSet WHERE Name = '${SITE_PERMISSION_SET}'];`,
        `List<PermissionSetAssignment> psa = new List<PermissionSetAssignment>();`,
        `for (Integer i = 0; i < half; i++) psa.add(new PermissionSetAssignment(AssigneeId = customers[i].Id, PermissionSetId = site.Id));`,
        ...(withPsl
            ? [
                  `PermissionSetLicense psl = [SELECT Id FROM PermissionSetLicense WHERE DeveloperName = '${PSL_NAME}'];`,
                  `PermissionSet bound = [SELECT Id FROM PermissionSet WHERE Name = '${PSL_PERMISSION_SET}'];`,
                  `List<PermissionSetLicenseAssign> pslas = new List<PermissionSetLicenseAssign>();`,
                  `for (Integer i = half; i < 2 * half; i++) {`,
                  `    pslas.add(new PermissionSetLicenseAssign(AssigneeId = customers[i].Id, PermissionSetLicenseId = psl.Id));`,
                  `    psa.add(new PermissionSetAssignment(AssigneeId = customers[i].Id, PermissionSetId = bound.Id));`,
                  `}`,
                  `insert pslas;`
              ]
            : []),
        ...legacyAssignmentsSource(),
        `insert psa;`,
        `System.debug(users.size());`,
        `System.debug(half);`
    ];
}

/**
 * Every Customer Portal Manager Custom and Gold Partner user holds the set bound to no license and the set bound to
 * their own license (the assignment would fail for anyone else).
 */
function legacyAssignmentsSource(): string[] {
    return [
        `Map<String, Id> legacySets = new Map<String, Id>();`,
        `for (PermissionSet p : [SELECT Id, Name FROM PermissionSet WHERE Name IN ('${PORTAL_PERMISSION_SET}', '${GOLD_PERMISSION_SET}', '${LEGACY_KEPT_SET}')]) legacySets.put(p.Name, p.Id);`,
        `for (User u : users) {`,
        `    Boolean gold = u.ProfileId == profiles.get('Gold Partner User');`,
        `    if (!gold && u.ProfileId != profiles.get('Customer Portal Manager Custom')) continue;`,
        `    psa.add(new PermissionSetAssignment(AssigneeId = u.Id, PermissionSetId = legacySets.get('${LEGACY_KEPT_SET}')));`,
        `    psa.add(new PermissionSetAssignment(AssigneeId = u.Id, PermissionSetId = legacySets.get(gold ? '${GOLD_PERMISSION_SET}' : '${PORTAL_PERMISSION_SET}')));`,
        `}`
    ];
}

/** The Partners site takes the site permission set as a member group, as an admin would add it in Setup. */
function linkSitePermissionSet(store: Store): void {
    const site = [...store.rows('Network')].find((n) => n.values.get('name') === 'Partners');
    const ps = [...store.rows('PermissionSet')].find((p) => p.values.get('name') === SITE_PERMISSION_SET);
    if (!site || !ps) throw new DemoExtrasError('demo org: no Partners site or no site permission set');
    store.insert('NetworkMemberGroup', { NetworkId: site.id, ParentId: ps.id, AssignmentStatus: 'Added' });
}

/** Adds the records above; returns the summary lines. */
export async function addDemoExtras(project: LoadedProject, store: Store): Promise<string[]> {
    const setup = await run(project, 'setup', setupSource());
    const withPsl = setup.includes('psl');
    linkSitePermissionSet(store);
    await run(project, 'accounts', accountsSource(5, 3, 2));
    // The member group exists before the assignments, so the DML of each assignment adds the site membership.
    const made = await run(project, 'users', usersSource(withPsl));
    const [users, holders] = made.slice(-2);
    return [
        `${users} more users by DML: Customer Community users on 5 accounts whose owner has no role, legacy portal users (High Volume Customer Portal, Customer Portal Manager Custom) on 3 accounts, Gold Partner users on 2 partner accounts`,
        `the Customer Portal Manager Custom and Gold Partner users hold ${LEGACY_KEPT_SET} (no license) and ${PORTAL_PERMISSION_SET} or ${GOLD_PERMISSION_SET} (bound to their license; ${PORTAL_REPLACEMENT_SET} and ${GOLD_REPLACEMENT_SET} are the community namesakes)`,
        `${SITE_PERMISSION_SET} is a member of the Partners site (${holders} Customer Community users hold it)`,
        withPsl
            ? `${PSL_PERMISSION_SET} is bound to the ${PSL_NAME} permission set license (${holders} users hold both)`
            : `no permission set license in the baseline org: no set bound to one`
    ];
}
