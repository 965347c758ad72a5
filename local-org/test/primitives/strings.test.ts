import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BuiltinMethod } from '../../src/stdlib/builtin';
import { ApexPrimitiveError } from '../../src/stdlib/builtin';
import { UnknownBehaviourError } from '../../src/stdlib/primitives/numbers';
import { STRING_INSTANCE_METHODS, STRING_STATIC_METHODS } from '../../src/stdlib/primitives/strings';
import { ApexId } from '../../src/stdlib/primitives/id';
import { FakeList, fakeHost } from './fake-host';

function find(table: BuiltinMethod[], name: string, arity: number): BuiltinMethod {
    const m = table.find((x) => x.name === name && x.params.length === arity);
    assert.ok(m, `no String.${name}/${arity}`);
    return m;
}
function call(self: string, name: string, ...args: unknown[]): unknown {
    const r = find(STRING_INSTANCE_METHODS, name, args.length).impl(self, args, fakeHost);
    return r instanceof FakeList ? r.items : r;
}
function callStatic(name: string, ...args: unknown[]): unknown {
    return find(STRING_STATIC_METHODS, name, args.length).impl(undefined, args, fakeHost);
}
function stringException(fn: () => unknown): string {
    try {
        fn();
    } catch (e) {
        assert.ok(e instanceof ApexPrimitiveError && e.apexType === 'System.StringException', String(e));
        return e.message;
    }
    assert.fail('expected a StringException');
}

test('every table entry has a unique signature', () => {
    const seen = new Set<string>();
    for (const m of [...STRING_INSTANCE_METHODS, ...STRING_STATIC_METHODS]) {
        const key = `${m.isStatic}:${m.name.toLowerCase()}(${m.params.join(',')})`;
        assert.ok(!seen.has(key), key);
        seen.add(key);
    }
});

test('abbreviate (Commons semantics)', () => {
    assert.equal(call('abcdefg', 'abbreviate', 6), 'abc...');
    assert.equal(call('abcdefg', 'abbreviate', 7), 'abcdefg');
    assert.equal(call('abcdefghijklmno', 'abbreviate', 10, 5), '...fghi...');
    assert.equal(call('abcdefghijklmno', 'abbreviate', 10, 12), '...ijklmno');
    assert.equal(call('abcdefghijklmno', 'abbreviate', 10, 1), 'abcdefg...');
    assert.throws(() => call('abcdefg', 'abbreviate', 3), UnknownBehaviourError);
    assert.equal(call('', 'abbreviate', 3), '');
    assert.equal(call('abcdefg', 'abbreviate', 4), 'a...');
    assert.equal(call('abcdefghijklmno', 'abbreviate', 10, 6), '...ghij...');
    assert.equal(call('abcdefghijklmno', 'abbreviate', 10, 4), 'abcdefg...');
    assert.throws(() => call('abcdefghij', 'abbreviate', 6, 5), UnknownBehaviourError);
});

test('capitalize, uncapitalize, swapCase, center', () => {
    assert.equal(call('hello World', 'capitalize'), 'Hello World');
    assert.equal(call('Hello', 'uncapitalize'), 'hello');
    assert.equal(call('Hello World', 'swapCase'), 'hELLO wORLD');
    assert.equal(call('ab', 'center', 6), '  ab  ');
    assert.equal(call('ab', 'center', 7, 'xy'), 'xyabxyx');
    assert.equal(call('abc', 'center', 2), 'abc');
});

test('charAt returns the UTF-16 code; compareTo is Java-valued', () => {
    assert.equal(call('Apex', 'charAt', 0), 65);
    assert.equal(call('apple', 'compareTo', 'banana'), -1);
    assert.equal(call('abc', 'compareTo', 'ab'), 1);
    assert.equal(call('a', 'compareTo', 'A'), 32);
});

