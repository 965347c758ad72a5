// The browser tests must drive the UI as its sources are now: the bundle in artifacts/local-app is built again
// when it is missing or older than any source it is built from (as npm start decides; see scripts/start.mjs).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';

/** Newest modification time under `dir`, leaving out Jest folders and the .js that build-lwc writes from .ts. */
function newestSource(dir, underForceApp) {
    let newest = 0;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = join(dir, entry.name);
        if (entry.isDirectory()) {
            if (entry.name !== '__tests__') newest = Math.max(newest, newestSource(full, underForceApp));
        } else if (!(underForceApp && entry.name.endsWith('.js'))) {
            newest = Math.max(newest, statSync(full).mtimeMs);
        }
    }
    return newest;
}

/** Why the bundle must be built, or null when it is current. */
export function staleBundleReason(root) {
    const bundle = join(root, 'artifacts', 'local-app', 'app.js');
    if (!existsSync(bundle)) return 'no bundle yet';
    const built = statSync(bundle).mtimeMs;
    const inputs = [
        [join(root, 'force-app', 'main', 'default', 'lwc'), true],
        [join(root, 'local-app', 'src'), false],
        [join(root, 'local-app', 'public'), false]
    ];
    if (statSync(join(root, 'local-app', 'build.mjs')).mtimeMs > built) return 'local-app/build.mjs changed';
    for (const [dir, underForceApp] of inputs) {
        if (existsSync(dir) && newestSource(dir, underForceApp) > built)
            return `${dir
                .slice(root.length + 1)
                .split(sep)
                .join('/')} changed`;
    }
    return null;
}
