import type { RepoScans } from '@tokenshift/shared';
import { createPostgresTestDatabase, createTestDatabase, queryRows, TEST_DATABASE_KINDS, TestDatabase } from '@tokenshift/db/testing';
import { type ErrorBody, json, login, RunningServer, startServer } from '@tokenshift/testing';

/**
 * Inputs and faults that once gave a 500: numbers beyond PostgreSQL's integer, a duplicate user on
 * the embedded database, a database restarting under load; and spreadsheet formulas in the CSV export.
 */

const API = '/rest/tokenshift/1';
const MAX_INT = 2 ** 31 - 1;

function authorized(token: string, body?: object): RequestInit {
  return {
    method: body ? 'POST' : 'GET',
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  };
}

/** RFC 4180 rows, enough to read the server's export back (quoted cells, doubled quotes, CR/LF inside quotes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const endCell = () => {
    row.push(cell);
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted && char === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (char === '"') {
      quoted = !quoted;
    } else if (quoted) {
      cell += char;
    } else if (char === ',') {
      endCell();
    } else if (char === '\n') {
      endCell();
      rows.push(row);
      row = [];
    } else {
      cell += char;
    }
  }
  if (cell || row.length) {
    endCell();
    rows.push(row);
  }
  return rows;
}

describe.each(TEST_DATABASE_KINDS)('bad input on %s', (kind) => {
  let database: TestDatabase;
  let server: RunningServer;
  let token: string;
  beforeAll(async () => {
    database = await createTestDatabase(kind, `e2e_robust_${kind}`);
    // A loaded 2-core machine can take a while to migrate the embedded database.
    server = await startServer({ DATABASE_URL: database.url, DEMO_DATA: 'true', USAGE_FLUSH_INTERVAL_MS: '200' }, 90_000);
    token = server.demoToken()!;
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  const run = (repo: string, filesScanned: number, line = 1, column = 1) => ({
    repo,
    scannedAt: '2026-01-01T00:00:00Z',
    filesScanned,
    findings: [{ ruleId: 'js.session-login', severity: 'high', file: 'a.js', line, column, message: 'm' }],
  });

  it.each([
    ['filesScanned', run('acme/too-many-files', MAX_INT + 1)],
    ['line', run('acme/too-long', 1, MAX_INT + 1)],
    ['column', run('acme/too-wide', 1, 1, MAX_INT + 1)],
  ])('refuses a scan run with %s = 2^31 with a 400 and stores nothing', async (field, body) => {
    const response = await fetch(`${server.url}${API}/scan-runs`, authorized(token, body));
    expect(response.status).toBe(400);
    expect(await json(response)).toEqual({ errorMessages: [expect.stringContaining(`${field} must not be greater than ${MAX_INT}`)], errors: {} });
    const repos = await json<RepoScans[]>(await fetch(`${server.url}${API}/scan-runs/repos`, authorized(token)));
    expect(repos.map((r) => r.repo)).not.toContain(body.repo);
  });

  it('accepts a scan run with filesScanned, line and column = 2^31 - 1', async () => {
    const response = await fetch(`${server.url}${API}/scan-runs`, authorized(token, run('acme/largest', MAX_INT, MAX_INT, MAX_INT)));
    expect(response.status).toBe(201);
    const { id } = await json<{ id: string }>(response);
    const stored = await json(await fetch(`${server.url}${API}/scan-runs/${id}`, authorized(token)));
    expect(stored).toMatchObject({ filesScanned: MAX_INT, findings: [expect.objectContaining({ line: MAX_INT, column: MAX_INT })] });
  });

  it('answers a duplicate user name or email with 409 in Jira envelope, and keeps the first', async () => {
    const user = { name: 'twice', email: 'twice@example.com', displayName: 'Twice' };
    expect((await fetch(`${server.url}${API}/users`, authorized(token, user))).status).toBe(201);
    // The namespace check names what collides (before the unique index would answer generically).
    for (const [again, message] of [
      [{ ...user, email: 'other@example.com' }, "The username 'twice' is taken."],
      [{ ...user, name: 'other' }, "The email address 'twice@example.com' is already in use."],
    ] as const) {
      const response = await fetch(`${server.url}${API}/users`, authorized(token, again));
      expect(response.status).toBe(409);
      expect(await json(response)).toEqual({ errorMessages: [message], errors: {} });
    }
  });

  it('exports names, display names and emails that start like a formula with a leading quote', async () => {
    const password = 'long-enough-password';
    const users = [
      { name: '+plus', displayName: '=HYPERLINK("http://evil.example/")', email: '=eq@example.com' },
      { name: '-minus', displayName: '+SUM(1,2)', email: '+plus@example.com' },
      { name: '@at', displayName: '-2+3', email: '-minus@example.com' },
      { name: 'tabbed', displayName: '\tTAB', email: 'tabbed@example.com' },
      { name: 'returned', displayName: '\rCR', email: 'returned@example.com' },
      { name: 'atsign', displayName: '@SUM(1)', email: 'atsign@example.com' },
    ];
    for (const user of users) {
      expect((await fetch(`${server.url}${API}/users`, authorized(token, { ...user, password, emailVerified: true }))).status).toBe(201);
      expect((await login(server.url, user.name, password)).status).toBe(200);
    }
    // Logins are recorded in batches: wait until every one of them is in the export.
    let rows: string[][] = [];
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      const response = await fetch(`${server.url}${API}/usage/users.csv`, authorized(token));
      expect(response.status).toBe(200);
      rows = parseCsv(await response.text());
      if (users.every((user) => rows.some((row) => row[0]?.endsWith(user.name)))) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(rows[0]).toEqual(['user', 'displayName', 'email', 'deprecatedCalls', 'lastSeen', 'clients']);
    const dangerous = /^[=+\-@\t\r]/;
    let checked = 0;
    for (const user of users) {
      const row = rows.find((cells) => cells[0]?.endsWith(user.name));
      expect(row).toBeDefined();
      const values = [user.name, user.displayName, user.email];
      values.forEach((value, column) => {
        if (!dangerous.test(value)) return expect(row?.[column]).toBe(value);
        checked++;
        expect(row?.[column]).toBe(`'${value}`);
      });
    }
    expect(checked).toBe(12);
  });
});

describe('PostgreSQL terminating the server connections (a restart)', () => {
  let database: TestDatabase;
  let server: RunningServer;
  beforeAll(async () => {
    database = await createPostgresTestDatabase('e2e_robust_restart');
    // No auth cache: every request reads the database.
    server = await startServer({ DATABASE_URL: database.url, DEMO_DATA: 'true', AUTH_CACHE_SIZE: '0' });
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it('answers 503 with Retry-After (never 500) while its connections are terminated, and recovers by itself', async () => {
    const token = server.demoToken()!;
    const name = new URL(database.url).pathname.slice(1);
    const statuses = new Map<number, number>();
    const unavailable: Array<{ body: unknown; retryAfter: string | null }> = [];
    let terminating = true;
    const terminator = (async () => {
      let terminated = 0;
      while (terminating) {
        const rows = await queryRows<{ n: number }>(
          database.url,
          'SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
          [name],
        );
        terminated += rows[0]?.n ?? 0;
        await new Promise((r) => setTimeout(r, 25));
      }
      return terminated;
    })();
    const callers = Array.from({ length: 8 }, async () => {
      const until = Date.now() + 4000;
      while (Date.now() < until) {
        const response = await fetch(`${server.url}/rest/api/2/search?jql=project%3DDEMO`, authorized(token));
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        if (response.status === 503) unavailable.push({ body: await json<ErrorBody>(response), retryAfter: response.headers.get('retry-after') });
        else await response.arrayBuffer();
      }
    });
    // Stop terminating whatever happened to the callers: a loop left running outlives the test.
    const called = await Promise.allSettled(callers);
    terminating = false;
    const terminated = await terminator;
    // A refused connection means the server stopped: say why (its last lines), not just "fetch failed".
    const refused = called.filter((result) => result.status === 'rejected');
    expect(refused.length ? `${String((refused[0] as PromiseRejectedResult).reason?.cause ?? '')}\n${server.output().slice(-2000)}` : '').toBe('');

    expect(terminated).toBeGreaterThan(0);
    expect([...statuses.keys()].filter((status) => status !== 200 && status !== 503)).toEqual([]);
    // Terminating mid-query must have hit some requests, or this test proves nothing.
    expect(statuses.get(503) ?? 0).toBeGreaterThan(0);
    for (const { body, retryAfter } of unavailable) {
      expect(body).toEqual({ errorMessages: [expect.stringMatching(/temporarily unavailable/)], errors: {}, errorId: expect.any(String) });
      expect(retryAfter).toBe('5');
    }

    const recoveredBy = Date.now() + 10_000;
    let status = 0;
    while (Date.now() < recoveredBy && status !== 200) {
      status = (await fetch(`${server.url}/rest/api/2/myself`, authorized(token))).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe(200);
    expect(server.process.exitCode).toBeNull();
  });
});
