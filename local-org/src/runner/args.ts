/**
 * Command-line parsing for `local-org test` and `local-org exec`, modelled on `sf apex run test` / `sf apex run`:
 * long flags with a space or `=`, short aliases, repeatable list flags that also take comma-separated values.
 */
import type { RuntimeOptions } from '../api';
import { readSitesFile } from '../runtime/sites';
import { FaultConfigError, loadFaults } from '../faults/faults';
import { parseSyntheticSpec, SyntheticSpecError } from '../seed/synthetic';
import type { SyntheticOptions } from '../seed/synthetic';
import { SHUFFLE_UNORDERED_ENV } from '../org/soql/engine';

export type ResultFormat = 'human' | 'json' | 'junit';
export const RESULT_FORMATS: readonly ResultFormat[] = ['human', 'json', 'junit'];

export interface TestCommand {
    command: 'test';
    sourceDirs: string[];
    classNames: string[];
    tests: string[];
    resultFormat: ResultFormat;
    outputDir: string | null;
    /** --code-coverage, or implied by --min-coverage. */
    codeCoverage: boolean;
    /** --min-coverage: org-wide percentage (0-100) the non-test classes and triggers must reach, else exit 1. */
    minCoverage: number | null;
    options: RuntimeOptions;
}

export interface ExecCommand {
    command: 'exec';
    sourceDirs: string[];
    file: string;
    /** --seed-plan: an `sf data import tree` plan loaded through DML before the script runs. */
    seedPlan: string | null;
    /** --synthetic (with --seed): a synthetic org built (fast path) before the script runs. */
    synthetic: SyntheticOptions | null;
    options: RuntimeOptions;
}

export interface HelpCommand {
    command: 'help';
    topic: CommandName | null;
}

/** `local-org seed`: builds a synthetic org and reports what it holds (a dry run of what exec/the server load). */
export interface SeedCommand {
    command: 'seed';
    sourceDirs: string[];
    synthetic: SyntheticOptions;
    /** fast (default): the store written directly; dml: every record through Apex DML (small orgs). */
    via: 'fast' | 'dml';
    options: RuntimeOptions;
}

export type CommandName = 'test' | 'exec' | 'seed';
export type Command = TestCommand | ExecCommand | SeedCommand | HelpCommand;

/** Bad usage: the CLI prints the message and exits 2 before loading anything. */
export class UsageError extends Error {
    override name = 'UsageError';
}

interface FlagSpec {
    long: string;
    short?: string;
    kind: 'list' | 'single' | 'boolean';
    commands: CommandName[];
}

const FLAGS: FlagSpec[] = [
    { long: 'source-dir', kind: 'list', commands: ['test', 'exec', 'seed'] },
    { long: 'class-names', short: 'n', kind: 'list', commands: ['test'] },
    { long: 'tests', short: 't', kind: 'list', commands: ['test'] },
    { long: 'result-format', short: 'r', kind: 'single', commands: ['test'] },
    { long: 'output-dir', short: 'd', kind: 'single', commands: ['test'] },
    { long: 'file', short: 'f', kind: 'single', commands: ['exec'] },
    { long: 'statement-budget', kind: 'single', commands: ['test', 'exec', 'seed'] },
    { long: 'time-budget-ms', kind: 'single', commands: ['test', 'exec', 'seed'] },
    { long: 'time-zone', kind: 'single', commands: ['test', 'exec', 'seed'] },
    { long: 'site-membership', kind: 'single', commands: ['test', 'exec'] },
    { long: 'sites', kind: 'single', commands: ['test', 'exec'] },
    { long: 'faults', kind: 'single', commands: ['test', 'exec'] },
    { long: 'code-coverage', short: 'c', kind: 'boolean', commands: ['test'] },
    { long: 'min-coverage', kind: 'single', commands: ['test'] },
    { long: 'seed-plan', kind: 'single', commands: ['test', 'exec'] },
    { long: 'synthetic', kind: 'single', commands: ['exec', 'seed'] },
    { long: 'seed', kind: 'single', commands: ['exec', 'seed'] },
    { long: 'via', kind: 'single', commands: ['seed'] },
    { long: 'shuffle-unordered', kind: 'boolean', commands: ['test', 'exec'] },
    { long: 'help', short: 'h', kind: 'boolean', commands: ['test', 'exec', 'seed'] }
];

