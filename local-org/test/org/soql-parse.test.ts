import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSoql, SoqlError } from '../../src/frontend/soql';

function errorOf(text: string): SoqlError {
    try {
        parseSoql(text);
    } catch (e) {
        assert.ok(e instanceof SoqlError, `expected SoqlError, got ${e}`);
        return e;
    }
    assert.fail(`expected ${text} to be rejected`);
}

test('select list: fields, parent paths, subqueries, aggregates with and without aliases', () => {
    const q = parseSoql(
        'SELECT Id, Profile.UserLicense.Name, (SELECT Id FROM Contacts), COUNT(Id) n, MAX(Name) FROM User GROUP BY Id'
    );
    assert.equal(q.select.length, 5);
    assert.deepEqual(q.select[1], {
        k: 'field',
        path: { k: 'path', parts: ['Profile', 'UserLicense', 'Name'], pos: { line: 1, col: 12, offset: 11 } },
        alias: null
    });
    assert.equal(q.select[2].k, 'subquery');
    const agg = q.select[3];
    assert.ok(agg.k === 'agg');
    assert.equal(agg.call.fn, 'COUNT');
    assert.equal(agg.alias, 'n');
    const max = q.select[4];
    assert.ok(max.k === 'agg' && max.alias === null && max.call.fn === 'MAX');
});

test('COUNT() has no argument', () => {
    const q = parseSoql('SELECT COUNT() FROM Account');
    const item = q.select[0];
    assert.ok(item.k === 'agg');
    assert.equal(item.call.arg, null);
});

test('WHERE: AND/OR/NOT, nesting, all operators, <> is !=', () => {
    const q = parseSoql(
        "SELECT Id FROM Account WHERE (Name = 'a' OR Name != 'b') AND (NOT Name <> 'c') AND Name LIKE 'x%' AND Name IN ('p','q') AND Name NOT IN ('r') AND NumberOfEmployees < 1 AND NumberOfEmployees <= 2 AND NumberOfEmployees > 3 AND NumberOfEmployees >= 4"
    );
    assert.ok(q.where && q.where.k === 'and');
    assert.equal(q.where.items.length, 9);
    assert.equal(q.where.items[0].k, 'or');
    const not = q.where.items[1];
    assert.ok(not.k === 'not' && not.item.k === 'cmp' && not.item.op === '!=');
    const ops = q.where.items.slice(2).map((c) => (c.k === 'cmp' ? c.op : c.k));
    assert.deepEqual(ops, ['LIKE', 'IN', 'NOT IN', '<', '<=', '>', '>=']);
});

test('values: null, booleans, numbers, strings with escapes, dates, datetimes, date literals, binds', () => {
    const q = parseSoql(
        "SELECT Id FROM Account WHERE a = null AND b = TRUE AND c = -1.5 AND d = 'it\\'s\\n' AND e = 2020-01-31 AND f = 2020-01-31T10:00:00Z AND g = LAST_N_DAYS:7 AND h = TODAY AND i IN :ids AND j = :acc.Name"
    );
    assert.ok(q.where && q.where.k === 'and');
    const vals = q.where.items.map((c) => (c.k === 'cmp' ? c.value : null));
    assert.deepEqual(vals[0], { k: 'null' });
    assert.deepEqual(vals[1], { k: 'boolean', value: true });
    assert.deepEqual(vals[2], { k: 'number', text: '-1.5' });
    assert.deepEqual(vals[3], { k: 'string', value: "it's\n" });
    assert.deepEqual(vals[4], { k: 'date', text: '2020-01-31' });
    assert.deepEqual(vals[5], { k: 'datetime', text: '2020-01-31T10:00:00Z' });
    assert.ok(vals[6]?.k === 'dateLiteral' && vals[6].name === 'LAST_N_DAYS' && vals[6].n === 7);
    assert.ok(vals[7]?.k === 'dateLiteral' && vals[7].name === 'TODAY' && vals[7].n === null);
    assert.ok(vals[8]?.k === 'bind' && vals[8].text === 'ids');
    assert.ok(vals[9]?.k === 'bind' && vals[9].text === 'acc.Name');
});