test('contains family', () => {
    assert.equal(call('Salesforce', 'contains', 'force'), true);
    assert.equal(call('Salesforce', 'containsIgnoreCase', 'FORCE'), true);
    assert.equal(call('abc', 'containsAny', 'xyc'), true);
    assert.equal(call('abc', 'containsNone', 'xyz'), true);
    assert.equal(call('abab', 'containsOnly', 'ab'), true);
    assert.equal(call('abc', 'containsOnly', 'ab'), false);
    assert.equal(call('a b', 'containsWhitespace'), true);
    assert.equal(call('a\u00a0b', 'containsWhitespace'), false);
});

test('countMatches, deleteWhitespace, difference', () => {
    assert.equal(call('abababa', 'countMatches', 'aba'), 2);
    assert.equal(call('abc', 'countMatches', ''), 0);
    assert.equal(call(' a b\tc\n', 'deleteWhitespace'), 'abc');
    assert.equal(call('Hello Jane', 'difference', 'Hello Max'), 'Max');
    assert.equal(call('abc', 'difference', 'abc'), '');
});

test('equals is case-sensitive; equalsIgnoreCase is not; null is false', () => {
    assert.equal(call('abc', 'equals', 'ABC'), false);
    assert.equal(call('abc', 'equals', null), false);
    assert.equal(call('abc', 'equalsIgnoreCase', 'ABC'), true);
    assert.equal(call('abc', 'equalsIgnoreCase', null), false);
    assert.equal(call('abc', 'endsWithIgnoreCase', 'BC'), true);
    assert.equal(call('abc', 'startsWithIgnoreCase', 'AB'), true);
});

test('escapes', () => {
    assert.equal(call('a,b', 'escapeCsv'), '"a,b"');
    assert.equal(call('say "hi"', 'escapeCsv'), '"say ""hi"""');
    assert.equal(call('plain', 'escapeCsv'), 'plain');
    assert.equal(call('"a,b"', 'unescapeCsv'), 'a,b');
    assert.equal(call('"ab"', 'unescapeCsv'), '"ab"');
    assert.equal(
        call('<b>"Tom" & Jerry</b> ©', 'escapeHtml4'),
        '&lt;b&gt;&quot;Tom&quot; &amp; Jerry&lt;/b&gt; &copy;'
    );
    assert.equal(call('&lt;p&gt; &euro;&#65;&#x42; &bogus;', 'unescapeHtml4'), '<p> €AB &bogus;');
    assert.equal(call('Company "Salesforce"', 'escapeJava'), 'Company \\"Salesforce\\"');
    assert.equal(call('tab\there\\é', 'escapeJava'), 'tab\\there\\\\\\u00E9');
    assert.equal(call('café', 'escapeUnicode'), 'caf\\u00E9');
});

test('String.format follows MessageFormat quoting', () => {
    assert.equal(callStatic('format', "{0} it''s {1}", ['x', '12345']), "x it's 12345");
    assert.equal(callStatic('format', "'{0}' {1}", ['a', 'b']), '{0} b');
    assert.equal(callStatic('format', '{0} {2}', ['a']), 'a {2}');
    assert.throws(() => callStatic('format', '{0,number,#}', ['1']), UnknownBehaviourError);
    // MessageFormat does not trim the index: '{0 }' is an error in Java (checked with OpenJDK 17).
    assert.throws(() => callStatic('format', '{0 }', ['1']), UnknownBehaviourError);
    assert.equal(callStatic('format', '{00}-{1}', ['a', 'b']), 'a-b');
});

test('getChars, fromCharArray, hashCode', () => {
    assert.deepEqual(call('Ab', 'getChars'), [65, 98]);
    assert.equal(callStatic('fromCharArray', [72, 105]), 'Hi');
    assert.equal(call('hello world', 'hashCode'), 1794106052);
    assert.equal(call('Apex', 'hashCode'), 2047298);
});

