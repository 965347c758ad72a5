/**
 * Query execution over the record store. Semantics and their sources: the table in src/org/README.md.
 * - text `=`, `!=`, `IN`, LIKE and ordering ignore case (except unique case-sensitive fields, per the SOQL reference's
 *   "Comparison Operators"); Ids compare as 18 characters (15 accepted);
 * - `= null` is "is null", `!= null` "is not null" (on booleans: false / true); `!=` also matches rows whose field
 *   is null, NOT IN does not;
 * - IN an empty list matches nothing (NOT IN an empty list matches everything);
 * - date literals are ranges in the running user's time zone;
 * - no ORDER BY: insertion order, or a shuffle when `shuffleUnordered` is set;
 * - ORDER BY defaults to ASC NULLS FIRST (DESC: NULLS LAST).
 */
import type { BindValue } from '../../frontend/soql';
import type { FieldDef } from '../schema/types';
import type { SRecord, Store } from '../store';
import { indexKey } from '../store';
import type { FieldValue } from '../values';
import { ApexDate, ApexDatetime, ApexDecimal, ApexDouble, ApexId, numericOf } from '../values';
import { dateLiteralRange, dayStartMs } from './dates';
import { likeToRegExp, unescapeLikeEscapes } from './like';
import type { ChildPlan, Plan, PlanAggregate, PlanCondition, PlanValue, ResolvedPath } from './plan';
import { semantic, unsupported } from './errors';

/** One SObject row of a result. */
export interface QueryRow {
    type: string;
    id: string;
    /** Canonical field name → value (Ids as ApexId). */
    values: Map<string, FieldValue>;
    /** Canonical relationship name → parent row, or null when the lookup is empty. */
    parents: Map<string, QueryRow | null>;
    /** Canonical child relationship name → rows. */
    children: Map<string, QueryRow[]>;
    /** Lower-case names of everything queried on this row (fields, relationships, child relationships); Id always. */
    queried: Set<string>;
}

/** One AggregateResult: keys as the query names them (alias, exprN, or the grouped field's name). */
export interface AggregateRow {
    values: Map<string, FieldValue>;
}

export type QueryResult =
    | { kind: 'rows'; rows: QueryRow[]; rowsCounted: number; plan: Plan }
    | { kind: 'aggregate'; rows: AggregateRow[]; rowsCounted: number; plan: Plan }
    | { kind: 'count'; count: number; rowsCounted: number; plan: Plan };

/** A bind's value: a scalar, or a list (the runtime turns List/Set values, and SObject lists into Id lists). */
export type BindResult = FieldValue | readonly FieldValue[];

export interface ExecContext {
    /** Evaluates a bind expression (once per execution). */
    bind(b: BindValue): BindResult;
    /** The running user's IANA time zone. */
    timeZone: string;
    /** The transaction clock, epoch ms. */
    nowMs: number;
    /** Shuffle results that have no ORDER BY (exposes tests relying on an undefined order). */
    shuffleUnordered?: boolean;
    /** Random source for the shuffle (default Math.random). */
    random?: () => number;
}

type Norm = string | number | boolean | null;

/** A comparable form of a value for a field: Ids 18 chars, text lower-case, numbers, days, instants. */
/**
 * Text fields a real org indexes (User.Username and FederationIdentifier, unique and external Id fields): `=`/`IN` on
 * them narrow the scan through the store's index. Only where the index key (store.indexKey) and the comparison key
 * (normalize) agree on case.
 */
function indexedText(objectName: string, f: FieldDef): boolean {
    if (f.type !== 'string' && f.type !== 'email') return false;
    const userKey = objectName === 'User' && (f.name === 'Username' || f.name === 'FederationIdentifier');
    if (!userKey && !f.unique && !f.externalId) return false;
    return !f.caseSensitive || !!f.unique;
}

