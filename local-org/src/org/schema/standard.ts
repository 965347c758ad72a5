/**
 * The standard objects the app touches, written in a compact notation parsed by `catalog.ts`.
 * Sources and confidence per object: SOURCES.md (Object Reference pages). Only documented fields are listed;
 * a field missing here is an error when used, never an invented column.
 *
 * Field notation: `Name:type flags…`
 *   types  id | ref(Target|Target2)/RelationshipName | string(len) | textarea(len) | picklist(A|B) | mpick(A|B)
 *          | bool | int | double(p,s) | currency(p,s) | percent(p,s) | date | datetime | email | phone | url
 *   flags  ro (neither createable nor updateable) · co (createable, not updateable) · req (required on create)
 *          · def (defaulted on create) · uniq · ext (external id) · nofilter · restricted (restricted picklist)
 *          · nonnull (never null, filled by the platform)
 * Booleans are non-nillable and defaulted on create (false), as describe reports them.
 */

export interface StandardObjectSpec {
    name: string;
    keyPrefix: string;
    /** Which audit fields exist: 'all' adds IsDeleted too; 'audit' has no IsDeleted; 'event' is a platform event. */
    system: 'all' | 'audit' | 'event';
    isSetup?: boolean;
    queryable?: boolean;
    createable?: boolean;
    updateable?: boolean;
    deletable?: boolean;
    /** OwnerId target(s), when the object has an owner. */
    owner?: string;
    fields: string[];
    /** Child relationship names this object exposes: `Name:ChildObject.Field`. */
    children?: string[];
}

const USER_TYPES = 'Standard|PowerPartner|PowerCustomerSuccess|CustomerSuccess|Guest|CspLitePortal|CsnOnly|SelfService';