test('indexOf family', () => {
    assert.equal(call('abcabc', 'indexOf', 'c'), 2);
    assert.equal(call('abcabc', 'indexOf', 'c', 3), 5);
    assert.equal(call('abcabc', 'indexOf', 'c', -5), 2);
    assert.equal(call('abc', 'indexOf', '', 10), 3);
    assert.equal(call('zzabyycdxx', 'indexOfAny', 'by'), 3);
    assert.equal(call('aBcAbC', 'indexOfIgnoreCase', 'abc', 1), 3);
    assert.equal(call('abcabc', 'lastIndexOf', 'b'), 4);
    assert.equal(call('abcabc', 'lastIndexOf', 'b', 3), 1);
    assert.equal(call('abcabc', 'lastIndexOf', 'b', -1), -1);
    assert.equal(call('aBcAbC', 'lastIndexOfIgnoreCase', 'ABC'), 3);
});

test('is* predicates (Commons Lang 3 semantics)', () => {
    assert.equal(call('abc', 'isAllLowerCase'), true);
    assert.equal(call('aBc', 'isAllLowerCase'), false);
    assert.equal(call('ABC', 'isAllUpperCase'), true);
    assert.equal(call('abcé', 'isAlpha'), true);
    assert.equal(call('', 'isAlpha'), false);
    assert.equal(call('ab c', 'isAlphaSpace'), true);
    assert.equal(call('', 'isAlphaSpace'), true);
    assert.equal(call('', 'isNumericSpace'), true);
    assert.equal(call('', 'isAlphanumericSpace'), true);
    assert.equal(call('', 'isAllUpperCase'), false);
    assert.equal(call('', 'isAsciiPrintable'), true);
    assert.equal(call('', 'isWhitespace'), true);
    assert.equal(call('R32', 'isAlphanumeric'), true);
    assert.equal(call('1234567890', 'isNumeric'), true);
    assert.equal(call('1.2', 'isNumeric'), false);
    assert.equal(call('a\u0001', 'isAsciiPrintable'), false);
    assert.equal(call(' \t', 'isWhitespace'), true);
    assert.equal(callStatic('isBlank', ' \n '), true);
    assert.equal(callStatic('isBlank', null), true);
    assert.equal(callStatic('isNotBlank', 'a'), true);
    assert.equal(callStatic('isEmpty', ''), true);
    assert.equal(callStatic('isEmpty', ' '), false);
    assert.equal(callStatic('isNotEmpty', null), false);
});

test('join and valueOf use the host', () => {
    assert.equal(callStatic('join', new FakeList('Integer', [1, 2, 3]), ', '), '1, 2, 3');
    assert.throws(() => callStatic('join', new FakeList('String', ['a', null]), ','), UnknownBehaviourError);
    assert.equal(callStatic('valueOf', null), 'null');
    assert.equal(callStatic('valueOf', 42), '42');
});

test('left, right, mid, pads, repeat', () => {
    assert.equal(call('abcdef', 'left', 2), 'ab');
    assert.equal(call('abcdef', 'left', -1), '');
    assert.equal(call('abcdef', 'right', 2), 'ef');
    assert.equal(call('abcdef', 'mid', 2, 3), 'cde');
    assert.equal(call('abcdef', 'mid', -2, 2), 'ab');
    assert.equal(call('5', 'leftPad', 3, '0'), '005');
    assert.equal(call('5', 'leftPad', 3), '  5');
    assert.equal(call('ab', 'rightPad', 7, 'xy'), 'abxyxyx');
    assert.equal(call('ab', 'repeat', 3), 'ababab');
    assert.equal(call('ab', 'repeat', '-', 3), 'ab-ab-ab');
    assert.equal(call('ab', 'repeat', 0), '');
});

test('normalizeSpace, remove*, replace', () => {
    assert.equal(call('  a \t b\n\nc  ', 'normalizeSpace'), 'a b c');
    assert.equal(call('\u0001 a  b', 'normalizeSpace'), 'a b');
    assert.equal(call('banana', 'remove', 'an'), 'ba');
    assert.equal(call('file.txt', 'removeEnd', '.txt'), 'file');
    assert.equal(call('file.TXT', 'removeEndIgnoreCase', '.txt'), 'file');
    assert.equal(call('www.x.com', 'removeStart', 'www.'), 'x.com');
    assert.equal(call('a.b.c', 'replace', '.', '$'), 'a$b$c');
    assert.equal(call('abc', 'replace', '', '-'), '-a-b-c-');
    assert.equal(call('a1b2', 'replaceAll', '[0-9]', '#'), 'a#b#');
    assert.equal(call('a1b2', 'replaceFirst', '[0-9]', '#'), 'a#b2');
    assert.equal(call('abc', 'reverse'), 'cba');
});

