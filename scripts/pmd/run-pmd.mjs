#!/usr/bin/env node
// Runs PMD's Apex security and best-practice rules (config/pmd-ruleset.xml) over the given folders.
// The jars come from the pinned @salesforce/code-analyzer-pmd-engine package; the launcher is PmdApex.java beside this.
// Usage: node scripts/pmd/run-pmd.mjs [--ruleset file] <folder>...
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join, dirname, delimiter } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const require = createRequire(import.meta.url);

function pmdJars() {
    const engine = dirname(require.resolve('@salesforce/code-analyzer-pmd-engine/package.json'));
    const jars = join(engine, 'dist', 'java-lib');
    if (!existsSync(jars)) throw new Error(`PMD jars not found in ${jars}; run npm install`);
    return jars;
}

function compiledLauncher(jars) {
    const source = join(here, 'PmdApex.java');
    const outDir = join(root, 'node_modules', '.cache', 'pmd-apex');
    const classFile = join(outDir, 'PmdApex.class');
    if (existsSync(classFile) && statSync(classFile).mtimeMs >= statSync(source).mtimeMs) return outDir;
    mkdirSync(outDir, { recursive: true });
    const javac = spawnSync('javac', ['-cp', join(jars, '*'), '-d', outDir, source], { encoding: 'utf8' });
    if (javac.error) throw new Error('javac not found: PMD needs a Java 17 JDK on the PATH');
    if (javac.status !== 0) throw new Error(`could not compile PmdApex.java:\n${javac.stderr}`);
    return outDir;
}

/**
 * Runs PMD and returns its exit status (0 clean, 4 violations, 3 errors) and output lines.
 * @param {string[]} paths folders or files to analyse
 * @param {string} [ruleset] ruleset file; the project's by default
 */
export function runPmd(paths, ruleset = join(root, 'config', 'pmd-ruleset.xml')) {
    const jars = pmdJars();
    const classes = compiledLauncher(jars);
    const run = spawnSync('java', ['-cp', `${join(jars, '*')}${delimiter}${classes}`, 'PmdApex', ruleset, ...paths], {
        encoding: 'utf8',
        cwd: root
    });
    if (run.error) throw new Error('java not found: PMD needs Java 17 on the PATH');
    const lines = `${run.stdout}${run.stderr}`
        .split('\n')
        .filter((line) => line.trim() && !/^SLF4J|^WARNING/.test(line));
    return { status: run.status, lines };
}

function main() {
    const args = process.argv.slice(2);
    const rulesetIndex = args.indexOf('--ruleset');
    const ruleset = rulesetIndex >= 0 ? args.splice(rulesetIndex, 2)[1] : undefined;
    const paths = args.length ? args : ['force-app'];
    const { status, lines } = runPmd(paths, ruleset);
    for (const line of lines) console.log(line);
    if (status === 0) console.log(`pmd: no violations in ${paths.join(', ')}`);
    else console.error(`pmd: ${status === 4 ? `${lines.length} violation(s)` : 'analysis failed'}`);
    return status === 0 ? 0 : 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
    try {
        process.exitCode = main();
    } catch (error) {
        console.error(`pmd: ${error.message}`);
        process.exitCode = 1;
    }
}
