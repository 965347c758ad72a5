// Finds Lightning web component bundles under SFDX package directories.
import { readdirSync, existsSync, statSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Package directories named in sfdx-project.json, relative to the repo root. */
export function packageDirectories(root) {
    const project = JSON.parse(readFileSync(join(root, 'sfdx-project.json'), 'utf8'));
    return project.packageDirectories.map((dir) => dir.path);
}

function findLwcFolders(dir, found = []) {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (!entry.isDirectory() || entry.name === 'node_modules' || entry.name === '__tests__') continue;
        const full = join(dir, entry.name);
        if (entry.name === 'lwc') found.push(full);
        else findLwcFolders(full, found);
    }
    return found;
}

/**
 * Every bundle under the given folders (each an `lwc` folder or a folder containing some).
 * @returns {{name: string, dir: string, main: string, isTypeScript: boolean}[]} sorted by name
 */
export function findBundles(root, folders) {
    const bundles = [];
    for (const folder of folders) {
        const base = join(root, folder);
        if (!existsSync(base)) continue;
        const lwcFolders = base.endsWith('lwc') ? [base] : findLwcFolders(base);
        for (const lwcFolder of lwcFolders) {
            for (const name of readdirSync(lwcFolder)) {
                const dir = join(lwcFolder, name);
                if (!statSync(dir).isDirectory() || name.startsWith('.') || name === '__tests__') continue;
                const ts = join(dir, `${name}.ts`);
                const isTypeScript = existsSync(ts);
                bundles.push({ name, dir, main: isTypeScript ? ts : join(dir, `${name}.js`), isTypeScript });
            }
        }
    }
    return bundles.sort((a, b) => a.name.localeCompare(b.name));
}

/** A path relative to root, with forward slashes, for messages. */
export function rel(root, path) {
    return relative(root, path).split('\\').join('/');
}
