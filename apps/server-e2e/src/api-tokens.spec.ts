import { createPostgresTestDatabase, TestDatabase } from '@tokenshift/db/testing';
import {
  basic,
  cookieFrom,
  type CreatedToken,
  createToken as postToken,
  DEMO_PASSWORD,
  type ErrorBody,
  json,
  login,
  NOT_AUTHENTICATED,
  type OpenApiDocument,
  RunningServer,
  startServer,
  type TokenSummary,
} from '@tokenshift/testing';
import fc from 'fast-check';

interface Issue {
  key: string;
  fields: Record<string, unknown>;
}

describe('API tokens beside the session cookie (PostgreSQL, two instances)', () => {
  let database: TestDatabase;
  let a: RunningServer;
  let b: RunningServer;
  let adminToken: string;
  const secretsSeen = new Set<string>([DEMO_PASSWORD]);

  beforeAll(async () => {
    database = await createPostgresTestDatabase('e2e_tokens');
    a = await startServer({ DATABASE_URL: database.url, DEMO_DATA: 'true', LOG_LEVEL: 'verbose' });
    b = await startServer({ DATABASE_URL: database.url, LOG_LEVEL: 'verbose' });
    adminToken = a.demoToken()!;
    secretsSeen.add(adminToken);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await database?.drop();
  });

  async function cookieFor(server: RunningServer, username: string, password = DEMO_PASSWORD): Promise<string> {
    const { status, body } = await login(server.url, username, password);
    expect(status).toBe(200);
    secretsSeen.add(body.session.value);
    return cookieFrom(body);
  }

  async function createToken<T = CreatedToken>(server: RunningServer, headers: Record<string, string>, body: Record<string, unknown>) {
    const created = await postToken<T & { token?: string }>(server.url, headers, body);
    if (created.body.token) secretsSeen.add(created.body.token);
    return created;
  }

  it('serves the same requests the same way with a cookie, a Basic token and a Bearer token', async () => {
    const cookie = await cookieFor(a, 'demo');
    const modes: Record<string, Record<string, string>> = {
      cookie: { cookie },
      basic: { authorization: basic('demo@example.com', adminToken) },
      bearer: { authorization: `Bearer ${adminToken}` },
    };
    const seen: Record<string, unknown> = {};
    for (const [mode, headers] of Object.entries(modes)) {
      const myself = await fetch(`${b.url}/rest/api/2/myself`, { headers });
      expect({ mode, status: myself.status }).toEqual({ mode, status: 200 });
      const search = await fetch(`${b.url}/rest/api/2/search?jql=${encodeURIComponent('project = DEMO ORDER BY key')}&maxResults=3`, { headers });
      const created = await fetch(`${a.url}/rest/api/2/issue`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ fields: { project: { key: 'DEMO' }, summary: `made with ${mode}`, issuetype: { name: 'Task' } } }),
      });
      expect({ mode, status: created.status }).toEqual({ mode, status: 201 });
      const { key } = await json<Issue>(created);
      const issue = await json<Issue>(await fetch(`${b.url}/rest/api/2/issue/${key}`, { headers }));
      expect(issue.fields).toMatchObject({ summary: `made with ${mode}`, issuetype: { name: 'Task' }, reporter: { name: 'demo' } });
      seen[mode] = { myself: await json(myself), search: (await json<{ issues: Issue[] }>(search)).issues.map((i) => i.key) };
    }
    expect(seen['basic']).toEqual(seen['cookie']);
    expect(seen['bearer']).toEqual(seen['cookie']);
  });

  // Headers built at run time: the admin token exists only once the servers are up.
  it.each<[string, () => Record<string, string>]>([
    ['cookie', () => ({ cookie: `JSESSIONID=${'B'.repeat(43)}` })],
    ['basic', () => ({ authorization: basic('demo@example.com', `tsk_${'y'.repeat(49)}`) })],
    ['bearer', () => ({ authorization: `Bearer tsk_${'y'.repeat(49)}` })],
    ['basic with another email', () => ({ authorization: basic('alice@example.com', adminToken) })],
  ])('fails the same way for a bad %s credential', async (_mode, headersOf) => {
    const headers = headersOf();
    for (const path of ['/rest/api/2/myself', '/rest/api/2/search', '/rest/api/2/issue/DEMO-1']) {
      const response = await fetch(`${a.url}${path}`, { headers });
      expect({ path, status: response.status }).toEqual({ path, status: 401 });
      expect(await json(response)).toEqual(NOT_AUTHENTICATED);
      expect(response.headers.get('www-authenticate')).toBe('Basic realm="tokenshift"');
    }
  });

  it('takes the email or the username, in any case, as the Basic login, from the database and from the cache alike', async () => {
    for (const login of ['DEMO@Example.COM', 'demo', 'demo@example.com', 'Demo']) {
      // The second request is answered from the cached row, the first may not be.
      for (const attempt of [1, 2]) {
        const response = await fetch(`${a.url}/rest/api/2/myself`, { headers: { authorization: basic(login, adminToken) } });
        expect({ login, attempt, status: response.status }).toEqual({ login, attempt, status: 200 });
      }
    }
    // Usernames are case-insensitive, as Jira's are (one namespace of login names); another user's login is refused.
    const otherUser = await fetch(`${a.url}/rest/api/2/myself`, { headers: { authorization: basic('Alice', adminToken) } });
    expect(otherUser.status).toBe(401);
  });

  it('creates a token from a cookie session, shows it once, lists only a preview, and revokes it everywhere at once', async () => {
    const cookie = await cookieFor(a, 'alice');
    const created = await createToken(a, { cookie }, { name: 'nightly export', expiresInDays: 30, scopes: ['read'] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'nightly export', scopes: ['read'], preview: created.body.token.slice(0, 8) + '…', revoked: null });
    expect(created.body.token).toMatch(/^tsk_[A-Za-z0-9_-]{49}$/);

    const listed = await json<TokenSummary[]>(await fetch(`${b.url}/rest/tokenshift/1/tokens`, { headers: { cookie } }));
    expect(listed).toHaveLength(1);
    expect(JSON.stringify(listed)).not.toContain(created.body.token);
    expect(listed[0]).not.toHaveProperty('token');
    expect(listed[0]).not.toHaveProperty('tokenHash');

    const withToken = { authorization: basic('alice@example.com', created.body.token) };
    expect((await fetch(`${b.url}/rest/api/2/myself`, { headers: withToken })).status).toBe(200);
    const readOnlyWrite = await fetch(`${b.url}/rest/api/2/issue`, {
      method: 'POST',
      headers: { ...withToken, 'content-type': 'application/json' },
      body: JSON.stringify({ fields: { project: { key: 'DEMO' }, summary: 'x', issuetype: { name: 'Bug' } } }),
    });
    expect(readOnlyWrite.status).toBe(403);

    const revoke = await fetch(`${a.url}/rest/tokenshift/1/tokens/${created.body.id}`, { method: 'DELETE', headers: { cookie } });
    expect(revoke.status).toBe(204);
    const after = await fetch(`${b.url}/rest/api/2/myself`, { headers: withToken });
    expect(after.status).toBe(401);
    expect((await fetch(`${a.url}/rest/tokenshift/1/tokens/${created.body.id}`, { method: 'DELETE', headers: { cookie } })).status).toBe(404);
  });

  it('stops accepting a token at its expiry, on every instance, and records its last use', async () => {
    const cookie = await cookieFor(a, 'alice');
    const created = await createToken(a, { cookie }, { name: 'short', expiresAt: new Date(Date.now() + 2500).toISOString() });
    expect(created.status).toBe(201);
    const bearer = { authorization: `Bearer ${created.body.token}` };
    expect((await fetch(`${b.url}/rest/api/2/myself`, { headers: bearer })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1000));
    const listed = await json<TokenSummary[]>(await fetch(`${a.url}/rest/tokenshift/1/tokens`, { headers: { cookie } }));
    expect(listed.find((t) => t.name === 'short')?.lastUsed).not.toBeNull();
    await new Promise((r) => setTimeout(r, 2000));
    expect((await fetch(`${b.url}/rest/api/2/myself`, { headers: bearer })).status).toBe(401);
    expect((await fetch(`${a.url}/rest/api/2/myself`, { headers: bearer })).status).toBe(401);
  });

  it('refuses token requests a user may not make: admin scope for non-admins, expiry in the past, bad bodies', async () => {
    const cookie = await cookieFor(a, 'alice');
    expect((await createToken(a, { cookie }, { name: 'root', scopes: ['admin'] })).status).toBe(403);
    expect((await createToken(a, { cookie }, { name: 'old', expiresAt: '2001-01-01T00:00:00Z' })).status).toBe(400);
    for (const body of [{}, { name: '' }, { name: 'x', scopes: ['root'] }, { name: 'x', expiresInDays: -1 }, { name: 'x'.repeat(101) }]) {
      const response = await createToken<ErrorBody>(a, { cookie }, body);
      expect({ body, status: response.status }).toEqual({ body, status: 400 });
      expect(response.body.errorMessages.length + Object.keys(response.body.errors).length).toBeGreaterThan(0);
    }
  });

  it('lets an admin create, verify and deactivate users; deactivation ends sessions and tokens at once', async () => {
    const admin = { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' };
    const password = 'dave-has-a-long-password';
    secretsSeen.add(password);
    const created = await fetch(`${a.url}/rest/tokenshift/1/users`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({ name: 'dave', email: 'dave@example.com', displayName: 'Dave', password }),
    });
    expect(created.status).toBe(201);
    expect(await json(created)).not.toHaveProperty('passwordHash');
    expect((await login(a.url, 'dave', password)).status).toBe(409);
    expect((await fetch(`${a.url}/rest/tokenshift/1/users/dave/verify-email`, { method: 'POST', headers: admin })).status).toBe(204);
    const cookie = await cookieFor(a, 'dave', password);
    const token = (await createToken(a, { cookie }, { name: 'dave ci' })).body.token;

    const alice = await cookieFor(a, 'alice');
    expect((await fetch(`${a.url}/rest/tokenshift/1/users/dave/deactivate`, { method: 'POST', headers: { cookie: alice } })).status).toBe(403);
    expect((await fetch(`${a.url}/rest/tokenshift/1/users/dave/deactivate`, { method: 'POST', headers: admin })).status).toBe(204);
    expect((await fetch(`${b.url}/rest/api/2/myself`, { headers: { cookie } })).status).toBe(401);
    expect((await fetch(`${b.url}/rest/api/2/myself`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    expect((await login(b.url, 'dave', password)).status).toBe(401);
    expect((await fetch(`${a.url}/rest/tokenshift/1/users/nobody/deactivate`, { method: 'POST', headers: admin })).status).toBe(404);
    const duplicate = await fetch(`${a.url}/rest/tokenshift/1/users`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({ name: 'dave', email: 'dave@example.com', displayName: 'Dave again' }),
    });
    expect(duplicate.status).toBe(409);
  });

  it('revokes tokens and ends sessions on deactivation for good: reactivation starts clean, on every instance', async () => {
    const admin = { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' };
    const password = 'erin-has-a-long-password';
    secretsSeen.add(password);
    const created = await fetch(`${a.url}/rest/tokenshift/1/users`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({ name: 'erin', email: 'erin@example.com', displayName: 'Erin', password, emailVerified: true }),
    });
    expect(created.status).toBe(201);
    const cookie = await cookieFor(a, 'erin', password);
    const token = (await createToken(a, { cookie }, { name: 'erin ci' })).body.token;
    // Both credentials are in use, so their rows sit in both instances' caches.
    for (const server of [a, b]) {
      expect((await fetch(`${server.url}/rest/api/2/myself`, { headers: { cookie } })).status).toBe(200);
      expect((await fetch(`${server.url}/rest/api/2/myself`, { headers: { authorization: basic('erin@example.com', token) } })).status).toBe(200);
    }

    expect((await fetch(`${b.url}/rest/tokenshift/1/users/erin/deactivate`, { method: 'POST', headers: admin })).status).toBe(204);
    expect((await fetch(`${b.url}/rest/tokenshift/1/users/erin/activate`, { method: 'POST', headers: admin })).status).toBe(204);

    for (const server of [a, b]) {
      expect((await fetch(`${server.url}/rest/api/2/myself`, { headers: { cookie } })).status).toBe(401);
      expect((await fetch(`${server.url}/rest/api/2/myself`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
      expect((await fetch(`${server.url}/rest/api/2/myself`, { headers: { authorization: basic('erin@example.com', token) } })).status).toBe(401);
    }
    // Reactivated: a new sign-in and a new token work; the old token is listed as revoked.
    const fresh = await cookieFor(b, 'erin', password);
    const tokens = await json(await fetch(`${a.url}/rest/tokenshift/1/tokens`, { headers: { cookie: fresh } }));
    expect(tokens).toEqual([expect.objectContaining({ name: 'erin ci', revoked: expect.any(String) })]);
    const newToken = (await createToken(a, { cookie: fresh }, { name: 'erin ci 2' })).body.token;
    expect((await fetch(`${b.url}/rest/api/2/myself`, { headers: { authorization: `Bearer ${newToken}` } })).status).toBe(200);
    expect((await fetch(`${a.url}/rest/api/2/myself`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
  });

  it('keeps one namespace of login names: case-insensitive usernames, no username equal to another user’s email', async () => {
    const admin = { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' };
    const create = (name: string, email: string) =>
      fetch(`${a.url}/rest/tokenshift/1/users`, { method: 'POST', headers: admin, body: JSON.stringify({ name, email, displayName: name, password: 'a-long-enough-password', emailVerified: true }) });
    const rename = (username: string, name: string) =>
      fetch(`${b.url}/rest/tokenshift/1/users/${encodeURIComponent(username)}/rename`, { method: 'POST', headers: admin, body: JSON.stringify({ name }) });

    for (const [name, email, message] of [
      ['ALICE', 'big-alice@example.com', "The username 'ALICE' is taken: usernames are case-insensitive, and 'alice' exists."],
      ['alice@example.com', 'fake-alice@example.com', "The username 'alice@example.com' is another user's email address."],
      ['mallory', 'Alice@Example.com', "The email address 'alice@example.com' is already in use."],
    ] as const) {
      const refused = await create(name, email);
      expect({ name, status: refused.status }).toEqual({ name, status: 409 });
      expect(await json(refused)).toEqual({ errorMessages: [message], errors: {} });
    }
    expect((await create('frank', 'frank@example.com')).status).toBe(201);
    const asUsername = await rename('frank', 'alice@example.com');
    expect(asUsername.status).toBe(409);
    expect(await json(asUsername)).toEqual({ errorMessages: ["The username 'alice@example.com' is another user's email address."], errors: {} });
    expect((await rename('frank', 'Alice')).status).toBe(409);
    expect((await rename('nobody', 'x')).status).toBe(404);

    // A rename is seen at once on the other instance; the old name is free and logs nobody in.
    const renamed = await rename('FRANK', 'francis');
    expect(renamed.status).toBe(200);
    expect(await json(renamed)).toEqual({ name: 'francis', previousName: 'frank' });
    expect((await login(a.url, 'frank', 'a-long-enough-password')).status).toBe(401);
    // Login by name or email, in any case, resolves to the one account.
    for (const username of ['francis', 'FRANCIS', 'Frank@Example.com']) {
      const { status, body } = await login(a.url, username, 'a-long-enough-password');
      expect({ username, status }).toEqual({ username, status: 200 });
      const myself = await json<{ name: string }>(await fetch(`${b.url}/rest/api/2/myself`, { headers: { cookie: cookieFrom(body) } }));
      expect(myself.name).toBe('francis');
    }
  });

  it('publishes an OpenAPI document with the deprecated session operations and the token schemes', async () => {
    const document = await json<OpenApiDocument>(await fetch(`${a.url}/docs/json`));
    const session = document.paths['/rest/auth/1/session'];
    expect(session?.get).toMatchObject({ operationId: 'com.atlassian.jira.rest.auth.Login.getCurrentUserLoginInformation_get', deprecated: true });
    expect(session?.post).toMatchObject({ operationId: 'com.atlassian.jira.rest.auth.Login.logIn_post', deprecated: true });
    expect(session?.delete).toMatchObject({ operationId: 'com.atlassian.jira.rest.auth.Login.logOut_delete', deprecated: true });
    expect(document.components.securitySchemes).toMatchObject({ basic: { scheme: 'basic' }, bearer: { scheme: 'bearer' } });
    const operationIds = Object.values(document.paths).flatMap((p) => Object.values(p).map((o) => o?.operationId));
    expect(new Set(operationIds).size).toBe(operationIds.length);
    expect((await fetch(`${a.url}/docs`)).status).toBe(200);
  });

  it('answers any Authorization header with 200 or a 401 envelope, never a 5xx (property)', async () => {
    const header = fc.oneof(
      fc.string({ unit: fc.constantFrom(...' !#$%&()*+,-./0123456789:;<=>?@ABCZabcz[]^_`{|}~'.split('')), maxLength: 80 }),
      fc.string({ unit: 'binary', maxLength: 40 }).map((s) => `Basic ${Buffer.from(s).toString('base64')}`),
      fc.tuple(fc.string({ maxLength: 20 }), fc.string({ unit: 'binary', maxLength: 60 })).map(([u, p]) => basic(u, p)),
      fc.string({ maxLength: 60 }).map((s) => `Bearer ${s.replace(/[^\x20-\x7e]/g, '')}`),
      fc.constant(basic('demo@example.com', adminToken)),
    );
    await fc.assert(
      fc.asyncProperty(header, async (authorization) => {
        const response = await fetch(`${a.url}/rest/api/2/myself`, { headers: { authorization } });
        expect([200, 401]).toContain(response.status);
        if (response.status === 401) expect(await json(response)).toEqual(NOT_AUTHENTICATED);
        else await response.arrayBuffer();
      }),
      { numRuns: 300 },
    );
  });

  it('accepts password Basic auth only when enabled', async () => {
    const password = basic('demo', DEMO_PASSWORD);
    expect((await fetch(`${a.url}/rest/api/2/myself`, { headers: { authorization: password } })).status).toBe(401);
    const legacy = await startServer({ DATABASE_URL: database.url, ALLOW_PASSWORD_BASIC: 'true' });
    try {
      const response = await fetch(`${legacy.url}/rest/api/2/myself`, { headers: { authorization: password } });
      expect(response.status).toBe(200);
      expect(response.headers.get('x-seraph-loginreason')).toBe('OK');
      expect((await fetch(`${legacy.url}/rest/api/2/myself`, { headers: { authorization: basic('demo', 'wrong') } })).status).toBe(401);
    } finally {
      await legacy.stop();
    }
  });

  it('never writes a token, password or session id to the logs', async () => {
    await cookieFor(a, 'alice');
    // Tokens are read from the Authorization header only: one in the URL is refused and not logged.
    expect((await fetch(`${a.url}/rest/api/2/myself?access_token=${adminToken}`)).status).toBe(401);
    await new Promise((r) => setTimeout(r, 200)); // let the servers flush their logs
    const logs = a.output() + b.output();
    expect(logs).toMatch(/GET \/rest\/api\/2\/myself 200/);
    // Log lines are JSON (LOG_FORMAT=json); the demo token went to a file, not to this output.
    const logLines = logs.split('\n').filter((line) => line.startsWith('{'));
    expect(logLines.length).toBeGreaterThan(50);
    for (const secret of secretsSeen) {
      expect({ secret: `${secret.slice(0, 6)}…`, found: logLines.some((line) => line.includes(secret)) }).toEqual({ secret: `${secret.slice(0, 6)}…`, found: false });
    }
  });
});
