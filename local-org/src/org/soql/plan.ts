/**
 * Query planning: resolves every name of a lowered SOQL query against the schema catalog (case-insensitively, to
 * canonical spellings), checks literal types against field types, and rejects what the platform rejects or what we
 * do not emulate. Plans hold no bind values: those are evaluated per execution.
 */
import type {
    AggregateCall,
    CmpOp,
    Condition,
    FieldPath,
    OrderItem,
    SecurityMode,
    SoqlQuery,
    SoqlValue,
    BindValue,
    SoqlPos
} from '../../frontend/soql';
import { parseSoql } from '../../frontend/soql';
import type { Catalog } from '../schema/catalog';
import type { FieldDef, ObjectDef } from '../schema/types';
import { noSuchColumn, noSuchObject, noSuchRelationship, semantic, unsupported } from './errors';
import { isSupportedDateLiteral } from './dates';

/** SOQL allows five levels of parent relationships in one path (SOQL and SOSL Reference, relationship queries). */
const MAX_PARENT_DEPTH = 5;

/** A resolved field path: reference fields followed, then the final field. */
export interface ResolvedPath {
    /** Reference fields traversed from the root, each with the object it leads to. */
    steps: Array<{ ref: FieldDef; refKey: string; target: ObjectDef }>;
    field: FieldDef;
    /** Lower-case name of `field` (the store's key). */
    key: string;
    /** The object owning `field`. */
    owner: ObjectDef;
    /** Canonical spelling: relationship names then the field name. */
    canonical: string[];
    pos: SoqlPos;
}

export interface PlanAggregate {
    fn: AggregateCall['fn'];
    arg: ResolvedPath | null;
    /** Alias as written, or exprN. */
    alias: string;
}

export type PlanCondition =
    | { k: 'and'; items: PlanCondition[] }
    | { k: 'or'; items: PlanCondition[] }
    | { k: 'not'; item: PlanCondition }
    | { k: 'cmp'; left: ResolvedPath; op: CmpOp; value: PlanValue; pos: SoqlPos }
    | { k: 'having'; left: PlanAggregate; op: CmpOp; value: PlanValue; pos: SoqlPos };

export type PlanValue =
    | Exclude<SoqlValue, { k: 'subquery' } | { k: 'list' }>
    | { k: 'list'; items: PlanValue[] }
    | { k: 'semijoin'; plan: Plan };

export interface PlanOrder {
    path: ResolvedPath | null;
    agg: PlanAggregate | null;
    desc: boolean;
    nullsLast: boolean;
}

export interface ChildPlan {
    relationship: string;
    /** The child object and its field pointing at the parent. */
    field: FieldDef;
    plan: Plan;
}

export interface Plan {
    text: string;
    root: ObjectDef;
    fields: ResolvedPath[];
    children: ChildPlan[];
    aggregates: PlanAggregate[];
    /** Group-by paths (aggregate queries). */
    groupBy: ResolvedPath[];
    /** Plain fields selected in an aggregate query, with their result key. */
    groupFields: Array<{ path: ResolvedPath; key: string }>;
    kind: 'rows' | 'aggregate' | 'count';
    where: PlanCondition | null;
    having: PlanCondition | null;
    orderBy: PlanOrder[];
    limit: { k: 'number'; value: number } | BindValue | null;
    offset: { k: 'number'; value: number } | BindValue | null;
    security: SecurityMode;
    allRows: boolean;
    forUpdate: boolean;
    forView: boolean;
    forReference: boolean;
}

const TEXT_TYPES = new Set(['string', 'textarea', 'picklist', 'multipicklist', 'email', 'phone', 'url']);
const NUMBER_TYPES = new Set(['int', 'double', 'currency', 'percent', 'long']);

/** Describe's type name for messages. */
function soapType(f: FieldDef): string {
    switch (f.type) {
        case 'int':
            return 'integer';
        case 'datetime':
            return 'dateTime';
        case 'reference':
        case 'id':
            return 'id';
        default:
            return TEXT_TYPES.has(f.type) ? 'string' : f.type;
    }
}

export class Planner {
    constructor(
        private readonly catalog: Catalog,
        private readonly text: string
    ) {}

    static plan(catalog: Catalog, text: string): Plan {
        return new Planner(catalog, text).query(parseSoql(text));
    }

    query(q: SoqlQuery): Plan {
        const root = this.catalog.findObject(q.from.name);
        if (!root || !root.queryable) throw noSuchObject(q.from.name, this.text, q.from.pos);
        return this.build(q, root);
    }

