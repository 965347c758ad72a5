/**
 * The seam between the interpreter and the org's data. Part 1 has no database: every query and DML statement
 * type-checks but fails at run time with an emulator error. Part 2 plugs the in-memory org in here.
 */
import { EmulatorError } from './context';

/** Evaluates one `:bind` of an inline query, by its source text, in the scope of the running statement. */
export type BindEvaluator = (bindText: string) => unknown;

export interface DataService {
    /**
     * Runs a SOQL query: inline (its text as written between the brackets, binds evaluated through `bind`) or
     * dynamic (Database.query; no evaluator: names are resolved by the data layer).
     */
    query(soql: string, bind?: BindEvaluator, mode?: 'list' | 'count' | 'locator'): unknown;
    /**
     * Checks a query against the schema when code compiles (throws SoqlError) and tells the shape of its rows:
     * the FROM object, and whether it is a plain, aggregate or COUNT() query.
     */
    prepare?(soql: string): { kind: 'rows' | 'aggregate' | 'count'; object: string };
    /** Runs a DML statement: op is insert/update/delete/undelete/upsert/merge. */
    dml(op: string, operands: unknown[]): unknown;
    /** Runs an inline SOSL search (its text as written between the brackets). */
    search(sosl: string, bind?: BindEvaluator): unknown;
    /** System.runAs: runs the block as the given User (an SObject with an Id), with its own mixed-DML context. */
    runAs?(user: unknown, block: () => void): void;
    /** Test isolation: the state after @TestSetup, restored before each test method (part 2's store snapshots). */
    snapshot?(): unknown;
    restore?(snapshot: unknown): void;
}

/** Set while Database.query (and friends) run: resolves a `:name` bind in the caller's scope. */
export const dynamicBinds: { current: BindEvaluator | null } = { current: null };

export const NO_DATABASE_MESSAGE = 'SOQL is not available until local org part 2';

export const noDatabase: DataService = {
    query(): unknown {
        throw new EmulatorError(NO_DATABASE_MESSAGE);
    },
    dml(op: string): void {
        throw new EmulatorError(`${NO_DATABASE_MESSAGE} (DML ${op} needs the database)`);
    },
    search(): unknown {
        throw new EmulatorError(`${NO_DATABASE_MESSAGE} (SOSL needs the database)`);
    }
};
