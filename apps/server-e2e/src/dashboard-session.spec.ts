import { createPostgresTestDatabase, queryRows, TestDatabase } from '@tokenshift/db/testing';
import { DEMO_PASSWORD, RunningServer, startServer } from '@tokenshift/testing';

const SIGN_IN = '/rest/tokenshift/1/dashboard/session';

/**
 * The dashboard's web sign-in over real HTTP on the built server and PostgreSQL, after the sunset (the
 * deprecated mode refused): cookie flags, CSRF, idle and absolute expiry (short settings, real clocks),
 * scope limits, and that it is neither Jira's session nor usage.
 */
describe('dashboard sign-in on the real server (PostgreSQL, deprecated mode off)', () => {
  let database: TestDatabase;
  let server: RunningServer;

  beforeAll(async () => {
    database = await createPostgresTestDatabase('e2e_dashsession');
    server = await startServer(
      {
        DATABASE_URL: database.url,
        DEMO_DATA: 'true',
        SESSION_POLICY: 'enforce',
        DEPRECATION_DATE: '2019-01-01T00:00:00Z',
        SUNSET_DATE: '2020-01-01T00:00:00Z',
        DASHBOARD_SESSION_IDLE_TIMEOUT_SECONDS: '3',
        DASHBOARD_SESSION_MAX_LIFETIME_SECONDS: '7',
        USAGE_FLUSH_INTERVAL_MS: '100',
      },
      60_000,
    );
  }, 90_000);
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  async function signIn(username: string, init: { contentType?: string; cookie?: string } = {}): Promise<Response> {
    return fetch(`${server.url}${SIGN_IN}`, {
      method: 'POST',
      headers: { 'content-type': init.contentType ?? 'application/json', ...(init.cookie ? { cookie: init.cookie } : {}) },
      body: JSON.stringify({ username, password: DEMO_PASSWORD }),
    });
  }

  async function signedIn(username: string): Promise<{ cookie: string; csrf: string; setCookie: string }> {
    const response = await signIn(username);
    expect(response.status).toBe(200);
    const setCookie = response.headers.get('set-cookie') ?? '';
    return { cookie: setCookie.split(';')[0] ?? '', csrf: ((await response.json()) as { csrfToken: string }).csrfToken, setCookie };
  }

  const get = (path: string, headers: Record<string, string>) => fetch(`${server.url}${path}`, { headers });

  it('sets its own cookie, HttpOnly, SameSite=Strict, for tokenshift only, and no Jira session cookie', async () => {
    const { setCookie } = await signedIn('alice');
    expect(setCookie).toMatch(/^tokenshift\.dashboard=[A-Za-z0-9_-]{43}; Max-Age=7; Path=\/rest\/tokenshift\/1; HttpOnly; SameSite=Strict$/);
    expect(setCookie).not.toMatch(/JSESSIONID|atlassian\.xsrf/);
    // Only the hash is stored.
    const value = setCookie.split(';')[0]!.split('=')[1]!;
    expect(await queryRows(database.url, `SELECT 1 FROM "Session" WHERE "idHash" = $1`, [value])).toEqual([]);
    expect(await queryRows(database.url, `SELECT "purpose" FROM "Session" WHERE "idHash" = encode(sha256($1::bytea), 'hex')`, [value])).toEqual([{ purpose: 'dashboard' }]);
  });

  it('refuses a sign-in that is not JSON (a cross-site form)', async () => {
    expect((await signIn('alice', { contentType: 'text/plain' })).status).toBe(400);
    expect((await signIn('alice', { contentType: 'application/x-www-form-urlencoded' })).status).toBe(400);
  });

  it('needs the CSRF token on changes; works on tokenshift only, not on Jira resources', async () => {
    const { cookie, csrf } = await signedIn('alice');
    const mint = (headers: Record<string, string>) =>
      fetch(`${server.url}/rest/tokenshift/1/tokens`, { method: 'POST', headers: { cookie, 'content-type': 'application/json', ...headers }, body: JSON.stringify({ name: 'e2e' }) });
    const without = await mint({});
    expect(without.status).toBe(403);
    expect(await without.json()).toEqual({ errorMessages: ['XSRF check failed'], errors: {} });
    expect((await mint({ 'x-tokenshift-csrf': 'x'.repeat(43) })).status).toBe(403);
    expect((await mint({ 'x-tokenshift-csrf': csrf })).status).toBe(201);
    expect((await get('/rest/api/2/myself', { cookie })).status).toBe(401);
  });

  it("limits scopes: read and write for a user, admin only for an admin; a user's sign-in reaches no admin resource", async () => {
    const alice = await signedIn('alice');
    const mint = (who: { cookie: string; csrf: string }, scopes: string[]) =>
      fetch(`${server.url}/rest/tokenshift/1/tokens`, {
        method: 'POST',
        headers: { cookie: who.cookie, 'x-tokenshift-csrf': who.csrf, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'scoped', scopes }),
      });
    expect((await mint(alice, ['read', 'write'])).status).toBe(201);
    expect((await mint(alice, ['read', 'admin'])).status).toBe(403);
    expect((await get('/rest/tokenshift/1/usage/summary', { cookie: alice.cookie })).status).toBe(403);
    expect((await get('/rest/tokenshift/1/admin/tokens', { cookie: alice.cookie })).status).toBe(403);
    const demo = await signedIn('demo');
    expect((await mint(demo, ['read', 'write', 'admin'])).status).toBe(201);
    expect((await get('/rest/tokenshift/1/admin/tokens', { cookie: demo.cookie })).status).toBe(200);
  });

  it('ends after the idle timeout, and at the absolute lifetime however active', async () => {
    const idle = await signedIn('alice');
    await new Promise((resolve) => setTimeout(resolve, 3_600));
    expect((await get(SIGN_IN, { cookie: idle.cookie })).status).toBe(401);

    const active = await signedIn('alice');
    const started = Date.now();
    while (Date.now() - started < 6_000) {
      expect((await get(SIGN_IN, { cookie: active.cookie })).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 700));
    }
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 7_300 - (Date.now() - started))));
    expect((await get(SIGN_IN, { cookie: active.cookie })).status).toBe(401);
  });

  it('left nothing in the usage data', async () => {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const [row] = await queryRows<{ events: string; calls: string }>(
      database.url,
      `SELECT (SELECT count(*) FROM "UsageEvent") AS events, (SELECT coalesce(sum("count"), 0) FROM "UsageRollup") AS calls`,
    );
    expect({ events: Number(row?.events), calls: Number(row?.calls) }).toEqual({ events: 0, calls: 0 });
  });
});
