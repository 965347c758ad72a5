#!/usr/bin/env node
// Proves the source converts to a deployable metadata package. `sf project convert source` alone is lenient
// (a malformed -meta.xml passes, and a class without its -meta.xml is silently left out), so after converting we
// check that every source file is well-formed and every component made it into the package, without TypeScript
// or tests. Usage: node scripts/convert-metadata.mjs [--source-dir dir]... [--keep out-dir]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, existsSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, basename, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { packageDirectories } from './lib/lwc-bundles.mjs';

const require = createRequire(import.meta.url);
const { XMLValidator, XMLParser } = require('fast-xml-parser');
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const SF_ENV = { SF_DISABLE_TELEMETRY: 'true', SF_AUTOUPDATE_DISABLE: 'true', SF_SKIP_NEW_VERSION_CHECK: 'true' };

function walk(dir, files = []) {
    if (!existsSync(dir)) return files;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = join(dir, entry.name);
        if (entry.isDirectory()) walk(full, files);
        else files.push(full);
    }
    return files;
}

function isIgnoredSource(file) {
    return /[\\/]__tests__[\\/]|[\\/]jest-mocks[\\/]|\.ts$/.test(file);
}

/** Problems found in the sources before converting: malformed XML, Apex without its -meta.xml. */
export function checkSources(projectRoot, sourceDirs) {
    const problems = [];
    for (const dir of sourceDirs) {
        for (const file of walk(join(projectRoot, dir)).filter((f) => !isIgnoredSource(f))) {
            const shown = relative(projectRoot, file);
            if (file.endsWith('.xml')) {
                const verdict = XMLValidator.validate(readFileSync(file, 'utf8'));
                if (verdict !== true) {
                    problems.push(`${shown}:${verdict.err.line}:${verdict.err.col}: malformed XML: ${verdict.err.msg}`);
                }
            }
            if (/\.(cls|trigger)$/.test(file) && !existsSync(`${file}-meta.xml`)) {
                problems.push(`${shown}: has no ${basename(file)}-meta.xml, so it would not be deployed`);
            }
        }
    }
    return problems;
}

/** Problems found in the converted package: missing components, TypeScript or tests that would be deployed. */
export function checkPackage(projectRoot, sourceDirs, outDir) {
    const problems = [];
    const packageXml = new XMLParser().parse(readFileSync(join(outDir, 'package.xml'), 'utf8'));
    const types = [packageXml.Package.types ?? []].flat();
    const members = (name) => new Set([types.find((t) => t.name === name)?.members ?? []].flat().map(String));
    const classes = members('ApexClass');
    const bundles = members('LightningComponentBundle');
    for (const dir of sourceDirs) {
        for (const file of walk(join(projectRoot, dir)).filter((f) => !isIgnoredSource(f))) {
            const shown = relative(projectRoot, file);
            if (file.endsWith('.cls') && !classes.has(basename(file, '.cls'))) {
                problems.push(`${shown}: missing from the converted package`);
            }
            if (file.endsWith('.js-meta.xml')) {
                const name = basename(file, '.js-meta.xml');
                if (!bundles.has(name)) problems.push(`${shown}: component ${name} missing from the converted package`);
                else if (!existsSync(join(outDir, 'lwc', name, `${name}.js`))) {
                    problems.push(
                        `${shown}: component ${name} has no JavaScript in the package (run npm run build first)`
                    );
                }
            }
        }
    }
    for (const file of walk(outDir)) {
        if (/\.ts$|__tests__|tsconfig/.test(file)) problems.push(`${relative(outDir, file)}: must not be deployed`);
    }
    return problems;
}

/** Converts and checks; returns the list of problems (empty when deployable). */
export function convert({ projectRoot = root, sourceDirs = packageDirectories(projectRoot), keep } = {}) {
    const problems = checkSources(projectRoot, sourceDirs);
    if (problems.length) return problems;
    const outDir = keep ?? join(mkdtempSync(join(tmpdir(), 'cum-convert-')), 'package');
    const sf = join(root, 'node_modules', '.bin', 'sf');
    const args = ['project', 'convert', 'source', '--output-dir', outDir, '--json'];
    for (const dir of sourceDirs) args.push('--source-dir', dir);
    const run = spawnSync(sf, args, { cwd: projectRoot, encoding: 'utf8', env: { ...process.env, ...SF_ENV } });
    if (run.error) return [`could not run the Salesforce CLI (${sf}): ${run.error.message}`];
    let result;
    try {
        result = JSON.parse(run.stdout.slice(run.stdout.indexOf('{')));
    } catch {
        return [`sf project convert source failed:\n${run.stdout}${run.stderr}`];
    }
    if (result.status !== 0) return [`sf project convert source failed: ${result.message ?? JSON.stringify(result)}`];
    const found = checkPackage(projectRoot, sourceDirs, outDir);
    if (!keep && statSync(outDir, { throwIfNoEntry: false })) rmSync(dirname(outDir), { recursive: true, force: true });
    return found;
}

function main() {
    const args = process.argv.slice(2);
    const sourceDirs = [];
    let keep;
    for (let i = 0; i < args.length; i++) {
        if (args[i] === '--source-dir') sourceDirs.push(args[++i]);
        else if (args[i] === '--keep') keep = args[++i];
        else {
            console.error(`convert-metadata: unknown argument ${args[i]}`);
            return 2;
        }
    }
    const problems = convert({ sourceDirs: sourceDirs.length ? sourceDirs : undefined, keep });
    for (const problem of problems) console.error(problem);
    if (problems.length) {
        console.error(`convert-metadata: ${problems.length} problem(s); the source is not deployable`);
        return 1;
    }
    console.log('convert-metadata: the source converts to a complete deployable package');
    return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) process.exitCode = main();
