/** A small org for the org-core tests: licenses, profiles, accounts, contacts, users, permission sets. */
import { Catalog } from '../../src/org/schema/catalog';
import { Store } from '../../src/org/store';
import { SoqlEngine } from '../../src/org/soql/engine';
import type { ExecContext, QueryResult, QueryRow } from '../../src/org/soql/exec';
import type { FieldValue } from '../../src/org/values';
import { ApexId } from '../../src/stdlib/primitives/id';

export const NOW = Date.UTC(2026, 5, 15, 12, 0, 0); // Mon 15 Jun 2026 12:00 UTC

export interface Org {
    catalog: Catalog;
    store: Store;
    soql: SoqlEngine;
    ids: Record<string, string>;
    q(text: string, binds?: Record<string, unknown>, extra?: Partial<ExecContext>): QueryResult;
    rows(text: string, binds?: Record<string, unknown>): Array<Record<string, unknown>>;
}

const id = (s: string) => ApexId.of(s);

export function makeOrg(): Org {
    const catalog = Catalog.standard();
    let clock = NOW;
    const store = new Store(catalog, { now: () => clock++, userId: () => null });
    const ids: Record<string, string> = {};
    const put = (key: string, type: string, f: Record<string, FieldValue>) => (ids[key] = store.insert(type, f).id);
    put('licCC', 'UserLicense', {
        Name: 'Customer Community',
        MasterLabel: 'Customer Community',
        LicenseDefinitionKey: 'PID_Customer_Community',
        Status: 'Active',
        TotalLicenses: 10,
        UsedLicenses: 2
    });
    put('licSF', 'UserLicense', {
        Name: 'Salesforce',
        MasterLabel: 'Salesforce',
        LicenseDefinitionKey: 'SFDC',
        Status: 'Active',
        TotalLicenses: 5,
        UsedLicenses: 1
    });
    put('profCC', 'Profile', {
        Name: 'Customer Community User',
        UserLicenseId: id(ids.licCC),
        UserType: 'CspLitePortal'
    });
    put('profAdmin', 'Profile', { Name: 'System Administrator', UserLicenseId: id(ids.licSF), UserType: 'Standard' });
    put('acme', 'Account', { Name: 'Acme', IsPartner: false, NumberOfEmployees: 10 });
    put('globex', 'Account', { Name: 'Globex', IsPartner: true, NumberOfEmployees: 30 });
    put('c1', 'Contact', { LastName: 'Smith', FirstName: 'Ann', AccountId: id(ids.acme) });
    put('c2', 'Contact', { LastName: 'Jones', AccountId: id(ids.acme) });
    put('c3', 'Contact', { LastName: 'Brown', AccountId: id(ids.globex) });
    const user = (key: string, last: string, prof: string, contact: string | null, active: boolean) =>
        put(key, 'User', {
            Username: `${last.toLowerCase()}@example.com`,
            LastName: last,
            Alias: last.slice(0, 8),
            Email: `${last.toLowerCase()}@example.com`,
            EmailEncodingKey: 'UTF-8',
            LanguageLocaleKey: 'en_US',
            LocaleSidKey: 'en_US',
            TimeZoneSidKey: 'America/Los_Angeles',
            ProfileId: id(ids[prof]),
            ContactId: contact ? id(ids[contact]) : null,
            IsActive: active,
            Title: null
        });
    user('uAdmin', 'Admin', 'profAdmin', null, true);
    user('uSmith', 'Smith', 'profCC', 'c1', true);
    user('uJones', 'Jones', 'profCC', 'c2', false);
    put('ps1', 'PermissionSet', { Name: 'Portal_Extra', Label: 'Portal Extra' });
    put('psa1', 'PermissionSetAssignment', { AssigneeId: id(ids.uSmith), PermissionSetId: id(ids.ps1) });
    const soql = new SoqlEngine(catalog, store);
    const ctxFor = (binds: Record<string, unknown>, extra: Partial<ExecContext> = {}): ExecContext => ({
        bind: (b) => {
            if (!(b.text in binds)) throw new Error(`unbound ${b.text}`);
            return binds[b.text] as FieldValue;
        },
        timeZone: 'America/Los_Angeles',
        nowMs: NOW,
        ...extra
    });
    const q = (text: string, binds: Record<string, unknown> = {}, extra: Partial<ExecContext> = {}) =>
        soql.query(text, ctxFor(binds, extra));
    const rows = (text: string, binds: Record<string, unknown> = {}) => {
        const r = q(text, binds);
        if (r.kind !== 'rows') throw new Error('not a row query');
        return r.rows.map(flatten);
    };
    return { catalog, store, soql, ids, q, rows };
}

/** A row as a plain object: values by canonical name (Ids as text), parents nested, children as arrays. */
export function flatten(row: QueryRow): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, v] of row.values) out[k] = plain(v);
    for (const [k, p] of row.parents) out[k] = p ? flatten(p) : null;
    for (const [k, c] of row.children) out[k] = c.map(flatten);
    return out;
}

/** A flattened row. */
export type Row = Record<string, unknown>;

/** The nested row under a relationship name, or null. */
export function parent(row: Row, rel: string): Row {
    return row[rel] as Row;
}

export function plain(v: unknown): unknown {
    if (v instanceof ApexId) return v.id18;
    if (v !== null && typeof v === 'object' && 'toString' in v) return String(v);
    return v;
}
