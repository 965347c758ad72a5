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
    'Expand' | 'Preflight' | 'Snapshot' | 'Profile_Role' | 'Permissions' | 'Site_Membership' | 'Verify' | 'Done';

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

/** One external user in the selection preview (MigrationViews.UserRow). */
export interface UserRow {
    id: string;
    username: string;
    name: string;
    profileName: string;
    licenseName: string;
    userType: string;
    accountId: string | null;
    isActive: boolean;
    lastLoginDate: string | null;
}

/** A keyset page: rows after `afterId`, and the Id to ask for the next page with (null on the last page). */
export interface Page<T> {
    rows: T[];
    nextAfterId: string | null;
}

/** A resolved user of a pasted list (UserListResolver.ResolvedUser). */
export interface ResolvedUser {
    line: number;
    input: string;
    userId: string;
    username: string;
    name: string;
    profileName: string;
    licenseName: string;
    isActive: boolean;
}

/** A row that did not resolve (ERROR), or a warning on one that did (UserListResolver.Issue). */
export interface ListIssue {
    line: number;
    input: string;
    reason: string;
    severity: 'ERROR' | 'WARNING';
    message: string;
}

/** resolveUserList (UserListResolver.Resolution): the users found and every row that was not. */
export interface ListResolution {
    rowCount: number;
    users: ResolvedUser[];
    issues: ListIssue[];
}

export interface ProfileOption {
    id: string;
    name: string;
}

/** An external license with its seats and the profiles that use it. */
export interface LicenseTarget {
    licenseId: string;
    licenseName: string;
    userType: string;
    total: number;
    used: number;
    available: number;
    profiles: ProfileOption[];
}

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

/** createRun's request JSON (MigrationRunRepository.DraftRun). */
export interface DraftRunRequest {
    kind: 'Migration';
    criteria: SelectionCriteria;
    targetProfileId: string;
    roleStrategy: RoleStrategy;
    roleLevel: number | null;
    targetRoleId: string | null;
    dryRun: boolean;
    scopeSize: number;
}

/** Affected users of one preflight reason code. */
export interface ReasonCount {
    code: string;
    severity: 'WARNING' | 'BLOCKER' | string;
    count: number;
}

/** getRun (MigrationViews.RunView): the run's status and counts, cheap enough to poll. */
export interface RunView {
    id: string;
    name: string;
    status: RunStatus;
    kind: string;
    dryRun: boolean;
    selectionMode: string | null;
    currentStage: RunStage | null;
    /** A job of the run is queued or running. */
    busy: boolean;
    targetProfileId: string | null;
    targetLicenseName: string | null;
    targetUserType: string | null;
    roleStrategy: RoleStrategy | null;
    scopeSize: number | null;
    totalItems: number;
    readyCount: number;
    warningCount: number;
    blockedCount: number;
    succeededCount: number;
    failedCount: number;
    skippedCount: number;
    startedAt: string | null;
    completedAt: string | null;
    createdDate: string | null;
    createdByName: string | null;
    statusMessage: string | null;
    rollbackOf: string | null;
    /**
     * Whether every item can be put back. Not sent by MigrationViews.RunView yet (asked for); until it is,
     * the console decides from the target user type (see runConsole).
     */
    reversible?: boolean;
    /** Affected users per preflight reason code; filled while the run is Draft, Preparing or Ready. */
    reasonCounts: ReasonCount[];
}

/** One user's line in a run. */
export interface RunItem {
    id: string;
    userId: string;
    username: string;
    outcome: ItemOutcome;
    stage: RunStage | null;
    statusCode: string | null;
    errorMessage: string | null;
    reasonCodes: string | null;
    findings: string | null;
    beforeLicense: string | null;
    afterLicense: string | null;
    beforeProfileId: string | null;
    afterProfileId: string | null;
    attempts: number;
    verifyDiff: string | null;
    staleMemberships: string | null;
}

/** getItems' filter JSON (MigrationRunRepository.ItemFilter); absent means "any". */
export interface ItemFilter {
    outcomes?: ItemOutcome[];
    stage?: RunStage;
    statusCode?: string;
    reasonCode?: string;
}

/** exportCsv (CsvExportService.CsvPage): one page of CSV text and the cursor of the next; only the first has the header. */
export interface CsvPage {
    fileName: string;
    csv: string;
    rowCount: number;
    nextAfterId: string | null;
    done: boolean;
}

/** A permission set or group to map onto (PermissionMappingService.Option). */
export interface PermissionOption {
    id: string;
    name: string;
    label: string;
    isGroup: boolean;
}

/** A permission set or group the selected users hold (PermissionMappingService.InventoryRow). */
export interface PermissionInventoryRow {
    sourceId: string;
    name: string;
    label: string;
    isGroup: boolean;
    users: number;
    /** False when the target license cannot hold it. */
    fitsTarget: boolean;
    /** The suggested action and target (the saved ones once a mapping is saved). */
    action: MappingAction;
    targetId: string | null;
    suggestions: PermissionOption[];
}

/** One choice of the mapping (Permission_Mapping__c JSON). */
export interface MappingEntry {
    sourceId: string;
    action: MappingAction;
    targetId: string | null;
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

export function isFinished(status: RunStatus | null | undefined): boolean {
    return status !== null && status !== undefined && FINISHED_STATUSES.includes(status);
}
