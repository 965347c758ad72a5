/**
 * Loads seed records into a loaded project through Apex DML, so every row meets what Apex DML meets: triggers,
 * required fields and lengths, unique values, the platform rules of src/platform (license seats, portal users,
 * permission set licenses, site membership). The records are inserted by generated anonymous Apex
 * (`JSON.deserialize` into typed SObjects, then `Database.insert(rows, false)`), through the runtime contract only.
 *
 * Chunks follow `sf data import tree`, which sends the sObject Tree resource at most 200 records per request
 * (https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_sobject_tree.htm):
 * one object type per chunk, each chunk its own transaction (so setup and non-setup objects never share one, as the
 * mixed-DML rule requires), all-or-none: a chunk with a failed row is rolled back and the load stops with a
 * SeedLoadError naming the file and record reference of every failed row.
 */
import type { LoadedProject } from '../api';
import type { Catalog } from '../org/schema/catalog';
import type { ObjectDef } from '../org/schema/types';
import { catalog as activeCatalog } from '../runtime/sobject';
import { readPlan, SeedPlanError } from './plan';
import type { SeedRecord } from './plan';

/** Records per transaction: the sObject Tree limit that `sf data import tree` works within. */
export const SEED_CHUNK = 200;

/** A seed row the org refused, or a run of the generated Apex that did not complete. */
export class SeedLoadError extends Error {
    constructor(
        message: string,
        /** True when the local org itself could not run the load (an EmulatorError): exit 3, not 1. */
        readonly emulatorError = false
    ) {
        super(message);
        this.name = 'SeedLoadError';
    }
}

export interface SeedResult {
    /** referenceId → new record Id (18 characters). */
    ids: Map<string, string>;
    /** Records inserted per object, in first-insert order. */
    counts: Map<string, number>;
    /** Transactions run. */
    chunks: number;
}

/** Reads a plan file and inserts its records. Plan problems are SeedPlanError, refused rows SeedLoadError. */
export async function seedPlan(project: LoadedProject, planPath: string): Promise<SeedResult> {
    return insertSeedRecords(project, readPlan(planPath));
}

const IDENT = /^[A-Za-z][A-Za-z0-9_]*$/;

