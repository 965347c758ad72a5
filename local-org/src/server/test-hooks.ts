/**
 * Test hooks of the local app's server: routes under `/__test/` with which a browser test changes the served org
 * behind the app's back, as things change in a real org while a run works — DML faults (src/faults/faults.ts) and a
 * license's seat count (another admin took the seats). They exist only when `local-org serve --test-hooks` is given
 * (never by `npm start`); without it every `/__test/` path answers 404.
 *
 * | Route                        | What                                                                              |
 * | ---------------------------- | --------------------------------------------------------------------------------- |
 * | `GET /__test/faults`         | `{faults: [{name, kind}]}`: the faults in force                                   |
 * | `POST /__test/faults`        | body as a fault file (`{"faults": [...]}`): replaces them, counters from zero;     |
 * |                              | `{"faults": []}` removes them                                                      |
 * | `GET /__test/licenses`       | `{licenses: [{name, used, total, free}]}`                                         |
 * | `POST /__test/licenses`      | `{name, freeSeats}` or `{name, totalLicenses}`: sets the license's TotalLicenses  |
 * | `GET /__test/running-user`   | `{id, username}` of the admin the app's calls run as                              |
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LoadedProject } from '../api';
import { FaultConfigError, FaultInjector, parseFaults, type Fault } from '../faults/faults';
import type { SRecord } from '../org/store';
import { asyncQueue } from '../runtime/async';
import { activeUsersOf } from '../runtime/dml-rules';
import { currentOrg, type OrgData } from '../runtime/org-data';
import type { AppServerOptions } from './app-server';

/** Extra routes of the app server: true when the request was answered. */
export type ExtraRoutes = NonNullable<AppServerOptions['routes']>;

/** Runs a task in the server's org queue (no transaction may overlap it). */
type OrgQueue = Parameters<ExtraRoutes>[3];

export const TEST_HOOK_PREFIX = '/__test/';

/** Hook bodies are a few lines of JSON. */
const MAX_BODY = 64 * 1024;

class HookError extends Error {
    constructor(
        readonly status: number,
        message: string
    ) {
        super(message);
    }
}

function send(res: ServerResponse, status: number, value: unknown): void {
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(JSON.stringify(value));
}

function readText(req: IncomingMessage): Promise<string> {
    return new Promise((resolve, reject) => {
        const chunks: Buffer[] = [];
        let size = 0;
        req.on('data', (c: Buffer) => {
            size += c.length;
            if (size > MAX_BODY) {
                reject(new HookError(413, `the body is larger than ${MAX_BODY} bytes`));
                req.destroy();
                return;
            }
            chunks.push(c);
        });
        req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        req.on('error', reject);
    });
}

/** Without --test-hooks: the routes do not exist. */
export const testHooksOff: ExtraRoutes = async (_req, res, url) => {
    if (!url.pathname.startsWith(TEST_HOOK_PREFIX)) return false;
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(`Not found: ${url.pathname}\n`);
    return true;
};

interface LicenseView {
    name: string;
    used: number;
    total: number;
    free: number;
}

function licenseView(org: OrgData, lic: SRecord): LicenseView {
    // Counted from the active users, not read from UsedLicenses: the seat rule counts the same way.
    const used = activeUsersOf(org.store, lic.id);
    const total = Number(lic.values.get('totallicenses') ?? 0);
    return { name: String(lic.values.get('name') ?? ''), used, total, free: total - used };
}

function wholeNumber(value: unknown, key: string): number {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
        throw new HookError(400, `"${key}" must be a whole number ≥ 0, got ${JSON.stringify(value)}`);
    return value;
}

function parseSeatChange(text: string): { name: string; freeSeats: number | null; totalLicenses: number | null } {
    let body: unknown;
    try {
        body = JSON.parse(text);
    } catch {
        throw new HookError(400, 'the body is not JSON');
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body))
        throw new HookError(400, 'expected {name, freeSeats} or {name, totalLicenses}');
    const o = body as Record<string, unknown>;
    const unknown = Object.keys(o).filter((k) => !['name', 'freeSeats', 'totalLicenses'].includes(k));
    if (unknown.length) throw new HookError(400, `unknown key(s) ${unknown.map((k) => `"${k}"`).join(', ')}`);
    if (typeof o.name !== 'string' || o.name.trim() === '') throw new HookError(400, '"name" must name a license');
    if ('freeSeats' in o === 'totalLicenses' in o)
        throw new HookError(400, 'give exactly one of "freeSeats" and "totalLicenses"');
    return {
        name: o.name,
        freeSeats: 'freeSeats' in o ? wholeNumber(o.freeSeats, 'freeSeats') : null,
        totalLicenses: 'totalLicenses' in o ? wholeNumber(o.totalLicenses, 'totalLicenses') : null
    };
}