function normalize(f: FieldDef, v: FieldValue, plan: Plan, isBind: boolean): Norm {
    if (v === null) return null;
    switch (f.type) {
        case 'id':
        case 'reference': {
            if (v instanceof ApexId) return v.id18;
            if (typeof v === 'string') {
                const id = ApexId.tryOf(v);
                if (!id) throw semantic(`invalid ID field: ${v}`, plan.text, null);
                return id.id18;
            }
            break;
        }
        case 'string':
        case 'textarea':
        case 'picklist':
        case 'multipicklist':
        case 'email':
        case 'phone':
        case 'url': {
            // SOQL reference, comparison operators: case-sensitive for unique case-sensitive fields only.
            const exact = f.unique && f.caseSensitive;
            if (typeof v === 'string') return exact ? v : v.toLowerCase();
            if (v instanceof ApexId) return exact ? v.id18 : v.id18.toLowerCase();
            break;
        }
        case 'boolean':
            if (typeof v === 'boolean') return v;
            break;
        case 'int':
        case 'long':
        case 'double':
        case 'currency':
        case 'percent': {
            const n = numericOf(v);
            if (n !== null) return n;
            break;
        }
        case 'date':
            if (v instanceof ApexDate) return v.epochDay();
            break;
        case 'datetime':
            if (v instanceof ApexDatetime) return v.ms;
            break;
    }
    if (!isBind) throw new Error(`Stored value of type ${apexTypeOf(v)} in ${f.name} (${f.type})`);
    // Dynamic SOQL's message for a bind of the wrong type (Med: seen in orgs, exact column-type names unverified).
    throw semantic(
        `Invalid bind expression type of ${apexTypeOf(v)} for column of type ${apexTypeOfField(f)}`,
        plan.text,
        null
    );
}

/** The Apex type name of a value, for messages. */
function apexTypeOf(v: FieldValue): string {
    if (v === null) return 'null';
    if (typeof v === 'string') return 'String';
    if (typeof v === 'boolean') return 'Boolean';
    if (typeof v === 'number') return 'Integer';
    if (typeof v === 'bigint') return 'Long';
    if (v instanceof ApexId) return 'Id';
    if (v instanceof ApexDate) return 'Date';
    if (v instanceof ApexDatetime) return 'Datetime';
    if (v instanceof ApexDecimal) return 'Decimal';
    if (v instanceof ApexDouble) return 'Double';
    return 'Time';
}

function apexTypeOfField(f: FieldDef): string {
    switch (f.type) {
        case 'id':
        case 'reference':
            return 'Id';
        case 'boolean':
            return 'Boolean';
        case 'int':
            return 'Integer';
        case 'long':
            return 'Long';
        case 'double':
        case 'currency':
        case 'percent':
            return 'Decimal';
        case 'date':
            return 'Date';
        case 'datetime':
            return 'Datetime';
        default:
            return 'String';
    }
}

function literalValue(f: FieldDef, v: PlanValue): FieldValue {
    switch (v.k) {
        case 'null':
            return null;
        case 'boolean':
            return v.value;
        case 'string':
            return unescapeLikeEscapes(v.value);
        case 'number':
            return f.type === 'int' ? Number(v.text) : ApexDecimal.parse(v.text);
        case 'date':
            return ApexDate.valueOf(v.text);
        case 'datetime': {
            const ms = Date.parse(v.text);
            if (Number.isNaN(ms)) throw new Error(`Bad datetime literal ${v.text}`);
            return new ApexDatetime(ms);
        }
    }
    throw new Error(`Not a scalar literal: ${v.k}`);
}

function cmpNorm(a: Norm, b: Norm): number {
    if (a === b) return 0;
    if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : 1;
    if (typeof a === 'boolean' && typeof b === 'boolean') return a ? 1 : -1;
    return (a as number) < (b as number) ? -1 : 1;
}

