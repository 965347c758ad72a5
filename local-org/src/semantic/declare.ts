/**
 * Builds class symbols from declarations in two steps: names first (so classes can refer to each other in any
 * order), then supertypes and member signatures.
 */
import type { Diagnostic } from '../api';
import type { Pos, TypeDecl } from '../frontend/ast';
import type { TypeResolver } from './resolve';
import { ClassSym, type MethodSym } from './symbols';
import { type ApexType, T, UNRESOLVED, typeName } from './types';

export function declareNames(decl: TypeDecl, outer: ClassSym | null, out: Diagnostic[]): ClassSym {
    const cls = new ClassSym(decl.name, decl.kind, decl, outer);
    if (decl.kind === 'enum') cls.enumValues.push(...decl.enumValues.map((v) => v.name));
    for (const m of decl.members) {
        if (m.k !== 'type') continue;
        const lower = m.decl.name.toLowerCase();
        if (cls.inner.has(lower)) out.push(diag(decl.file, m.decl.pos, `Duplicate type name: ${m.decl.name}`));
        cls.inner.set(lower, declareNames(m.decl, cls, out));
    }
    return cls;
}

function diag(file: string, pos: Pos, message: string): Diagnostic {
    return { kind: 'semantic', file, line: pos.line, column: pos.col, message };
}

/** Resolves extends/implements of a class and its inner classes. */
export function declareSupertypes(cls: ClassSym, types: TypeResolver, out: Diagnostic[]): void {
    const d = cls.decl!;
    const resolveClass = (node: NonNullable<TypeDecl['extendsType']>): ClassSym | null => {
        const names = node.parts.map((p) => p.name);
        const c = types.findClass(names, cls.outer ?? cls);
        if (!c) out.push(diag(d.file, node.pos, `Invalid type: ${names.join('.')}`));
        return c;
    };
    if (d.extendsType) {
        const sup = resolveClass(d.extendsType);
        if (sup) {
            if (sup.kind !== 'class')
                out.push(diag(d.file, d.extendsType.pos, `Classes can only extend classes: ${sup.qualifiedName}`));
            else if (!sup.builtin && !sup.hasWord('virtual') && !sup.hasWord('abstract')) {
                out.push(
                    diag(
                        d.file,
                        d.extendsType.pos,
                        `Non-virtual and non-abstract type cannot be extended: ${sup.qualifiedName}`
                    )
                );
            } else {
                let cyclic = false;
                for (let c: ClassSym | null = sup; c && !cyclic; c = c.superclass) cyclic = c === cls;
                if (cyclic)
                    out.push(diag(d.file, d.extendsType.pos, `Cyclic inheritance involving ${cls.qualifiedName}`));
                else cls.superclass = sup;
            }
        }
    }
    for (const i of d.interfaces) {
        const c = resolveClass(i);
        if (c && c.kind === 'interface' && (c === cls || c.isSubtypeOf(cls)))
            out.push(diag(d.file, i.pos, `Cyclic inheritance involving ${cls.qualifiedName}`));
        else if (c && c.kind === 'interface') cls.interfaces.push(c);
        else if (c) out.push(diag(d.file, i.pos, `Interface expected: ${c.qualifiedName}`));
    }
    // Exception classes: the name must end in Exception, and only exceptions may extend Exception.
    const endsEx = /exception$/i.test(cls.name);
    if (cls.superclass?.isException && !endsEx)
        out.push(
            diag(d.file, d.pos, `Classes extending Exception must have a name ending in 'Exception': ${cls.name}`)
        );
    if (endsEx && d.kind === 'class' && !cls.superclass?.isException)
        out.push(diag(d.file, d.pos, `Classes whose name ends in 'Exception' must extend Exception: ${cls.name}`));
    for (const inner of cls.inner.values()) declareSupertypes(inner, types, out);
}

function sigOf(name: string, params: ApexType[]): string {
    return `${name.toLowerCase()}(${params.map((p) => typeName(p).toLowerCase()).join(',')})`;
}

