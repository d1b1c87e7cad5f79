import { createPostgresTestDatabase, queryRows, TestDatabase } from '@tokenshift/db/testing';
import { basic, cookieFrom, DEMO_PASSWORD, json, login, LoginResponse, NOT_AUTHENTICATED, RunningServer, sessionCookie, startServer } from '@tokenshift/testing';

const JIRA_DATE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/;

describe('the deprecated session resource (PostgreSQL, two instances)', () => {
  let database: TestDatabase;
  let a: RunningServer;
  let b: RunningServer;
  let token: string;

  beforeAll(async () => {
    database = await createPostgresTestDatabase('e2e_session');
    a = await startServer({ DATABASE_URL: database.url, DEMO_DATA: 'true' });
    b = await startServer({ DATABASE_URL: database.url });
    token = a.demoToken()!;
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await database?.drop();
  });

  const sql = <Row = Record<string, unknown>>(text: string, values: unknown[] = []) => queryRows<Row>(database.url, text, values);

  it('logs in like Jira: body, Set-Cookie for the same session, XSRF cookie and Seraph headers', async () => {
    const { status, headers, body } = await login(a.url, 'demo', DEMO_PASSWORD);
    expect(status).toBe(200);
    expect(body.session.name).toBe('JSESSIONID');
    expect(body.session.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // A first login that never failed: Jira leaves both dates out (not null).
    expect(body.loginInfo).toEqual({ failedLoginCount: expect.any(Number), loginCount: expect.any(Number) });
    const cookies = headers.getSetCookie();
    expect(cookies).toContainEqual(`JSESSIONID=${body.session.value}; Path=/; HttpOnly; SameSite=Lax`);
    expect(cookies.find((c: string) => c.startsWith('atlassian.xsrf.token='))).toMatch(/^atlassian\.xsrf\.token=[^;]+\|[0-9a-f]{40}\|lin; Path=\/; SameSite=Lax$/);
    expect(headers.get('x-seraph-loginreason')).toBe('OK');
    expect(headers.get('x-ausername')).toBe('demo');
    // Only a hash of the session id is stored.
    expect(await sql('SELECT 1 FROM "Session" WHERE "idHash" = $1', [body.session.value])).toHaveLength(0);
  });

  it("runs the Node example flow: log in, then search with a cookie built from the body", async () => {
    const { body } = await login(a.url, 'demo@example.com', DEMO_PASSWORD);
    const search = await fetch(`${a.url}/rest/api/2/search`, {
      method: 'POST',
      headers: { cookie: cookieFrom(body), 'content-type': 'application/json' },
      body: JSON.stringify({ jql: 'project = DEMO AND status != Done ORDER BY key', maxResults: 2 }),
    });
    expect(search.status).toBe(200);
    const result = await json<{ issues: { key: string }[] }>(search);
    expect(result).toMatchObject({ startAt: 0, maxResults: 2, total: 6 });
    expect(result.issues.map((i) => i.key)).toEqual(['DEMO-1', 'DEMO-2']);
    expect(search.headers.get('x-ausername')).toBe('demo');
  });

  it('answers GET with the current user for a cookie, a Basic token or a Bearer token, and 401 otherwise', async () => {
    const { body } = await login(a.url, 'demo', DEMO_PASSWORD);
    const credentials: Array<Record<string, string>> = [{ cookie: cookieFrom(body) }, { authorization: basic('demo@example.com', token) }, { authorization: `Bearer ${token}` }];
    for (const headers of credentials) {
      const response = await fetch(`${b.url}/rest/auth/1/session`, { headers });
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-cache, no-store, no-transform');
      const current = await json<{ loginInfo: Record<string, unknown> }>(response);
      expect(current).toMatchObject({ self: `${b.url}/rest/api/latest/user?username=demo`, name: 'demo' });
      expect(current.loginInfo.loginCount).toBeGreaterThan(0);
      expect(current.loginInfo.previousLoginTime).toMatch(JIRA_DATE);
      expect(Object.values(current.loginInfo)).not.toContain(null);
    }
    const anonymous = await fetch(`${a.url}/rest/auth/1/session`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual(NOT_AUTHENTICATED);
    expect(anonymous.headers.get('x-ausername')).toBe('anonymous');
  });

  it('serves the same resource at /rest/auth/latest/session', async () => {
    const { status, body } = await login(a.url, 'demo', DEMO_PASSWORD, '/rest/auth/latest/session');
    expect(status).toBe(200);
    expect((await fetch(`${a.url}/rest/auth/latest/session`, { headers: { cookie: cookieFrom(body) } })).status).toBe(200);
    const logout = await fetch(`${a.url}/rest/auth/latest/session`, { method: 'DELETE', headers: { cookie: cookieFrom(body) } });
    expect(logout.status).toBe(204);
  });

  it('logs out on one instance and the cookie is dead on the other', async () => {
    const { body } = await login(a.url, 'demo', DEMO_PASSWORD);
    const cookie = cookieFrom(body);
    expect((await fetch(`${b.url}/rest/api/2/myself`, { headers: { cookie } })).status).toBe(200);
    const logout = await fetch(`${b.url}/rest/auth/1/session`, { method: 'DELETE', headers: { cookie } });
    expect(logout.status).toBe(204);
    expect(await logout.text()).toBe('');
    expect(logout.headers.get('x-seraph-loginreason')).toBe('OUT');
    for (const server of [a, b]) {
      const after = await fetch(`${server.url}/rest/api/2/myself`, { headers: { cookie } });
      expect(after.status).toBe(401);
      expect(await after.json()).toEqual(NOT_AUTHENTICATED);
    }
    const again = await fetch(`${a.url}/rest/auth/1/session`, { method: 'DELETE', headers: { cookie } });
    expect(again.status).toBe(401);
  });

  it('gives a new session id at every login (no fixation)', async () => {
    const first = await login(a.url, 'alice', DEMO_PASSWORD);
    const second = await login(a.url, 'alice', DEMO_PASSWORD);
    expect(first.body.session.value).not.toBe(second.body.session.value);
  });

  it('refuses bad credentials with Login failed, and an unknown or inactive user looks the same', async () => {
    await sql(`UPDATE "User" SET active = false WHERE name = 'unverified'`);
    for (const [username, password] of [['alice', 'wrong'], ['nobody', DEMO_PASSWORD], ['unverified', DEMO_PASSWORD]]) {
      const { status, headers, body } = await login(a.url, username!, password!);
      expect({ username, status, body }).toEqual({ username, status: 401, body: { errorMessages: ['Login failed'], errors: {} } });
      expect(headers.get('www-authenticate')).toBe('JIRA REST POST');
      expect(headers.get('x-seraph-loginreason')).toBe('AUTHENTICATED_FAILED');
      expect(headers.get('set-cookie')).toBeNull();
    }
    await sql(`UPDATE "User" SET active = true WHERE name = 'unverified'`);
    await login(a.url, 'alice', DEMO_PASSWORD); // resets alice's streak for the next tests
  });

  it('answers 409 for a right password on an unverified email', async () => {
    const { status, body } = await login(a.url, 'unverified', DEMO_PASSWORD);
    expect(status).toBe(409);
    expect(body.errorMessages![0]).toMatch(/email address has not been verified/);
  });

  it('rejects a missing or malformed body with 400 in the envelope', async () => {
    for (const body of ['{"username":"demo"}', '{}', '[]', '"demo"', '{"username":5,"password":"x"}', '{bad json']) {
      const response = await fetch(`${a.url}/rest/auth/1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect({ body, status: response.status }).toEqual({ body, status: 400 });
      expect(await json(response)).toEqual({ errorMessages: expect.arrayContaining([expect.any(String)]), errors: {} });
    }
  });

  it('locks out after 3 consecutive failures (CAPTCHA), even for the right password, until an admin clears it', async () => {
    await sql(`INSERT INTO "User" (id, name, email, "displayName", "emailVerified", "passwordHash", "updatedAt")
      SELECT gen_random_uuid(), 'locky', 'locky@example.com', 'Locky', true, "passwordHash", now() FROM "User" WHERE name = 'alice'`);
    for (let i = 0; i < 3; i++) expect((await login(a.url, 'locky', 'wrong')).status).toBe(401);
    const denied = await login(b.url, 'locky', DEMO_PASSWORD);
    expect(denied.status).toBe(403);
    expect(denied.body).toEqual({ errorMessages: ['Login denied'], errors: {} });
    expect(denied.headers.get('x-seraph-loginreason')).toBe('AUTHENTICATION_DENIED');
    expect(denied.headers.get('x-authentication-denied-reason')).toBe(`CAPTCHA_CHALLENGE; login-url=${b.url}/login.jsp`);

    const notAdmin = await fetch(`${a.url}/rest/tokenshift/1/users/locky/lockout`, { method: 'DELETE', headers: { cookie: await sessionCookie(a.url, 'alice') } });
    expect(notAdmin.status).toBe(403);
    const reset = await fetch(`${a.url}/rest/tokenshift/1/users/locky/lockout`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
    expect(reset.status).toBe(204);
    expect((await login(a.url, 'locky', DEMO_PASSWORD)).status).toBe(200);
  });

  it('resets the failure streak on a successful login', async () => {
    for (let round = 0; round < 2; round++) {
      expect((await login(a.url, 'alice', 'wrong')).status).toBe(401);
      expect((await login(a.url, 'alice', 'wrong')).status).toBe(401);
      expect((await login(a.url, 'alice', DEMO_PASSWORD)).status).toBe(200);
    }
    const [row] = await sql<{ failedLoginStreak: number; failedLoginCount: number }>(`SELECT "failedLoginStreak", "failedLoginCount" FROM "User" WHERE name = 'alice'`);
    expect(row?.failedLoginStreak).toBe(0);
    expect(row?.failedLoginCount).toBeGreaterThanOrEqual(4);
  });

  it('refuses cookie-authenticated form posts without the XSRF token, and allows them with it', async () => {
    const { body, headers } = await login(a.url, 'demo', DEMO_PASSWORD);
    const cookie = cookieFrom(body);
    const form = (extra: Record<string, string>, formBody = 'jql=project%3DDEMO', type = 'application/x-www-form-urlencoded') =>
      fetch(`${a.url}/rest/api/2/search`, { method: 'POST', headers: { 'content-type': type, ...extra }, body: formBody });
    for (const type of ['application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x']) {
      const refused = await form({ cookie }, 'jql=x', type);
      expect({ type, status: refused.status }).toEqual({ type, status: 403 });
      expect(await refused.json()).toEqual({ errorMessages: ['XSRF check failed'], errors: {} });
    }
    expect((await form({ cookie, 'x-atlassian-token': 'no-check' })).status).toBe(200);
    expect((await form({ cookie, 'x-atlassian-token': 'nocheck' })).status).toBe(200);
    const xsrf = decodeURIComponent(headers.getSetCookie().find((c: string) => c.startsWith('atlassian.xsrf.token='))!.split(';')[0]!.split('=')[1]!);
    expect((await form({ cookie }, `jql=project%3DDEMO&atl_token=${encodeURIComponent(xsrf)}`)).status).toBe(200);
    expect((await form({ authorization: `Bearer ${token}` })).status).toBe(200);
    const json = await fetch(`${a.url}/rest/api/2/search`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: '{"jql":"project = DEMO"}' });
    expect(json.status).toBe(200);
  });

  it('refuses a body-less POST by cookie as form-like (a bare curl -X POST -b), and takes the no-check header in any case', async () => {
    const admin = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const created = await fetch(`${a.url}/rest/tokenshift/1/users`, { method: 'POST', headers: admin, body: JSON.stringify({ name: 'target', email: 'target@example.com', displayName: 'Target' }) });
    expect(created.status).toBe(201);
    const cookie = cookieFrom((await login(a.url, 'demo', DEMO_PASSWORD)).body);
    const deactivate = (headers: Record<string, string>) => fetch(`${b.url}/rest/tokenshift/1/users/target/deactivate`, { method: 'POST', headers });
    const isActive = async () => (await sql(`SELECT active FROM "User" WHERE name = 'target'`))[0]?.active;

    const bare = await deactivate({ cookie });
    expect(bare.status).toBe(403);
    expect(await bare.json()).toEqual({ errorMessages: ['XSRF check failed'], errors: {} });
    expect(await isActive()).toBe(true);
    // A JSON body cannot come from a form; a token cannot be forged by a browser.
    expect((await fetch(`${a.url}/rest/tokenshift/1/users/target/activate`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: '{}' })).status).toBe(204);
    expect((await fetch(`${a.url}/rest/tokenshift/1/users/target/activate`, { method: 'POST', headers: { authorization: `Bearer ${token}` } })).status).toBe(204);
    // Jira compares the header value case-insensitively.
    for (const value of ['No-Check', 'NO-CHECK', 'NoCheck']) {
      expect((await fetch(`${a.url}/rest/api/2/search`, { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', 'x-atlassian-token': value }, body: 'jql=project%3DDEMO' })).status).toBe(200);
    }
    expect((await fetch(`${a.url}/rest/api/2/search`, { method: 'POST', headers: { cookie, 'content-type': 'text/plain', 'x-atlassian-token': 'check' }, body: 'x' })).status).toBe(403);
    expect((await deactivate({ cookie, 'x-atlassian-token': 'No-Check' })).status).toBe(204);
    expect(await isActive()).toBe(false);
    // A body-less DELETE (logout) cannot come from another site without a CORS pre-flight: not refused.
    expect((await fetch(`${a.url}/rest/auth/1/session`, { method: 'DELETE', headers: { cookie } })).status).toBe(204);
  });

  it('takes JSON logins only: a form, multipart or text login gets 415 in the envelope and no cookie', async () => {
    const body = { username: 'demo', password: DEMO_PASSWORD };
    for (const [type, payload] of [
      ['application/x-www-form-urlencoded', `username=demo&password=${encodeURIComponent(DEMO_PASSWORD)}`],
      ['multipart/form-data; boundary=x', `--x\r\nContent-Disposition: form-data; name="username"\r\n\r\ndemo\r\n--x--\r\n`],
      ['text/plain', JSON.stringify(body)],
    ]) {
      for (const path of ['/rest/auth/1/session', '/rest/auth/latest/session']) {
        const response = await fetch(`${a.url}${path}`, { method: 'POST', headers: { 'content-type': type! }, body: payload });
        expect({ type, path, status: response.status }).toEqual({ type, path, status: 415 });
        expect(await response.json()).toEqual({ errorMessages: ['This resource takes application/json only.'], errors: {} });
        expect(response.headers.get('set-cookie')).toBeNull();
      }
    }
    const withCharset = await fetch(`${a.url}/rest/auth/1/session`, { method: 'POST', headers: { 'content-type': 'Application/JSON; charset=utf-8' }, body: JSON.stringify(body) });
    expect(withCharset.status).toBe(200);
  });

  it('ends the session the client presents when it logs in again, whoever logs in, on every instance', async () => {
    const first = cookieFrom((await login(a.url, 'demo', DEMO_PASSWORD)).body);
    expect((await fetch(`${b.url}/rest/api/2/myself`, { headers: { cookie: first } })).status).toBe(200);
    const relogin = (cookie: string, username: string) =>
      fetch(`${a.url}/rest/auth/1/session`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });

    const asAlice = await relogin(first, 'alice');
    expect(asAlice.status).toBe(200);
    const second = cookieFrom(await json(asAlice));
    for (const server of [a, b]) {
      const old = await fetch(`${server.url}/rest/api/2/myself`, { headers: { cookie: first } });
      expect(old.status).toBe(401);
      expect(await old.json()).toEqual(NOT_AUTHENTICATED);
    }
    expect((await json<{ name: string }>(await fetch(`${b.url}/rest/api/2/myself`, { headers: { cookie: second } }))).name).toBe('alice');

    // The same user again: the presented session ends too; a failed login ends nothing.
    expect((await fetch(`${a.url}/rest/auth/1/session`, { method: 'POST', headers: { cookie: second, 'content-type': 'application/json' }, body: JSON.stringify({ username: 'alice', password: 'wrong' }) })).status).toBe(401);
    expect((await fetch(`${b.url}/rest/api/2/myself`, { headers: { cookie: second } })).status).toBe(200);
    const third = await relogin(second, 'alice');
    expect(third.status).toBe(200);
    expect((await fetch(`${b.url}/rest/api/2/myself`, { headers: { cookie: second } })).status).toBe(401);
    expect((await fetch(`${b.url}/rest/api/2/myself`, { headers: { cookie: cookieFrom(await json(third)) } })).status).toBe(200);
  });
});

/** The token with its last (checksum) character changed. */
const withAnotherLastCharacter = (token: string) => `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;

describe('credential cases on a protected resource', () => {
  let database: TestDatabase;
  let server: RunningServer;
  let token: string;
  beforeAll(async () => {
    database = await createPostgresTestDatabase('e2e_credentials');
    server = await startServer({ DATABASE_URL: database.url, DEMO_DATA: 'true', SESSION_IDLE_TIMEOUT_SECONDS: '2' });
    token = server.demoToken()!;
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it.each([
    ['missing', 401, (): Record<string, string> => ({})],
    ['malformed cookie', 401, () => ({ cookie: 'JSESSIONID=%%%not-a-session' })],
    ['unknown cookie', 401, () => ({ cookie: `JSESSIONID=${'A'.repeat(43)}` })],
    ['malformed Basic', 401, () => ({ authorization: 'Basic !!!' })],
    ['wrong token', 401, () => ({ authorization: basic('demo@example.com', `tsk_${'x'.repeat(49)}`) })],
    ['token of another user', 401, () => ({ authorization: basic('alice@example.com', token) })],
    ['password instead of token', 401, () => ({ authorization: basic('demo@example.com', DEMO_PASSWORD) })],
    ['unknown scheme', 401, () => ({ authorization: `Digest ${token}` })],
    ['valid Basic token', 200, () => ({ authorization: basic('demo@example.com', token) })],
    ['valid Bearer token', 200, () => ({ authorization: `Bearer ${token}` })],
    // The token's row is cached by now: the answer from memory must be the same.
    ['token of another user, row cached', 401, () => ({ authorization: basic('alice@example.com', token) })],
    ['valid token, lower-case scheme, row cached', 200, () => ({ authorization: `bearer ${token}` })],
    // A cache hit skips the token's shape check; near-misses of a cached token must still be refused.
    ['cached token with another checksum', 401, () => ({ authorization: `Bearer ${withAnotherLastCharacter(token)}` })],
    ['cached token with a character more', 401, () => ({ authorization: `Bearer ${token}A` })],
    ['cached token as Basic with another checksum', 401, () => ({ authorization: basic('demo@example.com', withAnotherLastCharacter(token)) })],
  ])('%s → %i', async (_case, status, headers) => {
    const response = await fetch(`${server.url}/rest/api/2/myself`, { headers: headers() });
    expect(response.status).toBe(status);
    if (status === 401) {
      expect(await response.json()).toEqual(NOT_AUTHENTICATED);
      expect(response.headers.get('www-authenticate')).toBe('Basic realm="tokenshift"');
      expect(response.headers.get('x-ausername')).toBe('anonymous');
    } else {
      expect((await json<{ name: string }>(response)).name).toBe('demo');
    }
  });

  it('expires an idle session with 401, and a client that re-logs in on 401 recovers', async () => {
    const { body } = await login(server.url, 'demo', DEMO_PASSWORD);
    const cookie = cookieFrom(body);
    expect((await fetch(`${server.url}/rest/api/2/myself`, { headers: { cookie } })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 2500));
    const expired = await fetch(`${server.url}/rest/api/2/myself`, { headers: { cookie } });
    expect(expired.status).toBe(401);
    expect(await expired.json()).toEqual(NOT_AUTHENTICATED);
    // Re-login while still sending the dead cookie, as Jira clients do.
    const relogin = await fetch(`${server.url}/rest/auth/1/session`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'demo', password: DEMO_PASSWORD }),
    });
    expect(relogin.status).toBe(200);
    const fresh = cookieFrom(await json<LoginResponse['body']>(relogin));
    expect((await fetch(`${server.url}/rest/api/2/myself`, { headers: { cookie: fresh } })).status).toBe(200);
  });
});
