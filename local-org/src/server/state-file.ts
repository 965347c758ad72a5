/**
 * The demo org saved to a file (`local-org serve --state-file`), so a run survives a restart of the server.
 *
 * What is saved: every record of the store (deleted ones included, with their Ids, audit fields and derived values)
 * and the store's Id and Auto Number counters, so no Id is handed out twice after a restart. What is not: the
 * in-memory work of the async queue (a batch's instance and chunks, queued queueables, undelivered platform events),
 * which are interpreter objects. On load, AsyncApexJob rows that were still Queued, Holding, Preparing or Processing
 * are therefore marked Failed with an ExtendedStatus that says why (serve.ts), and the start-up output says so.
 *
 * The file is written to a temporary file in the same folder and renamed over the old one, so a crash mid-write
 * leaves the previous file intact. Loading checks the format, the schema (objects and fields of the sources) and
 * the baseline records; any mismatch is a StateFileError with a one-line reason.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Catalog } from '../org/schema/catalog';
import type { SRecord, Store } from '../org/store';
import { ApexDate, ApexDatetime, ApexDecimal, ApexDouble, ApexId, ApexTime, type FieldValue } from '../org/values';

export const STATE_FORMAT = 'local-org-state/1';

/** A field value in JSON: JSON's own types as they are, the rest as a tagged array (never a plain array). */
type Encoded = null | boolean | number | string | [string, ...Array<string | number>];

interface StateJson {
    format: string;
    savedAt: string;
    /** Hash of the objects and fields the sources define: another schema cannot read these rows. */
    schema: string;
    counters: Array<[string, number]>;
    /** Object name → rows as [Id, {field: value}]. */
    tables: Record<string, Array<[string, Record<string, Encoded>]>>;
}

export interface LoadedState {
    rows: SRecord[];
    counters: Array<[string, number]>;
    savedAt: string;
}

/** The state file cannot be used; `reason` is one short phrase. */
export class StateFileError extends Error {
    override name = 'StateFileError';
    constructor(
        readonly file: string,
        readonly reason: string
    ) {
        super(`state file ${file} is not readable (${reason}); start with --reset to discard it`);
    }
}

export function encodeValue(v: FieldValue): Encoded {
    if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
    if (typeof v === 'number') return Number.isFinite(v) ? v : ['n', String(v)];
    if (typeof v === 'bigint') return ['L', v.toString()];
    if (v instanceof ApexId) return ['id', v.id18];
    if (v instanceof ApexDatetime) return ['dt', v.ms];
    if (v instanceof ApexDate) return ['d', v.year, v.month, v.day];
    if (v instanceof ApexTime) return ['t', v.msOfDay];
    if (v instanceof ApexDecimal) return ['dec', v.unscaled.toString(), v.scale];
    if (v instanceof ApexDouble) return ['dbl', String(v.value)];
    throw new Error(`a field value of an unknown kind cannot be saved: ${String(v)}`);
}

export function decodeValue(e: unknown): FieldValue {
    if (e === null || typeof e === 'boolean' || typeof e === 'string' || typeof e === 'number') return e;
    if (!Array.isArray(e) || typeof e[0] !== 'string') throw new Error(`unreadable value ${JSON.stringify(e)}`);
    const [tag, a, b, c] = e as [string, unknown, unknown, unknown];
    switch (tag) {
        case 'n':
            return Number(a);
        case 'L':
            return BigInt(String(a));
        case 'id':
            return ApexId.of(String(a));
        case 'dt':
            return new ApexDatetime(Number(a));
        case 'd':
            return ApexDate.newInstance(Number(a), Number(b), Number(c));
        case 't':
            return ApexTime.fromMs(Number(a));
        case 'dec':
            return new ApexDecimal(BigInt(String(a)), Number(b));
        case 'dbl':
            return new ApexDouble(Number(a));
        default:
            throw new Error(`unknown value tag "${tag}"`);
    }
}

