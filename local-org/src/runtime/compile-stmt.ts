/**
 * Statements: blocks, locals, control flow, try/catch/finally, switch, DML; each wrapped with position,
 * coverage and the statement budget.
 */
import type { Block, Pos, Stmt } from '../frontend/ast';
import { isUncatchable } from '../semantic/builtin-classes';
import type { ClassSym } from '../semantic/symbols';
import { type ApexType, assignable, prim, T, typeName } from '../semantic/types';
import { ApexThrow, EmulatorError, type Frame } from './context';
import { castTo, isInstance, npe, translate, widen } from './ops';
import { ApexList, ApexObject, ApexSet, keyEquals } from './values';
import { type CExpr, type Exec, type MethodCtx, Scope } from './compile-types';
import { enumValue, tick } from './frames';
import { ExprCompiler } from './compile-expr';
import { userModeDml } from './user-mode';
import { catalog } from './sobject';

/** Every interface a class implements, directly or through superclasses and other interfaces. */
function* allInterfacesOf(cls: ClassSym): Generator<ClassSym> {
    for (const i of cls.interfaces) {
        yield i;
        yield* allInterfacesOf(i);
    }
    if (cls.superclass) yield* allInterfacesOf(cls.superclass);
}

export abstract class StmtCompiler extends ExprCompiler {
    block(b: Block, ctx: MethodCtx): Exec {
        return this.stmts(b.stmts, ctx);
    }

    protected stmts(list: Stmt[], ctx: MethodCtx): Exec {
        const saved = ctx.scope;
        ctx.scope = new Scope(saved);
        const code = list.map((s) => this.stmt(s, ctx));
        ctx.scope = saved;
        const n = code.length;
        if (n === 0) return () => 0;
        if (n === 1) return code[0];
        return (f) => {
            for (let i = 0; i < n; i++) {
                const r = code[i](f);
                if (r !== 0) return r;
            }
            return 0;
        };
    }

    /** Wraps a statement: position for stack traces, coverage, and the statement budget. */
    protected stmt(s: Stmt, ctx: MethodCtx): Exec {
        const inner = this.stmtInner(s, ctx);
        if (s.k === 'block') return inner;
        const line = s.pos.line;
        const col = s.pos.col;
        this.markLine(ctx.file, line);
        const cov = this.hitSet(ctx.file);
        return (f) => {
            f.line = line;
            f.col = col;
            cov.add(line);
            tick();
            return inner(f);
        };
    }

