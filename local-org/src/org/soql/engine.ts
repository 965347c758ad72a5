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
        return new Executor(this.store, ctx).run(this.prepare(text));
    }
}
