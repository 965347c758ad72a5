/** The org core's public surface (see README.md for the module map). */
export { Catalog, makeField, parseFieldSpec } from './schema/catalog';
export { loadMetadata } from './schema/metadata';
export { SchemaError } from './schema/types';
export type { FieldDef, FieldType, ObjectDef, ChildRelationship } from './schema/types';
export { Store, indexKey, canonicalFields } from './store';
export type { SRecord, Snapshot, StoreOptions, ReadOptions } from './store';
export {
    validateRow,
    checkRequired,
    checkLengths,
    checkWritable,
    checkTypes,
    checkPicklists,
    checkReferences,
    checkUnique,
    checkInsertId,
    checkUpdateId
} from './validate';
export type { DmlError, WriteOp } from './validate';
export { SoqlEngine, SHUFFLE_UNORDERED_ENV, shuffleUnorderedByEnv } from './soql/engine';
export type { QueryResult, QueryRow, AggregateRow, ExecContext, BindResult } from './soql/exec';
export type { Plan } from './soql/plan';
export { platformMessage } from './soql/errors';
export { SoqlError, parseSoql } from '../frontend/soql';
export type { FieldValue } from './values';
