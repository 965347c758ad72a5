/**
 * Control-flow facts the semantic pass needs (does a method always return?).
 */
import type { Expr, Stmt } from '../frontend/ast';

/** Whether a statement can never complete normally (every path returns or throws), as Java's rule approximates Apex's. */
export function alwaysExits(s: Stmt): boolean {
    switch (s.k) {
        case 'return':
        case 'throw':
            return true;
        case 'block':
            return s.stmts.some(alwaysExits);
        case 'if':
            return !!s.else && alwaysExits(s.then) && alwaysExits(s.else);
        case 'try':
            return (
                (alwaysExits(s.body) && s.catches.every((c) => alwaysExits(c.body))) || (!!s.fin && alwaysExits(s.fin))
            );
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
export function breaksOut(s: Stmt): boolean {
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