    private build(q: SoqlQuery, root: ObjectDef): Plan {
        const plan: Plan = {
            text: this.text,
            root,
            fields: [],
            children: [],
            aggregates: [],
            groupBy: q.groupBy.map((g) => this.resolve(root, g)),
            groupFields: [],
            kind: 'rows',
            where: null,
            having: null,
            orderBy: [],
            limit: q.limit,
            offset: q.offset,
            security: q.security,
            allRows: q.allRows,
            forUpdate: q.forUpdate,
            forView: q.forView,
            forReference: q.forReference
        };
        let exprN = 0;
        const hasAgg = q.select.some((s) => s.k === 'agg') || q.groupBy.length > 0;
        for (const item of q.select) {
            if (item.k === 'field') {
                const p = this.resolve(root, item.path);
                if (hasAgg) {
                    plan.groupFields.push({ path: p, key: item.alias ?? p.field.name });
                } else {
                    if (item.alias !== null)
                        throw semantic('Only aggregate expressions use field aliasing', this.text, item.path.pos);
                    if (plan.fields.some((f) => sameField(f, p))) {
                        throw semantic(`duplicate field selected: ${p.canonical.join('.')}`, this.text, item.path.pos);
                    }
                    plan.fields.push(p);
                }
            } else if (item.k === 'agg') {
                if (item.call.fn === 'COUNT' && item.call.arg === null) {
                    if (q.select.length > 1 || q.groupBy.length) {
                        throw unsupported(
                            'COUNT() together with other select items or GROUP BY',
                            this.text,
                            item.call.pos
                        );
                    }
                    plan.kind = 'count';
                    continue;
                }
                plan.aggregates.push(this.aggregate(root, item.call, item.alias ?? `expr${exprN++}`));
            } else {
                if (hasAgg) throw unsupported('a child subquery in an aggregate query', this.text, item.pos);
                plan.children.push(this.child(root, item.query));
            }
        }
        if (plan.kind !== 'count' && hasAgg) {
            plan.kind = 'aggregate';
            for (const g of plan.groupFields) {
                if (!plan.groupBy.some((b) => sameField(b, g.path))) {
                    throw semantic(`Field must be grouped or aggregated: ${g.path.field.name}`, this.text, g.path.pos);
                }
            }
        }
        if (q.where) plan.where = this.condition(root, q.where, false);
        if (q.having) {
            // The grammar puts HAVING inside GROUP BY, so the plan is an aggregate one here.
            plan.having = this.condition(root, q.having, true);
            this.checkHavingFields(plan, plan.having);
        }
        plan.orderBy = q.orderBy.map((o) => this.order(root, o, plan));
        if (q.forUpdate && q.orderBy.length) {
            // Apex Developer Guide, "Locking Statements": ORDER BY cannot be used in a query that locks rows.
            throw semantic('ORDER BY is not allowed in a query with FOR UPDATE', this.text, q.pos);
        }
        if (q.offset && q.offset.k === 'number' && q.offset.value > 2000) {
            throw semantic('Maximum SOQL offset allowed is 2000', this.text, q.pos);
        }
        return plan;
    }

    /** A plain field in HAVING must be one of the GROUP BY fields. */
    private checkHavingFields(plan: Plan, c: PlanCondition): void {
        if (c.k === 'and' || c.k === 'or') c.items.forEach((i) => this.checkHavingFields(plan, i));
        else if (c.k === 'not') this.checkHavingFields(plan, c.item);
        else if (c.k === 'cmp' && !plan.groupBy.some((b) => sameField(b, c.left))) {
            throw semantic(`Field must be grouped or aggregated: ${c.left.field.name}`, this.text, c.pos);
        }
    }

    private aggregate(root: ObjectDef, call: AggregateCall, alias: string): PlanAggregate {
        const arg = call.arg ? this.resolve(root, call.arg) : null;
        if (arg && (call.fn === 'SUM' || call.fn === 'AVG') && !NUMBER_TYPES.has(arg.field.type)) {
            throw semantic(`Invalid field ${arg.field.name} for ${call.fn} function`, this.text, call.pos);
        }
        return { fn: call.fn, arg, alias };
    }