function findFlag(token: string): { spec: FlagSpec; inlineValue: string | null } | null {
    if (token.startsWith('--')) {
        const eq = token.indexOf('=');
        const name = eq === -1 ? token.slice(2) : token.slice(2, eq);
        const spec = FLAGS.find((f) => f.long === name);
        return spec ? { spec, inlineValue: eq === -1 ? null : token.slice(eq + 1) } : null;
    }
    if (token.startsWith('-') && token.length >= 2) {
        const name = token[1];
        const spec = FLAGS.find((f) => f.short === name);
        if (!spec) {
            return null;
        }
        // `-nFoo` and `-n=Foo` are accepted, as oclif accepts them.
        const rest = token.slice(2);
        return { spec, inlineValue: rest === '' ? null : rest.replace(/^=/, '') };
    }
    return null;
}

/**
 * Splits a list flag's values on commas, trims, drops empties, keeps first occurrences in order.
 * Apex names compare case-insensitively; paths do not.
 */
function splitList(values: string[], foldCase: boolean): string[] {
    const out: string[] = [];
    const seen = new Set<string>();
    for (const value of values) {
        for (const part of value.split(',')) {
            const item = part.trim();
            const key = foldCase ? item.toLowerCase() : item;
            if (item !== '' && !seen.has(key)) {
                seen.add(key);
                out.push(item);
            }
        }
    }
    return out;
}

function positiveInteger(flag: string, value: string): number {
    if (!/^\d+$/.test(value) || Number(value) <= 0 || !Number.isSafeInteger(Number(value))) {
        throw new UsageError(`--${flag} must be a positive integer, got "${value}"`);
    }
    return Number(value);
}

function timeZone(value: string): string {
    try {
        // Intl rejects unknown IANA names with a RangeError, which is exactly the validation we want.
        new Intl.DateTimeFormat('en-US', { timeZone: value });
    } catch {
        throw new UsageError(`--time-zone must be an IANA time zone such as Europe/Paris, got "${value}"`);
    }
    return value;
}

function runtimeOptions(single: Map<string, string>): RuntimeOptions {
    const options: RuntimeOptions = {};
    const statements = single.get('statement-budget');
    if (statements !== undefined) {
        options.statementBudget = positiveInteger('statement-budget', statements);
    }
    const ms = single.get('time-budget-ms');
    if (ms !== undefined) {
        options.timeBudgetMs = positiveInteger('time-budget-ms', ms);
    }
    const zone = single.get('time-zone');
    if (zone !== undefined) {
        options.timeZone = timeZone(zone);
    }
    const mode = single.get('site-membership');
    if (mode !== undefined) {
        if (mode !== 'stale-rows-stay' && mode !== 'recompute')
            throw new UsageError(`--site-membership must be stale-rows-stay or recompute, got "${mode}"`);
        options.siteMembership = mode === 'recompute' ? 'recompute' : 'staleRowsStay';
    }
    const sitesFile = single.get('sites');
    if (sitesFile !== undefined) {
        try {
            options.sites = readSitesFile(sitesFile);
        } catch (e) {
            throw new UsageError(`--sites: ${e instanceof Error ? e.message : String(e)}`);
        }
    }
    const faultsFile = single.get('faults');
    if (faultsFile !== undefined) {
        try {
            // Checked here so a bad file is bad usage (exit 2); loadProject reads it again.
            loadFaults(faultsFile);
        } catch (e) {
            if (!(e instanceof FaultConfigError)) throw e;
            throw new UsageError(`--faults: ${e.message}`);
        }
        options.faults = faultsFile;
    }
    return options;
}

/** --synthetic and --seed; the synthetic org brings its own sites, so --sites cannot be given with it. */
function syntheticOptions(single: Map<string, string>, options: RuntimeOptions): SyntheticOptions | null {
    const spec = single.get('synthetic');
    const seed = single.get('seed');
    if (spec === undefined) {
        if (seed !== undefined) throw new UsageError('--seed needs --synthetic');
        return null;
    }
    let parsed: SyntheticOptions;
    try {
        parsed = parseSyntheticSpec(spec);
    } catch (e) {
        if (!(e instanceof SyntheticSpecError)) throw e;
        throw new UsageError(`--synthetic: ${e.message}`);
    }
    if (seed !== undefined) {
        if (!/^\d+$/.test(seed) || !Number.isSafeInteger(Number(seed))) {
            throw new UsageError(`--seed must be a whole number, got "${seed}"`);
        }
        parsed.seed = Number(seed);
    }
    if (options.sites !== undefined) {
        throw new UsageError('--sites cannot be combined with --synthetic, which brings its own sites');
    }
    return parsed;
}

