/**
 * Apex Id: a 15-character case-sensitive record id, always held and printed in its 18-character form.
 *
 * Sources (see SOURCES.md):
 * - Primitive data types ("If you set ID to a 15-character value, Apex converts the value to its 18-character
 *   representation. All invalid ID values are rejected with a runtime exception."):
 *   https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/langCon_apex_primitives.htm
 * - Id class (to15, getSObjectType, valueOf):
 *   https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_methods_system_id.htm
 * - Checksum: for each 5-character chunk set bit i when character i is A–Z, then index 'A'..'Z','0'..'5'
 *   (checked against the documented example 00300000003T2PG → 00300000003T2PGAA0, offline-org.md §3.2).
 * - Id → String always yields 18 characters (aer-dist issue #161, observed in an org).
 */
import { ApexPrimitiveError } from '../builtin';

const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const ID_CHARS = /^[a-zA-Z0-9]+$/;

/** The three checksum characters of a 15-character id. */
export function checksumOf(id15: string): string {
    let out = '';
    for (let chunk = 0; chunk < 3; chunk++) {
        let bits = 0;
        for (let i = 0; i < 5; i++) {
            const c = id15[chunk * 5 + i];
            if (c >= 'A' && c <= 'Z') bits |= 1 << i;
        }
        out += SUFFIX_ALPHABET[bits];
    }
    return out;
}

function invalid(text: string): ApexPrimitiveError {
    return new ApexPrimitiveError('System.StringException', `Invalid id: ${text}`);
}

export class ApexId {
    private constructor(readonly id18: string) {}

    /**
     * String → Id. 15 characters get their checksum appended; 18 must carry exactly the matching checksum
     * (strict on purpose: whether the org tolerates a wrong or lower-case suffix is unverified).
     */
    static of(text: string): ApexId {
        if ((text.length !== 15 && text.length !== 18) || !ID_CHARS.test(text)) throw invalid(text);
        const base = text.slice(0, 15);
        const sum = checksumOf(base);
        if (text.length === 18 && text.slice(15) !== sum) throw invalid(text);
        return new ApexId(base + sum);
    }

    /** Like `of`, but null for text that is not an id (Id.valueOf-style checks without exceptions). */
    static tryOf(text: string): ApexId | null {
        try {
            return ApexId.of(text);
        } catch {
            return null;
        }
    }

    /** 18 characters, the form every Id → String conversion yields. */
    toString(): string {
        return this.id18;
    }

    to15(): string {
        return this.id18.slice(0, 15);
    }

    keyPrefix(): string {
        return this.id18.slice(0, 3);
    }

    /** Ids are equal when their 18-character forms are (15 vs 18 spelling does not matter). */
    equals(o: ApexId): boolean {
        return this.id18 === o.id18;
    }

    /** Java String.hashCode of the 18-character form, for Set<Id> / Map<Id, …> buckets. */
    hashCode(): number {
        let h = 0;
        for (let i = 0; i < this.id18.length; i++) h = (Math.imul(31, h) + this.id18.charCodeAt(i)) | 0;
        return h;
    }

    /** Id.getSObjectType(): the registered type of the key prefix, or null when none is known. */
    sobjectType(): string | null {
        return sobjectTypeOfPrefix(this.keyPrefix());
    }
}

const prefixToType = new Map<string, string>();

/** Registers a key prefix (e.g. '001' → 'Account'); the schema loader calls this for every object it knows. */
export function registerKeyPrefix(prefix: string, sobjectType: string): void {
    if (prefix.length !== 3 || !ID_CHARS.test(prefix)) throw new Error(`Bad key prefix: ${prefix}`);
    const existing = prefixToType.get(prefix);
    if (existing !== undefined && existing.toLowerCase() !== sobjectType.toLowerCase()) {
        throw new Error(`Key prefix ${prefix} already belongs to ${existing}, not ${sobjectType}`);
    }
    prefixToType.set(prefix, sobjectType);
}

export function sobjectTypeOfPrefix(prefix: string): string | null {
    return prefixToType.get(prefix) ?? null;
}

/** For tests: forget every registered prefix. */
export function clearKeyPrefixes(): void {
    prefixToType.clear();
}

/**
 * A new valid Id: key prefix + '0000' (pod-like, as '001' ids from one instance look) + the counter in base 62
 * over 8 characters + checksum. Counters are unique per prefix, so ids are unique.
 */
export function newId(prefix: string, counter: number): ApexId {
    if (prefix.length !== 3 || !ID_CHARS.test(prefix)) throw new Error(`Bad key prefix: ${prefix}`);
    if (!Number.isSafeInteger(counter) || counter < 0 || counter >= 62 ** 8)
        throw new Error(`Bad id counter: ${counter}`);
    let digits = '';
    let n = counter;
    for (let i = 0; i < 8; i++) {
        digits = BASE62[n % 62] + digits;
        n = Math.floor(n / 62);
    }
    return ApexId.of(prefix + '0000' + digits);
}
