/**
 * The semantic pass and closure compiler in one walk: every name, type and overload is resolved before anything
 * runs, problems become Diagnostics, and each expression/statement becomes a JS closure over a Frame.
 */
import type { Diagnostic } from '../api';
import type { Block, Expr, Member, NewExpr, Pos, Stmt, TypeNode } from '../frontend/ast';
import { checkSoql } from '../frontend/parse';
import { isUncatchable } from '../semantic/builtin-classes';
import type { TypeResolver } from '../semantic/resolve';
import { type ClassSym, type FieldSym, type MethodSym, canAccess } from '../semantic/symbols';
import { type ApexType, T, UNRESOLVED, assignable, castable, isNumeric, prim, sameType, typeName, widerNumeric } from '../semantic/types';
import type { BuiltinMethod } from '../stdlib/builtin';
import { type RuntimeHost, registry } from '../stdlib/registry';
import { ApexDecimal } from '../stdlib/primitives/decimal';
import { ApexDouble } from '../stdlib/primitives/numbers';
import { ApexThrow, EmulatorError, type Frame, tx } from './context';
import type { DataService } from './data';
import { arith, bitop, castTo, compareOp, isInstance, negate, newException, npe, raise, stringOf, translate, widen } from './ops';
import { ApexList, ApexMap, ApexObject, ApexSet, EnumValue, TypeValue, keyEquals, looseEquals } from './values';

type Ev = (f: Frame) => unknown;
/** Statement completion: 0 normal, 1 break, 2 continue, 3 return. */
type Exec = (f: Frame) => number;

interface CExpr {
    t: ApexType;
    /** Produced after a diagnostic: follow-on checks stay quiet. */
    poisoned?: boolean;
    /** Why this target cannot be assigned from here (e.g. a `private set;` property), if so. */
    writeError?: string;
    /** An inline SOQL query: also assignable to one SObject (single row) or an Integer (COUNT()). */
    soql?: boolean;
    ev: Ev;
    /** The expression names a type (for static access), not a value. */
    typeRef?: ApexType;
    /** The expression names a namespace (System, Schema, Database). */
    ns?: string;
    set?: (f: Frame, v: unknown) => void;
    isSuper?: boolean;
}

interface Var {
    slot: number;
    type: ApexType;
    isFinal?: boolean;
}

class Scope {
    readonly vars = new Map<string, Var>();
    constructor(readonly parent: Scope | null) {}
    find(lower: string): Var | undefined {
        return this.vars.get(lower) ?? this.parent?.find(lower);
    }
}

interface MethodCtx {
    cls: ClassSym | null;
    isStatic: boolean;
    scope: Scope;
    slots: number;
    returnType: ApexType;
    file: string;
    /** Inside a property accessor: the property whose name means its backing field. */
    property: FieldSym | null;
    inLoop: number;
    /** Compiling a constructor or an initialiser, where final fields may be assigned. */
    initOrCtor?: boolean;
}

export interface CoverageSink {
    lines: Map<string, Set<number>>;
    hit: Map<string, Set<number>>;
}

const NAMESPACES = new Set(['system', 'schema', 'database']);
/** System classes we know exist but do not (yet) emulate: calls on them are 'unsupported', not unknown names. */
const KNOWN_SYSTEM_CLASSES = new Set(
    ['JSON', 'JSONParser', 'JSONGenerator', 'Crypto', 'EncodingUtil', 'Http', 'HttpRequest', 'HttpResponse', 'Messaging', 'EventBus', 'Schema', 'Database', 'Trigger', 'Url', 'Blob', 'Search', 'Site', 'Network', 'Approval', 'FeatureManagement', 'Cache', 'Request', 'Label', 'Page', 'ApexPages', 'Continuation', 'Queueable', 'Limits'].map((n) => n.toLowerCase())
);
const EMPTY: unknown[] = [];

export class Compiler {
    readonly diagnostics: Diagnostic[] = [];
    private readonly seenUnsupported = new Set<string>();

    constructor(
        private readonly types: TypeResolver,
        private readonly host: RuntimeHost,
        private readonly data: DataService,
        private readonly coverage: CoverageSink
    ) {}

    // ------------------------------------------------------------ diagnostics

    private error(file: string, pos: Pos, message: string, kind: 'semantic' | 'unsupported' = 'semantic'): CExpr {
        if (kind === 'unsupported') {
            const key = `${file}:${pos.line}:${pos.col}:${message}`;
            if (this.seenUnsupported.has(key)) return poison();
            this.seenUnsupported.add(key);
        }
        this.diagnostics.push({ kind, file, line: pos.line, column: pos.col, message });
        return poison();
    }

    resolveType(node: TypeNode, cls: ClassSym | null, file: string): ApexType {
        const r = this.types.resolve(node, cls);
        if (typeof r === 'string') {
            this.error(file, node.pos, r);
            return UNRESOLVED;
        }
        return r;
    }

    // ------------------------------------------------------------ classes

    /** Compiles method, constructor, property and initialiser bodies of a class (signatures already declared). */
    compileClass(cls: ClassSym): void {
        const file = cls.file;
        for (const list of cls.methods.values()) for (const m of list) if (m.owner === cls && m.body) this.compileMethod(m, file);
        for (const c of cls.ctors) this.compileCtor(c, file);
        for (const f of cls.fields.values()) this.compileProperty(f, file);
        this.compileInits(cls, file);
        for (const inner of cls.inner.values()) this.compileClass(inner);
        // A concrete class must implement every abstract/interface method it inherits.
        if (cls.kind === 'class' && !cls.hasWord('abstract') && !cls.builtin) {
            for (const iface of allInterfaces(cls)) {
                for (const list of iface.methods.values()) {
                    for (const m of list) {
                        if (!cls.dispatch(m.sig)) this.error(file, cls.decl!.pos, `Class ${cls.qualifiedName} must implement the method: ${methodLabel(m)}`);
                    }
                }
            }
        }
    }

    /** Compiles anonymous Apex statements into a runnable body. */
    compileAnonymous(stmts: Stmt[], file: string): () => void {
        const ctx = this.newCtx(null, true, T.Void, file);
        const body = this.stmts(stmts, ctx, { line: 1, col: 1 });
        return () => {
            const f = enter('AnonymousBlock', null, ctx.slots, EMPTY);
            try {
                body(f);
            } catch (e) {
                noteError(e);
                throw e;
            } finally {
                tx().stack.pop();
            }
        };
    }

    private newCtx(cls: ClassSym | null, isStatic: boolean, returnType: ApexType, file: string): MethodCtx {
        return { cls, isStatic, scope: new Scope(null), slots: 0, returnType, file, property: null, inLoop: 0 };
    }

    private declare(ctx: MethodCtx, name: string, type: ApexType, pos: Pos): number {
        const lower = name.toLowerCase();
        if (ctx.scope.find(lower)) this.error(ctx.file, pos, `Duplicate variable: ${name}`);
        const slot = ctx.slots++;
        ctx.scope.vars.set(lower, { slot, type });
        return slot;
    }

    private label(cls: ClassSym | null, method: string): string {
        return cls ? `Class.${cls.qualifiedName}.${method}` : 'AnonymousBlock';
    }

    private compileMethod(m: MethodSym, file: string): void {
        const ctx = this.newCtx(m.owner, m.isStatic, m.returnType, file);
        for (const p of m.params) this.declare(ctx, p.name, p.type, p.pos);
        const body = this.block(m.body!, ctx);
        if (m.returnType.k !== 'void' && !alwaysExits(m.body!)) {
            this.error(file, m.pos, `Missing return statement required return type: ${typeName(m.returnType)}`);
        }
        const label = this.label(m.owner, m.name);
        const owner = m.owner;
        const isStatic = m.isStatic;
        m.invoke = (self, args) => {
            if (isStatic) this.ensureStatics(owner);
            const f = enter(label, self as ApexObject | null, ctx.slots, args);
            try {
                body(f);
                return f.ret;
            } catch (e) {
                noteError(e);
                throw e;
            } finally {
                tx().stack.pop();
            }
        };
    }

