/**
 * Platform texts of SOQL errors (QueryException messages). Sources and confidence: schema/SOURCES.md.
 */
import type { SoqlPos } from '../../frontend/soql';
import { SoqlError } from '../../frontend/soql';

export function noSuchObject(name: string, query: string, pos: SoqlPos | null): SoqlError {
    return new SoqlError(
        'semantic',
        `sObject type '${name}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`,
        query,
        pos
    );
}

export function noSuchColumn(field: string, object: string, query: string, pos: SoqlPos | null): SoqlError {
    return new SoqlError(
        'semantic',
        `No such column '${field}' on entity '${object}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
        query,
        pos
    );
}

export function noSuchRelationship(
    name: string,
    where: 'field path' | 'FROM part of query call',
    query: string,
    pos: SoqlPos | null
): SoqlError {
    return new SoqlError(
        'semantic',
        `Didn't understand relationship '${name}' in ${where}. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`,
        query,
        pos
    );
}

export function semantic(detail: string, query: string, pos: SoqlPos | null): SoqlError {
    return new SoqlError('semantic', detail, query, pos);
}

export function unsupported(what: string, query: string, pos: SoqlPos | null): SoqlError {
    return new SoqlError('unsupported', `${what} is not supported by the local org`, query, pos);
}

/**
 * The message a dynamic query's QueryException carries on the platform: the query line, a caret under the column,
 * "ERROR at Row:r:Column:c", then the detail (shape seen in API error bodies; the Apex text is unverified).
 */
export function platformMessage(e: SoqlError): string {
    if (!e.pos || e.pos.offset < 0) return e.detail;
    const lines = e.query.split('\n');
    const line = lines[e.pos.line - 1] ?? '';
    return `\n${line}\n${' '.repeat(Math.max(0, e.pos.col - 1))}^\nERROR at Row:${e.pos.line}:Column:${e.pos.col}\n${e.detail}`;
}
