import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SoqlError } from '../../src/frontend/soql';
import { platformMessage } from '../../src/org/soql/errors';
import { ApexDatetime, ApexDate, ApexDecimal, ApexId } from '../../src/org/values';
import { makeOrg, NOW, parent, type Row } from './fixture';
import { likeToRegExp } from '../../src/org/soql/like';
import { makeField } from '../../src/org/schema/catalog';
import { SHUFFLE_UNORDERED_ENV, shuffleUnorderedByEnv } from '../../src/org/soql/engine';

function soqlError(fn: () => unknown): SoqlError {
    try {
        fn();
    } catch (e) {
        assert.ok(e instanceof SoqlError, `expected SoqlError, got ${e}`);
        return e;
    }
    assert.fail('expected a SoqlError');
}

const names = (rows: Array<Record<string, unknown>>, key = 'LastName') => rows.map((r) => r[key]);

test('plain select returns rows in insertion order with Id always present', () => {
    const org = makeOrg();
    const rows = org.rows('SELECT LastName FROM User');
    assert.deepEqual(names(rows), ['Admin', 'Smith', 'Jones']);
    assert.equal(rows[0].Id, org.ids.uAdmin);
});

test('the queried-field set names what was selected (plus Id), so unqueried fields can be told apart', () => {
    const org = makeOrg();
    const r = org.q('SELECT Name, Profile.Name FROM User');
    assert.ok(r.kind === 'rows');
    const row = r.rows[0];
    assert.deepEqual([...row.queried].sort(), ['id', 'name', 'profile']);
    assert.equal(row.values.has('Email'), false);
    assert.deepEqual([...row.parents.get('Profile')!.queried].sort(), ['id', 'name']);
});

test('object and field names ignore case and come back in canonical spelling', () => {
    const org = makeOrg();
    const rows = org.rows("select lastname, PROFILE.name from user where LASTNAME = 'smith'");
    assert.deepEqual(Object.keys(rows[0]).sort(), ['Id', 'LastName', 'Profile']);
    assert.equal((rows[0].Profile as Record<string, unknown>).Name, 'Customer Community User');
});

test('multi-level parent paths, and a null parent gives a null subtree', () => {
    const org = makeOrg();
    const rows = org.rows(
        'SELECT LastName, Profile.UserLicense.Name, Contact.Account.Name FROM User ORDER BY LastName'
    );
    const admin = rows[0];
    assert.equal(parent(parent(admin, 'Profile'), 'UserLicense').Name, 'Salesforce');
    assert.equal(admin.Contact, null);
    assert.equal(parent(parent(rows[2], 'Contact'), 'Account').Name, 'Acme');
});

test('WHERE on a parent path', () => {
    const org = makeOrg();
    assert.deepEqual(
        names(org.rows("SELECT LastName FROM User WHERE Profile.UserLicense.Name = 'customer community'")),
        ['Smith', 'Jones']
    );
    assert.deepEqual(
        names(org.rows("SELECT LastName FROM User WHERE Contact.Account.Name = 'Acme' AND IsActive = true")),
        ['Smith']
    );
});

test('child subqueries attach under the relationship name with their own WHERE, ORDER BY and LIMIT', () => {
    const org = makeOrg();
    const rows = org.rows(
        "SELECT Name, (SELECT LastName FROM Contacts WHERE LastName != 'x' ORDER BY LastName LIMIT 1) FROM Account ORDER BY Name"
    );
    assert.deepEqual(
        (rows[0].Contacts as Row[]).map((c) => c.LastName),
        ['Jones']
    );
    assert.deepEqual(
        (rows[1].Contacts as Row[]).map((c) => c.LastName),
        ['Brown']
    );
    const r = org.q('SELECT Name, (SELECT Id FROM Contacts) FROM Account');
    assert.ok(r.kind === 'rows');
    assert.equal(r.rowsCounted, 2 + 3, 'child rows count toward query rows');
    assert.ok(r.rows[0].queried.has('contacts'));
});

test('an account without children gets an empty child list', () => {
    const org = makeOrg();
    org.store.insert('Account', { Name: 'Empty' });
    const rows = org.rows("SELECT Name, (SELECT Id FROM Contacts) FROM Account WHERE Name = 'Empty'");
    assert.deepEqual(rows[0].Contacts, []);
});

test('string = and != ignore case; != also matches null', () => {
    const org = makeOrg();
    assert.deepEqual(names(org.rows("SELECT LastName FROM User WHERE LastName = 'SMITH'")), ['Smith']);
    assert.deepEqual(names(org.rows("SELECT LastName FROM Contact WHERE FirstName != 'ann'")), ['Jones', 'Brown']);
});

test('= null is "is null" and != null is "is not null"', () => {
    const org = makeOrg();
    assert.deepEqual(names(org.rows('SELECT LastName FROM User WHERE ContactId = null')), ['Admin']);
    assert.deepEqual(names(org.rows('SELECT LastName FROM User WHERE ContactId != null')), ['Smith', 'Jones']);
});

