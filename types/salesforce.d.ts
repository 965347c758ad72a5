// Ambient module declarations for the platform's scoped imports. This is a script file on purpose:
// with a top-level import or export, the wildcard `declare module`s below would become augmentations (TS2307).
/// <reference types="@salesforce/lightning-types" />

declare namespace SfApex {
    /** An @AuraEnabled method: callable imperatively, and usable as a wire adapter when cacheable. */
    type Method<P = Record<string, unknown>, R = any> = ((params?: P) => Promise<R>) &
        import('lwc').WireAdapterConstructor<P & Record<string, unknown>, { data?: R; error?: any }>;
}

// `@salesforce/apex/Class.method` modules are generated from the Apex into apex.generated.d.ts (npm run apex:types),
// so there is deliberately no wildcard here: importing a method that does not exist fails the type-check.
declare module '@salesforce/apex' {
    export function refreshApex(wiredValue: unknown): Promise<void>;
}
declare module '@salesforce/label/*' {
    const label: string;
    export default label;
}
declare module '@salesforce/schema/*' {
    const field: { fieldApiName: string; objectApiName: string };
    export default field;
}
declare module '@salesforce/resourceUrl/*' {
    const url: string;
    export default url;
}
declare module '@salesforce/customPermission/*' {
    const hasPermission: boolean;
    export default hasPermission;
}
