import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApexPrimitiveError } from '../../src/stdlib/builtin';
import {
    JavaMatcher,
    UnsupportedRegexError,
    compileJava,
    javaQuote,
    javaReplace,
    javaSplit
} from '../../src/stdlib/primitives/regex';

// Expected values below were produced by OpenJDK 17 (java.lang.String / java.util.regex) on this machine.

test('split removes trailing empty strings (limit 0)', () => {
    assert.deepEqual(javaSplit('a,b,,', ','), ['a', 'b']);
    assert.deepEqual(javaSplit(',a,,b', ','), ['', 'a', '', 'b']);
    assert.deepEqual(javaSplit('x', 'x'), []);
    assert.deepEqual(javaSplit('', ','), ['']);
});

test('split on regexes, including the empty regex', () => {
    assert.deepEqual(javaSplit('abc', ''), ['a', 'b', 'c']);
    assert.deepEqual(javaSplit('a1b22c', '\\d+'), ['a', 'b', 'c']);
    assert.deepEqual(javaSplit('boo:and:foo', 'o'), ['b', '', ':and:f']);
    assert.deepEqual(javaSplit(' a  b ', '\\s+'), ['', 'a', 'b']);
    assert.deepEqual(javaSplit('a.b.c', '\\.'), ['a', 'b', 'c']);
});

test('split with a limit', () => {
    assert.deepEqual(javaSplit('boo:and:foo', 'o', -1), ['b', '', ':and:f', '', '']);
    assert.deepEqual(javaSplit('boo:and:foo', 'o', 2), ['b', 'o:and:foo']);
    assert.deepEqual(javaSplit('abc', '', -1), ['a', 'b', 'c', '']);
});

test('replaceAll / replaceFirst with Java replacement syntax', () => {
    assert.equal(javaReplace('baa', 'a*', '-', false), '-b--');
    assert.equal(javaReplace('John Smith', '(\\w+) (\\w+)', '$2, $1', false), 'Smith, John');
    assert.equal(javaReplace('a.b', '\\.', '\\$', false), 'a$b');
    assert.equal(javaReplace('aXbX', 'X', '-', true), 'a-bX');
    assert.equal(javaReplace('Hello World', '(?i)o', '0', false), 'Hell0 W0rld');
    assert.equal(javaReplace('line1\nline2\n', '(?m)^l', 'L', false), 'Line1\nLine2\n');
    assert.equal(javaReplace('2024-01-05', '(?<y>\\d+)-(\\d+)-(\\d+)', '${y}/$2', false), '2024/01');
});

test('bad group references in a replacement are StringExceptions', () => {
    assert.throws(
        () => javaReplace('abc', 'b', '$', false),
        (e: unknown) => e instanceof ApexPrimitiveError && e.apexType === 'System.StringException'
    );
    assert.throws(() => javaReplace('abc', '(b)', '$2', false), /No group 2/);
});

test('Java $ matches before a final line terminator; matches() needs the whole input', () => {
    assert.equal(compileJava('ab$').matches('ab\n'), false);
    const m = new JavaMatcher(compileJava('ab$'), 'ab\n');
    assert.equal(m.find(), true);
    assert.equal(compileJava('a|ab').matches('ab'), true);
});

test('Java . does not match line terminators; \\s is ASCII only', () => {
    assert.equal(compileJava('a.b').matches('a\nb'), false);
    assert.equal(compileJava('(?s)a.b').matches('a\nb'), true);
    assert.equal(compileJava('\\s').matches('\u00a0'), false);
    assert.equal(compileJava('\\s').matches('\t'), true);
    assert.equal(compileJava('\\p{Alpha}+').matches('abcXYZ'), true);
    assert.equal(compileJava('[\\p{Digit}x]+').matches('1x2'), true);
});

test('Matcher find/group/start/end', () => {
    const m = new JavaMatcher(compileJava('(a)(b)?'), 'xacab');
    assert.equal(m.find(), true);
    assert.deepEqual([m.group(), m.start(), m.end(), m.group(2), m.start(2)], ['a', 1, 2, null, -1]);
    assert.equal(m.find(), true);
    assert.deepEqual([m.group(), m.start(), m.end(), m.group(2), m.start(2), m.end(1)], ['ab', 3, 5, 'b', 4, 4]);
    assert.equal(m.find(), false);
    assert.equal(m.groupCount(), 2);
});

test('group() before a match is an exception, unknown group too', () => {
    const m = new JavaMatcher(compileJava('a'), 'a');
    assert.throws(() => m.group(), /No match found/);
    m.find();
    assert.throws(() => m.group(3), /No group 3/);
});

test('Pattern.quote and \\Q…\\E', () => {
    assert.equal(javaQuote('a.b\\Ec'), '\\Qa.b\\E\\\\E\\Qc\\E');
    assert.equal(compileJava(javaQuote('a.b\\Ec')).matches('a.b\\Ec'), true);
    assert.equal(compileJava(javaQuote('a.b')).matches('axb'), false);
    assert.equal(compileJava('\\Q*+\\E+').matches('*+*+'), true);
});

test('Java-only constructs fail loudly', () => {
    for (const p of ['a*+', '(?>a)', '[^a-z&&[^b]]', 'a(?i)b', '(?x)a b', '\\p{javaLowerCase}', '[a', 'a{', '*a']) {
        assert.throws(() => compileJava(p), UnsupportedRegexError, p);
    }
});

test('class unions, intersections and \\S inside classes (v-mode)', () => {
    assert.equal(compileJava('[\\s\\S]+').matches('a \n\u00a0'), true);
    assert.equal(compileJava('[a-z&&[^aeiou]]+').matches('bcd'), true);
    assert.equal(compileJava('[a-z&&[^aeiou]]+').matches('bad'), false);
    assert.equal(compileJava('[a[0-9]]+').matches('a1a2'), true);
    assert.equal(compileJava('[a-]+').matches('-a'), true);
    assert.equal(compileJava('[\\p{Punct}]+').matches('!{~'), true);
    assert.equal(compileJava('[^\\S ]').matches('\t'), true);
});

test('(?i) folds ASCII only, as Java CASE_INSENSITIVE without UNICODE_CASE', () => {
    assert.equal(compileJava('(?i)abc').matches('AbC'), true);
    assert.equal(compileJava('(?i)É').matches('é'), false);
    assert.equal(compileJava('(?i)[a-c]+').matches('aBC'), true);
    assert.equal(compileJava('(?i)[Y-b]+').matches('yZab'), true);
    assert.equal(compileJava('(?i)\\p{Upper}+').matches('aB'), true);
    assert.throws(() => compileJava('(?i)(a)\\1'), UnsupportedRegexError);
});

test('Java word boundaries count non-ASCII letters', () => {
    assert.deepEqual(javaSplit('café bar', '\\b'), ['café', ' ', 'bar']);
    assert.equal(javaReplace('(?m)', '(?m)^', 'x', false), 'x(?m)');
    assert.equal(compileJava('(?m)^').matches(''), false);
});

test('escaped punctuation that JS u-mode rejects is translated', () => {
    assert.equal(compileJava('\\-\\#\\,\\:').matches('-#,:'), true);
    assert.equal(compileJava('[\\-a]+').matches('-a-'), true);
    assert.equal(compileJava('[]a]+').matches(']a'), true);
});