test('LIKE with % and _ ignores case', () => {
    const org = makeOrg();
    assert.deepEqual(names(org.rows("SELECT LastName FROM User WHERE LastName LIKE 's%'")), ['Smith']);
    assert.deepEqual(names(org.rows("SELECT LastName FROM User WHERE LastName LIKE '_ONES'")), ['Jones']);
    assert.deepEqual(names(org.rows("SELECT LastName FROM User WHERE LastName LIKE '%i%'")), ['Admin', 'Smith']);
});

test('LIKE escapes: \\% and \\_ are literal in the matcher; the apex-parser lexer rejects them in query text (known gap)', () => {
    const re = likeToRegExp('100\\%_');
    assert.equal(re.test('100%x'), true);
    assert.equal(re.test('1000x'), false);
    const org = makeOrg();
    assert.equal(soqlError(() => org.rows("SELECT Name FROM Account WHERE Name LIKE '100\\%'")).kind, 'syntax');
});

test('IN and NOT IN with literal lists; IN an empty bind list matches nothing', () => {
    const org = makeOrg();
    assert.deepEqual(names(org.rows("SELECT LastName FROM User WHERE LastName IN ('smith', 'JONES')")), [
        'Smith',
        'Jones'
    ]);
    assert.deepEqual(names(org.rows("SELECT LastName FROM User WHERE LastName NOT IN ('smith')")), ['Admin', 'Jones']);
    assert.deepEqual(org.rows('SELECT Id FROM User WHERE Id IN :ids', { ids: [] }), []);
    assert.equal(org.rows('SELECT Id FROM User WHERE Id NOT IN :ids', { ids: [] }).length, 3);
});

test('Ids compare as 18 characters; 15-character values are accepted in literals and binds', () => {
    const org = makeOrg();
    const id15 = org.ids.uSmith.slice(0, 15);
    assert.deepEqual(names(org.rows(`SELECT LastName FROM User WHERE Id = '${id15}'`)), ['Smith']);
    assert.deepEqual(
        names(org.rows('SELECT LastName FROM User WHERE Id IN :ids', { ids: [id15, ApexId.of(org.ids.uJones)] })),
        ['Smith', 'Jones']
    );
    assert.deepEqual(
        names(org.rows('SELECT LastName FROM User WHERE ProfileId = :p', { p: ApexId.of(org.ids.profCC) })),
        ['Smith', 'Jones']
    );
});

test('an invalid Id value is a QueryException naming it', () => {
    const org = makeOrg();
    const e = soqlError(() => org.rows("SELECT Id FROM User WHERE Id = 'nope'"));
    assert.equal(e.kind, 'semantic');
    assert.equal(e.detail, 'invalid ID field: nope');
});

test('binds are evaluated once per execution and may be scalars or lists', () => {
    const org = makeOrg();
    let calls = 0;
    const r = org.soql.query('SELECT Id FROM User WHERE LastName = :n OR LastName = :n', {
        bind: () => {
            calls++;
            return 'Smith';
        },
        timeZone: 'UTC',
        nowMs: NOW
    });
    assert.ok(r.kind === 'rows' && r.rows.length === 1);
    assert.equal(calls, 2, 'one evaluation per bind occurrence');
});

test('semi-join and anti-join', () => {
    const org = makeOrg();
    assert.deepEqual(
        names(org.rows('SELECT LastName FROM User WHERE Id IN (SELECT AssigneeId FROM PermissionSetAssignment)')),
        ['Smith']
    );
    assert.deepEqual(
        names(org.rows('SELECT LastName FROM User WHERE Id NOT IN (SELECT AssigneeId FROM PermissionSetAssignment)')),
        ['Admin', 'Jones']
    );
    assert.deepEqual(
        names(
            org.rows("SELECT Name FROM Account WHERE Id IN (SELECT AccountId FROM Contact WHERE LastName = 'Brown')"),
            'Name'
        ),
        ['Globex']
    );
});

test('numbers, booleans and comparisons', () => {
    const org = makeOrg();
    assert.deepEqual(names(org.rows('SELECT Name FROM Account WHERE NumberOfEmployees > 10'), 'Name'), ['Globex']);
    assert.deepEqual(names(org.rows('SELECT Name FROM Account WHERE NumberOfEmployees <= 10'), 'Name'), ['Acme']);
    assert.deepEqual(names(org.rows('SELECT Name FROM Account WHERE IsPartner = true'), 'Name'), ['Globex']);
    assert.deepEqual(
        names(org.rows('SELECT Name FROM Account WHERE AnnualRevenue > 5'), 'Name'),
        [],
        'null never compares'
    );
});

test('NOT and nested AND/OR', () => {
    const org = makeOrg();
    assert.deepEqual(names(org.rows("SELECT LastName FROM User WHERE NOT LastName = 'Smith'")), ['Admin', 'Jones']);
    assert.deepEqual(
        names(
            org.rows("SELECT LastName FROM User WHERE (LastName = 'Admin' OR LastName = 'Jones') AND IsActive = false")
        ),
        ['Jones']
    );
});

