// STAND-IN until ImportController.cls lands and `npm run apex:types` generates these into types/apex.generated.d.ts:
// the shapes of the import API as agreed in the I1 brief (notes/s3/I1-import-engine.md). Delete this file then; a
// generated declaration of the same module would clash with it, so the type-check says when that moment has come.

declare namespace ApexTypes {
    /** Apex class ImportViews.Settings (stand-in) */
    interface ImportViews_Settings {
        maxRows: number;
        knownColumns: string[];
        requiredColumns: string[];
        defaultLocale: string;
        defaultTimeZone: string;
        defaultLanguage: string;
        defaultEmailEncoding: string;
        contactKeyFields: string[];
        accountKeyFields: string[];
        confirmationPhrase: string;
    }

    /** Apex class ImportViews.FileError (stand-in) */
    interface ImportViews_FileError {
        code: string;
        line: number;
        column: number;
        message: string;
    }

    /** Apex class ImportViews.CreateResult (stand-in) */
    interface ImportViews_CreateResult {
        runId: string;
        rowCount: number;
        fileErrors: ApexTypes.ImportViews_FileError[];
    }
}

declare module '@salesforce/apex/ImportController.getImportSettings' {
    const method: SfApex.Method<Record<string, never>, ApexTypes.ImportViews_Settings>;
    export default method;
}

declare module '@salesforce/apex/ImportController.createImportRun' {
    const method: SfApex.Method<{ requestJson: string }, ApexTypes.ImportViews_CreateResult>;
    export default method;
}

declare module '@salesforce/apex/ImportController.runImportPreflight' {
    const method: SfApex.Method<{ runId: string }, void>;
    export default method;
}

declare module '@salesforce/apex/ImportController.excludeBlocked' {
    const method: SfApex.Method<{ runId: string }, number>;
    export default method;
}

declare module '@salesforce/apex/ImportController.startImport' {
    const method: SfApex.Method<{ runId: string; dryRun: boolean; confirmation: string }, void>;
    export default method;
}
