/**
 * Probe trigger: acts only on accounts named 'TriggerProbe…', so other probes' accounts pass through untouched.
 */
trigger ProbeAccountTrigger on Account(before insert, before update) {
    for (Account a : Trigger.new) {
        if (a.Name == null || !a.Name.startsWith('TriggerProbe')) {
            continue;
        }
        if (Trigger.isBefore) {
            a.Description = Trigger.isInsert ? 'before insert' : 'before update';
            if (a.Name == 'TriggerProbe bad') {
                a.addError('Refused by trigger');
            }
        }
    }
}
