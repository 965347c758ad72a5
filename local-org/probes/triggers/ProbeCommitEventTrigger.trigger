/**
 * Probe trigger (ProbePlatformEvents): each delivered Probe_Commit_Event__e becomes an Account 'PAC <message>'.
 */
trigger ProbeCommitEventTrigger on Probe_Commit_Event__e(after insert) {
    for (Probe_Commit_Event__e e : Trigger.new) {
        insert new Account(Name = 'PAC ' + e.Message__c);
    }
}
