import type { RunView } from 'c/migrationTypes';

/** A run as getRun returns it; tests override what they need. */
export function aRun(overrides: Partial<RunView> = {}): RunView {
    return {
        id: 'a01000000000001AAA',
        name: 'RUN-00001',
        status: 'Ready',
        kind: 'Migration',
        dryRun: false,
        selectionMode: 'Criteria',
        currentStage: 'Preflight',
        busy: false,
        stalled: false,
        targetProfileId: '00e000000000002AAA',
        targetLicenseName: 'Customer Community Plus',
        targetUserType: 'PowerCustomerSuccess',
        roleStrategy: 'Platform_Default',
        scopeSize: 200,
        totalItems: 10,
        readyCount: 6,
        warningCount: 2,
        blockedCount: 2,
        succeededCount: 0,
        failedCount: 0,
        skippedCount: 0,
        startedAt: null,
        completedAt: null,
        createdDate: '2026-11-20T10:00:00.000Z',
        createdByName: 'Ada Admin',
        statusMessage: null,
        rollbackOf: null,
        reasonCounts: [],
        reversible: false,
        irreversibleCount: 0,
        discarded: false,
        ...overrides
    };
}

/** Waits real time, for code that waits with setTimeout (the poller, the file reader). */
export function wait(ms: number): Promise<void> {
    // eslint-disable-next-line @lwc/lwc/no-async-operation -- tests wait on the component's real timers
    return new Promise((done) => setTimeout(done, ms));
}

/** Waits until `check` holds (polling every 5 ms, up to `timeoutMs`), so timer-driven tests survive a busy machine. */
export async function waitFor(check: () => boolean, timeoutMs = 3000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
        if (Date.now() > deadline) {
            throw new Error('The condition did not hold in time.');
        }
        // eslint-disable-next-line no-await-in-loop
        await wait(5);
    }
}
