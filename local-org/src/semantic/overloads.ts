/**
 * Overload choice with Apex widening, method labels for messages, and inherited interfaces.
 */
import type { ClassSym, MethodSym } from './symbols';
import { type ApexType, assignable, typeName } from './types';

export function allInterfaces(cls: ClassSym): ClassSym[] {
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