/** An Apex single-quoted literal of any text (JSON.stringify already escaped control characters). */
function apexString(text: string): string {
    return "'" + text.replace(/\\/g, '\\\\').replace(/'/g, "\\'") + "'";
}

/**
 * The catalog of the project's schema. The runtime points the process-wide schema at a project whenever it runs
 * Apex for it, so one harmless statement first makes sure it is this project's.
 */
async function projectCatalog(project: LoadedProject): Promise<Catalog> {
    const r = await project.executeAnonymous('Integer seedProbe = 0;', 'seed-plan');
    if (!r.success) throw new SeedLoadError(`the local org cannot run Apex for seeding: ${r.message}`, r.emulatorError);
    return activeCatalog();
}

/** Checks a record's object and fields against the schema, naming the record: unknown names never reach DML. */
function checkRecord(cat: Catalog, r: SeedRecord): ObjectDef {
    const obj = cat.findObject(r.sobject);
    if (!obj) throw new SeedPlanError(`${r.origin}: unknown object ${r.sobject}`);
    if (!IDENT.test(obj.name)) throw new SeedPlanError(`${r.origin}: object name ${r.sobject} is not an identifier`);
    for (const field of [...Object.keys(r.fields), ...Object.keys(r.refs)]) {
        const f = cat.findField(obj, field);
        if (!f) throw new SeedPlanError(`${r.origin}: unknown field ${obj.name}.${field}`);
        if (field in r.refs && f.type !== 'reference' && f.type !== 'id') {
            throw new SeedPlanError(
                `${r.origin}: ${obj.name}.${field} is not a lookup, but holds the reference @${r.refs[field]}`
            );
        }
    }
    return obj;
}

/** The lookup field a nested child fills from its parent (the child relationship of sf data export tree). */
function parentField(cat: Catalog, r: SeedRecord, parentType: string): string {
    const parent = cat.findObject(parentType);
    const rel = parent?.childRelationships.get(r.parent!.relationshipName.toLowerCase());
    if (!parent || !rel) {
        throw new SeedPlanError(`${r.origin}: ${parentType} has no child relationship ${r.parent!.relationshipName}`);
    }
    if (rel.childObject.toLowerCase() !== r.sobject.toLowerCase()) {
        throw new SeedPlanError(
            `${r.origin}: ${parentType}.${rel.name} holds ${rel.childObject} records, not ${r.sobject}`
        );
    }
    return rel.field;
}

interface Prepared {
    record: SeedRecord;
    object: string;
    /** Lookup field → referenceId to resolve when the chunk runs. */
    refs: Array<[string, string]>;
}

/**
 * Inserts records in order, resolving `@Ref` lookups and nested children to the Ids of earlier records (and of
 * `known`, records inserted before). The result's ids include `known`.
 */
export async function insertSeedRecords(
    project: LoadedProject,
    records: SeedRecord[],
    known: ReadonlyMap<string, string> = new Map()
): Promise<SeedResult> {
    const result: SeedResult = { ids: new Map(known), counts: new Map(), chunks: 0 };
    if (records.length === 0) return result;
    const cat = await projectCatalog(project);
    const types = new Map(records.map((r) => [r.referenceId, r.sobject]));
    const prepared: Prepared[] = records.map((record) => {
        const obj = checkRecord(cat, record);
        const refs = Object.entries(record.refs);
        if (record.parent) {
            refs.push([parentField(cat, record, types.get(record.parent.referenceId)!), record.parent.referenceId]);
        }
        return { record, object: obj.name, refs };
    });
    let chunk: Prepared[] = [];
    const inChunk = new Set<string>();
    const flush = async (): Promise<void> => {
        if (chunk.length) await runChunk(project, chunk, result);
        chunk = [];
        inChunk.clear();
    };
    for (const p of prepared) {
        const needsChunkRow = p.refs.some(([, ref]) => inChunk.has(ref));
        if (chunk.length && (chunk[0].object !== p.object || chunk.length >= SEED_CHUNK || needsChunkRow)) {
            await flush();
        }
        chunk.push(p);
        inChunk.add(p.record.referenceId);
    }
    await flush();
    return result;
}

const MARK = 'SEED|';

/** Results of one generated DML script: per row, its Id or its errors, in row order. */
function readResults(debugLines: string[]): Map<number, { id: string | null; errors: string[] }> {
    const out = new Map<number, { id: string | null; errors: string[] }>();
    for (const line of debugLines) {
        const at = line.indexOf(MARK);
        if (at < 0) continue;
        const [index, kind, ...rest] = line.slice(at + MARK.length).split('|');
        const row = out.get(Number(index)) ?? { id: null, errors: [] };
        if (kind === 'OK') row.id = rest[0];
        else {
            const [status, fields, ...message] = rest;
            row.errors.push(`${status}: ${message.join('|')}${fields ? ` [${fields}]` : ''}`);
        }
        out.set(Number(index), row);
    }
    return out;
}

/** Apex that runs `dml` (which leaves List<Database.SaveResult> results) and reports each row, all-or-none. */
function reportingApex(setup: string, dml: string): string {
    return [
        setup,
        'Savepoint sp = Database.setSavepoint();',
        dml,
        'Boolean failed = false;',
        'for (Integer i = 0; i < results.size(); i++) {',
        '    Database.SaveResult r = results[i];',
        '    if (r.isSuccess()) {',
        `        System.debug('${MARK}' + i + '|OK|' + r.getId());`,
        '    } else {',
        '        failed = true;',
        '        for (Database.Error e : r.getErrors()) {',
        `            System.debug('${MARK}' + i + '|ERR|' + e.getStatusCode() + '|' + String.join(e.getFields(), ',') + '|' + e.getMessage());`,
        '        }',
        '    }',
        '}',
        'if (failed) {',
        '    Database.rollback(sp);',
        '}'
    ].join('\n');
}

/**
 * Updates existing rows through Apex DML (`Database.update(rows, false)`), in all-or-none chunks like inserts:
 * for changes the platform accepts only on existing records (e.g. enabling a partner account).
 */
export async function updateSeedRows(
    project: LoadedProject,
    object: string,
    rows: Array<{ id: string; fields: Record<string, unknown> }>
): Promise<number> {
    if (!IDENT.test(object)) throw new SeedPlanError(`object name ${object} is not an identifier`);
    let chunks = 0;
    for (let start = 0; start < rows.length; start += SEED_CHUNK) {
        const chunk = rows.slice(start, start + SEED_CHUNK);
        const json = JSON.stringify(chunk.map((r) => ({ attributes: { type: object }, Id: r.id, ...r.fields })));
        const apex = reportingApex(
            `List<SObject> rows = (List<SObject>) JSON.deserialize(${apexString(json)}, List<${object}>.class);`,
            'List<Database.SaveResult> results = Database.update(rows, false);'
        );
        const out = await project.executeAnonymous(apex, `seed ${object} update ${++chunks}`);
        if (!out.success) {
            throw new SeedLoadError(
                `updating ${object} rows did not complete: ${out.message ?? 'no message'}`,
                out.emulatorError
            );
        }
        const errors = [...readResults(out.debugLines)]
            .filter(([, r]) => r.errors.length)
            .map(([i, r]) => `${object} ${chunk[i].id}: ${r.errors.join('; ')}`);
        if (errors.length)
            throw new SeedLoadError(`the org refused ${object} updates (chunk rolled back):\n  ${errors.join('\n  ')}`);
    }
    return chunks;
}

async function runChunk(project: LoadedProject, chunk: Prepared[], result: SeedResult): Promise<void> {
    const rows = chunk.map((p) => {
        const row: Record<string, unknown> = { attributes: { type: p.object } };
        for (const [field, value] of Object.entries(p.record.fields)) row[field] = value;
        for (const [field, ref] of p.refs) {
            const id = result.ids.get(ref);
            if (!id) throw new SeedPlanError(`${p.record.origin}: ${field} refers to @${ref}, which was not inserted`);
            row[field] = id;
        }
        return row;
    });
    const object = chunk[0].object;
    // Savepoint and rollback make the chunk all-or-none, as one sObject Tree request is.
    const apex = reportingApex(
        `List<SObject> rows = (List<SObject>) JSON.deserialize(${apexString(JSON.stringify(rows))}, List<${object}>.class);`,
        'List<Database.SaveResult> results = Database.insert(rows, false);'
    );
    const out = await project.executeAnonymous(apex, `seed ${object} chunk ${result.chunks + 1}`);
    result.chunks++;
    if (!out.success) {
        const first = chunk[0].record.origin;
        const last = chunk[chunk.length - 1].record.origin;
        throw new SeedLoadError(
            `seeding ${object} records ${first} .. ${last} did not complete: ${out.message ?? 'no message'}`,
            out.emulatorError
        );
    }
    const rowsBack = readResults(out.debugLines);
    const ids = new Map<number, string>();
    const errors: string[] = [];
    for (const [i, r] of rowsBack) {
        if (r.errors.length) errors.push(...r.errors.map((e) => `${chunk[i].record.origin}: ${e}`));
        else if (r.id) ids.set(i, r.id);
    }
    if (errors.length) {
        throw new SeedLoadError(`the org refused ${object} rows (chunk rolled back):\n  ${errors.join('\n  ')}`);
    }
    if (ids.size !== chunk.length) {
        throw new SeedLoadError(`seeding ${object}: ${chunk.length} rows sent, ${ids.size} results read back`, true);
    }
    chunk.forEach((p, i) => result.ids.set(p.record.referenceId, ids.get(i)!));
    result.counts.set(object, (result.counts.get(object) ?? 0) + chunk.length);
}
