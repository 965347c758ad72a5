/**
 * loadProject: reads, parses and checks every class, then offers test runs, anonymous Apex and coverage
 * (the contract in ../api.ts).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import type {
    AsyncStep,
    AuraResult,
    CoverageReport,
    Diagnostic,
    ExecResult,
    LoadResult,
    LoadedProject,
    OutboxMessage,
    RuntimeOptions,
    SiteSeed,
    TestClassInfo,
    TestMethodResult
} from '../api';
import type { TriggerDecl, TypeDecl } from '../frontend/ast';
import { parseAnonymous, parseClassFile, parseTriggerFile } from '../frontend/parse';
import { makeBuiltinClasses } from '../semantic/builtin-classes';
import { checkOverrides, declareMembers, declareNames, declareSupertypes } from '../semantic/declare';
import { TypeResolver } from '../semantic/resolve';
import type { ClassSym } from '../semantic/symbols';
import { registerCollections } from '../stdlib/collections';
import { registerDatabase } from '../stdlib/database';
import { registerJson } from '../stdlib/json';
import { registerSystem } from '../stdlib/system';
import { registerTimeZone } from '../stdlib/timezone';
import { registerSObjects } from '../stdlib/sobject';
import { outboxOf, registerMessaging, settleEmails } from '../stdlib/messaging';
import { registerDmlOptions } from '../stdlib/dml-options';
import { Catalog } from '../org/schema/catalog';
import { loadMetadata } from '../org/schema/metadata';
import { SchemaError } from '../org/schema/types';
import { Store } from '../org/store';
import type { Snapshot } from '../org/store';
import { OrgData, currentOrg } from './org-data';
import { unsupportedMetadata } from './unsupported-metadata';
import { type CompiledTrigger, triggers } from './triggers';
import { schema } from './sobject';
import { baselineIds, restoreUser, runningUser, seedBaseline, switchUser } from './baseline';
import { rememberAccessMetadata } from '../access/registry';
import { seedSites } from './sites';
import { type Fault, FaultConfigError, FaultInjector, loadFaults } from '../faults/faults';
import type { CoverageSink } from './compile-types';
import { Compiler } from './compiler';
import { ApexThrow, EmulatorError, Tx, current } from './context';
import { makeHost } from './host';
import type { ApexObject } from './values';
import { exceptionClasses } from './ops';
import { invokeAura } from './aura';
import { AsyncQueue, asyncQueue } from './async';
import { MixedDmlTracker } from '../platform/mixed-dml';
import { type PublishBehavior, readPublishBehaviors } from '../async/events';
import { registerAsyncBindings } from '../async/bindings';

const DEFAULTS = { statementBudget: 5_000_000, timeBudgetMs: 30_000, timeZone: 'America/Los_Angeles' };

/** Parsed classes by file and text: a process that loads the same sources again (tests, watch mode) parses once. */
const parseCache = new Map<string, ReturnType<typeof parseClassFile>>();

let stdlibReady = false;
function ensureStdlib(): void {
    if (stdlibReady) return;
    stdlibReady = true;
    registerCollections();
    registerSystem();
    registerJson();
    registerDatabase();
    registerTimeZone();
    registerSObjects();
    registerAsyncBindings();
    registerMessaging();
    registerDmlOptions();
}

function findSources(dirs: string[]): string[] {
    const out: string[] = [];
    const walk = (d: string): void => {
        for (const name of readdirSync(d).sort()) {
            const p = join(d, name);
            const st = statSync(p);
            if (st.isDirectory()) {
                if (name !== 'node_modules' && !name.startsWith('.')) walk(p);
            } else if (/\.(cls|trigger)$/i.test(name)) out.push(p);
        }
    };
    for (const d of dirs) walk(d);
    return out;
}

function sortDiagnostics(ds: Diagnostic[]): Diagnostic[] {
    return ds.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
}