export class Executor {
    private readonly binds = new Map<BindValue, BindResult>();
    /** Semi-join results of this execution. */
    private readonly semijoins = new Map<PlanValue, FieldValue[]>();
    /** Parent records looked up during this execution, by 18-character Id (null: missing or deleted). */
    private readonly parents = new Map<string, SRecord | null>();

    constructor(
        private readonly store: Store,
        private readonly ctx: ExecContext
    ) {}

    private bindValue(b: BindValue): BindResult {
        if (!this.binds.has(b)) this.binds.set(b, this.ctx.bind(b));
        return this.binds.get(b)!;
    }

    run(plan: Plan): QueryResult {
        const matched = this.matching(plan, this.cap(plan));
        if (plan.kind === 'count') {
            const limit = this.limitOf(plan);
            const count = limit === null ? matched.length : Math.min(limit, matched.length);
            return { kind: 'count', count, rowsCounted: 1, plan };
        }
        if (plan.kind === 'aggregate') return this.aggregate(plan, matched);
        let recs = this.ordered(plan, matched);
        recs = this.page(plan, recs);
        let counted = recs.length;
        const rows = recs.map((r) => {
            const row = this.buildRow(plan, r);
            for (const c of plan.children) {
                const kids = this.childRows(plan, c, r);
                counted += kids.length;
                row.children.set(c.relationship, kids);
                row.queried.add(c.relationship.toLowerCase());
            }
            return row;
        });
        return { kind: 'rows', rows, rowsCounted: counted, plan };
    }

    /**
     * How many matches are enough: without ORDER BY (and without a shuffle) rows come in insertion order, so a
     * LIMIT stops the scan early. Aggregates need every row.
     */
    private cap(plan: Plan): number {
        if (plan.kind === 'aggregate' || plan.orderBy.length || this.ctx.shuffleUnordered) return Infinity;
        const limit = this.limitOf(plan);
        if (limit === null) return Infinity;
        return limit + (plan.kind === 'count' ? 0 : (this.intOf(plan.offset, plan, 'OFFSET') ?? 0));
    }

    private limitOf(plan: Plan): number | null {
        return this.intOf(plan.limit, plan, 'LIMIT');
    }

    private intOf(v: Plan['limit'], plan: Plan, what: string): number | null {
        if (!v) return null;
        if (v.k === 'number') return v.value;
        const b = this.bindValue(v);
        if (typeof b !== 'number' || !Number.isInteger(b) || b < 0) {
            throw semantic(
                `${what} must be a non-negative Integer, not ${Array.isArray(b) ? 'a list' : apexTypeOf(b as FieldValue)}`,
                plan.text,
                v.pos
            );
        }
        if (what === 'OFFSET' && b > 2000) throw semantic('Maximum SOQL offset allowed is 2000', plan.text, v.pos);
        return b;
    }

    private page(plan: Plan, recs: SRecord[]): SRecord[] {
        const offset = this.intOf(plan.offset, plan, 'OFFSET') ?? 0;
        const limit = this.limitOf(plan);
        return recs.slice(offset, limit === null ? undefined : offset + limit);
    }

    /** Records of the FROM object passing WHERE, in insertion order. */
    private matching(plan: Plan, cap = Infinity): SRecord[] {
        const pred = plan.where ? this.predicate(plan, plan.where) : () => true;
        const candidates = this.candidates(plan);
        const out: SRecord[] = [];
        if (cap <= 0) return out;
        const opts = { allRows: plan.allRows };
        if (candidates) {
            for (const id of candidates) {
                const r = this.store.getExact(id, opts);
                if (r && r.type === plan.root.name && pred(r) && out.push(r) >= cap) break;
            }
        } else {
            for (const r of this.store.rows(plan.root.name, opts)) if (pred(r) && out.push(r) >= cap) break;
        }
        return out;
    }

