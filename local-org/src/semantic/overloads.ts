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

/**
 * Chooses an overload: exact matches beat widening (Object last), and among equally good candidates the most
 * specific one (whose parameters all fit the others'), as Java does. A remaining tie is reported through onAmbiguous.
 */
export function pickOverload(
    cands: MethodSym[],
    argTypes: ApexType[],
    onAmbiguous?: (tied: MethodSym[]) => void
): MethodSym | null {
    const scored: Array<{ m: MethodSym; score: number }> = [];
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
        if (ok) scored.push({ m, score });
    }
    if (!scored.length) return null;
    const min = Math.min(...scored.map((x) => x.score));
    const best = scored.filter((x) => x.score === min).map((x) => x.m);
    const moreSpecific = (a: MethodSym, b: MethodSym): boolean =>
        a.params.every((p, i) => !!assignable(p.type, b.params[i].type));
    const chosen = best.find((a) => best.every((b) => b === a || moreSpecific(a, b)));
    if (!chosen && onAmbiguous) onAmbiguous(best);
    return chosen ?? best[0];
}
