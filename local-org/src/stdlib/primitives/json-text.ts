/**
 * JSON text for the Apex JSON class: writing a neutral tree compactly (JSON.serialize) or pretty
 * (JSON.serializePretty), and reading text back into that tree (JSON.deserialize*). The runtime maps Apex values
 * to and from the tree; numbers stay raw text so a Decimal's scale survives the round trip.
 *
 * Sources (see SOURCES.md):
 * - JSON class: https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_class_System_Json.htm
 * - Apex JSON is produced by Jackson; the pretty form is Jackson's DefaultPrettyPrinter: two-space indentation for
 *   objects, `"key" : value`, arrays inline as `[ 1, 2 ]`, empty containers `{ }` and `[ ]`.
 * - Strict parsing as Jackson's defaults (no comments, single quotes, trailing commas, NaN or leading zeros).
 *   Error texts follow Jackson 2's wording (checked against jackson-core 2.17 on this machine) with Apex's
 *   location suffix "at input location [line,column]" (as in the commonly reported org message for '<' at the
 *   start of the text: "... at input location [1,2]"); the exact org wording is unverified.
 */
import { ApexPrimitiveError } from '../builtin';

export type JsonNode =
    | { type: 'null' }
    | { type: 'boolean'; value: boolean }
    | { type: 'number'; text: string }
    | { type: 'string'; value: string }
    | { type: 'array'; items: JsonNode[] }
    | { type: 'object'; entries: Array<[string, JsonNode]> };

export const jsonNull: JsonNode = { type: 'null' };

const HEX = '0123456789ABCDEF';

/** Jackson's string escaping: quote, backslash, control characters; everything else is written as is. */
export function quoteJson(s: string): string {
    let out = '"';
    for (let i = 0; i < s.length; i++) {
        const ch = s[i];
        const c = s.charCodeAt(i);
        if (ch === '"') out += '\\"';
        else if (ch === '\\') out += '\\\\';
        else if (c < 0x20) {
            const short: Record<number, string> = { 8: '\\b', 9: '\\t', 10: '\\n', 12: '\\f', 13: '\\r' };
            out += short[c] ?? '\\u00' + HEX[c >> 4] + HEX[c & 15];
        } else out += ch;
    }
    return out + '"';
}

/** JSON.serialize form. */
export function writeCompact(node: JsonNode): string {
    switch (node.type) {
        case 'null':
            return 'null';
        case 'boolean':
            return node.value ? 'true' : 'false';
        case 'number':
            return node.text;
        case 'string':
            return quoteJson(node.value);
        case 'array':
            return '[' + node.items.map(writeCompact).join(',') + ']';
        case 'object':
            return '{' + node.entries.map(([k, v]) => quoteJson(k) + ':' + writeCompact(v)).join(',') + '}';
    }
}

/** JSON.serializePretty form (Jackson DefaultPrettyPrinter; only objects add indentation levels). */
export function writePretty(node: JsonNode): string {
    return pretty(node, 0);
}

function pretty(node: JsonNode, level: number): string {
    switch (node.type) {
        case 'array':
            if (node.items.length === 0) return '[ ]';
            return '[ ' + node.items.map((n) => pretty(n, level)).join(', ') + ' ]';
        case 'object': {
            if (node.entries.length === 0) return '{ }';
            const inner = '\n' + '  '.repeat(level + 1);
            const body = node.entries.map(([k, v]) => inner + quoteJson(k) + ' : ' + pretty(v, level + 1)).join(',');
            return '{' + body + '\n' + '  '.repeat(level) + '}';
        }
        default:
            return writeCompact(node);
    }
}

function jsonError(message: string): ApexPrimitiveError {
    return new ApexPrimitiveError('System.JSONException', message);
}

/** Parses JSON text into the tree. Object entries keep their order, duplicates included (the caller decides). */
export function parseJson(text: string): JsonNode {
    const p = new Parser(text);
    p.skipSpace();
    if (p.atEnd()) throw jsonError('No content to map due to end-of-input');
    const node = p.value(0);
    p.skipSpace();
    // Trailing content: Apex's ObjectMapper may ignore it; we refuse it (stricter, unverified).
    if (!p.atEnd()) throw p.unexpected('expected end of input');
    return node;
}

const MAX_DEPTH = 1000;
const VALUE_EXPECTED = "expected a valid value (number, String, array, object, 'true', 'false' or 'null')";

class Parser {
    private pos = 0;
    private line = 1;
    private lineStart = 0;

    constructor(private readonly text: string) {}

    atEnd(): boolean {
        return this.pos >= this.text.length;
    }

    skipSpace(): void {
        while (this.pos < this.text.length) {
            const ch = this.text[this.pos];
            if (ch === '\n') {
                this.line++;
                this.lineStart = this.pos + 1;
            } else if (ch !== ' ' && ch !== '\t' && ch !== '\r') {
                return;
            }
            this.pos++;
        }
    }

    /** Apex's location suffix; the column is one past the offending character (old Jackson counting). */
    private where(): string {
        return `at input location [${this.line},${this.pos - this.lineStart + 2}]`;
    }

    unexpected(expectation: string): ApexPrimitiveError {
        if (this.atEnd()) return jsonError(`Unexpected end-of-input: ${expectation} ${this.where()}`);
        const ch = this.text[this.pos];
        return jsonError(`Unexpected character ('${ch}' (code ${ch.charCodeAt(0)})): ${expectation} ${this.where()}`);
    }

