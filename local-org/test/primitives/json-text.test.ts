import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApexPrimitiveError } from '../../src/stdlib/builtin';
import type { JsonNode } from '../../src/stdlib/primitives/json-text';
import { parseJson, quoteJson, writeCompact, writePretty } from '../../src/stdlib/primitives/json-text';

const num = (text: string): JsonNode => ({ type: 'number', text });
const str = (value: string): JsonNode => ({ type: 'string', value });
const obj = (...entries: Array<[string, JsonNode]>): JsonNode => ({ type: 'object', entries });
const arr = (...items: JsonNode[]): JsonNode => ({ type: 'array', items });

function jsonException(text: string): string {
    try {
        parseJson(text);
    } catch (e) {
        assert.ok(e instanceof ApexPrimitiveError && e.apexType === 'System.JSONException', String(e));
        return e.message;
    }
    assert.fail(`expected a JSONException for ${text}`);
}

test('compact form keeps key order and raw number text', () => {
    const tree = obj(['b', num('1.50')], ['a', arr(num('1'), { type: 'boolean', value: true }, { type: 'null' })]);
    assert.equal(writeCompact(tree), '{"b":1.50,"a":[1,true,null]}');
});

test('pretty form follows Jackson DefaultPrettyPrinter', () => {
    assert.equal(
        writePretty(obj(['a', num('1')], ['b', arr(num('1'), num('2'))])),
        '{\n  "a" : 1,\n  "b" : [ 1, 2 ]\n}'
    );
    assert.equal(
        writePretty(arr(obj(['b', num('1')]), obj(['c', obj(['d', str('x')])]))),
        '[ {\n  "b" : 1\n}, {\n  "c" : {\n    "d" : "x"\n  }\n} ]'
    );
    assert.equal(writePretty(obj(['a', arr(obj(['b', num('1')]))])), '{\n  "a" : [ {\n    "b" : 1\n  } ]\n}');
    assert.equal(writePretty(obj()), '{ }');
    assert.equal(writePretty(arr()), '[ ]');
    assert.equal(writePretty(obj(['e', obj()], ['f', arr()])), '{\n  "e" : { },\n  "f" : [ ]\n}');
});

test('string escaping', () => {
    assert.equal(quoteJson('a"b\\c\n\t\u0001/é<'), '"a\\"b\\\\c\\n\\t\\u0001/é<"');
});

test('parse round-trips and keeps number text', () => {
    const text = '{"a": [1, 2.50, -3e2], "b": {"c": null, "d": false}, "e": "x\\u0041\\n"}';
    const tree = parseJson(text);
    assert.equal(writeCompact(tree), '{"a":[1,2.50,-3e2],"b":{"c":null,"d":false},"e":"xA\\n"}');
    assert.deepEqual(parseJson(' "s" '), str('s'));
    assert.deepEqual(parseJson('[]'), arr());
});

test('duplicate keys are kept in order for the caller', () => {
    assert.deepEqual(parseJson('{"a":1,"a":2}'), obj(['a', num('1')], ['a', num('2')]));
});

test('bad input raises JSONException', () => {
    assert.match(jsonException('{"a":1,}'), /was expecting double-quote to start field name/);
    assert.match(jsonException("{'a':1}"), /Unexpected character \(''' \(code 39\)\)/);
    assert.match(jsonException('[1 2]'), /was expecting comma to separate Array entries/);
    assert.match(jsonException('{"a" 1}'), /was expecting a colon/);
    assert.match(jsonException('01'), /Leading zeroes not allowed/);
    assert.match(jsonException('"abc'), /Unexpected end-of-input/);
    assert.match(jsonException('"a\nb"'), /Illegal unquoted character \(\(CTRL-CHAR, code 10\)\)/);
    assert.match(jsonException('nul'), /^Unrecognized token 'nul': was expecting \('true', 'false' or 'null'\)/);
    assert.match(jsonException('[1,]'), /^Unexpected character \('\]' \(code 93\)\): expected a valid value/);
    assert.match(jsonException('"\\q"'), /^Unrecognized character escape 'q' \(code 113\)/);
    assert.match(jsonException('{} x'), /expected end of input/);
    assert.match(jsonException(''), /No content to map/);
    assert.match(jsonException('NaN'), /^Non-standard token 'NaN'/);
});

test('errors end with the Apex location suffix', () => {
    assert.equal(
        jsonException('<html>'),
        "Unexpected character ('<' (code 60)): expected a valid value (number, String, array, object, 'true', 'false' or 'null') at input location [1,2]"
    );
    assert.match(jsonException('{\n  "a": ?\n}'), / at input location \[2,9\]$/);
});
