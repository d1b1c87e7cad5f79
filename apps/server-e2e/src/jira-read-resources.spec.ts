import { createTestDatabase, TestDatabase } from '@tokenshift/db/testing';
import { basic, cookieFrom, type CreatedToken, DEMO_PASSWORD, type ErrorBody, login, RunningServer, startServer } from '@tokenshift/testing';

// A real Jira client library from npm, used unchanged.
const JiraConnector = require('jira-connector');
const request = require('request');

/** The parts of Jira's answers the tests read. */
interface Named {
  id: string;
  name: string;
}
interface Issue {
  id: string;
  key: string;
  fields: Record<string, unknown>;
}
interface IssuePage {
  issues: Issue[];
  nextPageToken?: string;
  isLast?: boolean;
}
interface CreateMetaField {
  allowedValues?: unknown[];
}
interface CreateMeta {
  projects: { issuetypes: (Named & { fields?: Record<string, CreateMetaField> })[] }[];
}

/** PGlite runs its migrations in Wasm on start: slower than PostgreSQL. */
const START_MS = 120_000;

/** Jira's read resources (projects, issue types, statuses…) and its numeric ids, through the real app. */
describe.each(['pglite', 'postgres'] as const)('Jira read resources on %s', (kind) => {
  let database: TestDatabase;
  let server: RunningServer;
  let token: string;

  /** The answer, its body read as `T` (the shape the test expects). */
  async function call<T = unknown>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    // A header given as '' is left out (no credentials, or a cookie alone).
    const all = { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers };
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: Object.fromEntries(Object.entries(all).filter(([, value]) => value !== '')),
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : undefined) as T };
  }
  const get = <T = unknown>(path: string, headers?: Record<string, string>) => call<T>('GET', path, undefined, headers);

  beforeAll(async () => {
    database = await createTestDatabase(kind, 'e2e_jira_read');
    server = await startServer({ DATABASE_URL: database.url, DEMO_DATA: 'true' }, START_MS);
    token = server.demoToken()!;
  }, START_MS);
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  describe('numeric ids', () => {
    it('shows Jira-style numeric ids for the project, issue type, status and priority of an issue', async () => {
      const { status, body } = await get<Issue>('/rest/api/2/issue/DEMO-2');
      expect(status).toBe(200);
      expect(body.fields).toMatchObject({
        project: { id: '10000', key: 'DEMO', self: `${server.url}/rest/api/2/project/10000` },
        issuetype: { id: '1', name: 'Bug', subtask: false, self: `${server.url}/rest/api/2/issuetype/1` },
        status: { id: '10000', name: 'To Do', statusCategory: { key: 'new' } },
        priority: { id: '3', name: 'Medium' },
        resolution: null,
      });
    });

    it('creates an issue with the project, issue type and priority named by id (strings or JSON numbers)', async () => {
      for (const fields of [
        { project: { id: '10000' }, issuetype: { id: '10001' }, priority: { id: '2' } },
        { project: { id: 10000 }, issuetype: { id: 10001 }, priority: { id: 2 } },
      ]) {
        const created = await call<Issue>('POST', '/rest/api/2/issue', { fields: { ...fields, summary: 'made by ids' } });
        expect(created.status).toBe(201);
        const { body } = await get<Issue>(`/rest/api/2/issue/${created.body.key}`);
        expect(body.fields).toMatchObject({ project: { key: 'DEMO' }, issuetype: { name: 'Story' }, priority: { name: 'High' }, status: { name: 'To Do' } });
      }
    });

    it('creates an issue with the project by key and the issue type and priority by name in any case', async () => {
      const created = await call<Issue>('POST', '/rest/api/2/issue', { fields: { project: { key: 'demo' }, issuetype: { name: 'task' }, priority: { name: 'LOW' }, summary: 'by name' } });
      expect(created.status).toBe(201);
      expect((await get<Issue>(`/rest/api/2/issue/${created.body.id}`)).body.fields).toMatchObject({ issuetype: { id: '3' }, priority: { id: '4' } });
    });

    it('answers unknown or missing references by field, in Jira’s envelope', async () => {
      const unknown = await call('POST', '/rest/api/2/issue', { fields: { project: { id: '99999' }, issuetype: { id: '777' }, priority: { name: 'Urgent' }, summary: 'x' } });
      expect(unknown).toMatchObject({
        status: 400,
        body: { errorMessages: [], errors: { project: 'valid project is required', issuetype: 'valid issue type is required', priority: 'The priority selected is invalid.' } },
      });
      const missing = await call('POST', '/rest/api/2/issue', { fields: { summary: 'x' } });
      expect(missing).toMatchObject({ status: 400, body: { errors: { project: 'project is required', issuetype: 'issue type is required' } } });
      const notAnId = await call('POST', '/rest/api/2/issue', { fields: { project: { id: 'DEMO' }, issuetype: { name: 'Bug' }, summary: 'x' } });
      expect(notAnId).toMatchObject({ status: 400, body: { errors: { project: 'valid project is required' } } });
    });

    it('answers Atlassian’s own example, type = Bug AND status = Closed, with the Closed bugs, resolved', async () => {
      const { status, body } = await call<IssuePage>('POST', '/rest/api/2/search', { jql: 'type = Bug AND status = Closed ORDER BY key' });
      expect(status).toBe(200);
      expect(body.issues.map((issue) => issue.key)).toEqual(['DEMO-7', 'DEMO-8']);
      expect(body.issues[0]?.fields).toMatchObject({ status: { id: '6', statusCategory: { key: 'done' } }, resolution: { id: '1', name: 'Fixed' } });
    });
  });

  describe('projects', () => {
    it('lists the projects in Jira Server’s shape, under /2 and /latest', async () => {
      for (const version of ['2', 'latest']) {
        const { status, body } = await get(`/rest/api/${version}/project?expand=description,lead`);
        expect(status).toBe(200);
        expect(body).toEqual([
          expect.objectContaining({
            self: `${server.url}/rest/api/2/project/10000`,
            id: '10000',
            key: 'DEMO',
            name: 'Demo Project',
            projectTypeKey: 'software',
            description: expect.any(String),
            lead: expect.objectContaining({ name: 'demo' }),
          }),
        ]);
      }
    });

    it('answers one project by key (any case) or id, with its lead and issue types; an unknown one 404', async () => {
      for (const idOrKey of ['DEMO', 'demo', '10000']) {
        const { status, body } = await get<{ issueTypes: Named[] }>(`/rest/api/2/project/${idOrKey}`);
        expect(status).toBe(200);
        expect(body).toMatchObject({ id: '10000', key: 'DEMO', lead: { name: 'demo' }, projectTypeKey: 'software', archived: false });
        expect(body.issueTypes.map((type) => `${type.id} ${type.name}`)).toEqual(['1 Bug', '3 Task', '10000 Epic', '10001 Story']);
      }
      const missing = await get('/rest/api/latest/project/NOPE');
      expect(missing).toMatchObject({ status: 404, body: { errorMessages: ["No project could be found with key 'NOPE'."], errors: {} } });
      expect(missing.headers.get('x-ausername')).toBe('demo');
      expect(await get('/rest/api/2/project/99999')).toMatchObject({ status: 404, body: { errorMessages: ["No project could be found with id '99999'."] } });
    });

    it('pages the Cloud project search (values, startAt, maxResults, total, isLast), filters it and caps maxResults', async () => {
      const all = await get('/rest/api/2/project/search');
      expect(all).toMatchObject({ status: 200, body: { startAt: 0, maxResults: 50, total: 1, isLast: true, values: [{ id: '10000', key: 'DEMO' }] } });
      expect((await get('/rest/api/2/project/search?query=demo%20proj')).body).toMatchObject({ total: 1 });
      expect((await get('/rest/api/2/project/search?query=nothing')).body).toMatchObject({ total: 0, isLast: true, values: [] });
      expect((await get('/rest/api/2/project/search?keys=nope&keys=demo')).body).toMatchObject({ total: 1 });
      expect((await get('/rest/api/2/project/search?startAt=1')).body).toMatchObject({ startAt: 1, total: 1, isLast: true, values: [] });
      expect((await get('/rest/api/2/project/search?maxResults=0')).body).toMatchObject({ maxResults: 0, total: 1, isLast: false, values: [] });
      expect((await get('/rest/api/2/project/search?maxResults=100000')).body).toMatchObject({ maxResults: 100 });
      for (const bad of ['startAt=-1', 'maxResults=x', 'orderBy=lead', `keys=${'K,'.repeat(101)}`]) {
        const answer = await get<ErrorBody>(`/rest/api/2/project/search?${bad}`);
        expect({ bad, status: answer.status, errors: answer.body.errors }).toEqual({ bad, status: 400, errors: {} });
        expect(answer.body.errorMessages).toHaveLength(1);
      }
    });
  });

  describe('issue types, statuses, priorities and resolutions', () => {
    it('lists each catalog with Jira’s ids and answers each entry by id (status by name too)', async () => {
      const ids = async (path: string) => (await get<Named[]>(path)).body.map((entry) => `${entry.id} ${entry.name}`);
      expect(await ids('/rest/api/2/issuetype')).toEqual(['1 Bug', '3 Task', '10000 Epic', '10001 Story']);
      expect(await ids('/rest/api/2/status')).toEqual(['1 Open', '3 In Progress', '5 Resolved', '6 Closed', '10000 To Do', '10001 Done']);
      expect(await ids('/rest/api/latest/priority')).toEqual(['1 Highest', '2 High', '3 Medium', '4 Low', '5 Lowest']);
      expect(await ids('/rest/api/2/resolution')).toEqual(['1 Fixed', "2 Won't Fix", '3 Duplicate', '4 Incomplete', '5 Cannot Reproduce', '10000 Done']);

      expect((await get('/rest/api/2/issuetype/10001')).body).toMatchObject({ id: '10001', name: 'Story', subtask: false, self: `${server.url}/rest/api/2/issuetype/10001` });
      expect((await get('/rest/api/2/status/6')).body).toMatchObject({ name: 'Closed', statusCategory: { id: 3, key: 'done', colorName: 'green' } });
      expect((await get('/rest/api/2/status/closed')).body).toMatchObject({ id: '6' });
      // The category a status links to is served at its `self`.
      const category = (await get<{ statusCategory: { self: string } }>('/rest/api/2/status/6')).body.statusCategory;
      expect((await get(new URL(category.self).pathname)).body).toEqual(category);
      expect((await get<{ key: string }[]>('/rest/api/2/statuscategory')).body.map((entry) => entry.key)).toEqual(['undefined', 'new', 'done', 'indeterminate']);
      expect((await get('/rest/api/2/statuscategory/indeterminate')).body).toMatchObject({ id: 4, name: 'In Progress' });
      expect((await get('/rest/api/2/priority/1')).body).toMatchObject({ name: 'Highest', statusColor: expect.stringMatching(/^#/) });
      expect((await get('/rest/api/2/resolution/10000')).body).toMatchObject({ name: 'Done' });
    });

    it('pages priorities and resolutions as Jira Cloud’s search does, optionally of some ids', async () => {
      expect((await get('/rest/api/2/priority/search')).body).toMatchObject({ startAt: 0, maxResults: 50, total: 5, isLast: true });
      const some = await get('/rest/api/2/priority/search?id=1&id=3,5&startAt=1&maxResults=1');
      expect(some.body).toMatchObject({ startAt: 1, maxResults: 1, total: 3, isLast: false, values: [{ id: '3', name: 'Medium' }] });
      expect((await get('/rest/api/latest/resolution/search?maxResults=500')).body).toMatchObject({ maxResults: 100, total: 6, isLast: true });
      expect((await get('/rest/api/2/resolution/search?startAt=-5')).status).toBe(400);
    });

    it('answers an unknown entry 404 in Jira’s envelope', async () => {
      for (const [path, message] of [
        ['issuetype/99', "The issue type with id '99' does not exist"],
        ['status/Nope', "The status with id 'Nope' does not exist"],
        ['priority/x', "The priority with id 'x' does not exist"],
        ['resolution/7', "The resolution with id '7' does not exist"],
        ['statuscategory/9', "The status category with id '9' does not exist"],
      ]) {
        expect(await get(`/rest/api/2/${path}`)).toMatchObject({ status: 404, body: { errorMessages: [message], errors: {} } });
      }
    });
  });

  describe('create metadata', () => {
    it('answers the classic createmeta by project key or id, filtered by issue type, with fields when expanded', async () => {
      const { status, body } = await get<CreateMeta>('/rest/api/2/issue/createmeta?projectKeys=DEMO&issuetypeNames=bug&expand=projects.issuetypes.fields');
      expect(status).toBe(200);
      expect(body.projects).toHaveLength(1);
      const [project] = body.projects;
      expect(project).toMatchObject({ id: '10000', key: 'DEMO', issuetypes: [{ id: '1', name: 'Bug' }] });
      const fields = project?.issuetypes[0]?.fields;
      expect(fields?.['summary']).toMatchObject({ required: true, schema: { type: 'string', system: 'summary' } });
      expect(fields?.['issuetype']).toMatchObject({ required: true, allowedValues: [{ id: '1' }] });
      expect(fields?.['project']?.allowedValues).toEqual([expect.objectContaining({ id: '10000', key: 'DEMO' })]);
      expect(fields?.['priority']).toMatchObject({ hasDefaultValue: true, defaultValue: { name: 'Medium' } });
      expect(fields?.['priority']?.allowedValues).toHaveLength(5);

      const byId = await get<CreateMeta>('/rest/api/latest/issue/createmeta?projectIds=10000&issuetypeIds=3,10001');
      expect(byId.body.projects[0]?.issuetypes.map((type) => type.name)).toEqual(['Task', 'Story']);
      expect(byId.body.projects[0]?.issuetypes[0]?.fields).toBeUndefined();
      expect((await get('/rest/api/2/issue/createmeta?projectKeys=NOPE')).body).toEqual({ expand: 'projects', projects: [] });
      expect((await get<CreateMeta>('/rest/api/2/issue/createmeta')).body.projects).toHaveLength(1);
      // Names are not split at commas (a name may hold one); ids and keys are.
      const names = await get<CreateMeta>('/rest/api/2/issue/createmeta?projectKeys=DEMO&issuetypeNames=Bug,Task&issuetypeNames=story');
      expect(names.body.projects[0]?.issuetypes.map((type) => type.name)).toEqual(['Story']);
    });

    it('answers the 9.x createmeta paths, paged, and never takes createmeta for an issue key', async () => {
      const types = await get<{ values: Named[] }>('/rest/api/2/issue/createmeta/DEMO/issuetypes');
      expect(types).toMatchObject({ status: 200, body: { startAt: 0, total: 4, isLast: true } });
      expect(types.body.values.map((type) => type.id)).toEqual(['1', '3', '10000', '10001']);
      expect((await get('/rest/api/2/issue/createmeta/10000/issuetypes?startAt=1&maxResults=2')).body).toMatchObject({
        startAt: 1,
        maxResults: 2,
        total: 4,
        isLast: false,
        values: [{ id: '3' }, { id: '10000' }],
      });
      const fields = await get<{ values: { fieldId: string }[] }>('/rest/api/latest/issue/createmeta/DEMO/issuetypes/1');
      expect(fields.status).toBe(200);
      expect(fields.body.values.map((field) => field.fieldId)).toEqual(['summary', 'issuetype', 'project', 'description', 'priority', 'labels', 'assignee']);
      expect(await get('/rest/api/2/issue/createmeta/NOPE/issuetypes')).toMatchObject({ status: 404, body: { errorMessages: ["No project could be found with key 'NOPE'."] } });
      expect(await get('/rest/api/2/issue/createmeta/DEMO/issuetypes/42')).toMatchObject({ status: 404, body: { errorMessages: ["The issue type with id '42' does not exist"] } });
      expect((await get('/rest/api/2/issue/createmeta/DEMO/issuetypes?maxResults=-1')).status).toBe(400);
    });
  });

  describe('enhanced search (/search/jql)', () => {
    it('pages with nextPageToken and isLast and no total, by GET and by POST', async () => {
      const jql = 'project = DEMO ORDER BY key';
      const first = await get<IssuePage>(`/rest/api/2/search/jql?jql=${encodeURIComponent(jql)}&maxResults=3&fields=summary`);
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ isLast: false, nextPageToken: expect.any(String) });
      expect(first.body).not.toHaveProperty('total');
      expect(first.body.issues.map((issue) => issue.key)).toEqual(['DEMO-1', 'DEMO-2', 'DEMO-3']);

      const keys: string[] = first.body.issues.map((issue) => issue.key);
      let token = first.body.nextPageToken;
      while (token) {
        const next = await call<IssuePage>('POST', '/rest/api/latest/search/jql', { jql, maxResults: 3, nextPageToken: token, fields: ['summary'], expand: 'names' });
        expect(next.status).toBe(200);
        keys.push(...next.body.issues.map((issue) => issue.key));
        token = next.body.nextPageToken;
        if (!token) expect(next.body.isLast).toBe(true);
      }
      const { body: all } = await call<IssuePage>('POST', '/rest/api/2/search', { jql, maxResults: 1000 });
      expect(keys).toEqual(all.issues.map((issue) => issue.key));
    });

    it('refuses a bad token, a bad maxResults and bad JQL with a 400 in Jira’s envelope', async () => {
      for (const query of ['nextPageToken=not-a-token', `nextPageToken=${Buffer.from('startAt:99999999999').toString('base64url')}`, 'maxResults=-1', 'maxResults=0', `jql=${encodeURIComponent('project = ')}`]) {
        const answer = await get<ErrorBody>(`/rest/api/2/search/jql?${query}`);
        expect({ query, status: answer.status, errors: answer.body.errors }).toEqual({ query, status: 400, errors: {} });
      }
      expect((await get<IssuePage>('/rest/api/2/search/jql?maxResults=100000')).body.issues.length).toBeLessThanOrEqual(1000);
    });
  });

  it('needs credentials and the read scope for every read resource', async () => {
    const created = await call<CreatedToken>('POST', '/rest/tokenshift/1/tokens', { name: 'write only', scopes: ['write'] });
    expect(created.status).toBe(201);
    const paths = ['project', 'project/search', 'project/DEMO', 'issuetype', 'status', 'priority/1', 'priority/search', 'resolution', 'issue/createmeta', 'issue/createmeta/DEMO/issuetypes', 'search/jql'];
    for (const path of paths) {
      const writeOnly = await get(`/rest/api/2/${path}`, { authorization: `Bearer ${created.body.token}` });
      const anonymous = await get(`/rest/api/2/${path}`, { authorization: '' });
      expect({ path, writeOnly: writeOnly.status, anonymous: anonymous.status }).toEqual({ path, writeOnly: 403, anonymous: 401 });
    }
  });

  it('names the caller in X-AUSERNAME on a 404 for a path no resource serves, whatever the credentials', async () => {
    const { body: session } = await login(server.url, 'alice', DEMO_PASSWORD);
    const cases: Array<[Record<string, string>, string, string | null]> = [
      [{ authorization: `Bearer ${token}` }, 'demo', 'OK'],
      [{ authorization: basic('demo@example.com', token) }, 'demo', 'OK'],
      [{ authorization: '', cookie: cookieFrom(session) }, 'alice', null],
      [{ authorization: 'Bearer not-a-token' }, 'anonymous', 'AUTHENTICATED_FAILED'],
      [{ authorization: '' }, 'anonymous', null],
    ];
    for (const path of ['/rest/api/2/no-such-resource', '/no/such/page']) {
      for (const [headers, name, reason] of cases) {
        const answer = await get(path, headers);
        expect({ path, name, status: answer.status, user: answer.headers.get('x-ausername'), reason: answer.headers.get('x-seraph-loginreason') }).toEqual({ path, name, status: 404, user: name, reason });
        expect(answer.body).toEqual({ errorMessages: [expect.any(String)], errors: {} });
      }
    }
  });

  it('serves what jira-connector asks for, with an API token and with a cookie session', async () => {
    const connection = { host: '127.0.0.1', port: server.port, protocol: 'http' };
    const cookieJira = new JiraConnector({ ...connection, cookie_jar: request.jar() });
    await cookieJira.auth.login({ username: 'alice', password: DEMO_PASSWORD });
    for (const jira of [new JiraConnector({ ...connection, basic_auth: { email: 'demo@example.com', api_token: token } }), cookieJira]) {
      expect((await jira.project.getAllProjects({ recent: 5 })).map((project: { id: string }) => project.id)).toEqual(['10000']);
      expect(await jira.project.getProject({ projectIdOrKey: 'DEMO' })).toMatchObject({ id: '10000', lead: { name: 'demo' } });
      expect((await jira.issueType.getAllIssueTypes()).map((type: { name: string }) => type.name)).toEqual(['Bug', 'Task', 'Epic', 'Story']);
      expect(await jira.issueType.getIssueType({ issueTypeId: '1' })).toMatchObject({ name: 'Bug' });
      expect((await jira.status.getAllStatuses()).map((status: { name: string }) => status.name)).toContain('Closed');
      expect((await jira.priority.getAllPriorities()).map((priority: { id: string }) => priority.id)).toEqual(['1', '2', '3', '4', '5']);
      expect((await jira.resolution.getAllResolutions()).map((resolution: { name: string }) => resolution.name)).toContain('Fixed');
      const meta = await jira.issue.getCreateMetadata({ projectKeys: 'DEMO', issuetypeNames: 'Bug', expand: 'projects.issuetypes.fields' });
      expect(meta.projects[0].issuetypes).toEqual([expect.objectContaining({ id: '1', fields: expect.objectContaining({ summary: expect.objectContaining({ required: true }) }) })]);
      const created = await jira.issue.createIssue({ fields: { project: { id: meta.projects[0].id }, issuetype: { id: meta.projects[0].issuetypes[0].id }, summary: 'from jira-connector' } });
      expect(await jira.issue.getIssue({ issueKey: created.key })).toMatchObject({ fields: { issuetype: { name: 'Bug' }, project: { key: 'DEMO' } } });
      const closed = await jira.search.search({ jql: 'type = Bug AND status = Closed ORDER BY key' });
      expect(closed.issues.map((issue: { key: string }) => issue.key)).toEqual(['DEMO-7', 'DEMO-8']);
    }
  });
});
