import { basic, DEMO_PASSWORD, json, login, RunningServer, startServer } from '@tokenshift/testing';

/**
 * Rate limits on every password check (issue 19, item 1), per client address and per username. Every
 * test server is called from 127.0.0.1, so the limits are off by default in tests and set here. The
 * counters live in memory, whatever the database: run on the embedded one.
 */
const WINDOW_SECONDS = 60;

async function expectRateLimited(response: Response): Promise<void> {
  expect(response.status).toBe(429);
  expect(await json(response)).toEqual({ errorMessages: [expect.stringMatching(/^Too many login attempts\. Try again in \d+ seconds\.$/)], errors: {} });
  const retryAfter = Number(response.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(WINDOW_SECONDS);
}

const myself = (server: RunningServer, authorization: string) => fetch(`${server.url}/rest/api/2/myself`, { headers: { authorization } });

describe('login rate limits', () => {
  const servers: RunningServer[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
  });

  async function start(env: Record<string, string>): Promise<RunningServer> {
    const server = await startServer({ DATABASE_URL: 'pglite:memory', DEMO_DATA: 'true', ALLOW_PASSWORD_BASIC: 'true', LOGIN_RATE_LIMIT_WINDOW_SECONDS: String(WINDOW_SECONDS), ...env }, 120_000);
    servers.push(server);
    return server;
  }

  it('answers 429 in Jira\'s envelope with Retry-After once one address has asked for too many password checks, whatever the names', async () => {
    const server = await start({ LOGIN_RATE_LIMIT_PER_IP: '5', LOGIN_RATE_LIMIT_PER_ACCOUNT: '0' });
    const token = server.demoToken()!;
    // Logins and password-Basic calls count together; tokens are no password check and never count.
    for (let i = 0; i < 3; i++) expect((await login(server.url, `someone-${i}`, 'wrong')).status).toBe(401);
    expect((await myself(server, basic('someone-else', 'wrong'))).status).toBe(401);
    expect((await myself(server, `Bearer ${token}`)).status).toBe(200);
    expect((await myself(server, basic('demo@example.com', token))).status).toBe(200);
    expect((await login(server.url, 'demo', DEMO_PASSWORD)).status).toBe(200);
    const refused = await fetch(`${server.url}/rest/auth/1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'demo', password: DEMO_PASSWORD }),
    });
    await expectRateLimited(refused);
    await expectRateLimited(await myself(server, basic('demo', DEMO_PASSWORD)));
    // API tokens go on working.
    expect((await myself(server, `Bearer ${token}`)).status).toBe(200);
    expect((await myself(server, basic('demo@example.com', token))).status).toBe(200);
  }, 180_000);

  it('answers 429 once one username has been tried too often, known or not, while other names go on', async () => {
    const server = await start({ LOGIN_RATE_LIMIT_PER_IP: '0', LOGIN_RATE_LIMIT_PER_ACCOUNT: '4' });
    // A made-up name is limited and locked like a real one (the same answers throughout: no enumeration).
    for (const name of ['ghost', 'alice']) {
      for (let i = 0; i < 2; i++) expect((await login(server.url, name, 'wrong')).status).toBe(401);
      expect((await myself(server, basic(name, 'wrong'))).status).toBe(401);
      expect((await login(server.url, name, 'wrong')).status).toBe(403);
      await expectRateLimited(await fetch(`${server.url}/rest/auth/latest/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: name, password: 'wrong' }),
      }));
      await expectRateLimited(await myself(server, basic(name, 'wrong')));
    }
    expect((await login(server.url, 'demo', DEMO_PASSWORD)).status).toBe(200);
  }, 180_000);

  it("counts the dashboard's web sign-in as a password check like the session login", async () => {
    const server = await start({ LOGIN_RATE_LIMIT_PER_IP: '0', LOGIN_RATE_LIMIT_PER_ACCOUNT: '3' });
    const signIn = (password: string) =>
      fetch(`${server.url}/rest/tokenshift/1/dashboard/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'demo', password }),
      });
    expect((await signIn(DEMO_PASSWORD)).status).toBe(200);
    expect((await login(server.url, 'demo', DEMO_PASSWORD)).status).toBe(200);
    expect((await signIn(DEMO_PASSWORD)).status).toBe(200);
    await expectRateLimited(await signIn(DEMO_PASSWORD));
    await expectRateLimited(
      await fetch(`${server.url}/rest/auth/1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'demo', password: DEMO_PASSWORD }) }),
    );
  }, 180_000);
});
