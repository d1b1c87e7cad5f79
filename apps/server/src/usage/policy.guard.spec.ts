import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ApiTokenService } from '@tokenshift/auth-api-token';
import { createUser } from '../../test/auth-fixtures';
import { createApp } from '../app.factory';
import { buildAppConfig } from '../config/app-config';

/** The switch-off, through the real app on the embedded database: after the sunset, with exemptions. */
describe('PolicyGuard (enforced after the sunset)', () => {
  let app: NestFastifyApplication;
  let token: string;

  beforeAll(async () => {
    const config = buildAppConfig({
      DATABASE_URL: 'pglite:memory',
      DEMO_DATA: 'false',
      LOG_LEVEL: 'error',
      SESSION_POLICY: 'enforce',
      DEPRECATION_DATE: '2019-01-01T00:00:00Z',
      SUNSET_DATE: '2020-01-01T00:00:00Z',
      DEPRECATION_EXEMPT_USERS: 'carol',
      DEPRECATION_EXEMPT_CLIENTS: 'legacy-cron',
    });
    app = await createApp(config);
    await app.getHttpAdapter().getInstance().ready();
    const alice = await createUser(app, 'alice', 'alice-password');
    await createUser(app, 'carol', 'carol-password');
    token = (await app.get(ApiTokenService).create({ userId: alice.id, name: 'migrated' })).token;
  }, 180_000);
  afterAll(async () => {
    await app?.close();
  });

  const login = (username: string, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url: '/rest/auth/1/session', headers: { 'content-type': 'application/json', ...headers }, payload: { username, password: `${username}-password` } });

  it('refuses a login with 410 in the envelope, saying what to use instead', async () => {
    const response = await login('alice');
    expect(response.statusCode).toBe(410);
    const [message] = response.json().errorMessages;
    expect(message).toMatch(/^Cookie-based authentication \(\/rest\/auth\/1\/session\) was switched off on Wed, 01 Jan 2020 00:00:00 GMT\. /);
    expect(message).toContain('Use HTTP Basic authentication with your email address and an API token instead');
  });

  it('lets an exempt user log in and use the cookie, and an exempt client log in', async () => {
    const carol = await login('carol');
    expect(carol.statusCode).toBe(200);
    const cookie = `JSESSIONID=${carol.json().session.value}`;
    expect((await app.inject({ method: 'GET', url: '/rest/api/2/myself', headers: { cookie } })).statusCode).toBe(200);
    expect((await login('alice', { 'user-agent': 'legacy-cron' })).statusCode).toBe(200);
  });

  it('refuses a cookie of a user who is not exempt', async () => {
    const session = (await login('alice', { 'user-agent': 'legacy-cron' })).json().session.value;
    const response = await app.inject({ method: 'GET', url: '/rest/api/2/myself', headers: { cookie: `JSESSIONID=${session}` } });
    expect(response.statusCode).toBe(410);
    expect(response.json().errorMessages[0]).toMatch(/^Cookie-based authentication \(the session cookie\) was switched off/);
  });

  it('never refuses a token, not even on the session resource', async () => {
    for (const url of ['/rest/api/2/myself', '/rest/auth/1/session']) {
      expect((await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(200);
    }
  });
});
