/**
 * `local-org serve`: loads the sources into a demo org and serves the local app on 127.0.0.1 until stopped.
 * Exit codes: 0 after a clean stop (Ctrl-C), 2 for bad usage or a port in use, 1 when the demo org cannot be built.
 */
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import type { LoadedProject, LoadResult, RuntimeOptions } from '../api';
import { createAppServer } from './app-server';
import type { Store } from '../org/store';
import { type DemoOrg, DemoOrgError, loadDemoOrg } from './demo-org';
import { Persister } from './persister';
import { loadSavedOrg } from './saved-org';
import { StateFileError } from './state-file';
import type { StaticRoot } from './static';
import { testHookRoutes, testHooksOff } from './test-hooks';

export interface ServeArgs {
    port: number;
    sourceDirs: string[];
    appDir: string;
    users: number;
    seed: number;
    asyncIntervalMs: number;
    /** Routes under /__test/ for browser tests (src/server/test-hooks.ts); off unless --test-hooks. */
    testHooks: boolean;
    /** Where the org is saved and restored from; null: kept in memory only (--no-persist, or no --state-file). */
    stateFile: string | null;
    /** Start from a fresh demo org even when the state file exists (it is overwritten). */
    reset: boolean;
}

export interface ServeIo {
    stdout: (text: string) => void;
    stderr: (text: string) => void;
    env: Record<string, string | undefined>;
    loadProject: () => (dirs: string[], options: RuntimeOptions) => LoadResult | Promise<LoadResult>;
}

export const SERVE_HELP = `Usage: local-org serve [flags]

Serves the local app (the project's LWCs calling its Apex) on http://127.0.0.1:<port>/ over a seeded demo org.

  --port <n>               port (default: $PORT or 3000)
  --source-dir <dir>       Apex and metadata sources (default force-app; repeatable)
  --app-dir <dir>          the built app page and bundle (default artifacts/local-app; build with npm run build:app)
  --users <n>              external users of the demo org's generator (default 5000; 32 more are added)
  --seed <n>               seed of the demo org generator (default 1)
  --async-interval-ms <n>  pause between two background async steps (default 200)
  --test-hooks             serve /__test/ routes that inject faults and change seats (browser tests only)
  --state-file <path>      save the org there after changes (debounced, atomic) and start from it next time;
                           npm start uses .local-org/state.json. Queued async work is not saved: jobs in flight
                           at the last save come back Failed
  --no-persist             keep the org in memory only (overrides --state-file)
  --reset                  start from a fresh demo org, discarding the state file's org

POST /reset (the app's "Reset demo org" button) builds a fresh demo org while the server runs.
`;

/** The serve line of \`local-org --help\`. */
export const SERVE_USAGE = `  local-org serve [--port N] [--users N] [--seed N] [--state-file F | --no-persist] [--reset]
                 (the local app on a demo org; local-org serve --help)
`;

export class ServeUsageError extends Error {}

function wholeNumber(flag: string, text: string, min: number, max: number): number {
    if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max)
        throw new ServeUsageError(`${flag} must be a whole number from ${min} to ${max}, got "${text}"`);
    return Number(text);
}

export function parseServeArgs(argv: string[], env: Record<string, string | undefined>): ServeArgs | 'help' {
    const args: ServeArgs = {
        port: env.PORT ? wholeNumber('PORT', env.PORT, 1, 65535) : 3000,
        sourceDirs: [],
        appDir: 'artifacts/local-app',
        users: 5000,
        seed: 1,
        asyncIntervalMs: 200,
        testHooks: false,
        stateFile: null,
        reset: false
    };
    let persist = true;
    for (let i = 0; i < argv.length; i++) {
        const raw = argv[i];
        if (raw === '--help' || raw === '-h') return 'help';
        if (raw === '--test-hooks') {
            args.testHooks = true;
            continue;
        }
        if (raw === '--reset' || raw === '--no-persist') {
            if (raw === '--reset') args.reset = true;
            else persist = false;
            continue;
        }
        const eq = raw.indexOf('=');
        const flag = eq >= 0 ? raw.slice(0, eq) : raw;
        const value = (): string => {
            if (eq >= 0) return raw.slice(eq + 1);
            const v = argv[++i];
            if (v === undefined) throw new ServeUsageError(`${flag} needs a value`);
            return v;
        };
        switch (flag) {
            case '--port':
                args.port = wholeNumber(flag, value(), 1, 65535);
                break;
            case '--source-dir':
                args.sourceDirs.push(value());
                break;
            case '--app-dir':
                args.appDir = value();
                break;
            case '--users':
                args.users = wholeNumber(flag, value(), 0, 200_000);
                break;
            case '--seed':
                args.seed = wholeNumber(flag, value(), 0, 2 ** 31);
                break;
            case '--async-interval-ms':
                args.asyncIntervalMs = wholeNumber(flag, value(), 1, 60_000);
                break;
            case '--state-file':
                args.stateFile = value();
                if (!args.stateFile) throw new ServeUsageError('--state-file needs a path');
                break;
            default:
                throw new ServeUsageError(`unknown flag "${raw}" for serve`);
        }
    }
    if (args.sourceDirs.length === 0) args.sourceDirs.push('force-app');
    if (!persist) args.stateFile = null;
    return args;
}

