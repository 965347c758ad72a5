import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TestClassInfo } from '../../src/api';
import { selectTests, SelectionError } from '../../src/runner/select';

const CLASSES: TestClassInfo[] = [
    { name: 'AlphaTest', file: 'a.cls', methods: ['one', 'two', 'three'], hasTestSetup: false },
    { name: 'BetaTest', file: 'b.cls', methods: ['only'], hasTestSetup: true }
];

function names(sel: ReturnType<typeof selectTests>): string[] {
    return sel.flatMap((s) => s.methods.map((m) => `${s.info.name}.${m}`));
}

function unknownOf(fn: () => unknown): string[] {
    try {
        fn();
    } catch (err) {
        assert.ok(err instanceof SelectionError);
        return err.unknownNames;
    }
    assert.fail('expected a SelectionError');
}

describe('selectTests', () => {
    it('selects every method of every class when nothing is named', () => {
        assert.deepEqual(names(selectTests(CLASSES, [], [])), [
            'AlphaTest.one',
            'AlphaTest.two',
            'AlphaTest.three',
            'BetaTest.only'
        ]);
    });

    it('selects named classes case-insensitively, in discovery order, spelled as declared', () => {
        assert.deepEqual(names(selectTests(CLASSES, ['betatest', 'ALPHATEST'], [])), [
            'AlphaTest.one',
            'AlphaTest.two',
            'AlphaTest.three',
            'BetaTest.only'
        ]);
    });

    it('selects named methods in source order, and a bare class name in --tests means the whole class', () => {
        assert.deepEqual(names(selectTests(CLASSES, [], ['alphatest.THREE', 'AlphaTest.one'])), [
            'AlphaTest.one',
            'AlphaTest.three'
        ]);
        assert.deepEqual(names(selectTests(CLASSES, [], ['BetaTest'])), ['BetaTest.only']);
    });

    it('lists every unknown class and method together', () => {
        assert.deepEqual(
            unknownOf(() => selectTests(CLASSES, ['Nope', 'AlphaTest', 'Gone'], [])),
            ['Nope', 'Gone']
        );
        assert.deepEqual(
            unknownOf(() => selectTests(CLASSES, [], ['AlphaTest.four', 'Zed.one', 'BetaTest.only'])),
            ['AlphaTest.four', 'Zed.one']
        );
    });

    it('builds a message naming the unknown names', () => {
        const err = new SelectionError(['A.b', 'C']);
        assert.equal(err.message, 'unknown test names: A.b, C');
        assert.equal(new SelectionError(['X']).message, 'unknown test name: X');
    });
});
