/**
 * The contract between the language runtime (frontend/semantic/runtime) and its callers
 * (runner, CLI, and later the local app's server). Callers depend on this file only.
 */

/** A position in a source file; line and column are 1-based, as Apex reports them. */
export interface SourcePosition {
    file: string;
    line: number;
    column: number;
}

/** Something found before execution: a syntax error, an unknown name, or a construct we do not emulate. */
export interface Diagnostic extends SourcePosition {
    kind: 'syntax' | 'semantic' | 'unsupported';
    message: string;
}

/** Options shared by loading and running. */
export interface RuntimeOptions {
    /** Statements one transaction may execute before it is stopped (guards against endless loops). */
    statementBudget?: number;
    /** Wall-clock milliseconds one transaction may take before it is stopped. */
    timeBudgetMs?: number;
    /** IANA time zone of the running user (UserInfo.getTimeZone, Date/Datetime local parts). */
    timeZone?: string;
    /**
     * What happens to a user's NetworkMember rows when a profile change drops a site's profile or permission set:
     * 'staleRowsStay' (default, the seed runbook) or 'recompute' (KB 000390958). Read per transaction.
     */
    siteMembership?: 'staleRowsStay' | 'recompute';
    /**
     * Experience Cloud sites of the baseline org (Apex cannot create Network rows, and Apex DML on
     * NetworkMemberGroup is refused). Read once, by loadProject.
     */
    sites?: SiteSeed[];
    /**
     * Path of a fault file (src/faults/faults.ts): chosen DML fails with chosen status codes, chosen batch classes are
     * aborted. Local-only. Read once, by loadProject; each test method starts with fresh fault counters.
     */
    faults?: string;
}

/** One site of the baseline org and the profiles or permission sets (by Name) whose users are its members. */
export interface SiteSeed {
    name: string;
    urlPathPrefix?: string;
    status?: 'UnderConstruction' | 'Live' | 'DownForMaintenance';
    members: string[];
}

/** One @IsTest class as discovered in the loaded sources. */
export interface TestClassInfo {
    name: string;
    file: string;
    /** Test methods in source order (methods annotated @IsTest, or declared with the testMethod modifier). */
    methods: string[];
    hasTestSetup: boolean;
}

/**
 * Outcome of one test method.
 * - Pass / Fail as on the platform (Fail covers assertion failures, uncaught Apex exceptions and limit exceptions).
 * - EmulatorError: the local org could not run it faithfully (unsupported construct or a bug of ours);
 *   never reported as Pass, and reported apart from Fail.
 */
export type TestOutcome = 'Pass' | 'Fail' | 'EmulatorError';

export interface TestMethodResult {
    className: string;
    methodName: string;
    outcome: TestOutcome;
    /** Platform-shaped message, e.g. "System.AssertException: Assertion Failed: Expected: 1, Actual: 2". */
    message: string | null;
    /** Platform-shaped stack, e.g. "Class.MyTest.itWorks: line 12, column 1". */
    stackTrace: string | null;
    runTimeMs: number;
}

/** Result of running anonymous Apex. */
export interface ExecResult {
    success: boolean;
    /** Lines as `sf apex run` shows them in the debug log: "USER_DEBUG [line]|DEBUG|message". */
    debugLines: string[];
    /** When success is false: the platform-shaped exception message and stack. */
    message: string | null;
    stackTrace: string | null;
    emulatorError: boolean;
}

/**
 * Apex line coverage: for each class (inner classes count in their outer class) and trigger, executable lines and
 * those that ran. Test classes are listed too; reporters leave them out, as the platform does.
 */
export interface CoverageReport {
    classes: Array<{
        name: string;
        file: string;
        type: 'ApexClass' | 'ApexTrigger';
        coveredLines: number[];
        uncoveredLines: number[];
    }>;
}

/** One email Messaging.sendEmail handed over at commit (LoadedProject.outbox). */
export interface OutboxMessage {
    /** The running user who sent it. */
    senderId: string;
    targetObjectId: string | null;
    /** The target user's Email, then the To, Cc and Bcc addresses. */
    recipients: string[];
    subject: string | null;
    plainTextBody: string | null;
    htmlBody: string | null;
    senderDisplayName: string | null;
    /** When sendEmail was called (ISO 8601). */
    queuedAt: string;
    /** What sent it: Messaging.sendEmail (absent) or a User insert with EmailHeader.triggerUserEmail ('newUser'). */
    kind?: 'newUser';
}

