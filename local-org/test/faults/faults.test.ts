import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FaultConfigError, FaultInjector, parseFaults } from '../../src/faults/faults';

const rows = (n: number, fields: string[] = ['profileid']) =>
    Array.from({ length: n }, () => ({ fields: new Set(fields) }));

function errorOf(fn: () => unknown): FaultConfigError {
    try {
        fn();
    } catch (error) {
        assert.ok(error instanceof FaultConfigError, `expected FaultConfigError, got ${error}`);
        return error;
    }
    assert.fail('expected an error');
}

test('the Nth matching statement fails on every row, once', () => {
    const injector = new FaultInjector(
        parseFaults(
            '{"faults":[{"operation":"update","sobject":"User","onStatement":2,"statusCode":"UNABLE_TO_LOCK_ROW","message":"unable to obtain exclusive access to this record"}]}',
            'f.json'
        )
    );
    assert.deepEqual(injector.beforeDml('update', 'user', rows(3)), [null, null, null]);
    assert.deepEqual(
        injector.beforeDml('insert', 'User', rows(3)),
        [null, null, null],
        'another operation does not count'
    );
    const second = injector.beforeDml('update', 'User', rows(2));
    assert.deepEqual(
        second.map((e) => e?.statusCode),
        ['UNABLE_TO_LOCK_ROW', 'UNABLE_TO_LOCK_ROW']
    );
    assert.equal(second[0]?.message, 'unable to obtain exclusive access to this record');
    assert.deepEqual(injector.beforeDml('update', 'User', rows(2)), [null, null], 'a retry goes through');
});

test('after N rows every later matching row fails, across statements', () => {
    const injector = new FaultInjector(
        parseFaults(
            '{"faults":[{"name":"seats","operation":"update","sobject":"User","field":"ProfileId","afterRows":3,"statusCode":"LICENSE_LIMIT_EXCEEDED"}]}',
            'f.json'
        )
    );
    assert.deepEqual(
        injector.beforeDml('update', 'User', rows(2)).map((e) => e?.statusCode ?? null),
        [null, null]
    );
    const next = injector.beforeDml('update', 'User', [...rows(2), ...rows(1, ['firstname'])]);
    assert.deepEqual(
        next.map((e) => e?.statusCode ?? null),
        [null, 'LICENSE_LIMIT_EXCEEDED', null],
        'rows that do not change the field are untouched'
    );
    assert.deepEqual(next[1], {
        statusCode: 'LICENSE_LIMIT_EXCEEDED',
        message: 'local-org injected fault: seats',
        fields: ['ProfileId'],
        fault: 'seats'
    });
    assert.equal(injector.beforeDml('update', 'User', rows(1))[0]?.statusCode, 'LICENSE_LIMIT_EXCEEDED');
});

test('a batch abort fault fires once the class has run enough executes', () => {
    const injector = new FaultInjector(
        parseFaults('{"faults":[{"abortBatch":"ProfileUpdateStage","afterExecutes":3}]}', 'f.json')
    );
    assert.equal(injector.shouldAbortBatch('profileupdatestage', 2), false);
    assert.equal(injector.shouldAbortBatch('ProfileUpdateStage', 3), true);
    assert.equal(injector.shouldAbortBatch('OtherStage', 9), false);
});

test('bad fault files are refused with the file, the entry and what is wrong', () => {
    assert.match(errorOf(() => parseFaults('{', 'x.json')).message, /^x\.json: not valid JSON/);
    assert.match(errorOf(() => parseFaults('[]', 'x.json')).message, /expected an object with a "faults" array/);
    assert.match(errorOf(() => parseFaults('{"faults":[],"extra":1}', 'x.json')).message, /unknown key\(s\) "extra"/);
    const base = '"operation":"update","sobject":"User","statusCode":"UNABLE_TO_LOCK_ROW"';
    assert.match(
        errorOf(() => parseFaults(`{"faults":[{${base},"onStatement":1,"typo":1}]}`, 'x.json')).message,
        /faults\[0\]: unknown key\(s\) "typo"/
    );
    assert.match(
        errorOf(() => parseFaults(`{"faults":[{${base}}]}`, 'x.json')).message,
        /exactly one of "onStatement" and "afterRows"/
    );
    assert.match(
        errorOf(() => parseFaults(`{"faults":[{${base},"onStatement":0}]}`, 'x.json')).message,
        /counts from 1/
    );
    assert.match(
        errorOf(() => parseFaults(`{"faults":[{${base},"afterRows":-2}]}`, 'x.json')).message,
        /"afterRows" must be a whole number/
    );
    assert.match(
        errorOf(() =>
            parseFaults(
                '{"faults":[{"operation":"merge","sobject":"User","statusCode":"X","onStatement":1}]}',
                'x.json'
            )
        ).message,
        /"operation" must be one of/
    );
    assert.match(
        errorOf(() =>
            parseFaults(
                '{"faults":[{"operation":"update","sobject":"User","statusCode":"lock","onStatement":1}]}',
                'x.json'
            )
        ).message,
        /"statusCode" must look like/
    );
    assert.match(
        errorOf(() => parseFaults('{"faults":[{"abortBatch":"","afterExecutes":1}]}', 'x.json')).message,
        /"abortBatch" must be a non-empty string/
    );
});
