import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { PrismaService } from '@tokenshift/db';
import { UsageRecorder } from '@tokenshift/usage';
import { hash } from 'node:crypto';
import { createUser } from '../../test/auth-fixtures';
import { createApp } from '../app.factory';
import { buildAppConfig } from '../config/app-config';

const BASE_URL = 'https://jira.example.com';

/**
 * The dashboard's web sign-in through the real app on the embedded database, with the deprecated mode
 * switched off (after the sunset): it still signs in, its cookie is its own, its changes need the CSRF
 * token, it works on tokenshift's API only and is recorded nowhere.
 */
describe('dashboard sign-in (deprecated mode switched off)', () => {
  let app: NestFastifyApplication;
  let prisma: PrismaService;

  beforeAll(async () => {
    const config = buildAppConfig({
      DATABASE_URL: 'pglite:memory',
      DEMO_DATA: 'false',
      LOG_LEVEL: 'error',
      BASE_URL,
      SESSION_POLICY: 'enforce',
      DEPRECATION_DATE: '2019-01-01T00:00:00Z',
      SUNSET_DATE: '2020-01-01T00:00:00Z',
      DASHBOARD_SESSION_IDLE_TIMEOUT_SECONDS: '2',
      DASHBOARD_SESSION_MAX_LIFETIME_SECONDS: '5',
    });
    app = await createApp(config);
    await app.getHttpAdapter().getInstance().ready();
    prisma = app.get(PrismaService);
    await createUser(app, 'alice', 'alice-password');
    await createUser(app, 'root', 'root-password', { isAdmin: true });
  }, 180_000);
  afterAll(async () => {
    await app?.close();
  });

  const signIn = (username: string, password = `${username}-password`, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url: '/rest/tokenshift/1/dashboard/session', headers: { 'content-type': 'application/json', ...headers }, payload: { username, password } });

  async function signedIn(username: string): Promise<{ cookie: string; sessionId: string; csrf: string }> {
    const response = await signIn(username);
    expect(response.statusCode).toBe(200);
    const sessionId = response.cookies.find((c) => c.name === 'tokenshift.dashboard')!.value;
    return { cookie: `tokenshift.dashboard=${sessionId}`, sessionId, csrf: response.json().csrfToken };
  }

  /** Everything the usage data holds: raw events, calls counted in the roll-ups, anonymous agents. */
  async function usage(): Promise<{ events: number; rolledUpCalls: number; agents: number }> {
    await app.get(UsageRecorder).flush();
    const [events, rollups, agents] = await Promise.all([prisma.usageEvent.count(), prisma.usageRollup.aggregate({ _sum: { count: true } }), prisma.usageAnonymousAgent.count()]);
    return { events, rolledUpCalls: Number(rollups._sum.count ?? 0), agents };
  }

  it('signs in after the sunset with an HttpOnly, SameSite=Strict cookie of its own for /rest/tokenshift only, storing only its hash', async () => {
    expect((await app.inject({ method: 'POST', url: '/rest/auth/1/session', headers: { 'content-type': 'application/json' }, payload: { username: 'alice', password: 'alice-password' } })).statusCode).toBe(410);
    const response = await signIn('alice');
    expect(response.statusCode).toBe(200);
    const setCookie = String(response.headers['set-cookie']);
    expect(setCookie).toMatch(/^tokenshift\.dashboard=[A-Za-z0-9_-]{43}; Max-Age=5; Path=\/rest\/tokenshift\/1; HttpOnly; SameSite=Strict$/);
    expect(setCookie).not.toContain('JSESSIONID');
    const sessionId = response.cookies[0]!.value;
    const row = await prisma.session.findUniqueOrThrow({ where: { idHash: hash('sha256', sessionId, 'hex') } });
    expect(row.purpose).toBe('dashboard');
    expect(await prisma.session.count({ where: { idHash: sessionId } })).toBe(0);
    expect(response.json()).toMatchObject({ name: 'alice', isAdmin: false, authMode: 'dashboard-session', scopes: ['read', 'write'], idleTimeoutSeconds: 2 });
    expect(response.json().csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('is not Secure on plain HTTP, where a forwarded protocol is not believed (TRUST_PROXY off)', async () => {
    const response = await signIn('alice', 'alice-password', { 'x-forwarded-proto': 'https' });
    expect(String(response.headers['set-cookie'])).not.toContain('Secure');
  });

  it('answers a wrong password, a form post and a lock-out in the error envelope', async () => {
    const wrong = await signIn('alice', 'nope');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toEqual({ errorMessages: ['Wrong username or password.'], errors: {} });
    const form = await app.inject({ method: 'POST', url: '/rest/tokenshift/1/dashboard/session', headers: { 'content-type': 'text/plain' }, payload: '{"username":"alice","password":"alice-password"}' });
    expect(form.statusCode).toBe(400);
    await createUser(app, 'mallory', 'mallory-password');
    for (let i = 0; i < 3; i++) expect((await signIn('mallory', 'guess')).statusCode).toBe(401);
    const locked = await signIn('mallory');
    expect(locked.statusCode).toBe(403);
    expect(locked.json().errorMessages[0]).toMatch(/^Too many failed sign-ins: this account is locked until \d{4}-\d\d-\d\dT[\d:.]+Z/);
    const until = Date.parse(/until (\S+),/.exec(locked.json().errorMessages[0])?.[1] ?? '');
    expect(until - Date.now()).toBeGreaterThan(0);
    expect(until - Date.now()).toBeLessThanOrEqual(60_000);
  });

  it('gives a new id at every sign-in and ends the one the browser held', async () => {
    const first = await signedIn('alice');
    const second = await signIn('alice', 'alice-password', { cookie: first.cookie });
    const secondId = second.cookies[0]!.value;
    expect(secondId).not.toBe(first.sessionId);
    expect((await app.inject({ method: 'GET', url: '/rest/tokenshift/1/dashboard/session', headers: { cookie: first.cookie } })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/rest/tokenshift/1/dashboard/session', headers: { cookie: `tokenshift.dashboard=${secondId}` } })).statusCode).toBe(200);
  });

  it("needs the CSRF token for every change, and is accepted on tokenshift's API only", async () => {
    const { cookie, csrf } = await signedIn('alice');
    const create = (headers: Record<string, string>) =>
      app.inject({ method: 'POST', url: '/rest/tokenshift/1/tokens', headers: { cookie, 'content-type': 'application/json', ...headers }, payload: { name: 'script' } });
    expect((await create({})).statusCode).toBe(403);
    expect((await create({})).json()).toEqual({ errorMessages: ['XSRF check failed'], errors: {} });
    // Another last character (a token ending in `A` would otherwise be sent unchanged, 1 run in 64).
    expect((await create({ 'x-tokenshift-csrf': `${csrf.slice(0, -1)}${csrf.endsWith('A') ? 'B' : 'A'}` })).statusCode).toBe(403);
    expect((await create({ 'x-atlassian-token': 'no-check' })).statusCode).toBe(403);
    const created = await create({ 'x-tokenshift-csrf': csrf });
    expect(created.statusCode).toBe(201);
    expect((await app.inject({ method: 'DELETE', url: `/rest/tokenshift/1/tokens/${created.json().id}`, headers: { cookie } })).statusCode).toBe(403);
    expect((await app.inject({ method: 'DELETE', url: `/rest/tokenshift/1/tokens/${created.json().id}`, headers: { cookie, 'x-tokenshift-csrf': csrf } })).statusCode).toBe(204);
    // Not a way around the deprecation: Jira's resources do not take it (no cookie of this mode there).
    const jira = await app.inject({ method: 'GET', url: '/rest/api/2/myself', headers: { cookie } });
    expect(jira.statusCode).toBe(401);
    // The session resource takes it for no login either: an anonymous call to it, refused after the sunset.
    expect((await app.inject({ method: 'GET', url: '/rest/auth/1/session', headers: { cookie } })).statusCode).toBe(410);
  });

  it('lets a user mint read and write but never admin; an admin may', async () => {
    const alice = await signedIn('alice');
    const mint = (who: { cookie: string; csrf: string }, scopes: string[]) =>
      app.inject({ method: 'POST', url: '/rest/tokenshift/1/tokens', headers: { cookie: who.cookie, 'x-tokenshift-csrf': who.csrf, 'content-type': 'application/json' }, payload: { name: 'n', scopes } });
    expect((await mint(alice, ['read', 'write'])).statusCode).toBe(201);
    const refused = await mint(alice, ['admin']);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().errorMessages).toEqual(['Only administrators can create tokens with the admin scope.']);
    expect((await mint(await signedIn('root'), ['admin'])).statusCode).toBe(201);
    // A dashboard sign-in of a non-admin reaches no admin resource.
    expect((await app.inject({ method: 'GET', url: '/rest/tokenshift/1/admin/tokens', headers: { cookie: alice.cookie } })).statusCode).toBe(403);
  });

  it('lets an admin list and revoke anyone\'s tokens, one bounded page at a time', async () => {
    const alice = await signedIn('alice');
    const root = await signedIn('root');
    const minted = await app.inject({ method: 'POST', url: '/rest/tokenshift/1/tokens', headers: { cookie: alice.cookie, 'x-tokenshift-csrf': alice.csrf, 'content-type': 'application/json' }, payload: { name: 'nightly', expiresInDays: 30, scopes: ['read'] } });
    const page = await app.inject({ method: 'GET', url: '/rest/tokenshift/1/admin/tokens?username=alice&active=true&maxResults=1000', headers: { cookie: root.cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.json().maxResults).toBe(100);
    expect(page.json().values[0]).toMatchObject({ id: minted.json().id, name: 'nightly', scopes: ['read'], user: { name: 'alice', email: 'alice@example.com' } });
    expect(page.json().values.every((t: { user: { name: string } }) => t.user.name === 'alice')).toBe(true);
    expect((await app.inject({ method: 'GET', url: '/rest/tokenshift/1/admin/tokens?maxResults=-1', headers: { cookie: root.cookie } })).statusCode).toBe(400);
    const revoke = (headers: Record<string, string>) => app.inject({ method: 'DELETE', url: `/rest/tokenshift/1/admin/tokens/${minted.json().id}`, headers: { cookie: root.cookie, ...headers } });
    expect((await revoke({})).statusCode).toBe(403);
    expect((await revoke({ 'x-tokenshift-csrf': root.csrf })).statusCode).toBe(204);
    expect((await revoke({ 'x-tokenshift-csrf': root.csrf })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/rest/api/2/myself', headers: { authorization: `Bearer ${minted.json().token}` } })).statusCode).toBe(401);
  });

  it('ends after the idle timeout, and at the absolute lifetime however active', async () => {
    const idle = await signedIn('alice');
    const current = (cookie: string) => app.inject({ method: 'GET', url: '/rest/tokenshift/1/dashboard/session', headers: { cookie } });
    await new Promise((resolve) => setTimeout(resolve, 2_600));
    expect((await current(idle.cookie)).statusCode).toBe(401);

    const active = await signedIn('alice');
    const started = Date.now();
    while (Date.now() - started < 4_500) {
      expect((await current(active.cookie)).statusCode).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 5_200 - (Date.now() - started))));
    expect((await current(active.cookie)).statusCode).toBe(401);
  }, 20_000);

  it('signs out with the CSRF token: the session is gone from the database', async () => {
    const { cookie, csrf, sessionId } = await signedIn('alice');
    expect((await app.inject({ method: 'DELETE', url: '/rest/tokenshift/1/dashboard/session', headers: { cookie } })).statusCode).toBe(403);
    const out = await app.inject({ method: 'DELETE', url: '/rest/tokenshift/1/dashboard/session', headers: { cookie, 'x-tokenshift-csrf': csrf } });
    expect(out.statusCode).toBe(204);
    expect(await prisma.session.count({ where: { idHash: hash('sha256', sessionId, 'hex') } })).toBe(0);
  });

  it('records none of its calls, nor token calls to tokenshift\'s API; a token call to Jira\'s is recorded', async () => {
    const root = await signedIn('root');
    const token = (
      await app.inject({ method: 'POST', url: '/rest/tokenshift/1/tokens', headers: { cookie: root.cookie, 'x-tokenshift-csrf': root.csrf, 'content-type': 'application/json' }, payload: { name: 'dash', scopes: ['read', 'write', 'admin'] } })
    ).json().token;
    const before = await usage();
    for (const headers of [{ cookie: root.cookie }, { authorization: `Bearer ${token}` }]) {
      for (const url of ['/rest/tokenshift/1/dashboard/session', '/rest/tokenshift/1/tokens', '/rest/tokenshift/1/usage/summary?days=30', '/rest/tokenshift/1/admin/tokens']) {
        expect((await app.inject({ method: 'GET', url, headers })).statusCode).toBe(200);
      }
    }
    expect(await usage()).toEqual(before);
    expect((await app.inject({ method: 'GET', url: '/rest/api/2/myself', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(200);
    // The measure sees a call it should: a token call to Jira's API is counted (token calls are rolled up, not stored one by one).
    expect(await usage()).toEqual({ ...before, rolledUpCalls: before.rolledUpCalls + 1 });
  });

  it('answers the deprecated mode with a 410 naming the token page, and a rel="help" Link to it', async () => {
    const response = await app.inject({ method: 'POST', url: '/rest/auth/1/session', headers: { 'content-type': 'application/json' }, payload: { username: 'alice', password: 'alice-password' } });
    expect(response.statusCode).toBe(410);
    expect(response.json().errorMessages[0]).toContain(`sign in with your password at ${BASE_URL}/dashboard/tokens/`);
    expect(response.headers['link']).toEqual([
      `<${BASE_URL}/docs>; rel="deprecation"; type="text/html", <${BASE_URL}/docs>; rel="sunset"; type="text/html"`,
      `<${BASE_URL}/dashboard/tokens/>; rel="help"; type="text/html"`,
    ]);
  });
});
