/**
 * Which test methods a run covers, from --class-names / --tests. Apex names are case-insensitive, so matching is
 * too, but results always carry the names as declared. Unknown names are collected and reported together.
 */
import type { TestClassInfo } from '../api';

export interface SelectedClass {
    info: TestClassInfo;
    /** Methods to run, in source order, spelled as declared. */
    methods: string[];
}

export class SelectionError extends Error {
    override name = 'SelectionError';

    constructor(readonly unknownNames: string[]) {
        super(`unknown test ${unknownNames.length === 1 ? 'name' : 'names'}: ${unknownNames.join(', ')}`);
    }
}

function byName(classes: TestClassInfo[]): Map<string, TestClassInfo> {
    const map = new Map<string, TestClassInfo>();
    for (const info of classes) {
        map.set(info.name.toLowerCase(), info);
    }
    return map;
}

/**
 * Every test class when nothing is named; otherwise the named classes or methods.
 * Classes keep discovery order and methods keep source order whatever order the names came in, so a run is
 * reproducible. Throws SelectionError listing every name that matches nothing.
 */
export function selectTests(classes: TestClassInfo[], classNames: string[], tests: string[]): SelectedClass[] {
    if (classNames.length === 0 && tests.length === 0) {
        return classes.map((info) => ({ info, methods: [...info.methods] }));
    }
    const index = byName(classes);
    const unknown: string[] = [];
    const wanted = new Map<string, Set<string>>();
    const want = (info: TestClassInfo, methods: string[]): void => {
        const key = info.name.toLowerCase();
        const set = wanted.get(key) ?? new Set<string>();
        methods.forEach((m) => set.add(m.toLowerCase()));
        wanted.set(key, set);
    };
    for (const name of classNames) {
        const info = index.get(name.toLowerCase());
        if (info) {
            want(info, info.methods);
        } else {
            unknown.push(name);
        }
    }
    for (const name of tests) {
        const dot = name.lastIndexOf('.');
        const className = dot === -1 ? name : name.slice(0, dot);
        const methodName = dot === -1 ? null : name.slice(dot + 1);
        const info = index.get(className.toLowerCase());
        if (!info) {
            unknown.push(name);
            continue;
        }
        if (methodName === null) {
            want(info, info.methods);
            continue;
        }
        const method = info.methods.find((m) => m.toLowerCase() === methodName.toLowerCase());
        if (method) {
            want(info, [method]);
        } else {
            unknown.push(name);
        }
    }
    if (unknown.length > 0) {
        throw new SelectionError(unknown);
    }
    const selected: SelectedClass[] = [];
    for (const info of classes) {
        const methods = wanted.get(info.name.toLowerCase());
        if (methods) {
            selected.push({ info, methods: info.methods.filter((m) => methods.has(m.toLowerCase())) });
        }
    }
    return selected;
}
