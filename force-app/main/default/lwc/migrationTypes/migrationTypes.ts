/**
 * Shared shapes of the migration wizard: the JSON the UI sends to MigrationController, the results it reads back,
 * and the UI's enums. Picklist values are the API names of engine-model.md (Migration_Run__c / Migration_Run_Item__c).
 * The Apex methods themselves are typed from their Apex signatures in types/apex.generated.d.ts.
 */

export type RunStatus =
    | 'Draft'
    | 'Preparing'
    | 'Ready'
    | 'Running'
    | 'Completed'
    | 'Completed_With_Errors'
    | 'Failed'
    | 'Aborted'
    | 'Rolled_Back';

export type RunStage =
    | 'Expand'
    | 'Preflight'
    | 'Contacts'
    | 'Users'
    | 'Snapshot'
    | 'Disable_User'
    | 'Create_User'
    | 'Profile_Role'
    | 'Permissions'
    | 'Reassign_Records'
    | 'Site_Membership'
    | 'Verify'
    | 'Done';

export type ItemOutcome =
    'Pending' | 'Ready' | 'Warning' | 'Blocked' | 'Succeeded' | 'Failed' | 'Skipped' | 'Rolled_Back';

export type RoleStrategy = 'Platform_Default' | 'Level' | 'Specific_Role';
export type MappingAction = 'KEEP' | 'MAP' | 'DROP';
export type SelectionMode = 'Criteria' | 'List';
export type CsvKind = 'success' | 'error' | 'preflight';
export type WizardStep = 'select' | 'target' | 'permissions' | 'preflight' | 'confirm' | 'run';

/**
 * Whitelisted user filters, the JSON of SelectionCriteria.cls (unknown keys are refused there); absent means "any".
 * Times are ISO 8601 datetimes (Apex Datetime). List mode names the users in `userIds`.
 */
export interface SelectionCriteria {
    licenseNames?: string[];
    userTypes?: string[];
    profileIds?: string[];
    accountIds?: string[];
    networkId?: string;
    isActive?: boolean;
    lastLoginBefore?: string;
    lastLoginAfter?: string;
    neverLoggedIn?: boolean;
    createdBefore?: string;
    createdAfter?: string;
    userIds?: string[];
}

/*
 * The controller's results are the generated ApexTypes (types/apex.generated.d.ts), so a renamed Apex field breaks
 * the type-check here. Two refinements the generator cannot know: Apex Strings, Ids and Datetimes may be null, and
 * picklist values come from a closed set. `Nullable` adds the null; the `as*` functions below narrow the values,
 * the one place where the UI trusts the server's picklist values.
 */
type Nullable<T> = { [K in keyof T]: T[K] extends string ? T[K] | null : T[K] };

/** One external user in the selection preview (MigrationViews.UserRow). */
export type UserRow = Nullable<ApexTypes.MigrationViews_UserRow>;

/** A keyset page: rows after `afterId`, and the Id to ask for the next page with (null on the last page). */
export interface Page<T> {
    rows: T[];
    nextAfterId: string | null;
}

/** A resolved user of a pasted list (UserListResolver.ResolvedUser). */
export type ResolvedUser = ApexTypes.UserListResolver_ResolvedUser;

/** A row that did not resolve (ERROR), or a warning on one that did (UserListResolver.Issue). */
export interface ListIssue extends Omit<ApexTypes.UserListResolver_Issue, 'severity'> {
    severity: 'ERROR' | 'WARNING';
}

/** resolveUserList (UserListResolver.Resolution): the users found and every row that was not. */
export interface ListResolution extends Omit<ApexTypes.UserListResolver_Resolution, 'issues'> {
    issues: ListIssue[];
}

export type ProfileOption = ApexTypes.MigrationViews_ProfileOption;

/** An external license with its seats and the profiles that use it (MigrationViews.LicenseTarget). */
export type LicenseTarget = ApexTypes.MigrationViews_LicenseTarget;

/** What the admin picked on the Select users step; a list is criteria with `userIds`. */
export interface SelectedUsers {
    mode: SelectionMode;
    criteria: SelectionCriteria;
    count: number;
}

/** What the admin picked on the Target step. */
export interface TargetChoice {
    targetProfileId: string;
    licenseName: string;
    userType: string;
    roleStrategy: RoleStrategy;
    roleLevel: number | null;
    targetRoleId: string | null;
}

/** createRun's request JSON (MigrationRunRepository.DraftRun, read with JSON.deserializeStrict). */
export interface DraftRunRequest {
    /** Migration moves users in place; Recreate disables legacy portal users and creates community users. */
    kind: 'Migration' | 'Recreate';
    criteria: SelectionCriteria;
    targetProfileId: string;
    roleStrategy: RoleStrategy;
    roleLevel: number | null;
    targetRoleId: string | null;
    dryRun: boolean;
    scopeSize: number;
    /** Recreate: appended to each old username to make the new one (the server's default when absent). */
    usernameSuffix?: string;
    /** Recreate: give the accounts and contacts the old users own to the new users. */
    reassignRecords?: boolean;
}