test('ORDER BY: ASC NULLS FIRST by default, DESC NULLS LAST by default, explicit NULLS, several keys', () => {
    const org = makeOrg();
    assert.deepEqual(names(org.rows('SELECT LastName FROM Contact ORDER BY FirstName')), ['Jones', 'Brown', 'Smith']);
    assert.deepEqual(names(org.rows('SELECT LastName FROM Contact ORDER BY FirstName DESC')), [
        'Smith',
        'Jones',
        'Brown'
    ]);
    assert.deepEqual(names(org.rows('SELECT LastName FROM Contact ORDER BY FirstName ASC NULLS LAST, LastName DESC')), [
        'Smith',
        'Jones',
        'Brown'
    ]);
    assert.deepEqual(names(org.rows('SELECT LastName FROM User ORDER BY Profile.Name, LastName DESC')), [
        'Smith',
        'Jones',
        'Admin'
    ]);
});

test('ORDER BY text ignores case', () => {
    const org = makeOrg();
    org.store.insert('Account', { Name: 'apple' });
    assert.deepEqual(names(org.rows('SELECT Name FROM Account ORDER BY Name'), 'Name'), ['Acme', 'apple', 'Globex']);
});

test('LIMIT and OFFSET, literal or bind', () => {
    const org = makeOrg();
    assert.deepEqual(names(org.rows('SELECT LastName FROM User ORDER BY LastName LIMIT 2')), ['Admin', 'Jones']);
    assert.deepEqual(
        names(org.rows('SELECT LastName FROM User ORDER BY LastName LIMIT :n OFFSET :o', { n: 1, o: 1 })),
        ['Jones']
    );
    const e = soqlError(() => org.rows('SELECT Id FROM User LIMIT :n', { n: 'x' }));
    assert.match(e.detail, /LIMIT must be a non-negative Integer/);
    assert.match(
        soqlError(() => org.rows('SELECT Id FROM User OFFSET 2001')).detail,
        /Maximum SOQL offset allowed is 2000/
    );
});

test('without ORDER BY, shuffleUnordered changes the order; with ORDER BY it does not', () => {
    const org = makeOrg();
    for (let i = 0; i < 20; i++) org.store.insert('Account', { Name: `A${String(i).padStart(2, '0')}` });
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const plain = org.q('SELECT Name FROM Account');
    const shuffled = org.q('SELECT Name FROM Account', {}, { shuffleUnordered: true, random });
    assert.ok(plain.kind === 'rows' && shuffled.kind === 'rows');
    assert.notDeepEqual(
        shuffled.rows.map((r) => r.id),
        plain.rows.map((r) => r.id)
    );
    assert.deepEqual(new Set(shuffled.rows.map((r) => r.id)), new Set(plain.rows.map((r) => r.id)));
    const ordered = org.q('SELECT Name FROM Account ORDER BY Name', {}, { shuffleUnordered: true, random });
    assert.ok(ordered.kind === 'rows');
    const n = ordered.rows.map((r) => r.values.get('Name'));
    assert.deepEqual(
        n,
        [...n].sort((a, b) => String(a).toLowerCase().localeCompare(String(b).toLowerCase()))
    );
});

test('ALL ROWS includes deleted records; a plain query does not', () => {
    const org = makeOrg();
    org.store.delete(org.ids.c3);
    assert.equal(org.rows('SELECT Id FROM Contact').length, 2);
    assert.equal(org.rows('SELECT Id FROM Contact ALL ROWS').length, 3);
    assert.deepEqual(names(org.rows('SELECT LastName FROM Contact WHERE IsDeleted = true ALL ROWS')), ['Brown']);
});

test('COUNT() returns a count and counts as one query row; LIMIT caps the count', () => {
    const org = makeOrg();
    const r = org.q('SELECT COUNT() FROM User WHERE IsActive = true');
    assert.ok(r.kind === 'count');
    assert.equal(r.count, 2);
    assert.equal(r.rowsCounted, 1);
    const capped = org.q('SELECT COUNT() FROM User LIMIT 1');
    assert.ok(capped.kind === 'count' && capped.count === 1);
});

test('aggregates with aliases and default exprN names, GROUP BY, HAVING, ORDER BY an aggregate', () => {
    const org = makeOrg();
    const r = org.q(
        'SELECT ProfileId, COUNT(Id) n, MAX(LastName), MIN(LastName) FROM User GROUP BY ProfileId HAVING COUNT(Id) > 1'
    );
    assert.ok(r.kind === 'aggregate');
    assert.equal(r.rows.length, 1);
    const row = r.rows[0].values;
    assert.equal((row.get('ProfileId') as ApexId).id18, org.ids.profCC);
    assert.equal(row.get('n'), 2);
    assert.equal(row.get('expr0'), 'Smith');
    assert.equal(row.get('expr1'), 'Jones');
    assert.equal(r.rowsCounted, 3, 'MAX/MIN count every aggregated row');
    const byCount = org.q('SELECT AccountId, COUNT(Id) c FROM Contact GROUP BY AccountId ORDER BY COUNT(Id) DESC');
    assert.ok(byCount.kind === 'aggregate');
    assert.deepEqual(
        byCount.rows.map((x) => x.values.get('c')),
        [2, 1]
    );
    assert.equal(byCount.rowsCounted, 2, 'COUNT with GROUP BY counts one row per group');
});

