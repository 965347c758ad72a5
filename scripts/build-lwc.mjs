#!/usr/bin/env node
// Compiles TypeScript components to the JavaScript the platform deploys, then proves every bundle compiles with
// the LWC compiler. tsc cannot emit: it lowers decorators into helpers the LWC compiler rejects (LWC1104), so Babel
// strips the types and keeps `@api`/`@track`/`@wire` as real decorators (toolchain.md, section 2).
// Usage: node scripts/build-lwc.mjs [folder…]   (default: the package directories of sfdx-project.json)
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, dirname, basename, extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { findBundles, packageDirectories, rel } from './lib/lwc-bundles.mjs';

const require = createRequire(import.meta.url);
const babel = require('@babel/core');
const { transformSync: lwcTransform } = require('@lwc/compiler');

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const BABEL_CONFIG = JSON.parse(readFileSync(join(root, 'babel.lwc-ts.config.json'), 'utf8'));

/** Calls that mean decorators were lowered instead of kept; the platform's compiler cannot read them. */
const DECORATOR_HELPERS =
    /\b(__decorate|__esDecorate|__runInitializers|_applyDecs\w*|_decorate|_initializerDefineProperty)\s*\(/;

function sourceFilesOf(bundleDir) {
    return readdirSync(bundleDir)
        .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
        .map((file) => join(bundleDir, file));
}

/** Babel: TypeScript in, JavaScript with decorators intact out. */
export function compileTypeScript(file) {
    const result = babel.transformSync(readFileSync(file, 'utf8'), {
        ...BABEL_CONFIG,
        filename: file,
        sourceMaps: false
    });
    return result.code + '\n';
}

function lwcCheck(code, file, bundleName) {
    lwcTransform(code, basename(file), { name: bundleName, namespace: 'c' });
}

/**
 * Builds the bundles under `folders` (relative to `repoRoot`).
 * @returns {{compiled: string[], validated: number, errors: {file: string, message: string}[]}}
 */
export function buildLwc({ repoRoot = root, folders = packageDirectories(repoRoot), write = true } = {}) {
    const errors = [];
    const pending = new Map();
    let validated = 0;
    for (const bundle of findBundles(repoRoot, folders)) {
        const outputs = new Map();
        if (bundle.isTypeScript) {
            for (const tsFile of sourceFilesOf(bundle.dir)) {
                const jsFile = tsFile.replace(/\.ts$/, '.js');
                try {
                    const code = compileTypeScript(tsFile);
                    if (DECORATOR_HELPERS.test(code)) {
                        errors.push({
                            file: rel(repoRoot, tsFile),
                            message: 'emitted JavaScript calls a decorator helper; decorators must stay as written'
                        });
                        continue;
                    }
                    outputs.set(jsFile, code);
                } catch (error) {
                    errors.push({ file: rel(repoRoot, tsFile), message: firstLine(error) });
                }
            }
        }
        const jsFiles = bundle.isTypeScript ? [...outputs.keys()] : sourceJsFiles(bundle.dir);
        const templates = readdirSync(bundle.dir).filter((f) => ['.html', '.css'].includes(extname(f)));
        for (const file of [...jsFiles, ...templates.map((f) => join(bundle.dir, f))]) {
            const code = outputs.get(file) ?? readFileSync(file, 'utf8');
            try {
                lwcCheck(code, file, bundle.name);
                validated++;
            } catch (error) {
                const shown = bundle.isTypeScript && file.endsWith('.js') ? file.replace(/\.js$/, '.ts') : file;
                errors.push({ file: rel(repoRoot, shown), message: `LWC compiler: ${firstLine(error)}` });
            }
        }
        for (const [file, code] of outputs) pending.set(file, code);
    }
    const compiled = [];
    if (write && errors.length === 0) {
        for (const [file, code] of pending) {
            writeFileSync(file, code);
            compiled.push(rel(repoRoot, file));
        }
    }
    return { compiled, validated, errors };
}

function sourceJsFiles(dir) {
    return readdirSync(dir)
        .filter((f) => f.endsWith('.js'))
        .map((f) => join(dir, f));
}

function firstLine(error) {
    return String(error?.message ?? error).split('\n')[0];
}

function main() {
    const folders = process.argv.slice(2);
    const result = buildLwc(folders.length ? { folders } : {});
    for (const error of result.errors) console.error(`${error.file}: ${error.message}`);
    if (result.errors.length) {
        console.error(`build-lwc: ${result.errors.length} error(s); nothing was written`);
        return 1;
    }
    console.log(
        `build-lwc: compiled ${result.compiled.length} TypeScript file(s), validated ${result.validated} file(s) with the LWC compiler`
    );
    return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) process.exitCode = main();
