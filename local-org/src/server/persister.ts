/**
 * Saves the served org to its state file after changes, debounced: a save waits until `debounceMs` pass without a
 * change, but never more than `maxWaitMs` after the first unsaved change (a long batch run keeps changing the org).
 * The store is serialised inside the server's queue, between two transactions; the file is written atomically.
 */
import type { Store } from '../org/store';
import { serialiseStore, writeAtomically } from './state-file';

export interface PersisterOptions {
    file: string;
    /** The store of the org being served (it changes on a reset). */
    store: () => Store;
    /** The server's queue: fn runs while no transaction or async step does. */
    exclusive: <T>(fn: () => Promise<T> | T) => Promise<T>;
    debounceMs?: number;
    maxWaitMs?: number;
    /** A failed save (disk full, folder gone): reported, and tried again on the next change. */
    onError: (message: string) => void;
}

export class Persister {
    private timer: NodeJS.Timeout | null = null;
    private firstChange = 0;
    private saving: Promise<void> = Promise.resolve();
    private closed = false;
    saves = 0;

    constructor(private readonly options: PersisterOptions) {}

    /** Notes a change: a save follows after the quiet period (or at the latest after maxWaitMs). */
    changed(): void {
        if (this.closed) return;
        const now = Date.now();
        const debounce = this.options.debounceMs ?? 1000;
        const maxWait = this.options.maxWaitMs ?? 10_000;
        if (this.timer === null) this.firstChange = now;
        else clearTimeout(this.timer);
        const delay = Math.max(0, Math.min(debounce, this.firstChange + maxWait - now));
        this.timer = setTimeout(() => void this.flush(), delay);
        this.timer.unref();
    }

    /** Saves now (pending or not); resolves when the file is written. */
    flush(): Promise<void> {
        if (this.timer !== null) clearTimeout(this.timer);
        this.timer = null;
        this.saving = this.saving.then(() =>
            this.options
                .exclusive(() => serialiseStore(this.options.store()))
                .then((text) => {
                    writeAtomically(this.options.file, text);
                    this.saves++;
                })
                .catch((e: unknown) => {
                    this.options.onError(
                        `cannot save ${this.options.file}: ${e instanceof Error ? e.message : String(e)}`
                    );
                })
        );
        return this.saving;
    }

    /** Writes what is pending and stops saving. */
    async close(): Promise<void> {
        const pending = this.timer !== null;
        this.closed = true;
        if (pending) await this.flush();
        else await this.saving;
    }
}
