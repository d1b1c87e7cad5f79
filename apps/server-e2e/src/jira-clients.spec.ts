import { createPostgresTestDatabase, TestDatabase } from '@tokenshift/db/testing';
import { DEMO_PASSWORD, RunningServer, startServer } from '@tokenshift/testing';
// Real Jira client libraries from npm, used unchanged.
const JiraConnector = require('jira-connector');
const request = require('request');

/** jira-connector rejects with the error serialised as a JSON string. */
async function rejectionOf(promise: Promise<unknown>): Promise<{ statusCode: number; body: unknown }> {
  try {
    await promise;
  } catch (error) {
    return JSON.parse(error as string);
  }
  throw new Error('expected the call to fail');
}

describe('real Jira client libraries', () => {
  let database: TestDatabase;
  let server: RunningServer;
  let connection: { host: string; port: number; protocol: string };

  beforeAll(async () => {
    database = await createPostgresTestDatabase('e2e_clients');
    server = await startServer({ DATABASE_URL: database.url, DEMO_DATA: 'true' });
    connection = { host: '127.0.0.1', port: server.port, protocol: 'http' };
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it('jira-connector in cookie mode: login, current user, search and logout through its cookie jar', async () => {
    const jar = request.jar();
    const jira = new JiraConnector({ ...connection, cookie_jar: jar });
    const loggedIn = await jira.auth.login({ username: 'demo', password: DEMO_PASSWORD });
    expect(loggedIn.session.name).toBe('JSESSIONID');
    expect(jar.getCookieString(server.url)).toContain(`JSESSIONID=${loggedIn.session.value}`);

    expect(await jira.auth.currentUser()).toMatchObject({ name: 'demo', loginInfo: { loginCount: 1 } });
    const found = await jira.search.search({ jql: 'project = DEMO AND type = Bug ORDER BY key', maxResults: 10 });
    expect(found.issues.map((issue: { key: string }) => issue.key)).toEqual(['DEMO-2', 'DEMO-5', 'DEMO-7', 'DEMO-8']);

    await jira.auth.logout();
    expect(await rejectionOf(jira.auth.currentUser())).toMatchObject({ statusCode: 401 });
  });

  it('jira-connector reports a wrong password as Jira does', async () => {
    const jira = new JiraConnector({ ...connection, cookie_jar: request.jar() });
    expect(await rejectionOf(jira.auth.login({ username: 'alice', password: 'nope' }))).toMatchObject({
      statusCode: 401,
      body: { errorMessages: ['Login failed'], errors: {} },
    });
  });

  it('jira-connector in API-token mode (basic_auth email + api_token)', async () => {
    const jira = new JiraConnector({ ...connection, basic_auth: { email: 'demo@example.com', api_token: server.demoToken() } });
    expect(await jira.myself.getMyself()).toMatchObject({ name: 'demo', emailAddress: 'demo@example.com' });
    const found = await jira.search.search({ jql: 'assignee = currentUser() ORDER BY key' });
    expect(found.total).toBe(2);
  });
});