function faultSummary(faults: readonly Fault[]): Array<{ name: string; kind: string }> {
    return faults.map((f) => ({ name: f.name, kind: f.kind }));
}

/** The test hooks over one loaded project (`local-org serve --test-hooks`). */
export function testHookRoutes(project: LoadedProject): ExtraRoutes {
    let installed: Fault[] = [];

    /**
     * The runtime keeps the org in process-wide slots and points them at a project when it runs Apex for it; a
     * no-op transaction makes sure they point at this one (the demo org's seat setup does the same).
     */
    const activeOrg = async (): Promise<OrgData> => {
        const r = await project.executeAnonymous('Integer testHookProbe = 0;', 'test-hooks.apex');
        const org = currentOrg.org;
        if (!r.success || !org || !asyncQueue.current) throw new Error('no active org after running Apex');
        return org;
    };

    const licenses = async (): Promise<LicenseView[]> => {
        const org = await activeOrg();
        return [...org.store.rows('UserLicense')].map((l) => licenseView(org, l));
    };

    const setSeats = async (text: string): Promise<LicenseView> => {
        const change = parseSeatChange(text);
        const org = await activeOrg();
        const lic = [...org.store.rows('UserLicense')].find((l) => l.values.get('name') === change.name);
        if (!lic) throw new HookError(404, `no UserLicense named "${change.name}"`);
        const { used } = licenseView(org, lic);
        const total = change.totalLicenses ?? used + (change.freeSeats as number);
        // An org never has fewer seats than active users: the hook does not make a state the platform cannot reach.
        if (total < used)
            throw new HookError(400, `${change.name} has ${used} active users; totalLicenses ${total} is fewer`);
        return licenseView(org, org.store.update(lic.id, { TotalLicenses: total }));
    };

    const setFaults = async (text: string): Promise<Fault[]> => {
        let faults: Fault[];
        try {
            faults = parseFaults(text, 'POST /__test/faults');
        } catch (e) {
            if (e instanceof FaultConfigError) throw new HookError(400, e.message);
            throw e;
        }
        await activeOrg();
        // One injector for the DML layer and the async queue, as a fault file arms them; counters start at zero.
        const injector = faults.length ? new FaultInjector(faults) : null;
        currentOrg.org!.dmlEngine.faults = injector;
        asyncQueue.current!.faults = injector;
        installed = faults;
        return faults;
    };

    const runningUser = async (): Promise<{ id: string; username: string }> => {
        const r = await project.executeAnonymous(
            'System.debug(UserInfo.getUserId());\nSystem.debug(UserInfo.getUserName());',
            'test-hooks-user.apex'
        );
        const lines = r.debugLines.map((l) => l.replace(/^USER_DEBUG \[\d+\]\|\w+\|/, ''));
        if (!r.success || lines.length !== 2) throw new Error(`reading the running user failed: ${r.message ?? ''}`);
        return { id: lines[0], username: lines[1] };
    };

    const route = async (method: string, path: string, req: IncomingMessage, queue: OrgQueue): Promise<unknown> => {
        const allow = (m: string[]): void => {
            if (!m.includes(method)) throw new HookError(405, `${method} ${path}: use ${m.join(' or ')}`);
        };
        switch (path) {
            case '/__test/faults':
                allow(['GET', 'POST']);
                if (method === 'GET') return { faults: faultSummary(installed) };
                {
                    const text = await readText(req);
                    return { faults: faultSummary(await queue(() => setFaults(text))) };
                }
            case '/__test/licenses':
                allow(['GET', 'POST']);
                if (method === 'GET') return { licenses: await queue(licenses) };
                {
                    const text = await readText(req);
                    return { license: await queue(() => setSeats(text)) };
                }
            case '/__test/running-user':
                allow(['GET']);
                return queue(runningUser);
            default:
                throw new HookError(404, `no test hook ${path}`);
        }
    };

    return async (req, res, url, queue) => {
        if (!url.pathname.startsWith(TEST_HOOK_PREFIX)) return false;
        try {
            send(res, 200, await route(req.method ?? 'GET', url.pathname, req, queue));
        } catch (e) {
            if (!(e instanceof HookError)) throw e;
            send(res, e.status, { error: e.message });
        }
        return true;
    };
}
