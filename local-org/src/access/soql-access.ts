/**
 * What a SOQL plan touches, for the access checks of WITH USER_MODE (every clause) and WITH SECURITY_ENFORCED (the
 * SELECT list and the FROM objects only), and the QueryException texts of a refusal.
 *
 * - USER_MODE "processes all clauses in the SOQL SELECT statement including the WHERE clause" and "finds all FLS
 *   errors"; SECURITY_ENFORCED checks "fields and objects referenced in the SELECT or FROM" clauses and reports
 *   "Insufficient permissions: secure query included inaccessible field".
 *   https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/apex_classes_enforce_usermode.htm
 *   https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/apex_classes_with_security_enforced.htm
 * - The USER_MODE texts reuse the API's "sObject type … is not supported" / "No such column …" / "Didn't understand
 *   relationship …" errors, as if the inaccessible item did not exist: unverified (LEDGER UM-02).
 */
import type { SoqlPos } from '../frontend/soql';
import type { FieldDef, ObjectDef } from '../org/schema/types';
import type { Plan, PlanCondition, PlanValue, ResolvedPath } from '../org/soql/plan';
import { noSuchColumn, noSuchObject, noSuchRelationship, platformMessage } from '../org/soql/errors';
import { type UserAccess, canField, canObject } from './user-access';

export type SoqlRef =
    | { k: 'object'; obj: ObjectDef; via: 'from' | 'child' | 'parent'; rel: string | null; pos: SoqlPos | null }
    | { k: 'field'; obj: ObjectDef; field: FieldDef; pos: SoqlPos | null };

function pathRefs(root: ObjectDef, p: ResolvedPath, out: SoqlRef[]): void {
    let owner = root;
    for (const step of p.steps) {
        out.push({ k: 'field', obj: owner, field: step.ref, pos: p.pos });
        out.push({ k: 'object', obj: step.target, via: 'parent', rel: step.ref.relationshipName ?? null, pos: p.pos });
        owner = step.target;
    }
    out.push({ k: 'field', obj: p.owner, field: p.field, pos: p.pos });
}

function valueRefs(v: PlanValue, out: SoqlRef[]): void {
    if (v.k === 'semijoin') planRefs(v.plan, false, out);
    else if (v.k === 'list') v.items.forEach((i) => valueRefs(i, out));
}

function conditionRefs(root: ObjectDef, c: PlanCondition | null, out: SoqlRef[]): void {
    if (!c) return;
    switch (c.k) {
        case 'and':
        case 'or':
            c.items.forEach((i) => conditionRefs(root, i, out));
            return;
        case 'not':
            conditionRefs(root, c.item, out);
            return;
        case 'cmp':
            pathRefs(root, c.left, out);
            valueRefs(c.value, out);
            return;
        case 'having':
            if (c.left.arg) pathRefs(root, c.left.arg, out);
            valueRefs(c.value, out);
    }
}

/** Every object and field the plan reads; `selectOnly` keeps the SELECT list and FROM objects (SECURITY_ENFORCED). */
export function planRefs(plan: Plan, selectOnly: boolean, out: SoqlRef[] = []): SoqlRef[] {
    const root = plan.root;
    out.push({ k: 'object', obj: root, via: 'from', rel: null, pos: null });
    plan.fields.forEach((p) => pathRefs(root, p, out));
    plan.groupFields.forEach((g) => pathRefs(root, g.path, out));
    plan.aggregates.forEach((a) => a.arg && pathRefs(root, a.arg, out));
    for (const child of plan.children) {
        out.push({ k: 'object', obj: child.plan.root, via: 'child', rel: child.relationship, pos: null });
        planRefs(child.plan, selectOnly, out);
    }
    if (!selectOnly) {
        conditionRefs(root, plan.where, out);
        conditionRefs(root, plan.having, out);
        plan.groupBy.forEach((p) => pathRefs(root, p, out));
        for (const o of plan.orderBy) {
            if (o.path) pathRefs(root, o.path, out);
            if (o.agg?.arg) pathRefs(root, o.agg.arg, out);
        }
    }
    return out;
}

/** The first reference the user may not read, or null. */
export function firstInaccessible(a: UserAccess, refs: readonly SoqlRef[]): SoqlRef | null {
    for (const r of refs) {
        if (r.k === 'object' ? !canObject(a, r.obj, 'read') : !canField(a, r.obj, r.field, 'read')) return r;
    }
    return null;
}

/** Every field the user may not read, by sObject type (for QueryException.getInaccessibleFields). */
export function inaccessibleFieldsOf(a: UserAccess, refs: readonly SoqlRef[]): Map<string, Set<string>> {
    const out = new Map<string, Set<string>>();
    for (const r of refs) {
        if (r.k !== 'field' || !canObject(a, r.obj, 'read') || canField(a, r.obj, r.field, 'read')) continue;
        const set = out.get(r.obj.name) ?? new Set<string>();
        set.add(r.field.name);
        out.set(r.obj.name, set);
    }
    return out;
}

export const SECURITY_ENFORCED_MESSAGE = 'Insufficient permissions: secure query included inaccessible field';

/** The QueryException message of a WITH USER_MODE query refused for this reference. */
export function userModeMessage(text: string, r: SoqlRef): string {
    if (r.k === 'field') return platformMessage(noSuchColumn(r.field.name, r.obj.name, text, r.pos));
    if (r.via === 'from') return platformMessage(noSuchObject(r.obj.name, text, r.pos));
    const where = r.via === 'child' ? 'FROM part of query call' : 'field path';
    return platformMessage(noSuchRelationship(r.rel ?? r.obj.name, where, text, r.pos));
}
