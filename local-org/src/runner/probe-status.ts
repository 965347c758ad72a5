/**
 * Measures each probe method through the runtime, one probe class at a time, for the Status column of LEDGER.md.
 * The CLI refuses a whole run when any class has load diagnostics; here each class loads alone, so one unsupported
 * call only blocks its own class, and the diagnostics are attributed to the test method whose lines hold them.
 *
 * Run: node --import tsx local-org/src/runner/probe-status.ts [folder...] [--json]
 */
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import type { Diagnostic } from '../api';
import { runtimeLoadProject } from './loader';

export interface ProbeStatus {
    probe: string;
    /** Pass/Fail/EmulatorError from a run; LoadError when diagnostics fall in the method; NotRun when elsewhere. */
    outcome: 'Pass' | 'Fail' | 'EmulatorError' | 'LoadError' | 'NotRun';
    detail: string | null;
}

/** Test methods of a probe source with the line each starts on, in source order. */
export function testMethodLines(source: string): Array<{ name: string; line: number }> {
    const out: Array<{ name: string; line: number }> = [];
    const pattern = /@IsTest\s+static\s+void\s+(\w+)/gi;
    let m: RegExpExecArray | null;
    while ((m = pattern.exec(source))) {
        out.push({ name: m[1], line: source.slice(0, m.index).split('\n').length });
    }
    return out;
}

/** The diagnostics that fall inside a method's lines (from its annotation to the next test method). */
export function diagnosticsOf(
    methods: Array<{ name: string; line: number }>,
    index: number,
    diagnostics: Diagnostic[]
): Diagnostic[] {
    const from = methods[index].line;
    const to = index + 1 < methods.length ? methods[index + 1].line : Infinity;
    return diagnostics.filter((d) => d.line >= from && d.line < to);
}

function triggerFiles(folder: string): string[] {
    const out: string[] = [];
    for (const e of readdirSync(folder, { withFileTypes: true })) {
        const p = join(folder, e.name);
        if (e.isDirectory()) out.push(...triggerFiles(p));
        else if (e.name.endsWith('.trigger')) out.push(p);
    }
    return out;
}

export async function measureClass(file: string): Promise<ProbeStatus[]> {
    const className = basename(file, '.cls');
    const source = readFileSync(file, 'utf8');
    const methods = testMethodLines(source);
    const dir = mkdtempSync(join(tmpdir(), 'local-org-probe-'));
    try {
        copyFileSync(file, join(dir, basename(file)));
        // Triggers act org-wide (they deploy with every probe), so each class is measured with the folder's triggers.
        for (const t of triggerFiles(dirname(file))) copyFileSync(t, join(dir, basename(t)));
        const result = await runtimeLoadProject()([dir], {});
        if (!result.project) {
            return methods.map((m, i) => {
                const own = diagnosticsOf(methods, i, result.diagnostics);
                return own.length > 0
                    ? {
                          probe: `${className}.${m.name}`,
                          outcome: 'LoadError',
                          detail: own.map((d) => `${d.kind}: ${d.message}`).join('; ')
                      }
                    : { probe: `${className}.${m.name}`, outcome: 'NotRun', detail: 'another method did not load' };
            });
        }
        const results = await result.project.runTestClass(
            className,
            methods.map((m) => m.name)
        );
        return methods.map((m) => {
            const r = results.find((x) => x.methodName.toLowerCase() === m.name.toLowerCase());
            return r
                ? { probe: `${className}.${m.name}`, outcome: r.outcome, detail: r.message }
                : { probe: `${className}.${m.name}`, outcome: 'EmulatorError', detail: 'no result returned' };
        });
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}

async function main(argv: string[]): Promise<void> {
    const json = argv.includes('--json');
    const folders = argv.filter((a) => !a.startsWith('--'));
    const roots = folders.length > 0 ? folders : [join(__dirname, '..', '..', 'probes')];
    const statuses: ProbeStatus[] = [];
    for (const folder of roots) {
        for (const f of readdirSync(folder)
            .filter((x) => x.endsWith('.cls'))
            .sort()) {
            statuses.push(...(await measureClass(join(folder, f))));
        }
    }
    if (json) {
        process.stdout.write(JSON.stringify(statuses, null, 2) + '\n');
        return;
    }
    for (const s of statuses) {
        process.stdout.write(`${s.outcome.padEnd(13)} ${s.probe}${s.detail ? `  ${s.detail}` : ''}\n`);
    }
    const passing = statuses.filter((s) => s.outcome === 'Pass').length;
    process.stdout.write(`\n${passing}/${statuses.length} probe methods pass\n`);
}

if (require.main === module) {
    main(process.argv.slice(2)).catch((err: unknown) => {
        process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
        process.exitCode = 1;
    });
}