    /**
     * An index shortcut: a top-level conjunct `IdOrLookup = x` / `IN (...)` / `IN (SELECT …)` narrows the scan to a
     * candidate Id list (sorted, which is insertion order since Ids grow per key prefix). WHERE is still applied.
     */
    private candidates(plan: Plan): string[] | null {
        const w = plan.where;
        if (!w) return null;
        const conj = w.k === 'and' ? w.items : [w];
        for (const c of conj) {
            if (c.k !== 'cmp' || c.left.steps.length || (c.op !== '=' && c.op !== 'IN')) continue;
            const f = c.left.field;
            const text = indexedText(plan.root.name, f);
            if (f.type !== 'id' && f.type !== 'reference' && !text) continue;
            if (c.value.k === 'null' || c.value.k === 'dateLiteral') continue;
            const values = this.rhsValues(plan, f, c.value);
            // A null on the right (a null bind, IN (null, …)) also matches rows whose field is null: scan instead.
            if (values.some((x) => x === null)) continue;
            // An empty string may compare equal to null, which the index does not hold: scan instead.
            if (text && values.some((x) => typeof x !== 'string' || x === '')) continue;
            const keys = values
                .map((x) => normalize(f, x, plan, true))
                .filter((x): x is string => typeof x === 'string');
            const ids = new Set<string>();
            if (f.type === 'id') {
                for (const k of keys) ids.add(k);
            } else {
                for (const k of keys) for (const id of this.store.lookup(plan.root.name, f.name, k)) ids.add(id);
            }
            return [...ids].sort();
        }
        return null;
    }

    /** The scalar values a right-hand side stands for (a list for IN, a semi-join's selected Ids). */
    private rhsValues(plan: Plan, f: FieldDef, v: PlanValue): FieldValue[] {
        switch (v.k) {
            case 'list':
                return v.items.flatMap((i) => this.rhsValues(plan, f, i));
            case 'bind': {
                const b = this.bindValue(v);
                return Array.isArray(b) ? [...b] : [b as FieldValue];
            }
            case 'semijoin': {
                // Run once per execution: the index shortcut and the predicate both ask for it.
                let ids = this.semijoins.get(v);
                if (!ids) {
                    const res = this.run(v.plan);
                    const p = v.plan.fields[0];
                    // A null selected by the subquery matches nothing (as in SQL semi-joins; unverified).
                    ids =
                        res.kind === 'rows' ? res.rows.map((r) => this.valueAtRow(r, p)).filter((x) => x !== null) : [];
                    this.semijoins.set(v, ids);
                }
                return ids;
            }
            case 'dateLiteral':
                throw unsupported('a date literal in a list', plan.text, v.pos);
        }
        return [literalValue(f, v)];
    }

    private valueAtRow(row: QueryRow, p: ResolvedPath): FieldValue {
        let cur: QueryRow | null = row;
        for (const s of p.steps) {
            cur = cur.parents.get(s.ref.relationshipName!) ?? null;
            if (!cur) return null;
        }
        return cur.values.get(p.field.name) ?? null;
    }

    /** Follows a path's reference fields from a record; null when a link is empty or points at a deleted row. */
    private follow(r: SRecord, p: ResolvedPath): SRecord | null {
        let cur: SRecord | null = r;
        for (let i = 0; i < p.steps.length && cur; i++) cur = this.parentOf(cur.values.get(p.steps[i].refKey) ?? null);
        return cur;
    }

    /** The record a reference value points at (memoised per execution); null when empty, missing or deleted. */
    private parentOf(ref: FieldValue): SRecord | null {
        if (ref === null) return null;
        const id = ref instanceof ApexId ? ref.id18 : (ApexId.tryOf(String(ref))?.id18 ?? null);
        if (id === null) return null;
        let rec = this.parents.get(id);
        if (rec === undefined) {
            rec = this.store.getExact(id) ?? null;
            this.parents.set(id, rec);
        }
        return rec;
    }

    private valueAt(r: SRecord, p: ResolvedPath): FieldValue {
        if (!p.steps.length) return r.values.get(p.key) ?? null;
        const owner = this.follow(r, p);
        return owner ? (owner.values.get(p.key) ?? null) : null;
    }