    protected stmtInner(s: Stmt, ctx: MethodCtx): Exec {
        switch (s.k) {
            case 'block':
                return this.block(s, ctx);
            case 'local': {
                const type = this.resolveType(s.type, ctx.cls, ctx.file);
                const parts: Exec[] = [];
                for (const d of s.decls) {
                    const init = d.init ? this.coerce(this.expr(d.init, ctx), type, ctx.file, d.pos) : null;
                    const slot = this.declare(ctx, d.name, type, d.pos);
                    if (s.isFinal && d.init) ctx.scope.vars.get(d.name.toLowerCase())!.isFinal = true;
                    parts.push(
                        init
                            ? (f) => {
                                  f.locals[slot] = init(f);
                                  return 0;
                              }
                            : (f) => {
                                  f.locals[slot] = null;
                                  return 0;
                              }
                    );
                }
                return parts.length === 1 ? parts[0] : (f) => (parts.forEach((p) => p(f)), 0);
            }
            case 'expr': {
                if (s.expr.k === 'ctorCall') {
                    this.error(ctx.file, s.pos, 'Constructor calls must be the first statement of a constructor');
                    return () => 0;
                }
                const k = s.expr.k;
                if (k !== 'assign' && k !== 'incdec' && k !== 'call' && k !== 'new') {
                    this.error(ctx.file, s.pos, 'Expression cannot be a statement.');
                    return () => 0;
                }
                const e = this.expr(s.expr, ctx).ev;
                return (f) => {
                    e(f);
                    return 0;
                };
            }
            case 'if': {
                const c = this.condition(s.cond, ctx);
                const th = this.scoped(s.then, ctx);
                const el = s.else ? this.scoped(s.else, ctx) : null;
                return el ? (f) => (c(f) ? th(f) : el(f)) : (f) => (c(f) ? th(f) : 0);
            }
            case 'while': {
                const c = this.condition(s.cond, ctx);
                const body = this.loopBody(s.body, ctx);
                return (f) => {
                    while (c(f)) {
                        tick();
                        const r = body(f);
                        if (r === 1) break;
                        if (r === 3) return 3;
                    }
                    return 0;
                };
            }
            case 'doWhile': {
                const c = this.condition(s.cond, ctx);
                const body = this.loopBody(s.body, ctx);
                return (f) => {
                    do {
                        tick();
                        const r = body(f);
                        if (r === 1) break;
                        if (r === 3) return 3;
                    } while (c(f));
                    return 0;
                };
            }
            case 'for':
                return this.forStmt(s, ctx);
            case 'forEach':
                return this.forEach(s, ctx);
            case 'return': {
                if (!s.expr) {
                    if (ctx.returnType.k !== 'void') this.error(ctx.file, s.pos, 'Missing return value');
                    return () => 3;
                }
                if (ctx.returnType.k === 'void') {
                    this.error(ctx.file, s.pos, 'Void method must not return a value');
                    return () => 3;
                }
                const v = this.coerce(this.expr(s.expr, ctx), ctx.returnType, ctx.file, s.pos);
                return (f) => {
                    f.ret = v(f);
                    return 3;
                };
            }
            case 'throw': {
                const e = this.expr(s.expr, ctx);
                if (e.t.k === 'class' && !e.t.cls.isException)
                    this.error(ctx.file, s.pos, 'Throw expression must be of type Exception');
                return (f) => {
                    const v = e.ev(f);
                    if (v === null) npe();
                    if (!(v instanceof ApexObject) || !v.cls.isException)
                        throw new EmulatorError('throw of a non-exception value');
                    throw new ApexThrow(v);
                };
            }
            case 'break':
                if (!ctx.inLoop) this.error(ctx.file, s.pos, 'Break statement must be in loop');
                return () => 1;
            case 'continue':
                if (!ctx.inLoop) this.error(ctx.file, s.pos, 'Continue statement must be in loop');
                return () => 2;
            case 'try':
                return this.tryStmt(s, ctx);
            case 'switch':
                return this.switchStmt(s, ctx);
            case 'dml': {
                const compiled = s.exprs.map((e) => this.expr(e, ctx));
                const first = compiled[0];
                const t = first?.t;
                const isRows =
                    !t ||
                    first.poisoned ||
                    t.k === 'any' ||
                    t.k === 'sobject' ||
                    (t.k === 'list' && (t.elem.k === 'sobject' || t.elem.k === 'any'));
                if (!isRows) this.error(ctx.file, s.pos, `DML requires SObject or SObject list type: ${typeName(t)}`);
                const keyField = s.keyField ? this.upsertKeyField(s.keyField, t, ctx, s.pos) : null;
                if (keyField && s.asUser)
                    this.error(
                        ctx.file,
                        s.pos,
                        'upsert as user on an external Id field is not supported by the local org',
                        'unsupported'
                    );
                const exprs = compiled.map((c) => c.ev);
                const op = s.op;
                const asUser = s.asUser === true;
                return (f) => {
                    const values: unknown[] = exprs.map((e) => e(f));
                    if (keyField) values.push(keyField);
                    // `insert as user`: the running user's CRUD, FLS and record access decide (runtime/user-mode.ts).
                    if (asUser) userModeDml(op, values, (v) => this.data.dml(op, v));
                    else this.data.dml(op, values);
                    return 0;
                };
            }
            case 'runAs': {
                // System.runAs(User): the block runs as that user; runAs(Version) (package versions) is not emulated.
                const args = s.args.map((a) => this.expr(a, ctx));
                const userType = { k: 'sobject', name: 'User' } as const;
                if (args.length !== 1 || !assignable(args[0].t, userType)) {
                    this.error(
                        ctx.file,
                        s.pos,
                        'System.runAs with these arguments is not supported by the local org',
                        'unsupported'
                    );
                    return () => 0;
                }
                const user = this.coerce(args[0], userType, ctx.file, s.pos);
                const body = this.block(s.body, ctx);
                const data = this.data;
                return (f) => {
                    const u = user(f);
                    if (u === null || u === undefined) npe();
                    if (!data.runAs) throw new EmulatorError('System.runAs needs the org');
                    let r = 0;
                    data.runAs(u, () => {
                        r = body(f);
                    });
                    return r;
                };
            }
        }
    }

