/**
 * SObject expressions: field reads and writes typed by the schema, relationship traversal, `new Account(Name = 'x')`,
 * `Account.SObjectType` and `Schema.SObjectType.Account`. Unknown objects and fields are compile errors (the
 * platform's "Variable does not exist"), never invented columns.
 */
import type { Expr, NewExpr, Pos } from '../frontend/ast';
import type { FieldDef, ObjectDef } from '../org/schema/types';
import { type ApexType, T, typeName } from '../semantic/types';
import { translate } from './ops';
import { npe } from './ops';
import type { CExpr, Ev, MethodCtx } from './compile-types';
import { poison } from './compile-types';
import { CallCompiler } from './compile-calls';
import {
    DescribeSObjectValue,
    SObjectTypeValue,
    SObjectValue,
    fieldApexType,
    isWriteable,
    readChildren,
    readField,
    readParent,
    schema,
    writeField
} from './sobject';
import { EmulatorError, type Frame } from './context';
import { type TriggerContext, currentTrigger } from './triggers';
import { enumValue } from './frames';
import { SoqlError } from '../frontend/soql';
import { tokenOf } from './field-describe';

export abstract class SObjectCompiler extends CallCompiler {
    protected objectDef(name: string): ObjectDef | null {
        return schema.catalog?.findObject(name) ?? null;
    }

    /** `target.Name`, `target.Account`, `target.Contacts` on a value of a concrete SObject type. */
    protected sobjectMember(target: CExpr, name: string, safe: boolean, ctx: MethodCtx, pos: Pos): CExpr {
        const t = target.t;
        if (t.k !== 'sobject') return poison();
        const obj = this.objectDef(t.name);
        const lower = name.toLowerCase();
        const tev = target.ev;
        // The generic SObject type has only Id to dereference; other fields go through get/put.
        if (!obj && lower === 'id') {
            return {
                t: T.Id,
                ev: (f) => {
                    const o = tev(f);
                    if (o === null || o === undefined) return safe ? null : npe();
                    return (o as SObjectValue).values.get('id') ?? null;
                },
                set: (f, v) => {
                    const o = tev(f);
                    if (o === null || o === undefined) npe();
                    const so = o as SObjectValue;
                    writeField(so, so.obj.fields.get('id')!, v);
                }
            };
        }
        if (!obj) return this.error(ctx.file, pos, `Variable does not exist: ${name}`);
        const guard =
            (fn: (o: SObjectValue, f: Frame) => unknown): Ev =>
            (f) => {
                const o = tev(f);
                if (o === null || o === undefined) return safe ? null : npe();
                try {
                    return fn(o as SObjectValue, f);
                } catch (e) {
                    throw translate(e);
                }
            };
        const field = obj.fields.get(lower);
        if (field) return this.fieldExpr(obj, field, tev, guard);
        const parentRef = obj.parentRelationships.get(lower);
        if (parentRef) {
            const targets = parentRef.referenceTo ?? [];
            const parentObj = targets.length === 1 ? this.objectDef(targets[0]) : null;
            if (!parentObj)
                return this.error(
                    ctx.file,
                    pos,
                    `Polymorphic relationship ${obj.name}.${parentRef.relationshipName} is not supported by the local org`,
                    'unsupported'
                );
            const relName = parentRef.relationshipName!;
            return {
                t: { k: 'sobject', name: parentObj.name },
                ev: guard((o) => readParent(o, lower, relName)),
                set: (f, v) => {
                    const o = tev(f);
                    if (o === null || o === undefined) npe();
                    (o as SObjectValue).parents.set(lower, (v as SObjectValue | null) ?? null);
                }
            };
        }
        const child = obj.childRelationships.get(lower);
        if (child) {
            const elem: ApexType = { k: 'sobject', name: child.childObject };
            return { t: { k: 'list', elem }, ev: guard((o) => readChildren(o, lower, child.name)) };
        }
        return this.error(ctx.file, pos, `Variable does not exist: ${name}`);
    }

    private fieldExpr(
        obj: ObjectDef,
        field: FieldDef,
        tev: Ev,
        guard: (fn: (o: SObjectValue, f: Frame) => unknown) => Ev
    ): CExpr {
        return {
            t: fieldApexType(field),
            ev: guard((o) => readField(o, field)),
            set: (f, v) => {
                const o = tev(f);
                if (o === null || o === undefined) npe();
                writeField(o as SObjectValue, field, v);
            },
            // "Field is not writeable: User.UserType" is a compile error on the platform.
            writeError: isWriteable(field) ? undefined : `Field is not writeable: ${obj.name}.${field.name}`
        };
    }

    /** `Account.SObjectType` (Schema.SObjectType); other static members of an SObject type are not emulated. */
    protected sobjectStatic(t: ApexType, name: string, ctx: MethodCtx, pos: Pos): CExpr {
        const obj = t.k === 'sobject' ? this.objectDef(t.name) : null;
        if (obj && name.toLowerCase() === 'sobjecttype') {
            const v = new SObjectTypeValue(obj);
            return { t: { k: 'builtin', name: 'Schema.SObjectType' }, ev: () => v };
        }
        const field = obj?.fields.get(name.toLowerCase());
        if (obj && field) {
            // `Account.Name`: the field's token (Apex guide, "Using Field Tokens").
            const token = tokenOf(obj, field);
            return { t: { k: 'builtin', name: 'Schema.SObjectField' }, ev: () => token };
        }
        return this.error(ctx.file, pos, `Variable does not exist: ${name}`);
    }

