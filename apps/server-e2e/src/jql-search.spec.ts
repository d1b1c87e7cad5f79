import { createTestDatabase, TEST_DATABASE_KINDS, TestDatabase } from '@tokenshift/db/testing';
import { RunningServer, startServer } from '@tokenshift/testing';

/**
 * Issue 20: the JQL people write, through the real app on the demo data. Expected totals are worked
 * out from the issues themselves (all read back first), so a seed that gains due dates, resolutions
 * or Closed bugs keeps the test meaningful.
 */
const SEARCH = '/rest/api/2/search';

interface SearchIssue {
  key: string;
  fields: Record<string, unknown> & { issuetype: { name: string }; status: { name: string }; assignee: { name: string } | null };
}

interface SearchAnswer {
  status: number;
  total?: number;
  keys: string[];
  errorMessages?: string[];
  errors?: Record<string, string>;
}

describe.each(TEST_DATABASE_KINDS)('JQL search through the app on %s', (kind) => {
  let database: TestDatabase;
  let server: RunningServer;
  let headers: Record<string, string>;
  let issues: SearchIssue[];

  async function search(jql: string): Promise<SearchAnswer> {
    const response = await fetch(`${server.url}${SEARCH}`, { method: 'POST', headers, body: JSON.stringify({ jql, maxResults: 1000 }) });
    const body = (await response.json()) as { total?: number; issues?: SearchIssue[]; errorMessages?: string[]; errors?: Record<string, string> };
    return { status: response.status, total: body.total, keys: (body.issues ?? []).map((issue) => issue.key).sort(), errorMessages: body.errorMessages, errors: body.errors };
  }

  /** The keys of the demo issues that satisfy a test, sorted, as the search answers them. */
  const keysWhere = (test: (issue: SearchIssue) => boolean) => issues.filter(test).map((issue) => issue.key).sort();
  const found = (keys: string[]) => ({ status: 200, total: keys.length, keys });
  const isEmpty = (value: unknown) => value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);

  beforeAll(async () => {
    database = await createTestDatabase(kind, 'e2e_jql_search');
    server = await startServer({ DATABASE_URL: database.url, DEMO_DATA: 'true' }, 90_000);
    headers = { Authorization: `Bearer ${server.demoToken()}`, 'Content-Type': 'application/json' };
    const response = await fetch(`${server.url}${SEARCH}?jql=${encodeURIComponent('ORDER BY key')}&maxResults=1000`, { headers });
    issues = ((await response.json()) as { issues: SearchIssue[] }).issues;
    expect(issues.length).toBeGreaterThanOrEqual(6);
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it('compares dates: relative periods, absolute dates and functions', async () => {
    const all = keysWhere(() => true);
    expect(await search('created >= -30d')).toEqual(found(all));
    expect(await search('created >= "2020-01-01"')).toEqual(found(all));
    expect(await search('created < "2020/01/01 00:00"')).toEqual(found([]));
    expect(await search('created >= startOfDay(-1) AND updated <= now()')).toEqual(found(all));
    expect(await search('created > endOfDay()')).toEqual(found([]));
    expect(await search('duedate < now()')).toEqual(found(keysWhere((issue) => !isEmpty(issue.fields.duedate) && Date.parse(String(issue.fields.duedate)) < Date.now())));
  });

  it('compares keys within their project, by number', async () => {
    expect(await search('key > DEMO-3')).toEqual(found(keysWhere((issue) => Number(issue.key.split('-')[1]) > 3)));
    expect(await search('key > DEMO-3')).toMatchObject({ keys: expect.arrayContaining(['DEMO-4', 'DEMO-5', 'DEMO-6']) });
    expect(await search('issuekey <= demo-2')).toEqual(found(['DEMO-1', 'DEMO-2']));
  });

  it('answers IS [NOT] EMPTY on every field from what the issues hold (labels stored as nothing are EMPTY)', async () => {
    expect(await search('project is not EMPTY')).toEqual(found(keysWhere(() => true)));
    expect(await search('project is EMPTY')).toEqual(found([]));
    expect(await search('description is EMPTY')).toEqual(found(keysWhere((issue) => isEmpty(issue.fields.description))));
    expect(await search('priority is EMPTY')).toEqual(found(keysWhere((issue) => isEmpty(issue.fields.priority))));
    const unlabelled = keysWhere((issue) => isEmpty(issue.fields.labels));
    expect(unlabelled.length).toBeGreaterThan(0);
    expect(await search('labels is EMPTY')).toEqual(found(unlabelled));
    expect(await search('labels is not EMPTY')).toEqual(found(keysWhere((issue) => !isEmpty(issue.fields.labels))));
    const unresolved = keysWhere((issue) => isEmpty(issue.fields.resolution));
    expect(await search('resolution = Unresolved')).toEqual(found(unresolved));
    expect(await search('resolution is EMPTY')).toEqual(found(unresolved));
  });

  it("leaves unassigned issues out of != and NOT IN, as Jira does", async () => {
    const assignedToOthers = keysWhere((issue) => issue.fields.assignee !== null && issue.fields.assignee.name !== 'alice');
    expect(assignedToOthers.length).toBeGreaterThan(0);
    expect(await search('assignee != alice')).toEqual(found(assignedToOthers));
    expect(await search('assignee not in (alice)')).toEqual(found(assignedToOthers));
    expect(await search('NOT assignee = alice')).toEqual(found(assignedToOthers));
    expect(await search('assignee != alice OR assignee is EMPTY')).toEqual(found(keysWhere((issue) => issue.fields.assignee?.name !== 'alice')));
    expect(await search('assignee = currentUser()')).toEqual(found(keysWhere((issue) => issue.fields.assignee?.name === 'demo')));
  });

  it("finds a project by name, and answers one that does not exist with Jira's 400", async () => {
    expect(await search('project = "Demo Project"')).toEqual(found(keysWhere(() => true)));
    expect(await search('project = "demo project" AND project = demo')).toEqual(found(keysWhere(() => true)));
    expect(await search('project = NOPE')).toMatchObject({ status: 400, errorMessages: ["The value 'NOPE' does not exist for the field 'project'."], errors: {} });
  });

  it("answers Atlassian's example, type = Bug AND status = Closed, from the issues", async () => {
    const closedBugs = keysWhere((issue) => issue.fields.issuetype.name === 'Bug' && issue.fields.status.name === 'Closed');
    expect(await search('type = Bug AND status = Closed')).toEqual(found(closedBugs));
  });

  it("refuses what it cannot answer with a 400 in Jira's envelope that says why", async () => {
    expect(await search('status WAS Done')).toMatchObject({ status: 400, errorMessages: [expect.stringMatching(/The operator 'WAS' is not supported/)], errors: {} });
    expect(await search('assignee CHANGED')).toMatchObject({ status: 400, errorMessages: [expect.stringMatching(/The operator 'CHANGED' is not supported/)] });
    expect(await search('created > "2020-13-45"')).toMatchObject({ status: 400, errorMessages: [expect.stringMatching(/^Date value '2020-13-45' for field 'created' is invalid\. Valid formats include/)] });
    expect(await search('key > DEMO-999')).toMatchObject({ status: 400, errorMessages: ["An issue with key 'DEMO-999' does not exist for field 'key'."] });
    expect(await search('status > Done')).toMatchObject({ status: 400, errorMessages: [expect.stringMatching(/The operator '>' is not supported by the 'status' field/)] });
  });
});
