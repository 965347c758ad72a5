/**
 * The transaction context (statics, limits, budgets, debug log, call stack) and the error types that cross it.
 */
import type { ClassSym } from '../semantic/symbols';
import type { ApexObject } from './values';

/** One activation: its locals, receiver and the position of the statement being run. */
export interface Frame {
    locals: unknown[];
    self: ApexObject | null;
    label: string;
    line: number;
    col: number;
    ret: unknown;
}

/** A thrown Apex exception travelling through JS. */
export class ApexThrow extends Error {
    constructor(readonly ex: ApexObject) {
        super('Apex exception');
    }
}

/** The local org cannot run something faithfully: never caught by Apex, reported as EmulatorError. */
export class EmulatorError extends Error {
    constructor(message: string) {
        super(message);
        this.name = 'EmulatorError';
    }
}

/** Limit counters part 2 increments (SOQL, DML...). Names follow the Limits class getters. */
export interface LimitCounters {
    queries: number;
    queryRows: number;
    dmlStatements: number;
    dmlRows: number;
    callouts: number;
    queueableJobs: number;
    futureCalls: number;
    emailInvocations: number;
}

/** Counters at the start of a transaction, or after Test.startTest. */
export function freshLimits(): LimitCounters {
    return {
        queries: 0,
        queryRows: 0,
        dmlStatements: 0,
        dmlRows: 0,
        callouts: 0,
        queueableJobs: 0,
        futureCalls: 0,
        emailInvocations: 0
    };
}

export class Tx {
    readonly statics = new Map<ClassSym, Map<string, unknown>>();
    /** Classes whose static initialisation has started in this transaction. */
    readonly staticsReady = new Set<ClassSym>();
    readonly stack: Frame[] = [];
    readonly debug: string[] = [];
    /** Counters saved by Test.startTest, restored by Test.stopTest; null outside. */
    savedLimits: LimitCounters | null = null;
    testStarted = false;
    /** An asynchronous transaction (batch, queueable): the higher async governor limits apply. */
    isAsync = false;
    /** A call of an @AuraEnabled(cacheable=true) method: its DML statement limit is 0. */
    cacheable = false;
    limits: LimitCounters = freshLimits();
    statements = 0;
    /** Stack trace at the point a non-Apex (emulator) error was first seen. */
    errorStack: string | null = null;
    readonly deadline: number;
    readonly startMs = Date.now();
    constructor(
        readonly statementBudget: number,
        timeBudgetMs: number,
        readonly timeZone: string,
        readonly isTest: boolean
    ) {
        this.deadline = this.startMs + timeBudgetMs;
    }

    top(): Frame {
        return this.stack[this.stack.length - 1];
    }

    /** Platform-shaped stack trace, innermost frame first. */
    stackTrace(): string {
        const lines: string[] = [];
        for (let i = this.stack.length - 1; i >= 0; i--) {
            const f = this.stack[i];
            // The platform reports column 1 for a failing statement even when it is indented (KB 000193852).
            lines.push(`${f.label}: line ${f.line}, column 1`);
        }
        return lines.join('\n');
    }
}

/** The running transaction; runs are sequential, so one slot suffices. */
export const current: { tx: Tx | null } = { tx: null };

export function tx(): Tx {
    if (!current.tx) throw new EmulatorError('no transaction is running');
    return current.tx;
}