/** Parses argv (without node and script). Throws UsageError on anything it does not understand. */
export function parseArgs(argv: string[]): Command {
    if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
        const topic =
            argv[0] === 'help' && (argv[1] === 'test' || argv[1] === 'exec' || argv[1] === 'seed') ? argv[1] : null;
        return { command: 'help', topic };
    }
    const command = argv[0];
    if (command !== 'test' && command !== 'exec' && command !== 'seed') {
        throw new UsageError(`unknown command "${command}"; expected "test", "exec" or "seed"`);
    }
    const lists = new Map<string, string[]>();
    const single = new Map<string, string>();
    let help = false;
    const booleans = new Set<string>();
    for (let i = 1; i < argv.length; i++) {
        const token = argv[i];
        const found = findFlag(token);
        if (!found) {
            throw new UsageError(
                token.startsWith('-') ? `unknown flag "${token}" for "${command}"` : `unexpected argument "${token}"`
            );
        }
        const { spec, inlineValue } = found;
        if (!spec.commands.includes(command)) {
            throw new UsageError(`flag --${spec.long} does not apply to "${command}"`);
        }
        if (spec.kind === 'boolean') {
            if (inlineValue !== null) {
                throw new UsageError(`flag --${spec.long} takes no value`);
            }
            if (spec.long === 'help') help = true;
            else booleans.add(spec.long);
            continue;
        }
        let value = inlineValue;
        if (value === null) {
            const next = argv[i + 1];
            if (next === undefined || (next.startsWith('-') && findFlag(next) !== null)) {
                throw new UsageError(`flag --${spec.long} needs a value`);
            }
            value = next;
            i++;
        }
        if (spec.kind === 'list') {
            lists.set(spec.long, [...(lists.get(spec.long) ?? []), value]);
        } else {
            if (single.has(spec.long)) {
                throw new UsageError(`flag --${spec.long} can be given only once`);
            }
            single.set(spec.long, value);
        }
    }
    if (help) {
        return { command: 'help', topic: command };
    }
    if (booleans.has('shuffle-unordered')) {
        // Read by the SOQL engine per query (src/org/soql/engine.ts); set before anything loads.
        process.env[SHUFFLE_UNORDERED_ENV] = '1';
    }
    const sourceDirs = splitList(lists.get('source-dir') ?? [], false);
    if (sourceDirs.length === 0) {
        throw new UsageError('missing required flag --source-dir');
    }
    const options = runtimeOptions(single);
    const synthetic = syntheticOptions(single, options);
    if (command === 'seed') {
        if (synthetic === null) throw new UsageError('missing required flag --synthetic users=<n>,...');
        const via = single.get('via') ?? 'fast';
        if (via !== 'fast' && via !== 'dml') throw new UsageError(`--via must be fast or dml, got "${via}"`);
        return { command: 'seed', sourceDirs, synthetic, via, options };
    }
    if (command === 'exec') {
        const file = single.get('file');
        if (file === undefined || file.trim() === '') {
            throw new UsageError('missing required flag --file (-f)');
        }
        const seedPlan = single.get('seed-plan') ?? null;
        if (seedPlan !== null && seedPlan.trim() === '') throw new UsageError('--seed-plan needs a plan file');
        return { command: 'exec', sourceDirs, file, seedPlan, synthetic, options };
    }
    if (single.has('seed-plan')) {
        // An Apex test without SeeAllData sees no org data but setup records, so a seeded test run would test
        // something a real org never runs. Tests create their data (@TestSetup); exec and the server seed.
        throw new UsageError(
            '--seed-plan does not apply to "test": Apex tests do not see org data (no SeeAllData); ' +
                'create test data in @TestSetup, and use --seed-plan with "exec"'
        );
    }
    const classNames = splitList(lists.get('class-names') ?? [], true);
    const tests = splitList(lists.get('tests') ?? [], true);
    if (classNames.length > 0 && tests.length > 0) {
        // `sf apex run test` declares these flags mutually exclusive; so do we.
        throw new UsageError('--class-names and --tests cannot be used together');
    }
    const format = single.get('result-format') ?? 'human';
    if (!RESULT_FORMATS.includes(format as ResultFormat)) {
        throw new UsageError(`--result-format must be one of ${RESULT_FORMATS.join(', ')}, got "${format}"`);
    }
    const outputDir = single.get('output-dir') ?? null;
    if (outputDir !== null && outputDir.trim() === '') {
        throw new UsageError('--output-dir needs a directory');
    }
    const minText = single.get('min-coverage');
    let minCoverage: number | null = null;
    if (minText !== undefined) {
        if (!/^\d+(\.\d+)?$/.test(minText) || Number(minText) > 100) {
            throw new UsageError(`--min-coverage must be a percentage from 0 to 100, got "${minText}"`);
        }
        minCoverage = Number(minText);
    }
    const codeCoverage = booleans.has('code-coverage') || minCoverage !== null;
    return {
        command: 'test',
        sourceDirs,
        classNames,
        tests,
        resultFormat: format as ResultFormat,
        outputDir,
        codeCoverage,
        minCoverage,
        options
    };
}

