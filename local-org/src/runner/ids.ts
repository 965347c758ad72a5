/**
 * Record Ids for the report. The local org has no real ApexTestResult/AsyncApexJob rows, but the JSON and JUnit
 * shapes carry their Ids, so we mint well-formed ones: key prefix + 12-character base-62 counter + the 3-character
 * case-safe suffix (so every Id reads as a valid 18-character Salesforce Id).
 */

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SUFFIX_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/** Key prefixes of the objects whose Ids the test report mentions. */
export const KEY_PREFIX = {
    apexTestResult: '07M',
    apexTestQueueItem: '709',
    asyncApexJob: '707',
    apexClass: '01p',
    apexTrigger: '01q',
    organization: '00D',
    user: '005'
} as const;

/** The 3-character suffix that turns a 15-character Id into its 18-character form. */
export function idSuffix(id15: string): string {
    if (id15.length !== 15) {
        throw new Error(`idSuffix needs 15 characters, got ${id15.length}: ${id15}`);
    }
    let suffix = '';
    for (let chunk = 0; chunk < 3; chunk++) {
        let flags = 0;
        for (let i = 0; i < 5; i++) {
            const c = id15[chunk * 5 + i];
            if (c >= 'A' && c <= 'Z') {
                flags |= 1 << i;
            }
        }
        suffix += SUFFIX_CHARS[flags];
    }
    return suffix;
}

function base62(n: number, width: number): string {
    let out = '';
    let rest = Math.floor(n);
    while (rest > 0) {
        out = BASE62[rest % 62] + out;
        rest = Math.floor(rest / 62);
    }
    return out.padStart(width, '0');
}

/** An 18-character Id with the given prefix; `serial` distinguishes Ids within one prefix. */
export function makeId(prefix: string, serial: number): string {
    const id15 = prefix + base62(serial, 12);
    return id15 + idSuffix(id15);
}

/** Mints Ids for one run: a run serial (from the clock) keeps Ids of different runs apart. */
export class IdMinter {
    private next = 1;

    constructor(private readonly runSerial: number) {}

    /** Run-scoped Id: the same run serial, a fresh counter. */
    mint(prefix: string): string {
        return makeId(prefix, this.runSerial * 10000 + this.next++);
    }

    /** The test run Id: `sf` shows it in its 15-character form (e.g. 707DE00002gPShP). */
    testRunId(): string {
        return makeId(KEY_PREFIX.asyncApexJob, this.runSerial * 10000).slice(0, 15);
    }

    /** The AsyncApexJob Id of the run, 18 characters, as in each test row. */
    asyncApexJobId(): string {
        return makeId(KEY_PREFIX.asyncApexJob, this.runSerial * 10000);
    }
}

/** A stable Id for an Apex class name, so the same class keeps its Id across runs. */
export function apexClassId(className: string): string {
    let hash = 0;
    for (const ch of className.toLowerCase()) {
        hash = (Math.imul(hash, 31) + ch.charCodeAt(0)) >>> 0;
    }
    return makeId(KEY_PREFIX.apexClass, hash);
}
