/**
 * The semantic pass and closure compiler in one walk: every name, type and overload is resolved before anything
 * runs, problems become Diagnostics, and each expression/statement becomes a JS closure over a Frame.
 * This module compiles classes; expressions, statements and calls live in compile-*.ts.
 */
import type { Block, Member, Stmt, TriggerDecl } from '../frontend/ast';
import type { ClassSym, FieldSym, MethodSym } from '../semantic/symbols';
import { type ApexType, T, typeName } from '../semantic/types';
import { alwaysExits } from '../semantic/flow';
import { allInterfaces, methodLabel } from '../semantic/overloads';
import { type Frame, tx } from './context';
import type { ApexObject } from './values';
import { EMPTY, type Exec } from './compile-types';
import { enter, instanceInitCode, noteError, propertyAccessors, staticInitCode, withFrame } from './frames';
import { StmtCompiler } from './compile-stmt';
import { deepCopy, queue } from './async';

export class Compiler extends StmtCompiler {
    /** Compiles method, constructor, property and initialiser bodies of a class (signatures already declared). */
    compileClass(cls: ClassSym): void {
        const file = cls.file;
        for (const list of cls.methods.values())
            for (const m of list) if (m.owner === cls && m.body) this.compileMethod(m, file);
        for (const c of cls.ctors) this.compileCtor(c, file);
        for (const f of cls.fields.values()) this.compileProperty(f, file);
        this.compileInits(cls, file);
        for (const inner of cls.inner.values()) this.compileClass(inner);
        // A concrete class must implement every abstract/interface method it inherits.
        if (cls.kind === 'class' && !cls.hasWord('abstract') && !cls.builtin) {
            for (const iface of allInterfaces(cls)) {
                for (const list of iface.methods.values()) {
                    for (const m of list) {
                        if (!cls.dispatch(m.sig))
                            this.error(
                                file,
                                cls.decl!.pos,
                                `Class ${cls.qualifiedName} must implement the method: ${methodLabel(m)}`
                            );
                    }
                }
            }
        }
    }

    /** Compiles a trigger body; it runs in a frame of its own (`Trigger.<Name>` in stack traces). */
    compileTrigger(decl: TriggerDecl, objectName: string): () => void {
        const ctx = this.newCtx(null, true, T.Void, decl.file);
        ctx.triggerObject = objectName;
        const body = this.block(decl.body, ctx);
        const label = `Trigger.${decl.name}`;
        return () => {
            const f = enter(label, null, ctx.slots, EMPTY);
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

    /** Compiles anonymous Apex statements into a runnable body. */
    compileAnonymous(stmts: Stmt[], file: string, cls: ClassSym | null = null): () => void {
        const ctx = this.newCtx(cls, true, T.Void, file);
        const body = this.stmts(stmts, ctx);
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

    protected compileMethod(m: MethodSym, file: string): void {
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
        if (m.mods.annotations.some((a) => a.name.toLowerCase() === 'future')) this.makeFuture(m, file);
    }

    /**
     * @future: checked when the class compiles (static, void, primitive parameters); a call enqueues the method with
     * copies of its arguments instead of running it. Future methods:
     * https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/apex_invoking_future_methods.htm
     */
    private makeFuture(m: MethodSym, file: string): void {
        if (!m.isStatic) this.error(file, m.pos, 'Future methods must be static');
        if (m.returnType.k !== 'void') this.error(file, m.pos, 'Future methods must return void');
        for (const p of m.params)
            if (!primitiveOrCollection(p.type))
                this.error(
                    file,
                    p.pos,
                    `Unsupported parameter type ${typeName(p.type)}: future methods take primitive types or collections of them`
                );
        const run = m.invoke!;
        const label = `${m.owner.qualifiedName}.${m.name}(${m.params.map((p) => typeName(p.type)).join(', ')})`;
        m.invoke = (_self, args) => {
            // The arguments are serialised when the call is made: later changes by the caller are not seen.
            const copies = args.map((a) => deepCopy(a));
            queue().enqueueFuture(m.owner, m.name, label, () => run(null, copies));
            return null;
        };
    }

    protected compileCtor(m: MethodSym, file: string): void {
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
                    const argEvs = this.convertArgs(
                        args,
                        ctor.params.map((p) => p.type)
                    );
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
        const body = this.stmts(rest, ctx);
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

    protected compileProperty(fsym: FieldSym, file: string): void {
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

    protected compileInits(cls: ClassSym, file: string): void {
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
}

function primitiveOrCollection(t: ApexType): boolean {
    if (t.k === 'prim') return true;
    if (t.k === 'list' || t.k === 'set') return primitiveOrCollection(t.elem);
    if (t.k === 'map') return primitiveOrCollection(t.key) && primitiveOrCollection(t.value);
    return false;
}