    private predicate(plan: Plan, c: PlanCondition): (r: SRecord) => boolean {
        switch (c.k) {
            case 'and': {
                const ps = c.items.map((i) => this.predicate(plan, i));
                return (r) => ps.every((p) => p(r));
            }
            case 'or': {
                const ps = c.items.map((i) => this.predicate(plan, i));
                return (r) => ps.some((p) => p(r));
            }
            case 'not': {
                const p = this.predicate(plan, c.item);
                return (r) => !p(r);
            }
            case 'having':
                throw new Error('HAVING condition in WHERE');
        }
        const f = c.left.field;
        const test = this.comparison(plan, f, c.op, c.value);
        const left = c.left;
        return (r) => {
            const raw = this.valueAt(r, left);
            return test(normalize(f, raw, plan, false), raw);
        };
    }

    /** A test of a normalized field value (raw value alongside, for LIKE and multipicklists). */
    private comparison(plan: Plan, f: FieldDef, op: string, v: PlanValue): (n: Norm, raw: FieldValue) => boolean {
        if (v.k === 'dateLiteral') {
            const today = ApexDate.today(this.ctx.nowMs, this.ctx.timeZone);
            const range = dateLiteralRange(v.name, v.n, today);
            const start = f.type === 'date' ? range.start : dayStartMs(range.start, this.ctx.timeZone);
            const end = f.type === 'date' ? range.end : dayStartMs(range.end, this.ctx.timeZone);
            switch (op) {
                case '=':
                    return (n) => n !== null && (n as number) >= start && (n as number) < end;
                case '!=':
                    return (n) => n === null || (n as number) < start || (n as number) >= end;
                case '<':
                    return (n) => n !== null && (n as number) < start;
                case '<=':
                    return (n) => n !== null && (n as number) < end;
                case '>':
                    return (n) => n !== null && (n as number) >= end;
                case '>=':
                    return (n) => n !== null && (n as number) >= start;
            }
            throw unsupported(`${op} with a date literal`, plan.text, v.pos);
        }
        if (op === 'IN' || op === 'NOT IN') {
            const set = new Set<Norm>(this.rhsValues(plan, f, v).map((x) => normalize(f, x, plan, true)));
            // NOT IN leaves out rows whose field is null (community reports; unverified in an org), unlike !=.
            return op === 'IN' ? (n) => set.has(n) : (n) => n !== null && !set.has(n);
        }
        if (op === 'INCLUDES' || op === 'EXCLUDES') {
            // Each list item is a ';'-separated set of values that must all be selected.
            const wanted = this.rhsValues(plan, f, v).map((x) =>
                String(x)
                    .toLowerCase()
                    .split(';')
                    .map((s) => s.trim())
            );
            const has = (raw: FieldValue) => {
                const selected = new Set(typeof raw === 'string' ? raw.toLowerCase().split(';') : []);
                return wanted.some((all) => all.every((w) => selected.has(w)));
            };
            return op === 'INCLUDES' ? (_n, raw) => has(raw) : (_n, raw) => !has(raw);
        }
        const values = this.rhsValues(plan, f, v);
        if (values.length !== 1) throw semantic(`${op} needs a single value, not a list`, plan.text, null);
        const rhsRaw = values[0];
        if (op === 'LIKE') {
            if (typeof rhsRaw !== 'string') throw semantic('LIKE needs a string', plan.text, null);
            // Case-insensitive except for case-sensitive fields (SOQL reference, LIKE).
            const re = likeToRegExp(v.k === 'string' ? v.value : rhsRaw, !!f.caseSensitive);
            return (_n, raw) => raw !== null && re.test(String(raw));
        }
        // On a boolean field, null stands for false (SOQL reference, "Use null in WHERE": `= null` is `= false`).
        const rhs = f.type === 'boolean' && rhsRaw === null ? false : normalize(f, rhsRaw, plan, v.k === 'bind');
        switch (op) {
            case '=':
                return (n) => n === rhs;
            case '!=':
                return (n) => n !== rhs;
        }
        if (rhs === null) return () => false;
        switch (op) {
            case '<':
                return (n) => n !== null && cmpNorm(n, rhs) < 0;
            case '<=':
                return (n) => n !== null && cmpNorm(n, rhs) <= 0;
            case '>':
                return (n) => n !== null && cmpNorm(n, rhs) > 0;
            case '>=':
                return (n) => n !== null && cmpNorm(n, rhs) >= 0;
        }
        throw unsupported(`operator ${op}`, plan.text, null);
    }

