/**
 * Starts the served org from a state file (state-file.ts) instead of building the demo org: the sources load as
 * usual (with the demo's sites, so the baseline matches), then the saved records and counters replace the store.
 *
 * Async work in flight when the file was saved is lost (its interpreter objects are not saved): each AsyncApexJob
 * still Holding, Queued, Preparing or Processing becomes Failed with an ExtendedStatus naming the cause, and the
 * start-up summary counts them, so the app shows a failed job instead of one that waits for ever.
 */
import type { LoadedProject, LoadResult, RuntimeOptions } from '../api';
import type { Store } from '../org/store';
import { ApexDatetime } from '../org/values';
import { DEMO_SITES, DemoOrgError, storeOf } from './demo-org';
import { missingBaseline, readStateFile, StateFileError } from './state-file';

const IN_FLIGHT = new Set(['Holding', 'Queued', 'Preparing', 'Processing']);

/** What ExtendedStatus says about a job the restart cut off. */
export const LOST_JOB_STATUS =
    'local-org: the server stopped while this job was in flight; its queued work was not saved';

type Loader = (sourceDirs: string[], options: RuntimeOptions) => LoadResult | Promise<LoadResult>;

export interface SavedOrg {
    project: LoadedProject;
    store: Store;
    summary: string[];
}

/** Marks jobs the restart cut off as Failed; returns how many. */
export function failJobsInFlight(store: Store, now = Date.now()): number {
    let n = 0;
    for (const job of [...store.rows('AsyncApexJob')]) {
        if (!IN_FLIGHT.has(String(job.values.get('status')))) continue;
        store.update(job.id, {
            Status: 'Failed',
            ExtendedStatus: LOST_JOB_STATUS,
            CompletedDate: new ApexDatetime(now)
        });
        n++;
    }
    return n;
}

/** Loads the sources and replaces the fresh org with the saved one. Throws StateFileError for a bad file. */
export async function loadSavedOrg(
    sourceDirs: string[],
    load: Loader,
    file: string,
    runtime: RuntimeOptions = {}
): Promise<SavedOrg> {
    const result = await load(sourceDirs, { ...runtime, sites: DEMO_SITES });
    if (result.diagnostics.length > 0 || !result.project)
        throw new DemoOrgError(`the sources do not load (${result.diagnostics.length} problems)`);
    const project = result.project;
    const store = await storeOf(project);
    const saved = readStateFile(file, store.catalog);
    const missing = missingBaseline(store, saved);
    if (missing) throw new StateFileError(file, `it belongs to another org: ${missing}`);
    store.load(saved.rows, saved.counters);
    const failed = failJobsInFlight(store);
    const users = [...store.rows('User')].filter((u) => u.values.get('contactid') != null).length;
    const summary = [`restored from ${file} (saved ${saved.savedAt}): ${users} external users`];
    if (failed)
        summary.push(`${failed} async job(s) in flight at the last save were marked Failed (their work is not saved)`);
    return { project, store, summary };
}
