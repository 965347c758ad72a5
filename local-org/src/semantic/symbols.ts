/**
 * Symbols of project classes (and of the built-in classes we model as classes, such as Exception).
 * Names are stored lower-cased for case-insensitive lookup; the declared spelling is kept for messages.
 */
import type { Block, Expr, Member, Modifiers, Pos, TypeDecl } from '../frontend/ast';
import type { ApexType } from './types';

export interface FieldSym {
    name: string;
    mods: Modifiers;
    type: ApexType;
    isStatic: boolean;
    isFinal: boolean;
    init: Expr | null;
    pos: Pos;
    owner: ClassSym;
    /** Properties with accessor bodies. Auto-properties are plain fields. */
    getter: Block | null;
    setter: Block | null;
    isProperty: boolean;
    /** Modifiers of a property's `set` accessor (e.g. `private set;`), null when it has none of its own. */
    setterMods: Modifiers | null;
}

export interface ParamSym {
    name: string;
    type: ApexType;
    pos: Pos;
}

/** What a compiled method body looks like to callers: receiver, already-converted arguments → result. */
export type Invoker = (self: unknown, args: unknown[]) => unknown;

export interface MethodSym {
    name: string;
    owner: ClassSym;
    params: ParamSym[];
    returnType: ApexType;
    isStatic: boolean;
    isAbstract: boolean;
    isCtor: boolean;
    mods: Modifiers;
    pos: Pos;
    body: Block | null;
    /** Overriding key: lower-cased name and parameter type names. */
    sig: string;
    /** Filled by the compiler (project methods) or the stdlib (native methods). */
    invoke: Invoker | null;
}

export class ClassSym {
    readonly fields = new Map<string, FieldSym>();
    readonly methods = new Map<string, MethodSym[]>();
    readonly ctors: MethodSym[] = [];
    readonly inner = new Map<string, ClassSym>();
    readonly interfaces: ClassSym[] = [];
    readonly enumValues: string[] = [];
    superclass: ClassSym | null = null;
    /** Instance initialisers in declaration order: field initialisers and `{ }` blocks. */
    readonly instanceInits: Member[] = [];
    readonly staticInits: Member[] = [];
    /** Set for built-in classes (System exceptions). */
    readonly builtin: boolean;

    constructor(
        readonly name: string,
        readonly kind: 'class' | 'interface' | 'enum',
        readonly decl: TypeDecl | null,
        readonly outer: ClassSym | null,
        builtin = false
    ) {
        this.builtin = builtin;
    }

    /** The synthetic class holding methods and types declared in anonymous Apex. */
    isAnonymous = false;

    /** Namespace of a built-in class ('System'); null for project classes. */
    ns: string | null = null;

    get qualifiedName(): string {
        if (this.ns) return `${this.ns}.${this.name}`;
        return this.outer ? `${this.outer.qualifiedName}.${this.name}` : this.name;
    }

    get file(): string {
        return this.decl?.file ?? '';
    }

    get top(): ClassSym {
        return this.outer ? this.outer.top : this;
    }

    hasWord(w: string): boolean {
        return this.decl?.mods.words.has(w) ?? false;
    }

    hasAnnotation(name: string): boolean {
        return this.decl?.mods.annotations.some((a) => a.name.toLowerCase() === name.toLowerCase()) ?? false;
    }

    isSubtypeOf(other: ClassSym): boolean {
        if (this === other) return true;
        if (this.superclass?.isSubtypeOf(other)) return true;
        return this.interfaces.some((i) => i.isSubtypeOf(other));
    }

    get isException(): boolean {
        if (this.builtin && this.name === 'Exception') return true;
        return this.superclass?.isException ?? false;
    }

    /** Finds a field or property declared here or inherited. */
    findField(lower: string): FieldSym | undefined {
        return this.fields.get(lower) ?? this.superclass?.findField(lower);
    }

    /** All methods of a name visible on this class: own first, then inherited and interface ones not overridden. */
    findMethods(lower: string): MethodSym[] {
        const out: MethodSym[] = [];
        const seen = new Set<string>();
        const visit = (c: ClassSym): void => {
            for (const m of c.methods.get(lower) ?? []) {
                if (!seen.has(m.sig)) {
                    seen.add(m.sig);
                    out.push(m);
                }
            }
            if (c.superclass) visit(c.superclass);
            for (const i of c.interfaces) visit(i);
        };
        visit(this);
        return out;
    }

    /** Virtual dispatch: the implementation of `sig` for an instance of this class. */
    dispatch(sig: string): MethodSym | null {
        let hit = this.vtable.get(sig);
        if (hit !== undefined) return hit;
        hit = null;
        const lower = sig.slice(0, sig.indexOf('('));
        for (const c of this.lineage()) {
            if (hit) break;
            for (const m of c.methods.get(lower) ?? []) {
                if (m.sig === sig && !m.isAbstract && m.body !== null) hit = m;
                else if (m.sig === sig && m.invoke && !m.body && !m.isAbstract) hit = m;
            }
        }
        this.vtable.set(sig, hit);
        return hit;
    }

    private readonly vtable = new Map<string, MethodSym | null>();

    /** This class, then its superclasses. */
    *lineage(): Generator<ClassSym> {
        yield this;
        if (this.superclass) yield* this.superclass.lineage();
    }
}

/**
 * Apex access rules: public/global anywhere; private (the default) inside the same top-level class; protected also
 * in subclasses; @TestVisible private/protected members from test classes.
 * https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/apex_classes_access_modifiers.htm
 * https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/apex_classes_annotation_testvisible.htm
 */
export function canAccess(mods: Modifiers, owner: ClassSym, from: ClassSym | null): boolean {
    if (owner.builtin || owner.kind === 'interface') return true;
    if (mods.words.has('public') || mods.words.has('global')) return true;
    if (from && from.top === owner.top) return true;
    if (from && mods.words.has('protected')) {
        for (let c: ClassSym | null = from; c; c = c.outer) if (c.isSubtypeOf(owner)) return true;
    }
    if (
        from &&
        mods.annotations.some((a) => a.name.toLowerCase() === 'testvisible') &&
        from.top.hasAnnotation('IsTest')
    )
        return true;
    return false;
}