test('split keeps Java semantics', () => {
    assert.deepEqual(call('a,b,,', 'split', ','), ['a', 'b']);
    assert.deepEqual(call('a,b,,', 'split', ',', -1), ['a', 'b', '', '']);
    assert.deepEqual(call('a.b', 'split', '.'), []);
});

test('splitByCharacterType and CamelCase', () => {
    assert.deepEqual(call('ab de fg', 'splitByCharacterType'), ['ab', ' ', 'de', ' ', 'fg']);
    assert.deepEqual(call('foo200Bar', 'splitByCharacterType'), ['foo', '200', 'B', 'ar']);
    assert.deepEqual(call('ASFRules', 'splitByCharacterType'), ['ASFR', 'ules']);
    assert.deepEqual(call('foo200Bar', 'splitByCharacterTypeCamelCase'), ['foo', '200', 'Bar']);
    assert.deepEqual(call('ASFRules', 'splitByCharacterTypeCamelCase'), ['ASF', 'Rules']);
    assert.deepEqual(call('', 'splitByCharacterType'), []);
});

test('Java trim; strip/stripEnd/stripStart are not Apex String methods', () => {
    assert.ok(!STRING_INSTANCE_METHODS.some((m) => /^strip(End|Start)?$/.test(m.name)));
    assert.equal(call('   Hello!   ', 'trim'), 'Hello!');
    assert.equal(call('\u0001 abc \u0000', 'trim'), 'abc');
    assert.equal(call('\u00a0abc', 'trim'), '\u00a0abc');
});

test('substring and its bounds messages', () => {
    assert.equal(call('hamburger', 'substring', 4, 8), 'urge');
    assert.equal(call('unhappy', 'substring', 2), 'happy');
    assert.equal(call('abc', 'substring', 3), '');
    assert.equal(
        stringException(() => call('abc', 'substring', 0, -1)),
        'Ending position out of bounds: -1'
    );
    assert.equal(
        stringException(() => call('abc', 'substring', 0, 4)),
        'Ending position out of bounds: 4'
    );
    assert.equal(
        stringException(() => call('abc', 'substring', -1)),
        'Starting position out of bounds: -1'
    );
    assert.equal(
        stringException(() => call('abc', 'substring', 5)),
        'Starting position out of bounds: 5'
    );
    assert.throws(() => call('abc', 'substring', 2, 1), UnknownBehaviourError);
});

test('substringAfter/Before/Between (Commons semantics)', () => {
    assert.equal(call('abcba', 'substringAfter', 'b'), 'cba');
    assert.equal(call('abc', 'substringAfter', 'z'), '');
    assert.equal(call('abc', 'substringAfter', ''), 'abc');
    assert.equal(call('abcba', 'substringAfterLast', 'b'), 'a');
    assert.equal(call('abc', 'substringAfterLast', ''), '');
    assert.equal(call('abcba', 'substringBefore', 'b'), 'a');
    assert.equal(call('abc', 'substringBefore', ''), '');
    assert.equal(call('abc', 'substringBefore', 'z'), 'abc');
    assert.equal(call('abcba', 'substringBeforeLast', 'b'), 'abc');
    assert.equal(call('tagabctag', 'substringBetween', 'tag'), 'abc');
    assert.equal(call('yabczyabcz', 'substringBetween', 'y', 'z'), 'abc');
    assert.equal(call('abc', 'substringBetween', '[', ']'), null);
    assert.equal(call('tagabctag', 'substringBetween', ''), '');
    assert.equal(call('a', 'substringBeforeLast', ''), 'a');
    assert.equal(call('', 'containsOnly', 'a'), true);
    assert.equal(call('', 'containsAny', 'a'), false);
});