export async function loadProject(sourceDirs: string[], options: RuntimeOptions = {}): Promise<LoadResult> {
    ensureStdlib();
    const t0 = Date.now();
    const files = findSources(sourceDirs);
    const diagnostics: Diagnostic[] = [];
    const decls: TypeDecl[] = [];
    const triggerDecls: TriggerDecl[] = [];
    let lines = 0;
    const cwd = process.cwd();
    for (const path of files) {
        const src = readFileSync(path, 'utf8');
        lines += src.split('\n').length;
        const rel = relative(cwd, path);
        const file = rel && !rel.startsWith('..') ? rel : path;
        if (/\.trigger$/i.test(path)) {
            const t = parseTriggerFile(src, file);
            diagnostics.push(...t.diagnostics);
            if (t.decl) triggerDecls.push(t.decl);
        } else {
            const key = `${file}\0${src}`;
            let r = parseCache.get(key);
            if (!r) parseCache.set(key, (r = parseClassFile(src, file)));
            diagnostics.push(...r.diagnostics);
            if (r.decl) {
                // The metadata API names an ApexClass after its file; a mismatch cannot deploy (message unverified).
                const base = basename(path).replace(/\.cls$/i, '');
                if (base.toLowerCase() !== r.decl.name.toLowerCase()) {
                    diagnostics.push({
                        kind: 'semantic',
                        file,
                        line: r.decl.pos.line,
                        column: r.decl.pos.col,
                        message: `Class name ${r.decl.name} does not match its file name ${basename(path)}`
                    });
                }
                decls.push(r.decl);
            }
        }
    }
    const parseMs = Date.now() - t0;
    const t1 = Date.now();
    const builtins = makeBuiltinClasses();
    exceptionClasses.byName = builtins.byName;
    const classes = new Map<string, ClassSym>();
    for (const d of decls) {
        const lower = d.name.toLowerCase();
        if (classes.has(lower)) {
            diagnostics.push({
                kind: 'semantic',
                file: d.file,
                line: d.pos.line,
                column: d.pos.col,
                message: `Duplicate class name: ${d.name}`
            });
            continue;
        }
        classes.set(lower, declareNames(d, null, diagnostics));
    }
    const types = new TypeResolver(classes, builtins);
    const org = buildOrg(sourceDirs, diagnostics, options.sites ?? []);
    let eventBehaviors = new Map<string, PublishBehavior>();
    try {
        eventBehaviors = readPublishBehaviors(sourceDirs);
    } catch (e) {
        if (!(e instanceof EmulatorError)) throw e;
        diagnostics.push({ kind: 'unsupported', file: sourceDirs[0] ?? '.', line: 1, column: 1, message: e.message });
    }
    let faults: Fault[] = [];
    if (options.faults !== undefined) {
        try {
            faults = loadFaults(options.faults);
        } catch (e) {
            if (!(e instanceof FaultConfigError)) throw e;
            diagnostics.push({ kind: 'unsupported', file: options.faults, line: 1, column: 1, message: e.message });
        }
    }
    diagnostics.push(...unsupportedMetadata(sourceDirs));
    types.sobjectNames = (lower) => org.catalog.findObject(lower)?.name ?? null;
    for (const c of classes.values()) declareSupertypes(c, types, diagnostics);
    for (const c of classes.values()) declareMembers(c, types, diagnostics);
    for (const c of classes.values()) checkOverrides(c, diagnostics);
    const coverage: CoverageSink = { lines: new Map(), hit: new Map() };
    const hostRef: { compiler: Compiler | null } = { compiler: null };
    const host = makeHost(hostRef, types, org);
    const compiler = new Compiler(types, host, org, coverage);
    hostRef.compiler = compiler;
    triggers.all = [];
    triggers.stack = [];
    if (!diagnostics.some((d) => d.kind === 'syntax')) {
        for (const c of classes.values()) compiler.compileClass(c);
        for (const t of triggerDecls) compileTrigger(t, org, compiler, diagnostics);
    }
    diagnostics.push(...compiler.diagnostics);
    const checkMs = Date.now() - t1;
    const stats = { files: files.length, lines, parseMs, checkMs };
    if (diagnostics.length) return { diagnostics: sortDiagnostics(diagnostics), stats };
    return {
        diagnostics: [],
        stats,
        project: new Project(classes, compiler, types, coverage, options, org, faults, eventBehaviors)
    };
}

