/**
 * Expressions: names, fields and properties, operators, casts, object and collection creation, inline SOQL.
 */
import type { Expr, NewExpr, Pos } from '../frontend/ast';
import { checkSoql } from '../frontend/parse';
import { canAccess, type ClassSym, type FieldSym } from '../semantic/symbols';
import {
    assignable,
    castable,
    isNumeric,
    prim,
    sameType,
    T,
    typeName,
    UNRESOLVED,
    widerNumeric
} from '../semantic/types';
import { pickOverload } from '../semantic/overloads';
import { type BuiltinProperty, properties, registry } from '../stdlib/registry';
import { ApexDecimal } from '../stdlib/primitives/decimal';
import type { ApexDate } from '../stdlib/primitives/datetime';
import { ApexDouble } from '../stdlib/primitives/numbers';
import { EmulatorError, type Frame } from './context';
import { arith, bitop, castTo, compareOp, isInstance, negate, npe, raise, stringOf, widen } from './ops';
import type { DescribeSObjectValue, SObjectValue } from './sobject';
import { SObjectTypeFieldsValue } from './field-describe';
import type { ApexType } from '../semantic/types';
import type { ApexObject } from './values';
import { ApexList, ApexMap, keyEquals, looseEquals, TypeValue } from './values';
import { type CExpr, type Ev, KNOWN_SYSTEM_CLASSES, type MethodCtx, NAMESPACES, poison } from './compile-types';
import { callAccessor, enumValue, listGet, listSet, makeSet, numericCast, propertyAccessors } from './frames';
import { SObjectCompiler } from './compile-sobject';
import { userModeQuery } from './user-mode';

export abstract class ExprCompiler extends SObjectCompiler {
    protected condition(e: Expr, ctx: MethodCtx): (f: Frame) => boolean {
        const c = this.expr(e, ctx);
        if (!prim(c.t, 'Boolean') && c.t.k !== 'any')
            this.error(ctx.file, e.pos, `Expression must be of type Boolean: ${typeName(c.t)}`);
        const ev = c.ev;
        return (f) => {
            const v = ev(f);
            if (v === null || v === undefined) npe();
            return v as boolean;
        };
    }

