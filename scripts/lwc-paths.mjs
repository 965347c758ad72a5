#!/usr/bin/env node
// Keeps tsconfig.json's `paths` in step with the components: `c/name` cannot be mapped with one wildcard,
// because the file is lwc/name/name.ts. Usage: node scripts/lwc-paths.mjs [--check]
import { readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findBundles, packageDirectories, rel } from './lib/lwc-bundles.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export function expectedPaths(repoRoot) {
    const paths = {};
    for (const bundle of findBundles(repoRoot, packageDirectories(repoRoot)).filter((b) => b.isTypeScript)) {
        paths[`c/${bundle.name}`] = [`./${rel(repoRoot, bundle.main)}`];
    }
    return paths;
}

function main() {
    const file = join(root, 'tsconfig.json');
    const tsconfig = JSON.parse(readFileSync(file, 'utf8'));
    const expected = expectedPaths(root);
    const current = tsconfig.compilerOptions.paths ?? {};
    if (JSON.stringify(current) === JSON.stringify(expected)) return 0;
    if (process.argv.includes('--check')) {
        console.error('tsconfig.json: compilerOptions.paths does not match the components; run `npm run lwc:paths`.');
        return 1;
    }
    tsconfig.compilerOptions.paths = expected;
    writeFileSync(file, JSON.stringify(tsconfig, null, 4) + '\n');
    console.log(`tsconfig.json: paths updated for ${Object.keys(expected).length} components`);
    return 0;
}

process.exitCode = main();
