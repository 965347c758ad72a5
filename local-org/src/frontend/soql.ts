/**
 * SOQL front end: parses query text with @apexdevtools/apex-parser's `query()` rule (the same grammar as inline
 * SOQL) and lowers the tree into our own SOQL AST. The parser accepts more than we emulate; everything outside the
 * supported subset is rejected here, loudly, with the query text and position (SoqlError kind 'unsupported').
 *
 * Binds stay unevaluated: `{k:'bind', text, pos}` carries the Apex expression text; the caller evaluates it.
 */
import * as P from '@apexdevtools/apex-parser';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Ctx = any;

/** 1-based line and column, plus the 0-based offset in the query text. */
export interface SoqlPos {
    line: number;
    col: number;
    offset: number;
}

export interface FieldPath {
    k: 'path';
    /** Dotted parts as written, e.g. ['Profile', 'UserLicense', 'Name']. */
    parts: string[];
    pos: SoqlPos;
}

export type AggregateFn = 'COUNT' | 'COUNT_DISTINCT' | 'MIN' | 'MAX' | 'SUM' | 'AVG';

export interface AggregateCall {
    k: 'agg';
    fn: AggregateFn;
    /** Absent for COUNT(). */
    arg: FieldPath | null;
    pos: SoqlPos;
}

export type SelectItem =
    | { k: 'field'; path: FieldPath; alias: string | null }
    | { k: 'agg'; call: AggregateCall; alias: string | null }
    | { k: 'subquery'; query: SoqlQuery; pos: SoqlPos };

export interface BindValue {
    k: 'bind';
    /** The Apex expression after the colon, as written. */
    text: string;
    pos: SoqlPos;
}

export type SoqlValue =
    | { k: 'null' }
    | { k: 'boolean'; value: boolean }
    /** A number literal as written ('42', '-1.5'). */
    | { k: 'number'; text: string }
    | { k: 'string'; value: string }
    /** yyyy-MM-dd. */
    | { k: 'date'; text: string }
    /** yyyy-MM-ddTHH:mm:ss(.SSS)?(Z|±hh:mm). */
    | { k: 'datetime'; text: string }
    /** TODAY, LAST_N_DAYS:n … (name upper-cased, n for the :n forms). */
    | { k: 'dateLiteral'; name: string; n: number | null; pos: SoqlPos }
    | { k: 'list'; items: SoqlValue[] }
    | { k: 'subquery'; query: SoqlQuery }
    | BindValue;

export type CmpOp = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'LIKE' | 'IN' | 'NOT IN' | 'INCLUDES' | 'EXCLUDES';

export type Condition =
    | { k: 'and'; items: Condition[] }
    | { k: 'or'; items: Condition[] }
    | { k: 'not'; item: Condition }
    | { k: 'cmp'; left: FieldPath | AggregateCall; op: CmpOp; value: SoqlValue; pos: SoqlPos };

export interface OrderItem {
    expr: FieldPath | AggregateCall;
    desc: boolean;
    /** Explicit NULLS FIRST/LAST, or null for the default (nulls first ascending, last descending). */
    nullsLast: boolean | null;
}

export type SecurityMode = 'USER_MODE' | 'SYSTEM_MODE' | 'SECURITY_ENFORCED' | null;

export interface SoqlQuery {
    k: 'query';
    select: SelectItem[];
    from: { name: string; alias: string | null; pos: SoqlPos };
    where: Condition | null;
    security: SecurityMode;
    groupBy: FieldPath[];
    having: Condition | null;
    orderBy: OrderItem[];
    limit: { k: 'number'; value: number } | BindValue | null;
    offset: { k: 'number'; value: number } | BindValue | null;
    allRows: boolean;
    forView: boolean;
    forReference: boolean;
    forUpdate: boolean;
    pos: SoqlPos;
}

/**
 * A query that cannot run: 'syntax' (the parser's error), 'semantic' (unknown object or field: the platform's
 * QueryException), 'unsupported' (valid SOQL we do not emulate; an emulator error, never an Apex exception).
 */
export class SoqlError extends Error {
    constructor(
        readonly kind: 'syntax' | 'semantic' | 'unsupported',
        /** The platform-shaped message (for QueryException.getMessage()), without location. */
        readonly detail: string,
        readonly query: string,
        readonly pos: SoqlPos | null
    ) {
        super(pos ? `${detail} (at ${pos.line}:${pos.col} in: ${query})` : `${detail} (in: ${query})`);
        this.name = 'SoqlError';
    }
}

class Collector extends P.ApexErrorListener {
    readonly errors: Array<{ line: number; col: number; msg: string }> = [];
    apexSyntaxError(line: number, column: number, msg: string): void {
        this.errors.push({ line, col: column + 1, msg });
    }
}

