import { createTestDatabase, queryRows, TEST_DATABASE_KINDS, TestDatabase } from '@tokenshift/db/testing';
import { basic, cookieFrom, type CreatedToken, DEMO_PASSWORD, json, login, RunningServer, startServer } from '@tokenshift/testing';

/**
 * The lock-out that cannot be abused (issue 19, items 1 and 7): a lock ends by itself, each lock since
 * the last success lasts longer, a token is never counted as a password, a locked account is told so
 * on password Basic too, and the login page says when the lock ends. Short back-off steps (2 s, 4 s)
 * stand in for the default 1, 5, 15, 60 minutes.
 */
const BACKOFF_SECONDS = [2, 4];
const DENIED = 'AUTHENTICATION_DENIED';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(TEST_DATABASE_KINDS)('time-limited lock-out with growing back-off on %s', (kind) => {
  let database: TestDatabase;
  let server: RunningServer;
  let adminToken: string;

  beforeAll(async () => {
    database = await createTestDatabase(kind, 'e2e_lockout_backoff');
    server = await startServer({
      DATABASE_URL: database.url,
      DEMO_DATA: 'true',
      MAX_FAILED_LOGINS: '3',
      LOCKOUT_BACKOFF: BACKOFF_SECONDS.map((seconds) => `${seconds}s`).join(','),
      ALLOW_PASSWORD_BASIC: 'true',
    }, 120_000);
    adminToken = server.demoToken()!;
  }, 180_000);
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  /** A new verified user with the demo password (through the admin API: works on both databases). */
  async function newUser(name: string): Promise<string> {
    const response = await fetch(`${server.url}/rest/tokenshift/1/users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name, email: `${name}@example.com`, displayName: name, password: DEMO_PASSWORD, emailVerified: true }),
    });
    expect(response.status).toBe(201);
    return name;
  }

  async function failThreeTimes(user: string): Promise<void> {
    for (let i = 0; i < 3; i++) expect((await login(server.url, user, `wrong-${i}`)).status).toBe(401);
  }

  /** The 403 of a locked account: Jira's headers, and how many seconds until the lock ends. */
  async function expectLocked(user: string): Promise<number> {
    const denied = await login(server.url, user, DEMO_PASSWORD);
    expect(denied.status).toBe(403);
    expect(denied.body).toEqual({ errorMessages: ['Login denied'], errors: {} });
    expect(denied.headers.get('x-seraph-loginreason')).toBe(DENIED);
    expect(denied.headers.get('x-authentication-denied-reason')).toBe(`CAPTCHA_CHALLENGE; login-url=${server.url}/login.jsp`);
    return Number(denied.headers.get('retry-after'));
  }

  it('ends a lock by itself, and makes each further lock since the last success last longer', async () => {
    const user = await newUser(`backoff-${kind}`);
    await failThreeTimes(user);
    const first = await expectLocked(user);
    expect(first).toBeGreaterThanOrEqual(1);
    expect(first).toBeLessThanOrEqual(BACKOFF_SECONDS[0]!);
    await sleep(BACKOFF_SECONDS[0]! * 1000 + 200);
    // The lock has ended: the passwords are checked again, and three more wrong ones lock for the next step.
    await failThreeTimes(user);
    const second = await expectLocked(user);
    expect(second).toBeGreaterThan(BACKOFF_SECONDS[0]!);
    expect(second).toBeLessThanOrEqual(BACKOFF_SECONDS[1]!);
    await sleep(BACKOFF_SECONDS[1]! * 1000 + 200);
    expect((await login(server.url, user, DEMO_PASSWORD)).status).toBe(200);
    // A success starts the back-off over.
    await failThreeTimes(user);
    expect(await expectLocked(user)).toBeLessThanOrEqual(BACKOFF_SECONDS[0]!);
  });

  it('signals the lock on password Basic as on the session login: AUTHENTICATION_DENIED with the denied reason', async () => {
    const user = await newUser(`basic-lock-${kind}`);
    for (let i = 0; i < 3; i++) {
      const failed = await fetch(`${server.url}/rest/api/2/myself`, { headers: { authorization: basic(user, `wrong-${i}`) } });
      expect(failed.status).toBe(401);
      expect(failed.headers.get('x-seraph-loginreason')).toBe('AUTHENTICATED_FAILED');
      expect(failed.headers.get('x-authentication-denied-reason')).toBeNull();
    }
    const denied = await fetch(`${server.url}/rest/api/2/myself`, { headers: { authorization: basic(user, DEMO_PASSWORD) } });
    expect(denied.status).toBe(401);
    expect(await json(denied)).toEqual({ errorMessages: ['You are not authenticated. Authentication required to perform this operation.'], errors: {} });
    expect(denied.headers.get('x-seraph-loginreason')).toBe(DENIED);
    expect(denied.headers.get('x-authentication-denied-reason')).toBe(`CAPTCHA_CHALLENGE; login-url=${server.url}/login.jsp`);
    expect(Number(denied.headers.get('retry-after'))).toBeLessThanOrEqual(BACKOFF_SECONDS[0]!);
    // On a public resource the caller goes on as anonymous, still told why.
    const anonymous = await fetch(`${server.url}/rest/api/2/serverInfo`, { headers: { authorization: basic(user, DEMO_PASSWORD) } });
    expect(anonymous.status).toBe(200);
    expect(anonymous.headers.get('x-seraph-loginreason')).toBe(DENIED);
  });

  it('never counts a revoked API token in Basic as a failed password (ALLOW_PASSWORD_BASIC=true)', async () => {
    const user = await newUser(`migrating-${kind}`);
    const cookie = cookieFrom((await login(server.url, user, DEMO_PASSWORD)).body);
    const created = await json<CreatedToken>(
      await fetch(`${server.url}/rest/tokenshift/1/tokens`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'old client' }) }),
    );
    expect((await fetch(`${server.url}/rest/tokenshift/1/tokens/${created.id}`, { method: 'DELETE', headers: { cookie } })).status).toBe(204);
    // A migrating client keeps sending its old token, by email and by username.
    for (const userid of [`${user}@example.com`, user, `${user}@example.com`, user, user]) {
      const refused = await fetch(`${server.url}/rest/api/2/myself`, { headers: { authorization: basic(userid, created.token) } });
      expect(refused.status).toBe(401);
      expect(refused.headers.get('x-seraph-loginreason')).toBe('AUTHENTICATED_FAILED');
    }
    const after = await login(server.url, user, DEMO_PASSWORD);
    expect(after.status).toBe(200);
    expect(after.body.loginInfo.failedLoginCount).toBe(0);
  });

  it('serves /login.jsp: how to sign in, and for a locked name when its lock ends; an unknown and an unlocked name read the same', async () => {
    const page = await fetch(`${server.url}/login.jsp`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('cache-control')).toBe('no-cache, no-store, no-transform');
    // The helmet CSP allows no inline script; the page has none at all.
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'(;|$)/);
    const html = await page.text();
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('API token');
    expect(html).toContain('After 3 wrong passwords in a row');

    const user = await newUser(`page-${kind}`);
    await failThreeTimes(user);
    const locked = await (await fetch(`${server.url}/login.jsp?os_username=${user}`)).text();
    const until = /is locked until <time datetime="([^"]+)">/.exec(locked)?.[1];
    expect(until).toBeDefined();
    const secondsLeft = (Date.parse(until!) - Date.now()) / 1000;
    expect(secondsLeft).toBeGreaterThan(0);
    expect(secondsLeft).toBeLessThanOrEqual(BACKOFF_SECONDS[0]!);

    const statusOf = async (name: string) => /<p id="lock-status">(.*)<\/p>/.exec(await (await fetch(`${server.url}/login.jsp?os_username=${encodeURIComponent(name)}`)).text())?.[1];
    expect(await statusOf('alice')).toBe('No sign-in lock applies to <strong>alice</strong> now.');
    expect(await statusOf('nobody-at-all')).toBe('No sign-in lock applies to <strong>nobody-at-all</strong> now.');
    expect(await statusOf('<img src=x>')).toBe('No sign-in lock applies to <strong>&lt;img src=x&gt;</strong> now.');
  });

  it('locks a name without an account exactly as an account: the same 403 and headers, the same denial on password Basic, the same login page', async () => {
    const account = await newUser(`real-${kind}`);
    const ghost = `ghost-${kind}`;
    const lockedAnswer = async (name: string) => {
      const [session, passwordBasic] = [await login(server.url, name, DEMO_PASSWORD), await fetch(`${server.url}/rest/api/2/myself`, { headers: { authorization: basic(name, DEMO_PASSWORD) } })];
      const page = await (await fetch(`${server.url}/login.jsp?os_username=${name}`)).text();
      const secondsLeft = Number(session.headers.get('retry-after'));
      return {
        session: { status: session.status, body: session.body, reason: session.headers.get('x-seraph-loginreason'), denied: session.headers.get('x-authentication-denied-reason') },
        retryAfterWithinFirstStep: secondsLeft >= 1 && secondsLeft <= BACKOFF_SECONDS[0]!,
        passwordBasic: { status: passwordBasic.status, reason: passwordBasic.headers.get('x-seraph-loginreason'), denied: passwordBasic.headers.get('x-authentication-denied-reason') },
        page: /<p id="lock-status">(.*)<\/p>/.exec(page)?.[1]?.replace(name, 'NAME').replace(/datetime="[^"]+">[^<]+/, 'datetime="…">…'),
      };
    };
    await failThreeTimes(account);
    await failThreeTimes(ghost);
    const [accountAnswer, ghostAnswer] = [await lockedAnswer(account), await lockedAnswer(ghost)];
    expect(accountAnswer).toMatchObject({ session: { status: 403, reason: DENIED }, retryAfterWithinFirstStep: true, passwordBasic: { status: 401, reason: DENIED } });
    expect(accountAnswer.page).toMatch(/is locked until/);
    expect(ghostAnswer).toEqual(accountAnswer);
  });

  it('adds and changes no row but the fixed decoys for failed logins with made-up names (their streaks are kept in a bounded memory table)', async () => {
    if (kind !== 'postgres') return; // the row counts are read over a PostgreSQL connection
    // Every table's row count, the usage tables aside (each deprecated call is recorded, whoever makes it).
    const counts = async () =>
      queryRows<{ table: string; rows: string }>(
        database.url,
        `SELECT c.relname AS table, (xpath('/row/n/text()', query_to_xml(format('SELECT count(*) AS n FROM %I', c.relname), false, true, '')))[1]::text AS rows
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname NOT LIKE 'Usage%' ORDER BY 1`,
      );
    const users = () => queryRows(database.url, `SELECT * FROM "User" ORDER BY id`);
    const [tablesBefore, usersBefore] = [await counts(), await users()];
    for (let i = 0; i < 40; i++) expect((await login(server.url, `made-up-${i}`, 'wrong')).status).toBe(401);
    expect(await counts()).toEqual(tablesBefore);
    expect(await users()).toEqual(usersBefore);
  });
});