/**
 * The org behind the project: standard objects, the project's custom objects and fields, and the baseline records
 * every fresh org has. A metadata problem is a load diagnostic (unknown metadata fails loudly).
 */
function buildOrg(sourceDirs: string[], diagnostics: Diagnostic[], sites: readonly SiteSeed[]): OrgData {
    const catalog = Catalog.standard();
    try {
        loadMetadata(catalog, sourceDirs);
    } catch (e) {
        if (!(e instanceof SchemaError)) throw e;
        diagnostics.push({ kind: 'unsupported', file: sourceDirs[0] ?? '.', line: 1, column: 1, message: e.message });
    }
    catalog.registerPrefixes();
    schema.catalog = catalog;
    const store = new Store(catalog, { userId: () => runningUser.id });
    const org = new OrgData(catalog, store);
    currentOrg.org = org;
    try {
        seedBaseline(org, sourceDirs);
        rememberAccessMetadata(org.store, sourceDirs);
        seedSites(store, sites);
    } catch (e) {
        if (!(e instanceof SchemaError || e instanceof Error)) throw e;
        diagnostics.push({
            kind: 'unsupported',
            file: sourceDirs[0] ?? '.',
            line: 1,
            column: 1,
            message: `baseline org: ${e.message}`
        });
    }
    return org;
}

const TRIGGER_EVENTS = new Set([
    'before insert',
    'before update',
    'before delete',
    'after insert',
    'after update',
    'after delete',
    'after undelete'
]);

/** A trigger on a known object with valid events, compiled and registered to fire on DML. */
function compileTrigger(t: TriggerDecl, org: OrgData, compiler: Compiler, diagnostics: Diagnostic[]): void {
    const at = { file: t.file, line: t.pos.line, column: t.pos.col };
    const obj = org.catalog.findObject(t.sobject);
    if (!obj) {
        diagnostics.push({ ...at, kind: 'semantic', message: `Invalid type: ${t.sobject}` });
        return;
    }
    // "Only after insert triggers are supported for platform events" (platform events considerations).
    const bad = t.events.find((e) => !TRIGGER_EVENTS.has(e) || (obj.isPlatformEvent && e !== 'after insert'));
    if (bad) {
        diagnostics.push({ ...at, kind: 'semantic', message: `Invalid trigger event: ${bad}` });
        return;
    }
    const run = compiler.compileTrigger(t, obj.name);
    triggers.all.push({ name: t.name, file: t.file, object: obj.name.toLowerCase(), events: new Set(t.events), run });
}

/** Calls an instance method of a project object by name and arity (virtual dispatch). */
function callByName(target: ApexObject, name: string, args: unknown[]): unknown {
    const m = target.cls.findMethods(name.toLowerCase()).find((x) => !x.isStatic && x.params.length === args.length);
    const impl = m ? (target.cls.dispatch(m.sig) ?? m) : null;
    if (!impl?.invoke)
        throw new EmulatorError(`${target.cls.qualifiedName} has no method ${name} with ${args.length} arguments`);
    return impl.invoke(target, args);
}

function isTestClass(c: ClassSym): boolean {
    return c.hasAnnotation('IsTest');
}

function testMethods(c: ClassSym): string[] {
    const out: Array<{ name: string; line: number }> = [];
    for (const list of c.methods.values()) {
        for (const m of list) {
            const annotated = m.mods.annotations.some((a) => a.name.toLowerCase() === 'istest');
            if ((annotated || m.mods.words.has('testmethod')) && m.isStatic && m.params.length === 0)
                out.push({ name: m.name, line: m.pos.line });
        }
    }
    return out.sort((a, b) => a.line - b.line).map((m) => m.name);
}

function setupMethod(c: ClassSym): string | null {
    for (const list of c.methods.values())
        for (const m of list) if (m.mods.annotations.some((a) => a.name.toLowerCase() === 'testsetup')) return m.name;
    return null;
}

interface RunOutcome {
    ok: boolean;
    emulator: boolean;
    message: string | null;
    stackTrace: string | null;
}

