/**
 * Records unhandled exceptions of the engine's stage batches (Database.RaisesPlatformEvents) on the run log.
 */
trigger StageBatchErrorTrigger on BatchApexErrorEvent(after insert) {
    StageErrorSubscriber.handle(Trigger.new);
}
