/**
 * System.TimeZone and UserInfo.getTimeZone.
 * TimeZone class: https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_methods_system_timezone.htm
 */
import type { BuiltinMethod } from './builtin';
import type { ApexDatetime } from './primitives/datetime';
import { isKnownZone, zoneOffsetMs } from './primitives/zones';
import { register } from './registry';

/** A time zone value; `id` is an IANA name. */
export class ApexTimeZone {
    constructor(readonly id: string) {}
    toString(): string {
        return this.id;
    }
}

const METHODS: BuiltinMethod[] = [
    {
        name: 'getTimeZone',
        isStatic: true,
        params: ['String'],
        returns: 'System.TimeZone',
        // Like java.util.TimeZone.getTimeZone, an unknown Id gives GMT (unverified on the platform).
        impl: (_s, [id]) => new ApexTimeZone(typeof id === 'string' && isKnownZone(id) ? id : 'GMT')
    },
    { name: 'getID', isStatic: false, params: [], returns: 'String', impl: (self) => (self as ApexTimeZone).id },
    { name: 'toString', isStatic: false, params: [], returns: 'String', impl: (self) => (self as ApexTimeZone).id },
    {
        name: 'getOffset',
        isStatic: false,
        params: ['Datetime'],
        returns: 'Integer',
        impl: (self, [dt]) => zoneOffsetMs((dt as ApexDatetime).ms, (self as ApexTimeZone).id)
    }
];

export function registerTimeZone(): void {
    register('TimeZone', METHODS);
    register('UserInfo', [
        {
            name: 'getTimeZone',
            isStatic: true,
            params: [],
            returns: 'System.TimeZone',
            impl: (_s, _a, host) => new ApexTimeZone(host.timeZone())
        }
    ]);
}
