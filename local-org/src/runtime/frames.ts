/**
 * Run-time support of compiled code: frames and the call stack, budgets, lazily filled code tables, list access.
 */
import type { ClassSym, FieldSym } from '../semantic/symbols';
import { type ApexType, typeName } from '../semantic/types';
import { ApexThrow, type Frame, tx } from './context';
import { castTo, isInstance, raise, runtimeTypeName } from './ops';
import type { ApexList, ApexObject } from './values';
import { ApexSet, EnumValue } from './values';
import { EMPTY, type Exec, type MethodCtx } from './compile-types';

const enumCache = new Map<ClassSym, EnumValue[]>();

export function enumValue(cls: ClassSym, ordinal: number): EnumValue {
    let list = enumCache.get(cls);
    if (!list) enumCache.set(cls, (list = cls.enumValues.map((n, i) => new EnumValue(cls, n, i))));
    return list[ordinal];
}

export const propertyAccessors = new Map<FieldSym, { get: Exec | null; set: Exec | null }>();

export const staticInitCode = new Map<ClassSym, Exec[]>();

export const instanceInitCode = new Map<ClassSym, Exec[]>();

export function callAccessor(code: Exec, self: ApexObject | null, value: unknown): unknown {
    const f: Frame = { locals: [], self, label: '', line: 0, col: 0, ret: value };
    code(f);
    return f.ret;
}

export function enter(label: string, self: ApexObject | null, slots: number, args: unknown[]): Frame {
    const locals = new Array(slots);
    for (let i = 0; i < args.length; i++) locals[i] = args[i];
    const t = tx();
    const f: Frame = { locals, self, label, line: 0, col: 0, ret: null };
    if (t.stack.length > 1000) raise('System.LimitException', 'Maximum stack depth reached: 1001');
    t.stack.push(f);
    return f;
}

export function withFrame(label: string, ctx: MethodCtx, body: Exec): Exec {
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
export function noteError(e: unknown): void {
    if (e instanceof ApexThrow) return;
    const t = tx();
    if (t.errorStack === null) t.errorStack = t.stackTrace();
}

/** Counts one statement (or loop iteration) against the transaction's budgets. */
export function tick(): void {
    const t = tx();
    if (++t.statements > t.statementBudget || ((t.statements & 1023) === 0 && Date.now() > t.deadline))
        budgetExceeded(t.statements > t.statementBudget);
}

export function budgetExceeded(statements: boolean): never {
    const t = tx();
    if (statements) raise('System.LimitException', `local-org: statement budget of ${t.statementBudget} exceeded`);
    raise('System.LimitException', `local-org: time budget exceeded`);
}

export function numericCast(v: unknown, t: ApexType): unknown {
    if (v === null || v === undefined) return null;
    return castTo(v, t);
}

export function listGet(l: ApexList, i: number): unknown {
    if (i < 0 || i >= l.items.length) raise('System.ListException', `List index out of bounds: ${i}`);
    return l.items[i];
}

export function listSet(l: ApexList, i: number, v: unknown): void {
    if (i < 0 || i >= l.items.length) raise('System.ListException', `List index out of bounds: ${i}`);
    const t = l.elemType;
    if (v !== null && t.k !== 'any' && t.k !== 'object' && !isInstance(v, t)) {
        raise('System.TypeException', `Invalid conversion from runtime type ${runtimeTypeName(v)} to ${typeName(t)}`);
    }
    l.items[i] = v;
}

export function makeSet(elem: ApexType, items: unknown[]): ApexSet {
    const s = new ApexSet(elem);
    for (const x of items) s.store.set(x, true);
    return s;
}
