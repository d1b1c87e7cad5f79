import fc from 'fast-check';
import { JqlError, parseJql } from './jql-parser';
import { jqlToOrderBy, jqlToWhere } from './jql-to-prisma';

/** Whatever the input, the JQL pipeline either answers or fails with a JqlError (a 400), never anything else. */
function runPipeline(jql: string): void {
  try {
    const query = parseJql(jql);
    const time = { now: new Date('2026-12-06T12:00:00Z'), timeZone: 'UTC' };
    if (query.where) jqlToWhere(query.where, { currentUserId: '00000000-0000-4000-8000-000000000000', time, users: new Map(), projects: new Map(), issues: new Map() });
    jqlToOrderBy(query.orderBy);
  } catch (error) {
    if (!(error instanceof JqlError)) throw error;
  }
}

const jqlWord = fc.constantFrom(
  'project', 'status', 'type', 'issuetype', 'assignee', 'reporter', 'summary', 'labels', 'key', 'foo',
  '=', '!=', '~', '!~', 'IN', 'NOT', 'AND', 'OR', 'IS', 'EMPTY', 'ORDER', 'BY', 'ASC', 'DESC',
  '(', ')', ',', '"In Progress"', "'x'", 'DEMO', 'Bug', 'currentUser()', 'currentUser', '"', ';', '\\',
  'created', 'duedate', 'resolution', 'description', '<', '<=', '>', '>=', 'WAS', 'CHANGED', 'NULL', '-30d', '"2020/01/01 10:00"',
  'now()', 'startOfDay(-1d)', 'endOfMonth(', 'startOfWeek', 'Unresolved', 'DEMO-3', '10001', '"-4w 2d"', '2020-13-45',
);

describe('JQL pipeline (property)', () => {
  it('never throws anything but a JqlError on arbitrary text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (jql) => runPipeline(jql)), { numRuns: 2000 });
  });

  it('never throws anything but a JqlError on sequences of JQL tokens', () => {
    fc.assert(fc.property(fc.array(jqlWord, { maxLength: 25 }), (words) => runPipeline(words.join(' '))), { numRuns: 3000 });
  });

  it('parses every well-formed clause', () => {
    const field = fc.constantFrom('project', 'status', 'type', 'assignee', 'reporter', 'labels');
    const value = fc.stringMatching(/^[A-Za-z][A-Za-z0-9 ]{0,10}$/).map((v) => `"${v}"`);
    const clause = fc.tuple(field, fc.constantFrom('=', '!='), value).map((parts) => parts.join(' '));
    fc.assert(
      fc.property(fc.array(clause, { minLength: 1, maxLength: 5 }), fc.constantFrom(' AND ', ' OR '), (clauses, joiner) => {
        expect(parseJql(clauses.join(joiner)).where).not.toBeNull();
      }),
    );
  });
});
