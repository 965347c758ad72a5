/**
 * User-mode DML (`insert as user`, `Database.insert(rows, allOrNone, AccessLevel.USER_MODE)`…): the row errors the
 * running user's object permissions, field-level security and record access cause. Refused rows never reach the
 * save (nor its triggers): the check comes first, as the user's access is known before anything is saved.
 *
 * - "If the user running this Apex code doesn't have write access to the Account object, the Database.insert()
 *   method returns an error" (AccessLevel class,
 *   https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_class_System_AccessLevel.htm).
 * - Database.Error.getFields() names the fields that violated FLS
 *   (https://developer.salesforce.com/docs/atlas.en-us.secure_coding_guide.meta/secure_coding_guide/secure_coding_access_control_protect_from_crud_fls_vulnerabilities.htm).
 * - Status codes and texts below are the API's (INVALID_FIELD_FOR_INSERT_UPDATE "Unable to create/update fields…",
 *   INSUFFICIENT_ACCESS_OR_READONLY); that user-mode Apex DML reports exactly these is unverified (LEDGER UM-05).
 */
import type { Store } from '../org/store';
import type { DmlOperation, InjectedError } from '../faults/faults';
import { EmulatorError } from '../runtime/context';
import { SObjectValue } from '../runtime/sobject';
import { ApexId } from '../stdlib/primitives/id';
import { type UserAccess, canField, canObject, writeSharing } from './user-access';

type RowOp = 'insert' | 'update' | 'delete' | 'undelete';

const OBJECT_ACCESS = { insert: 'create', update: 'edit', delete: 'delete', undelete: 'delete' } as const;

function error(statusCode: string, message: string, fields: string[]): InjectedError {
    return { statusCode, message, fields, fault: 'user mode' };
}

/** The error user mode gives this row, or null when the user may write it. */
export function userModeRowError(
    store: Store,
    a: UserAccess,
    op: DmlOperation,
    row: SObjectValue
): InjectedError | null {
    const rowOp: RowOp = op === 'upsert' ? (row.id ? 'update' : 'insert') : op;
    const obj = row.obj;
    if (!canObject(a, obj, OBJECT_ACCESS[rowOp]))
        return error('INSUFFICIENT_ACCESS_OR_READONLY', 'insufficient access rights on object id', []);
    if (rowOp === 'insert' || rowOp === 'update') {
        const denied: string[] = [];
        for (const key of row.values.keys()) {
            if (key === 'id' || (rowOp === 'update' && row.loaded.has(key))) continue;
            const f = obj.fields.get(key);
            if (!f) continue; // unknown fields cannot be set in compiled code
            if (!canField(a, obj, f, rowOp === 'insert' ? 'create' : 'edit')) denied.push(f.name);
        }
        if (denied.length)
            return error(
                'INVALID_FIELD_FOR_INSERT_UPDATE',
                `Unable to create/update fields: ${denied.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
                denied
            );
    }
    const references: string[] = [];
    if (rowOp === 'insert' || rowOp === 'update') {
        for (const [key, value] of row.values) {
            if (key === 'id' || (rowOp === 'update' && row.loaded.has(key))) continue;
            if (obj.fields.get(key)?.type === 'reference' && value instanceof ApexId) references.push(value.id18);
        }
    }
    const sharing = writeSharing(store, a, obj, rowOp, row.id ? row.id.id18 : null, references);
    if (sharing === 'denied')
        return error('INSUFFICIENT_ACCESS_OR_READONLY', 'insufficient access rights on object id', []);
    if (sharing !== 'ok') throw new EmulatorError(`${rowOp} as user: ${sharing.gap} (LEDGER UM-09)`);
    return null;
}

/** The user-mode error of each row (null where the row may be written), in row order; null when every row passes. */
export function rowErrors(
    store: Store,
    a: UserAccess,
    op: DmlOperation,
    rows: readonly unknown[]
): Array<InjectedError | null> | null {
    const errors = rows.map((r) => (r instanceof SObjectValue ? userModeRowError(store, a, op, r) : null));
    return errors.some((e) => e !== null) ? errors : null;
}