function posOf(ctx: Ctx): SoqlPos {
    const t = ctx.start ?? ctx.symbol;
    return { line: t.line, col: t.column + 1, offset: t.start };
}

/** Parses and lowers one query. Throws SoqlError. */
export function parseSoql(text: string): SoqlQuery {
    // SOSL never reaches query(); say so instead of reporting a confusing syntax error.
    const sosl = /^\s*FIND\b/i.exec(text);
    if (sosl) {
        const at = sosl[0].length - 4;
        throw new SoqlError('unsupported', 'SOSL is not supported by the local org', text, {
            line: 1,
            col: at + 1,
            offset: at
        });
    }
    const c = new Collector();
    const { parser } = P.ApexParserFactory.createLexerAndParser(text, c);
    const tree = parser.query();
    if (c.errors.length) {
        const e = c.errors[0];
        throw new SoqlError('syntax', e.msg, text, { line: e.line, col: e.col, offset: -1 });
    }
    // query() does not demand EOF: anything left over is an error of its own.
    const next = parser.getTokenStream().LT(1);
    if (next && next.type !== -1) {
        throw new SoqlError('syntax', `unexpected token: '${next.text}'`, text, {
            line: next.line,
            col: next.column + 1,
            offset: next.start
        });
    }
    return new Lowerer(text).query(tree);
}

class Lowerer {
    constructor(private readonly src: string) {}

    private unsupported(what: string, ctx: Ctx): never {
        throw new SoqlError('unsupported', `${what} is not supported by the local org`, this.src, posOf(ctx));
    }

    private textOf(ctx: Ctx): string {
        return this.src.slice(ctx.start.start, ctx.stop.stop + 1);
    }

    query(q: Ctx): SoqlQuery {
        if (q.usingScope()) this.unsupported('USING SCOPE', q.usingScope());
        if (q.UPDATE()) this.unsupported('UPDATE TRACKING/VIEWSTAT', q.UPDATE());
        const out: SoqlQuery = {
            k: 'query',
            select: q
                .selectList()
                .selectEntry_list()
                .map((e: Ctx) => this.selectEntry(e)),
            from: this.from(q.fromNameList()),
            where: q.whereClause() ? this.whereLogical(q.whereClause().whereLogicalExpression()) : null,
            security: null,
            groupBy: [],
            having: null,
            orderBy: q.orderByClause() ? this.orderBy(q.orderByClause()) : [],
            limit: q.limitClause() ? this.limitOrOffset(q.limitClause()) : null,
            offset: q.offsetClause() ? this.limitOrOffset(q.offsetClause()) : null,
            allRows: !!q.allRowsClause(),
            forView: false,
            forReference: false,
            forUpdate: false,
            pos: posOf(q)
        };
        if (q.withClause()) out.security = this.withClause(q.withClause());
        if (q.groupByClause()) {
            const g = q.groupByClause();
            if (g.ROLLUP()) this.unsupported('GROUP BY ROLLUP', g);
            if (g.CUBE()) this.unsupported('GROUP BY CUBE', g);
            out.groupBy = g
                .fieldGroupByList()
                .fieldGroupBy_list()
                .map((f: Ctx) => {
                    if (f.soqlFunction()) this.unsupported('GROUP BY on a function', f);
                    return this.path(f.fieldName());
                });
            if (g.logicalExpression()) out.having = this.logical(g.logicalExpression());
        }
        this.forClauses(q.forClauses(), out);
        return out;
    }

    /** Subqueries (child relationship queries and semi-join values) share the shape of a query. */
    subQuery(q: Ctx): SoqlQuery {
        if (q.UPDATE()) this.unsupported('UPDATE TRACKING/VIEWSTAT', q.UPDATE());
        const out: SoqlQuery = {
            k: 'query',
            select: q
                .subFieldList()
                .subFieldEntry_list()
                .map((e: Ctx) => this.selectEntry(e)),
            from: this.from(q.fromNameList()),
            where: q.whereClause() ? this.whereLogical(q.whereClause().whereLogicalExpression()) : null,
            security: null,
            groupBy: [],
            having: null,
            orderBy: q.orderByClause() ? this.orderBy(q.orderByClause()) : [],
            limit: q.limitClause() ? this.limitOrOffset(q.limitClause()) : null,
            offset: null,
            allRows: false,
            forView: false,
            forReference: false,
            forUpdate: false,
            pos: posOf(q)
        };
        this.forClauses(q.forClauses(), out);
        return out;
    }