export const HELP_TEXT = `local-org: run this project's Apex and Apex tests without a Salesforce org.

USAGE
  local-org test --source-dir <dir> [--source-dir <dir>...] [--class-names A,B | --tests A.m1,B.m2]
                 [--result-format human|json|junit] [--output-dir <dir>]
                 [--code-coverage] [--min-coverage <pct>]
                 [--statement-budget N] [--time-budget-ms N] [--time-zone Area/City]
                 [--sites sites.json] [--site-membership stale-rows-stay|recompute] [--faults faults.json]
                 [--shuffle-unordered]
  local-org exec --source-dir <dir> [--source-dir <dir>...] --file script.apex [--seed-plan plan.json]
                 [--synthetic users=N,... [--seed N]]
                 [--statement-budget N] [--time-budget-ms N] [--time-zone Area/City]
                 [--sites sites.json] [--site-membership stale-rows-stay|recompute] [--faults faults.json]
                 [--shuffle-unordered]
  local-org seed --source-dir <dir> --synthetic users=N,... [--seed N] [--via fast|dml]
  local-org --help

TEST FLAGS
  --source-dir <dir>        Apex source folder (repeatable, or comma-separated). Required.
  -n, --class-names <list>  Test classes to run (repeatable, or comma-separated). Default: every @IsTest class.
  -t, --tests <list>        Test methods to run as Class.method, or Class for all its methods.
                            Cannot be combined with --class-names.
  -r, --result-format <f>   human (default), json or junit, printed to stdout.
  -d, --output-dir <dir>    Also write the report files there, as sf does: test-run-id.txt,
                            test-result-<runId>.json, test-result-<runId>-junit.xml, plus
                            test-result.txt (human) or test-result.xml (junit).
  -c, --code-coverage       Report Apex line coverage of the non-test classes and triggers: a table in the
                            human report, a "coverage" section in JSON (sf's shape).
  --min-coverage <pct>      Exit 1 when the org-wide coverage is below pct (0-100), listing the classes below.
                            Implies --code-coverage.

EXEC FLAGS
  -f, --file <path>         Anonymous Apex to run in one transaction; System.debug lines go to stdout.
  --seed-plan <plan.json>   Load an sf data import tree plan through DML (triggers, validation and platform
                            rules run) before the script. Not for "test": tests see no org data.
  --synthetic <spec>        Build a synthetic org before the script (fast path), e.g. users=100000. Keys:
                            users (required), accounts, partnerEvery, permissionSets, assignmentsPerUser,
                            sites, inactiveEvery, seed. It brings its own sites (not with --sites).
  --seed <N>                Seed of the synthetic org's generator (default 1): same seed, same org.

SEED FLAGS
  --synthetic, --seed       As for exec; prints what the org holds and how long it took.
  --via fast|dml            fast (default): the store written directly with the derived fields;
                            dml: every record through Apex DML (slow; for small orgs).

RUNTIME FLAGS
  --statement-budget <N>    Statements one transaction may execute before it is stopped.
  --time-budget-ms <N>      Wall-clock milliseconds one transaction may take.
  --time-zone <Area/City>   Time zone of the running user (UserInfo, Date/Datetime local parts).
  --sites <file>            Experience Cloud sites of the baseline org: {"sites": [{"name", "urlPathPrefix",
                            "status", "members": [profile or permission set names]}]}.
  --site-membership <mode>  stale-rows-stay (default): a profile change keeps the old sites' NetworkMember rows;
                            recompute: it removes the rows the new profile and permission sets no longer grant.
  --faults <file>           Local-only fault injection: chosen DML fails with chosen status codes, chosen batch
                            classes are aborted after N executes (see the README, "Fault injection").
  --shuffle-unordered       Return the rows of queries without ORDER BY in a random order, as a real org may:
                            exposes tests that rely on an order SOQL does not promise.

EXIT CODES
  0  every selected test passed (exec: the script completed)
  1  at least one test failed, or --class-names/--tests named a class or method that does not exist
     (exec: the script threw an Apex exception)
  2  bad usage, or load diagnostics (syntax/semantic/unsupported); nothing ran
  3  at least one test (or the exec script) hit an emulator error: something the local org cannot run
     faithfully. Wins over 1.
`;