/** Affected users of one preflight reason code (MigrationViews.ReasonCount). */
export type ReasonCount = ApexTypes.MigrationViews_ReasonCount;

/** getRun (MigrationViews.RunView): the run's status and counts, cheap enough to poll. */
export interface RunView extends Nullable<
    Omit<ApexTypes.MigrationViews_RunView, 'status' | 'currentStage' | 'roleStrategy'>
> {
    status: RunStatus;
    currentStage: RunStage | null;
    roleStrategy: RoleStrategy | null;
}

/** One user's line in a run (MigrationViews.ItemRow). */
export interface RunItem extends Nullable<
    Omit<ApexTypes.MigrationViews_ItemRow, 'outcome' | 'stage' | 'rowNumber' | 'contactId'>
> {
    outcome: ItemOutcome;
    stage: RunStage | null;
    /** Import runs only: the row's physical line in the file (1 is the header) and its saved contact. */
    rowNumber?: number | null;
    contactId?: string | null;
}

/** getItems' filter JSON (MigrationRunRepository.ItemFilter); absent means "any". */
export interface ItemFilter {
    outcomes?: ItemOutcome[];
    stage?: RunStage;
    statusCode?: string;
    reasonCode?: string;
}

/** exportCsv (CsvExportService.CsvPage): one page of CSV and the cursor of the next; only the first has the header. */
export type CsvPage = Nullable<ApexTypes.CsvExportService_CsvPage>;

/** A permission set or group to map onto (PermissionMappingService.Option). */
export type PermissionOption = ApexTypes.PermissionMappingService_Option;

/** A permission set or group the selected users hold (PermissionMappingService.InventoryRow). */
export interface PermissionInventoryRow extends Omit<
    ApexTypes.PermissionMappingService_InventoryRow,
    'action' | 'targetId'
> {
    /** The saved action and target, or null while no mapping is saved. */
    action: MappingAction | null;
    targetId: string | null;
}

/** One choice of the mapping (Permission_Mapping__c JSON, PermissionMapping.Entry). */
export interface MappingEntry {
    sourceId: string;
    action: MappingAction;
    targetId: string | null;
}

/** A run as the UI reads it: the picklist fields narrowed to their values. */
export function asRunView(run: ApexTypes.MigrationViews_RunView): RunView {
    return run as RunView;
}

/** A page of items as the UI reads it. */
export function asItemPage(page: ApexTypes.MigrationViews_ItemPage): Page<RunItem> {
    return page as Page<RunItem>;
}

/** A list resolution as the UI reads it (severity is ERROR or WARNING). */
export function asListResolution(resolution: ApexTypes.UserListResolver_Resolution): ListResolution {
    return resolution as ListResolution;
}

/** Inventory rows as the UI reads them (action is KEEP, MAP or DROP). */
export function asInventory(rows: ApexTypes.PermissionMappingService_InventoryRow[]): PermissionInventoryRow[] {
    return rows as PermissionInventoryRow[];
}

/** Run statuses after which nothing changes any more. */
export const FINISHED_STATUSES: readonly RunStatus[] = [
    'Completed',
    'Completed_With_Errors',
    'Failed',
    'Aborted',
    'Rolled_Back'
];

/** Stages in the order they run (RunStage.ORDERED), with the words the console shows. */
export const STAGES: readonly { value: RunStage; label: string }[] = [
    { value: 'Expand', label: 'Expand selection' },
    { value: 'Preflight', label: 'Preflight' },
    { value: 'Snapshot', label: 'Snapshot' },
    { value: 'Profile_Role', label: 'Profile and role' },
    { value: 'Permissions', label: 'Permissions' },
    { value: 'Site_Membership', label: 'Site membership' },
    { value: 'Verify', label: 'Verify' },
    { value: 'Done', label: 'Done' }
];

/** The stages of a re-create run (Kind Recreate), in order; Reassign_Records only when the run asks for it. */
export const RECREATE_STAGES: readonly { value: RunStage; label: string }[] = [
    { value: 'Expand', label: 'Expand selection' },
    { value: 'Preflight', label: 'Preflight' },
    { value: 'Snapshot', label: 'Snapshot' },
    { value: 'Disable_User', label: 'Disable old user' },
    { value: 'Create_User', label: 'Create new user' },
    { value: 'Permissions', label: 'Permissions' },
    { value: 'Reassign_Records', label: 'Reassign records' },
    { value: 'Verify', label: 'Verify' },
    { value: 'Done', label: 'Done' }
];

export const OUTCOMES: readonly ItemOutcome[] = [
    'Pending',
    'Ready',
    'Warning',
    'Blocked',
    'Succeeded',
    'Failed',
    'Skipped',
    'Rolled_Back'
];

