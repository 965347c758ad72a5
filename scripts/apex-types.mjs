#!/usr/bin/env node
// Generates types/apex.generated.d.ts: one `@salesforce/apex/Class.method` module per @AuraEnabled method of the
// project's Apex, typed from its Apex signature, plus interfaces for the Apex classes those methods exchange.
// A renamed or removed Apex method therefore breaks the TypeScript type-check of every component that imports it.
// Run with tsx (it reads Apex through the local org's parser): node --import tsx scripts/apex-types.mjs [--check]
import { readFileSync, writeFileSync, readdirSync, existsSync } from 'node:fs';
import { join, dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseClassFile } from '../local-org/src/frontend/parse.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUTPUT = join(root, 'types', 'apex.generated.d.ts');

const PRIMITIVES = {
    string: 'string',
    id: 'string',
    integer: 'number',
    long: 'number',
    decimal: 'number',
    double: 'number',
    boolean: 'boolean',
    date: 'string',
    datetime: 'string',
    time: 'string',
    object: 'unknown',
    blob: 'string',
    void: 'void'
};

function apexFiles(dir) {
    if (!existsSync(dir)) return [];
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const full = join(dir, entry.name);
        if (entry.isDirectory()) return apexFiles(full);
        return entry.name.endsWith('.cls') ? [full] : [];
    });
}

const isAura = (mods) => mods.annotations.some((a) => a.name.toLowerCase() === 'auraenabled');
const isTest = (mods) => mods.annotations.some((a) => a.name.toLowerCase() === 'istest');

/** Every class and inner class by lower-cased simple and qualified name. */
function indexTypes(decls) {
    const byName = new Map();
    const visit = (decl, outer) => {
        const qualified = outer ? `${outer}.${decl.name}` : decl.name;
        const entry = { decl, qualified, tsName: qualified.replace(/\./g, '_') };
        byName.set(qualified.toLowerCase(), entry);
        if (!byName.has(decl.name.toLowerCase())) byName.set(decl.name.toLowerCase(), entry);
        for (const member of decl.members) if (member.k === 'type') visit(member.decl, qualified);
    };
    decls.forEach((decl) => visit(decl, ''));
    return byName;
}

export function generate(repoRoot) {
    const files = apexFiles(join(repoRoot, 'force-app', 'main'));
    const decls = [];
    const problems = [];
    for (const file of files) {
        const { decl, diagnostics } = parseClassFile(readFileSync(file, 'utf8'), relative(repoRoot, file));
        problems.push(...diagnostics.map((d) => `${d.file}:${d.line}:${d.column}  ${d.message}`));
        if (decl && !isTest(decl.mods)) decls.push(decl);
    }
    const types = indexTypes(decls);
    const needed = new Map();

    const tsType = (node) => {
        const name = node.parts
            .map((p) => p.name)
            .join('.')
            .toLowerCase();
        const args = node.parts[node.parts.length - 1].args;
        let ts;
        if (name in PRIMITIVES) ts = PRIMITIVES[name];
        else if (['list', 'set', 'iterable'].includes(name)) ts = `${wrap(tsType(args[0]))}[]`;
        else if (name === 'map') ts = `Record<string, ${tsType(args[1])}>`;
        else if (types.has(name)) {
            const entry = types.get(name);
            needed.set(entry.tsName, entry);
            ts = `ApexTypes.${entry.tsName}`;
        } else ts = 'Record<string, unknown>';
        for (let i = 0; i < node.arrayDims; i++) ts = `${wrap(ts)}[]`;
        return ts;
    };
    const wrap = (ts) => (/[|&]/.test(ts) ? `(${ts})` : ts);

    const modules = [];
    for (const decl of decls) {
        for (const member of decl.members) {
            if (member.k !== 'method' || !isAura(member.mods) || !member.mods.words.has('static')) continue;
            const params = member.params.length
                ? `{ ${member.params.map((p) => `${p.name}: ${tsType(p.type)}`).join('; ')} }`
                : 'Record<string, never>';
            const result = member.returnType ? tsType(member.returnType) : 'void';
            modules.push(
                `declare module '@salesforce/apex/${decl.name}.${member.name}' {\n` +
                    `    const method: SfApex.Method<${params}, ${result}>;\n` +
                    `    export default method;\n}`
            );
        }
    }

    const interfaces = [];
    const done = new Set();
    while (done.size < needed.size) {
        for (const [tsName, entry] of needed) {
            if (done.has(tsName)) continue;
            done.add(tsName);
            if (entry.decl.kind === 'enum') {
                const values = entry.decl.enumValues.map((v) => `'${v.name}'`).join(' | ');
                interfaces.push(`    /** Apex enum ${entry.qualified} */\n    type ${tsName} = ${values || 'never'};`);
                continue;
            }
            const fields = entry.decl.members.flatMap((member) => {
                if (!isAura(member.mods ?? { annotations: [] })) return [];
                if (member.k === 'field') return member.decls.map((d) => `        ${d.name}: ${tsType(member.type)};`);
                if (member.k === 'property') return [`        ${member.name}: ${tsType(member.type)};`];
                return [];
            });
            interfaces.push(
                `    /** Apex class ${entry.qualified} */\n    interface ${tsName} {\n${fields.join('\n')}\n    }`
            );
        }
    }
    interfaces.sort();
    modules.sort();
    const text =
        '// Generated by scripts/apex-types.mjs from the @AuraEnabled members of force-app/main. Do not edit:\n' +
        '// run `npm run apex:types`. A script file on purpose (no top-level import/export), see salesforce.d.ts.\n\n' +
        `declare namespace ApexTypes {\n${interfaces.join('\n\n')}\n}\n\n${modules.join('\n\n')}\n`;
    return { text, problems };
}

function main() {
    const { text, problems } = generate(root);
    if (problems.length) {
        problems.forEach((p) => console.error(p));
        return 1;
    }
    const current = existsSync(OUTPUT) ? readFileSync(OUTPUT, 'utf8') : '';
    if (current === text) return 0;
    if (process.argv.includes('--check')) {
        console.error('types/apex.generated.d.ts is out of date with the Apex; run `npm run apex:types`.');
        return 1;
    }
    writeFileSync(OUTPUT, text);
    console.log('types/apex.generated.d.ts written');
    return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) process.exitCode = main();
