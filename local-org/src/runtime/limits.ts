/**
 * Synchronous governor limits the data layer enforces. Exceeding one throws System.LimitException, which Apex code
 * cannot catch. Limits: https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/apex_gov_limits.htm
 */
import { tx } from './context';
import { raise } from './ops';

const LIMITS: Record<string, { max: number; text: string }> = {
    queries: { max: 100, text: 'Too many SOQL queries' },
    queryRows: { max: 50_000, text: 'Too many query rows' },
    dmlStatements: { max: 150, text: 'Too many DML statements' },
    dmlRows: { max: 10_000, text: 'Too many DML rows' }
};

/** Throws LimitException ("Too many SOQL queries: 101") once a counter passes its limit. */
export function checkLimit(counter: keyof typeof LIMITS, value: number): void {
    const l = LIMITS[counter];
    // Asynchronous transactions may run 200 SOQL queries (the limits page, "Total number of SOQL queries issued").
    let max = counter === 'queries' && tx().isAsync ? 200 : l.max;
    // A cacheable @AuraEnabled method may not do DML: "Too many DML statements: 1" (LWC guide, apex-wire-method).
    if (counter === 'dmlStatements' && tx().cacheable) max = 0;
    if (value > max) raise('System.LimitException', `${l.text}: ${value}`);
}