/** Wizard steps in order. */
export const WIZARD_STEPS: readonly { value: WizardStep; label: string }[] = [
    { value: 'select', label: 'Select users' },
    { value: 'target', label: 'Target' },
    { value: 'permissions', label: 'Permissions' },
    { value: 'preflight', label: 'Preflight' },
    { value: 'confirm', label: 'Confirm and run' },
    { value: 'run', label: 'Run' }
];

/** Profile.UserType values of role-based community licenses: moving a Lite user onto one cannot be undone. */
export const ROLE_BASED_USER_TYPES: readonly string[] = ['PowerCustomerSuccess', 'PowerPartner'];

/** The most rows one pasted or uploaded list may hold (UserListResolver.MAX_ROWS). */
export const MAX_LIST_ROWS = 10000;

/** The most users a List-mode run may name (SelectionCriteria.MAX_LIST_USERS). */
export const MAX_LIST_USERS = 5000;

/** Batch scope of a run (Scope_Size__c default and maximum). */
export const SCOPE_SIZE = 200;

/** What the admin types to confirm a move that cannot be undone (MigrationRunService.CONFIRMATION_PHRASE). */
export const CONFIRMATION_PHRASE = 'IRREVERSIBLE';

/** Rows per server page in previews and results. */
export const PAGE_SIZE = 50;

/** A status label for people: API names use underscores. */
export function labelOf(apiName: string | null | undefined): string {
    return (apiName ?? '').replace(/_/g, ' ');
}

/** A run's status for people: a run discarded before it ran says so rather than "Aborted". */
export function runStatusLabel(run: Pick<RunView, 'status' | 'discarded'> | null | undefined): string {
    return run?.discarded ? 'Discarded' : labelOf(run?.status);
}

export function isFinished(status: RunStatus | null | undefined): boolean {
    return status !== null && status !== undefined && FINISHED_STATUSES.includes(status);
}

/* Import of people from a CSV (issue #8): an import is a run of kind Import with one item per row. */

export type ImportStep = 'upload' | 'options' | 'preflight' | 'confirm' | 'run';

/** Import wizard steps in order. */
export const IMPORT_STEPS: readonly { value: ImportStep; label: string }[] = [
    { value: 'upload', label: 'Upload CSV' },
    { value: 'options', label: 'Options' },
    { value: 'preflight', label: 'Preflight' },
    { value: 'confirm', label: 'Confirm and run' },
    { value: 'run', label: 'Run' }
];

/** getImportSettings (ImportViews.Settings): limits, columns, org defaults and the External Id fields to match on. */
export type ImportSettings = ApexTypes.ImportViews_Settings;

/** A problem with the file as a whole or with one line of it (ImportCsvParser.ParseError); line/column may be null. */
export type ImportFileError = Omit<ApexTypes.ImportViews_FileError, 'line' | 'column'> & {
    line: number | null;
    column: number | null;
};

/** createImportRun (ImportViews.CreateResult): the run's Id, or null and the reasons when the file was refused. */
export interface ImportCreateResult {
    runId: string | null;
    rowCount: number;
    fileErrors: ImportFileError[];
}

/** A file the admin picked on the Upload step, read in the browser. */
export interface ImportFile {
    fileName: string;
    size: number;
    csv: string;
}

/** What the admin picked on the import's Options step. */
export interface ImportChoice {
    targetProfileId: string;
    licenseName: string;
    userType: string;
    roleStrategy: RoleStrategy;
    roleLevel: number | null;
    targetRoleId: string | null;
    permissionSetIds: string[];
    usernameSuffix: string | null;
    sendWelcomeEmail: boolean;
    contactKeyField: string | null;
    accountKeyField: string | null;
}

/** createImportRun's request JSON (ImportViews.CreateRequest, read with JSON.deserializeStrict). */
export interface ImportRunRequest extends Omit<ImportChoice, 'licenseName' | 'userType'> {
    csv: string;
}

/** Stages of an import run in the order they run (RunStage.ORDERED for Kind Import), with the console's words. */
export const IMPORT_STAGES: readonly { value: RunStage; label: string }[] = [
    { value: 'Preflight', label: 'Preflight' },
    { value: 'Contacts', label: 'Contacts' },
    { value: 'Users', label: 'Users and permission sets' },
    { value: 'Verify', label: 'Verify' },
    { value: 'Done', label: 'Done' }
];

/** A create result as the UI reads it (Apex Ids, lines and columns may be null). */
export function asCreateResult(result: ApexTypes.ImportViews_CreateResult): ImportCreateResult {
    return result as ImportCreateResult;
}

/**
 * Largest file the Upload step sends. The CSV travels as one string in the Apex call, whose request payload is
 * limited to 4 MB, and is parsed within the 6 MB synchronous heap (Lightning Aura Components Developer Guide,
 * "Action Limits and Considerations"; Apex Developer Guide, "Execution Governors and Limits"): 2 MB leaves room for both.
 */
export const MAX_IMPORT_FILE_BYTES = 2 * 1024 * 1024;
