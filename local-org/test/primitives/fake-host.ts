import type { BuiltinHost } from '../../src/stdlib/builtin';

/** A minimal BuiltinHost for unit tests: lists are plain arrays tagged with their element type. */
export class FakeList {
    constructor(
        readonly elementType: string,
        readonly items: unknown[]
    ) {}
}

export const fakeHost: BuiltinHost = {
    newList: (elementType, items) => new FakeList(elementType, items),
    items: (c) => {
        if (c instanceof FakeList) return c.items;
        if (Array.isArray(c)) return c;
        throw new Error('not a collection');
    },
    stringOf: (v) => (v === null || v === undefined ? 'null' : String(v)),
    timeZone: () => 'America/Los_Angeles',
    nowMs: () => Date.UTC(2024, 0, 5, 18, 0, 0)
};
