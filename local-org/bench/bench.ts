/**
 * Benchmark of the local org: cold start (a fresh process loading force-app + probes) and interpreter throughput
 * on generated anonymous Apex. Run: node --import tsx local-org/bench/bench.ts [--quick]
 * Prints tables; the README's "Speed" section quotes them.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoadedProject, RuntimeOptions } from '../src/api';
import { runtimeLoadProject } from '../src/runner/loader';

const LOCAL_ORG = join(__dirname, '..');
const REPO = join(LOCAL_ORG, '..');
const SOURCES = [join(REPO, 'force-app'), join(LOCAL_ORG, 'probes')].filter((d) => existsSync(d));
// Big budgets: the benchmark measures speed, not the guard against endless loops.
const OPTIONS: RuntimeOptions = { statementBudget: 1_000_000_000, timeBudgetMs: 600_000 };

interface Workload {
    name: string;
    /** Loop iterations one run performs, for iterations per second. */
    ops: number;
    source: string;
}

function workloads(scale: number): Workload[] {
    const n = (base: number) => Math.max(1, Math.round(base * scale));
    return [
        {
            name: 'integer loop (s += i)',
            ops: n(200_000),
            source: `Integer s = 0;\nfor (Integer i = 0; i < ${n(200_000)}; i++) {\n    s += i;\n}\nSystem.debug(s);`
        },
        {
            name: 'string building (+=)',
            ops: n(20_000),
            source: `String s = '';\nfor (Integer i = 0; i < ${n(20_000)}; i++) {\n    s += String.valueOf(i);\n}\nSystem.debug(s.length());`
        },
        {
            name: 'List<String> add + String.join',
            ops: n(50_000),
            source: `List<String> parts = new List<String>();\nfor (Integer i = 0; i < ${n(50_000)}; i++) {\n    parts.add('x' + i);\n}\nSystem.debug(String.join(parts, ',').length());`
        },
        {
            name: 'Map<Integer,Integer> put, then get',
            ops: 2 * n(50_000),
            source: `Map<Integer, Integer> m = new Map<Integer, Integer>();\nfor (Integer i = 0; i < ${n(50_000)}; i++) {\n    m.put(i, i * 2);\n}\nInteger total = 0;\nfor (Integer i = 0; i < ${n(50_000)}; i++) {\n    total += m.get(i);\n}\nSystem.debug(total);`
        },
        {
            name: 'Set<String> add + contains',
            ops: n(50_000),
            source: `Set<String> s = new Set<String>();\nInteger hits = 0;\nfor (Integer i = 0; i < ${n(50_000)}; i++) {\n    s.add('k' + Math.mod(i, 1000));\n    if (s.contains('k' + i)) {\n        hits++;\n    }\n}\nSystem.debug(hits);`
        },
        {
            name: 'user static method calls',
            ops: n(100_000),
            source: `Integer s = 0;\nfor (Integer i = 0; i < ${n(100_000)}; i++) {\n    s = BenchHelper.add(s, 1);\n}\nSystem.debug(s);`
        },
        {
            name: 'user instance method calls',
            ops: n(100_000),
            source: `BenchHelper h = new BenchHelper();\nInteger s = 0;\nfor (Integer i = 0; i < ${n(100_000)}; i++) {\n    s = h.next(s);\n}\nSystem.debug(s);`
        },
        {
            name: 'built-in method calls (Math.max)',
            ops: n(100_000),
            source: `Integer s = 0;\nfor (Integer i = 0; i < ${n(100_000)}; i++) {\n    s = Math.max(s, i);\n}\nSystem.debug(s);`
        }
    ];
}

const BENCH_HELPER = `public class BenchHelper {
    public static Integer add(Integer a, Integer b) {
        return a + b;
    }
    public Integer next(Integer a) {
        return a + 1;
    }
}
`;

function table(headers: string[], rows: string[][]): string {
    const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (cells: string[]) => '| ' + cells.map((c, i) => c.padEnd(widths[i])).join(' | ') + ' |';
    return [line(headers), '|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|', ...rows.map(line)].join('\n');
}