/** Resolves when the port can be bound on 127.0.0.1, rejects with the listen error otherwise. */
export function probePort(port: number): Promise<void> {
    return new Promise((done, fail) => {
        const probe = createServer();
        probe.once('error', fail);
        probe.listen(port, '127.0.0.1', () => probe.close(() => done()));
    });
}

function sldsAssets(): string | null {
    try {
        return join(require.resolve('@salesforce-ux/design-system/package.json'), '..', 'assets');
    } catch {
        return null;
    }
}

export async function runServe(argv: string[], io: ServeIo): Promise<number> {
    let args: ServeArgs;
    try {
        const parsed = parseServeArgs(argv, io.env);
        if (parsed === 'help') {
            io.stdout(SERVE_HELP);
            return 0;
        }
        args = parsed;
    } catch (e) {
        if (!(e instanceof ServeUsageError)) throw e;
        io.stderr(`local-org serve: ${e.message}\n`);
        return 2;
    }
    try {
        await probePort(args.port);
    } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        const why =
            code === 'EADDRINUSE' ? 'is in use' : code === 'EACCES' ? 'needs privileges' : `cannot be used (${code})`;
        io.stderr(`local-org serve: port ${args.port} ${why}; choose another with --port <n> or PORT=<n>\n`);
        return 2;
    }
    const missing = args.sourceDirs.filter((d) => !existsSync(d));
    if (missing.length) {
        io.stderr(`local-org serve: --source-dir is not a directory: ${missing.join(', ')}\n`);
        return 2;
    }
    const appDir = resolve(args.appDir);
    if (!existsSync(join(appDir, 'index.html')))
        io.stderr(
            `local-org serve: no app page in ${args.appDir} (build it with: npm run build:app); serving Apex only\n`
        );

    const t0 = Date.now();
    const sourceDirs = args.sourceDirs.map((d) => resolve(d));
    const stateFile = args.stateFile === null ? null : resolve(args.stateFile);
    const fresh = async (): Promise<DemoOrg> => {
        io.stdout(`Building the demo org (${args.users} external users, seed ${args.seed})...\n`);
        return loadDemoOrg(sourceDirs, io.loadProject(), { users: args.users, seed: args.seed });
    };
    let demo: { project: LoadedProject; store: Store; summary: string[] };
    try {
        if (stateFile && !args.reset && existsSync(stateFile)) {
            io.stdout(`Loading the saved org (${args.stateFile}; --reset starts a fresh one)...\n`);
            demo = await loadSavedOrg(sourceDirs, io.loadProject(), stateFile);
        } else {
            demo = await fresh();
        }
    } catch (e) {
        if (e instanceof StateFileError) {
            io.stderr(`local-org serve: ${e.message}\n`);
            return 2;
        }
        if (!(e instanceof DemoOrgError)) throw e;
        io.stderr(`local-org serve: ${e.message}\n`);
        return 1;
    }
    for (const line of demo.summary) io.stdout(`  ${line}\n`);
    io.stdout(`Demo org ready in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);

    const roots: StaticRoot[] = [{ prefix: '/', dir: appDir }];
    const slds = sldsAssets();
    // '/assets/' too: lightning-icon asks for its sprites there, as in an org.
    if (slds) roots.push({ prefix: '/slds/', dir: slds }, { prefix: '/assets/', dir: slds });
    let current = demo;
    let hooks = args.testHooks ? testHookRoutes(demo.project) : testHooksOff;
    let persister: Persister | null = null;
    const app = createAppServer({
        project: demo.project,
        staticRoots: roots,
        asyncIntervalMs: args.asyncIntervalMs,
        routes: (req, res, url, exclusive) => hooks(req, res, url, exclusive),
        onOrgChange: () => persister?.changed(),
        reset: async () => {
            const t = Date.now();
            current = await fresh();
            if (args.testHooks) hooks = testHookRoutes(current.project);
            io.stdout(`Demo org reset in ${((Date.now() - t) / 1000).toFixed(1)} s\n`);
            persister?.changed();
            return current.project;
        },
        onAsyncStep: (s) => io.stdout(`  async ${s.className} ${s.phase}${s.ok ? '' : ` failed: ${s.message ?? ''}`}\n`)
    });
    if (stateFile) {
        persister = new Persister({
            file: stateFile,
            store: () => current.store,
            exclusive: (fn) => app.exclusive(fn),
            onError: (m) => io.stderr(`local-org serve: ${m}\n`)
        });
        // The file matches the served org from the start (a fresh or reset org replaces the old file).
        await persister.flush();
        io.stdout(`Saving the org to ${args.stateFile} after changes (--no-persist to keep it in memory only)\n`);
    }
    return new Promise<number>((done) => {
        app.server.once('error', (e: NodeJS.ErrnoException) => {
            io.stderr(`local-org serve: cannot listen on port ${args.port} (${e.code ?? e.message}); try --port <n>\n`);
            done(2);
        });
        app.server.listen(args.port, '127.0.0.1', () => {
            if (args.testHooks) io.stdout('Test hooks on: /__test/faults, /__test/licenses, /__test/running-user\n');
            io.stdout(`Local app: http://127.0.0.1:${args.port}/  (Ctrl-C to stop)\n`);
        });
        // Ctrl-C under npm start reaches this process twice (the terminal's and the one start.mjs forwards): the
        // second must not kill it while the last save is being written.
        let stopping = false;
        const stop = (): void => {
            if (stopping) return;
            stopping = true;
            void (persister?.close() ?? Promise.resolve()).then(() => app.close()).then(() => done(0));
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
    });
}
