/**
 * Public API of the Apex primitive values and pure stdlib functions (see README.md in this folder).
 */
import type { BuiltinMethod } from '../builtin';
import { MATH_STATIC_METHODS } from './math';
import { STRING_INSTANCE_METHODS, STRING_STATIC_METHODS } from './strings';
import {
    BOOLEAN_METHODS,
    DATE_METHODS,
    DATETIME_METHODS,
    DECIMAL_METHODS,
    DOUBLE_METHODS,
    ID_METHODS,
    INTEGER_METHODS,
    LONG_METHODS,
    MATCHER_METHODS,
    PATTERN_METHODS,
    TIME_METHODS
} from './tables';

export * from './numbers';
export * from './decimal';
export * from './id';
export * from './datetime';
export * from './regex';
export * from './json-text';
export { MATH_FIELDS, MATH_STATIC_METHODS, javaRound } from './math';
export {
    STRING_INSTANCE_METHODS,
    STRING_STATIC_METHODS,
    equalsIgnoreCase,
    isJavaWhitespace,
    javaCompare,
    javaStringHash,
    javaTrim,
    messageFormat,
    substring
} from './strings';
export { MS_PER_DAY, daysFromCivil, civilFromDays, zoneOffsetMs, wallTimeOf, instantOf, isKnownZone } from './zones';
export {
    BOOLEAN_METHODS,
    DATE_METHODS,
    DATETIME_METHODS,
    DECIMAL_METHODS,
    DOUBLE_METHODS,
    ID_METHODS,
    INTEGER_METHODS,
    LONG_METHODS,
    MATCHER_METHODS,
    PATTERN_METHODS,
    TIME_METHODS
};

/**
 * Every System type this folder implements, with all of its methods (static and instance), ready for the
 * registry: `for (const [name, methods] of PRIMITIVE_TYPES) register(name, methods)`.
 */
export const PRIMITIVE_TYPES: ReadonlyArray<readonly [string, BuiltinMethod[]]> = [
    ['String', [...STRING_INSTANCE_METHODS, ...STRING_STATIC_METHODS]],
    ['Boolean', BOOLEAN_METHODS],
    ['Integer', INTEGER_METHODS],
    ['Long', LONG_METHODS],
    ['Double', DOUBLE_METHODS],
    ['Decimal', DECIMAL_METHODS],
    ['Id', ID_METHODS],
    ['Date', DATE_METHODS],
    ['Datetime', DATETIME_METHODS],
    ['Time', TIME_METHODS],
    ['Math', MATH_STATIC_METHODS],
    ['Pattern', PATTERN_METHODS],
    ['Matcher', MATCHER_METHODS]
];

export { jsonToPrimitive, primitiveToJson, untypedNumber } from './json-values';