/** Child mode: one fresh process loads the whole project and reports what it took. */
async function childLoad(): Promise<void> {
    const started = performance.now();
    const load = runtimeLoadProject();
    const imported = performance.now();
    const result = await load(SOURCES, OPTIONS);
    const loaded = performance.now();
    process.stdout.write(
        JSON.stringify({
            importMs: imported - started,
            loadMs: loaded - imported,
            diagnostics: result.diagnostics.length,
            stats: result.stats
        })
    );
}

function coldStart(): string[][] {
    const rows: string[][] = [];
    for (let run = 1; run <= 2; run++) {
        const t0 = performance.now();
        const child = spawnSync(process.execPath, ['--import', 'tsx', __filename, '--child-load'], {
            cwd: REPO,
            encoding: 'utf8'
        });
        const wall = performance.now() - t0;
        if (child.status !== 0) {
            throw new Error(`child load failed (exit ${child.status}):\n${child.stderr}`);
        }
        const r = JSON.parse(child.stdout) as {
            importMs: number;
            loadMs: number;
            diagnostics: number;
            stats: { files: number; lines: number; parseMs: number; checkMs: number };
        };
        rows.push([
            String(run),
            String(r.stats.files),
            String(r.stats.lines),
            String(r.diagnostics),
            r.importMs.toFixed(0),
            r.stats.parseMs.toFixed(0),
            r.stats.checkMs.toFixed(0),
            r.loadMs.toFixed(0),
            wall.toFixed(0)
        ]);
    }
    return rows;
}

async function throughput(project: LoadedProject, scale: number): Promise<string[][]> {
    const rows: string[][] = [];
    for (const w of workloads(scale)) {
        let best = Infinity;
        let failure: string | null = null;
        for (let rep = 0; rep < 3 && failure === null; rep++) {
            const t0 = performance.now();
            const result = await project.executeAnonymous(w.source, `bench-${rep}.apex`, OPTIONS);
            const ms = performance.now() - t0;
            if (!result.success) {
                failure = `${result.emulatorError ? 'emulator error' : 'Apex exception'}: ${result.message}`;
            }
            best = Math.min(best, ms);
        }
        rows.push(
            failure === null
                ? [w.name, String(w.ops), best.toFixed(1), Math.round(w.ops / (best / 1000)).toLocaleString('en-US')]
                : [w.name, String(w.ops), 'n/a', `failed: ${failure.slice(0, 80)}`]
        );
    }
    return rows;
}

async function main(): Promise<void> {
    if (process.argv.includes('--child-load')) {
        await childLoad();
        return;
    }
    const scale = process.argv.includes('--quick') ? 0.1 : 1;
    console.log(`local-org benchmark: Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`);
    console.log(`sources: ${SOURCES.map((s) => s.slice(REPO.length + 1)).join(', ')}\n`);
    console.log('Cold start: a fresh process imports the runtime and loads every source (ms)\n');
    console.log(
        table(
            ['run', 'files', 'lines', 'diagnostics', 'import', 'parse', 'check', 'load total', 'process wall'],
            coldStart()
        )
    );
    // Throughput runs against a one-class project (the callee of the method-call workloads): force-app may have load
    // diagnostics (SObjects before part 2), and then it could not run at all.
    const empty = mkdtempSync(join(tmpdir(), 'local-org-bench-'));
    writeFileSync(join(empty, 'BenchHelper.cls'), BENCH_HELPER);
    try {
        const result = await runtimeLoadProject()([empty], OPTIONS);
        if (!result.project) {
            throw new Error(`an empty project did not load: ${result.diagnostics.map((d) => d.message).join('; ')}`);
        }
        console.log('\nInterpreter throughput: anonymous Apex through executeAnonymous, best of 3\n');
        console.log(
            table(['workload', 'iterations', 'best ms', 'iterations/s'], await throughput(result.project, scale))
        );
    } finally {
        rmSync(empty, { recursive: true, force: true });
    }
}

main().catch((err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exitCode = 1;
});
