/**
 * Probe trigger (ProbePlatformEvents): each delivered Probe_Event__e of a batch of at most 3 becomes an Account
 * 'PE <message>' whose Description is 'running user|batch size|DML statements used before its insert' and whose Site
 * says whether ReplayId is set; a larger batch becomes one Account 'PE batch of <n>'; the message 'throw' fails the
 * trigger. One insert per event keeps the trigger body free of declarations.
 */
trigger ProbeEventTrigger on Probe_Event__e(after insert) {
    for (Probe_Event__e e : Trigger.new) {
        if (e.Message__c == 'throw') {
            throw new IllegalArgumentException('event trigger refused ' + e.Code__c);
        }
        if (Trigger.new.size() <= 3) {
            insert new Account(
                Name = 'PE ' + e.Message__c,
                Description = UserInfo.getUserId() + '|' + Trigger.new.size() + '|' + Limits.getDmlStatements(),
                Site = e.ReplayId == null ? 'no replay' : 'replay'
            );
        }
    }
    if (Trigger.new.size() > 3) {
        insert new Account(Name = 'PE batch of ' + Trigger.new.size());
    }
}