    /** `Schema.SObjectType.Account`: the object's DescribeSObjectResult. */
    protected schemaDescribe(name: string, ctx: MethodCtx, pos: Pos): CExpr {
        const obj = this.objectDef(name);
        if (!obj) return this.error(ctx.file, pos, `Variable does not exist: ${name}`);
        const v = new DescribeSObjectValue(obj);
        return { t: { k: 'builtin', name: 'Schema.DescribeSObjectResult' }, ev: () => v };
    }

    /** `new Account()` and `new Account(Name = 'x', ...)`: every argument must be `Field = value`. */
    protected newSObject(t: ApexType, e: NewExpr, ctx: MethodCtx): CExpr {
        if (t.k !== 'sobject') return poison();
        const obj = this.objectDef(t.name);
        if (!obj) return this.error(ctx.file, e.pos, `Type cannot be constructed: ${typeName(t)}`);
        const inits: Array<{ field: FieldDef; ev: Ev }> = [];
        for (const a of e.args ?? []) {
            const r = this.sobjectInit(obj, a, ctx);
            if (r) inits.push(r);
        }
        return {
            t,
            ev: (f) => {
                const o = new SObjectValue(obj);
                for (const i of inits) writeField(o, i.field, i.ev(f));
                return o;
            }
        };
    }

    private sobjectInit(obj: ObjectDef, a: Expr, ctx: MethodCtx): { field: FieldDef; ev: Ev } | null {
        if (a.k !== 'assign' || a.op !== '=' || a.target.k !== 'name') {
            this.error(ctx.file, a.pos, `Invalid constructor syntax, name=value pairs can only be used for SObjects`);
            return null;
        }
        const field = obj.fields.get(a.target.name.toLowerCase());
        if (!field) {
            this.error(ctx.file, a.target.pos, `Invalid field ${a.target.name} for SObject ${obj.name}`);
            return null;
        }
        if (!isWriteable(field)) {
            this.error(ctx.file, a.target.pos, `Field is not writeable: ${obj.name}.${field.name}`);
            return null;
        }
        const ev = this.coerce(this.expr(a.value, ctx), fieldApexType(field), ctx.file, a.value.pos);
        return { field, ev };
    }

    /** The element type of an inline query (List<FROM object>; Integer for COUNT()), checked against the schema when it compiles. */
    protected soqlShape(text: string, ctx: MethodCtx, pos: Pos): ApexType | null {
        if (!this.data.prepare) return { k: 'sobject', name: 'SObject' };
        try {
            const shape = this.data.prepare(text);
            if (shape.kind === 'aggregate') return { k: 'builtin', name: 'AggregateResult' };
            // COUNT() queries return an Integer.
            if (shape.kind === 'count') return T.Integer;
            return { k: 'sobject', name: shape.object };
        } catch (e) {
            if (e instanceof SoqlError) {
                this.error(ctx.file, pos, e.detail, e.kind === 'unsupported' ? 'unsupported' : 'semantic');
                return null;
            }
            throw e;
        }
    }

    /** `Trigger.new`, `Trigger.oldMap`, `Trigger.isBefore`...: typed by the trigger's object inside a trigger. */
    protected triggerVar(name: string, ctx: MethodCtx, pos: Pos): CExpr {
        const so: ApexType = { k: 'sobject', name: ctx.triggerObject ?? 'SObject' };
        const lower = name.toLowerCase();
        const flag = (test: (c: TriggerContext) => boolean): CExpr => ({
            t: T.Boolean,
            ev: () => {
                const c = currentTrigger();
                return c ? test(c) : false;
            }
        });
        switch (lower) {
            case 'new':
                return { t: { k: 'list', elem: so }, ev: () => currentTrigger()?.newList ?? null };
            case 'old':
                return { t: { k: 'list', elem: so }, ev: () => currentTrigger()?.oldList ?? null };
            case 'newmap':
                return { t: { k: 'map', key: T.Id, value: so }, ev: () => currentTrigger()?.newMap ?? null };
            case 'oldmap':
                return { t: { k: 'map', key: T.Id, value: so }, ev: () => currentTrigger()?.oldMap ?? null };
            case 'isexecuting':
                return flag(() => true);
            case 'isbefore':
                return flag((c) => c.timing === 'before');
            case 'isafter':
                return flag((c) => c.timing === 'after');
            case 'isinsert':
            case 'isupdate':
            case 'isdelete':
            case 'isundelete':
                return flag((c) => c.event === lower.slice(2));
            case 'size':
                return {
                    t: T.Integer,
                    ev: () => {
                        const c = currentTrigger();
                        if (!c) throw new EmulatorError('Trigger.size outside a trigger is not emulated');
                        return c.size;
                    }
                };
            case 'operationtype': {
                const cls = this.types.builtins.byName.get('triggeroperation')!;
                return {
                    t: { k: 'class', cls },
                    ev: () => {
                        const c = currentTrigger();
                        if (!c) return null;
                        return enumValue(cls, cls.enumValues.indexOf(`${c.timing}_${c.event}`.toUpperCase()));
                    }
                };
            }
        }
        return this.error(ctx.file, pos, `Variable does not exist: ${name}`);
    }
}