test('case conversion, Levenshtein', () => {
    assert.equal(call('MiXeD', 'toLowerCase'), 'mixed');
    assert.equal(call('straße', 'toUpperCase'), 'STRASSE');
    assert.equal(call('kitten', 'getLevenshteinDistance', 'sitting'), 3);
    assert.equal(call('kitten', 'getLevenshteinDistance', 'sitting', 2), -1);
    assert.equal(call('elephant', 'getLevenshteinDistance', 'hippo'), 7);
    assert.equal(call('elephant', 'getLevenshteinDistance', 'hippo', 7), 7);
    assert.equal(call('aaapppp', 'getLevenshteinDistance', '', 6), -1);
});

test('null arguments to methods without documented null handling fail loudly', () => {
    assert.throws(() => call('abc', 'contains', null), UnknownBehaviourError);
});

test('documented examples from the Apex String reference', () => {
    assert.equal(call('hello maximillian', 'capitalize'), 'Hello maximillian');
    assert.equal(call('hello', 'center', 9), '  hello  ');
    assert.equal(call('hello', 'center', 9, '-'), '--hello--');
    assert.equal(call('\u03a9 is \u03a9 (Omega)', 'charAt', 0), 937);
    assert.equal(call('\ud835\udd0a', 'charAt', 0), 55349);
    assert.equal(call('\ud835\udd0a', 'codePointAt', 0), 120074);
    const str = '\u03A9 is \u03a9 (Omega), and \uD835\uDD0A  is Fraktur Capital G.';
    assert.equal(call(str, 'codePointBefore', 1), 937);
    assert.equal(call(str, 'codePointBefore', 22), 120074);
    assert.equal(call('\u03A9 and \uD835\uDD0A characters.', 'codePointCount', 6, 8), 1);
    assert.equal(call('A \uD835\uDD0A BC', 'offsetByCodePoints', 0, 3), 4);
    assert.equal(call('abcde', 'compareTo', 'abcd'), 1);
    assert.equal(call('Hello hello', 'countMatches', 'Hello'), 1);
    assert.equal(call('Hello Jane', 'difference', 'Goodbye'), 'Goodbye');
    assert.equal(call('Max1, "Max2"', 'escapeCsv'), '"Max1, ""Max2"""');
    assert.equal(call('"Max1, ""Max2"""', 'unescapeCsv'), 'Max1, "Max2"');
    assert.equal(callStatic('getCommonPrefix', ['SFDCApex', 'SFDCVisualforce']), 'SFDC');
    assert.equal(call('Hello Joe', 'getLevenshteinDistance', 'Hello Max'), 3);
    assert.equal(call('Hello Jane', 'getLevenshteinDistance', 'Hello Max', 2), -1);
    assert.equal(call('abcdabcd', 'indexOf', 'ab', 1), 4);
    assert.equal(call('abcd', 'indexOfAnyBut', 'xc'), 0);
    assert.equal(call('\u03a9 and \u03A9 and \u03a9', 'indexOfChar', 937, 10), 12);
    assert.equal(call('abcd', 'indexOfDifference', 'abxc'), 2);
    assert.equal(call('abcdaacd', 'lastIndexOf', 'c', 3), 2);
    assert.equal(call('\u03a9 and \u03A9 and \u03a9', 'lastIndexOfChar', 937, 11), 6);
    assert.equal(call('\u03a9 and \u03A9 and \u03a9', 'lastIndexOfChar', 937, 5), 0);
    assert.equal(call('abcdaacd', 'lastIndexOfIgnoreCase', 'DAAC'), 3);
    assert.equal(call('Salesforce \t     force.com', 'normalizeSpace'), 'Salesforce force.com');
    assert.equal(call('Salesforce and force.com', 'remove', 'force'), 'Sales and .com');
    assert.equal(call('abc', 'rightPad', 7, 'xy'), 'abcxyxy');
    assert.equal(call('Force.com', 'swapCase'), 'fORCE.COM');
    assert.equal(call('KIYMETL\u0130', 'toLowerCase', 'tr'), 'k\u0131ymetli');
    assert.equal(call('imkans\u0131z', 'toUpperCase', 'tr'), '\u0130MKANSIZ');
    assert.equal(call('Hello', 'toLowerCase', 'en_US'), 'hello');
    assert.deepEqual(call('Lightning.platform', 'splitByCharacterType'), ['L', 'ightning', '.', 'platform']);
    assert.deepEqual(call('Lightning.platform', 'splitByCharacterTypeCamelCase'), ['Lightning', '.', 'platform']);
    assert.deepEqual(call('boo:and:moo', 'split', ':', 2), ['boo', 'and:moo']);
    assert.deepEqual(call('boo:and:moo', 'split', ':', 5), ['boo', 'and', 'moo']);
    assert.deepEqual(call('boo:and:moo', 'split', 'o', 5), ['b', '', ':and:m', '', '']);
    assert.deepEqual(call('boo:and:moo', 'split', 'o', 0), ['b', '', ':and:m']);
    assert.equal(call('a b c 11 xyz', 'replaceFirst', '[a-zA-Z]{2}', '2'), 'a b c 11 2z');
    assert.equal(call('a b c 5 xyz', 'replaceAll', '[a-zA-Z]', '1'), '1 1 1 5 111');
    assert.equal(call('abcd1234!@#$%^&*()`~-_+={[}]|:<,>.?', 'isAsciiPrintable'), true);
    assert.equal(call('\u221a', 'isAsciiPrintable'), false);
    assert.equal(call('&quot;&lt;Black&amp;White&gt;&quot;', 'unescapeXml'), '"<Black&White>"');
    // String.format: a quoted placeholder stays literal (http://www.fishofprey.com/2011/03/apex-stringformat-syntax.html).
    assert.equal(
        callStatic('format', "Hello {0}, shall we play a '{1}'?", ['David', 'game']),
        'Hello David, shall we play a {1}?'
    );
    assert.equal(
        callStatic('format', "Hello {0}, shall we play a ''{1}''?", ['David', 'game']),
        "Hello David, shall we play a 'game'?"
    );
});