/** Objects, fields and their types, hashed: rows saved under one schema are read only under the same one. */
export function schemaHash(catalog: Catalog): string {
    const h = createHash('sha256');
    for (const obj of [...catalog.allObjects()].sort((x, y) => (x.name < y.name ? -1 : 1))) {
        h.update(`${obj.name}:${obj.keyPrefix}\n`);
        for (const f of [...obj.fields.values()].map((x) => `${x.name}:${x.type}`).sort()) h.update(`${f}\n`);
    }
    return h.digest('hex').slice(0, 16);
}

/** The store as the text of a state file. */
export function serialiseStore(store: Store, now = new Date()): string {
    const { tables, counters } = store.dump();
    const out: StateJson = {
        format: STATE_FORMAT,
        savedAt: now.toISOString(),
        schema: schemaHash(store.catalog),
        counters,
        tables: {}
    };
    for (const [, rows] of tables) {
        if (!rows.length) continue;
        out.tables[rows[0].type] = rows.map((r) => {
            const fields: Record<string, Encoded> = {};
            for (const [k, v] of r.values) fields[k] = encodeValue(v);
            return [r.id, fields];
        });
    }
    return JSON.stringify(out);
}

/** Writes the text next to the file first, then renames it over the file (a rename within a folder is atomic). */
export function writeAtomically(file: string, text: string): void {
    mkdirSync(dirname(file), { recursive: true });
    const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
    writeFileSync(tmp, text);
    renameSync(tmp, file);
}

/**
 * Reads and checks a state file against the catalog of the loaded sources. Throws StateFileError (one-line reason)
 * for a missing, corrupt or incompatible file.
 */
export function readStateFile(file: string, catalog: Catalog): LoadedState {
    let text: string;
    try {
        text = readFileSync(file, 'utf8');
    } catch (e) {
        throw new StateFileError(file, (e as NodeJS.ErrnoException).code ?? 'cannot be read');
    }
    let json: StateJson;
    try {
        json = JSON.parse(text) as StateJson;
    } catch {
        throw new StateFileError(file, 'not JSON: truncated or corrupt');
    }
    if (typeof json !== 'object' || json === null || json.format !== STATE_FORMAT)
        throw new StateFileError(file, `not a ${STATE_FORMAT} file`);
    if (json.schema !== schemaHash(catalog))
        throw new StateFileError(file, 'saved with other objects or fields than the sources define now');
    if (!Array.isArray(json.counters) || typeof json.tables !== 'object' || json.tables === null)
        throw new StateFileError(file, 'counters or tables missing');
    const rows: SRecord[] = [];
    try {
        for (const [objectName, list] of Object.entries(json.tables)) {
            const obj = catalog.object(objectName);
            for (const [id, fields] of list) {
                const values = new Map<string, FieldValue>();
                for (const [k, e] of Object.entries(fields)) {
                    if (!obj.fields.has(k)) throw new Error(`${obj.name} has no field ${k}`);
                    values.set(k, decodeValue(e));
                }
                const parsed = ApexId.of(id);
                if (parsed.keyPrefix() !== obj.keyPrefix) throw new Error(`${id} is not a ${obj.name} Id`);
                rows.push({ type: obj.name, id: parsed.id18, values });
            }
        }
    } catch (e) {
        throw new StateFileError(file, e instanceof Error ? e.message : String(e));
    }
    const counters = json.counters.filter(
        (c): c is [string, number] => Array.isArray(c) && typeof c[0] === 'string' && Number.isSafeInteger(c[1])
    );
    if (counters.length !== json.counters.length) throw new StateFileError(file, 'a counter is not a whole number');
    return { rows, counters, savedAt: String(json.savedAt) };
}

/**
 * The rows of a freshly loaded org that must be in a saved one with the same Id and type (the baseline: profiles,
 * licenses, the admin, sites): the runtime remembers some of their Ids from the load.
 */
export function missingBaseline(fresh: Store, saved: LoadedState): string | null {
    const byId = new Map(saved.rows.map((r) => [r.id, r.type]));
    for (const [, rows] of fresh.dump().tables) {
        for (const r of rows) {
            if (byId.get(r.id) !== r.type) return `${r.type} ${r.id} of the baseline org is not in it`;
        }
    }
    return null;
}
