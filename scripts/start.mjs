#!/usr/bin/env node
// `npm start`: builds the local app's UI when its sources changed since the last build, then runs
// `local-org serve` (the demo org and the server). Flags go to serve (`npm start -- --port 4000`, `-- --reset`),
// except --rebuild (build even when the bundle looks current). Ctrl-C stops the server (the org is saved first).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'artifacts', 'local-app', 'app.js');
const SOURCES = [
    join(root, 'force-app', 'main', 'default', 'lwc'),
    join(root, 'local-app', 'src'),
    join(root, 'local-app', 'public')
];

function newestMtime(dir) {
    let newest = 0;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = join(dir, entry.name);
        if (entry.isDirectory()) {
            if (entry.name !== '__tests__') newest = Math.max(newest, newestMtime(full));
        } else if (!entry.name.endsWith('.js') || !dir.includes(join('force-app', ''))) {
            // force-app's .js files are build output of the .ts (scripts/build-lwc.mjs), not sources.
            newest = Math.max(newest, statSync(full).mtimeMs);
        }
    }
    return newest;
}

function needsBuild() {
    if (!existsSync(bundle)) return true;
    const built = statSync(bundle).mtimeMs;
    const buildScript = statSync(join(root, 'local-app', 'build.mjs')).mtimeMs;
    return buildScript > built || SOURCES.some((dir) => existsSync(dir) && newestMtime(dir) > built);
}

const args = process.argv.slice(2);
const rebuild = args.includes('--rebuild');
const serveArgs = args.filter((a) => a !== '--rebuild');
// npm start keeps the org across restarts unless told otherwise (`local-org serve` alone only with --state-file):
// `npm start -- --reset` starts fresh, `--no-persist` keeps it in memory only.
const STATE_FILE = join('.local-org', 'state.json');
if (!serveArgs.some((a) => a === '--no-persist' || a === '--state-file' || a.startsWith('--state-file='))) {
    serveArgs.push('--state-file', STATE_FILE);
}

if (rebuild || needsBuild()) {
    console.log('Building the UI (artifacts/local-app)...');
    const { buildApp } = await import('../local-app/build.mjs');
    try {
        await buildApp();
    } catch (err) {
        console.error(`npm start: the UI build failed: ${err && err.message ? err.message : err}`);
        process.exit(1);
    }
} else {
    console.log('UI bundle is current (npm start -- --rebuild to build anyway)');
}

const child = spawn(process.execPath, [join(root, 'local-org', 'bin', 'local-org.js'), 'serve', ...serveArgs], {
    cwd: root,
    stdio: 'inherit'
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => {
    process.exitCode = code ?? (signal ? 1 : 0);
});
