import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from '../../src/api';
import { diagnosticsOf, testMethodLines } from '../../src/runner/probe-status';

const SOURCE = [
    '@IsTest',
    'private class P {',
    '    @IsTest',
    '    static void first() {',
    '        Integer a = 1;',
    '    }',
    '',
    '    @isTest static void second() {',
    '        String s;',
    '    }',
    '}'
].join('\n');

function diag(line: number, message: string): Diagnostic {
    return { file: 'P.cls', line, column: 1, kind: 'unsupported', message };
}

describe('probe-status', () => {
    it('finds test methods and the line of their annotation', () => {
        assert.deepEqual(testMethodLines(SOURCE), [
            { name: 'first', line: 3 },
            { name: 'second', line: 8 }
        ]);
    });

    it('attributes diagnostics to the method whose lines hold them', () => {
        const methods = testMethodLines(SOURCE);
        const all = [diag(5, 'in first'), diag(9, 'in second'), diag(1, 'class header')];
        assert.deepEqual(
            diagnosticsOf(methods, 0, all).map((d) => d.message),
            ['in first']
        );
        assert.deepEqual(
            diagnosticsOf(methods, 1, all).map((d) => d.message),
            ['in second']
        );
    });
});
