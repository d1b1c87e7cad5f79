import { JqlError, parseJql } from './jql-parser';

describe('parseJql', () => {
  it('parses precedence (AND binds tighter than OR), parentheses, IN and ORDER BY', () => {
    expect(parseJql('project = DEMO AND (status = "In Progress" OR type in (Bug, Task)) ORDER BY created DESC, key')).toEqual({
      where: {
        kind: 'and',
        children: [
          { kind: 'clause', field: 'project', op: '=', values: ['DEMO'] },
          {
            kind: 'or',
            children: [
              { kind: 'clause', field: 'status', op: '=', values: ['In Progress'] },
              { kind: 'clause', field: 'type', op: 'in', values: ['Bug', 'Task'] },
            ],
          },
        ],
      },
      orderBy: [
        { field: 'created', direction: 'desc' },
        { field: 'key', direction: 'asc' },
      ],
    });
    expect(parseJql('a = 1 OR b = 2 AND c = 3').where).toMatchObject({ kind: 'or', children: [{ kind: 'clause' }, { kind: 'and' }] });
  });

  it('understands NOT IN, !=, ~, IS EMPTY, currentUser() and an empty query', () => {
    expect(parseJql('status NOT IN (Done) AND assignee = currentUser() AND summary ~ \'cookie\' AND assignee IS EMPTY AND type != Bug').where).toMatchObject({
      kind: 'and',
      children: [
        { op: 'not in', values: ['Done'] },
        { op: '=', values: [{ fn: 'currentuser', args: [] }] },
        { op: '~', values: ['cookie'] },
        { op: '=', values: [{ empty: true }] },
        { op: '!=', values: ['Bug'] },
      ],
    });
    expect(parseJql('')).toEqual({ where: null, orderBy: [] });
    expect(parseJql('ORDER BY updated').orderBy).toEqual([{ field: 'updated', direction: 'asc' }]);
  });

  it('parses comparison operators, IS NULL, functions with arguments and relative dates', () => {
    expect(parseJql('created >= -30d AND updated<"2020/01/01 10:00" AND key > DEMO-3 AND duedate <= startOfDay(-1d) AND resolution is null AND priority IS NOT NULL').where).toMatchObject({
      kind: 'and',
      children: [
        { field: 'created', op: '>=', values: ['-30d'] },
        { field: 'updated', op: '<', values: ['2020/01/01 10:00'] },
        { field: 'key', op: '>', values: ['DEMO-3'] },
        { field: 'duedate', op: '<=', values: [{ fn: 'startofday', args: ['-1d'] }] },
        { field: 'resolution', op: '=', values: [{ empty: true }] },
        { field: 'priority', op: '!=', values: [{ empty: true }] },
      ],
    });
    expect(parseJql('created > endOfMonth("+1M") OR created < now()').where).toMatchObject({
      children: [{ values: [{ fn: 'endofmonth', args: ['+1M'] }] }, { values: [{ fn: 'now', args: [] }] }],
    });
  });

  it.each(['status WAS Done', 'status was in (Done)', 'assignee CHANGED', 'status NOT WAS Done', 'status changed FROM Open'])('refuses the history operator in %j, saying it is not supported', (jql) => {
    expect(() => parseJql(jql)).toThrow(JqlError);
    expect(() => parseJql(jql)).toThrow(/The operator '(WAS|CHANGED)' is not supported: tokenshift keeps no history/);
  });

  it.each([
    ['project =', /Expecting a value/],
    ['created > startOfDay(-1d', /Expecting '\)' after the arguments of 'startOfDay'/],
    ['created >> now()', /Expecting a value but got '>'/],
    ['project = "DEMO', /not closed/],
    ['(status = Done', /Expecting '\)'/],
    ['status = Done AND', /Expecting a field name/],
    ['status Done', /Expecting an operator/],
    ['status = Done; DROP TABLE "Issue"', /reserved JQL character/],
    ['ORDER status', /Expecting 'BY'/],
    [`${'('.repeat(51)}a = 1${')'.repeat(51)}`, /nested more than 50 levels/],
    [`${'NOT '.repeat(51)}a = 1`, /nested more than 50 levels/],
  ])('rejects %j with a Jira-style message', (jql, message) => {
    expect(() => parseJql(jql)).toThrow(JqlError);
    expect(() => parseJql(jql)).toThrow(message);
  });

  it('accepts nesting up to the limit, however many groups follow each other', () => {
    expect(parseJql(`${'('.repeat(50)}a = 1${')'.repeat(50)}`).where).toEqual({ kind: 'clause', field: 'a', op: '=', values: ['1'] });
    expect(parseJql(Array.from({ length: 200 }, () => '(NOT a = 1)').join(' OR ')).where).toMatchObject({ kind: 'or' });
  });

  describe('limits', () => {
    const list = (count: number, value = (i: number) => `u${i}`) => `assignee in (${Array.from({ length: count }, (_, i) => value(i)).join(',')})`;
    const clauses = (count: number) => Array.from({ length: count }, (_, i) => `key = K-${i}`).join(' OR ');

    it('takes a list of up to 1,000 values and a query of up to 200 clauses by default', () => {
      expect(parseJql(list(1000)).where).toMatchObject({ kind: 'clause', values: expect.arrayContaining(['u0', 'u999']) });
      expect(parseJql(clauses(200)).where).toMatchObject({ kind: 'or', children: expect.any(Array) });
    });

    it('refuses a longer list, counting values as written (duplicates too), naming the limit', () => {
      expect(() => parseJql(list(1001))).toThrow(new JqlError('Error in the JQL Query: A list has more than 1000 values, the most allowed (at position 4904).'));
      expect(() => parseJql(list(3300, () => 'x'))).toThrow(/A list has more than 1000 values/);
      expect(() => parseJql(`status NOT IN (${Array(1001).fill('Done').join(',')})`)).toThrow(/A list has more than 1000 values/);
    });

    it('refuses more clauses, naming the limit', () => {
      expect(() => parseJql(clauses(201))).toThrow(/The query has more than 200 clauses, the most allowed/);
      expect(() => parseJql(`${Array(101).fill('(status = A AND NOT type = B)').join(' OR ')}`)).toThrow(/more than 200 clauses/);
    });

    it('applies the limits it is given', () => {
      expect(() => parseJql(list(3), { maxValues: 2, maxClauses: 200 })).toThrow(/more than 2 values/);
      expect(() => parseJql(clauses(3), { maxValues: 1000, maxClauses: 2 })).toThrow(/more than 2 clauses/);
      expect(parseJql(list(2), { maxValues: 2, maxClauses: 1 }).where).toMatchObject({ values: ['u0', 'u1'] });
    });
  });
});
