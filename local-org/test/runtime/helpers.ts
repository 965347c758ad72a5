/** Test helpers: write Apex sources to a temporary folder and load them, or run anonymous Apex. */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExecResult, LoadResult, LoadedProject, RuntimeOptions } from '../../src/api';
import { loadProject } from '../../src/runtime/index';

export async function load(files: Record<string, string>, options?: RuntimeOptions): Promise<LoadResult> {
    const dir = mkdtempSync(join(tmpdir(), 'local-org-test-'));
    mkdirSync(join(dir, 'classes'));
    for (const [name, src] of Object.entries(files)) writeFileSync(join(dir, 'classes', name), src);
    return loadProject([dir], options);
}

export async function project(files: Record<string, string>, options?: RuntimeOptions): Promise<LoadedProject> {
    const r = await load(files, options);
    if (!r.project)
        throw new Error('load failed: ' + r.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`).join('; '));
    return r.project;
}

/** Runs anonymous Apex against an (optionally) loaded project. */
export async function exec(
    source: string,
    files: Record<string, string> = {},
    options?: RuntimeOptions
): Promise<ExecResult> {
    const p = await project(files, options);
    return p.executeAnonymous(source, 'anon.apex', options);
}

/** Runs anonymous Apex and fails with its message unless it succeeded; returns the debug messages only. */
export async function run(source: string, files: Record<string, string> = {}): Promise<string[]> {
    const r = await exec(source, files);
    if (!r.success) throw new Error(`${r.message}\n${r.stackTrace}`);
    return r.debugLines.map((l) => l.replace(/^USER_DEBUG \[\d+\]\|\w+\|/, ''));
}
