/**
 * --output-dir: the files `sf apex run test --output-dir` writes (plugin-apex TestReporter + apex-node
 * TestService.writeResultFiles): test-run-id.txt, test-result-<runId>.json (the JSON `result` object),
 * test-result-<runId>-junit.xml, and the chosen format's copy: test-result.txt for human, test-result.xml for junit.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ResultFormat } from './args';
import { formatHuman } from './human-reporter';
import { toJsonResult } from './json-reporter';
import { formatJunit } from './junit-reporter';
import type { RunReport } from './report';

export async function writeOutputDir(dir: string, report: RunReport, format: ResultFormat): Promise<string[]> {
    await mkdir(dir, { recursive: true });
    const runId = report.summary.testRunId;
    const files: Array<[string, string]> = [
        ['test-run-id.txt', runId],
        [`test-result-${runId}.json`, JSON.stringify(toJsonResult(report), null, 2) + '\n'],
        [`test-result-${runId}-junit.xml`, formatJunit(report)]
    ];
    if (format === 'human') {
        files.push(['test-result.txt', formatHuman(report)]);
    } else if (format === 'junit') {
        files.push(['test-result.xml', formatJunit(report)]);
    }
    const written: string[] = [];
    for (const [name, content] of files) {
        const path = join(dir, name);
        await writeFile(path, content, 'utf8');
        written.push(path);
    }
    return written;
}
