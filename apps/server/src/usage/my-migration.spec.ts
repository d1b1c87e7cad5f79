import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { UsageRecorder } from '@tokenshift/usage';
import { createUser } from '../../test/auth-fixtures';
import { createApp } from '../app.factory';
import { buildAppConfig } from '../config/app-config';

/** "My migration" through the real app on the embedded database: a user's own deprecated calls and what to change. */
describe('GET /rest/tokenshift/1/my/deprecated-calls', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await createApp(buildAppConfig({ DATABASE_URL: 'pglite:memory', DEMO_DATA: 'false', LOG_LEVEL: 'error' }));
    await app.getHttpAdapter().getInstance().ready();
    await createUser(app, 'alice', 'alice-password');
    await createUser(app, 'bob', 'bob-password');
  }, 180_000);
  afterAll(async () => {
    await app?.close();
  });

  async function jiraSession(username: string, userAgent: string): Promise<string> {
    const login = await app.inject({
      method: 'POST',
      url: '/rest/auth/1/session',
      headers: { 'content-type': 'application/json', 'user-agent': userAgent },
      payload: { username, password: `${username}-password` },
      remoteAddress: '10.1.2.3',
    });
    expect(login.statusCode).toBe(200);
    return `JSESSIONID=${login.json().session.value}`;
  }

  async function dashboardCookie(username: string): Promise<string> {
    const response = await app.inject({ method: 'POST', url: '/rest/tokenshift/1/dashboard/session', headers: { 'content-type': 'application/json' }, payload: { username, password: `${username}-password` } });
    return `tokenshift.dashboard=${response.cookies[0]!.value}`;
  }

  it("lists the caller's own deprecated calls by client, IP and endpoint, most frequent first, with the change to make", async () => {
    const alice = await jiraSession('alice', 'export-script/1.0');
    for (let i = 0; i < 3; i++) {
      const call = await app.inject({ method: 'GET', url: '/rest/api/2/myself', headers: { cookie: alice, 'x-tokenshift-client': 'nightly-export', 'user-agent': 'export-script/1.0' }, remoteAddress: '10.1.2.3' });
      expect(call.statusCode).toBe(200);
    }
    const bob = await jiraSession('bob', 'bob-tool/2.0');
    await app.inject({ method: 'GET', url: '/rest/api/2/myself', headers: { cookie: bob } });
    await app.get(UsageRecorder).flush();

    const response = await app.inject({ method: 'GET', url: '/rest/tokenshift/1/my/deprecated-calls', headers: { cookie: await dashboardCookie('alice') } });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.days).toBe(30);
    expect(body.calls).toBe(4);
    expect(body.patterns.map((p: Record<string, unknown>) => [p['client'], p['ip'], p['method'], p['endpoint'], p['calls']])).toEqual([
      ['nightly-export', '10.1.2.3', 'GET', '/rest/api/2/myself', 3],
      ['export-script/1.0', '10.1.2.3', 'POST', '/rest/auth/1/session', 1],
    ]);
    expect(body.patterns[0].change).toMatch(/^Stop sending the session cookie .* on `GET \/rest\/api\/2\/myself`/);
    expect(body.patterns[1].change).toMatch(/^Remove the login \(`POST \/rest\/auth\/1\/session`\)/);
    // Reading it is no use of its own.
    await app.get(UsageRecorder).flush();
    expect((await app.inject({ method: 'GET', url: '/rest/tokenshift/1/my/deprecated-calls', headers: { cookie: await dashboardCookie('alice') } })).json().calls).toBe(4);
  });

  it('refuses a period past the raw events it reads, and anonymous callers', async () => {
    const cookie = await dashboardCookie('bob');
    expect((await app.inject({ method: 'GET', url: '/rest/tokenshift/1/my/deprecated-calls?days=91', headers: { cookie } })).statusCode).toBe(400);
    expect((await app.inject({ method: 'GET', url: '/rest/tokenshift/1/my/deprecated-calls' })).statusCode).toBe(401);
  });
});