    private child(root: ObjectDef, q: SoqlQuery): ChildPlan {
        const rel = root.childRelationships.get(q.from.name.toLowerCase());
        if (!rel) throw noSuchRelationship(q.from.name, 'FROM part of query call', this.text, q.from.pos);
        const childObj = this.catalog.object(rel.childObject);
        const plan = this.build(q, childObj);
        if (plan.kind !== 'rows') throw unsupported('aggregates in a child subquery', this.text, q.pos);
        if (plan.children.length) throw semantic('Nesting of subqueries is not supported', this.text, q.pos);
        return { relationship: rel.name, field: this.catalog.field(childObj, rel.field), plan };
    }

    /** Resolves a dotted path from an object: relationships, then a field. */
    resolve(root: ObjectDef, path: FieldPath): ResolvedPath {
        let obj = root;
        const steps: ResolvedPath['steps'] = [];
        const canonical: string[] = [];
        const parts = path.parts;
        if (parts.length - 1 > MAX_PARENT_DEPTH)
            throw unsupported(`more than ${MAX_PARENT_DEPTH} levels of parent relationships`, this.text, path.pos);
        for (let i = 0; i < parts.length - 1; i++) {
            const ref = obj.parentRelationships.get(parts[i].toLowerCase());
            if (!ref) throw noSuchRelationship(parts[i], 'field path', this.text, path.pos);
            const targets = ref.referenceTo ?? [];
            if (targets.length !== 1)
                throw unsupported(
                    `the polymorphic relationship ${obj.name}.${ref.relationshipName}`,
                    this.text,
                    path.pos
                );
            const target = this.catalog.findObject(targets[0]);
            if (!target)
                throw unsupported(
                    `the relationship ${obj.name}.${ref.relationshipName} to ${targets[0]}, an object outside the catalog`,
                    this.text,
                    path.pos
                );
            steps.push({ ref, refKey: ref.name.toLowerCase(), target });
            canonical.push(ref.relationshipName!);
            obj = target;
        }
        const last = parts[parts.length - 1];
        const field = this.catalog.findField(obj, last);
        if (!field) throw noSuchColumn(last, obj.name, this.text, path.pos);
        canonical.push(field.name);
        return { steps, field, key: field.name.toLowerCase(), owner: obj, canonical, pos: path.pos };
    }

    private order(root: ObjectDef, o: OrderItem, plan: Plan): PlanOrder {
        const nullsLast = o.nullsLast ?? o.desc;
        if (o.expr.k === 'agg') {
            if (plan.kind !== 'aggregate')
                throw semantic('Ordering by an aggregate needs GROUP BY', this.text, o.expr.pos);
            return { path: null, agg: this.aggregate(root, o.expr, ''), desc: o.desc, nullsLast };
        }
        const path = this.resolve(root, o.expr);
        if (plan.kind === 'aggregate' && !plan.groupBy.some((b) => sameField(b, path))) {
            throw semantic(`Ordered field must be grouped or aggregated: ${path.field.name}`, this.text, o.expr.pos);
        }
        // Multi-select picklists and long text areas are not sortable (describe's `sortable`); 255-character text areas are.
        if (path.field.type === 'multipicklist' || (path.field.type === 'textarea' && (path.field.length ?? 0) > 255)) {
            throw semantic(`field '${path.field.name}' can not be sorted in a query call`, this.text, o.expr.pos);
        }
        return { path, agg: null, desc: o.desc, nullsLast };
    }

    private condition(root: ObjectDef, c: Condition, having: boolean): PlanCondition {
        switch (c.k) {
            case 'and':
            case 'or':
                return { k: c.k, items: c.items.map((i) => this.condition(root, i, having)) };
            case 'not':
                return { k: 'not', item: this.condition(root, c.item, having) };
        }
        if (c.left.k === 'agg') {
            if (!having) throw semantic('Aggregate functions are not allowed in the WHERE clause', this.text, c.pos);
            const agg = this.aggregate(root, c.left, '');
            const value = this.value(root, c.value, null, c.op, c.pos);
            return { k: 'having', left: agg, op: c.op, value, pos: c.pos };
        }
        const left = this.resolve(root, c.left);
        if (!left.field.filterable)
            throw semantic(`field '${left.field.name}' can not be filtered in a query call`, this.text, c.pos);
        const value = this.value(root, c.value, left, c.op, c.pos);
        this.checkOperator(left, c.op, c.pos);
        return { k: 'cmp', left, op: c.op, value, pos: c.pos };
    }

