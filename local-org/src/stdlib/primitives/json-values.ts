/**
 * Primitive values ⇄ JsonNode, for the runtime's JSON.serialize / deserialize / deserializeUntyped.
 * Collections, SObjects and class instances stay with the runtime; it calls these for each primitive leaf.
 *
 * Sources (see SOURCES.md):
 * - JSON class: https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_class_System_Json.htm
 *   (deserializeUntyped returns primitives, List<Object> and Map<String, Object>).
 * - Jackson writes BigDecimal with toString() and double with Double.toString(), Apex Date/Datetime/Time as
 *   "2024-01-05", "2024-01-05T10:00:00.000Z", "10:00:00.000Z".
 * - Untyped numbers: integral values become Integer when they fit 32 bits, else Long, and anything with a
 *   fraction or exponent becomes Decimal (widely observed; verified in org: no).
 */
import { ApexDate, ApexDatetime, ApexTime } from './datetime';
import { ApexDecimal } from './decimal';
import { ApexId } from './id';
import type { JsonNode } from './json-text';
import { jsonNull } from './json-text';
import { ApexDouble, INT_MAX, INT_MIN, LONG_MAX, LONG_MIN, UnknownBehaviourError, javaDoubleToString } from './numbers';
import { ApexPrimitiveError } from '../builtin';

/** The JSON node of a primitive value, or undefined when the value is not a primitive. */
export function primitiveToJson(v: unknown): JsonNode | undefined {
    if (v === null || v === undefined) return jsonNull;
    if (typeof v === 'string') return { type: 'string', value: v };
    if (typeof v === 'boolean') return { type: 'boolean', value: v };
    if (typeof v === 'number' || typeof v === 'bigint') return { type: 'number', text: v.toString() };
    if (v instanceof ApexDecimal) return { type: 'number', text: v.toString() };
    if (v instanceof ApexDouble) {
        if (!Number.isFinite(v.value))
            throw new UnknownBehaviourError(`JSON of the Double ${javaDoubleToString(v.value)}`);
        return { type: 'number', text: javaDoubleToString(v.value) };
    }
    if (v instanceof ApexId) return { type: 'string', value: v.toString() };
    if (v instanceof ApexDate || v instanceof ApexDatetime) return { type: 'string', value: v.toJson() };
    if (v instanceof ApexTime) return { type: 'string', value: v.toString() };
    return undefined;
}

/** deserializeUntyped's value for a JSON number. */
export function untypedNumber(text: string): number | bigint | ApexDecimal {
    if (/^-?\d+$/.test(text)) {
        const big = BigInt(text);
        if (big >= BigInt(INT_MIN) && big <= BigInt(INT_MAX)) return Number(big);
        if (big >= LONG_MIN && big <= LONG_MAX) return big;
        return ApexDecimal.parse(text);
    }
    return ApexDecimal.parse(text);
}

function mismatch(node: JsonNode, type: string): Error {
    // The org's exact message for a type mismatch is not pinned.
    return new UnknownBehaviourError(`JSON ${node.type} read as ${type}`);
}

/** ISO-8601 instants as Jackson-based Apex accepts them: date, 'T', time, optional fraction, Z or ±hh:mm. */
function parseIsoDatetime(text: string): ApexDatetime | null {
    const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(text);
    if (!m) return null;
    const [y, mo, d, h, mi] = m.slice(1, 6).map(Number);
    const s = m[6] ? Number(m[6]) : 0;
    const ms = m[7] ? Number(m[7].padEnd(3, '0')) : 0;
    let offsetMin = 0;
    if (m[8] && m[8] !== 'Z') {
        const sign = m[8][0] === '-' ? -1 : 1;
        const digits = m[8].slice(1).replace(':', '');
        offsetMin = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
    }
    const utc = Date.UTC(y, mo - 1, d, h, mi, s, ms) - offsetMin * 60_000;
    const check = new Date(Date.UTC(y, mo - 1, d, h, mi, s, ms));
    if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return null;
    return new ApexDatetime(utc);
}

/**
 * A JSON node read as a primitive Apex type (JSON.deserialize into a typed field). Returns undefined for a
 * type name that is not a primitive, so the runtime can handle it.
 */
export function jsonToPrimitive(node: JsonNode, type: string): unknown {
    const t = type.toLowerCase();
    if (node.type === 'null') {
        return ['string', 'boolean', 'integer', 'long', 'double', 'decimal', 'id', 'date', 'datetime', 'time'].includes(
            t
        )
            ? null
            : undefined;
    }
    switch (t) {
        case 'string':
            if (node.type === 'string') return node.value;
            throw mismatch(node, type);
        case 'boolean':
            if (node.type === 'boolean') return node.value;
            throw mismatch(node, type);
        case 'integer': {
            if (node.type !== 'number' || !/^-?\d+$/.test(node.text)) throw mismatch(node, type);
            const v = BigInt(node.text);
            if (v < BigInt(INT_MIN) || v > BigInt(INT_MAX)) throw mismatch(node, type);
            return Number(v);
        }
        case 'long': {
            if (node.type !== 'number' || !/^-?\d+$/.test(node.text)) throw mismatch(node, type);
            const v = BigInt(node.text);
            if (v < LONG_MIN || v > LONG_MAX) throw mismatch(node, type);
            return v;
        }
        case 'double':
            if (node.type === 'number') return new ApexDouble(Number(node.text));
            throw mismatch(node, type);
        case 'decimal':
            if (node.type === 'number') return ApexDecimal.parse(node.text);
            throw mismatch(node, type);
        case 'id':
            if (node.type === 'string') return ApexId.of(node.value);
            throw mismatch(node, type);
        case 'date':
            if (node.type === 'string') {
                try {
                    return ApexDate.valueOf(node.value);
                } catch {
                    throw new ApexPrimitiveError(
                        'System.JSONException',
                        `Cannot deserialize instance of date from VALUE_STRING value ${node.value} or request may be missing a required field`
                    );
                }
            }
            throw mismatch(node, type);
        case 'datetime': {
            if (node.type !== 'string') throw mismatch(node, type);
            const dt = parseIsoDatetime(node.value);
            if (!dt) {
                throw new ApexPrimitiveError(
                    'System.JSONException',
                    `Cannot deserialize instance of datetime from VALUE_STRING value ${node.value} or request may be missing a required field`
                );
            }
            return dt;
        }
        case 'time': {
            if (node.type !== 'string') throw mismatch(node, type);
            const m = /^(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?Z?$/.exec(node.value);
            if (!m) throw mismatch(node, type);
            return ApexTime.newInstance(
                Number(m[1]),
                Number(m[2]),
                Number(m[3]),
                m[4] ? Number(m[4].padEnd(3, '0')) : 0
            );
        }
        default:
            return undefined;
    }
}