/** Declares fields, properties, methods and constructors of a class and its inner classes. */
export function declareMembers(cls: ClassSym, types: TypeResolver, out: Diagnostic[]): void {
    const d = cls.decl!;
    const resolve = (node: Parameters<TypeResolver['resolve']>[0]): ApexType => {
        const r = types.resolve(node, cls);
        if (typeof r === 'string') {
            out.push(diag(d.file, node.pos, r));
            return UNRESOLVED;
        }
        return r;
    };
    const isInterface = cls.kind === 'interface';
    for (const m of d.members) {
        switch (m.k) {
            case 'field': {
                const type = resolve(m.type);
                const isStatic = m.mods.words.has('static');
                for (const v of m.decls) {
                    const lower = v.name.toLowerCase();
                    if (cls.fields.has(lower)) out.push(diag(d.file, v.pos, `Duplicate field: ${v.name}`));
                    cls.fields.set(lower, {
                        name: v.name,
                        mods: m.mods,
                        type,
                        isStatic,
                        isFinal: m.mods.words.has('final'),
                        init: v.init,
                        pos: v.pos,
                        owner: cls,
                        getter: null,
                        setter: null,
                        isProperty: false,
                        setterMods: null
                    });
                }
                (isStatic ? cls.staticInits : cls.instanceInits).push(m);
                break;
            }
            case 'property': {
                const type = resolve(m.type);
                const lower = m.name.toLowerCase();
                if (cls.fields.has(lower)) out.push(diag(d.file, m.pos, `Duplicate field: ${m.name}`));
                const getter = m.getter?.body ?? null;
                const setter = m.setter?.body ?? null;
                cls.fields.set(lower, {
                    name: m.name,
                    mods: m.mods,
                    type,
                    isStatic: m.mods.words.has('static'),
                    isFinal: false,
                    init: null,
                    pos: m.pos,
                    owner: cls,
                    getter,
                    setter,
                    isProperty: !!(getter || setter),
                    setterMods: m.setter && m.setter.mods.words.size ? m.setter.mods : null
                });
                break;
            }
            case 'init':
                (m.isStatic ? cls.staticInits : cls.instanceInits).push(m);
                break;
            case 'method':
            case 'ctor': {
                const params = m.params.map((p) => ({ name: p.name, type: resolve(p.type), pos: p.pos }));
                const isCtor = m.k === 'ctor';
                if (isCtor && m.name.toLowerCase() !== cls.name.toLowerCase()) {
                    out.push(diag(d.file, m.pos, `Invalid constructor name: ${m.name}`));
                }
                const returnType = m.k === 'method' && m.returnType ? resolve(m.returnType) : T.Void;
                const sym: MethodSym = {
                    name: m.name,
                    owner: cls,
                    params,
                    returnType,
                    isStatic: m.mods.words.has('static'),
                    isAbstract: isInterface || m.mods.words.has('abstract'),
                    isCtor,
                    mods: m.mods,
                    pos: m.pos,
                    body: m.body,
                    sig: sigOf(
                        m.name,
                        params.map((p) => p.type)
                    ),
                    invoke: null
                };
                const testish =
                    m.mods.annotations.some((a) => /^(istest|testsetup)$/i.test(a.name)) ||
                    m.mods.words.has('testmethod');
                if (testish && m.k === 'method' && (!sym.isStatic || params.length)) {
                    // Otherwise the runner would silently skip it; the platform rejects it at compile time (text unverified).
                    out.push(diag(d.file, m.pos, `Test methods must be static and take no arguments: ${m.name}`));
                }
                if (isCtor) {
                    if (cls.ctors.some((c) => c.sig === sym.sig))
                        out.push(diag(d.file, m.pos, `Duplicate constructor: ${sym.sig}`));
                    cls.ctors.push(sym);
                } else {
                    const lower = m.name.toLowerCase();
                    const list = cls.methods.get(lower) ?? [];
                    if (list.some((x) => x.sig === sym.sig))
                        out.push(diag(d.file, m.pos, `Method already defined: ${sym.sig}`));
                    list.push(sym);
                    cls.methods.set(lower, list);
                    if (!m.body && !sym.isAbstract) out.push(diag(d.file, m.pos, `Method must have a body: ${m.name}`));
                }
                break;
            }
            case 'type':
                break;
        }
    }
    for (const inner of cls.inner.values()) declareMembers(inner, types, out);
}

/** Checks override rules once every class has members: overriding needs `override` and a virtual/abstract parent. */
export function checkOverrides(cls: ClassSym, out: Diagnostic[]): void {
    const d = cls.decl!;
    for (const list of cls.methods.values()) {
        for (const m of list) {
            if (m.isStatic || cls.kind !== 'class') continue;
            let parent: MethodSym | null = null;
            for (let s = cls.superclass; s && !parent; s = s.superclass)
                parent = (s.methods.get(m.name.toLowerCase()) ?? []).find((x) => x.sig === m.sig) ?? null;
            const hasOverride = m.mods.words.has('override');
            if (parent && !hasOverride)
                out.push(diag(d.file, m.pos, `Method must use the override keyword: ${m.name}`));
            if (!parent && hasOverride)
                out.push(diag(d.file, m.pos, `Method does not override an ancestor method: ${m.name}`));
            if (
                parent &&
                hasOverride &&
                !parent.isAbstract &&
                !parent.mods.words.has('virtual') &&
                !parent.mods.words.has('override')
            ) {
                out.push(diag(d.file, m.pos, `Cannot override non-virtual method: ${m.name}`));
            }
        }
    }
    for (const inner of cls.inner.values()) checkOverrides(inner, out);
}
