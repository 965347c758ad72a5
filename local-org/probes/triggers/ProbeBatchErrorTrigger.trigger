/**
 * Probe trigger (ProbeBatchErrors): each BatchApexErrorEvent becomes an Account 'BAE <phase>' whose Description is
 * 'exception type|message|job Id' and whose Site is the start of the job scope (or 'no scope').
 */
trigger ProbeBatchErrorTrigger on BatchApexErrorEvent(after insert) {
    for (BatchApexErrorEvent e : Trigger.new) {
        insert new Account(
            Name = 'BAE ' + e.Phase,
            Description = e.ExceptionType + '|' + e.Message + '|' + e.AsyncApexJobId,
            Site = e.JobScope == null ? 'no scope' : e.JobScope.left(80)
        );
    }
}