export const STANDARD_OBJECTS: StandardObjectSpec[] = [
    {
        name: 'Organization',
        keyPrefix: '00D',
        system: 'audit',
        createable: false,
        deletable: false,
        fields: [
            'Name:string(80) req',
            'Division:string(80)',
            'OrganizationType:picklist(Team Edition|Professional Edition|Enterprise Edition|Developer Edition|Personal Edition|Unlimited Edition|Contact Manager Edition|Base Edition) ro',
            'IsSandbox:bool ro',
            'InstanceName:string(5) ro',
            'NamespacePrefix:string(15) ro',
            'TimeZoneSidKey:picklist(America/Los_Angeles) req',
            'LanguageLocaleKey:picklist(en_US) req',
            'DefaultLocaleSidKey:picklist(en_US) req',
            'TrialExpirationDate:datetime ro',
            'Country:string(80)'
        ]
    },
    {
        name: 'UserLicense',
        keyPrefix: '100',
        system: 'audit',
        createable: false,
        updateable: false,
        deletable: false,
        fields: [
            'LicenseDefinitionKey:string(40) ro',
            'MasterLabel:string(80) ro',
            'Name:string(40) ro',
            'Status:picklist(Active|Disabled) ro restricted',
            'TotalLicenses:int ro nonnull',
            'UsedLicenses:int ro nonnull nofilter',
            'UsedLicensesLastUpdated:datetime ro',
            'MonthlyLoginsEntitlement:int ro',
            'MonthlyLoginsUsed:int ro'
        ],
        children: ['Profiles:Profile.UserLicenseId']
    },
    {
        name: 'Profile',
        keyPrefix: '00e',
        system: 'audit',
        fields: [
            'Name:string(255) req',
            'Description:string(255)',
            'UserLicenseId:ref(UserLicense)/UserLicense co req',
            `UserType:picklist(${USER_TYPES}) ro restricted`
        ],
        children: ['Users:User.ProfileId']
    },
    {
        name: 'UserRole',
        keyPrefix: '00E',
        system: 'audit',
        fields: [
            'Name:string(80) req',
            'DeveloperName:string(80)',
            'ParentRoleId:ref(UserRole)',
            'RollupDescription:string(80)',
            'PortalType:picklist(None|CustomerPortal|Partner) co restricted def',
            'PortalAccountId:ref(Account)/PortalAccount co',
            'PortalAccountOwnerId:ref(User)/PortalAccountOwner ro',
            'PortalRole:picklist(Executive|Manager|User|PersonAccount) ro restricted',
            'CaseAccessForAccountOwner:picklist(None|Read|Edit)',
            'ContactAccessForAccountOwner:picklist(None|Read|Edit)',
            'OpportunityAccessForAccountOwner:picklist(None|Read|Edit) req',
            'MayForecastManagerShare:bool',
            'ForecastUserId:ref(User)/ForecastUser'
        ],
        children: ['Users:User.UserRoleId']
    },
    {
        name: 'User',
        keyPrefix: '005',
        system: 'audit',
        deletable: false,
        fields: [
            'Username:string(80) req uniq',
            'LastName:string(80) req',
            'FirstName:string(40)',
            'MiddleName:string(40)',
            'Suffix:string(40)',
            'Name:string(121) ro nonnull',
            'Alias:string(8) req',
            'CommunityNickname:string(40) def uniq',
            'Email:email(128) req',
            'EmailEncodingKey:picklist(UTF-8|ISO-8859-1|Shift_JIS|ISO-2022-JP|EUC-JP|ks_c_5601-1987|Big5|GB2312|Big5-HKSCS|x-SJIS_0213) req restricted',
            'LanguageLocaleKey:picklist(en_US) req',
            'LocaleSidKey:picklist(en_US) req',
            'TimeZoneSidKey:picklist(America/Los_Angeles) req',
            'ProfileId:ref(Profile)/Profile req',
            'UserRoleId:ref(UserRole)/UserRole',
            'ContactId:ref(Contact)/Contact',
            'AccountId:ref(Account)/Account ro',
            'ManagerId:ref(User)/Manager',
            'DelegatedApproverId:ref(User)',
            'IsActive:bool',
            'IsPortalEnabled:bool',
            `UserType:picklist(${USER_TYPES}) ro restricted`,
            'PortalRole:picklist(Executive|Manager|User|PersonAccount) co restricted',
            'Title:string(80)',
            'Department:string(80)',
            'Division:string(80)',
            'CompanyName:string(80)',
            'EmployeeNumber:string(20)',
            'Phone:phone(40)',
            'MobilePhone:phone(40)',
            'Fax:phone(40)',
            'Street:textarea(255)',
            'City:string(40)',
            'State:string(80)',
            'PostalCode:string(20)',
            'Country:string(80)',
            'FederationIdentifier:string(512)',
            'AboutMe:textarea(1000)',
            'LastLoginDate:datetime ro',
            'LastPasswordChangeDate:datetime ro',
            'FullPhotoUrl:url(1024) ro',
            'SmallPhotoUrl:url(1024) ro',
            'ReceivesAdminInfoEmails:bool',
            'ReceivesInfoEmails:bool'
        ],
        children: [
            'PermissionSetAssignments:PermissionSetAssignment.AssigneeId',
            'PermissionSetLicenseAssignments:PermissionSetLicenseAssign.AssigneeId',
            'NetworkMemberUsers:NetworkMember.MemberId',
            'GroupMembers:GroupMember.UserOrGroupId',
            'ManagedUsers:User.ManagerId'
        ]
    },
    {
        name: 'Account',
        keyPrefix: '001',
        system: 'all',
        owner: 'User',
        fields: [
            'Name:string(255) req',
            'AccountNumber:string(40)',
            'Type:picklist(Prospect|Customer - Direct|Customer - Channel|Channel Partner / Reseller|Installation Partner|Technology Partner|Other)',
            'Industry:picklist(Agriculture|Apparel|Banking|Biotechnology|Chemicals|Communications|Construction|Consulting|Education|Electronics|Energy|Engineering|Entertainment|Environmental|Finance|Food & Beverage|Government|Healthcare|Hospitality|Insurance|Machinery|Manufacturing|Media|Not For Profit|Recreation|Retail|Shipping|Technology|Telecommunications|Transportation|Utilities|Other)',
            'ParentId:ref(Account)/Parent',
            'Phone:phone(40)',
            'Fax:phone(40)',
            'Website:url(255)',
            'Description:textarea(32000)',
            'NumberOfEmployees:int',
            'AnnualRevenue:currency(18,0)',
            'BillingStreet:textarea(255)',
            'BillingCity:string(40)',
            'BillingState:string(80)',
            'BillingPostalCode:string(20)',
            'BillingCountry:string(80)',
            'ShippingStreet:textarea(255)',
            'ShippingCity:string(40)',
            'ShippingState:string(80)',
            'ShippingPostalCode:string(20)',
            'ShippingCountry:string(80)',
            'Site:string(80)',
            'IsPartner:bool',
            'IsCustomerPortal:bool',
            'LastActivityDate:date ro'
        ],
        children: ['Contacts:Contact.AccountId', 'Users:User.AccountId', 'ChildAccounts:Account.ParentId']
    },
    {
        name: 'Contact',
        keyPrefix: '003',
        system: 'all',
        owner: 'User',
        fields: [
            'LastName:string(80) req',
            'FirstName:string(40)',
            'Salutation:picklist(Mr.|Ms.|Mrs.|Dr.|Prof.)',
            'MiddleName:string(40)',
            'Suffix:string(40)',
            'Name:string(121) ro nonnull',
            'AccountId:ref(Account)/Account',
            'ReportsToId:ref(Contact)/ReportsTo',
            'Email:email(80)',
            'Phone:phone(40)',
            'MobilePhone:phone(40)',
            'Title:string(128)',
            'Department:string(80)',
            'Birthdate:date',
            'Description:textarea(32000)',
            'MailingStreet:textarea(255)',
            'MailingCity:string(40)',
            'MailingState:string(80)',
            'MailingPostalCode:string(20)',
            'MailingCountry:string(80)',
            'LeadSource:picklist(Web|Phone Inquiry|Partner Referral|Purchased List|Other)',
            'HasOptedOutOfEmail:bool',
            'DoNotCall:bool',
            'LastActivityDate:date ro'
        ],
        children: ['Users:User.ContactId']
    },
    {
        name: 'PermissionSet',
        keyPrefix: '0PS',
        system: 'audit',
        fields: [
            'Name:string(80) req',
            'Label:string(80) req',
            'Description:string(255)',
            'IsOwnedByProfile:bool ro',
            'IsCustom:bool ro',
            'ProfileId:ref(Profile)/Profile ro',
            'LicenseId:ref(UserLicense|PermissionSetLicense)/License co',
            'HasActivationRequired:bool',
            'PermissionSetGroupId:ref(PermissionSetGroup)/PermissionSetGroup ro',
            'Type:picklist(Regular|Group|Profile|Session|Standard) ro restricted',
            'NamespacePrefix:string(15) ro',
            // Three of the platform's many Permissions* fields: the ones the app's gate reads (runtime/baseline.ts).
            'PermissionsManageUsers:bool',
            'PermissionsViewSetup:bool',
            'PermissionsModifyAllData:bool'
        ],
        children: [
            'Assignments:PermissionSetAssignment.PermissionSetId',
            'SetupEntityAccessItems:SetupEntityAccess.ParentId'
        ]
    },
    {
        name: 'PermissionSetGroup',
        keyPrefix: '0PG',
        system: 'audit',
        fields: [
            'DeveloperName:string(80) req',
            'MasterLabel:string(80) req',
            'Description:textarea(255)',
            'HasActivationRequired:bool',
            'Status:picklist(Updated|Outdated|Updating|Failed) ro restricted',
            'NamespacePrefix:string(15) ro'
        ],
        children: [
            'PermissionSetGroupComponents:PermissionSetGroupComponent.PermissionSetGroupId',
            'Assignments:PermissionSetAssignment.PermissionSetGroupId'
        ]
    },
    {
        name: 'PermissionSetGroupComponent',
        keyPrefix: '0PH',
        system: 'all',
        updateable: false,
        fields: [
            'PermissionSetGroupId:ref(PermissionSetGroup)/PermissionSetGroup co req',
            'PermissionSetId:ref(PermissionSet)/PermissionSet co req'
        ]
    },
    {
        name: 'PermissionSetAssignment',
        keyPrefix: '0Pa',
        system: 'audit',
        fields: [
            'AssigneeId:ref(User)/Assignee co req',
            'PermissionSetId:ref(PermissionSet)/PermissionSet co',
            'PermissionSetGroupId:ref(PermissionSetGroup)/PermissionSetGroup co',
            'ExpirationDate:datetime',
            'IsActive:bool ro',
            'IsRevoked:bool ro'
        ]
    },
    {
        name: 'PermissionSetLicense',
        keyPrefix: '0PL',
        system: 'all',
        createable: false,
        updateable: false,
        deletable: false,
        fields: [
            'DeveloperName:string(80) ro',
            'MasterLabel:string(80) ro',
            'PermissionSetLicenseKey:string(255) ro',
            'Status:picklist(Active|Disabled) ro restricted',
            'TotalLicenses:int ro nonnull',
            'UsedLicenses:int ro nonnull',
            'ExpirationDate:date ro'
        ],
        children: ['PermissionSetLicenseAssignments:PermissionSetLicenseAssign.PermissionSetLicenseId']
    },
    {
        name: 'PermissionSetLicenseAssign',
        keyPrefix: '2LA',
        system: 'all',
        updateable: false,
        fields: [
            'AssigneeId:ref(User)/Assignee co req',
            'PermissionSetLicenseId:ref(PermissionSetLicense)/PermissionSetLicense co req',
            'IsRevoked:bool ro'
        ]
    },
    {
        name: 'CustomPermission',
        keyPrefix: '0CP',
        system: 'all',
        fields: [
            'DeveloperName:string(80) req',
            'MasterLabel:string(80) req',
            'Description:textarea(255)',
            'IsProtected:bool',
            'NamespacePrefix:string(15) ro'
        ]
    },
    {
        name: 'SetupEntityAccess',
        keyPrefix: '0J0',
        system: 'audit',
        updateable: false,
        fields: [
            'ParentId:ref(PermissionSet)/Parent co req',
            'SetupEntityId:ref(ApexClass|ApexPage|CustomPermission|ConnectedApplication|TabSet|ServicePresence|ExternalDataSource|NamedCredential|CustomEntityDefinition)/SetupEntity co req',
            'SetupEntityType:picklist(ApexClass|ApexPage|ConnectedApplication|CustomPermission|ServiceProvider|TabSet|CustomEntityDefinition) ro restricted'
        ]
    },
    {
        name: 'Network',
        keyPrefix: '0DB',
        system: 'audit',
        createable: false,
        deletable: false,
        fields: [
            'Name:string(255) req',
            'Description:string(255)',
            'Status:picklist(UnderConstruction|Live|DownForMaintenance) restricted',
            'UrlPathPrefix:string(255) ro',
            'OptionsSelfRegistrationEnabled:bool',
            'SelfRegProfileId:ref(Profile)',
            'FirstActivationDate:datetime ro'
        ],
        children: ['NetworkMembers:NetworkMember.NetworkId', 'NetworkMemberGroups:NetworkMemberGroup.NetworkId']
    },
    {
        name: 'NetworkMember',
        keyPrefix: '0DC',
        system: 'audit',
        createable: false,
        deletable: false,
        fields: [
            'MemberId:ref(User)/Member ro req',
            'NetworkId:ref(Network)/Network ro req',
            'DefaultGroupNotificationFrequency:picklist(P|E|D|W|N)',
            'DigestFrequency:picklist(D|W|N)',
            'LastChatterActivityDate:datetime ro',
            'PreferencesDisableAllFeedsEmail:bool',
            'PreferencesDisableFollowersEmail:bool',
            'PreferencesDisableProfilePostEmail:bool',
            'PreferencesDisableSharePostEmail:bool',
            'ReputationPoints:double(18,0)'
        ]
    },
    {
        name: 'NetworkMemberGroup',
        keyPrefix: '0DE',
        system: 'audit',
        deletable: false,
        fields: [
            'NetworkId:ref(Network)/Network co req',
            'ParentId:ref(Profile|PermissionSet)/Parent co req',
            'AssignmentStatus:picklist(Added|AddCalculated|WaitingForAdd|FailedAdd|RemoveCalculated|WaitingForRemove|FailedRemove) restricted'
        ]
    },
    {
        name: 'Group',
        keyPrefix: '00G',
        system: 'audit',
        owner: 'User',
        fields: [
            'Name:string(40) req',
            'DeveloperName:string(80)',
            'Type:picklist(AllCustomerPortal|Collaboration|Manager|ManagerAndSubordinatesInternal|Organization|PRMOrganization|Queue|Regular|Role|RoleAndSubordinates|RoleAndSubordinatesInternal|Territory|TerritoryAndSubordinates) co restricted def',
            'Email:email(255)',
            'DoesIncludeBosses:bool',
            'DoesSendEmailToMembers:bool',
            'RelatedId:ref(User|UserRole)/Related ro'
        ],
        children: ['GroupMembers:GroupMember.GroupId']
    },
    {
        name: 'GroupMember',
        keyPrefix: '011',
        system: 'audit',
        updateable: false,
        fields: ['GroupId:ref(Group)/Group co req', 'UserOrGroupId:ref(User|Group)/UserOrGroup co req']
    },
    {
        name: 'AsyncApexJob',
        keyPrefix: '707',
        system: 'audit',
        createable: false,
        updateable: false,
        deletable: false,
        fields: [
            'ApexClassId:ref(ApexClass)/ApexClass ro',
            'CompletedDate:datetime ro',
            'ExtendedStatus:string(255) ro',
            'JobItemsProcessed:int ro nonnull',
            'JobType:picklist(Future|SharingRecalculation|ScheduledApex|BatchApex|BatchApexWorker|TestRequest|TestWorker|ApexToken|Queueable) ro restricted',
            'LastProcessed:string(15) ro',
            'LastProcessedOffset:int ro',
            'MethodName:string(255) ro',
            'NumberOfErrors:int ro',
            'ParentJobId:ref(AsyncApexJob) ro',
            'Status:picklist(Holding|Queued|Preparing|Processing|Aborted|Completed|Failed) ro restricted',
            'TotalJobItems:int ro',
            'CronTriggerId:ref(CronTrigger)/CronTrigger ro'
        ]
    },
    {
        // Object Reference, CronTrigger: query, delete (through System.abortJob in Apex), no create or update.
        name: 'CronTrigger',
        keyPrefix: '08e',
        system: 'audit',
        owner: 'User',
        createable: false,
        updateable: false,
        deletable: false,
        fields: [
            'CronExpression:string(255) ro',
            'CronJobDetailId:ref(CronJobDetail)/CronJobDetail ro',
            'EndTime:datetime ro',
            'NextFireTime:datetime ro',
            'PreviousFireTime:datetime ro',
            'StartTime:datetime ro',
            'State:picklist(WAITING|ACQUIRED|EXECUTING|COMPLETE|ERROR|DELETED|PAUSED|BLOCKED|PAUSED_BLOCKED) ro restricted',
            'TimesTriggered:int ro',
            'TimeZoneSidKey:string(40) ro'
        ]
    },
    {
        // Object Reference, CronJobDetail: JobType 7 is Scheduled Apex.
        name: 'CronJobDetail',
        keyPrefix: '08a',
        system: 'audit',
        createable: false,
        updateable: false,
        deletable: false,
        fields: ['Name:string(255) ro', 'JobType:picklist(1|3|4|5|6|7|8|9|A|E|H|J|K|L) ro restricted']
    },
    {
        name: 'UserAccessPolicy',
        keyPrefix: '0Ut',
        system: 'audit',
        // Object Reference: describeSObjects(), query(), retrieve() only (changes go through the Tooling/Metadata API).
        createable: false,
        updateable: false,
        deletable: false,
        fields: [
            'DeveloperName:string(80) ro',
            'MasterLabel:string(80) ro',
            'Description:textarea(255) ro',
            'BooleanFilter:string(255) ro',
            'Language:picklist(en_US) ro restricted',
            'NamespacePrefix:string(15) ro',
            'Status:picklist(Design|Testing|Active|Completed|Failed|Migrate|Updating) ro restricted',
            'TriggerType:picklist(Create|CreateAndUpdate|Update) ro restricted',
            'Order:int ro'
        ]
    },
    {
        name: 'BatchApexErrorEvent',
        keyPrefix: 'e00',
        system: 'event',
        queryable: false,
        updateable: false,
        deletable: false,
        fields: [
            'AsyncApexJobId:string(18) ro',
            'DoesExceedJobScopeMaxLength:bool ro',
            'ExceptionType:string(255) ro',
            'JobScope:textarea(40000) ro',
            'Message:textarea(5000) ro',
            'Phase:string(255) ro',
            'RequestId:string(40) ro',
            'StackTrace:textarea(5000) ro'
        ]
    }
];

/**
 * Setup objects (MIXED_DML_OPERATION), from the Apex Developer Guide list "sObjects That Cannot Be Used Together in
 * DML Operations"; objects of this catalog not in that list are non-setup. The guide says the list is not exhaustive.
 */
export const SETUP_OBJECT_NAMES = [
    'Group',
    'GroupMember',
    'PermissionSet',
    'PermissionSetAssignment',
    'SetupEntityAccess',
    'User',
    'UserRole'
];