    private ordered(plan: Plan, recs: SRecord[]): SRecord[] {
        if (!plan.orderBy.length) return this.ctx.shuffleUnordered ? this.shuffle(recs) : recs;
        const keys = recs.map((r) =>
            plan.orderBy.map((o) => normalize(o.path!.field, this.valueAt(r, o.path!), plan, false))
        );
        const idx = recs.map((_, i) => i);
        idx.sort((a, b) => {
            for (let k = 0; k < plan.orderBy.length; k++) {
                const c = compareForOrder(keys[a][k], keys[b][k], plan.orderBy[k].desc, plan.orderBy[k].nullsLast);
                if (c) return c;
            }
            return a - b;
        });
        return idx.map((i) => recs[i]);
    }

    private shuffle<T>(xs: T[]): T[] {
        const out = xs.slice();
        const rnd = this.ctx.random ?? Math.random;
        for (let i = out.length - 1; i > 0; i--) {
            const j = Math.floor(rnd() * (i + 1));
            [out[i], out[j]] = [out[j], out[i]];
        }
        return out;
    }

    private newRow(r: SRecord): QueryRow {
        return {
            type: r.type,
            id: r.id,
            values: new Map<string, FieldValue>([
                ['Id', (r.values.get('id') as ApexId | undefined) ?? ApexId.of(r.id)]
            ]),
            parents: new Map(),
            children: new Map(),
            queried: new Set(['id'])
        };
    }

    private buildRow(plan: Plan, r: SRecord): QueryRow {
        const row = this.newRow(r);
        for (const p of plan.fields) {
            let cur: QueryRow = row;
            let rec: SRecord | null = r;
            let dead = false;
            for (const s of p.steps) {
                const rel = s.ref.relationshipName!;
                cur.queried.add(rel.toLowerCase());
                if (!cur.parents.has(rel)) {
                    const parent = this.parentOf(rec!.values.get(s.refKey) ?? null);
                    cur.parents.set(rel, parent ? this.newRow(parent) : null);
                }
                const next = cur.parents.get(rel)!;
                if (!next) {
                    dead = true;
                    break;
                }
                cur = next;
                rec = this.parents.get(next.id) ?? null;
            }
            if (dead) continue;
            cur.values.set(p.field.name, outputValue(p.field, rec!.values.get(p.key) ?? null));
            cur.queried.add(p.field.name.toLowerCase());
        }
        return row;
    }

    private childRows(parentPlan: Plan, c: ChildPlan, parent: SRecord): QueryRow[] {
        const plan = c.plan;
        const ids = [
            ...this.store.lookup(plan.root.name, c.field.name, indexKey(ApexId.of(parent.id), c.field)!)
        ].sort();
        const pred = plan.where ? this.predicate(plan, plan.where) : () => true;
        const recs: SRecord[] = [];
        for (const id of ids) {
            const r = this.store.getExact(id, { allRows: parentPlan.allRows });
            if (r && pred(r)) recs.push(r);
        }
        return this.page(plan, this.ordered(plan, recs)).map((r) => this.buildRow(plan, r));
    }