    private compileCtor(m: MethodSym, file: string): void {
        const ctx = this.newCtx(m.owner, false, T.Void, file);
        ctx.initOrCtor = true;
        for (const p of m.params) this.declare(ctx, p.name, p.type, p.pos);
        const stmts = m.body!.stmts;
        const first = stmts[0];
        const chain = first && first.k === 'expr' && first.expr.k === 'ctorCall' ? first.expr : null;
        const rest = chain ? stmts.slice(1) : stmts;
        const owner = m.owner;
        let chainFn: ((f: Frame) => void) | null = null;
        if (chain) {
            const target = chain.which === 'this' ? owner : owner.superclass;
            if (!target) {
                this.error(file, chain.pos, 'Call to super() in a class without a superclass');
            } else {
                const args = chain.args.map((a) => this.expr(a, ctx));
                const ctor = this.pickCtor(target, args, file, chain.pos);
                if (ctor) {
                    const argEvs = this.convertArgs(args, ctor.params.map((p) => p.type));
                    const isThis = chain.which === 'this';
                    chainFn = (f) => {
                        const vals = argEvs.map((a) => a(f));
                        if (isThis) this.runCtor(ctor, f.self!, vals);
                        else {
                            this.runCtor(ctor, f.self!, vals);
                            this.runInstanceInits(owner, f.self!);
                        }
                    };
                }
            }
        }
        const body = this.stmts(rest, ctx, m.body!.pos);
        const label = this.label(owner, owner.name);
        const chainsThis = chain?.which === 'this';
        const chainsSuper = chain?.which === 'super';
        m.invoke = (self, args) => {
            const f = enter(label, self as ApexObject, ctx.slots, args);
            try {
                if (chainFn) chainFn(f);
                if (!chainsThis && !chainsSuper) {
                    if (owner.superclass) this.runDefaultCtor(owner.superclass, self as ApexObject);
                    this.runInstanceInits(owner, self as ApexObject);
                }
                body(f);
                return null;
            } catch (e) {
                noteError(e);
                throw e;
            } finally {
                tx().stack.pop();
            }
        };
    }

    private compileProperty(fsym: FieldSym, file: string): void {
        if (!fsym.isProperty) return;
        const compileAccessor = (block: Block, isSetter: boolean): Exec => {
            const ctx = this.newCtx(fsym.owner, fsym.isStatic, isSetter ? T.Void : fsym.type, file);
            ctx.property = fsym;
            if (isSetter) this.declare(ctx, 'value', fsym.type, block.pos);
            const body = this.block(block, ctx);
            const label = this.label(fsym.owner, `${isSetter ? 'set' : 'get'}${fsym.name}`);
            return (outer) => {
                const f = enter(label, outer.self, ctx.slots, isSetter ? [outer.ret] : EMPTY);
                try {
                    body(f);
                    outer.ret = f.ret;
                    return 0;
                } catch (e) {
                    noteError(e);
                    throw e;
                } finally {
                    tx().stack.pop();
                }
            };
        };
        const g = fsym.getter ? compileAccessor(fsym.getter, false) : null;
        const s = fsym.setter ? compileAccessor(fsym.setter, true) : null;
        propertyAccessors.set(fsym, { get: g, set: s });
    }

    private compileInits(cls: ClassSym, file: string): void {
        const compileList = (members: Member[], isStatic: boolean): Exec[] => {
            const out: Exec[] = [];
            for (const m of members) {
                const ctx = this.newCtx(cls, isStatic, T.Void, file);
                ctx.initOrCtor = true;
                if (m.k === 'init') {
                    const b = this.block(m.body, ctx);
                    out.push(withFrame(this.label(cls, isStatic ? '<clinit>' : '<init>'), ctx, b));
                } else if (m.k === 'field') {
                    for (const d of m.decls) {
                        if (!d.init) continue;
                        const fsym = cls.fields.get(d.name.toLowerCase())!;
                        const v = this.coerce(this.expr(d.init, ctx), fsym.type, ctx.file, d.pos);
                        const key = fsym.name.toLowerCase();
                        const line = d.pos.line;
                        const col = d.pos.col;
                        const store = isStatic
                            ? (f: Frame) => {
                                  this.statics(cls).set(key, v(f));
                                  return 0;
                              }
                            : (f: Frame) => {
                                  f.self!.fields.set(key, v(f));
                                  return 0;
                              };
                        this.markLine(file, line);
                        const cov = this.hitSet(file);
                        out.push(
                            withFrame(this.label(cls, isStatic ? '<clinit>' : '<init>'), ctx, (f) => {
                                f.line = line;
                                f.col = col;
                                cov.add(line);
                                return store(f);
                            })
                        );
                    }
                }
            }
            return out;
        };
        staticInitCode.set(cls, compileList(cls.staticInits, true));
        instanceInitCode.set(cls, compileList(cls.instanceInits, false));
    }

    // ------------------------------------------------------------ run-time object model

    statics(cls: ClassSym): Map<string, unknown> {
        this.ensureStatics(cls);
        return tx().statics.get(cls)!;
    }

    /** Statics are initialised lazily, once per transaction, superclass first. */
    ensureStatics(cls: ClassSym): void {
        const t = tx();
        if (t.staticsReady.has(cls)) return;
        t.staticsReady.add(cls);
        if (cls.superclass && !cls.superclass.builtin) this.ensureStatics(cls.superclass);
        if (cls.outer) this.ensureStatics(cls.outer);
        t.statics.set(cls, new Map());
        if (cls.kind === 'enum') return;
        const self = { locals: [], self: null, label: '', line: 0, col: 0, ret: null } as Frame;
        for (const init of staticInitCode.get(cls) ?? []) init(self);
    }

    private runInstanceInits(cls: ClassSym, self: ApexObject): void {
        const code = instanceInitCode.get(cls);
        if (!code || !code.length) return;
        const f = { locals: [], self, label: '', line: 0, col: 0, ret: null } as Frame;
        for (const c of code) c(f);
    }

    private runDefaultCtor(cls: ClassSym, self: ApexObject): void {
        if (cls.builtin) return;
        const ctor = cls.ctors.find((c) => c.params.length === 0);
        if (ctor) this.runCtor(ctor, self, []);
        else {
            if (cls.superclass) this.runDefaultCtor(cls.superclass, self);
            this.runInstanceInits(cls, self);
        }
    }

    private runCtor(ctor: MethodSym, self: ApexObject, args: unknown[]): void {
        ctor.invoke!(self, args);
    }

    instantiate(cls: ClassSym, ctor: MethodSym | null, args: unknown[]): ApexObject {
        this.ensureStatics(cls);
        const obj = new ApexObject(cls);
        if (cls.isException) {
            obj.fields.set('$message', null);
            obj.fields.set('$cause', null);
            const t = tx();
            obj.exLine = t.stack.length ? t.top().line : 0;
            obj.exStack = t.stackTrace();
        }
        if (ctor) this.runCtor(ctor, obj, args);
        else this.runDefaultCtor(cls, obj);
        return obj;
    }

    private pickCtor(cls: ClassSym, args: CExpr[], file: string, pos: Pos): MethodSym | null {
        if (cls.ctors.length === 0) {
            if (args.length === 0) return null;
            if (cls.isException) return null;
            this.error(file, pos, `Constructor not defined: [${cls.qualifiedName}].<Constructor>(${args.map((a) => typeName(a.t)).join(', ')})`);
            return null;
        }
        const m = pickOverload(cls.ctors, args.map((a) => a.t));
        if (!m && !(cls.isException && args.length <= 2)) {
            this.error(file, pos, `Constructor not defined: [${cls.qualifiedName}].<Constructor>(${args.map((a) => typeName(a.t)).join(', ')})`);
        }
        return m;
    }

    // ------------------------------------------------------------ statements

    block(b: Block, ctx: MethodCtx): Exec {
        return this.stmts(b.stmts, ctx, b.pos);
    }