    private forClauses(fc: Ctx, out: SoqlQuery): void {
        if (!fc) return;
        out.forView = fc.VIEW_list().length > 0;
        out.forReference = fc.REFERENCE_list().length > 0;
        out.forUpdate = fc.UPDATE_list().length > 0;
    }

    private from(f: Ctx): SoqlQuery['from'] {
        const names = f.fieldName_list();
        if (names.length !== 1) this.unsupported('a FROM clause with several objects', f);
        const path = this.path(names[0]);
        if (path.parts.length !== 1) this.unsupported('a dotted FROM name', names[0]);
        const alias = f.soqlId_list().length ? this.id(f.soqlId(0)) : null;
        if (alias !== null) this.unsupported('object aliases in FROM', f.soqlId(0));
        return { name: path.parts[0], alias, pos: path.pos };
    }

    private id(ctx: Ctx): string {
        return ctx.getText();
    }

    path(ctx: Ctx): FieldPath {
        return { k: 'path', parts: ctx.soqlId_list().map((s: Ctx) => this.id(s)), pos: posOf(ctx) };
    }

    private selectEntry(e: Ctx): SelectItem {
        if (e.typeOf()) this.unsupported('TYPEOF', e.typeOf());
        const alias = e.soqlId() ? this.id(e.soqlId()) : null;
        if (e.subQuery()) {
            if (alias !== null) this.unsupported('an alias on a subquery', e.soqlId());
            return { k: 'subquery', query: this.subQuery(e.subQuery()), pos: posOf(e) };
        }
        if (e.soqlFunction()) return { k: 'agg', call: this.aggregate(e.soqlFunction()), alias };
        return { k: 'field', path: this.path(e.fieldName()), alias };
    }

    private aggregate(fn: Ctx): AggregateCall {
        const head = fn.getChild(0).getText().toUpperCase();
        const pos = posOf(fn);
        const known: AggregateFn[] = ['COUNT', 'COUNT_DISTINCT', 'MIN', 'MAX', 'SUM', 'AVG'];
        if (head === 'FIELDS') this.unsupported('FIELDS()', fn);
        if (!known.includes(head as AggregateFn)) this.unsupported(`${head}()`, fn);
        const arg = fn.fieldName() ? this.path(fn.fieldName()) : null;
        if (head !== 'COUNT' && !arg) this.unsupported(`${head}() without a field`, fn);
        return { k: 'agg', fn: head as AggregateFn, arg, pos };
    }

    private withClause(w: Ctx): SecurityMode {
        if (w.SECURITY_ENFORCED()) return 'SECURITY_ENFORCED';
        if (w.USER_MODE()) return 'USER_MODE';
        if (w.SYSTEM_MODE()) return 'SYSTEM_MODE';
        if (w.DATA()) this.unsupported('WITH DATA CATEGORY', w);
        return this.unsupported('this WITH clause', w);
    }

    private orderBy(o: Ctx): OrderItem[] {
        return o
            .fieldOrderList()
            .fieldOrder_list()
            .map((f: Ctx) => ({
                expr: f.soqlFunction() ? this.aggregate(f.soqlFunction()) : this.path(f.fieldName()),
                desc: !!f.DESC(),
                nullsLast: f.NULLS() ? !!f.LAST() : null
            }));
    }

    private limitOrOffset(c: Ctx): { k: 'number'; value: number } | BindValue {
        if (c.boundExpression()) return this.bind(c.boundExpression());
        return { k: 'number', value: Number(c.IntegerLiteral().getText()) };
    }

    private bind(b: Ctx): BindValue {
        return { k: 'bind', text: this.textOf(b.expression()), pos: posOf(b) };
    }

    /** WHERE uses its own rule (whereLogicalExpression) in 5.2; HAVING and WITH use logicalExpression. */
    private whereLogical(ctx: Ctx): Condition {
        const parts: Ctx[] = ctx.whereConditionalExpression_list();
        if (ctx.NOT()) return { k: 'not', item: this.whereConditional(parts[0]) };
        const items = parts.map((p) => this.whereConditional(p));
        if (items.length === 1) return items[0];
        return { k: ctx.SOQLAND_list().length ? 'and' : 'or', items };
    }

    private whereConditional(ctx: Ctx): Condition {
        if (ctx.whereLogicalExpression()) return this.whereLogical(ctx.whereLogicalExpression());
        const fe = ctx.whereFieldExpression();
        if (fe.FORMULA()) this.unsupported('FORMULA() conditions', fe);
        return this.fieldExpression(fe.fieldExpression());
    }

    private logical(ctx: Ctx): Condition {
        const parts: Ctx[] = ctx.conditionalExpression_list();
        if (ctx.NOT()) return { k: 'not', item: this.conditional(parts[0]) };
        const items = parts.map((p) => this.conditional(p));
        if (items.length === 1) return items[0];
        return { k: ctx.SOQLAND_list().length ? 'and' : 'or', items };
    }

