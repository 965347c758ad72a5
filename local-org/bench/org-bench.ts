/**
 * Org-core benchmark: 100,000 Users (with accounts, contacts, profiles, licenses) in the record store, then
 * selective queries, a LIKE scan, an aggregate, and snapshot/restore.
 * Run: node --import tsx local-org/bench/org-bench.ts [users]
 */
import { Catalog } from '../src/org/schema/catalog';
import { Store } from '../src/org/store';
import { SoqlEngine } from '../src/org/soql/engine';
import type { ExecContext } from '../src/org/soql/exec';
import type { FieldValue } from '../src/org/values';
import { ApexId } from '../src/org/values';

const USERS = Number(process.argv[2] ?? 100_000);
const PROFILES = 50;
const LICENSES = 5;
const USERS_PER_ACCOUNT = 10;

function time<T>(fn: () => T): { ms: number; value: T } {
    const t0 = process.hrtime.bigint();
    const value = fn();
    return { ms: Number(process.hrtime.bigint() - t0) / 1e6, value };
}

/** Runs fn until ~minMs have passed (at least `min` times) and reports the mean. */
function measure(fn: () => unknown, minMs = 300, min = 3): { ms: number; runs: number } {
    fn(); // warm-up
    let runs = 0;
    let total = 0;
    while (runs < min || total < minMs) {
        total += time(fn).ms;
        runs++;
    }
    return { ms: total / runs, runs };
}

const rows: Array<[string, string, string, string]> = [];
const report = (name: string, ms: number, runs: number, note = '') =>
    rows.push([
        name,
        ms < 1 ? ms.toFixed(4) : ms.toFixed(2),
        Math.round(1000 / ms).toLocaleString('en-US'),
        `${runs}${note ? ' · ' + note : ''}`
    ]);

const catalog = Catalog.standard();
const store = new Store(catalog, { now: () => Date.UTC(2026, 0, 1) });

const load = time(() => {
    const licenses: string[] = [];
    for (let i = 0; i < LICENSES; i++) {
        licenses.push(
            store.insert('UserLicense', {
                Name: `License ${i}`,
                MasterLabel: `License ${i}`,
                LicenseDefinitionKey: `KEY_${i}`,
                Status: 'Active',
                TotalLicenses: USERS,
                UsedLicenses: 0
            }).id
        );
    }
    const profiles: string[] = [];
    for (let i = 0; i < PROFILES; i++) {
        profiles.push(
            store.insert('Profile', {
                Name: `Profile ${i}`,
                UserLicenseId: ApexId.of(licenses[i % LICENSES]),
                UserType: 'CspLitePortal'
            }).id
        );
    }
    let account = '';
    for (let i = 0; i < USERS; i++) {
        if (i % USERS_PER_ACCOUNT === 0)
            account = store.insert('Account', { Name: `Account ${i / USERS_PER_ACCOUNT}` }).id;
        const contact = store.insert('Contact', { LastName: `Smith${i}`, AccountId: ApexId.of(account) }).id;
        const f: Record<string, FieldValue> = {
            Username: `user${i}@example.com`,
            LastName: `Smith${i}`,
            Alias: `u${i}`.slice(0, 8),
            Email: `user${i}@example.com`,
            EmailEncodingKey: 'UTF-8',
            LanguageLocaleKey: 'en_US',
            LocaleSidKey: 'en_US',
            TimeZoneSidKey: 'America/Los_Angeles',
            ProfileId: ApexId.of(profiles[i % PROFILES]),
            ContactId: ApexId.of(contact),
            IsActive: i % 3 !== 0
        };
        store.insert('User', f);
    }
    return profiles;
});
const profiles = load.value;
const records = store.count('User') + store.count('Contact') + store.count('Account') + PROFILES + LICENSES;
report(
    `insert ${records.toLocaleString('en-US')} records (${USERS.toLocaleString('en-US')} users)`,
    load.ms,
    1,
    `${Math.round(records / (load.ms / 1000)).toLocaleString('en-US')} records/s`
);

const soql = new SoqlEngine(catalog, store);
const userIds = [...store.rows('User')].map((r) => r.id);
const ctx = (binds: Record<string, unknown>): ExecContext => ({
    bind: (b) => binds[b.text] as FieldValue,
    timeZone: 'America/Los_Angeles',
    nowMs: Date.UTC(2026, 0, 2)
});
const run = (text: string, binds: Record<string, unknown> = {}) => {
    const r = soql.query(text, ctx(binds));
    return r.kind === 'count' ? r.count : r.rows.length;
};

const idSet = Array.from({ length: 200 }, (_, i) => userIds[(i * 499) % userIds.length]);
const cases: Array<[string, string, Record<string, unknown>]> = [
    ['by Id set of 200', 'SELECT Id, Name, Email FROM User WHERE Id IN :ids', { ids: idSet }],
    ['by ProfileId (2,000 rows)', 'SELECT Id, Name FROM User WHERE ProfileId = :p', { p: profiles[7] }],
    [
        'by ProfileId, LIMIT 200',
        'SELECT Id, Name FROM User WHERE ProfileId = :p AND IsActive = true LIMIT 200',
        { p: profiles[7] }
    ],
    [
        'parent path Profile.UserLicense.Name = … (scan)',
        "SELECT Id FROM User WHERE Profile.UserLicense.Name = 'License 3'",
        {}
    ],
    [
        'select 3-level parent path, Id set of 200',
        'SELECT Id, Profile.UserLicense.Name, Contact.Account.Name FROM User WHERE Id IN :ids',
        { ids: idSet }
    ],
    ["LIKE scan (LastName LIKE 'Smith9999%')", "SELECT Id FROM User WHERE LastName LIKE 'Smith9999%'", {}],
    ['aggregate GROUP BY ProfileId', 'SELECT ProfileId, COUNT(Id) FROM User GROUP BY ProfileId', {}],
    ['COUNT() of active users', 'SELECT COUNT() FROM User WHERE IsActive = true', {}],
    [
        'semi-join: accounts with a contact in an Id set',
        'SELECT Id FROM Account WHERE Id IN (SELECT AccountId FROM Contact WHERE Id IN :ids)',
        { ids: [...store.rows('Contact')].slice(0, 200).map((r) => r.id) }
    ],
    ['child subquery: 200 accounts with Contacts', 'SELECT Id, (SELECT Id FROM Contacts) FROM Account LIMIT 200', {}]
];
for (const [name, text, binds] of cases) {
    const n = run(text, binds);
    const m = measure(() => run(text, binds));
    report(name, m.ms, m.runs, `${n} rows`);
}

const snap = measure(() => store.snapshot(), 100, 100);
report('snapshot', snap.ms, snap.runs);
const s = store.snapshot();
const restore = measure(() => store.restore(s), 100, 100);
report('restore', restore.ms, restore.runs);
const firstWrite = measure(() => {
    store.restore(s);
    store.update(userIds[0], { Title: 'x' });
});
report('restore + first User write after it (copies the User table)', firstWrite.ms, firstWrite.runs);
const secondWrite = measure(() => store.update(userIds[1], { Title: 'y' }), 100, 100);
report('later User write (no copy)', secondWrite.ms, secondWrite.runs);

const widths = [62, 10, 10, 0];
const line = (cols: string[]) =>
    cols.map((c, i) => (i === 0 ? c.padEnd(widths[0]) : i < 3 ? c.padStart(widths[i]) : '  ' + c)).join(' ');
console.log(`node ${process.version}, ${USERS.toLocaleString('en-US')} users`);
console.log(line(['operation', 'ms', 'ops/s', 'runs · note']));
for (const r of rows) console.log(line(r));