    expr(e: Expr, ctx: MethodCtx): CExpr {
        switch (e.k) {
            case 'lit':
                return this.literal(e, ctx);
            case 'name':
                return this.name(e.name, e.pos, ctx);
            case 'this':
                if (ctx.isStatic || !ctx.cls)
                    return this.error(ctx.file, e.pos, 'This cannot be referenced in a static context');
                return { t: { k: 'class', cls: ctx.cls }, ev: (f) => f.self };
            case 'super':
                if (ctx.isStatic || !ctx.cls?.superclass)
                    return this.error(ctx.file, e.pos, 'Super cannot be referenced here');
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
                if (!castable(x.t, t))
                    return this.error(
                        ctx.file,
                        e.pos,
                        `Incompatible types since an instance of ${typeName(x.t)} is never an instance of ${typeName(t)}`
                    );
                const ev = x.ev;
                if (isNumeric(t) && isNumeric(x.t)) return { t, ev: (f) => numericCast(ev(f), t) };
                // (Id) of a String makes an Id (an invalid one throws), as assigning it to an Id variable does.
                if (prim(t, 'Id')) return { t, ev: (f) => widen(castTo(ev(f), t), t) };
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
                else if (!sameType(a.t, b.t) && b.t.k !== 'null')
                    t = assignable(b.t, a.t) ? a.t : assignable(a.t, b.t) ? b.t : T.Object;
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
                    if (
                        assignable(st, t) &&
                        !(isNumeric(st) && !sameType(st, t)) &&
                        !((prim(st, 'Id') && prim(t, 'String')) || (prim(st, 'String') && prim(t, 'Id')))
                    ) {
                        return this.error(
                            ctx.file,
                            e.pos,
                            `Operation instanceof is always true since an instance of ${typeName(st)} is always an instance of ${typeName(t)}`
                        );
                    }
                    if (!castable(st, t))
                        return this.error(
                            ctx.file,
                            e.pos,
                            `Operation instanceof is always false since an instance of ${typeName(st)} is never an instance of ${typeName(t)}`
                        );
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
                const shape = this.soqlShape(text, ctx, e.pos);
                if (!shape) return poison();
                const run = (f: Frame): unknown =>
                    this.data.query(text, (bindText) => {
                        const ev = binds.get(bindText);
                        if (!ev) throw new EmulatorError(`unknown SOQL bind :${bindText}`);
                        return ev(f);
                    });
                // WITH USER_MODE / SECURITY_ENFORCED: the running user's access is checked first (runtime/user-mode.ts).
                const secured = /\b(USER_MODE|SECURITY_ENFORCED)\b/i.test(text);
                // Database.getQueryLocator([SELECT ...]): the bind values are taken when the locator is made.
                const locator = (f: Frame): unknown => {
                    const values = new Map<string, unknown>();
                    for (const [k, ev] of binds) values.set(k, ev(f));
                    const make = (): unknown =>
                        this.data.query(
                            text,
                            (bindText) => {
                                if (!values.has(bindText)) throw new EmulatorError(`unknown SOQL bind :${bindText}`);
                                return values.get(bindText);
                            },
                            'locator'
                        );
                    return secured ? userModeQuery(text, null, 'locator', make) : make();
                };
                return {
                    t: prim(shape, 'Integer') ? shape : { k: 'list', elem: shape },
                    soql: true,
                    locator,
                    ev: secured ? (f) => userModeQuery(text, null, 'list', () => run(f)) : run
                };
            }
            case 'sosl': {
                const text = e.text;
                const binds = new Map<string, Ev>();
                for (const b of e.binds) binds.set(b.text, this.expr(b.expr, ctx).ev);
                return {
                    t: { k: 'list', elem: { k: 'list', elem: { k: 'sobject', name: 'SObject' } } },
                    ev: (f) =>
                        this.data.search(text, (bindText) => {
                            const ev = binds.get(bindText);
                            if (!ev) throw new EmulatorError(`unknown SOSL bind :${bindText}`);
                            return ev(f);
                        })
                };
            }
        }
    }

    protected literal(e: Extract<Expr, { k: 'lit' }>, ctx: MethodCtx): CExpr {
        switch (e.type) {
            case 'Integer': {
                const n = Number(e.value);
                if (n > 2147483647) return this.error(ctx.file, e.pos, `Illegal integer: ${e.value}`);
                const v = n | 0;
                return { t: T.Integer, ev: () => v };
            }
            case 'Long': {
                if (BigInt(e.value as string) > 2n ** 63n - 1n)
                    return this.error(ctx.file, e.pos, `Illegal long: ${e.value}`);
                const v = BigInt(e.value as string);
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

    protected name(name: string, pos: Pos, ctx: MethodCtx): CExpr {
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

    protected fieldAccess(fsym: FieldSym, target: Ev | null, ctx: MethodCtx, pos: Pos): CExpr {
        if (fsym.type === UNRESOLVED) return poison();
        if (!canAccess(fsym.mods, fsym.owner, ctx.cls))
            return this.error(ctx.file, pos, `Variable is not visible: ${fsym.owner.qualifiedName}.${fsym.name}`);
        let writeError =
            fsym.setterMods && !canAccess(fsym.setterMods, fsym.owner, ctx.cls)
                ? `Variable is not visible: ${fsym.owner.qualifiedName}.${fsym.name}`
                : undefined;
        if (fsym.isFinal && !(ctx.cls === fsym.owner && ctx.initOrCtor))
            writeError = `Final variable has already been initialized: ${fsym.name}`;
        return { ...this.fieldAccessInner(fsym, target, fsym.isProperty && ctx.property !== fsym), writeError };
    }

    protected fieldAccessInner(fsym: FieldSym, target: Ev | null, viaAccessors: boolean): CExpr {
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

    protected field(e: Extract<Expr, { k: 'field' }>, ctx: MethodCtx): CExpr {
        const target = this.expr(e.target, ctx);
        const lower = e.name.toLowerCase();
        if (target.poisoned) return poison();
        if (target.ns) {
            const t = this.types.resolve(
                {
                    parts: [
                        { name: target.ns, args: [] },
                        { name: e.name, args: [] }
                    ],
                    arrayDims: 0,
                    pos: e.pos
                },
                ctx.cls
            );
            if (typeof t !== 'string') return this.typeRefExpr(t);
            if (registry.has(lower) || KNOWN_SYSTEM_CLASSES.has(lower))
                return this.typeRefExpr({ k: 'builtin', name: e.name });
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
            if (tr.k === 'sobject') return this.sobjectStatic(tr, e.name, ctx, e.pos);
            if (tr.k === 'builtin' && tr.name.toLowerCase() === 'trigger') return this.triggerVar(e.name, ctx, e.pos);
            if (tr.k === 'builtin' && tr.name === 'Schema.SObjectType') return this.schemaDescribe(e.name, ctx, e.pos);
            // A nested built-in type the stdlib registers (EventBus.TriggerContext).
            if (tr.k === 'builtin' && registry.has(`${tr.name}.${e.name}`.toLowerCase()))
                return this.typeRefExpr({ k: 'builtin', name: `${tr.name}.${e.name}` });
            // Trigger.new...: built-in members we do not emulate yet.
            if (tr.k === 'builtin' || (tr.k === 'class' && tr.cls.builtin)) {
                return this.error(
                    ctx.file,
                    e.pos,
                    `${typeName(tr)}.${e.name} is not supported by the local org`,
                    'unsupported'
                );
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
        if (t.k === 'sobject') return this.sobjectMember(target, e.name, e.safe, ctx, e.pos);
        // `describe.fields` (Schema.SObjectTypeFields): only `.getMap()` follows it here; `fields.Name` is not emulated.
        if (t.k === 'builtin' && t.name === 'Schema.DescribeSObjectResult' && lower === 'fields') {
            const dev = target.ev;
            return {
                t: { k: 'builtin', name: 'Schema.SObjectTypeFields' },
                ev: (f) => {
                    const d = dev(f);
                    if (d === null || d === undefined) npe();
                    return new SObjectTypeFieldsValue((d as DescribeSObjectValue).obj);
                }
            };
        }
        // A property of a built-in value type the stdlib registers (Database.DMLOptions.emailHeader...).
        if (t.k === 'builtin') {
            const prop = properties.get(t.name.toLowerCase())?.get(lower);
            if (prop?.unsupported)
                return this.error(
                    ctx.file,
                    e.pos,
                    `${t.name}.${prop.name} is not supported by the local org`,
                    'unsupported'
                );
            if (prop) return this.builtinProperty(target.ev, prop, e.safe);
        }
        // `[SELECT Id FROM User LIMIT 1].Id`: an inline query dereferenced as its single row.
        if (target.soql && t.k === 'list' && t.elem.k === 'sobject') {
            const row = this.coerce(target, t.elem, ctx.file, e.pos);
            return this.sobjectMember({ t: t.elem, ev: row }, e.name, e.safe, ctx, e.pos);
        }
        if (t.k === 'any') {
            return this.error(
                ctx.file,
                e.pos,
                `Field access ${e.name} on ${typeName(t)} is not supported by the local org until part 2`,
                'unsupported'
            );
        }
        return this.error(ctx.file, e.pos, `Variable does not exist: ${e.name}`);
    }

    protected builtinProperty(tev: Ev, prop: BuiltinProperty, safe: boolean | undefined): CExpr {
        const set = prop.set;
        return {
            t: this.builtinType(prop.type, {}),
            ev: (f) => {
                const o = tev(f);
                if (o === null || o === undefined) return safe ? null : npe();
                return prop.get(o);
            },
            set: set
                ? (f, v) => {
                      const o = tev(f);
                      if (o === null || o === undefined) npe();
                      set(o, v);
                  }
                : undefined,
            writeError: set ? undefined : `Field is not writeable: ${prop.name}`
        };
    }

    protected index(e: Extract<Expr, { k: 'index' }>, ctx: MethodCtx): CExpr {
        const target = this.expr(e.target, ctx);
        if (target.poisoned) return poison();
        const idx = this.coerce(this.expr(e.index, ctx), T.Integer, ctx.file, e.index.pos);
        if (target.t.k !== 'list' && target.t.k !== 'any')
            return this.error(ctx.file, e.pos, `Expression must be a list type: ${typeName(target.t)}`);
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

    protected newExpr(e: NewExpr, ctx: MethodCtx): CExpr {
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
                if (t.k === 'list')
                    return {
                        t,
                        ev: (f) =>
                            new ApexList(
                                elem,
                                items.map((i) => i(f))
                            )
                    };
                return {
                    t,
                    ev: (f) =>
                        makeSet(
                            elem,
                            items.map((i) => i(f))
                        )
                };
            }
            const args = (e.args ?? []).map((a) => this.expr(a, ctx));
            if (args.some((a) => a.poisoned)) return poison();
            if (args.length === 0)
                return { t, ev: () => (t.k === 'list' ? new ApexList(elem, []) : makeSet(elem, [])) };
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
                return this.error(
                    ctx.file,
                    e.pos,
                    'new List<T>(Integer) is not supported by the local org',
                    'unsupported'
                );
            }
            return this.error(
                ctx.file,
                e.pos,
                `Constructor not defined: [${typeName(t)}].<Constructor>(${args.map((a) => typeName(a.t)).join(', ')})`
            );
        }
        if (t.k === 'map') {
            if (e.mapInit) {
                const pairs = e.mapInit.map(([k, v]) => [
                    this.coerce(this.expr(k, ctx), t.key, ctx.file, k.pos),
                    this.coerce(this.expr(v, ctx), t.value, ctx.file, v.pos)
                ]);
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
            if (args.some((a) => a.poisoned)) return poison();
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
            const a0 = args[0]?.t;
            if (args.length === 1 && a0?.k === 'list' && a0.elem.k === 'sobject' && prim(t.key, 'Id')) {
                if (!assignable(a0.elem, t.value))
                    return this.error(ctx.file, e.pos, `Illegal assignment from ${typeName(a0)} to ${typeName(t)}`);
                return { t, ev: (f) => mapById(t.key, t.value, args[0].ev(f)) };
            }
            return this.error(
                ctx.file,
                e.pos,
                `Map constructor with ${args.map((a) => typeName(a.t)).join(', ')} is not supported by the local org`,
                'unsupported'
            );
        }
        if (t.k === 'class') {
            const cls = t.cls;
            if (cls.kind !== 'class')
                return this.error(ctx.file, e.pos, `Type cannot be constructed: ${cls.qualifiedName}`);
            if (cls.hasWord('abstract'))
                return this.error(ctx.file, e.pos, `Abstract classes cannot be constructed: ${cls.qualifiedName}`);
            const args = (e.args ?? []).map((a) => this.expr(a, ctx));
            if (args.some((a) => a.poisoned)) return poison();
            if (
                cls.isException &&
                (cls.builtin ||
                    !cls.ctors.length ||
                    !pickOverload(
                        cls.ctors,
                        args.map((a) => a.t)
                    ))
            ) {
                return this.exceptionCtor(cls, args, ctx, e.pos);
            }
            const ctor = this.pickCtor(cls, args, ctx.file, e.pos);
            if (ctor) {
                const hidden = this.visible(ctor, ctx, e.pos);
                if (hidden) return hidden;
            }
            const argEvs = ctor
                ? this.convertArgs(
                      args,
                      ctor.params.map((p) => p.type)
                  )
                : [];
            return {
                t,
                ev: (f) =>
                    this.instantiate(
                        cls,
                        ctor,
                        argEvs.map((a) => a(f))
                    )
            };
        }
        if (t.k === 'sobject') return this.newSObject(t, e, ctx);
        if (t.k === 'builtin') {
            // A built-in value type with public constructors registered by the stdlib (e.g. stdlib/messaging.ts).
            const ctors = registry.get(t.name.toLowerCase().replace(/^system\./, ''))?.ctors ?? [];
            if (ctors.length) {
                const args = (e.args ?? []).map((a) => this.expr(a, ctx));
                if (args.some((a) => a.poisoned)) return poison();
                const m = this.pickBuiltin(ctors, '<init>', args, null);
                if (m) return { ...this.invokeBuiltin(m.m, m.subst, null, args, false), t };
                return this.error(
                    ctx.file,
                    e.pos,
                    `Constructor not defined: [${typeName(t)}].<Constructor>(${args.map((a) => typeName(a.t)).join(', ')})`
                );
            }
        }
        return this.error(ctx.file, e.pos, `Type cannot be constructed: ${typeName(t)}`);
    }

    /** The four implicit exception constructors: (), (String), (Exception), (String, Exception). */
    protected exceptionCtor(cls: ClassSym, args: CExpr[], ctx: MethodCtx, pos: Pos): CExpr {
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
            return this.error(
                ctx.file,
                pos,
                `Constructor not defined: [${cls.qualifiedName}].<Constructor>(${args.map((a) => typeName(a.t)).join(', ')})`
            );
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

    protected unary(e: Extract<Expr, { k: 'unary' }>, ctx: MethodCtx): CExpr {
        // -2147483648 is a literal of its own: 2147483648 alone does not fit an Integer.
        if (e.op === '-' && e.expr.k === 'lit' && e.expr.type === 'Integer' && e.expr.value === '2147483648')
            return { t: T.Integer, ev: () => -2147483648 };
        if (e.op === '-' && e.expr.k === 'lit' && e.expr.type === 'Long' && e.expr.value === '9223372036854775808')
            return { t: T.Long, ev: () => -(2n ** 63n) };
        const x = this.expr(e.expr, ctx);
        const ev = x.ev;
        switch (e.op) {
            case '!':
                if (!prim(x.t, 'Boolean') && x.t.k !== 'any')
                    return this.error(ctx.file, e.pos, 'Negation operator (!) must be used with a Boolean');
                return {
                    t: T.Boolean,
                    ev: (f) => {
                        const v = ev(f);
                        if (v === null) npe();
                        return !v;
                    }
                };
            case '-':
                if (!isNumeric(x.t) && x.t.k !== 'any')
                    return this.error(ctx.file, e.pos, `Arithmetic expressions must use numeric arguments`);
                return { t: x.t, ev: (f) => negate(ev(f)) };
            case '+':
                return { t: x.t, ev: (f) => (ev(f) === null ? npe() : ev(f)) };
            case '~':
                return { t: x.t, ev: (f) => bitop('^', ev(f), prim(x.t, 'Long') ? -1n : -1) };
        }
    }

    protected incdec(e: Extract<Expr, { k: 'incdec' }>, ctx: MethodCtx): CExpr {
        const target = this.expr(e.target, ctx);
        if (target.poisoned) return poison();
        if (!target.set) return this.error(ctx.file, e.pos, 'Expression cannot be assigned');
        if (target.writeError) return this.error(ctx.file, e.target.pos, target.writeError);
        if (!isNumeric(target.t) && target.t.k !== 'any')
            return this.error(ctx.file, e.pos, `Arithmetic expressions must use numeric arguments`);
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

    protected assign(e: Extract<Expr, { k: 'assign' }>, ctx: MethodCtx): CExpr {
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

    protected binary(e: Extract<Expr, { k: 'binary' }>, ctx: MethodCtx): CExpr {
        return this.binaryOp(e.op, this.expr(e.left, ctx), this.expr(e.right, ctx), ctx, e.pos);
    }

    protected binaryOp(op: string, l: CExpr, r: CExpr, ctx: MethodCtx, pos: Pos): CExpr {
        const a = l.ev;
        const b = r.ev;
        switch (op) {
            case '&&':
            case '||': {
                for (const x of [l, r])
                    if (!prim(x.t, 'Boolean') && x.t.k !== 'any')
                        return this.error(ctx.file, pos, `${op} operator can only be applied to Boolean expressions`);
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
                        const same =
                            x === y || (x === null && y === null) || (typeof x !== 'object' && keyEquals(x, y));
                        return same !== neg;
                    }
                };
            }
            case '<':
            case '<=':
            case '>':
            case '>=':
                // "x and y can't be Boolean"
                if (prim(l.t, 'Boolean') || prim(r.t, 'Boolean'))
                    return this.error(ctx.file, pos, `Inequality operator not allowed for type: Boolean`);
                return { t: T.Boolean, ev: (f) => compareOp(op, a(f), b(f)) };
            case '+':
            case '-':
            case '*':
            case '/':
            case '%': {
                if (op === '+' && (prim(l.t, 'String') || prim(r.t, 'String')))
                    return { t: T.String, ev: (f) => stringOf(a(f)) + stringOf(b(f)) };
                if (op === '%') return this.error(ctx.file, pos, 'The % operator does not exist in Apex; use Math.mod');
                // "If x is a Date and y is an Integer, returns a new Date that is incremented by the specified number of days."
                if ((op === '+' || op === '-') && prim(l.t, 'Date') && (prim(r.t, 'Integer') || prim(r.t, 'Long'))) {
                    const sign = op === '+' ? 1 : -1;
                    return {
                        t: T.Date,
                        ev: (f) => {
                            const d = a(f);
                            const n = b(f);
                            if (d === null || n === null) npe();
                            return (d as ApexDate).addDays(sign * Number(n));
                        }
                    };
                }
                for (const x of [l, r]) {
                    if (!isNumeric(x.t) && x.t.k !== 'any' && x.t.k !== 'null') {
                        if (
                            x.t.k === 'prim' &&
                            (x.t.name === 'Date' || x.t.name === 'Datetime' || x.t.name === 'Time')
                        ) {
                            return this.error(
                                ctx.file,
                                pos,
                                `Date/time arithmetic with ${op} is not supported by the local org`,
                                'unsupported'
                            );
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
}

/** `new Map<Id, Account>(rows)`: keyed by each row's Id (Map class reference); a row without an Id fails. */
function mapById(key: ApexType, value: ApexType, rows: unknown): ApexMap {
    if (rows === null || rows === undefined) npe();
    const m = new ApexMap(key, value);
    (rows as ApexList).items.forEach((r, i) => {
        const id = r === null ? null : (r as SObjectValue).id;
        if (id === null) raise('System.ListException', `Row with null Id at index: ${i}`);
        m.store.set(id, r);
    });
    return m;
}
