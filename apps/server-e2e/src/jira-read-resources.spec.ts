import { createTestDatabase, TestDatabase } from '@tokenshift/db/testing';
import { RunningServer, startServer } from '@tokenshift/testing';

/** PGlite runs its migrations in Wasm on start: slower than PostgreSQL. */
const START_MS = 120_000;

/** Jira's read resources (projects, issue types, statuses…) and its numeric ids, through the real app. */
describe.each(['pglite', 'postgres'] as const)('Jira read resources on %s', (kind) => {
  let database: TestDatabase;
  let server: RunningServer;
  let token: string;

  async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : undefined) as any };
  }
  const get = (path: string, headers?: Record<string, string>) => call('GET', path, undefined, headers);

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
      const { status, body } = await get('/rest/api/2/issue/DEMO-2');
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
        const created = await call('POST', '/rest/api/2/issue', { fields: { ...fields, summary: 'made by ids' } });
        expect(created.status).toBe(201);
        const { body } = await get(`/rest/api/2/issue/${created.body.key}`);
        expect(body.fields).toMatchObject({ project: { key: 'DEMO' }, issuetype: { name: 'Story' }, priority: { name: 'High' }, status: { name: 'To Do' } });
      }
    });

    it('creates an issue with the project by key and the issue type and priority by name in any case', async () => {
      const created = await call('POST', '/rest/api/2/issue', { fields: { project: { key: 'demo' }, issuetype: { name: 'task' }, priority: { name: 'LOW' }, summary: 'by name' } });
      expect(created.status).toBe(201);
      expect((await get(`/rest/api/2/issue/${created.body.id}`)).body.fields).toMatchObject({ issuetype: { id: '3' }, priority: { id: '4' } });
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
      const { status, body } = await call('POST', '/rest/api/2/search', { jql: 'type = Bug AND status = Closed ORDER BY key' });
      expect(status).toBe(200);
      expect(body.issues.map((issue: { key: string }) => issue.key)).toEqual(['DEMO-7', 'DEMO-8']);
      expect(body.issues[0].fields).toMatchObject({ status: { id: '6', statusCategory: { key: 'done' } }, resolution: { id: '1', name: 'Fixed' } });
    });
  });
});