/** A loaded, checked project. Produced by `loadProject` when there are no diagnostics. */
export interface LoadedProject {
    testClasses(): TestClassInfo[];
    /**
     * Runs the given methods of one test class: @TestSetup once, then each method in a fresh
     * transaction (statics reset) that starts from the state @TestSetup left.
     */
    runTestClass(className: string, methodNames: string[], options?: RuntimeOptions): Promise<TestMethodResult[]>;
    /** Runs anonymous Apex (the body of a .apex script) in one transaction. */
    executeAnonymous(source: string, fileName: string, options?: RuntimeOptions): Promise<ExecResult>;
    /** Line coverage collected by every run so far. */
    coverage(): CoverageReport;
    /**
     * Outside tests, asynchronous Apex (Database.executeBatch, System.enqueueJob) waits in a queue: this runs one
     * step of the oldest job (a batch's start, one execute chunk or its finish; a queueable's execute) in its own
     * transaction and returns what it did, or null when nothing is queued. AsyncApexJob rows show the progress.
     */
    runNextAsyncStep(): AsyncStep | null;
    /** Runs queued asynchronous work, and the work it chains, until none is left; returns the steps in order. */
    drainAsync(maxSteps?: number): AsyncStep[];
    /**
     * Scheduled Apex outside tests (the local org has no clock): runs the execute of the given CronTrigger's job, or
     * of the waiting job with the earliest NextFireTime, once in its own transaction, and moves its CronTrigger on
     * (TimesTriggered, PreviousFireTime, NextFireTime, State). Null when no job waits.
     */
    fireScheduledJob?(cronTriggerId?: string): AsyncStep | null;
    /**
     * Emails sent by Messaging.sendEmail in transactions that committed, oldest first: nothing leaves the machine.
     * Apex tests send nothing (the call succeeds; the platform sends no email from a test).
     */
    outbox?(): OutboxMessage[];
    /**
     * Calls an @AuraEnabled method as a Lightning component does (the local app's server): parameters by name as
     * JSON values, one transaction as the running admin user, rolled back when it throws; cacheable methods may not
     * do DML. The result carries the return value as JSON data, or the error shaped like the platform's.
     */
    invokeAura?(
        className: string,
        methodName: string,
        params: Readonly<Record<string, unknown>>,
        options?: RuntimeOptions
    ): Promise<AuraResult>;
}

/** What a component sees of an Apex error (`error.body` of an imperative call or a wire). */
export interface AuraErrorBody {
    message: string;
    exceptionType: string;
    isUserDefinedException: boolean;
    stackTrace: string;
}

export type AuraResult =
    | { ok: true; returnValue: unknown; cacheable: boolean; debugLines: string[] }
    | {
          ok: false;
          /** 400: refused before any Apex ran (no such method, bad parameter); 500: the Apex threw. */
          status: 400 | 500;
          body: AuraErrorBody;
          /** The local org could not run the call faithfully (an EmulatorError), not an Apex error. */
          emulatorError: boolean;
          debugLines: string[];
      };

/** One step of asynchronous Apex run by runNextAsyncStep. */
export interface AsyncStep {
    jobId: string;
    jobType: string;
    className: string;
    phase: 'start' | 'execute' | 'finish';
    /** False when the step ended with an uncaught Apex exception (its changes rolled back). */
    ok: boolean;
    /** `Type: message` of that exception. */
    message: string | null;
    /** The step's USER_DEBUG lines (in tests they also join the test's log). */
    debugLines: string[];
}

export interface LoadResult {
    /** Every problem in every file, reported together, sorted by file, line, column. */
    diagnostics: Diagnostic[];
    /** Present only when diagnostics is empty. */
    project?: LoadedProject;
    /** Files read, and milliseconds spent parsing and checking (for the benchmark). */
    stats: { files: number; lines: number; parseMs: number; checkMs: number };
}