test('aggregates without GROUP BY: one row, even over no records', () => {
    const org = makeOrg();
    const r = org.q(
        "SELECT COUNT(Id), SUM(NumberOfEmployees), AVG(NumberOfEmployees), COUNT_DISTINCT(Name) FROM Account WHERE Name != 'zzz'"
    );
    assert.ok(r.kind === 'aggregate');
    const v = r.rows[0].values;
    assert.equal(v.get('expr0'), 2);
    assert.equal(v.get('expr1'), 40);
    assert.ok(v.get('expr2') instanceof ApexDecimal);
    assert.equal(String(v.get('expr2')), '20');
    assert.equal(v.get('expr3'), 2);
    const none = org.q("SELECT COUNT(Id), MAX(Name) FROM Account WHERE Name = 'zzz'");
    assert.ok(none.kind === 'aggregate');
    assert.deepEqual([...none.rows[0].values.values()], [0, null]);
});

test('GROUP BY a parent path keys the row by the field name', () => {
    const org = makeOrg();
    const r = org.q('SELECT Profile.Name, COUNT(Id) FROM User GROUP BY Profile.Name ORDER BY Profile.Name');
    assert.ok(r.kind === 'aggregate');
    assert.deepEqual(
        r.rows.map((x) => [x.values.get('Name'), x.values.get('expr0')]),
        [
            ['Customer Community User', 2],
            ['System Administrator', 1]
        ]
    );
});

test('aggregate rule violations are QueryExceptions', () => {
    const org = makeOrg();
    assert.match(
        soqlError(() => org.q('SELECT LastName, COUNT(Id) FROM User GROUP BY ProfileId')).detail,
        /Field must be grouped or aggregated: LastName/
    );
    assert.match(
        soqlError(() => org.q('SELECT MAX(LastName) FROM User LIMIT 1')).detail,
        /LIMIT is not allowed in an aggregate query without GROUP BY/
    );
    assert.match(
        soqlError(() => org.q('SELECT Id FROM User WHERE COUNT(Id) > 1')).detail,
        /Aggregate functions are not allowed in the WHERE clause/
    );
    assert.match(
        soqlError(() => org.q('SELECT SUM(LastName) FROM User')).detail,
        /Invalid field LastName for SUM function/
    );
    assert.match(
        soqlError(() => org.q('SELECT LastName n FROM User')).detail,
        /Only aggregate expressions use field aliasing/
    );
});

test('INCLUDES and EXCLUDES on multipicklists (";" means all of)', () => {
    const org = makeOrg();
    org.catalog.addField(
        'Account',
        makeField({ name: 'Tier__c', type: 'multipicklist', picklistValues: ['Gold', 'Silver'] })
    );
    org.store.update(org.ids.acme, { Tier__c: 'Gold;Silver' });
    org.store.update(org.ids.globex, { Tier__c: 'Silver' });
    assert.deepEqual(names(org.rows("SELECT Name FROM Account WHERE Tier__c INCLUDES ('gold')"), 'Name'), ['Acme']);
    assert.deepEqual(names(org.rows("SELECT Name FROM Account WHERE Tier__c INCLUDES ('Gold;Silver', 'x')"), 'Name'), [
        'Acme'
    ]);
    assert.deepEqual(names(org.rows("SELECT Name FROM Account WHERE Tier__c EXCLUDES ('Gold')"), 'Name'), ['Globex']);
    assert.match(
        soqlError(() => org.rows("SELECT Id FROM Account WHERE Name INCLUDES ('a')")).detail,
        /only valid on multipicklist fields/
    );
});

test('date and datetime literals', () => {
    const org = makeOrg();
    const c = org.store.insert('Contact', { LastName: 'Born', Birthdate: ApexDate.newInstance(2000, 2, 29) });
    assert.deepEqual(names(org.rows('SELECT LastName FROM Contact WHERE Birthdate = 2000-02-29')), ['Born']);
    assert.deepEqual(
        names(org.rows('SELECT LastName FROM Contact WHERE Birthdate > 2000-02-28 AND Birthdate < 2000-03-01')),
        ['Born']
    );
    org.store.update(c.id, {});
    assert.equal(org.rows('SELECT Id FROM Account WHERE CreatedDate > 2026-06-15T11:59:59Z').length, 2);
    assert.equal(org.rows('SELECT Id FROM Account WHERE CreatedDate < 2026-06-15T03:00:00-08:00').length, 0);
});

test('date literals are evaluated in the running user time zone', () => {
    const org = makeOrg();
    // 2026-06-15 06:30 UTC is still 14 June in Los Angeles (UTC-7) but already 15 June in Tokyo.
    const earlyUtc = Date.UTC(2026, 5, 15, 6, 30);
    const a = org.store.insert('Account', { Name: 'Early' });
    (a.values as Map<string, unknown>).set('createddate', new ApexDatetime(earlyUtc));
    const la = org.q(
        "SELECT Name FROM Account WHERE Name = 'Early' AND CreatedDate = YESTERDAY",
        {},
        { timeZone: 'America/Los_Angeles', nowMs: Date.UTC(2026, 5, 15, 20, 0) }
    );
    const tokyo = org.q(
        "SELECT Name FROM Account WHERE Name = 'Early' AND CreatedDate = TODAY",
        {},
        { timeZone: 'Asia/Tokyo', nowMs: Date.UTC(2026, 5, 15, 10, 0) }
    );
    assert.ok(la.kind === 'rows' && tokyo.kind === 'rows');
    assert.equal(la.rows.length, 1);
    assert.equal(tokyo.rows.length, 1);
});

