/**
 * Stdlib bindings of platform events and scheduled Apex: EventBus.publish, Test.getEventBus().deliver(),
 * Limits.getPublishImmediateDML, System.schedule and SchedulableContext.
 * EventBus: https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_class_System_eventbus.htm
 * TestBroker: https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_class_eventbus_TestBroker.htm
 */
import type { BuiltinMethod } from '../stdlib/builtin';
import { type RuntimeHost, register } from '../stdlib/registry';
import { queue } from '../runtime/async';
import { EmulatorError } from '../runtime/context';
import { MAX_PUBLISH_IMMEDIATE, type TriggerContextValue, eventTrigger } from './events';
import type { SchedulableContextValue } from './schedule';

type Impl = (self: unknown, args: unknown[], host: RuntimeHost) => unknown;

function s(name: string, params: string[], returns: string, impl: Impl): BuiltinMethod {
    return { name, isStatic: true, params, returns, impl: impl as BuiltinMethod['impl'] };
}
function i(name: string, params: string[], returns: string, impl: Impl): BuiltinMethod {
    return { name, isStatic: false, params, returns, impl: impl as BuiltinMethod['impl'] };
}

/** Test.getEventBus(): the test event bus. */
class TestBrokerValue {
    get apexTypeName(): string {
        return 'EventBus.TestBroker';
    }
}

export function registerAsyncBindings(): void {
    register('EventBus', [
        s('publish', ['SObject'], 'Database.SaveResult', (_s, [e]) => queue().events.publish(e, false)),
        s('publish', ['List<SObject>'], 'List<Database.SaveResult>', (_s, [l]) => queue().events.publish(l, true))
    ]);
    register('EventBus.TriggerContext', [
        s('currentContext', [], 'EventBus.TriggerContext', () => {
            if (!eventTrigger.current)
                throw new EmulatorError(
                    'EventBus.TriggerContext.currentContext() outside an event trigger is not emulated'
                );
            return eventTrigger.current;
        }),
        i('setResumeCheckpoint', ['String'], 'void', (self, [id]) =>
            (self as TriggerContextValue).setResumeCheckpoint(id)
        )
    ]);
    register('EventBus.TestBroker', [
        // Delivers every event published so far, each event object's batch in its own transaction.
        i('deliver', [], 'void', () => queue().events.deliverForTest(false))
    ]);
    register('Test', [
        s('getEventBus', [], 'EventBus.TestBroker', (_s, _a, h) => {
            if (!h.isRunningTest())
                throw new EmulatorError('Test.getEventBus() outside a test is not emulated by the local org');
            return new TestBrokerValue();
        })
    ]);
    register('System', [
        s('schedule', ['String', 'String', 'Object'], 'Id', (_s, [n, c, j]) => queue().scheduler.schedule(n, c, j))
    ]);
    register('FlexQueue', [
        s('moveJobToFront', ['Id'], 'Boolean', (_s, [id]) => queue().moveInFlexQueue(id, 'front')),
        s('moveJobToEnd', ['Id'], 'Boolean', (_s, [id]) => queue().moveInFlexQueue(id, 'end')),
        s('moveBeforeJob', ['Id', 'Id'], 'Boolean', (_s, [a, b]) => queue().moveInFlexQueue(a, 'before', b)),
        s('moveAfterJob', ['Id', 'Id'], 'Boolean', (_s, [a, b]) => queue().moveInFlexQueue(a, 'after', b))
    ]);
    register('SchedulableContext', [
        i('getTriggerId', [], 'Id', (self) => (self as SchedulableContextValue).triggerId)
    ]);
    register('Limits', [
        s('getPublishImmediateDML', [], 'Integer', (_s, _a, h) => h.limit('publishImmediateDml')),
        s('getLimitPublishImmediateDML', [], 'Integer', () => MAX_PUBLISH_IMMEDIATE)
    ]);
}
