/** A scripted LoadedProject for runner tests: outcomes come from a table instead of Apex. */
import type {
    AsyncStep,
    ExecResult,
    LoadedProject,
    RuntimeOptions,
    TestClassInfo,
    TestMethodResult
} from '../../src/api';

export interface FakeMethod {
    name: string;
    outcome: TestMethodResult['outcome'];
    message?: string;
    stackTrace?: string;
    runTimeMs?: number;
}

export interface FakeClass {
    name: string;
    methods: FakeMethod[];
    /** When set, runTestClass throws this instead of returning results (a runtime bug). */
    throws?: Error;
    /** Method names the fake "forgets" to return. */
    omit?: string[];
}

export class FakeProject implements LoadedProject {
    readonly calls: Array<{ className: string; methodNames: string[]; options?: RuntimeOptions }> = [];
    readonly execCalls: Array<{ source: string; fileName: string }> = [];
    execResult: ExecResult = { success: true, debugLines: [], message: null, stackTrace: null, emulatorError: false };

    constructor(private readonly classes: FakeClass[]) {}

    testClasses(): TestClassInfo[] {
        return this.classes.map((c) => ({
            name: c.name,
            file: `/src/${c.name}.cls`,
            methods: c.methods.map((m) => m.name),
            hasTestSetup: false
        }));
    }

    async runTestClass(
        className: string,
        methodNames: string[],
        options?: RuntimeOptions
    ): Promise<TestMethodResult[]> {
        this.calls.push({ className, methodNames, options });
        const cls = this.classes.find((c) => c.name === className);
        if (!cls) {
            throw new Error(`fake: no class ${className}`);
        }
        if (cls.throws) {
            throw cls.throws;
        }
        return methodNames
            .filter((name) => !(cls.omit ?? []).includes(name))
            .map((name) => {
                const m = cls.methods.find((x) => x.name === name);
                if (!m) {
                    throw new Error(`fake: no method ${name}`);
                }
                return {
                    className,
                    methodName: m.name,
                    outcome: m.outcome,
                    message: m.message ?? null,
                    stackTrace: m.stackTrace ?? null,
                    runTimeMs: m.runTimeMs ?? 5
                };
            });
    }

    async executeAnonymous(source: string, fileName: string): Promise<ExecResult> {
        this.execCalls.push({ source, fileName });
        return this.execResult;
    }

    coverage() {
        return { classes: [] };
    }

    runNextAsyncStep(): AsyncStep | null {
        return null;
    }

    drainAsync(): AsyncStep[] {
        return [];
    }
}

export const PASS_AND_FAIL: FakeClass[] = [
    {
        name: 'AlphaTest',
        methods: [
            { name: 'addsUp', outcome: 'Pass', runTimeMs: 3 },
            {
                name: 'breaks',
                outcome: 'Fail',
                message: 'System.AssertException: Assertion Failed: Expected: 1, Actual: 2',
                stackTrace: 'Class.AlphaTest.breaks: line 12, column 1',
                runTimeMs: 7
            }
        ]
    },
    { name: 'BetaTest', methods: [{ name: 'works', outcome: 'Pass', runTimeMs: 1 }] }
];

export const ALL_PASS: FakeClass[] = [
    {
        name: 'AlphaTest',
        methods: [
            { name: 'addsUp', outcome: 'Pass' },
            { name: 'alsoAdds', outcome: 'Pass' }
        ]
    }
];

export const WITH_EMULATOR_ERROR: FakeClass[] = [
    {
        name: 'AlphaTest',
        methods: [
            {
                name: 'breaks',
                outcome: 'Fail',
                message: 'System.NullPointerException: Attempt to de-reference a null object'
            },
            { name: 'gap', outcome: 'EmulatorError', message: 'unsupported: String.normalizeSpace' }
        ]
    }
];