test('semi-join and anti-join subqueries lower to subquery values', () => {
    const q = parseSoql(
        'SELECT Id FROM User WHERE Id IN (SELECT AssigneeId FROM PermissionSetAssignment) AND Id NOT IN (SELECT MemberId FROM NetworkMember)'
    );
    assert.ok(q.where && q.where.k === 'and');
    const [a, b] = q.where.items;
    assert.ok(
        a.k === 'cmp' &&
            a.op === 'IN' &&
            a.value.k === 'subquery' &&
            a.value.query.from.name === 'PermissionSetAssignment'
    );
    assert.ok(b.k === 'cmp' && b.op === 'NOT IN' && b.value.k === 'subquery');
});

test('ORDER BY, NULLS, LIMIT/OFFSET literal and bind, security modes, locking clauses, ALL ROWS', () => {
    const q = parseSoql('SELECT Id FROM Account ORDER BY Name DESC NULLS LAST, Id LIMIT :n OFFSET 10');
    assert.deepEqual(
        q.orderBy.map((o) => [o.desc, o.nullsLast]),
        [
            [true, true],
            [false, null]
        ]
    );
    assert.ok(q.limit?.k === 'bind' && q.limit.text === 'n');
    assert.deepEqual(q.offset, { k: 'number', value: 10 });
    assert.equal(parseSoql('SELECT Id FROM Account WITH USER_MODE').security, 'USER_MODE');
    assert.equal(parseSoql('SELECT Id FROM Account WITH SYSTEM_MODE').security, 'SYSTEM_MODE');
    assert.equal(parseSoql('SELECT Id FROM Account WITH SECURITY_ENFORCED').security, 'SECURITY_ENFORCED');
    assert.equal(parseSoql('SELECT Id FROM Account FOR UPDATE').forUpdate, true);
    assert.equal(parseSoql('SELECT Id FROM Account FOR VIEW').forView, true);
    assert.equal(parseSoql('SELECT Id FROM Account FOR REFERENCE').forReference, true);
    assert.equal(parseSoql('SELECT Id FROM Account ALL ROWS').allRows, true);
});

test('GROUP BY and HAVING', () => {
    const q = parseSoql('SELECT ProfileId, COUNT(Id) FROM User GROUP BY ProfileId HAVING COUNT(Id) > 1');
    assert.deepEqual(
        q.groupBy.map((g) => g.parts),
        [['ProfileId']]
    );
    assert.ok(q.having && q.having.k === 'cmp' && q.having.left.k === 'agg');
});

test('keywords are case-insensitive', () => {
    const q = parseSoql("select id from account where name = 'x' order by name asc nulls first limit 5");
    assert.equal(q.from.name, 'account');
    assert.equal(q.limit?.k === 'number' && q.limit.value, 5);
});

test('syntax errors carry the query text and the position', () => {
    const e = errorOf('SELECT FROM Account');
    assert.equal(e.kind, 'syntax');
    assert.equal(e.query, 'SELECT FROM Account');
    assert.ok(e.pos && e.pos.line === 1);
});

test('trailing tokens after a complete query are rejected (query() does not demand EOF)', () => {
    const e = errorOf("SELECT Id FROM Account WHERE Name = 'a' b");
    assert.equal(e.kind, 'syntax');
    assert.match(e.detail, /unexpected token: 'b'/);
    assert.equal(e.pos?.col, 41);
});

test('mixing AND and OR without parentheses is a syntax error', () => {
    assert.equal(errorOf('SELECT Id FROM Account WHERE a = 1 AND b = 2 OR c = 3').kind, 'syntax');
});

test('IN without a list is a syntax error', () => {
    const e = errorOf("SELECT Id FROM Account WHERE Name IN 'a'");
    assert.equal(e.kind, 'syntax');
});