    private stmts(list: Stmt[], ctx: MethodCtx, _pos: Pos): Exec {
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

    private markLine(file: string, line: number): void {
        let s = this.coverage.lines.get(file);
        if (!s) this.coverage.lines.set(file, (s = new Set()));
        s.add(line);
    }

    private hitSet(file: string): Set<number> {
        let s = this.coverage.hit.get(file);
        if (!s) this.coverage.hit.set(file, (s = new Set()));
        return s;
    }

    /** Wraps a statement: position for stack traces, coverage, and the statement budget. */
    private stmt(s: Stmt, ctx: MethodCtx): Exec {
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

    private stmtInner(s: Stmt, ctx: MethodCtx): Exec {
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
                if (e.t.k === 'class' && !e.t.cls.isException) this.error(ctx.file, s.pos, 'Throw expression must be of type Exception');
                return (f) => {
                    const v = e.ev(f);
                    if (v === null) npe();
                    if (!(v instanceof ApexObject) || !v.cls.isException) throw new EmulatorError('throw of a non-exception value');
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
                const exprs = s.exprs.map((e) => this.expr(e, ctx).ev);
                const op = s.op;
                return (f) => {
                    this.data.dml(op, exprs.map((e) => e(f)));
                    return 0;
                };
            }
            case 'runAs': {
                this.error(ctx.file, s.pos, 'System.runAs is not supported by the local org', 'unsupported');
                return () => 0;
            }
        }
    }

    private scoped(s: Stmt, ctx: MethodCtx): Exec {
        const saved = ctx.scope;
        ctx.scope = new Scope(saved);
        const r = this.stmt(s, ctx);
        ctx.scope = saved;
        return r;
    }

    private loopBody(s: Stmt, ctx: MethodCtx): Exec {
        ctx.inLoop++;
        const r = this.scoped(s, ctx);
        ctx.inLoop--;
        return r;
    }

    private condition(e: Expr, ctx: MethodCtx): (f: Frame) => boolean {
        const c = this.expr(e, ctx);
        if (!prim(c.t, 'Boolean') && c.t.k !== 'any') this.error(ctx.file, e.pos, `Expression must be of type Boolean: ${typeName(c.t)}`);
        const ev = c.ev;
        return (f) => {
            const v = ev(f);
            if (v === null || v === undefined) npe();
            return v as boolean;
        };
    }

    private forStmt(s: Extract<Stmt, { k: 'for' }>, ctx: MethodCtx): Exec {
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

    private forEach(s: Extract<Stmt, { k: 'forEach' }>, ctx: MethodCtx): Exec {
        const it = this.expr(s.iter, ctx);
        if (it.t.k === 'sobject' || (it.t.k === 'list' && s.iter.k === 'soql')) {
            // SOQL for-loops run through the data service like any query.
        }
        const elemT = it.t.k === 'list' || it.t.k === 'set' ? it.t.elem : T.Any;
        if (it.t.k !== 'list' && it.t.k !== 'set' && it.t.k !== 'any') this.error(ctx.file, s.iter.pos, `Loop must iterate over collection: ${typeName(it.t)}`);
        const saved = ctx.scope;
        ctx.scope = new Scope(saved);
        const type = this.resolveType(s.type, ctx.cls, ctx.file);
        if (elemT.k !== 'any' && !assignable(elemT, type)) this.error(ctx.file, s.pos, `Loop variable must be of type ${typeName(elemT)}`);
        const slot = this.declare(ctx, s.name, type, s.pos);
        const body = this.loopBody(s.body, ctx);
        ctx.scope = saved;
        const ev = it.ev;
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

    private tryStmt(s: Extract<Stmt, { k: 'try' }>, ctx: MethodCtx): Exec {
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
        return (f) => {
            let result = 0;
            try {
                result = body(f);
            } catch (e0) {
                const e = translate(e0);
                if (!(e instanceof ApexThrow) || isUncatchable(e.ex.cls)) {
                    if (fin) fin(f);
                    throw e;
                }
                const handler = catches.find((c) => c.cls && e.ex.cls.isSubtypeOf(c.cls));
                if (!handler) {
                    if (fin) fin(f);
                    throw e;
                }
                try {
                    f.locals[handler.slot] = e.ex;
                    result = handler.b(f);
                } catch (e2) {
                    if (fin) fin(f);
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

    private switchStmt(s: Extract<Stmt, { k: 'switch' }>, ctx: MethodCtx): Exec {
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
                    if (!prim(st, 'String') && st.k !== 'any') this.error(ctx.file, v.pos, 'Incompatible when value type: String');
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

    // ------------------------------------------------------------ expressions

    /** Converts an expression to a declared type: implicit widening, or a semantic error. */
    coerce(e: CExpr, to: ApexType, file: string, pos: Pos): Ev {
        if (e.poisoned) return e.ev;
        if (e.typeRef || e.ns) {
            this.error(file, pos, 'Variable does not exist');
            return e.ev;
        }
        const a = e.soql && (to.k === 'sobject' || prim(to, 'Integer')) ? 'widen' : assignable(e.t, to);
        if (!a) {
            this.error(file, pos, `Illegal assignment from ${typeName(e.t)} to ${typeName(to)}`);
            return e.ev;
        }
        const ev = e.ev;
        if (e.t.k === 'any' && to.k !== 'any' && to.k !== 'object') return (f) => castTo(ev(f), to);
        if (a === 'widen' && (isNumeric(to) || prim(to, 'Id') || prim(to, 'String')) && !sameType(e.t, to)) return (f) => widen(ev(f), to);
        return ev;
    }

    expr(e: Expr, ctx: MethodCtx): CExpr {
        switch (e.k) {
            case 'lit':
                return this.literal(e, ctx);
            case 'name':
                return this.name(e.name, e.pos, ctx);
            case 'this':
                if (ctx.isStatic || !ctx.cls) return this.error(ctx.file, e.pos, 'This cannot be referenced in a static context');
                return { t: { k: 'class', cls: ctx.cls }, ev: (f) => f.self };
            case 'super':
                if (ctx.isStatic || !ctx.cls?.superclass) return this.error(ctx.file, e.pos, 'Super cannot be referenced here');
                return { t: { k: 'class', cls: ctx.cls.superclass }, ev: (f) => f.self, isSuper: true };
            case 'field':
                return this.field(e, ctx);
            case 'call':
                return this.call(e, ctx);
            case 'ctorCall':
                return this.error(ctx.file, e.pos, 'Constructor calls must be the first statement of a constructor');
            case 'index':
                return this.index(e, ctx);
            case 'new':
                return this.newExpr(e, ctx);
            case 'cast': {
                const t = this.resolveType(e.type, ctx.cls, ctx.file);
                const x = this.expr(e.expr, ctx);
                if (!castable(x.t, t)) return this.error(ctx.file, e.pos, `Incompatible types since an instance of ${typeName(x.t)} is never an instance of ${typeName(t)}`);
                const ev = x.ev;
                if (isNumeric(t) && isNumeric(x.t)) return { t, ev: (f) => numericCast(ev(f), t) };
                return { t, ev: (f) => castTo(ev(f), t) };
            }
            case 'unary':
                return this.unary(e, ctx);
            case 'incdec':
                return this.incdec(e, ctx);
            case 'binary':
                return this.binary(e, ctx);
            case 'cond': {
                const c = this.condition(e.cond, ctx);
                const a = this.expr(e.then, ctx);
                const b = this.expr(e.else, ctx);
                let t = a.t;
                if (a.t.k === 'null') t = b.t;
                else if (isNumeric(a.t) && isNumeric(b.t)) t = widerNumeric(a.t, b.t);
                else if (!sameType(a.t, b.t) && b.t.k !== 'null') t = assignable(b.t, a.t) ? a.t : assignable(a.t, b.t) ? b.t : T.Object;
                const av = isNumeric(t) ? (f: Frame) => widen(a.ev(f), t) : a.ev;
                const bv = isNumeric(t) ? (f: Frame) => widen(b.ev(f), t) : b.ev;
                return { t, ev: (f) => (c(f) ? av(f) : bv(f)) };
            }
            case 'assign':
                return this.assign(e, ctx);
            case 'instanceof': {
                const t = this.resolveType(e.type, ctx.cls, ctx.file);
                const x = this.expr(e.expr, ctx);
                if (x.poisoned || t === UNRESOLVED) return poison();
                // "If the declared type on the left ... is always an instance of the target type, compilation fails."
                // https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/apex_classes_keywords_instanceof.htm
                const st = x.t;
                if (st.k !== 'any' && st.k !== 'object' && st.k !== 'null') {
                    if (assignable(st, t) && !(isNumeric(st) && !sameType(st, t)) && !((prim(st, 'Id') && prim(t, 'String')) || (prim(st, 'String') && prim(t, 'Id')))) {
                        return this.error(ctx.file, e.pos, `Operation instanceof is always true since an instance of ${typeName(st)} is always an instance of ${typeName(t)}`);
                    }
                    if (!castable(st, t)) return this.error(ctx.file, e.pos, `Operation instanceof is always false since an instance of ${typeName(st)} is never an instance of ${typeName(t)}`);
                }
                const ev = x.ev;
                return { t: T.Boolean, ev: (f) => isInstance(ev(f), t) };
            }
            case 'typeLit': {
                const t = e.type ? this.resolveType(e.type, ctx.cls, ctx.file) : T.Void;
                const tv = new TypeValue(t);
                return { t: { k: 'builtin', name: 'System.Type' }, ev: () => tv };
            }
            case 'soql': {
                const problem = checkSoql(e.text);
                if (problem) return this.error(ctx.file, e.pos, `SOQL: ${problem}`);
                const text = e.text;
                // Binds are checked now (so later code compiles) and evaluated lazily by the data layer.
                const binds = new Map<string, Ev>();
                for (const b of e.binds) binds.set(b.text, this.expr(b.expr, ctx).ev);
                return {
                    t: { k: 'list', elem: { k: 'sobject', name: 'SObject' } },
                    soql: true,
                    ev: (f) =>
                        this.data.query(text, (bindText) => {
                            const ev = binds.get(bindText);
                            if (!ev) throw new EmulatorError(`unknown SOQL bind :${bindText}`);
                            return ev(f);
                        })
                };
            }
            case 'sosl':
                return this.error(ctx.file, e.pos, 'SOSL is not supported by the local org', 'unsupported');
        }
    }

    private literal(e: Extract<Expr, { k: 'lit' }>, ctx: MethodCtx): CExpr {
        switch (e.type) {
            case 'Integer': {
                const n = Number(e.value);
                if (n > 2147483648) return this.error(ctx.file, e.pos, `Illegal integer: ${e.value}`);
                const v = n | 0;
                return { t: T.Integer, ev: () => v };
            }
            case 'Long': {
                const v = BigInt.asIntN(64, BigInt(e.value as string));
                return { t: T.Long, ev: () => v };
            }
            case 'Decimal': {
                const v = ApexDecimal.parse(e.value as string);
                return { t: T.Decimal, ev: () => v };
            }
            case 'Double': {
                const v = new ApexDouble(Number(e.value));
                return { t: T.Double, ev: () => v };
            }
            case 'String': {
                const v = e.value as string;
                return { t: T.String, ev: () => v };
            }
            case 'Boolean': {
                const v = e.value as boolean;
                return { t: T.Boolean, ev: () => v };
            }
            default:
                return { t: T.Null, ev: () => null };
        }
    }

    private typeRefExpr(t: ApexType): CExpr {
        return { t: T.Void, typeRef: t, ev: () => { throw new EmulatorError('a type name used as a value'); } };
    }

    private name(name: string, pos: Pos, ctx: MethodCtx): CExpr {
        const lower = name.toLowerCase();
        const v = ctx.scope.find(lower);
        if (v) {
            if (v.type === UNRESOLVED) return poison();
            const slot = v.slot;
            const writeError = v.isFinal ? `Final variable has already been initialized: ${name}` : undefined;
            return { t: v.type, ev: (f) => f.locals[slot], set: (f, x) => void (f.locals[slot] = x), writeError };
        }
        // fields of this class, its superclasses, then static fields of outer classes
        for (let c = ctx.cls; c; c = c.outer) {
            const fsym = c.findField(lower);
            if (fsym) {
                if (!fsym.isStatic && (ctx.isStatic || c !== ctx.cls)) {
                    if (c === ctx.cls) return this.error(ctx.file, pos, `Variable is not static: ${name}`);
                    continue;
                }
                return this.fieldAccess(fsym, fsym.isStatic ? null : (f) => f.self, ctx, pos);
            }
            if (c.kind === 'enum') {
                const ord = c.enumValues.findIndex((x) => x.toLowerCase() === lower);
                if (ord >= 0) {
                    const ev = enumValue(c, ord);
                    return { t: { k: 'class', cls: c }, ev: () => ev };
                }
            }
        }
        const cls = this.types.findClass([name], ctx.cls);
        if (cls) return this.typeRefExpr({ k: 'class', cls });
        const t = this.types.resolve({ parts: [{ name, args: [] }], arrayDims: 0, pos }, ctx.cls);
        if (typeof t !== 'string') return this.typeRefExpr(t);
        if (NAMESPACES.has(lower)) return { t: T.Void, ns: lower, ev: () => null };
        if (registry.has(lower) || KNOWN_SYSTEM_CLASSES.has(lower)) return this.typeRefExpr({ k: 'builtin', name });
        return this.error(ctx.file, pos, `Variable does not exist: ${name}`);
    }

    private fieldAccess(fsym: FieldSym, target: Ev | null, ctx: MethodCtx, pos: Pos): CExpr {
        if (fsym.type === UNRESOLVED) return poison();
        if (!canAccess(fsym.mods, fsym.owner, ctx.cls)) return this.error(ctx.file, pos, `Variable is not visible: ${fsym.owner.qualifiedName}.${fsym.name}`);
        let writeError = fsym.setterMods && !canAccess(fsym.setterMods, fsym.owner, ctx.cls) ? `Variable is not visible: ${fsym.owner.qualifiedName}.${fsym.name}` : undefined;
        if (fsym.isFinal && !(ctx.cls === fsym.owner && ctx.initOrCtor)) writeError = `Final variable has already been initialized: ${fsym.name}`;
        return { ...this.fieldAccessInner(fsym, target, fsym.isProperty && ctx.property !== fsym), writeError };
    }

    private fieldAccessInner(fsym: FieldSym, target: Ev | null, viaAccessors: boolean): CExpr {
        const key = fsym.name.toLowerCase();
        const owner = fsym.owner;
        const acc = viaAccessors ? propertyAccessors : null;
        if (fsym.isStatic) {
            return {
                t: fsym.type,
                ev: (f) => {
                    const a = acc?.get(fsym);
                    if (a?.get) return callAccessor(a.get, f.self, undefined);
                    return this.statics(owner).get(key) ?? null;
                },
                set: (f, v) => {
                    const a = acc?.get(fsym);
                    if (a?.set) return void callAccessor(a.set, f.self, v);
                    this.statics(owner).set(key, v);
                }
            };
        }
        const tgt = target!;
        return {
            t: fsym.type,
            ev: (f) => {
                const o = tgt(f);
                if (o === null || o === undefined) npe();
                const a = acc?.get(fsym);
                if (a?.get) return callAccessor(a.get, o as ApexObject, undefined);
                return (o as ApexObject).fields.get(key) ?? null;
            },
            set: (f, v) => {
                const o = tgt(f);
                if (o === null || o === undefined) npe();
                const a = acc?.get(fsym);
                if (a?.set) return void callAccessor(a.set, o as ApexObject, v);
                (o as ApexObject).fields.set(key, v);
            }
        };
    }

    private field(e: Extract<Expr, { k: 'field' }>, ctx: MethodCtx): CExpr {
        const target = this.expr(e.target, ctx);
        const lower = e.name.toLowerCase();
        if (target.poisoned) return poison();
        if (target.ns) {
            const t = this.types.resolve({ parts: [{ name: target.ns, args: [] }, { name: e.name, args: [] }], arrayDims: 0, pos: e.pos }, ctx.cls);
            if (typeof t !== 'string') return this.typeRefExpr(t);
            if (registry.has(lower) || KNOWN_SYSTEM_CLASSES.has(lower)) return this.typeRefExpr({ k: 'builtin', name: e.name });
            return this.error(ctx.file, e.pos, `Invalid type: ${target.ns}.${e.name}`);
        }
        if (target.typeRef) {
            const tr = target.typeRef;
            if (tr.k === 'class') {
                const c = tr.cls;
                if (c.kind === 'enum') {
                    const ord = c.enumValues.findIndex((x) => x.toLowerCase() === lower);
                    if (ord >= 0) {
                        const ev = enumValue(c, ord);
                        return { t: tr, ev: () => ev };
                    }
                }
                const inner = c.inner.get(lower);
                if (inner) return this.typeRefExpr({ k: 'class', cls: inner });
                const fsym = c.findField(lower);
                if (fsym) {
                    if (!fsym.isStatic) return this.error(ctx.file, e.pos, `Variable is not static: ${e.name}`);
                    return this.fieldAccess(fsym, null, ctx, e.pos);
                }
            }
            return this.error(ctx.file, e.pos, `Variable does not exist: ${e.name}`);
        }
        const t = target.t;
        if (t.k === 'class') {
            const fsym = t.cls.findField(lower);
            if (fsym) {
                const tev = target.ev;
                const base = this.fieldAccess(fsym, fsym.isStatic ? null : tev, ctx, e.pos);
                if (e.safe) {
                    const ev = base.ev;
                    return { ...base, ev: (f) => (tev(f) === null ? null : ev(f)) };
                }
                return base;
            }
            return this.error(ctx.file, e.pos, `Variable does not exist: ${e.name}`);
        }
        if (t.k === 'sobject' || t.k === 'any') {
            return this.error(ctx.file, e.pos, `Field access ${e.name} on ${typeName(t)} is not supported by the local org until part 2`, 'unsupported');
        }
        return this.error(ctx.file, e.pos, `Variable does not exist: ${e.name}`);
    }

    private index(e: Extract<Expr, { k: 'index' }>, ctx: MethodCtx): CExpr {
        const target = this.expr(e.target, ctx);
        if (target.poisoned) return poison();
        const idx = this.coerce(this.expr(e.index, ctx), T.Integer, ctx.file, e.index.pos);
        if (target.t.k !== 'list' && target.t.k !== 'any') return this.error(ctx.file, e.pos, `Expression must be a list type: ${typeName(target.t)}`);
        const t = target.t.k === 'list' ? target.t.elem : T.Any;
        const tev = target.ev;
        return {
            t,
            ev: (f) => {
                const l = tev(f);
                if (l === null || l === undefined) npe();
                const i = idx(f);
                if (i === null) npe();
                return listGet(l as ApexList, i as number);
            },
            set: (f, v) => {
                const l = tev(f);
                if (l === null || l === undefined) npe();
                const i = idx(f);
                if (i === null) npe();
                listSet(l as ApexList, i as number, v);
            }
        };
    }

    private newExpr(e: NewExpr, ctx: MethodCtx): CExpr {
        const t = this.resolveType(e.type, ctx.cls, ctx.file);
        if (t === UNRESOLVED || t.k === 'any') return poison();
        if (t.k === 'list' || t.k === 'set') {
            const elem = t.elem;
            if (e.arraySize) {
                const n = this.coerce(this.expr(e.arraySize, ctx), T.Integer, ctx.file, e.pos);
                return {
                    t,
                    ev: (f) => {
                        const size = n(f);
                        if (size === null) npe();
                        return new ApexList(elem, new Array(size as number).fill(null));
                    }
                };
            }
            if (e.init) {
                const items = e.init.map((x) => this.coerce(this.expr(x, ctx), elem, ctx.file, x.pos));
                if (t.k === 'list') return { t, ev: (f) => new ApexList(elem, items.map((i) => i(f))) };
                return { t, ev: (f) => makeSet(elem, items.map((i) => i(f))) };
            }
            const args = (e.args ?? []).map((a) => this.expr(a, ctx));
            if (args.length === 0) return { t, ev: () => (t.k === 'list' ? new ApexList(elem, []) : makeSet(elem, [])) };
            if (args.length === 1 && (args[0].t.k === 'list' || args[0].t.k === 'set' || args[0].t.k === 'any')) {
                const src = args[0].ev;
                return {
                    t,
                    ev: (f) => {
                        const s = src(f);
                        if (s === null) npe();
                        const items = this.host.items(s);
                        return t.k === 'list' ? new ApexList(elem, items.slice()) : makeSet(elem, items);
                    }
                };
            }
            if (t.k === 'list' && args.length === 1 && prim(args[0].t, 'Integer')) {
                return this.error(ctx.file, e.pos, 'new List<T>(Integer) is not supported by the local org', 'unsupported');
            }
            return this.error(ctx.file, e.pos, `Constructor not defined: [${typeName(t)}].<Constructor>(${args.map((a) => typeName(a.t)).join(', ')})`);
        }
        if (t.k === 'map') {
            if (e.mapInit) {
                const pairs = e.mapInit.map(([k, v]) => [this.coerce(this.expr(k, ctx), t.key, ctx.file, k.pos), this.coerce(this.expr(v, ctx), t.value, ctx.file, v.pos)]);
                return {
                    t,
                    ev: (f) => {
                        const m = new ApexMap(t.key, t.value);
                        for (const [k, v] of pairs) m.store.set(k(f), v(f));
                        return m;
                    }
                };
            }
            const args = (e.args ?? []).map((a) => this.expr(a, ctx));
            if (args.length === 0) return { t, ev: () => new ApexMap(t.key, t.value) };
            if (args.length === 1 && (args[0].t.k === 'map' || args[0].t.k === 'any')) {
                const src = args[0].ev;
                return {
                    t,
                    ev: (f) => {
                        const s = src(f);
                        if (s === null) npe();
                        const m = new ApexMap(t.key, t.value);
                        for (const [k, v] of (s as ApexMap).store.entries()) m.store.set(k, v);
                        return m;
                    }
                };
            }
            return this.error(ctx.file, e.pos, `Map constructor with ${args.map((a) => typeName(a.t)).join(', ')} is not supported by the local org`, 'unsupported');
        }
        if (t.k === 'class') {
            const cls = t.cls;
            if (cls.kind !== 'class') return this.error(ctx.file, e.pos, `Type cannot be constructed: ${cls.qualifiedName}`);
            if (cls.hasWord('abstract')) return this.error(ctx.file, e.pos, `Abstract classes cannot be constructed: ${cls.qualifiedName}`);
            const args = (e.args ?? []).map((a) => this.expr(a, ctx));
            if (cls.isException && (cls.builtin || !cls.ctors.length || !pickOverload(cls.ctors, args.map((a) => a.t)))) {
                return this.exceptionCtor(cls, args, ctx, e.pos);
            }
            const ctor = this.pickCtor(cls, args, ctx.file, e.pos);
            if (ctor) {
                const hidden = this.visible(ctor, ctx, e.pos);
                if (hidden) return hidden;
            }
            const argEvs = ctor ? this.convertArgs(args, ctor.params.map((p) => p.type)) : [];
            return { t, ev: (f) => this.instantiate(cls, ctor, argEvs.map((a) => a(f))) };
        }
        if (t.k === 'sobject') return this.error(ctx.file, e.pos, `new ${t.name}() is not supported by the local org until part 2`, 'unsupported');
        return this.error(ctx.file, e.pos, `Type cannot be constructed: ${typeName(t)}`);
    }

    /** The four implicit exception constructors: (), (String), (Exception), (String, Exception). */
    private exceptionCtor(cls: ClassSym, args: CExpr[], ctx: MethodCtx, pos: Pos): CExpr {
        const isEx = (a: CExpr) => a.t.k === 'null' || (a.t.k === 'class' && a.t.cls.isException);
        const isStr = (a: CExpr) => a.t.k === 'null' || prim(a.t, 'String') || prim(a.t, 'Id');
        let msg: Ev | null = null;
        let cause: Ev | null = null;
        if (args.length === 1 && isStr(args[0]) && args[0].t.k !== 'null') msg = args[0].ev;
        else if (args.length === 1 && isEx(args[0])) cause = args[0].ev;
        else if (args.length === 2 && isStr(args[0]) && isEx(args[1])) {
            msg = args[0].ev;
            cause = args[1].ev;
        } else if (args.length !== 0) {
            return this.error(ctx.file, pos, `Constructor not defined: [${cls.qualifiedName}].<Constructor>(${args.map((a) => typeName(a.t)).join(', ')})`);
        }
        return {
            t: { k: 'class', cls },
            ev: (f) => {
                const obj = this.instantiate(cls, null, []);
                const c = cause ? (cause(f) as ApexObject | null) : null;
                obj.fields.set('$message', msg ? msg(f) : c ? stringOf(c) : null);
                obj.fields.set('$cause', c);
                return obj;
            }
        };
    }

    private convertArgs(args: CExpr[], params: ApexType[]): Ev[] {
        return args.map((a, i) => {
            const p = params[i];
            const ev = a.ev;
            if (a.t.k === 'any' && p.k !== 'any' && p.k !== 'object') return (f: Frame) => castTo(ev(f), p);
            if ((isNumeric(p) || prim(p, 'Id') || prim(p, 'String')) && !sameType(a.t, p)) return (f: Frame) => widen(ev(f), p);
            return ev;
        });
    }

    private unary(e: Extract<Expr, { k: 'unary' }>, ctx: MethodCtx): CExpr {
        const x = this.expr(e.expr, ctx);
        const ev = x.ev;
        switch (e.op) {
            case '!':
                if (!prim(x.t, 'Boolean') && x.t.k !== 'any') return this.error(ctx.file, e.pos, 'Negation operator (!) must be used with a Boolean');
                return {
                    t: T.Boolean,
                    ev: (f) => {
                        const v = ev(f);
                        if (v === null) npe();
                        return !v;
                    }
                };
            case '-':
                if (!isNumeric(x.t) && x.t.k !== 'any') return this.error(ctx.file, e.pos, `Arithmetic expressions must use numeric arguments`);
                return { t: x.t, ev: (f) => negate(ev(f)) };
            case '+':
                return { t: x.t, ev: (f) => (ev(f) === null ? npe() : ev(f)) };
            case '~':
                return { t: x.t, ev: (f) => bitop('^', ev(f), prim(x.t, 'Long') ? -1n : -1) };
        }
    }

    private incdec(e: Extract<Expr, { k: 'incdec' }>, ctx: MethodCtx): CExpr {
        const target = this.expr(e.target, ctx);
        if (target.poisoned) return poison();
        if (!target.set) return this.error(ctx.file, e.pos, 'Expression cannot be assigned');
        if (target.writeError) return this.error(ctx.file, e.target.pos, target.writeError);
        if (!isNumeric(target.t) && target.t.k !== 'any') return this.error(ctx.file, e.pos, `Arithmetic expressions must use numeric arguments`);
        const one = target.t.k === 'prim' ? widen(1, target.t) : 1;
        const op = e.op === '++' ? '+' : '-';
        const get = target.ev;
        const set = target.set;
        // Note: the target expression's receiver is evaluated twice (get then set); Apex targets here are simple.
        if (e.prefix) {
            return {
                t: target.t,
                ev: (f) => {
                    const v = arith(op, get(f), one);
                    set(f, v);
                    return v;
                }
            };
        }
        return {
            t: target.t,
            ev: (f) => {
                const old = get(f);
                set(f, arith(op, old, one));
                return old;
            }
        };
    }

    private assign(e: Extract<Expr, { k: 'assign' }>, ctx: MethodCtx): CExpr {
        const target = this.expr(e.target, ctx);
        if (target.poisoned) return poison();
        if (!target.set) return this.error(ctx.file, e.pos, 'Expression cannot be assigned');
        if (target.writeError) return this.error(ctx.file, e.target.pos, target.writeError);
        const set = target.set;
        if (e.op === '=') {
            const v = this.coerce(this.expr(e.value, ctx), target.t, ctx.file, e.value.pos);
            return {
                t: target.t,
                ev: (f) => {
                    const x = v(f);
                    set(f, x);
                    return x;
                }
            };
        }
        const op = e.op.slice(0, -1);
        const combined = this.binaryOp(op, target, this.expr(e.value, ctx), ctx, e.pos);
        const conv = this.coerce(combined, target.t, ctx.file, e.pos);
        return {
            t: target.t,
            ev: (f) => {
                const x = conv(f);
                set(f, x);
                return x;
            }
        };
    }

    private binary(e: Extract<Expr, { k: 'binary' }>, ctx: MethodCtx): CExpr {
        return this.binaryOp(e.op, this.expr(e.left, ctx), this.expr(e.right, ctx), ctx, e.pos);
    }

    private binaryOp(op: string, l: CExpr, r: CExpr, ctx: MethodCtx, pos: Pos): CExpr {
        const a = l.ev;
        const b = r.ev;
        switch (op) {
            case '&&':
            case '||': {
                for (const x of [l, r]) if (!prim(x.t, 'Boolean') && x.t.k !== 'any') return this.error(ctx.file, pos, `${op} operator can only be applied to Boolean expressions`);
                const isAnd = op === '&&';
                return {
                    t: T.Boolean,
                    ev: (f) => {
                        const x = a(f);
                        if (x === null) npe();
                        if (isAnd ? !x : x) return x;
                        const y = b(f);
                        if (y === null) npe();
                        return y;
                    }
                };
            }
            case '??': {
                const t = l.t.k === 'null' ? r.t : l.t;
                return {
                    t,
                    ev: (f) => {
                        const x = a(f);
                        return x === null || x === undefined ? b(f) : x;
                    }
                };
            }
            case '==':
            case '!=':
            case '<>': {
                const neg = op !== '==';
                return { t: T.Boolean, ev: (f) => looseEquals(a(f), b(f)) !== neg };
            }
            case '===':
            case '!==': {
                const neg = op === '!==';
                return {
                    t: T.Boolean,
                    ev: (f) => {
                        const x = a(f);
                        const y = b(f);
                        const same = x === y || (x === null && y === null) || (typeof x !== 'object' && keyEquals(x, y));
                        return same !== neg;
                    }
                };
            }
            case '<':
            case '<=':
            case '>':
            case '>=':
                return { t: T.Boolean, ev: (f) => compareOp(op, a(f), b(f)) };
            case '+':
            case '-':
            case '*':
            case '/':
            case '%': {
                if (op === '+' && (prim(l.t, 'String') || prim(r.t, 'String'))) return { t: T.String, ev: (f) => stringOf(a(f)) + stringOf(b(f)) };
                if (op === '%') return this.error(ctx.file, pos, 'The % operator does not exist in Apex; use Math.mod');
                for (const x of [l, r]) {
                    if (!isNumeric(x.t) && x.t.k !== 'any' && x.t.k !== 'null') {
                        if (x.t.k === 'prim' && (x.t.name === 'Date' || x.t.name === 'Datetime' || x.t.name === 'Time')) {
                            return this.error(ctx.file, pos, `Date/time arithmetic with ${op} is not supported by the local org`, 'unsupported');
                        }
                        return this.error(ctx.file, pos, `Arithmetic expressions must use numeric arguments`);
                    }
                }
                const t = l.t.k === 'any' || r.t.k === 'any' ? T.Any : widerNumeric(l.t, r.t);
                if (op === '+' && t.k === 'any') {
                    return {
                        t,
                        ev: (f) => {
                            const x = a(f);
                            const y = b(f);
                            if (typeof x === 'string' || typeof y === 'string') return stringOf(x) + stringOf(y);
                            return arith('+', x, y);
                        }
                    };
                }
                return { t, ev: (f) => arith(op, a(f), b(f)) };
            }
            case '&':
            case '|':
            case '^':
            case '<<':
            case '>>':
            case '>>>': {
                const t = prim(l.t, 'Boolean') ? T.Boolean : prim(l.t, 'Long') || prim(r.t, 'Long') ? T.Long : l.t;
                return { t, ev: (f) => bitop(op, a(f), b(f)) };
            }
        }
        return this.error(ctx.file, pos, `Operator ${op} is not supported by the local org`, 'unsupported');
    }

    // ------------------------------------------------------------ calls

    private call(e: Extract<Expr, { k: 'call' }>, ctx: MethodCtx): CExpr {
        const args = e.args.map((a) => this.expr(a, ctx));
        const lower = e.name.toLowerCase();
        if (!e.target) {
            // this class (and superclasses), then outer classes' statics
            for (let c = ctx.cls; c; c = c.outer) {
                const cands = c.findMethods(lower);
                if (!cands.length) continue;
                const m = pickOverload(cands, args.map((a) => a.t));
                if (!m) return this.noMethod(e.name, args, c, ctx, e.pos);
                if (!m.isStatic && (ctx.isStatic || c !== ctx.cls)) return this.error(ctx.file, e.pos, `Non static method cannot be referenced from a static context: ${methodLabel(m)}`);
                const hidden = this.visible(m, ctx, e.pos);
                if (hidden) return hidden;
                return this.invokeUser(m, m.isStatic ? null : (f) => f.self, args, false, false);
            }
            return this.error(ctx.file, e.pos, `Method does not exist or incorrect signature: void ${e.name}(${args.map((a) => typeName(a.t)).join(', ')}) from the type ${ctx.cls?.qualifiedName ?? 'anonymous'}`);
        }
        const target = this.expr(e.target, ctx);
        if (target.poisoned) return poison();
        if (target.ns) {
            // System.debug(...), Database.query(...): static methods of the namespace's own class
            return this.builtinStatic(target.ns, e.name, args, ctx, e.pos);
        }
        if (target.typeRef) {
            const tr = target.typeRef;
            if (tr.k === 'class' && !tr.cls.builtin) {
                const cands = tr.cls.findMethods(lower).filter((m) => m.isStatic);
                if (tr.cls.kind === 'enum') return this.enumStatic(tr.cls, e.name, args, ctx, e.pos);
                const m = pickOverload(cands, args.map((a) => a.t));
                if (!m) return this.noMethod(e.name, args, tr.cls, ctx, e.pos);
                const hidden = this.visible(m, ctx, e.pos);
                if (hidden) return hidden;
                return this.invokeUser(m, null, args, false, false);
            }
            if (tr.k === 'class' && tr.cls.kind === 'enum') return this.enumStatic(tr.cls, e.name, args, ctx, e.pos);
            return this.builtinStatic(typeName(tr), e.name, args, ctx, e.pos);
        }
        const t = target.t;
        if (t.k === 'class' && !t.cls.builtin) {
            if (t.cls.kind === 'enum') return this.enumInstance(t.cls, target, e.name, args, ctx, e.pos, e.safe);
            const cands = t.cls.findMethods(lower);
            const m = pickOverload(cands, args.map((a) => a.t));
            if (m) return this.visible(m, ctx, e.pos) ?? this.invokeUser(m, target.ev, args, !!target.isSuper, e.safe);
            if (!cands.length) {
                const objM = this.objectMethod(lower, target, args, e.safe);
                if (objM) return objM;
                if (t.cls.isException) return this.exceptionMethod(target, e.name, args, ctx, e.pos, e.safe);
            }
            return this.noMethod(e.name, args, t.cls, ctx, e.pos);
        }
        if (t.k === 'class' && t.cls.isException) return this.exceptionMethod(target, e.name, args, ctx, e.pos, e.safe);
        if (t.k === 'class' && t.cls.kind === 'interface') {
            const cands = t.cls.findMethods(lower);
            const m = pickOverload(cands, args.map((a) => a.t));
            if (m) return this.invokeUser(m, target.ev, args, false, e.safe);
            const objM = this.objectMethod(lower, target, args, e.safe);
            if (objM) return objM;
            return this.noMethod(e.name, args, t.cls, ctx, e.pos);
        }
        if (t.k === 'class' && t.cls.kind === 'enum') return this.enumInstance(t.cls, target, e.name, args, ctx, e.pos, e.safe);
        if (t.k === 'any' || t.k === 'object') {
            const objM = this.objectMethod(lower, target, args, e.safe);
            if (objM) return objM;
            if (t.k === 'object') return this.error(ctx.file, e.pos, `Method does not exist or incorrect signature: void ${e.name}(${args.map((a) => typeName(a.t)).join(', ')}) from the type Object`);
            return this.error(ctx.file, e.pos, `Calling ${e.name} on a value of unknown type is not supported by the local org`, 'unsupported');
        }
        return this.builtinInstance(t, target, e.name, args, ctx, e.pos, e.safe);
    }

    private visible(m: MethodSym, ctx: MethodCtx, pos: Pos): CExpr | null {
        if (canAccess(m.mods, m.owner, ctx.cls)) return null;
        return this.error(ctx.file, pos, `${m.isCtor ? 'Constructor' : 'Method'} is not visible: ${methodLabel(m)}`);
    }

    private noMethod(name: string, args: CExpr[], cls: ClassSym, ctx: MethodCtx, pos: Pos): CExpr {
        return this.error(ctx.file, pos, `Method does not exist or incorrect signature: void ${name}(${args.map((a) => typeName(a.t)).join(', ')}) from the type ${cls.qualifiedName}`);
    }

    private invokeUser(m: MethodSym, target: Ev | null, args: CExpr[], isSuper: boolean, safe: boolean): CExpr {
        if (m.returnType === UNRESOLVED || m.params.some((p) => p.type === UNRESOLVED)) return poison();
        const argEvs = this.convertArgs(args, m.params.map((p) => p.type));
        const n = argEvs.length;
        if (m.isStatic) {
            return {
                t: m.returnType,
                ev: (f) => {
                    const vals = new Array(n);
                    for (let i = 0; i < n; i++) vals[i] = argEvs[i](f);
                    return m.invoke!(null, vals);
                }
            };
        }
        const tgt = target!;
        const sig = m.sig;
        return {
            t: m.returnType,
            ev: (f) => {
                const self = tgt(f);
                if (self === null || self === undefined) {
                    if (safe) return null;
                    npe();
                }
                const vals = new Array(n);
                for (let i = 0; i < n; i++) vals[i] = argEvs[i](f);
                const o = self as ApexObject;
                const impl = isSuper ? m : o.cls === m.owner && m.body ? m : o.cls.dispatch(sig);
                if (!impl || !impl.invoke) throw new EmulatorError(`no implementation of ${methodLabel(m)} on ${o.cls.qualifiedName}`);
                return impl.invoke(o, vals);
            }
        };
    }

    /** equals/hashCode/toString available on every object. */
    private objectMethod(lower: string, target: CExpr, args: CExpr[], safe: boolean): CExpr | null {
        const ev = target.ev;
        const guard = (fn: (v: unknown, f: Frame) => unknown): Ev => (f) => {
            const v = ev(f);
            if (v === null || v === undefined) return safe ? null : npe();
            return fn(v, f);
        };
        if (lower === 'equals' && args.length === 1) {
            const o = args[0].ev;
            return { t: T.Boolean, ev: guard((v, f) => this.host.equals(v, o(f))) };
        }
        if (lower === 'hashcode' && args.length === 0) return { t: T.Integer, ev: guard((v) => this.host.hashCode(v)) };
        if (lower === 'tostring' && args.length === 0) return { t: T.String, ev: guard((v) => stringOf(v)) };
        return null;
    }

    private exceptionMethod(target: CExpr, name: string, args: CExpr[], ctx: MethodCtx, pos: Pos, safe: boolean): CExpr {
        const ev = target.ev;
        const g = (t: ApexType, fn: (ex: ApexObject, f: Frame) => unknown): CExpr => ({
            t,
            ev: (f) => {
                const v = ev(f);
                if (v === null || v === undefined) return safe ? null : npe();
                return fn(v as ApexObject, f);
            }
        });
        const lower = name.toLowerCase();
        const exT: ApexType = { k: 'class', cls: this.types.builtins.exception };
        if (args.length === 0) {
            switch (lower) {
                case 'getmessage':
                    return g(T.String, (ex) => ex.fields.get('$message') ?? null);
                case 'gettypename':
                    return g(T.String, (ex) => ex.cls.qualifiedName);
                case 'getlinenumber':
                    return g(T.Integer, (ex) => ex.exLine);
                case 'getstacktracestring':
                    return g(T.String, (ex) => ex.exStack);
                case 'getcause':
                    return g(exT, (ex) => ex.fields.get('$cause') ?? null);
                case 'tostring':
                    return g(T.String, (ex) => stringOf(ex));
            }
        }
        if (args.length === 1 && lower === 'setmessage') {
            const m = this.coerce(args[0], T.String, ctx.file, pos);
            return g(T.Void, (ex, f) => void ex.fields.set('$message', m(f)));
        }
        if (args.length === 1 && lower === 'initcause') {
            const c = this.coerce(args[0], exT, ctx.file, pos);
            return g(T.Void, (ex, f) => void ex.fields.set('$cause', c(f)));
        }
        const objM = this.objectMethod(lower, target, args, safe);
        if (objM) return objM;
        if (['getdmlmessage', 'getdmlstatuscode', 'getnumdml', 'getdmlfieldnames', 'getdmlid', 'getdmltype', 'getdmlindex'].includes(lower)) {
            return this.error(ctx.file, pos, `DmlException.${name} is not supported by the local org until part 2`, 'unsupported');
        }
        return this.error(ctx.file, pos, `Method does not exist or incorrect signature: void ${name}(${args.map((a) => typeName(a.t)).join(', ')}) from the type ${typeName(target.t)}`);
    }

    private enumStatic(cls: ClassSym, name: string, args: CExpr[], ctx: MethodCtx, pos: Pos): CExpr {
        const lower = name.toLowerCase();
        const t: ApexType = { k: 'class', cls };
        if (lower === 'values' && args.length === 0) {
            return { t: { k: 'list', elem: t }, ev: () => new ApexList(t, cls.enumValues.map((_, i) => enumValue(cls, i))) };
        }
        if (lower === 'valueof' && args.length === 1) {
            const s = this.coerce(args[0], T.String, ctx.file, pos);
            return {
                t,
                ev: (f) => {
                    const v = s(f);
                    if (v === null) npe();
                    // "An exception is thrown if the input string doesn't match an enum value"; the docs' own example
                    // passes a lower-case name, so matching ignores case. Exception type and text are unverified.
                    const lower = (v as string).toLowerCase();
                    const i = cls.enumValues.findIndex((n) => n.toLowerCase() === lower);
                    if (i < 0) raise('System.NoSuchElementException', `No enum constant ${cls.qualifiedName}.${v as string}`);
                    return enumValue(cls, i);
                }
            };
        }
        return this.error(ctx.file, pos, `Method does not exist or incorrect signature: void ${name}(${args.map((a) => typeName(a.t)).join(', ')}) from the type ${cls.qualifiedName}`);
    }

    private enumInstance(cls: ClassSym, target: CExpr, name: string, args: CExpr[], ctx: MethodCtx, pos: Pos, safe: boolean): CExpr {
        const lower = name.toLowerCase();
        const ev = target.ev;
        const g = (t: ApexType, fn: (v: EnumValue) => unknown): CExpr => ({
            t,
            ev: (f) => {
                const v = ev(f);
                if (v === null || v === undefined) return safe ? null : npe();
                return fn(v as EnumValue);
            }
        });
        if (args.length === 0 && lower === 'name') return g(T.String, (v) => v.name);
        if (args.length === 0 && lower === 'ordinal') return g(T.Integer, (v) => v.ordinal);
        const objM = this.objectMethod(lower, target, args, safe);
        if (objM) return objM;
        return this.error(ctx.file, pos, `Method does not exist or incorrect signature: void ${name}(${args.map((a) => typeName(a.t)).join(', ')}) from the type ${cls.qualifiedName}`);
    }

    private builtinStatic(typeNameText: string, name: string, args: CExpr[], ctx: MethodCtx, pos: Pos): CExpr {
        const reg = registry.get(typeNameText.toLowerCase().replace(/^system\./, ''));
        if (reg) {
            const m = this.pickBuiltin(reg.statics, name, args, null);
            if (m) return this.invokeBuiltin(m.m, m.subst, null, args, false);
            if (reg.statics.some((x) => x.name.toLowerCase() === name.toLowerCase())) {
                return this.error(ctx.file, pos, `Method does not exist or incorrect signature: void ${name}(${args.map((a) => typeName(a.t)).join(', ')}) from the type ${reg.name}`);
            }
        }
        return this.error(ctx.file, pos, `${typeNameText}.${name} is not supported by the local org`, 'unsupported');
    }

    private builtinInstance(t: ApexType, target: CExpr, name: string, args: CExpr[], ctx: MethodCtx, pos: Pos, safe: boolean): CExpr {
        const key = t.k === 'list' ? 'list' : t.k === 'set' ? 'set' : t.k === 'map' ? 'map' : t.k === 'builtin' ? t.name.toLowerCase().replace(/^system\./, '') : t.k === 'prim' ? t.name.toLowerCase() : t.k === 'sobject' ? 'sobject' : '';
        const reg = registry.get(key);
        const subst: Record<string, ApexType> = {};
        if (t.k === 'list' || t.k === 'set') subst.T = t.elem;
        if (t.k === 'map') {
            subst.K = t.key;
            subst.V = t.value;
        }
        if (reg) {
            const m = this.pickBuiltin(reg.instance, name, args, subst);
            if (m) return this.invokeBuiltin(m.m, m.subst, target.ev, args, safe);
        }
        const objM = this.objectMethod(name.toLowerCase(), target, args, safe);
        if (objM) return objM;
        if (reg?.instance.some((x) => x.name.toLowerCase() === name.toLowerCase())) {
            return this.error(ctx.file, pos, `Method does not exist or incorrect signature: void ${name}(${args.map((a) => typeName(a.t)).join(', ')}) from the type ${typeName(t)}`);
        }
        return this.error(ctx.file, pos, `${typeName(t)}.${name} is not supported by the local org`, 'unsupported');
    }

    private pickBuiltin(list: BuiltinMethod[], name: string, args: CExpr[], subst: Record<string, ApexType> | null): { m: BuiltinMethod; subst: Record<string, ApexType> } | null {
        const lower = name.toLowerCase();
        let best: { m: BuiltinMethod; score: number } | null = null;
        const s = subst ?? {};
        for (const m of list) {
            if (m.name.toLowerCase() !== lower || m.params.length !== args.length) continue;
            let score = 0;
            let ok = true;
            for (let i = 0; i < args.length && ok; i++) {
                const p = this.builtinType(m.params[i], s);
                const a = assignable(args[i].t, p);
                if (!a) ok = false;
                else if (a === 'widen') score += p.k === 'object' ? 2 : 1;
            }
            if (ok && (!best || score < best.score)) best = { m, score };
        }
        return best ? { m: best.m, subst: s } : null;
    }

    /** Parses a stdlib signature type ('List<T>', 'Map<K,V>', 'Object') with generic substitution. */
    builtinType(text: string, subst: Record<string, ApexType>): ApexType {
        const s = text.trim();
        if (subst[s]) return subst[s];
        if (s === 'T' || s === 'K' || s === 'V') return T.Any;
        if (s === 'void') return T.Void;
        const m = /^([\w.]+)\s*<(.*)>$/.exec(s);
        if (m) {
            const parts = splitTop(m[2]).map((p) => this.builtinType(p, subst));
            const base = m[1].toLowerCase();
            if (base === 'list') return { k: 'list', elem: parts[0] };
            if (base === 'set') return { k: 'set', elem: parts[0] };
            if (base === 'map') return { k: 'map', key: parts[0], value: parts[1] };
        }
        const r = this.types.resolve({ parts: s.split('.').map((name) => ({ name, args: [] })), arrayDims: 0, pos: { line: 0, col: 0 } }, null);
        if (typeof r === 'string') return { k: 'builtin', name: s };
        return r;
    }

    private invokeBuiltin(m: BuiltinMethod, subst: Record<string, ApexType>, target: Ev | null, args: CExpr[], safe: boolean): CExpr {
        const params = m.params.map((p) => this.builtinType(p, subst));
        const argEvs = this.convertArgs(args, params);
        const ret = this.builtinType(m.returns, subst);
        const impl = m.impl;
        const host = this.host;
        const n = argEvs.length;
        return {
            t: ret,
            ev: (f) => {
                let self: unknown = undefined;
                if (target) {
                    self = target(f);
                    if (self === null || self === undefined) {
                        if (safe) return null;
                        npe();
                    }
                }
                const vals = new Array(n);
                for (let i = 0; i < n; i++) vals[i] = argEvs[i](f);
                try {
                    const r = impl(self, vals, host);
                    return r === undefined ? null : r;
                } catch (e) {
                    throw translate(e);
                }
            }
        };
    }
}

// ------------------------------------------------------------ helpers

/** Whether a statement can never complete normally (every path returns or throws), as Java's rule approximates Apex's. */
function alwaysExits(s: Stmt): boolean {
    switch (s.k) {
        case 'return':
        case 'throw':
            return true;
        case 'block':
            return s.stmts.some(alwaysExits);
        case 'if':
            return !!s.else && alwaysExits(s.then) && alwaysExits(s.else);
        case 'try':
            return (alwaysExits(s.body) && s.catches.every((c) => alwaysExits(c.body))) || (!!s.fin && alwaysExits(s.fin));
        case 'switch':
            return s.whens.some((w) => w.kind === 'else') && s.whens.every((w) => alwaysExits(w.body));
        case 'while':
        case 'for': {
            const cond: Expr | null = s.cond;
            const infinite = cond === null || (cond.k === 'lit' && cond.value === true);
            return infinite && !breaksOut(s.body);
        }
        case 'doWhile':
            return alwaysExits(s.body) || (s.cond.k === 'lit' && s.cond.value === true && !breaksOut(s.body));
        default:
            return false;
    }
}

/** Whether a loop body contains a `break` that leaves this loop (not one of a nested loop). */
function breaksOut(s: Stmt): boolean {
    switch (s.k) {
        case 'break':
            return true;
        case 'block':
            return s.stmts.some(breaksOut);
        case 'if':
            return breaksOut(s.then) || (!!s.else && breaksOut(s.else));
        case 'try':
            return breaksOut(s.body) || s.catches.some((c) => breaksOut(c.body)) || (!!s.fin && breaksOut(s.fin));
        case 'switch':
            return s.whens.some((w) => breaksOut(w.body));
        default:
            return false;
    }
}

function poison(): CExpr {
    return { t: T.Any, poisoned: true, ev: () => { throw new EmulatorError('code with a diagnostic was run'); } };
}

function splitTop(s: string): string[] {
    const out: string[] = [];
    let depth = 0;
    let cur = '';
    for (const ch of s) {
        if (ch === '<') depth++;
        if (ch === '>') depth--;
        if (ch === ',' && depth === 0) {
            out.push(cur);
            cur = '';
        } else cur += ch;
    }
    out.push(cur);
    return out.map((x) => x.trim());
}

function allInterfaces(cls: ClassSym): ClassSym[] {
    const out = new Set<ClassSym>();
    const visit = (c: ClassSym) => {
        for (const i of c.interfaces) {
            out.add(i);
            visit(i);
        }
        if (c.superclass) visit(c.superclass);
    };
    visit(cls);
    // abstract methods of abstract superclasses count too
    for (let s = cls.superclass; s; s = s.superclass) if (s.hasWord('abstract')) out.add(s);
    return [...out].filter((c) => !c.builtin);
}

export function methodLabel(m: MethodSym): string {
    return `${typeName(m.returnType)} ${m.owner.qualifiedName}.${m.name}(${m.params.map((p) => typeName(p.type)).join(', ')})`;
}

/** Chooses the most specific applicable overload (exact matches beat widening). */
export function pickOverload(cands: MethodSym[], argTypes: ApexType[]): MethodSym | null {
    let best: MethodSym | null = null;
    let bestScore = Infinity;
    for (const m of cands) {
        if (m.params.length !== argTypes.length) continue;
        let score = 0;
        let ok = true;
        for (let i = 0; i < argTypes.length; i++) {
            const a = assignable(argTypes[i], m.params[i].type);
            if (!a) {
                ok = false;
                break;
            }
            if (a === 'widen') score += m.params[i].type.k === 'object' ? 3 : 1;
        }
        if (ok && score < bestScore) {
            best = m;
            bestScore = score;
        }
    }
    return best;
}

const enumCache = new Map<ClassSym, EnumValue[]>();
export function enumValue(cls: ClassSym, ordinal: number): EnumValue {
    let list = enumCache.get(cls);
    if (!list) enumCache.set(cls, (list = cls.enumValues.map((n, i) => new EnumValue(cls, n, i))));
    return list[ordinal];
}

const propertyAccessors = new Map<FieldSym, { get: Exec | null; set: Exec | null }>();
const staticInitCode = new Map<ClassSym, Exec[]>();
const instanceInitCode = new Map<ClassSym, Exec[]>();

function callAccessor(code: Exec, self: ApexObject | null, value: unknown): unknown {
    const f: Frame = { locals: [], self, label: '', line: 0, col: 0, ret: value };
    code(f);
    return f.ret;
}

function enter(label: string, self: ApexObject | null, slots: number, args: unknown[]): Frame {
    const locals = new Array(slots);
    for (let i = 0; i < args.length; i++) locals[i] = args[i];
    const t = tx();
    const f: Frame = { locals, self, label, line: 0, col: 0, ret: null };
    if (t.stack.length > 1000) raise('System.LimitException', 'Maximum stack depth reached: 1001');
    t.stack.push(f);
    return f;
}

function withFrame(label: string, ctx: MethodCtx, body: Exec): Exec {
    return (outer) => {
        const f = enter(label, outer.self, ctx.slots, EMPTY);
        try {
            return body(f);
        } catch (e) {
            noteError(e);
            throw e;
        } finally {
            tx().stack.pop();
        }
    };
}

/** Remembers where a host-level (emulator) error left Apex code, before the frames unwind. */
function noteError(e: unknown): void {
    if (e instanceof ApexThrow) return;
    const t = tx();
    if (t.errorStack === null) t.errorStack = t.stackTrace();
}

/** Counts one statement (or loop iteration) against the transaction's budgets. */
function tick(): void {
    const t = tx();
    if (++t.statements > t.statementBudget || ((t.statements & 1023) === 0 && Date.now() > t.deadline)) budgetExceeded(t.statements > t.statementBudget);
}

function budgetExceeded(statements: boolean): never {
    const t = tx();
    if (statements) raise('System.LimitException', `local-org: statement budget of ${t.statementBudget} exceeded`);
    raise('System.LimitException', `local-org: time budget exceeded`);
}

function numericCast(v: unknown, t: ApexType): unknown {
    if (v === null || v === undefined) return null;
    return castTo(v, t);
}

export function listGet(l: ApexList, i: number): unknown {
    if (i < 0 || i >= l.items.length) raise('System.ListException', `List index out of bounds: ${i}`);
    return l.items[i];
}

export function listSet(l: ApexList, i: number, v: unknown): void {
    if (i < 0 || i >= l.items.length) raise('System.ListException', `List index out of bounds: ${i}`);
    l.items[i] = v;
}

export function makeSet(elem: ApexType, items: unknown[]): ApexSet {
    const s = new ApexSet(elem);
    for (const x of items) s.store.set(x, true);
    return s;
}

export { newException };
