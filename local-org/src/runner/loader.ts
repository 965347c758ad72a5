/**
 * How the CLI reaches the language runtime. The runtime is resolved when first needed (not imported statically)
 * so the runner and its tests stand on the contract in api.ts alone.
 */
import { join } from 'node:path';
import type { LoadResult, RuntimeOptions } from '../api';

export type LoadProject = (sourceDirs: string[], options: RuntimeOptions) => LoadResult | Promise<LoadResult>;

export function runtimeLoadProject(): LoadProject {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const runtime = require(join(__dirname, '..', 'runtime', 'index')) as { loadProject?: unknown };
    if (typeof runtime.loadProject !== 'function') {
        throw new Error('local-org/src/runtime/index.ts does not export loadProject(sourceDirs, options)');
    }
    return runtime.loadProject as LoadProject;
}
