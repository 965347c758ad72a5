/**
 * Writes run-log events to the run items and run (RunLogSubscriber), in the event subscriber's own transaction.
 */
trigger MigrationEventTrigger on Migration_Event__e(after insert) {
    RunLogSubscriber.handle(Trigger.new);
}