class Project implements LoadedProject {
    constructor(
        private readonly classes: Map<string, ClassSym>,
        private readonly compiler: Compiler,
        private readonly types: TypeResolver,
        private readonly cov: CoverageSink,
        private readonly options: RuntimeOptions,
        private readonly data: OrgData,
        private readonly faults: readonly Fault[] = [],
        eventBehaviors = new Map<string, PublishBehavior>()
    ) {
        this.baseline = data.store.snapshot();
        this.triggers = triggers.all;
        this.adminUserId = baselineIds.adminUserId;
        this.async = new AsyncQueue(
            data.store,
            (isTest, fn, debug) => this.asyncTx(isTest, fn, debug),
            (target, name, args) => callByName(target, name, args),
            (locator) => data.locatorRows(locator)
        );
        this.async.events.behaviors = eventBehaviors;
        this.async.runAsUser = <T>(userId: string, fn: () => T): T => {
            const rec = data.store.get(userId);
            const saved = rec ? switchUser(rec) : null;
            try {
                return fn();
            } finally {
                if (saved) restoreUser(saved);
            }
        };
        this.armFaults();
    }

    /** Fresh fault counters (RuntimeOptions.faults) for the DML layer and the async queue. */
    private armFaults(): void {
        const injector = this.faults.length ? new FaultInjector(this.faults) : null;
        this.data.dmlEngine.faults = injector;
        this.async.faults = injector;
    }

    /** Batch and queueable work: drained by Test.stopTest in tests, stepped by runNextAsyncStep outside them. */
    private readonly async: AsyncQueue;

    /** One asynchronous transaction: fresh statics and limits, its own mixed-DML context, the caller's tx restored. */
    private asyncTx(isTest: boolean, fn: () => void, debug: string[]): void {
        const outer = current.tx;
        const o = { ...DEFAULTS, ...this.options };
        const budget = outer ? Math.max(1, outer.deadline - Date.now()) : o.timeBudgetMs;
        const t = new Tx(outer?.statementBudget ?? o.statementBudget, budget, outer?.timeZone ?? o.timeZone, isTest);
        t.isAsync = true;
        const savedMixed = this.data.dmlEngine.mixed;
        this.data.dmlEngine.mixed = new MixedDmlTracker();
        current.tx = t;
        let committed = false;
        try {
            fn();
            committed = true;
        } finally {
            settleEmails(t, committed);
            current.tx = outer;
            this.data.dmlEngine.mixed = savedMixed;
            debug.push(...t.debug);
            if (outer) outer.debug.push(...t.debug);
        }
    }

    /**
     * Outside tests: runs one step of the oldest queued job (a batch's start, one execute chunk or finish; a
     * queueable's execute) in its own transaction, so progress is observable through AsyncApexJob. Null when idle.
     */
    runNextAsyncStep(): AsyncStep | null {
        this.activate();
        return this.async.runNextStep();
    }

    /** Scheduled Apex on demand (no clock): one run of a waiting job's execute. */
    fireScheduledJob(cronTriggerId?: string): AsyncStep | null {
        this.activate();
        return this.async.scheduler.fire(cronTriggerId);
    }

    /** Emails committed transactions sent through Messaging.sendEmail, oldest first (nothing is really sent). */
    outbox(): OutboxMessage[] {
        return outboxOf(this.data);
    }

    /** Runs queued asynchronous work (and the work it chains) until none is left; returns the steps run. */
    drainAsync(maxSteps = 10_000): AsyncStep[] {
        const steps: AsyncStep[] = [];
        for (let i = 0; i < maxSteps; i++) {
            const s = this.runNextAsyncStep();
            if (!s) return steps;
            steps.push(s);
        }
        throw new EmulatorError(`asynchronous work still queued after ${maxSteps} steps`);
    }

    private readonly triggers: CompiledTrigger[];
    private readonly adminUserId: string;

    /** Points the process-wide slots (schema, org, triggers) at this project: a process may load several. */
    private activate(): void {
        schema.catalog = this.data.catalog;
        currentOrg.org = this.data;
        triggers.all = this.triggers;
        asyncQueue.current = this.async;
    }

