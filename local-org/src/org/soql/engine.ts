/**
 * The SOQL entry point for callers (the runtime's DataService in part 2): plans are cached by query text, binds
 * are evaluated per execution through the caller's callback.
 */
import type { Catalog } from '../schema/catalog';
import type { Store } from '../store';
import type { ExecContext, QueryResult } from './exec';
import { Executor } from './exec';
import type { Plan } from './plan';
import { Planner } from './plan';

/**
 * The environment switch behind `local-org test --shuffle-unordered`: results without ORDER BY come back shuffled,
 * so tests that rely on an order the platform does not promise fail here. Read per query (the CLI sets it while
 * parsing its arguments, before anything loads); an ExecContext's own `shuffleUnordered` wins over it.
 */
export const SHUFFLE_UNORDERED_ENV = 'LOCAL_ORG_SHUFFLE_UNORDERED';

export function shuffleUnorderedByEnv(): boolean {
    return process.env[SHUFFLE_UNORDERED_ENV] === '1';
}

export class SoqlEngine {
    private readonly plans = new Map<string, Plan>();

    constructor(
        private readonly catalog: Catalog,
        private readonly store: Store
    ) {}

    /** Parses and plans (cached). Throws SoqlError for syntax, unknown names and unsupported constructs. */
    prepare(text: string): Plan {
        let plan = this.plans.get(text);
        if (!plan) {
            plan = Planner.plan(this.catalog, text);
            this.plans.set(text, plan);
        }
        return plan;
    }

    /** Runs a query. Count `rowsCounted` against the 50,000 query-row limit; the counters live in the runtime. */
    query(text: string, ctx: ExecContext): QueryResult {
        const effective =
            ctx.shuffleUnordered === undefined && shuffleUnorderedByEnv() ? { ...ctx, shuffleUnordered: true } : ctx;
        return new Executor(this.store, effective).run(this.prepare(text));
    }
}
