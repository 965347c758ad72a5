import type { RunView } from 'c/migrationTypes';

/** Helpers of the two confirm steps (migration and import): reading the run, the mode, the phrase and one start. */

/** What a confirm step holds for its Start button: the mode, the typed phrase and the one-start guard. */
export interface StartStep {
    runId: string | undefined;
    mode: string;
    typedPhrase: string;
    starting: boolean;
    error: unknown;
    readonly isDryRun: boolean;
    readonly cannotStart: boolean;
    dispatchEvent(event: Event): boolean;
}

/** The server call that starts a run (MigrationController.startRun, ImportController.startImport). */
export type StartCall = (params: { runId: string; dryRun: boolean; confirmation: string }) => Promise<void>;

/** The label above the phrase box. */
export function phraseLabel(phrase: string): string {
    return `Type ${phrase} to confirm`;
}

/** A dry run starts with the brand button; a real one with the destructive one. */
export function startVariant(isDryRun: boolean): string {
    return isDryRun ? 'brand' : 'destructive';
}

/** A new mode clears the phrase, so a real run always asks for it afresh. */
export function chooseMode(step: StartStep, mode: string): void {
    step.mode = mode;
    step.typedPhrase = '';
}

/** Starts the run once and says so with a runstarted event; an error re-enables Start. */
export async function startOnce(step: StartStep, start: StartCall): Promise<void> {
    // The flag is set before the first await, so a double click starts one run.
    if (step.cannotStart || !step.runId) {
        return;
    }
    step.starting = true;
    step.error = undefined;
    try {
        await start({ runId: step.runId, dryRun: step.isDryRun, confirmation: step.typedPhrase.trim() });
        step.dispatchEvent(new CustomEvent('runstarted', { detail: step.runId }));
    } catch (error) {
        step.error = error;
        step.starting = false;
    }
}

/** What a step shows while it reads its run once. */
export interface RunLoadView {
    run: RunView | null;
    loading: boolean;
    error: unknown;
}

/** Reads the run once; without a run Id there is nothing to read. */
export async function loadRun(
    view: RunLoadView,
    runId: string | undefined,
    fetch: (runId: string) => Promise<RunView>
): Promise<void> {
    if (!runId) {
        view.loading = false;
        return;
    }
    try {
        view.run = await fetch(runId);
    } catch (error) {
        view.error = error;
    } finally {
        view.loading = false;
    }
}