    /**
     * The field of `upsert rows Field;`: an External Id field (or Id) of the rows' object, else the compile error the
     * platform gives (its wording is our reading: unverified). Returns the canonical name, or null after an error.
     */
    private upsertKeyField(name: string, t: ApexType | undefined, ctx: MethodCtx, pos: Pos): string | null {
        const so = t?.k === 'list' ? t.elem : t;
        if (!so || so.k !== 'sobject' || so.name === 'SObject') {
            this.error(
                ctx.file,
                pos,
                `upsert on the field ${name} of a generic SObject list is not supported by the local org`,
                'unsupported'
            );
            return null;
        }
        const obj = catalog().object(so.name);
        const f = catalog().findField(obj, name);
        if (!f || !(f.externalId || f.name === 'Id')) {
            this.error(
                ctx.file,
                pos,
                `Invalid field for upsert, must be an External Id custom or standard indexed field: ${name}`
            );
            return null;
        }
        return f.name;
    }

    protected scoped(s: Stmt, ctx: MethodCtx): Exec {
        const saved = ctx.scope;
        ctx.scope = new Scope(saved);
        const r = this.stmt(s, ctx);
        ctx.scope = saved;
        return r;
    }

    protected loopBody(s: Stmt, ctx: MethodCtx): Exec {
        ctx.inLoop++;
        const r = this.scoped(s, ctx);
        ctx.inLoop--;
        return r;
    }

    protected forStmt(s: Extract<Stmt, { k: 'for' }>, ctx: MethodCtx): Exec {
        const saved = ctx.scope;
        ctx.scope = new Scope(saved);
        let init: Exec = () => 0;
        if (Array.isArray(s.init)) {
            const es = s.init.map((e) => this.expr(e, ctx).ev);
            init = (f) => (es.forEach((e) => e(f)), 0);
        } else if (s.init) init = this.stmt(s.init, ctx);
        const cond = s.cond ? this.condition(s.cond, ctx) : () => true;
        const upd = s.update.map((e) => this.expr(e, ctx).ev);
        const body = this.loopBody(s.body, ctx);
        ctx.scope = saved;
        return (f) => {
            init(f);
            while (cond(f)) {
                tick();
                const r = body(f);
                if (r === 1) break;
                if (r === 3) return 3;
                for (const u of upd) u(f);
            }
            return 0;
        };
    }

    protected forEach(s: Extract<Stmt, { k: 'forEach' }>, ctx: MethodCtx): Exec {
        const it = this.expr(s.iter, ctx);
        // A project class implementing Iterable<T> is walked through iterator()/hasNext()/next().
        const iterable =
            it.t.k === 'class' &&
            [it.t.cls, ...allInterfacesOf(it.t.cls)].some((i) => i.builtin && i.name === 'Iterable');
        const elemT = it.t.k === 'list' || it.t.k === 'set' ? it.t.elem : T.Any;
        if (it.t.k !== 'list' && it.t.k !== 'set' && it.t.k !== 'any' && !iterable && !it.poisoned)
            this.error(ctx.file, s.iter.pos, `Loop must iterate over collection: ${typeName(it.t)}`);
        const saved = ctx.scope;
        ctx.scope = new Scope(saved);
        const type = this.resolveType(s.type, ctx.cls, ctx.file);
        if (elemT.k !== 'any' && !assignable(elemT, type))
            this.error(ctx.file, s.pos, `Loop variable must be of type ${typeName(elemT)}`);
        const slot = this.declare(ctx, s.name, type, s.pos);
        const body = this.loopBody(s.body, ctx);
        ctx.scope = saved;
        const ev = it.ev;
        if (iterable) {
            const overCollection = this.forEachItems(ev, slot, type, body);
            return (f) => {
                const c = ev(f);
                if (c === null || c === undefined) npe();
                // An Iterable-typed value may hold a List or Set (both are Iterable).
                if (c instanceof ApexList || c instanceof ApexSet) return overCollection(f);
                const iter = this.host.callMethod(c, 'iterator', []);
                if (iter === null) npe();
                while (this.host.callMethod(iter, 'hasNext', []) === true) {
                    tick();
                    f.locals[slot] = castTo(this.host.callMethod(iter, 'next', []), type);
                    const r = body(f);
                    if (r === 1) break;
                    if (r === 3) return 3;
                }
                return 0;
            };
        }
        return this.forEachItems(ev, slot, type, body);
    }

    private forEachItems(ev: CExpr['ev'], slot: number, type: ApexType, body: (f: Frame) => number): Exec {
        return (f) => {
            const c = ev(f);
            if (c === null || c === undefined) npe();
            const items = c instanceof ApexList ? c.items.slice() : c instanceof ApexSet ? c.store.keys() : null;
            if (!items) throw new EmulatorError('for-each over a value that is not a List or Set');
            const coll = c as ApexList | ApexSet;
            coll.iterating++;
            try {
                for (const x of items) {
                    tick();
                    f.locals[slot] = widen(x, type);
                    const r = body(f);
                    if (r === 1) break;
                    if (r === 3) return 3;
                }
            } finally {
                coll.iterating--;
            }
            return 0;
        };
    }

