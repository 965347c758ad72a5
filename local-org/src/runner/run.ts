/**
 * Runs the selected tests class by class through the runtime contract. The runner never turns a runtime problem
 * into a pass: a thrown host error or a missing result becomes an EmulatorError row.
 */
import type { LoadedProject, RuntimeOptions, TestMethodResult } from '../api';
import type { SelectedClass } from './select';

function emulatorRow(className: string, methodName: string, detail: string): TestMethodResult {
    return {
        className,
        methodName,
        outcome: 'EmulatorError',
        message: detail,
        stackTrace: null,
        runTimeMs: 0
    };
}

function describe(err: unknown): string {
    if (err instanceof Error) {
        return `${err.name}: ${err.message}`;
    }
    return String(err);
}

export async function runSelected(
    project: LoadedProject,
    selected: SelectedClass[],
    options: RuntimeOptions
): Promise<TestMethodResult[]> {
    const results: TestMethodResult[] = [];
    for (const { info, methods } of selected) {
        if (methods.length === 0) {
            continue;
        }
        let classResults: TestMethodResult[];
        try {
            classResults = await project.runTestClass(info.name, methods, options);
        } catch (err) {
            // The runtime itself broke (not an Apex exception, which it reports as Fail): every method is a gap.
            for (const method of methods) {
                results.push(emulatorRow(info.name, method, `runtime threw while running the class: ${describe(err)}`));
            }
            continue;
        }
        for (const method of methods) {
            const found = classResults.find((r) => r.methodName.toLowerCase() === method.toLowerCase());
            results.push(found ?? emulatorRow(info.name, method, 'the runtime returned no result for this method'));
        }
    }
    return results;
}