test('LAST_N_DAYS includes today; NEXT_N_DAYS starts tomorrow; date fields compare by day', () => {
    const org = makeOrg();
    const today = ApexDate.today(NOW, 'America/Los_Angeles');
    for (const d of [-3, -2, 0, 1, 2, 3])
        org.store.insert('Contact', { LastName: `d${d}`, Birthdate: today.addDays(d) });
    assert.deepEqual(names(org.rows('SELECT LastName FROM Contact WHERE Birthdate = LAST_N_DAYS:2')), ['d-2', 'd0']);
    assert.deepEqual(names(org.rows('SELECT LastName FROM Contact WHERE Birthdate = NEXT_N_DAYS:2')), ['d1', 'd2']);
    assert.deepEqual(names(org.rows('SELECT LastName FROM Contact WHERE Birthdate < TODAY')), ['d-3', 'd-2']);
    assert.deepEqual(names(org.rows('SELECT LastName FROM Contact WHERE Birthdate > TODAY')), ['d1', 'd2', 'd3']);
    assert.deepEqual(
        names(org.rows('SELECT LastName FROM Contact WHERE Birthdate >= TOMORROW AND Birthdate <= NEXT_N_DAYS:2')),
        ['d1', 'd2']
    );
});

test('security modes and locking are recorded in the plan', () => {
    const org = makeOrg();
    const r = org.q('SELECT Id FROM User WITH USER_MODE FOR UPDATE');
    assert.equal(r.plan.security, 'USER_MODE');
    assert.equal(r.plan.forUpdate, true);
    assert.match(
        soqlError(() => org.q('SELECT Id FROM User ORDER BY Name FOR UPDATE')).detail,
        /ORDER BY is not allowed in a query with FOR UPDATE/
    );
});

