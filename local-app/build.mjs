#!/usr/bin/env node
// Builds the local app: the project's TypeScript LWCs (force-app) with lightning-base-components, compiled by the
// same LWC version jest uses (8.28.2), into artifacts/local-app/ (app.js + index.html). Usage: node local-app/build.mjs [--prod]
// Notes on the setup: shared/reference/toolchain.md section 9.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { rollup } = require('rollup');
const lwc = require('@lwc/rollup-plugin');
const babel = require('@babel/core');

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
// Under artifacts/ (ignored by git, ESLint and Prettier): a 6 MB generated bundle is not source.
const dist = join(root, 'artifacts', 'local-app');
const LWC_DIR = join(root, 'force-app', 'main', 'default', 'lwc');
const BABEL_CONFIG = JSON.parse(readFileSync(join(root, 'babel.lwc-ts.config.json'), 'utf8'));
const PLATFORM = join(here, 'src', 'platform');

/** c/<name> → force-app/.../lwc/<name>/<name>.ts (or .js for a JavaScript bundle). */
function projectModules() {
    return readdirSync(LWC_DIR, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .flatMap((d) => {
            for (const ext of ['.ts', '.js']) {
                const file = join(LWC_DIR, d.name, d.name + ext);
                // A .js next to a .ts is build output (scripts/build-lwc.mjs): the .ts is the source.
                if (existsSync(file)) return [{ name: `c/${d.name}`, path: file }];
            }
            return [];
        });
}

/** TypeScript out, decorators kept (the LWC compiler reads them): the same Babel setup as scripts/build-lwc.mjs. */
function stripTypeScript() {
    return {
        name: 'strip-typescript',
        transform(code, id) {
            const file = id.split('?')[0];
            if (!file.endsWith('.ts')) return null;
            const out = babel.transformSync(code, { ...BABEL_CONFIG, filename: file, sourceMaps: true });
            return { code: out.code, map: out.map };
        }
    };
}

/** `@salesforce/apex/Class.method` → a function bound to that method that POSTs to the local server's /apex. */
function apexModules() {
    const PREFIX = '\0apex:';
    return {
        name: 'salesforce-apex',
        resolveId(id) {
            // refreshApex lives beside the wire adapters it asks again.
            if (id === '@salesforce/apex') return join(PLATFORM, 'apexClient.js');
            if (id.startsWith('@salesforce/apex/')) return PREFIX + id.slice('@salesforce/apex/'.length);
            return null;
        },
        load(id) {
            if (!id.startsWith(PREFIX)) return null;
            const [className, method, extra] = id.slice(PREFIX.length).split('.');
            if (!className || !method || extra !== undefined)
                this.error(`@salesforce/apex/${id.slice(PREFIX.length)}: expected @salesforce/apex/Class.method`);
            const client = JSON.stringify(join(PLATFORM, 'apexClient.js'));
            return `import { apexMethod } from ${client};\nexport default apexMethod(${JSON.stringify(className)}, ${JSON.stringify(method)});\n`;
        }
    };
}

/** Text replacement LBC needs in a browser bundle (import.meta.env.SSR, process.env.NODE_ENV). */
function defines(values) {
    return {
        name: 'defines',
        transform(code) {
            let out = code;
            let changed = false;
            for (const [from, to] of Object.entries(values)) {
                if (out.includes(from)) {
                    out = out.split(from).join(to);
                    changed = true;
                }
            }
            return changed ? { code: out, map: null } : null;
        }
    };
}

export async function buildApp({ production = false, log = console.log } = {}) {
    const t0 = Date.now();
    const warnings = new Map();
    const bundle = await rollup({
        input: join(here, 'src', 'main.js'),
        onwarn(w) {
            // LBC's templates give ~20 harmless warnings (toolchain §9); count them, print one line per code.
            const key = w.code ?? w.plugin ?? 'WARN';
            warnings.set(key, (warnings.get(key) ?? 0) + 1);
        },
        plugins: [
            apexModules(),
            defines({
                'process.env.NODE_ENV': JSON.stringify(production ? 'production' : 'development'),
                'import.meta.env.SSR': 'false'
            }),
            stripTypeScript(),
            lwc({
                rootDir: join(here, 'src', 'modules'),
                enableDynamicComponents: true,
                // LBC's combobox attaches ElementInternals; under synthetic shadow the engine allows it only with this flag.
                enableSyntheticElementInternals: true,
                modules: [
                    { dir: join(here, 'src', 'modules') },
                    { name: 'lightning/navigation', path: join(PLATFORM, 'navigation.js') },
                    ...projectModules(),
                    { npm: 'lightning-base-components' }
                ]
            })
        ]
    });
    mkdirSync(dist, { recursive: true });
    await bundle.write({ file: join(dist, 'app.js'), format: 'iife', inlineDynamicImports: true, sourcemap: true });
    await bundle.close();
    copyFileSync(join(here, 'public', 'index.html'), join(dist, 'index.html'));
    const summary = [...warnings].map(([k, n]) => `${k}×${n}`).join(', ');
    log(
        `local-app: built artifacts/local-app/app.js in ${((Date.now() - t0) / 1000).toFixed(1)} s${summary ? ` (warnings: ${summary})` : ''}`
    );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
    buildApp({ production: process.argv.includes('--prod') }).catch((err) => {
        console.error(`local-app: build failed: ${err && err.message ? err.message : err}`);
        if (err && err.id) console.error(`  in ${err.id}`);
        process.exitCode = 1;
    });
}