    /** The fresh org's state: every test class starts from it. */
    private readonly baseline: Snapshot;

    testClasses(): TestClassInfo[] {
        return [...this.classes.values()].filter(isTestClass).map((c) => ({
            name: c.name,
            file: c.file,
            methods: testMethods(c),
            hasTestSetup: setupMethod(c) !== null
        }));
    }

    private newTx(options: RuntimeOptions | undefined, isTest: boolean): Tx {
        const o = { ...DEFAULTS, ...this.options, ...(options ?? {}) };
        // Mixed DML is judged per transaction.
        this.data.dmlEngine.mixed.reset();
        this.data.dmlEngine.siteMembership = o.siteMembership ?? 'staleRowsStay';
        runningUser.id = this.adminUserId;
        return new Tx(o.statementBudget, o.timeBudgetMs, o.timeZone, isTest);
    }

    /** Runs fn in a fresh transaction and maps its end to a platform-shaped outcome. */
    private run(tx: Tx, fn: () => void): RunOutcome {
        const saved = current.tx;
        current.tx = tx;
        let committed = false;
        try {
            fn();
            committed = true;
            return { ok: true, emulator: false, message: null, stackTrace: null };
        } catch (e) {
            if (e instanceof ApexThrow) {
                const msg = e.ex.fields.get('$message');
                return {
                    ok: false,
                    emulator: false,
                    message:
                        `${e.ex.cls.qualifiedName}: ${msg === null || msg === undefined ? '' : String(msg)}`.replace(
                            /: $/,
                            ''
                        ),
                    stackTrace: e.ex.exStack || null
                };
            }
            const stack = tx.errorStack ?? (tx.stack.length ? tx.stackTrace() : null);
            const where = stack ? ` (at ${stack.split('\n')[0]})` : '';
            const text =
                e instanceof EmulatorError
                    ? e.message
                    : `internal error: ${e instanceof Error ? e.message : String(e)}`;
            return { ok: false, emulator: true, message: `local-org: ${text}${where}`, stackTrace: stack };
        } finally {
            // Email leaves at commit only (stdlib/messaging.ts).
            settleEmails(tx, committed);
            current.tx = saved;
        }
    }

    async runTestClass(
        className: string,
        methodNames: string[],
        options?: RuntimeOptions
    ): Promise<TestMethodResult[]> {
        this.activate();
        const cls = this.classes.get(className.toLowerCase());
        if (!cls || !isTestClass(cls)) throw new Error(`No @IsTest class named ${className}`);
        const results: TestMethodResult[] = [];
        const setup = setupMethod(cls);
        let setupFailure: RunOutcome | null = null;
        this.data.store.restore(this.baseline);
        this.async.reset();
        this.armFaults();
        if (setup) {
            // @TestSetup runs once; part 2 snapshots the data it creates and restores it for each method.
            const m = cls.findMethods(setup.toLowerCase())[0];
            const out = this.run(this.newTx(options, true), () => m.invoke!(null, []));
            if (!out.ok) setupFailure = out;
        }
        // Each method starts from the data @TestSetup left (Apex guide, "Using Test Setup Methods").
        const afterSetup = this.data.store.snapshot();
        for (const name of methodNames) {
            const start = Date.now();
            this.data.store.restore(afterSetup);
            // Work a test enqueued and never ran (no stopTest) is discarded with the test's data.
            this.async.reset();
            // Fault counters start over with each method, as its data does.
            this.armFaults();
            const m = cls.findMethods(name.toLowerCase()).find((x) => x.params.length === 0 && x.isStatic);
            let out: RunOutcome;
            if (!m)
                out = {
                    ok: false,
                    emulator: true,
                    message: `local-org: no test method ${className}.${name}`,
                    stackTrace: null
                };
            else if (setupFailure) out = setupFailure;
            else out = this.run(this.newTx(options, true), () => m.invoke!(null, []));
            // Async work a test left queued dies with the test (its data is rolled back too).
            this.async.reset();
            results.push({
                className: cls.name,
                methodName: m?.name ?? name,
                outcome: out.ok ? 'Pass' : out.emulator ? 'EmulatorError' : 'Fail',
                message: out.message,
                stackTrace: out.stackTrace,
                runTimeMs: Date.now() - start
            });
        }
        return results;
    }