const unsupportedCases: Array<[string, RegExp]> = [
    ['SELECT TYPEOF What WHEN Account THEN Name END FROM Event', /TYPEOF/],
    ['SELECT FIELDS(ALL) FROM Account LIMIT 200', /FIELDS\(\)/],
    ['SELECT Id FROM KnowledgeArticleVersion WITH DATA CATEGORY Geography__c AT usa__c', /WITH DATA CATEGORY/],
    ['SELECT Name, COUNT(Id) FROM Account GROUP BY ROLLUP(Name)', /ROLLUP/],
    ['SELECT Name, COUNT(Id) FROM Account GROUP BY CUBE(Name)', /CUBE/],
    ['SELECT Id FROM Account USING SCOPE Mine', /USING SCOPE/],
    ['SELECT Id FROM Account a', /aliases in FROM/],
    ['SELECT Id FROM Account UPDATE TRACKING', /UPDATE TRACKING/],
    ['SELECT toLabel(Industry) FROM Account', /TOLABEL/],
    ['SELECT FORMAT(AnnualRevenue) FROM Account', /FORMAT/],
    ['SELECT CALENDAR_YEAR(CreatedDate), COUNT(Id) FROM Account GROUP BY CALENDAR_YEAR(CreatedDate)', /CALENDAR_YEAR/],
    ["SELECT Id FROM Account WHERE Name = 'a' AND Name > (SELECT Id FROM Contact)", /subquery after >/],
    ["SELECT Id FROM Account WHERE Name = ('a','b')", /value list after =/]
];

for (const [text, why] of unsupportedCases) {
    test(`rejected loudly as unsupported: ${text}`, () => {
        const e = errorOf(text);
        assert.equal(e.kind, 'unsupported');
        assert.match(e.detail, why);
        assert.match(e.detail, /not supported by the local org/);
        assert.equal(e.query, text);
        assert.ok(e.pos, 'a position');
        assert.ok(e.message.includes(text), 'the message quotes the query');
    });
}

test('SOSL text is rejected as unsupported, not as a syntax error', () => {
    const e = errorOf("FIND 'Acme' IN ALL FIELDS RETURNING Account(Name)");
    assert.equal(e.kind, 'unsupported');
    assert.match(e.detail, /SOSL/);
});

test('binds keep the whole Apex expression text: fields, indexes, method calls', () => {
    const q = parseSoql(
        'SELECT Id FROM Account WHERE Name = :acc.Name AND Id IN :ids[0].keySet() AND Site = :String.valueOf(x + 1) LIMIT :lim'
    );
    assert.ok(q.where && q.where.k === 'and');
    const texts = q.where.items.map((c) => (c.k === 'cmp' && c.value.k === 'bind' ? c.value.text : null));
    assert.deepEqual(texts, ['acc.Name', 'ids[0].keySet()', 'String.valueOf(x + 1)']);
    assert.ok(q.limit?.k === 'bind' && q.limit.text === 'lim');
    const bind = q.where.items[0];
    assert.ok(bind.k === 'cmp' && bind.value.k === 'bind');
    assert.deepEqual(bind.value.pos, { line: 1, col: 37, offset: 36 });
});

const moreUnsupported: Array<[string, RegExp]> = [
    ['SELECT Id FROM Account, Contact', /several objects/],
    ['SELECT Id FROM Account.Contacts', /dotted FROM name/],
    ['SELECT Id, (SELECT Id FROM Contacts) kids FROM Account', /alias on a subquery/],
    ['SELECT Id FROM Account WHERE CreatedDate > 10:00:00.000Z', /time literals/],
    ['SELECT Id FROM Account WHERE AnnualRevenue > USD5000', /currency literals/],
    ["SELECT Id FROM Account WHERE FORMULA('1') = 1", /FORMULA/],
    ['SELECT Id, (SELECT Id FROM Contacts UPDATE VIEWSTAT) FROM Account', /UPDATE TRACKING/]
];

for (const [text, why] of moreUnsupported) {
    test(`rejected loudly as unsupported (more): ${text}`, () => {
        let err: SoqlError | null = null;
        try {
            parseSoql(text);
        } catch (e) {
            err = e as SoqlError;
        }
        assert.ok(err instanceof SoqlError, `expected a SoqlError for ${text}`);
        assert.equal(err.kind, 'unsupported');
        assert.match(err.detail, why);
        assert.ok(err.pos, 'a position');
    });
}

test('an illegal escape in a string literal is a syntax error', () => {
    const e = errorOf("SELECT Id FROM Account WHERE Name = 'a\\qb'");
    assert.equal(e.kind, 'syntax');
});
