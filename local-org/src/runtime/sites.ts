/**
 * Experience Cloud sites of the local org and the NetworkMember rows derived from them
 * (rules in platform/site-membership.ts).
 *
 * Apex cannot make sites: Network is not createable, and Apex DML on NetworkMemberGroup is reported to fail
 * (platform-facts §1), so sites come from RuntimeOptions.sites (CLI `--sites sites.json`) and are part of the
 * baseline every test starts from. Membership is recomputed for one user when the user is inserted, changes
 * ProfileId, or gets a PermissionSetAssignment; the platform does this asynchronously, the local org at once.
 */
import { readFileSync } from 'node:fs';
import type { SiteSeed } from '../api';
import type { SRecord, Store } from '../org/store';
import type { FieldValue } from '../org/values';
import { type StaleMembershipMode, membershipChanges, networksGranted } from '../platform/site-membership';

const STATUSES = ['UnderConstruction', 'Live', 'DownForMaintenance'];

function idText(v: FieldValue | undefined): string | null {
    return v === null || v === undefined ? null : String(v);
}

/** Live rows whose reference field holds `id`, in insertion order (Ids grow per key prefix). */
function rowsOf(store: Store, objectName: string, field: string, id: string): SRecord[] {
    const out: SRecord[] = [];
    for (const rid of [...store.lookup(objectName, field, id)].sort()) {
        const rec = store.getExact(rid);
        if (rec) out.push(rec);
    }
    return out;
}

/** Checks a parsed sites file; throws an Error naming the file and the bad entry. */
export function parseSites(text: string, file: string): SiteSeed[] {
    let data: unknown;
    try {
        data = JSON.parse(text);
    } catch (e) {
        throw new Error(`${file}: not JSON (${e instanceof Error ? e.message : String(e)})`);
    }
    const list = (data as { sites?: unknown } | null)?.sites;
    if (!Array.isArray(list)) throw new Error(`${file}: expected {"sites": [...]}`);
    const names = new Set<string>();
    return list.map((raw: unknown, i: number): SiteSeed => {
        const where = `${file}: sites[${i}]`;
        if (typeof raw !== 'object' || raw === null) throw new Error(`${where} is not an object`);
        const e = raw as Record<string, unknown>;
        for (const k of Object.keys(e))
            if (!['name', 'urlPathPrefix', 'status', 'members'].includes(k))
                throw new Error(`${where}: unknown key "${k}"`);
        if (typeof e.name !== 'string' || !e.name.trim())
            throw new Error(`${where}: "name" must be a non-empty string`);
        if (names.has(e.name.toLowerCase())) throw new Error(`${where}: duplicate site "${e.name}"`);
        names.add(e.name.toLowerCase());
        if (e.urlPathPrefix !== undefined && typeof e.urlPathPrefix !== 'string')
            throw new Error(`${where}: "urlPathPrefix" must be a string`);
        if (e.status !== undefined && !STATUSES.includes(e.status as string))
            throw new Error(`${where}: "status" must be one of ${STATUSES.join(', ')}`);
        if (!Array.isArray(e.members) || e.members.some((m) => typeof m !== 'string'))
            throw new Error(`${where}: "members" must be a list of profile or permission set names`);
        return {
            name: e.name,
            urlPathPrefix: e.urlPathPrefix as string | undefined,
            status: e.status as SiteSeed['status'],
            members: e.members as string[]
        };
    });
}

export function readSitesFile(file: string): SiteSeed[] {
    let text: string;
    try {
        text = readFileSync(file, 'utf8');
    } catch (e) {
        throw new Error(`${file}: cannot be read (${e instanceof Error ? e.message : String(e)})`);
    }
    return parseSites(text, file);
}

/**
 * Inserts the Network and NetworkMemberGroup rows of the seeds (members are profile Names, else permission set
 * Names) and the NetworkMember rows of the users already present. An unknown member name throws.
 */
export function seedSites(store: Store, seeds: readonly SiteSeed[]): void {
    for (const site of seeds) {
        const networkId = store.insert('Network', {
            Name: site.name,
            UrlPathPrefix: site.urlPathPrefix ?? null,
            Status: site.status ?? 'Live'
        }).id;
        for (const member of site.members) {
            const parent =
                [...store.rows('Profile')].find(
                    (p) => String(p.values.get('name')).toLowerCase() === member.toLowerCase()
                ) ??
                [...store.rows('PermissionSet')].find(
                    (p) => String(p.values.get('name')).toLowerCase() === member.toLowerCase()
                );
            if (!parent) throw new Error(`site "${site.name}": no profile or permission set named "${member}"`);
            store.insert('NetworkMemberGroup', {
                NetworkId: networkId,
                ParentId: parent.id,
                AssignmentStatus: 'Added'
            });
        }
    }
    for (const u of [...store.rows('User')]) syncMembership(store, u.id, 'staleRowsStay');
}

/** Adds (and in 'recompute' mode removes) one user's NetworkMember rows to match the sites' member groups. */
export function syncMembership(store: Store, userId: string, mode: StaleMembershipMode): void {
    const user = store.get(userId);
    if (!user) return;
    const groups = [...store.rows('NetworkMemberGroup')]
        .filter((g) => g.values.get('assignmentstatus') !== 'WaitingForRemove')
        .map((g) => ({ networkId: String(g.values.get('networkid')), parentId: String(g.values.get('parentid')) }));
    // The user's own assignments and memberships through the store's indexes: O(rows of the user), not of the org.
    const permissionSets = rowsOf(store, 'PermissionSetAssignment', 'AssigneeId', user.id)
        .map((a) => idText(a.values.get('permissionsetid')))
        .filter((x): x is string => x !== null);
    const granted = networksGranted(String(user.values.get('profileid')), permissionSets, groups);
    const rows = rowsOf(store, 'NetworkMember', 'MemberId', user.id);
    const current = new Set(rows.map((m) => String(m.values.get('networkid'))));
    const { add, remove } = membershipChanges(current, granted, mode);
    for (const networkId of add) store.insert('NetworkMember', { MemberId: user.id, NetworkId: networkId });
    for (const r of rows) if (remove.includes(String(r.values.get('networkid')))) store.delete(r.id);
}