    private aggregate(plan: Plan, recs: SRecord[]): QueryResult {
        if (!plan.groupBy.length && plan.limit) {
            // SOQL reference, LIMIT: not allowed with an aggregate function and no GROUP BY.
            throw semantic('LIMIT is not allowed in an aggregate query without GROUP BY', plan.text, null);
        }
        // One grouped field (the common case) keys the map by its normalized value itself (Map keys keep null, text,
        // numbers and booleans apart); several are joined into a tagged text key.
        const groups = new Map<Norm, SRecord[]>();
        if (!plan.groupBy.length) groups.set('', recs);
        const single = plan.groupBy.length === 1 ? plan.groupBy[0] : null;
        for (const r of plan.groupBy.length ? recs : []) {
            const key = single
                ? normalize(single.field, this.valueAt(r, single), plan, false)
                : plan.groupBy.map((g) => groupKey(normalize(g.field, this.valueAt(r, g), plan, false))).join('\u0001');
            let g = groups.get(key);
            if (!g) groups.set(key, (g = []));
            g.push(r);
        }
        let rows: Array<{ recs: SRecord[]; row: AggregateRow }> = [];
        for (const g of groups.values()) {
            const values = new Map<string, FieldValue>();
            for (const gf of plan.groupFields)
                values.set(gf.key, outputValue(gf.path.field, g.length ? this.valueAt(g[0], gf.path) : null));
            for (const a of plan.aggregates) values.set(a.alias, this.aggValue(a, g, plan));
            rows.push({ recs: g, row: { values } });
        }
        if (plan.having) {
            const having = plan.having;
            rows = rows.filter((x) => this.havingTest(plan, having, x.recs));
        }
        if (plan.orderBy.length) {
            const keyOf = (x: { recs: SRecord[] }, k: number): Norm => {
                const o = plan.orderBy[k];
                if (o.agg) return toNorm(this.aggValue(o.agg, x.recs, plan));
                return x.recs.length ? normalize(o.path!.field, this.valueAt(x.recs[0], o.path!), plan, false) : null;
            };
            const decorated = rows.map((x, i) => ({ x, i, keys: plan.orderBy.map((_, k) => keyOf(x, k)) }));
            decorated.sort((a, b) => {
                for (let k = 0; k < plan.orderBy.length; k++) {
                    const c = compareForOrder(a.keys[k], b.keys[k], plan.orderBy[k].desc, plan.orderBy[k].nullsLast);
                    if (c) return c;
                }
                return a.i - b.i;
            });
            rows = decorated.map((d) => d.x);
        } else if (this.ctx.shuffleUnordered) {
            rows = this.shuffle(rows);
        }
        const offset = this.intOf(plan.offset, plan, 'OFFSET') ?? 0;
        const limit = this.limitOf(plan);
        rows = rows.slice(offset, limit === null ? undefined : offset + limit);
        // Apex guide, aggregate functions: COUNT()/COUNT(field) queries count one row per group; other aggregates
        // count every row they aggregate.
        const countsOnly = plan.aggregates.every((a) => a.fn === 'COUNT');
        const counted = countsOnly ? Math.max(groups.size, plan.groupBy.length ? 0 : 1) : recs.length;
        return { kind: 'aggregate', rows: rows.map((x) => x.row), rowsCounted: counted, plan };
    }

    private havingTest(plan: Plan, c: PlanCondition, recs: SRecord[]): boolean {
        switch (c.k) {
            case 'and':
                return c.items.every((i) => this.havingTest(plan, i, recs));
            case 'or':
                return c.items.some((i) => this.havingTest(plan, i, recs));
            case 'not':
                return !this.havingTest(plan, c.item, recs);
            case 'having': {
                const left = toNorm(this.aggValue(c.left, recs, plan));
                const rhsRaw =
                    c.value.k === 'bind'
                        ? (this.bindValue(c.value) as FieldValue)
                        : c.value.k === 'number'
                          ? Number(c.value.text)
                          : null;
                const rhs = toNorm(rhsRaw);
                if (left === null || rhs === null)
                    return c.op === '=' ? left === rhs : c.op === '!=' ? left !== rhs : false;
                const d = cmpNorm(left, rhs);
                return (
                    { '=': d === 0, '!=': d !== 0, '<': d < 0, '<=': d <= 0, '>': d > 0, '>=': d >= 0 }[c.op as '='] ??
                    false
                );
            }
            case 'cmp': {
                // A grouped field: every row of the group shares its value.
                const test = this.comparison(plan, c.left.field, c.op, c.value);
                const raw = recs.length ? this.valueAt(recs[0], c.left) : null;
                return test(normalize(c.left.field, raw, plan, false), raw);
            }
        }
    }

