/* eslint-disable @typescript-eslint/consistent-type-imports -- a script file: import() types are the only way to name module types without turning it into a module (whose declare module blocks would become augmentations, TS2664). */
// Stand-in declarations for MigrationController methods that the Apex does not have yet (helper E1 is writing it).
// A script file on purpose, like types/salesforce.d.ts. Delete this file as soon as types/apex.generated.d.ts with
// MigrationController is committed: tsc does NOT report the duplicate module declarations (skipLibCheck skips .d.ts
// files), so nothing flags the overlap by itself. The signatures mirror MigrationController.cls as it landed.

declare module '@salesforce/apex/MigrationController.countUsers' {
    const method: SfApex.Method<{ criteriaJson: string }, number>;
    export default method;
}

declare module '@salesforce/apex/MigrationController.previewUsers' {
    const method: SfApex.Method<
        { criteriaJson: string; afterId: string; pageSize: number },
        import('c/migrationTypes').Page<import('c/migrationTypes').UserRow>
    >;
    export default method;
}

declare module '@salesforce/apex/MigrationController.resolveUserList' {
    const method: SfApex.Method<{ text: string }, import('c/migrationTypes').ListResolution>;
    export default method;
}

declare module '@salesforce/apex/MigrationController.getLicenseTargets' {
    const method: SfApex.Method<Record<string, never>, import('c/migrationTypes').LicenseTarget[]>;
    export default method;
}

declare module '@salesforce/apex/MigrationController.createRun' {
    const method: SfApex.Method<{ requestJson: string }, string>;
    export default method;
}

declare module '@salesforce/apex/MigrationController.getRun' {
    const method: SfApex.Method<{ runId: string }, import('c/migrationTypes').RunView>;
    export default method;
}

declare module '@salesforce/apex/MigrationController.listRuns' {
    const method: SfApex.Method<{ limitRows: number }, import('c/migrationTypes').RunView[]>;
    export default method;
}

declare module '@salesforce/apex/MigrationController.getItems' {
    const method: SfApex.Method<
        { runId: string; filterJson: string; afterId: string; pageSize: number },
        import('c/migrationTypes').Page<import('c/migrationTypes').RunItem>
    >;
    export default method;
}

declare module '@salesforce/apex/MigrationController.exportCsv' {
    const method: SfApex.Method<{ runId: string; kind: string; afterId: string }, import('c/migrationTypes').CsvPage>;
    export default method;
}

declare module '@salesforce/apex/MigrationController.getPermissionInventory' {
    const method: SfApex.Method<{ runId: string }, import('c/migrationTypes').PermissionInventoryRow[]>;
    export default method;
}

declare module '@salesforce/apex/MigrationController.saveMapping' {
    const method: SfApex.Method<{ runId: string; mappingJson: string }, void>;
    export default method;
}

declare module '@salesforce/apex/MigrationController.runPreflight' {
    const method: SfApex.Method<{ runId: string }, void>;
    export default method;
}

declare module '@salesforce/apex/MigrationController.startRun' {
    const method: SfApex.Method<{ runId: string; dryRun: boolean; confirmation: string }, void>;
    export default method;
}

declare module '@salesforce/apex/MigrationController.abortRun' {
    const method: SfApex.Method<{ runId: string }, void>;
    export default method;
}

declare module '@salesforce/apex/MigrationController.retryRun' {
    const method: SfApex.Method<{ runId: string; statusCodes: string; scopeSize: number }, void>;
    export default method;
}

declare module '@salesforce/apex/MigrationController.resumeRun' {
    const method: SfApex.Method<{ runId: string }, void>;
    export default method;
}

declare module '@salesforce/apex/MigrationController.rollbackRun' {
    const method: SfApex.Method<{ runId: string }, string>;
    export default method;
}