test('unknown objects, fields and relationships use the platform wording', () => {
    const org = makeOrg();
    const obj = soqlError(() => org.q('SELECT Id FROM Foo'));
    assert.equal(obj.kind, 'semantic');
    assert.equal(
        obj.detail,
        "sObject type 'Foo' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names."
    );
    const col = soqlError(() => org.q('SELECT Id, Foo FROM Account'));
    assert.equal(
        col.detail,
        "No such column 'Foo' on entity 'Account'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names."
    );
    assert.deepEqual(col.pos, { line: 1, col: 12, offset: 11 });
    const rel = soqlError(() => org.q('SELECT Owner.Foo.Name FROM Account'));
    assert.match(rel.detail, /^Didn't understand relationship 'Foo' in field path\./);
    const child = soqlError(() => org.q('SELECT (SELECT Id FROM Kids) FROM Account'));
    assert.match(child.detail, /^Didn't understand relationship 'Kids' in FROM part of query call\./);
    assert.equal(
        soqlError(() => org.q('SELECT Id FROM BatchApexErrorEvent')).kind,
        'semantic',
        'platform events are not queryable'
    );
});

test('platformMessage renders the query line, a caret and the row/column like API errors', () => {
    const org = makeOrg();
    const e = soqlError(() => org.q('SELECT Id, Foo FROM Account'));
    assert.equal(
        platformMessage(e),
        `\nSELECT Id, Foo FROM Account\n           ^\nERROR at Row:1:Column:12\n${e.detail}`
    );
});

test('literal type mismatches are rejected with the filter-criterion wording', () => {
    const org = makeOrg();
    assert.equal(
        soqlError(() => org.q("SELECT Id FROM User WHERE IsActive = 'true'")).detail,
        "value of filter criterion for field 'IsActive' must be of type boolean and should not be enclosed in quotes"
    );
    assert.equal(
        soqlError(() => org.q('SELECT Id FROM User WHERE LastName = 5')).detail,
        "value of filter criterion for field 'LastName' must be of type string and should be enclosed in quotes"
    );
    assert.equal(
        soqlError(() => org.q('SELECT Id FROM User WHERE CreatedDate = 2020-01-01')).kind,
        'semantic',
        'a date for a datetime field'
    );
    assert.equal(soqlError(() => org.q('SELECT Id FROM User WHERE LastName = TODAY')).kind, 'semantic');
});

test('non-filterable fields and long text areas cannot be filtered', () => {
    const org = makeOrg();
    assert.match(
        soqlError(() => org.q('SELECT Id FROM UserLicense WHERE UsedLicenses > 1')).detail,
        /can not be filtered/
    );
    assert.match(
        soqlError(() => org.q("SELECT Id FROM Account WHERE Description = 'x'")).detail,
        /can not be filtered/
    );
    assert.match(soqlError(() => org.q('SELECT Id FROM Account ORDER BY Description')).detail, /can not be sorted/);
});

test('semi-join rules', () => {
    const org = makeOrg();
    assert.match(
        soqlError(() => org.q('SELECT Id FROM User WHERE LastName IN (SELECT AssigneeId FROM PermissionSetAssignment)'))
            .detail,
        /need an Id or reference field/
    );
    assert.match(
        soqlError(() => org.q('SELECT Id FROM User WHERE Id IN (SELECT Id, AssigneeId FROM PermissionSetAssignment)'))
            .detail,
        /exactly one/
    );
    assert.match(
        soqlError(() => org.q('SELECT Id FROM User WHERE Id IN (SELECT ManagerId FROM User)')).detail,
        /same object type/
    );
});

test('unsupported constructs found while planning are emulator errors', () => {
    const org = makeOrg();
    assert.equal(
        soqlError(() => org.q('SELECT Owner.Name FROM Account WHERE CreatedDate = THIS_FISCAL_YEAR')).kind,
        'unsupported'
    );
    assert.equal(soqlError(() => org.q('SELECT COUNT(), Name FROM Account')).kind, 'unsupported');
    assert.equal(
        soqlError(() => org.q('SELECT Name, (SELECT Id FROM Contacts) FROM Account GROUP BY Name')).kind,
        'unsupported'
    );
    assert.equal(
        soqlError(() => org.q('SELECT SetupEntity.Name FROM SetupEntityAccess')).kind,
        'unsupported',
        'polymorphic relationship'
    );
    assert.equal(
        soqlError(() => org.q('SELECT Id FROM Account WHERE a.b.c.d.e.f.g = 1')).kind,
        'unsupported',
        'too deep'
    );
});

test('the index shortcut gives the same rows as a scan (by Id set and by lookup)', () => {
    const org = makeOrg();
    const viaIndex = org.rows('SELECT LastName FROM User WHERE ProfileId = :p AND IsActive = true', {
        p: org.ids.profCC
    });
    const viaScan = org.rows('SELECT LastName FROM User WHERE IsActive = true AND Profile.Id = :p', {
        p: org.ids.profCC
    });
    assert.deepEqual(viaIndex, viaScan);
    assert.deepEqual(
        names(
            org.rows('SELECT LastName FROM User WHERE Id IN :ids', {
                ids: [org.ids.uJones, org.ids.uAdmin, org.ids.acme]
            })
        ),
        ['Admin', 'Jones']
    );
});

test('rows are counted for the query-row limit', () => {
    const org = makeOrg();
    const r = org.q('SELECT Id FROM User');
    assert.ok(r.kind === 'rows');
    assert.equal(r.rowsCounted, 3);
});

test('plans are cached by query text', () => {
    const org = makeOrg();
    assert.equal(org.soql.prepare('SELECT Id FROM User'), org.soql.prepare('SELECT Id FROM User'));
});

test('LIMIT and OFFSET without ORDER BY stop early but return the same rows as a full scan', () => {
    const org = makeOrg();
    for (let i = 0; i < 10; i++) org.store.insert('Account', { Name: `N${i}`, NumberOfEmployees: i });
    const all = names(org.rows('SELECT Name FROM Account WHERE NumberOfEmployees < 100'), 'Name');
    assert.deepEqual(
        names(org.rows('SELECT Name FROM Account WHERE NumberOfEmployees < 100 LIMIT 3 OFFSET 2'), 'Name'),
        all.slice(2, 5)
    );
    assert.deepEqual(org.rows('SELECT Name FROM Account LIMIT 0'), []);
    const c = org.q('SELECT COUNT() FROM Account WHERE NumberOfEmployees < 100 LIMIT 4');
    assert.ok(c.kind === 'count' && c.count === 4);
});

test('GROUP BY keeps null apart from the text "null" and groups text ignoring case', () => {
    const org = makeOrg();
    org.store.insert('Contact', { LastName: 'x1', FirstName: 'null' });
    org.store.insert('Contact', { LastName: 'x2', FirstName: 'NULL' });
    const r = org.q('SELECT FirstName, COUNT(Id) FROM Contact GROUP BY FirstName ORDER BY COUNT(Id) DESC, FirstName');
    assert.ok(r.kind === 'aggregate');
    const groups = r.rows.map((x) => [x.values.get('FirstName'), x.values.get('expr0')]);
    assert.deepEqual(groups, [
        [null, 2],
        ['null', 2],
        ['Ann', 1]
    ]);
});

test('text comparisons are case-sensitive only for unique case-sensitive fields', () => {
    const org = makeOrg();
    org.catalog.addField(
        'Account',
        makeField({ name: 'Key__c', type: 'string', length: 10, unique: true, caseSensitive: true })
    );
    org.catalog.addField('Account', makeField({ name: 'Loose__c', type: 'string', length: 10 }));
    org.store.update(org.ids.acme, { Key__c: 'AbC', Loose__c: 'AbC' });
    assert.deepEqual(org.rows("SELECT Id FROM Account WHERE Key__c = 'abc'"), []);
    assert.equal(org.rows("SELECT Id FROM Account WHERE Key__c = 'AbC'").length, 1);
    assert.equal(org.rows("SELECT Id FROM Account WHERE Loose__c = 'abc'").length, 1);
});

test('the selected field of a semi-join cannot traverse a relationship', () => {
    const org = makeOrg();
    assert.match(
        soqlError(() => org.q('SELECT Id FROM Account WHERE Id IN (SELECT Contact.AccountId FROM User)')).detail,
        /cannot traverse relationships/
    );
});

test('a field selected twice is an error', () => {
    const org = makeOrg();
    assert.equal(soqlError(() => org.q('SELECT Id, Name, name FROM Account')).detail, 'duplicate field selected: Name');
});

test('HAVING may use grouped fields and aggregates only', () => {
    const org = makeOrg();
    const ok = org.q(
        'SELECT ProfileId, COUNT(Id) FROM User GROUP BY ProfileId HAVING ProfileId != null AND COUNT(Id) >= 1'
    );
    assert.ok(ok.kind === 'aggregate' && ok.rows.length === 2);
    assert.match(
        soqlError(() => org.q("SELECT ProfileId, COUNT(Id) FROM User GROUP BY ProfileId HAVING LastName = 'x'")).detail,
        /Field must be grouped or aggregated: LastName/
    );
});

test('a semi-join inside OR still works (it runs once per execution)', () => {
    const org = makeOrg();
    assert.deepEqual(
        names(
            org.rows(
                "SELECT LastName FROM User WHERE Id IN (SELECT AssigneeId FROM PermissionSetAssignment) OR LastName = 'Admin'"
            )
        ),
        ['Admin', 'Smith']
    );
});

test('a bind of the wrong type is a QueryException naming both types', () => {
    const org = makeOrg();
    assert.equal(
        soqlError(() => org.rows('SELECT Id FROM User WHERE IsActive = :b', { b: 'yes' })).detail,
        'Invalid bind expression type of String for column of type Boolean'
    );
    assert.equal(
        soqlError(() => org.rows('SELECT Id FROM Contact WHERE Birthdate = :d', { d: new ApexDatetime(NOW) })).detail,
        'Invalid bind expression type of Datetime for column of type Date'
    );
    assert.equal(
        org.rows('SELECT Id FROM Contact WHERE Birthdate = :d', { d: ApexDate.newInstance(1990, 1, 1) }).length,
        0
    );
    assert.equal(
        org.rows('SELECT Id FROM Account WHERE NumberOfEmployees = :n', { n: ApexDecimal.parse('10.0') }).length,
        1
    );
});

test('on a boolean field, = null means = false and != null means = true', () => {
    const org = makeOrg();
    assert.deepEqual(names(org.rows('SELECT LastName FROM User WHERE IsActive = null')), ['Jones']);
    assert.deepEqual(names(org.rows('SELECT LastName FROM User WHERE IsActive != null')), ['Admin', 'Smith']);
    assert.deepEqual(names(org.rows('SELECT LastName FROM User WHERE IsActive = :b', { b: null })), ['Jones']);
});

test('!= keeps rows whose field is null; NOT IN leaves them out', () => {
    const org = makeOrg();
    assert.deepEqual(names(org.rows("SELECT LastName FROM Contact WHERE FirstName != 'Ann'")), ['Jones', 'Brown']);
    assert.deepEqual(names(org.rows("SELECT LastName FROM Contact WHERE FirstName NOT IN ('Ann')")), []);
    assert.deepEqual(names(org.rows("SELECT LastName FROM Contact WHERE FirstName NOT IN ('Bob')")), ['Smith']);
});

test('LIKE works on text fields only and honours case-sensitive fields', () => {
    const org = makeOrg();
    assert.match(
        soqlError(() => org.rows("SELECT Id FROM User WHERE Id LIKE '005%'")).detail,
        /invalid operator on field Id: LIKE/
    );
    assert.match(soqlError(() => org.rows('SELECT Id FROM Account WHERE NumberOfEmployees LIKE 1')).detail, /LIKE/);
    org.catalog.addField(
        'Account',
        makeField({ name: 'Code__c', type: 'string', length: 10, unique: true, caseSensitive: true })
    );
    org.store.update(org.ids.acme, { Code__c: 'AbC' });
    assert.deepEqual(org.rows("SELECT Id FROM Account WHERE Code__c LIKE 'ab%'"), []);
    assert.equal(org.rows("SELECT Id FROM Account WHERE Code__c LIKE 'Ab%'").length, 1);
});

test('a null bind on a lookup matches rows whose lookup is empty (the index shortcut steps aside)', () => {
    const org = makeOrg();
    assert.deepEqual(names(org.rows('SELECT LastName FROM User WHERE ContactId = :c', { c: null })), ['Admin']);
    assert.deepEqual(names(org.rows('SELECT LastName FROM User WHERE ContactId IN :c', { c: [null, org.ids.c2] })), [
        'Admin',
        'Jones'
    ]);
});

test('nulls selected by a semi-join subquery match nothing', () => {
    const org = makeOrg();
    org.store.insert('Contact', { LastName: 'Orphan' });
    // Contact.AccountId is null for Orphan; accounts are never matched through that null.
    assert.deepEqual(names(org.rows('SELECT Name FROM Account WHERE Id IN (SELECT AccountId FROM Contact)'), 'Name'), [
        'Acme',
        'Globex'
    ]);
    assert.deepEqual(
        names(
            org.rows("SELECT LastName FROM User WHERE ContactId IN (SELECT Id FROM Contact WHERE LastName = 'Orphan')")
        ),
        []
    );
});

test('255-character text areas can be filtered and sorted; long ones cannot', () => {
    const org = makeOrg();
    org.store.update(org.ids.acme, { BillingStreet: '1 Main St' });
    assert.deepEqual(
        names(org.rows("SELECT Name FROM Account WHERE BillingStreet LIKE '1 Main%' ORDER BY BillingStreet"), 'Name'),
        ['Acme']
    );
    assert.match(soqlError(() => org.q('SELECT Id FROM Account ORDER BY Description')).detail, /can not be sorted/);
});

const planRejections: Array<[string, 'semantic' | 'unsupported', RegExp]> = [
    ['SELECT Name, (SELECT COUNT(Id) FROM Contacts) FROM Account', 'unsupported', /aggregates in a child subquery/],
    [
        'SELECT Name, (SELECT Id, (SELECT Id FROM Users) FROM Contacts) FROM Account',
        'semantic',
        /Nesting of subqueries/
    ],
    ['SELECT ApexClass.Name FROM AsyncApexJob', 'unsupported', /outside the catalog/],
    ['SELECT Id FROM Account ORDER BY COUNT(Id)', 'semantic', /Ordering by an aggregate needs GROUP BY/],
    [
        'SELECT Name, COUNT(Id) FROM Account GROUP BY Name ORDER BY Phone',
        'semantic',
        /Ordered field must be grouped or aggregated: Phone/
    ],
    ["SELECT Id FROM Account WHERE Tier__c LIKE 'G%'", 'semantic', /invalid operator on multipicklist field|LIKE/],
    [
        'SELECT Id FROM User WHERE Id IN (SELECT LastName FROM Contact)',
        'semantic',
        /must select an Id or reference field/
    ],
    [
        "SELECT ProfileId, COUNT(Id) FROM User GROUP BY ProfileId HAVING COUNT(Id) > 'x'",
        'semantic',
        /HAVING compares aggregates with numbers only/
    ]
];

for (const [text, kind, why] of planRejections) {
    test(`rejected while planning: ${text}`, () => {
        const org = makeOrg();
        org.catalog.addField(
            'Account',
            makeField({ name: 'Tier__c', type: 'multipicklist', picklistValues: ['Gold'] })
        );
        const e = soqlError(() => org.q(text));
        assert.equal(e.kind, kind);
        assert.match(e.detail, why);
        assert.equal(e.query, text);
    });
}

test('execution-time rejections: OFFSET bind over 2000, a list after =, a non-string LIKE bind, a date literal in a list', () => {
    const org = makeOrg();
    assert.match(
        soqlError(() => org.rows('SELECT Id FROM User OFFSET :o', { o: 2001 })).detail,
        /Maximum SOQL offset allowed is 2000/
    );
    assert.match(
        soqlError(() => org.rows('SELECT Id FROM User WHERE LastName = :n', { n: ['a', 'b'] })).detail,
        /needs a single value/
    );
    assert.match(
        soqlError(() => org.rows('SELECT Id FROM User WHERE LastName LIKE :n', { n: 5 })).detail,
        /LIKE needs a string/
    );
    assert.equal(soqlError(() => org.rows('SELECT Id FROM Contact WHERE Birthdate IN (TODAY)')).kind, 'unsupported');
});

test('--shuffle-unordered: the environment switch shuffles unordered results unless the context says otherwise', () => {
    const org = makeOrg();
    for (let i = 0; i < 20; i++) org.store.insert('Account', { Name: `B${String(i).padStart(2, '0')}` });
    let seed = 11;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const ids = (r: ReturnType<typeof org.q>) => (r.kind === 'rows' ? r.rows.map((x) => x.id) : []);
    const plain = ids(org.q('SELECT Name FROM Account'));
    const saved = process.env[SHUFFLE_UNORDERED_ENV];
    process.env[SHUFFLE_UNORDERED_ENV] = '1';
    try {
        assert.equal(shuffleUnorderedByEnv(), true);
        const shuffled = ids(org.q('SELECT Name FROM Account', {}, { random }));
        assert.notDeepEqual(shuffled, plain);
        assert.deepEqual(new Set(shuffled), new Set(plain));
        assert.deepEqual(ids(org.q('SELECT Name FROM Account', {}, { random, shuffleUnordered: false })), plain);
    } finally {
        if (saved === undefined) delete process.env[SHUFFLE_UNORDERED_ENV];
        else process.env[SHUFFLE_UNORDERED_ENV] = saved;
    }
    assert.equal(shuffleUnorderedByEnv(), false);
    assert.deepEqual(ids(org.q('SELECT Name FROM Account', {}, { random })), plain);
});
