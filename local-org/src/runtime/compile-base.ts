/**
 * The compiler core: diagnostics, scopes and types, conversions on assignment, and the run-time object model
 * (lazy statics, construction) that compiled code calls into.
 */
import type { Diagnostic } from '../api';
import type { Block, Expr, Pos, TypeNode } from '../frontend/ast';
import type { TypeResolver } from '../semantic/resolve';
import type { ClassSym, MethodSym } from '../semantic/symbols';
import { type ApexType, assignable, isNumeric, prim, sameType, T, typeName, UNRESOLVED } from '../semantic/types';
import { methodLabel, pickOverload } from '../semantic/overloads';
import type { RuntimeHost } from '../stdlib/registry';
import { EmulatorError, type Frame, tx } from './context';
import type { DataService } from './data';
import { castTo, raise, widen } from './ops';
import type { ApexList } from './values';
import { ApexObject } from './values';
import { type CExpr, type CoverageSink, type Ev, type Exec, type MethodCtx, poison, Scope } from './compile-types';
import { instanceInitCode, staticInitCode } from './frames';

export abstract class CompilerBase {
    abstract expr(e: Expr, ctx: MethodCtx): CExpr;
    abstract block(b: Block, ctx: MethodCtx): Exec;
    protected abstract condition(e: Expr, ctx: MethodCtx): (f: Frame) => boolean;

    readonly diagnostics: Diagnostic[] = [];

    private readonly seenUnsupported = new Set<string>();

    constructor(
        protected readonly types: TypeResolver,
        protected readonly host: RuntimeHost,
        protected readonly data: DataService,
        protected readonly coverage: CoverageSink
    ) {}

    protected error(file: string, pos: Pos, message: string, kind: 'semantic' | 'unsupported' = 'semantic'): CExpr {
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

    protected newCtx(cls: ClassSym | null, isStatic: boolean, returnType: ApexType, file: string): MethodCtx {
        return { cls, isStatic, scope: new Scope(null), slots: 0, returnType, file, property: null, inLoop: 0 };
    }

    protected declare(ctx: MethodCtx, name: string, type: ApexType, pos: Pos): number {
        const lower = name.toLowerCase();
        if (ctx.scope.find(lower)) this.error(ctx.file, pos, `Duplicate variable: ${name}`);
        const slot = ctx.slots++;
        ctx.scope.vars.set(lower, { slot, type });
        return slot;
    }

    protected label(cls: ClassSym | null, method: string): string {
        if (!cls || cls.top.isAnonymous) return 'AnonymousBlock';
        return `Class.${cls.qualifiedName}.${method}`;
    }

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

    protected runInstanceInits(cls: ClassSym, self: ApexObject): void {
        const code = instanceInitCode.get(cls);
        if (!code || !code.length) return;
        const f = { locals: [], self, label: '', line: 0, col: 0, ret: null } as Frame;
        for (const c of code) c(f);
    }

    protected runDefaultCtor(cls: ClassSym, self: ApexObject): void {
        if (cls.builtin) return;
        const ctor = cls.ctors.find((c) => c.params.length === 0);
        if (ctor) this.runCtor(ctor, self, []);
        else {
            if (cls.superclass) this.runDefaultCtor(cls.superclass, self);
            this.runInstanceInits(cls, self);
        }
    }

    protected runCtor(ctor: MethodSym, self: ApexObject, args: unknown[]): void {
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

    /** Overload choice; a call that fits several overloads equally well (e.g. `f(null)`) is a diagnostic. */
    protected choose(cands: MethodSym[], args: CExpr[], file: string, pos: Pos): MethodSym | null {
        return pickOverload(
            cands,
            args.map((a) => a.t),
            (tied) => this.error(file, pos, `Ambiguous method call, it matches: ${tied.map(methodLabel).join(' and ')}`)
        );
    }

    protected pickCtor(cls: ClassSym, args: CExpr[], file: string, pos: Pos): MethodSym | null {
        if (cls.ctors.length === 0) {
            if (args.length === 0) return null;
            if (cls.isException) return null;
            this.error(
                file,
                pos,
                `Constructor not defined: [${cls.qualifiedName}].<Constructor>(${args.map((a) => typeName(a.t)).join(', ')})`
            );
            return null;
        }
        const m = this.choose(cls.ctors, args, file, pos);
        if (!m && !(cls.isException && args.length <= 2)) {
            this.error(
                file,
                pos,
                `Constructor not defined: [${cls.qualifiedName}].<Constructor>(${args.map((a) => typeName(a.t)).join(', ')})`
            );
        }
        return m;
    }

    protected markLine(file: string, line: number): void {
        let s = this.coverage.lines.get(file);
        if (!s) this.coverage.lines.set(file, (s = new Set()));
        s.add(line);
    }

    protected hitSet(file: string): Set<number> {
        let s = this.coverage.hit.get(file);
        if (!s) this.coverage.hit.set(file, (s = new Set()));
        return s;
    }

    /** Converts an expression to a declared type: implicit widening, or a semantic error. */
    coerce(e: CExpr, to: ApexType, file: string, pos: Pos): Ev {
        if (e.poisoned) return e.ev;
        if (e.typeRef || e.ns) {
            this.error(file, pos, 'Variable does not exist');
            return e.ev;
        }
        // An inline query also assigns to one row: an SObject, or an AggregateResult of an aggregate query.
        const oneRow =
            e.soql && e.t.k === 'list' && (to.k === 'sobject' || (to.k === 'builtin' && to.name === 'AggregateResult'));
        const a = oneRow && e.t.k === 'list' ? assignable(e.t.elem, to) : assignable(e.t, to);
        if (!a) {
            this.error(file, pos, `Illegal assignment from ${typeName(e.t)} to ${typeName(to)}`);
            return e.ev;
        }
        const ev = e.ev;
        if (oneRow) return (f) => singleRow(ev(f));
        if (e.t.k === 'any' && to.k !== 'any' && to.k !== 'object') return (f) => castTo(ev(f), to);
        if (a === 'widen' && (isNumeric(to) || prim(to, 'Id') || prim(to, 'String')) && !sameType(e.t, to))
            return (f) => widen(ev(f), to);
        return ev;
    }

    protected typeRefExpr(t: ApexType): CExpr {
        return {
            t: T.Void,
            typeRef: t,
            ev: () => {
                throw new EmulatorError('a type name used as a value');
            }
        };
    }

    protected convertArgs(args: CExpr[], params: ApexType[]): Ev[] {
        return args.map((a, i) => {
            const p = params[i];
            const ev = a.ev;
            if (a.t.k === 'any' && p.k !== 'any' && p.k !== 'object') return (f: Frame) => castTo(ev(f), p);
            if ((isNumeric(p) || prim(p, 'Id') || prim(p, 'String')) && !sameType(a.t, p))
                return (f: Frame) => widen(ev(f), p);
            return ev;
        });
    }
}

/** An inline query assigned to one SObject: exactly one row, else System.QueryException (Apex guide, SOQL). */
function singleRow(v: unknown): unknown {
    const items = (v as ApexList).items;
    if (items.length === 0) raise('System.QueryException', 'List has no rows for assignment to SObject');
    if (items.length > 1) raise('System.QueryException', 'List has more than 1 row for assignment to SObject');
    return items[0];
}
