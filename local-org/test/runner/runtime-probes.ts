/** Shared by the tests that run probes through the real runtime: finds loadProject, or says why it cannot. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { LoadedProject, LoadResult } from '../../src/api';
import { runtimeLoadProject } from '../../src/runner/loader';

export const LOCAL_ORG_ROOT = join(__dirname, '..', '..');

/**
 * Why the runtime cannot be used yet, or null when it can. Only a runtime that does not exist yet is a reason to
 * skip: one that exists but fails to load must fail the tests, not hide behind a skip.
 */
export function runtimeMissing(): string | null {
    if (!existsSync(join(LOCAL_ORG_ROOT, 'src', 'runtime', 'index.ts'))) {
        return 'local-org/src/runtime/index.ts does not exist yet';
    }
    return null;
}

export async function loadFolder(folder: string): Promise<{ result: LoadResult; project: LoadedProject }> {
    const result = await runtimeLoadProject()([join(LOCAL_ORG_ROOT, folder)], {});
    if (result.diagnostics.length > 0 || !result.project) {
        const lines = result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.kind} ${d.message}`);
        throw new Error(`${folder} did not load:\n${lines.join('\n')}`);
    }
    return { result, project: result.project };
}