    protected tryStmt(s: Extract<Stmt, { k: 'try' }>, ctx: MethodCtx): Exec {
        const body = this.block(s.body, ctx);
        const catches = s.catches.map((c) => {
            const t = this.resolveType(c.type, ctx.cls, ctx.file);
            let cls: ClassSym | null = null;
            if (t.k === 'class' && t.cls.isException) cls = t.cls;
            else if (t.k !== 'any') this.error(ctx.file, c.pos, `Catch type must be an exception: ${typeName(t)}`);
            const saved = ctx.scope;
            ctx.scope = new Scope(saved);
            const slot = this.declare(ctx, c.name, t, c.pos);
            const b = this.block(c.body, ctx);
            ctx.scope = saved;
            return { cls, slot, b };
        });
        const fin = s.fin ? this.block(s.fin, ctx) : null;
        // Uncatchable exceptions (assertions, limits) and emulator errors end the transaction: no finally runs.
        // A finally that completes abruptly (return/break/continue) discards a pending Apex exception, as in Java.
        const escapes = (e: unknown): boolean => !(e instanceof ApexThrow) || isUncatchable(e.ex.cls);
        return (f) => {
            let result = 0;
            try {
                result = body(f);
            } catch (e0) {
                const e = translate(e0);
                if (escapes(e)) throw e;
                const ex = (e as ApexThrow).ex;
                const handler = catches.find((c) => c.cls && ex.cls.isSubtypeOf(c.cls));
                if (!handler) {
                    if (fin) {
                        const r = fin(f);
                        if (r !== 0) return r;
                    }
                    throw e;
                }
                try {
                    f.locals[handler.slot] = ex;
                    result = handler.b(f);
                } catch (e1) {
                    const e2 = translate(e1);
                    if (escapes(e2) || !fin) throw e2;
                    const r = fin(f);
                    if (r !== 0) return r;
                    throw e2;
                }
            }
            if (fin) {
                const r = fin(f);
                if (r !== 0) return r;
            }
            return result;
        };
    }

    protected switchStmt(s: Extract<Stmt, { k: 'switch' }>, ctx: MethodCtx): Exec {
        const subject = this.expr(s.expr, ctx);
        const st = subject.t;
        const arms: Array<{ test: (v: unknown, f: Frame) => boolean; body: Exec }> = [];
        let elseArm: Exec | null = null;
        for (const w of s.whens) {
            if (w.kind === 'else') {
                elseArm = this.block(w.body, ctx);
                continue;
            }
            if (w.kind === 'type') {
                const t = this.resolveType(w.type!, ctx.cls, ctx.file);
                const saved = ctx.scope;
                ctx.scope = new Scope(saved);
                const slot = this.declare(ctx, w.varName!, t, w.pos);
                const body = this.block(w.body, ctx);
                ctx.scope = saved;
                arms.push({
                    test: (v, f) => {
                        if (!isInstance(v, t)) return false;
                        f.locals[slot] = v;
                        return true;
                    },
                    body
                });
                continue;
            }
            const values: unknown[] = [];
            for (const v of w.values) {
                if (v.kind === 'Null') values.push(null);
                else if (v.kind === 'String') {
                    if (!prim(st, 'String') && st.k !== 'any')
                        this.error(ctx.file, v.pos, 'Incompatible when value type: String');
                    values.push(v.value);
                } else if (v.kind === 'Integer') values.push(prim(st, 'Long') ? BigInt(v.value!) : Number(v.value));
                else if (v.kind === 'Long') values.push(BigInt(v.value!));
                else {
                    if (st.k !== 'class' || st.cls.kind !== 'enum') {
                        this.error(ctx.file, v.pos, `Invalid when value: ${v.value}`);
                        continue;
                    }
                    const name = v.value!.split('.').pop()!;
                    const ord = st.cls.enumValues.findIndex((e) => e.toLowerCase() === name.toLowerCase());
                    if (ord < 0) this.error(ctx.file, v.pos, `Unknown enum value: ${name}`);
                    else values.push(enumValue(st.cls, ord));
                }
            }
            const body = this.block(w.body, ctx);
            // switch on String is case-sensitive; values match by equals.
            arms.push({ test: (v) => values.some((x) => (x === null ? v === null : keyEquals(x, v))), body });
        }
        const ev = subject.ev;
        return (f) => {
            const v = ev(f);
            for (const a of arms) if (a.test(v, f)) return a.body(f);
            if (elseArm) return elseArm(f);
            return 0;
        };
    }
}