    private conditional(ctx: Ctx): Condition {
        if (ctx.logicalExpression()) return this.logical(ctx.logicalExpression());
        return this.fieldExpression(ctx.fieldExpression());
    }

    private fieldExpression(fe: Ctx): Condition {
        const left = fe.soqlFunction() ? this.aggregate(fe.soqlFunction()) : this.path(fe.fieldName());
        const op = this.operator(fe.comparisonOperator());
        const value = this.value(fe.value());
        const pos = posOf(fe);
        const isList = value.k === 'list' || value.k === 'subquery' || value.k === 'bind';
        if ((op === 'IN' || op === 'NOT IN' || op === 'INCLUDES' || op === 'EXCLUDES') && !isList) {
            throw new SoqlError(
                'syntax',
                `expecting a left parentheses, found '${this.textOf(fe.value())}'`,
                this.src,
                posOf(fe.value())
            );
        }
        if (value.k === 'subquery' && op !== 'IN' && op !== 'NOT IN')
            this.unsupported(`a subquery after ${op}`, fe.value());
        if (value.k === 'list' && op !== 'IN' && op !== 'NOT IN' && op !== 'INCLUDES' && op !== 'EXCLUDES') {
            this.unsupported(`a value list after ${op}`, fe.value());
        }
        return { k: 'cmp', left, op, value, pos };
    }

    private operator(c: Ctx): CmpOp {
        if (c.NOT() && c.IN()) return 'NOT IN';
        const t = c.getText().toUpperCase();
        switch (t) {
            case '=':
            case '!=':
            case '<':
            case '>':
            case '<=':
            case '>=':
            case 'LIKE':
            case 'IN':
            case 'INCLUDES':
            case 'EXCLUDES':
                return t;
            case '<>':
                return '!=';
        }
        return this.unsupported(`operator ${t}`, c);
    }

    private value(v: Ctx): SoqlValue {
        if (v.NULL()) return { k: 'null' };
        if (v.BooleanLiteral()) return { k: 'boolean', value: v.getText().toLowerCase() === 'true' };
        if (v.signedNumber()) return { k: 'number', text: v.getText() };
        if (v.StringLiteral()) return { k: 'string', value: this.unquote(v.StringLiteral().getText(), v) };
        if (v.MultilineStringLiteral()) this.unsupported('multi-line string literals', v);
        if (v.DateLiteral()) return { k: 'date', text: v.getText() };
        if (v.DateTimeLiteral()) return { k: 'datetime', text: v.getText() };
        if (v.TimeLiteral()) this.unsupported('time literals', v);
        if (v.dateFormula()) return this.dateFormula(v.dateFormula());
        if (v.IntegralCurrencyLiteral()) this.unsupported('currency literals', v);
        if (v.subQuery()) return { k: 'subquery', query: this.subQuery(v.subQuery()) };
        if (v.valueList())
            return {
                k: 'list',
                items: v
                    .valueList()
                    .value_list()
                    .map((x: Ctx) => this.value(x))
            };
        if (v.boundExpression()) return this.bind(v.boundExpression());
        if (v.IntegerLiteral()) return { k: 'number', text: v.getText() };
        return this.unsupported(`the value ${v.getText()}`, v);
    }

    private dateFormula(d: Ctx): SoqlValue {
        const name = d.getChild(0).getText().toUpperCase();
        const n = d.signedInteger() ? Number(d.signedInteger().getText()) : null;
        return { k: 'dateLiteral', name, n, pos: posOf(d) };
    }

    /** SOQL string escapes: \' \" \\ \n \r \t \b \f \_ \% (the last two only matter to LIKE, kept escaped). */
    private unquote(raw: string, ctx: Ctx): string {
        const body = raw.slice(1, -1);
        let out = '';
        for (let i = 0; i < body.length; i++) {
            const ch = body[i];
            if (ch !== '\\') {
                out += ch;
                continue;
            }
            const n = body[++i];
            const map: Record<string, string> = {
                n: '\n',
                r: '\r',
                t: '\t',
                b: '\b',
                f: '\f',
                "'": "'",
                '"': '"',
                '\\': '\\'
            };
            if (n in map) out += map[n];
            else if (n === '_' || n === '%') out += '\\' + n;
            else
                throw new SoqlError(
                    'syntax',
                    `Invalid string literal '${raw}'. Illegal character sequence '\\${n}' in string literal.`,
                    this.src,
                    posOf(ctx)
                );
        }
        return out;
    }
}