    async executeAnonymous(source: string, fileName: string, options?: RuntimeOptions): Promise<ExecResult> {
        this.activate();
        const parsed = parseAnonymous(source, fileName);
        const fail = (message: string): ExecResult => ({
            success: false,
            debugLines: [],
            message,
            stackTrace: null,
            emulatorError: false
        });
        if (parsed.diagnostics.length)
            return fail(parsed.diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.message}`).join('\n'));
        const unit = parsed.unit!;
        const before = this.compiler.diagnostics.length;
        const declared: Diagnostic[] = [];
        // Methods and types declared in the script live in a synthetic class; its methods act as statics.
        let anon: ClassSym | null = null;
        if (unit.members.length) {
            const decl: TypeDecl = {
                kind: 'class',
                name: 'AnonymousBlock',
                pos: { line: 1, col: 1 },
                file: fileName,
                mods: { words: new Set(), annotations: [] },
                extendsType: null,
                interfaces: [],
                members: unit.members,
                enumValues: []
            };
            anon = declareNames(decl, null, declared);
            anon.isAnonymous = true;
            declareSupertypes(anon, this.types, declared);
            declareMembers(anon, this.types, declared);
            for (const list of anon.methods.values()) for (const m of list) m.isStatic = true;
            checkOverrides(anon, declared);
            if (!declared.length) this.compiler.compileClass(anon);
        }
        const body = this.compiler.compileAnonymous(unit.stmts, fileName, anon);
        const problems = [...declared, ...this.compiler.diagnostics.splice(before)];
        if (problems.length) {
            const unsupported = problems.some((d) => d.kind === 'unsupported');
            return {
                ...fail(problems.map((d) => `${d.file}:${d.line}:${d.column}: ${d.message}`).join('\n')),
                emulatorError: unsupported
            };
        }
        const tx = this.newTx(options, false);
        // An uncaught exception rolls the whole transaction back (an undo journal: a snapshot would make the first
        // write to each table copy it, O(org) per transaction).
        const dataBefore = this.data.store.mark();
        let out: ReturnType<typeof this.run>;
        try {
            out = this.run(tx, body);
            if (!out.ok) this.data.store.rollbackTo(dataBefore);
        } finally {
            this.data.store.release();
        }
        return {
            success: out.ok,
            debugLines: tx.debug.slice(),
            message: out.message,
            stackTrace: out.stackTrace,
            emulatorError: out.emulator
        };
    }

    async invokeAura(
        className: string,
        methodName: string,
        params: Readonly<Record<string, unknown>>,
        options?: RuntimeOptions
    ): Promise<AuraResult> {
        this.activate();
        return invokeAura(this.classes, className, methodName, params, {
            newTx: () => this.newTx(options, false),
            run: (tx, fn) => this.run(tx, fn),
            snapshot: () => this.data.store.snapshot(),
            restore: (s) => this.data.store.restore(s)
        });
    }

    coverage(): CoverageReport {
        const classes: CoverageReport['classes'] = [];
        const add = (name: string, file: string, type: 'ApexClass' | 'ApexTrigger'): void => {
            const all = this.cov.lines.get(file) ?? new Set<number>();
            const hit = this.cov.hit.get(file) ?? new Set<number>();
            const sorted = [...all].sort((a, b) => a - b);
            classes.push({
                name,
                file,
                type,
                coveredLines: sorted.filter((l) => hit.has(l)),
                uncoveredLines: sorted.filter((l) => !hit.has(l))
            });
        };
        for (const c of this.classes.values()) add(c.name, c.file, 'ApexClass');
        // Triggers count toward coverage as on the platform (a deployment needs each trigger covered).
        for (const t of this.triggers) add(t.name, t.file, 'ApexTrigger');
        return { classes };
    }
}