test('equals(Object) compares Ids by value, whatever their length (documented)', () => {
    assert.equal(call('001D000000Ju1zH', 'equals', ApexId.of('001D000000Ju1zH')), true);
    assert.equal(call('001D000000Ju1zH', 'equals', ApexId.of('001D000000Ju1zHIAR')), true);
    assert.equal(call('abc', 'equals', 100), false);
});

test('escapes added from the reference', () => {
    // Doc example: String.escapeSingleQuotes("'Hello Jason'") gives \'Hello Jason\'; backslashes are escaped too.
    assert.equal(callStatic('escapeSingleQuotes', "'Hello Jason'"), "\\'Hello Jason\\'");
    assert.equal(callStatic('escapeSingleQuotes', 'a\\b'), 'a\\\\b');
    assert.equal(call('"grade": 3.9/4.0', 'escapeEcmaScript'), '\\"grade\\": 3.9\\/4.0');
    assert.equal(call('"<Black&White>"', 'escapeHtml3'), '&quot;&lt;Black&amp;White&gt;&quot;');
    assert.equal(call('\u20ac', 'escapeHtml3'), '\u20ac');
    assert.equal(call('&euro;&eacute;', 'unescapeHtml3'), '&euro;\u00e9');
    assert.equal(call('Company: \\"Salesforce.com\\"', 'unescapeJava'), 'Company: "Salesforce.com"');
    assert.equal(call('De onde voc\\u00EA \\u00E9?', 'unescapeUnicode'), 'De onde voc\u00ea \u00e9?');
    assert.equal(call('\\"3.8\\",\\"3.9\\"', 'unescapeEcmaScript'), '"3.8","3.9"');
    assert.equal(call('\\101\\q', 'unescapeJava'), 'Aq');
    assert.throws(() => call('\\u12', 'unescapeJava'), UnknownBehaviourError);
});
