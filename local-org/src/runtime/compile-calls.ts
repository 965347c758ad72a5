/**
 * Method calls: project methods (overloads, virtual dispatch, visibility), enums, exceptions, and built-in
 * methods bound from the stdlib registry.
 */
import type { Expr, Pos } from '../frontend/ast';
import { canAccess, type ClassSym, type FieldSym, type MethodSym } from '../semantic/symbols';
import { type ApexType, assignable, T, typeName, UNRESOLVED } from '../semantic/types';
import { methodLabel } from '../semantic/overloads';
import type { BuiltinMethod } from '../stdlib/builtin';
import { registry } from '../stdlib/registry';
import { EmulatorError, type Frame } from './context';
import { npe, raise, stringOf, translate } from './ops';
import type { ApexObject, EnumValue } from './values';
import { ApexList } from './values';
import { inaccessibleFields } from './user-mode';
import { type CExpr, type Ev, type MethodCtx, poison, type Scope } from './compile-types';
import { dynamicBinds } from './data';
import { enumValue } from './frames';
import type { DmlFailure } from './dml';
import { CompilerBase } from './compile-base';

export abstract class CallCompiler extends CompilerBase {
    protected call(e: Extract<Expr, { k: 'call' }>, ctx: MethodCtx): CExpr {
        const args = e.args.map((a) => this.expr(a, ctx));
        // An argument that already has a diagnostic cannot choose an overload: stay quiet.
        if (args.some((a) => a.poisoned)) {
            if (e.target) this.expr(e.target, ctx);
            return poison();
        }
        const lower = e.name.toLowerCase();
        if (!e.target) {
            // this class (and superclasses), then outer classes' statics
            for (let c = ctx.cls; c; c = c.outer) {
                const cands = c.findMethods(lower);
                if (!cands.length) continue;
                const m = this.choose(cands, args, ctx.file, e.pos);
                if (!m) return this.noMethod(e.name, args, c, ctx, e.pos);
                if (!m.isStatic && (ctx.isStatic || c !== ctx.cls))
                    return this.error(
                        ctx.file,
                        e.pos,
                        `Non static method cannot be referenced from a static context: ${methodLabel(m)}`
                    );
                const hidden = this.visible(m, ctx, e.pos);
                if (hidden) return hidden;
                return this.invokeUser(m, m.isStatic ? null : (f) => f.self, args, false, false);
            }
            return this.error(
                ctx.file,
                e.pos,
                `Method does not exist or incorrect signature: void ${e.name}(${args.map((a) => typeName(a.t)).join(', ')}) from the type ${ctx.cls?.qualifiedName ?? 'anonymous'}`
            );
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
                const m = this.choose(cands, args, ctx.file, e.pos);
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
            const m = this.choose(cands, args, ctx.file, e.pos);
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
            const m = this.choose(cands, args, ctx.file, e.pos);
            if (m) return this.invokeUser(m, target.ev, args, false, e.safe);
            const objM = this.objectMethod(lower, target, args, e.safe);
            if (objM) return objM;
            return this.noMethod(e.name, args, t.cls, ctx, e.pos);
        }
        if (t.k === 'class' && t.cls.kind === 'enum')
            return this.enumInstance(t.cls, target, e.name, args, ctx, e.pos, e.safe);
        if (t.k === 'any' || t.k === 'object') {
            const objM = this.objectMethod(lower, target, args, e.safe);
            if (objM) return objM;
            if (t.k === 'object')
                return this.error(
                    ctx.file,
                    e.pos,
                    `Method does not exist or incorrect signature: void ${e.name}(${args.map((a) => typeName(a.t)).join(', ')}) from the type Object`
                );
            return this.error(
                ctx.file,
                e.pos,
                `Calling ${e.name} on a value of unknown type is not supported by the local org`,
                'unsupported'
            );
        }
        return this.builtinInstance(t, target, e.name, args, ctx, e.pos, e.safe);
    }

