/**
 * `local-org test` and `local-org exec`: the command-line face of the local org (see README.md for the contract).
 * bin/local-org.js calls main(argv) and uses the returned number as the exit code.
 */
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { LoadedProject, RuntimeOptions } from './api';
import { HELP_TEXT, parseArgs, UsageError } from './runner/args';
import type { ExecCommand, SeedCommand, TestCommand } from './runner/args';
import { checkMinCoverage, summariseCoverage } from './runner/coverage';
import { formatDiagnostics } from './runner/diagnostics';
import { EXIT_EMULATOR_ERROR, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, exitCodeForResults } from './runner/exit-codes';
import { formatHuman } from './runner/human-reporter';
import { formatJson } from './runner/json-reporter';
import { formatJunit } from './runner/junit-reporter';
import { runtimeLoadProject } from './runner/loader';
import type { LoadProject } from './runner/loader';
import { writeOutputDir } from './runner/output-dir';
import { buildReport, EMULATOR_MESSAGE_PREFIX } from './runner/report';
import { runSelected } from './runner/run';
import { selectTests, SelectionError } from './runner/select';
import { SeedLoadError, seedPlan } from './seed/load';
import { SeedPlanError } from './seed/plan';
import {
    buildSyntheticFast,
    countRecords,
    generateSynthetic,
    loadSyntheticThroughDml,
    SUMMARY_OBJECTS
} from './seed/synthetic';
import { formatTable } from './runner/table';
import { runServe, SERVE_USAGE } from './server/serve';

/** Everything main touches outside itself, so tests can run it against a fake project. */
export interface CliDeps {
    loadProject: () => LoadProject;
    stdout: (text: string) => void;
    stderr: (text: string) => void;
    /** Monotonic milliseconds, for durations. */
    now: () => number;
    /** Wall-clock time, for the report's start time. */
    date: () => Date;
}

const defaultDeps: CliDeps = {
    loadProject: runtimeLoadProject,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    now: () => performance.now(),
    date: () => new Date()
};

async function checkDirs(dirs: string[]): Promise<void> {
    const missing: string[] = [];
    for (const dir of dirs) {
        const info = await stat(dir).catch(() => null);
        if (!info || !info.isDirectory()) {
            missing.push(dir);
        }
    }
    if (missing.length > 0) {
        throw new UsageError(`--source-dir is not a directory: ${missing.join(', ')}`);
    }
}

/** Loads the sources; on diagnostics prints them all and returns null (the caller exits 2). */
async function load(deps: CliDeps, dirs: string[], options: RuntimeOptions): Promise<LoadedProject | null> {
    const result = await deps.loadProject()(
        dirs.map((d) => resolve(d)),
        options
    );
    if (result.diagnostics.length > 0) {
        deps.stderr(formatDiagnostics(result.diagnostics));
        return null;
    }
    if (!result.project) {
        throw new Error('loadProject returned neither diagnostics nor a project');
    }
    return result.project;
}

async function runTests(cmd: TestCommand, deps: CliDeps, commandStart: number): Promise<number> {
    await checkDirs(cmd.sourceDirs);
    const project = await load(deps, cmd.sourceDirs, cmd.options);
    if (!project) {
        return EXIT_USAGE;
    }
    let selected;
    try {
        selected = selectTests(project.testClasses(), cmd.classNames, cmd.tests);
    } catch (err) {
        if (err instanceof SelectionError) {
            deps.stderr(`local-org: ${err.message}\n`);
            return EXIT_FAILURE;
        }
        throw err;
    }
    const startedAt = deps.date();
    const runStart = deps.now();
    const results = await runSelected(project, selected, cmd.options);
    const end = deps.now();
    const report = buildReport(results, {
        startedAt,
        testTotalTimeMs: end - runStart,
        commandTimeMs: end - commandStart
    });
    if (cmd.codeCoverage) {
        report.coverage = summariseCoverage(
            project.coverage(),
            project.testClasses().map((c) => c.name)
        );
    }
    if (cmd.outputDir !== null) {
        await writeOutputDir(cmd.outputDir, report, cmd.resultFormat);
    }
    switch (cmd.resultFormat) {
        case 'json':
            deps.stdout(formatJson(report));
            break;
        case 'junit':
            deps.stdout(formatJunit(report));
            break;
        case 'human':
            if (cmd.outputDir !== null) {
                deps.stdout(`Test result files written to ${cmd.outputDir}\n`);
            }
            deps.stdout(formatHuman(report));
            break;
    }
    const exit = exitCodeForResults(results);
    if (cmd.minCoverage !== null && report.coverage) {
        const shortfall = checkMinCoverage(report.coverage, cmd.minCoverage);
        if (shortfall !== null) {
            deps.stderr(shortfall);
            // A coverage shortfall fails the run like a failing test; an emulator error (3) still wins.
            return exit === EXIT_OK ? EXIT_FAILURE : exit;
        }
    }
    return exit;
}