    /** A run of letters that is not true/false/null (Jackson reads the whole token before complaining). */
    private badToken(): ApexPrimitiveError {
        const m = /^[A-Za-z0-9_$]+/.exec(this.text.slice(this.pos));
        if (!m) return this.unexpected(VALUE_EXPECTED);
        const token = m[0];
        if (token === 'NaN' || token === 'Infinity') {
            return jsonError(
                `Non-standard token '${token}': enable JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS to allow ${this.where()}`
            );
        }
        this.pos += token.length - 1;
        return jsonError(`Unrecognized token '${token}': was expecting ('true', 'false' or 'null') ${this.where()}`);
    }

    value(depth: number): JsonNode {
        if (depth > MAX_DEPTH) throw jsonError('Maximum JSON nesting depth exceeded');
        this.skipSpace();
        const ch = this.text[this.pos];
        if (ch === '{') return this.object(depth);
        if (ch === '[') return this.array(depth);
        if (ch === '"') return { type: 'string', value: this.string() };
        if (ch === '-' || (ch >= '0' && ch <= '9')) return { type: 'number', text: this.number() };
        for (const [word, node] of [
            ['true', { type: 'boolean', value: true }],
            ['false', { type: 'boolean', value: false }],
            ['null', jsonNull]
        ] as Array<[string, JsonNode]>) {
            if (this.text.startsWith(word, this.pos) && !/[A-Za-z0-9_]/.test(this.text[this.pos + word.length] ?? '')) {
                this.pos += word.length;
                return node;
            }
        }
        if (/[A-Za-z]/.test(ch ?? '')) throw this.badToken();
        throw this.unexpected(VALUE_EXPECTED);
    }

    private object(depth: number): JsonNode {
        this.pos++;
        const entries: Array<[string, JsonNode]> = [];
        this.skipSpace();
        if (this.text[this.pos] === '}') {
            this.pos++;
            return { type: 'object', entries };
        }
        for (;;) {
            this.skipSpace();
            if (this.text[this.pos] !== '"') throw this.unexpected('was expecting double-quote to start field name');
            const key = this.string();
            this.skipSpace();
            if (this.text[this.pos] !== ':')
                throw this.unexpected('was expecting a colon to separate field name and value');
            this.pos++;
            entries.push([key, this.value(depth + 1)]);
            this.skipSpace();
            const ch = this.text[this.pos];
            if (ch === ',') {
                this.pos++;
                continue;
            }
            if (ch === '}') {
                this.pos++;
                return { type: 'object', entries };
            }
            throw this.unexpected('was expecting comma to separate Object entries');
        }
    }

    private array(depth: number): JsonNode {
        this.pos++;
        const items: JsonNode[] = [];
        this.skipSpace();
        if (this.text[this.pos] === ']') {
            this.pos++;
            return { type: 'array', items };
        }
        for (;;) {
            items.push(this.value(depth + 1));
            this.skipSpace();
            const ch = this.text[this.pos];
            if (ch === ',') {
                this.pos++;
                continue;
            }
            if (ch === ']') {
                this.pos++;
                return { type: 'array', items };
            }
            throw this.unexpected('was expecting comma to separate Array entries');
        }
    }

    private string(): string {
        this.pos++;
        let out = '';
        for (;;) {
            if (this.atEnd())
                throw jsonError(
                    `Unexpected end-of-input: was expecting closing quote for a string value ${this.where()}`
                );
            const ch = this.text[this.pos];
            const c = ch.charCodeAt(0);
            if (ch === '"') {
                this.pos++;
                return out;
            }
            if (c < 0x20) {
                throw jsonError(
                    `Illegal unquoted character ((CTRL-CHAR, code ${c})): has to be escaped using backslash to be included in string value ${this.where()}`
                );
            }
            if (ch !== '\\') {
                out += ch;
                this.pos++;
                continue;
            }
            const esc = this.text[this.pos + 1];
            const simple: Record<string, string> = {
                '"': '"',
                '\\': '\\',
                '/': '/',
                b: '\b',
                f: '\f',
                n: '\n',
                r: '\r',
                t: '\t'
            };
            if (esc !== undefined && simple[esc] !== undefined) {
                out += simple[esc];
                this.pos += 2;
            } else if (esc === 'u' && /^[0-9a-fA-F]{4}$/.test(this.text.slice(this.pos + 2, this.pos + 6))) {
                out += String.fromCharCode(parseInt(this.text.slice(this.pos + 2, this.pos + 6), 16));
                this.pos += 6;
            } else {
                this.pos++;
                const bad = this.text[this.pos] ?? '';
                if (bad === '') throw jsonError(`Unexpected end-of-input in character escape sequence ${this.where()}`);
                throw jsonError(`Unrecognized character escape '${bad}' (code ${bad.charCodeAt(0)}) ${this.where()}`);
            }
        }
    }

    private number(): string {
        const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.pos));
        if (!m) throw this.unexpected('expected digit in numeric value');
        const after = this.text[this.pos + m[0].length];
        if (after !== undefined && /[0-9.eE]/.test(after)) {
            this.pos += m[0].length;
            if (m[1] === '0' && /[0-9]/.test(after))
                throw jsonError(`Invalid numeric value: Leading zeroes not allowed ${this.where()}`);
            throw this.unexpected('Expected space separating root-level values');
        }
        this.pos += m[0].length;
        return m[0];
    }
}
