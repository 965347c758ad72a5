/**
 * Apex triggers: the compiled bodies by object and event, and the context (`Trigger.new`, `Trigger.oldMap`,
 * `Trigger.isBefore`...) of the invocation that is running.
 * Triggers: https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/apex_triggers.htm
 * Context variables: https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/apex_triggers_context_variables.htm
 */
import type { ApexList, ApexMap } from './values';

export type TriggerTiming = 'before' | 'after';
export type TriggerEvent = 'insert' | 'update' | 'delete' | 'undelete';

export interface TriggerContext {
    timing: TriggerTiming;
    event: TriggerEvent;
    newList: ApexList | null;
    oldList: ApexList | null;
    newMap: ApexMap | null;
    oldMap: ApexMap | null;
    size: number;
}

export interface CompiledTrigger {
    name: string;
    /** Source file of the trigger, the key of its coverage lines. */
    file: string;
    /** Lower-case object name. */
    object: string;
    /** 'before insert', 'after update'... */
    events: Set<string>;
    run: () => void;
}

/** Triggers of the loaded project, and the stack of running invocations (a trigger's DML nests another). */
export const triggers: { all: CompiledTrigger[]; stack: TriggerContext[] } = { all: [], stack: [] };

export function currentTrigger(): TriggerContext | null {
    return triggers.stack.length ? triggers.stack[triggers.stack.length - 1] : null;
}

/** Runs the triggers of one object and event with the given context, in load order. */
export function fireTriggers(objectName: string, ctx: TriggerContext): void {
    const key = `${ctx.timing} ${ctx.event}`;
    const lower = objectName.toLowerCase();
    const matching = triggers.all.filter((t) => t.object === lower && t.events.has(key));
    if (!matching.length) return;
    triggers.stack.push(ctx);
    try {
        for (const t of matching) t.run();
    } finally {
        triggers.stack.pop();
    }
}

export function hasTriggers(objectName: string): boolean {
    const lower = objectName.toLowerCase();
    return triggers.all.some((t) => t.object === lower);
}
