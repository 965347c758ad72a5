/* eslint-disable @typescript-eslint/consistent-type-imports -- a script file: import() types are the only way to name module types without turning it into a module (whose declare module blocks would become augmentations, TS2664). */
// lightning/navigation is not in @salesforce/lightning-types 0.8.0; these are the members the app uses, as the LWC
// developer guide documents them ("Navigate to Pages, Records, and Lists": CurrentPageReference, NavigationMixin).
// A script file on purpose (no top-level import/export), like types/salesforce.d.ts.

declare module 'lightning/navigation' {
    /** A page reference: type, attributes, and state whose custom keys carry a namespace prefix (c__). */
    export interface PageReference {
        type: string;
        attributes?: Record<string, unknown>;
        state?: Record<string, string | undefined>;
    }

    export const CurrentPageReference: import('lwc').WireAdapterConstructor<Record<string, never>, PageReference>;

    interface NavigationHost {
        [key: symbol]: (pageReference: PageReference, replace?: boolean) => unknown;
    }

    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    type Constructor<T> = new (...args: any[]) => T;

    export const NavigationMixin: {
        <T extends Constructor<import('lwc').LightningElement>>(base: T): T & Constructor<NavigationHost>;
        readonly Navigate: symbol;
        readonly GenerateUrl: symbol;
    };
}