    protected visible(m: MethodSym, ctx: MethodCtx, pos: Pos): CExpr | null {
        if (canAccess(m.mods, m.owner, ctx.cls)) return null;
        return this.error(ctx.file, pos, `${m.isCtor ? 'Constructor' : 'Method'} is not visible: ${methodLabel(m)}`);
    }

    protected noMethod(name: string, args: CExpr[], cls: ClassSym, ctx: MethodCtx, pos: Pos): CExpr {
        return this.error(
            ctx.file,
            pos,
            `Method does not exist or incorrect signature: void ${name}(${args.map((a) => typeName(a.t)).join(', ')}) from the type ${cls.qualifiedName}`
        );
    }

    protected invokeUser(m: MethodSym, target: Ev | null, args: CExpr[], isSuper: boolean, safe: boolean): CExpr {
        if (m.returnType === UNRESOLVED || m.params.some((p) => p.type === UNRESOLVED)) return poison();
        const argEvs = this.convertArgs(
            args,
            m.params.map((p) => p.type)
        );
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
                if (!impl || !impl.invoke)
                    throw new EmulatorError(`no implementation of ${methodLabel(m)} on ${o.cls.qualifiedName}`);
                return impl.invoke(o, vals);
            }
        };
    }

    /** equals/hashCode/toString available on every object. */
    protected objectMethod(lower: string, target: CExpr, args: CExpr[], safe: boolean): CExpr | null {
        const ev = target.ev;
        const guard =
            (fn: (v: unknown, f: Frame) => unknown): Ev =>
            (f) => {
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

    protected exceptionMethod(
        target: CExpr,
        name: string,
        args: CExpr[],
        ctx: MethodCtx,
        pos: Pos,
        safe: boolean
    ): CExpr {
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
        const dml = this.dmlExceptionMethod(lower, args, ctx, pos, g);
        if (dml) return dml;
        // QueryException.getInaccessibleFields(): the fields a user-mode query could not read (runtime/user-mode.ts).
        const isQueryException =
            target.t.k === 'class' && target.t.cls.builtin && target.t.cls.name === 'QueryException';
        if (lower === 'getinaccessiblefields' && args.length === 0 && isQueryException)
            return g({ k: 'map', key: T.String, value: { k: 'set', elem: T.String } }, (ex) => inaccessibleFields(ex));
        return this.error(
            ctx.file,
            pos,
            `Method does not exist or incorrect signature: void ${name}(${args.map((a) => typeName(a.t)).join(', ')}) from the type ${typeName(target.t)}`
        );
    }

    /** DmlException's per-row accessors over the failures the DML layer recorded. */
    protected dmlExceptionMethod(
        lower: string,
        args: CExpr[],
        ctx: MethodCtx,
        pos: Pos,
        g: (t: ApexType, fn: (ex: ApexObject, f: Frame) => unknown) => CExpr
    ): CExpr | null {
        const rows = (ex: ApexObject): DmlFailure[] => (ex.fields.get('$dml') as DmlFailure[] | undefined) ?? [];
        if (lower === 'getnumdml' && args.length === 0) return g(T.Integer, (ex) => rows(ex).length);
        const perRow: Record<string, [ApexType, (r: DmlFailure) => unknown]> = {
            getdmlmessage: [T.String, (r) => r.error.message],
            getdmlstatuscode: [T.String, (r) => r.error.statusCode],
            getdmlfieldnames: [{ k: 'list', elem: T.String }, (r) => new ApexList(T.String, r.error.fields.slice())],
            getdmlid: [T.Id, (r) => r.id],
            getdmlindex: [T.Integer, (r) => r.index],
            getdmltype: [
                { k: 'class', cls: this.types.builtins.byName.get('statuscode')! },
                (r) => {
                    const cls = this.types.builtins.byName.get('statuscode')!;
                    const ord = cls.enumValues.indexOf(r.error.statusCode);
                    if (ord < 0) throw new EmulatorError(`StatusCode ${r.error.statusCode} is not modelled`);
                    return enumValue(cls, ord);
                }
            ]
        };
        const m = perRow[lower];
        if (!m || args.length !== 1) return null;
        const idx = this.coerce(args[0], T.Integer, ctx.file, pos);
        return g(m[0], (ex, f) => {
            const i = idx(f);
            if (i === null) npe();
            const r = rows(ex)[i as number];
            // Out-of-range index (exact platform behaviour unverified).
            if (!r) raise('System.ListException', `List index out of bounds: ${String(i)}`);
            return m[1](r);
        });
    }

    protected enumStatic(cls: ClassSym, name: string, args: CExpr[], ctx: MethodCtx, pos: Pos): CExpr {
        const lower = name.toLowerCase();
        const t: ApexType = { k: 'class', cls };
        if (lower === 'values' && args.length === 0) {
            return {
                t: { k: 'list', elem: t },
                ev: () =>
                    new ApexList(
                        t,
                        cls.enumValues.map((_, i) => enumValue(cls, i))
                    )
            };
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
                    if (i < 0)
                        raise('System.NoSuchElementException', `No enum constant ${cls.qualifiedName}.${v as string}`);
                    return enumValue(cls, i);
                }
            };
        }
        return this.error(
            ctx.file,
            pos,
            `Method does not exist or incorrect signature: void ${name}(${args.map((a) => typeName(a.t)).join(', ')}) from the type ${cls.qualifiedName}`
        );
    }

    protected enumInstance(
        cls: ClassSym,
        target: CExpr,
        name: string,
        args: CExpr[],
        ctx: MethodCtx,
        pos: Pos,
        safe: boolean
    ): CExpr {
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
        return this.error(
            ctx.file,
            pos,
            `Method does not exist or incorrect signature: void ${name}(${args.map((a) => typeName(a.t)).join(', ')}) from the type ${cls.qualifiedName}`
        );
    }

    protected builtinStatic(typeNameText: string, name: string, args: CExpr[], ctx: MethodCtx, pos: Pos): CExpr {
        const reg = registry.get(typeNameText.toLowerCase().replace(/^system\./, ''));
        if (reg) {
            // Database.getQueryLocator(List<SObject>) takes inline SOQL only (Database class reference).
            const inline = args.length === 1 ? args[0].locator : undefined;
            if (reg.name === 'Database' && name.toLowerCase() === 'getquerylocator' && inline) {
                // Same result type as the String overload.
                const text: CExpr[] = [{ t: T.String, ev: () => null }];
                const viaText = this.pickBuiltin(reg.statics, name, text, null);
                if (viaText)
                    return { t: this.invokeBuiltin(viaText.m, viaText.subst, null, text, false).t, ev: inline };
            }
            const m = this.pickBuiltin(reg.statics, name, args, null);
            if (m && reg.name === 'Database' && DYNAMIC_SOQL.has(name.toLowerCase()))
                return this.withDynamicBinds(this.invokeBuiltin(m.m, m.subst, null, args, false), ctx);
            if (m) return this.invokeBuiltin(m.m, m.subst, null, args, false);
            if (reg.statics.some((x) => x.name.toLowerCase() === name.toLowerCase())) {
                return this.error(
                    ctx.file,
                    pos,
                    `Method does not exist or incorrect signature: void ${name}(${args.map((a) => typeName(a.t)).join(', ')}) from the type ${reg.name}`
                );
            }
        }
        return this.error(ctx.file, pos, `${typeNameText}.${name} is not supported by the local org`, 'unsupported');
    }

    /**
     * Database.query and friends resolve `:name` binds against the variables in scope where they are called
     * (Apex guide, Dynamic SOQL): the locals visible here, then the fields of this class and the statics of its
     * outer classes.
     */
    protected withDynamicBinds(call: CExpr, ctx: MethodCtx): CExpr {
        const byName = new Map<string, Ev>();
        // Innermost declarations win: locals (inner scopes first), then fields.
        for (let sc: Scope | null = ctx.scope; sc; sc = sc.parent) {
            for (const [lower, v] of sc.vars) {
                const slot = v.slot;
                if (!byName.has(lower)) byName.set(lower, (f) => f.locals[slot]);
            }
        }
        for (let c = ctx.cls; c; c = c.outer) {
            for (let k: ClassSym | null = c; k && !k.builtin; k = k.superclass) {
                for (const [lower, fsym] of k.fields) {
                    if (byName.has(lower) || fsym.type === UNRESOLVED) continue;
                    if (!fsym.isStatic && (ctx.isStatic || c !== ctx.cls)) continue;
                    byName.set(lower, this.fieldAccessInner(fsym, fsym.isStatic ? null : (f) => f.self, false).ev);
                }
            }
        }
        const inner = call.ev;
        return {
            ...call,
            ev: (f) => {
                const saved = dynamicBinds.current;
                dynamicBinds.current = (name) => {
                    const ev = byName.get(name.toLowerCase());
                    if (!ev) raise('System.QueryException', `Variable does not exist: ${name}`);
                    return ev(f);
                };
                try {
                    return inner(f);
                } finally {
                    dynamicBinds.current = saved;
                }
            }
        };
    }

    protected abstract fieldAccessInner(fsym: FieldSym, target: Ev | null, viaAccessors: boolean): CExpr;

    protected builtinInstance(
        t: ApexType,
        target: CExpr,
        name: string,
        args: CExpr[],
        ctx: MethodCtx,
        pos: Pos,
        safe: boolean
    ): CExpr {
        const key =
            t.k === 'list'
                ? 'list'
                : t.k === 'set'
                  ? 'set'
                  : t.k === 'map'
                    ? 'map'
                    : t.k === 'builtin'
                      ? t.name.toLowerCase().replace(/^system\./, '')
                      : t.k === 'prim'
                        ? t.name.toLowerCase()
                        : t.k === 'sobject'
                          ? 'sobject'
                          : '';
        const reg = registry.get(key);
        const subst: Record<string, ApexType> = {};
        if (t.k === 'list' || t.k === 'set') subst.T = t.elem;
        if (t.k === 'map') {
            subst.K = t.key;
            subst.V = t.value;
        }
        // SObject.clone() returns the receiver's own type.
        if (t.k === 'sobject') subst.T = t;
        if (reg) {
            const m = this.pickBuiltin(reg.instance, name, args, subst);
            if (m) return this.invokeBuiltin(m.m, m.subst, target.ev, args, safe);
        }
        const objM = this.objectMethod(name.toLowerCase(), target, args, safe);
        if (objM) return objM;
        if (reg?.instance.some((x) => x.name.toLowerCase() === name.toLowerCase())) {
            return this.error(
                ctx.file,
                pos,
                `Method does not exist or incorrect signature: void ${name}(${args.map((a) => typeName(a.t)).join(', ')}) from the type ${typeName(t)}`
            );
        }
        return this.error(ctx.file, pos, `${typeName(t)}.${name} is not supported by the local org`, 'unsupported');
    }

    protected pickBuiltin(
        list: BuiltinMethod[],
        name: string,
        args: CExpr[],
        subst: Record<string, ApexType> | null
    ): { m: BuiltinMethod; subst: Record<string, ApexType> } | null {
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
        const r = this.types.resolve(
            { parts: s.split('.').map((name) => ({ name, args: [] })), arrayDims: 0, pos: { line: 0, col: 0 } },
            null
        );
        if (typeof r === 'string') return { k: 'builtin', name: s };
        return r;
    }

    protected invokeBuiltin(
        m: BuiltinMethod,
        subst: Record<string, ApexType>,
        target: Ev | null,
        args: CExpr[],
        safe: boolean
    ): CExpr {
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

const DYNAMIC_SOQL = new Set(['query', 'countquery', 'getquerylocator']);