async function runExec(cmd: ExecCommand, deps: CliDeps): Promise<number> {
    await checkDirs(cmd.sourceDirs);
    const source = await readFile(cmd.file, 'utf8').catch(() => null);
    if (source === null) {
        throw new UsageError(`cannot read --file ${cmd.file}`);
    }
    const plan = cmd.synthetic ? generateSynthetic(cmd.synthetic) : null;
    const project = await load(deps, cmd.sourceDirs, plan ? { ...cmd.options, sites: plan.sites } : cmd.options);
    if (!project) {
        return EXIT_USAGE;
    }
    if (plan) {
        const t0 = deps.now();
        await buildSyntheticFast(project, plan);
        deps.stderr(
            `Built a synthetic org (${plan.users.length} users, seed ${plan.options.seed}) in ${Math.round(deps.now() - t0)} ms\n`
        );
    }
    if (cmd.seedPlan !== null) {
        const seeded = await seedFromPlan(project, cmd.seedPlan, deps);
        if (seeded !== EXIT_OK) return seeded;
    }
    let result;
    try {
        result = await project.executeAnonymous(source, cmd.file, cmd.options);
    } catch (err) {
        const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
        deps.stderr(`${EMULATOR_MESSAGE_PREFIX}runtime threw while running ${cmd.file}: ${detail}\n`);
        return EXIT_EMULATOR_ERROR;
    }
    for (const line of result.debugLines) {
        deps.stdout(line + '\n');
    }
    if (result.success) {
        return EXIT_OK;
    }
    const message = result.message ?? 'no message';
    deps.stderr((result.emulatorError ? EMULATOR_MESSAGE_PREFIX : '') + message + '\n');
    if (result.stackTrace) {
        deps.stderr(result.stackTrace + '\n');
    }
    return result.emulatorError ? EXIT_EMULATOR_ERROR : EXIT_FAILURE;
}

/** `local-org seed`: builds the synthetic org and prints what it holds. */
async function runSeed(cmd: SeedCommand, deps: CliDeps): Promise<number> {
    await checkDirs(cmd.sourceDirs);
    const plan = generateSynthetic(cmd.synthetic);
    const project = await load(deps, cmd.sourceDirs, { ...cmd.options, sites: plan.sites });
    if (!project) return EXIT_USAGE;
    const t0 = deps.now();
    try {
        if (cmd.via === 'dml') await loadSyntheticThroughDml(project, plan);
        else await buildSyntheticFast(project, plan);
    } catch (err) {
        if (!(err instanceof SeedLoadError)) throw err;
        deps.stderr(`${err.emulatorError ? EMULATOR_MESSAGE_PREFIX : 'local-org: '}seed: ${err.message}\n`);
        return err.emulatorError ? EXIT_EMULATOR_ERROR : EXIT_FAILURE;
    }
    const ms = Math.round(deps.now() - t0);
    const counts = await countRecords(project, SUMMARY_OBJECTS);
    deps.stdout(
        formatTable(
            `Synthetic org (seed ${plan.options.seed}, ${cmd.via} path, ${ms} ms)`,
            [
                { key: 'object', label: 'OBJECT' },
                { key: 'rows', label: 'ROWS' }
            ],
            counts.map(([object, n]) => ({ object, rows: String(n) }))
        )
    );
    return EXIT_OK;
}

/** --seed-plan: the plan's records through DML before the script; a refused row stops everything. */
async function seedFromPlan(project: LoadedProject, planPath: string, deps: CliDeps): Promise<number> {
    try {
        const seeded = await seedPlan(project, planPath);
        const total = [...seeded.counts.values()].reduce((a, b) => a + b, 0);
        const parts = [...seeded.counts].map(([object, n]) => `${object} ${n}`).join(', ');
        // stderr, so stdout keeps only the script's debug lines, as sf apex run prints them.
        deps.stderr(`Seeded ${total} records from ${planPath} (${parts}) in ${seeded.chunks} transactions\n`);
        return EXIT_OK;
    } catch (err) {
        if (err instanceof SeedPlanError) {
            deps.stderr(`local-org: --seed-plan: ${err.message}\n`);
            return EXIT_USAGE;
        }
        if (err instanceof SeedLoadError) {
            deps.stderr(`${err.emulatorError ? EMULATOR_MESSAGE_PREFIX : 'local-org: '}--seed-plan: ${err.message}\n`);
            return err.emulatorError ? EXIT_EMULATOR_ERROR : EXIT_FAILURE;
        }
        throw err;
    }
}

export async function main(argv: string[], overrides: Partial<CliDeps> = {}): Promise<number> {
    const deps: CliDeps = { ...defaultDeps, ...overrides };
    const commandStart = deps.now();
    if (argv[0] === 'serve') {
        // The local app's server parses its own flags (src/server/serve.ts) and runs until stopped.
        return runServe(argv.slice(1), { ...deps, env: process.env });
    }
    try {
        const cmd = parseArgs(argv);
        switch (cmd.command) {
            case 'help':
                // serve parses its own flags (src/server/serve.ts); its usage line joins the others here.
                deps.stdout(HELP_TEXT.replace('  local-org --help\n', `${SERVE_USAGE}  local-org --help\n`));
                return EXIT_OK;
            case 'test':
                return await runTests(cmd, deps, commandStart);
            case 'exec':
                return await runExec(cmd, deps);
            case 'seed':
                return await runSeed(cmd, deps);
        }
    } catch (err) {
        if (err instanceof UsageError) {
            deps.stderr(`local-org: ${err.message}\nRun "local-org --help" for usage.\n`);
            return EXIT_USAGE;
        }
        throw err;
    }
}
