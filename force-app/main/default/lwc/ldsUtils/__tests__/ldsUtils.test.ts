import { reduceErrors } from 'c/ldsUtils';

describe('reduceErrors', () => {
    it('returns nothing for no error', () => {
        expect(reduceErrors(undefined)).toEqual([]);
        expect(reduceErrors(null)).toEqual([]);
        expect(reduceErrors([])).toEqual([]);
    });

    it('reads the message of an Apex error (AuraHandledException)', () => {
        const apexError = { status: 500, body: { message: 'You need the Community User Migrator permission set.' } };
        expect(reduceErrors(apexError)).toEqual(['You need the Community User Migrator permission set.']);
    });

    it('reads DML page and field errors before the generic message', () => {
        const dmlError = {
            body: {
                message: 'An error occurred',
                pageErrors: [{ message: 'Insert failed.' }],
                fieldErrors: { Name: [{ message: 'Required fields are missing: [Name]' }] }
            }
        };
        expect(reduceErrors(dmlError)).toEqual(['Insert failed.', 'Required fields are missing: [Name]']);
    });

    it('reads UI API output errors and field errors', () => {
        const uiApiError = {
            body: {
                message: 'generic',
                output: {
                    errors: [{ message: 'Record is locked.' }],
                    fieldErrors: { Email: [{ message: 'Invalid email.' }] }
                }
            }
        };
        expect(reduceErrors(uiApiError)).toEqual(['Record is locked.', 'Invalid email.']);
    });

    it('reads an array body, a JavaScript error, a string and a status text', () => {
        expect(reduceErrors({ body: [{ message: 'first' }, { message: 'second' }] })).toEqual(['first', 'second']);
        expect(reduceErrors(new TypeError('x is undefined'))).toEqual(['x is undefined']);
        expect(reduceErrors('plain words')).toEqual(['plain words']);
        expect(reduceErrors({ statusText: 'Service Unavailable' })).toEqual(['Service Unavailable']);
    });

    it('flattens lists, drops blanks and repeats, and ignores shapes it does not know', () => {
        const errors = [new Error('same'), { body: { message: 'same' } }, '  ', 42, { body: {} }];
        expect(reduceErrors(errors)).toEqual(['same']);
    });
});