    private checkOperator(left: ResolvedPath, op: CmpOp, pos: SoqlPos): void {
        const t = left.field.type;
        if ((op === 'INCLUDES' || op === 'EXCLUDES') && t !== 'multipicklist') {
            throw semantic(`${op} operator is only valid on multipicklist fields`, this.text, pos);
        }
        if (t === 'multipicklist' && op !== '=' && op !== '!=' && op !== 'INCLUDES' && op !== 'EXCLUDES') {
            throw semantic(`invalid operator on multipicklist field`, this.text, pos);
        }
        // SOQL reference: "The LIKE operator is supported for string fields only."
        if (op === 'LIKE' && (!TEXT_TYPES.has(t) || t === 'multipicklist')) {
            throw semantic(`invalid operator on field ${left.field.name}: LIKE`, this.text, pos);
        }
        if (t === 'textarea' && op !== 'LIKE') {
            // Long text areas cannot be filtered at all; short ones (255) can.
            if ((left.field.length ?? 0) > 255)
                throw semantic(`field '${left.field.name}' can not be filtered in a query call`, this.text, pos);
        }
    }

    /** Checks a literal against the field type (binds are checked when their value is known). */
    private value(root: ObjectDef, v: SoqlValue, left: ResolvedPath | null, op: CmpOp, pos: SoqlPos): PlanValue {
        switch (v.k) {
            case 'bind':
            case 'null':
                return v;
            case 'list':
                return { k: 'list', items: v.items.map((i) => this.value(root, i, left, op, pos)) };
            case 'subquery': {
                if (!left || (left.field.type !== 'id' && left.field.type !== 'reference')) {
                    throw semantic(
                        'Semi-join and anti-join subqueries need an Id or reference field on the left',
                        this.text,
                        pos
                    );
                }
                const sub = this.query(v.query);
                if (sub.kind !== 'rows' || sub.fields.length !== 1 || sub.children.length) {
                    throw semantic(
                        'A semi-join subquery must select exactly one Id or reference field',
                        this.text,
                        v.query.pos
                    );
                }
                const f = sub.fields[0].field;
                if (f.type !== 'id' && f.type !== 'reference')
                    throw semantic('A semi-join subquery must select an Id or reference field', this.text, v.query.pos);
                if (sub.fields[0].steps.length)
                    throw semantic(
                        'The selected field of a semi-join subquery cannot traverse relationships',
                        this.text,
                        v.query.pos
                    );
                if (sub.root.name === root.name && sub.fields[0].steps.length === 0) {
                    throw semantic(
                        'The inner and outer selects should not be on the same object type',
                        this.text,
                        v.query.pos
                    );
                }
                return { k: 'semijoin', plan: sub };
            }
            case 'dateLiteral':
                if (!isSupportedDateLiteral(v.name)) {
                    if (v.name.includes('FISCAL'))
                        throw unsupported(`the fiscal date literal ${v.name}`, this.text, v.pos);
                    throw unsupported(`the date literal ${v.name}`, this.text, v.pos);
                }
                if (left && left.field.type !== 'date' && left.field.type !== 'datetime')
                    throw this.mismatch(left, pos, false);
                return v;
        }
        if (!left) {
            if (v.k !== 'number') throw semantic('HAVING compares aggregates with numbers only', this.text, pos);
            return v;
        }
        const t = left.field.type;
        const quoted = v.k === 'string';
        let ok: boolean;
        switch (v.k) {
            case 'string':
                ok = TEXT_TYPES.has(t) || t === 'id' || t === 'reference';
                break;
            case 'boolean':
                ok = t === 'boolean';
                break;
            case 'number':
                ok = NUMBER_TYPES.has(t);
                break;
            case 'date':
                ok = t === 'date';
                break;
            case 'datetime':
                ok = t === 'datetime';
                break;
        }
        if (!ok) throw this.mismatch(left, pos, quoted);
        return v;
    }

    private mismatch(left: ResolvedPath, pos: SoqlPos, quoted: boolean): Error {
        const t = soapType(left.field);
        const wantsQuotes = t === 'string' || t === 'id';
        const tail = wantsQuotes
            ? 'and should be enclosed in quotes'
            : quoted
              ? 'and should not be enclosed in quotes'
              : '';
        return semantic(
            `value of filter criterion for field '${left.field.name}' must be of type ${t}${tail ? ' ' + tail : ''}`,
            this.text,
            pos
        );
    }
}

function sameField(a: ResolvedPath, b: ResolvedPath): boolean {
    return a.canonical.join('.').toLowerCase() === b.canonical.join('.').toLowerCase();
}