    private aggValue(a: PlanAggregate, recs: SRecord[], plan: Plan): FieldValue {
        if (!a.arg) return recs.length;
        const f = a.arg.field;
        // A direct field that is never null (Id, audit fields): COUNT needs no pass over the values.
        if (a.fn === 'COUNT' && !a.arg.steps.length && !f.nillable && f.type === 'id') return recs.length;
        const raw = recs.map((r) => this.valueAt(r, a.arg!)).filter((v) => v !== null);
        switch (a.fn) {
            case 'COUNT':
                return raw.length;
            case 'COUNT_DISTINCT':
                return new Set(raw.map((v) => normalize(f, v, plan, false))).size;
            case 'MIN':
            case 'MAX': {
                let best: FieldValue = null;
                let bestN: Norm = null;
                for (const v of raw) {
                    const n = normalize(f, v, plan, false);
                    if (bestN === null || (a.fn === 'MIN' ? cmpNorm(n, bestN) < 0 : cmpNorm(n, bestN) > 0)) {
                        best = v;
                        bestN = n;
                    }
                }
                return outputValue(f, best);
            }
            case 'SUM':
            case 'AVG': {
                if (!raw.length) return null;
                if (f.type === 'int' && a.fn === 'SUM') return raw.reduce<number>((s, v) => s + (v as number), 0);
                const sum = raw.map(toDecimal).reduce((s, d) => s.add(d), ApexDecimal.fromInteger(0));
                return a.fn === 'SUM' ? sum : sum.divide(ApexDecimal.fromInteger(raw.length));
            }
        }
    }
}

/** A map key for a normalized value; null cannot collide with the text 'null'. */
function groupKey(n: Norm): string {
    return n === null ? '\u0000' : `${typeof n === 'string' ? 's' : 'o'}${String(n)}`;
}

function toDecimal(v: FieldValue): ApexDecimal {
    if (v instanceof ApexDecimal) return v;
    if (v instanceof ApexDouble) return ApexDecimal.fromDouble(v.value);
    if (typeof v === 'number' || typeof v === 'bigint') return ApexDecimal.fromInteger(v);
    throw new Error(`Not a number: ${String(v)}`);
}

function toNorm(v: FieldValue): Norm {
    if (v === null) return null;
    if (v instanceof ApexDecimal) return Number(v.toPlainString());
    const n = numericOf(v);
    if (n !== null) return n;
    if (typeof v === 'string') return v.toLowerCase();
    if (typeof v === 'boolean') return v;
    if (v instanceof ApexDate) return v.epochDay();
    if (v instanceof ApexDatetime) return v.ms;
    if (v instanceof ApexId) return v.id18;
    return null;
}

/** Ascending unless desc; nulls first or last as asked. */
function compareForOrder(a: Norm, b: Norm, desc: boolean, nullsLast: boolean): number {
    if (a === null || b === null) {
        if (a === b) return 0;
        return (a === null) === nullsLast ? 1 : -1;
    }
    const c = cmpNorm(a, b);
    return desc ? -c : c;
}

/** Values as a query returns them: Ids as ApexId. */
function outputValue(f: FieldDef, v: FieldValue): FieldValue {
    if (v !== null && (f.type === 'id' || f.type === 'reference') && typeof v === 'string') return ApexId.of(v);
    return v;
}
