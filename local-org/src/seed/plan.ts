/**
 * Reads data plans in the `sf data import tree --plan` format, so the same plan seeds a scratch org and the local
 * org. A plan is a JSON array of steps `{ sobject, saveRefs, resolveRefs, files }`; each file holds
 * `{ records: [{ attributes: { type, referenceId }, Field: value, Lookup__c: "@OtherRef" }] }`. Records may also nest
 * children under a child relationship name (`"Contacts": { "records": [...] }`), as `sf data export tree` writes
 * without --plan. (Salesforce CLI data commands: https://developer.salesforce.com/docs/platform/salesforce-cli-reference/guide/cli_reference_data_commands_unified.htm)
 *
 * This module only reads and checks: it resolves nothing against a schema and inserts nothing. The loader inserts
 * the records in order through DML, mapping each referenceId to the new Id, and resolves nested children's lookup
 * field from the schema's child relationship.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface SeedRecord {
    sobject: string;
    referenceId: string;
    /** Where it came from, for error messages: "data/Accounts.json record 3 (AcmeRef)". */
    origin: string;
    /** Literal field values. */
    fields: Record<string, unknown>;
    /** Lookup fields whose value is another record's referenceId ("@Ref" in the file). */
    refs: Record<string, string>;
    /** For nested records: the parent's referenceId and the child relationship name. */
    parent: { referenceId: string; relationshipName: string } | null;
}

/** A plan or data file that cannot be used; the message names the file and the record. */
export class SeedPlanError extends Error {
    constructor(message: string) {
        super(message);
        this.name = 'SeedPlanError';
    }
}

interface PlanStep {
    sobject: string;
    saveRefs: boolean;
    resolveRefs: boolean;
    files: string[];
}

function readJson(path: string, what: string): unknown {
    let text: string;
    try {
        text = readFileSync(path, 'utf8');
    } catch {
        throw new SeedPlanError(`${path}: cannot read the ${what}`);
    }
    try {
        return JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (error) {
        throw new SeedPlanError(`${path}: the ${what} is not valid JSON (${(error as Error).message})`);
    }
}

function parseSteps(plan: unknown, planPath: string): PlanStep[] {
    if (!Array.isArray(plan)) throw new SeedPlanError(`${planPath}: a plan is a JSON array of steps`);
    return plan.map((step, i) => {
        const where = `${planPath}: step ${i + 1}`;
        if (typeof step !== 'object' || step === null) throw new SeedPlanError(`${where} is not an object`);
        const s = step as Record<string, unknown>;
        if (typeof s.sobject !== 'string' || !s.sobject) throw new SeedPlanError(`${where} has no "sobject"`);
        if (!Array.isArray(s.files) || s.files.length === 0 || s.files.some((f) => typeof f !== 'string')) {
            throw new SeedPlanError(`${where} (${s.sobject}) needs a non-empty "files" list of file names`);
        }
        return {
            sobject: s.sobject,
            saveRefs: s.saveRefs === true,
            resolveRefs: s.resolveRefs === true,
            files: s.files as string[]
        };
    });
}

/** Reads a plan and its data files into records in insertion order, checking every reference. */
export function readPlan(planPath: string): SeedRecord[] {
    const steps = parseSteps(readJson(planPath, 'plan'), planPath);
    const saved = new Set<string>();
    const records: SeedRecord[] = [];
    for (const step of steps) {
        for (const file of step.files) {
            const path = join(dirname(planPath), file);
            const data = readJson(path, 'data file') as { records?: unknown };
            if (typeof data !== 'object' || data === null || !Array.isArray(data.records)) {
                throw new SeedPlanError(`${path}: expected an object with a "records" array`);
            }
            const seen = new Set<string>();
            const fileRecords = flatten(data.records, path, step.sobject, null, seen);
            for (const record of fileRecords) {
                for (const [field, ref] of Object.entries(record.refs)) {
                    if (!step.resolveRefs) {
                        throw new SeedPlanError(
                            `${record.origin}: ${field} refers to @${ref} but the plan step for ${step.sobject} has "resolveRefs": false`
                        );
                    }
                    if (!saved.has(ref) && !seen.has(ref)) {
                        throw new SeedPlanError(
                            `${record.origin}: ${field} refers to @${ref}, which no earlier step with "saveRefs": true defines`
                        );
                    }
                }
            }
            records.push(...fileRecords);
            if (step.saveRefs) seen.forEach((ref) => saved.add(ref));
        }
    }
    return records;
}

function flatten(
    list: unknown[],
    path: string,
    expectedType: string | null,
    parent: SeedRecord['parent'],
    seen: Set<string>
): SeedRecord[] {
    const out: SeedRecord[] = [];
    list.forEach((raw, i) => {
        const at = `${path} record ${i + 1}`;
        if (typeof raw !== 'object' || raw === null) throw new SeedPlanError(`${at} is not an object`);
        const { attributes, ...rest } = raw as Record<string, unknown>;
        const attrs = (attributes ?? {}) as { type?: unknown; referenceId?: unknown };
        if (typeof attrs.type !== 'string' || !attrs.type) throw new SeedPlanError(`${at} has no attributes.type`);
        if (typeof attrs.referenceId !== 'string' || !attrs.referenceId)
            throw new SeedPlanError(`${at} has no attributes.referenceId`);
        if (expectedType && attrs.type.toLowerCase() !== expectedType.toLowerCase()) {
            throw new SeedPlanError(`${at} (${attrs.referenceId}) is a ${attrs.type} in the ${expectedType} step`);
        }
        if (seen.has(attrs.referenceId))
            throw new SeedPlanError(`${at}: referenceId ${attrs.referenceId} is used twice`);
        seen.add(attrs.referenceId);
        const record: SeedRecord = {
            sobject: attrs.type,
            referenceId: attrs.referenceId,
            origin: `${at} (${attrs.referenceId})`,
            fields: {},
            refs: {},
            parent
        };
        const children: Array<[string, unknown[]]> = [];
        for (const [field, value] of Object.entries(rest)) {
            if (typeof value === 'string' && value.startsWith('@')) {
                record.refs[field] = value.slice(1);
            } else if (
                typeof value === 'object' &&
                value !== null &&
                Array.isArray((value as { records?: unknown }).records)
            ) {
                children.push([field, (value as { records: unknown[] }).records]);
            } else if (typeof value === 'object' && value !== null) {
                throw new SeedPlanError(
                    `${record.origin}: ${field} holds an object; only values, "@Ref" lookups and child { "records": [...] } are allowed`
                );
            } else {
                record.fields[field] = value;
            }
        }
        out.push(record);
        for (const [relationshipName, childList] of children) {
            out.push(
                ...flatten(
                    childList,
                    `${path} ${attrs.referenceId}.${relationshipName}`,
                    null,
                    { referenceId: attrs.referenceId, relationshipName },
                    seen
                )
            );
        }
    });
    return out;
}
