import type { DeprecatedClient, RepoScans, ScanRun, UsageSummary } from '@tokenshift/shared';
import { createPostgresTestDatabase, queryRows, TEST_POSTGRES_URL, TestDatabase } from '@tokenshift/db/testing';
import { basic, cookieFrom, DEMO_PASSWORD, type ErrorBody, json, login, LoginResponse, RunningServer, runServerToExit, sessionCookie, startServer, TcpProxy } from '@tokenshift/testing';

const DEPRECATION_HEADERS = ['deprecation', 'sunset', 'link'];

/** Deprecated uses recorded (a raw row counts the identical uses of its second). */
async function countEvents(url: string, where = 'TRUE'): Promise<number> {
  const [row] = await queryRows<{ n: number }>(url, `SELECT coalesce(sum("count"), 0)::int AS n FROM "UsageEvent" WHERE ${where}`);
  return row!.n;
}

describe('deprecation signals and usage recording', () => {
  let database: TestDatabase;
  let a: RunningServer;
  let b: RunningServer;
  let token: string;

  beforeAll(async () => {
    database = await createPostgresTestDatabase('e2e_deprecation');
    const dates = { SUNSET_DATE: '2030-06-30T00:00:00Z', DEPRECATION_DATE: '2026-01-01T00:00:00Z', USAGE_FLUSH_INTERVAL_MS: '100' };
    a = await startServer({ DATABASE_URL: database.url, DEMO_DATA: 'true', ...dates });
    b = await startServer({ DATABASE_URL: database.url, ALLOW_PASSWORD_BASIC: 'true', ...dates });
    token = a.demoToken()!;
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await database?.drop();
  });

  it('sends RFC 9745/8594 headers on every deprecated use and none on token traffic', async () => {
    const { headers: loginHeaders, body } = await login(a.url, 'alice', DEMO_PASSWORD);
    const cookie = cookieFrom(body);
    const deprecatedResponses = {
      'POST session': loginHeaders,
      'GET session (cookie)': (await fetch(`${a.url}/rest/auth/1/session`, { headers: { cookie } })).headers,
      'GET session (anonymous, 401)': (await fetch(`${a.url}/rest/auth/1/session`)).headers,
      'GET session (token)': (await fetch(`${a.url}/rest/auth/latest/session`, { headers: { authorization: `Bearer ${token}` } })).headers,
      'cookie request': (await fetch(`${a.url}/rest/api/2/myself`, { headers: { cookie } })).headers,
      'password Basic': (await fetch(`${b.url}/rest/api/2/myself`, { headers: { authorization: basic('alice', DEMO_PASSWORD) } })).headers,
      'DELETE session': (await fetch(`${a.url}/rest/auth/1/session`, { method: 'DELETE', headers: { cookie } })).headers,
    };
    for (const [name, headers] of Object.entries(deprecatedResponses)) {
      expect({ name, deprecation: headers.get('deprecation'), sunset: headers.get('sunset') }).toEqual({
        name,
        deprecation: '@1767225600',
        sunset: 'Sun, 30 Jun 2030 00:00:00 GMT',
      });
      expect(headers.get('link')).toMatch(/rel="deprecation"/);
    }
    for (const headers of [
      (await fetch(`${a.url}/rest/api/2/myself`, { headers: { authorization: `Bearer ${token}` } })).headers,
      (await fetch(`${a.url}/rest/api/2/search`, { headers: { authorization: basic('demo@example.com', token) } })).headers,
      (await fetch(`${a.url}/rest/api/2/serverInfo`)).headers,
    ]) {
      for (const name of DEPRECATION_HEADERS) expect(headers.get(name)).toBeNull();
    }
  });

  it('records exactly one event per deprecated request under a concurrent burst on two instances', async () => {
    const cookie = await sessionCookie(a.url, 'demo');
    const before = await countEvents(database.url, `kind = 'cookie-request' AND "userName" = 'demo'`);
    const responses = await Promise.all(
      Array.from({ length: 300 }, (_, i) => fetch(`${(i % 2 ? a : b).url}/rest/api/2/myself`, { headers: { cookie, 'x-tokenshift-client': `burst-${i % 3}` } })),
    );
    expect(responses.every((r) => r.status === 200)).toBe(true);
    for (const server of [a, b]) expect(await server.drainUsage()).toMatchObject({ dropped: 0, pending: 0 });
    expect((await countEvents(database.url, `kind = 'cookie-request' AND "userName" = 'demo'`)) - before).toBe(300);
    const clients = await json<DeprecatedClient[]>(await fetch(`${a.url}/rest/tokenshift/1/usage/clients`, { headers: { authorization: `Bearer ${token}` } }));
    expect(clients.filter((c) => c.client.startsWith('burst-')).map((c) => c.deprecatedCalls)).toEqual([100, 100, 100]);
  });

  it('records token GETs of the session resource as their own kind', async () => {
    await fetch(`${a.url}/rest/auth/1/session`, { headers: { authorization: basic('demo@example.com', token), 'x-tokenshift-client': 'python-jira-validate' } });
    await a.drainUsage();
    expect(await countEvents(database.url, `kind = 'token-session-get'`)).toBe(0); // roll-up only, no raw event
    const users = await json<DeprecatedClient[]>(await fetch(`${a.url}/rest/tokenshift/1/usage/clients`, { headers: { authorization: `Bearer ${token}` } }));
    expect(users.map((c) => c.client)).not.toContain('python-jira-validate');
  });

  it('serves the read API to admins only, and exports the cookie users as CSV', async () => {
    const aliceCookie = await sessionCookie(a.url, 'alice');
    expect((await fetch(`${a.url}/rest/tokenshift/1/usage/summary`)).status).toBe(401);
    expect((await fetch(`${a.url}/rest/tokenshift/1/usage/summary`, { headers: { cookie: aliceCookie } })).status).toBe(403);
    expect((await fetch(`${a.url}/rest/tokenshift/1/usage/summary?days=0`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(400);
    await a.drainUsage();
    const csv = await fetch(`${a.url}/rest/tokenshift/1/usage/users.csv`, { headers: { authorization: `Bearer ${token}` } });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await csv.text()).trim().split('\n');
    expect(lines[0]).toBe('user,displayName,email,deprecatedCalls,lastSeen,clients');
    expect(lines.some((line) => line.startsWith('alice,Alice Example,alice@example.com,'))).toBe(true);
  });

  it('stores scanner reports per repo and never keeps a token from the evidence', async () => {
    const leaked = `tsk_${'L'.repeat(49)}`;
    const report = (findingCount: number, scannedAt: string) => ({
      repo: 'acme/api',
      commit: 'abc123',
      scannedAt,
      scannerVersion: '0.1.0',
      filesScanned: 10,
      findings: Array.from({ length: findingCount }, (_, i) => ({
        ruleId: 'session-resource-call',
        severity: i === 0 ? 'high' : 'medium',
        file: `src/f${i}.py`,
        line: i + 1,
        column: 1,
        language: 'python',
        message: 'POST /rest/auth/1/session',
        evidence: `requests.post(url, auth=("me", "${leaked}"))`,
        replacement: 'Use basic auth with an API token',
      })),
    });
    for (const [count, at] of [[5, '2026-11-01T00:00:00Z'], [2, '2026-11-20T00:00:00Z']] as const) {
      const response = await fetch(`${a.url}/rest/tokenshift/1/scan-runs`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(report(count, at)),
      });
      expect(response.status).toBe(201);
      expect(await json(response)).toMatchObject({ findingCount: count });
    }
    const repos = await json<RepoScans[]>(await fetch(`${a.url}/rest/tokenshift/1/scan-runs/repos`, { headers: { authorization: `Bearer ${token}` } }));
    expect(repos).toEqual([
      {
        repo: 'acme/api',
        latest: expect.objectContaining({ findingCount: 2, bySeverity: { high: 1, medium: 1, low: 0, info: 0 } }),
        history: [
          { scannedAt: '2026-11-01T00:00:00.000Z', findingCount: 5 },
          { scannedAt: '2026-11-20T00:00:00.000Z', findingCount: 2 },
        ],
      },
    ]);
    const run = await json<ScanRun>(await fetch(`${a.url}/rest/tokenshift/1/scan-runs/${repos[0]?.latest.id}`, { headers: { authorization: `Bearer ${token}` } }));
    expect(run.findings).toHaveLength(2);
    expect(JSON.stringify(run)).not.toContain(leaked);
    const bad = await fetch(`${a.url}/rest/tokenshift/1/scan-runs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ repo: 'x', scannedAt: 'yesterday', filesScanned: -1, findings: [{ severity: 'urgent' }] }),
    });
    expect(bad.status).toBe(400);
    expect((await json<ErrorBody>(bad)).errorMessages.length).toBeGreaterThan(0);
  });
});

describe('switching the deprecated mode off', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createPostgresTestDatabase('e2e_policy');
  });
  afterAll(() => database?.drop());

  it('answers 410 during a brown-out, with what to use instead; exemptions and tokens pass; refusals are recorded', async () => {
    const now = Date.now();
    const window = `${new Date(now - 60_000).toISOString()}/${new Date(now + 600_000).toISOString()}`;
    const server = await startServer({
      DATABASE_URL: database.url,
      DEMO_DATA: 'true',
      SESSION_POLICY: 'enforce',
      SUNSET_DATE: '2030-01-01T00:00:00Z',
      BROWNOUT_WINDOWS: window,
      DEPRECATION_EXEMPT_USERS: 'alice',
      DEPRECATION_EXEMPT_CLIENTS: 'legacy-exporter',
      USAGE_FLUSH_INTERVAL_MS: '100',
    });
    try {
      const token = server.demoToken()!;
      const refused = await login(server.url, 'demo', DEMO_PASSWORD);
      expect(refused.status).toBe(410);
      expect(refused.body.errorMessages![0]).toMatch(/brown-out until .* API token .*\/rest\/tokenshift\/1\/tokens/);
      expect(refused.headers.get('deprecation')).not.toBeNull();

      const alice = await login(server.url, 'alice', DEMO_PASSWORD);
      expect(alice.status).toBe(200);
      expect((await fetch(`${server.url}/rest/api/2/myself`, { headers: { cookie: cookieFrom(alice.body) } })).status).toBe(200);

      const viaExporter = await fetch(`${server.url}/rest/auth/1/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-tokenshift-client': 'legacy-exporter' },
        body: JSON.stringify({ username: 'demo', password: DEMO_PASSWORD }),
      });
      expect(viaExporter.status).toBe(200);
      const exporterCookie = cookieFrom(await json<LoginResponse['body']>(viaExporter));
      expect((await fetch(`${server.url}/rest/api/2/myself`, { headers: { cookie: exporterCookie } })).status).toBe(410);

      expect((await fetch(`${server.url}/rest/api/2/myself`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
      expect((await fetch(`${server.url}/rest/auth/1/session`, { headers: { authorization: basic('demo@example.com', token) } })).status).toBe(200);

      const summary = await json<UsageSummary>(await fetch(`${server.url}/rest/tokenshift/1/usage/summary`, { headers: { authorization: `Bearer ${token}` } }));
      expect(summary.policy).toMatchObject({ mode: 'enforce', inBrownout: true });
      expect(summary.policy.brownouts?.[0]).toEqual({ start: new Date(now - 60_000).toISOString(), end: new Date(now + 600_000).toISOString() });
      await server.drainUsage();
      expect(await countEvents(database.url, `kind = 'refused'`)).toBe(2);
    } finally {
      await server.stop();
    }
  });

  it('answers 410 after the sunset date, and in dry-run only records what it would refuse', async () => {
    const enforced = await startServer({ DATABASE_URL: database.url, SESSION_POLICY: 'enforce', SUNSET_DATE: '2020-01-01T00:00:00Z', DEPRECATION_DATE: '2019-01-01T00:00:00Z' });
    try {
      const response = await login(enforced.url, 'demo', DEMO_PASSWORD);
      expect(response.status).toBe(410);
      expect(response.body.errorMessages![0]).toMatch(/was switched off on Wed, 01 Jan 2020/);
    } finally {
      await enforced.stop();
    }
    const dryRun = await startServer({ DATABASE_URL: database.url, SESSION_POLICY: 'dry-run', SUNSET_DATE: '2020-01-01T00:00:00Z', DEPRECATION_DATE: '2019-01-01T00:00:00Z', USAGE_FLUSH_INTERVAL_MS: '50' });
    try {
      const before = await countEvents(database.url, `kind = 'would-refuse'`);
      expect((await login(dryRun.url, 'demo', DEMO_PASSWORD)).status).toBe(200);
      await dryRun.drainUsage();
      expect((await countEvents(database.url, `kind = 'would-refuse'`)) - before).toBe(1);
      expect(dryRun.output()).toMatch(/dry-run: would refuse POST \/rest\/auth\/1\/session for demo \(sunset\)/);
    } finally {
      await dryRun.stop();
    }
  });

  it('refuses to start with a sunset before the deprecation date or a malformed brown-out', async () => {
    const early = await runServerToExit({ DATABASE_URL: database.url, SUNSET_DATE: '2017-01-01T00:00:00Z' });
    expect(early.code).toBe(1);
    expect(early.output).toMatch(/SUNSET_DATE: The sunset date must not be earlier than the deprecation date/);
    const brownout = await runServerToExit({ DATABASE_URL: database.url, BROWNOUT_WINDOWS: 'mondays' });
    expect(brownout.code).toBe(1);
    expect(brownout.output).toMatch(/BROWNOUT_WINDOWS/);
  });
});

describe('usage events across restarts and a database outage', () => {
  let database: TestDatabase;
  let proxy: TcpProxy;
  beforeAll(async () => {
    database = await createPostgresTestDatabase('e2e_usage_faults');
    const target = new URL(TEST_POSTGRES_URL);
    proxy = await TcpProxy.start(target.hostname, Number(target.port || 5432));
  });
  afterAll(async () => {
    await proxy?.close();
    await database?.drop();
  });

  it('writes queued events when the server is stopped before its next flush, and keeps them after a restart', async () => {
    const server = await startServer({ DATABASE_URL: database.url, DEMO_DATA: 'true', USAGE_FLUSH_INTERVAL_MS: '600000', USAGE_BATCH_SIZE: '10000' });
    const cookie = await sessionCookie(server.url, 'alice');
    await Promise.all(Array.from({ length: 50 }, () => fetch(`${server.url}/rest/api/2/myself`, { headers: { cookie } })));
    expect(await countEvents(database.url, `kind = 'cookie-request'`)).toBe(0);
    await server.stop();
    expect(await countEvents(database.url, `kind = 'cookie-request'`)).toBe(50);
    const again = await startServer({ DATABASE_URL: database.url });
    try {
      expect(await countEvents(database.url, `kind = 'cookie-request'`)).toBe(50);
    } finally {
      await again.stop();
    }
  });

  it('answers 503 while PostgreSQL is unreachable, recovers after, and loses no usage event', async () => {
    const url = new URL(database.url);
    url.port = String(proxy.port);
    const server = await startServer({ DATABASE_URL: url.toString(), DEMO_DATA: 'true', USAGE_FLUSH_INTERVAL_MS: '300' });
    try {
      const token = server.demoToken()!;
      const cookie = await sessionCookie(server.url, 'demo');
      const before = await countEvents(database.url, `kind = 'cookie-request' AND "userName" = 'demo'`);
      await Promise.all(Array.from({ length: 40 }, () => fetch(`${server.url}/rest/api/2/myself`, { headers: { cookie } })));
      proxy.cut();
      const down = await fetch(`${server.url}/rest/api/2/myself`, { headers: { authorization: `Bearer ${token}` } });
      expect(down.status).toBe(503);
      expect(await json(down)).toEqual({ errorMessages: [expect.stringMatching(/temporarily unavailable/)], errors: {}, errorId: expect.any(String) });
      expect(down.headers.get('retry-after')).toBe('5');
      await new Promise((r) => setTimeout(r, 1500));
      proxy.restore();
      const recoveredAt = Date.now();
      let status = 0;
      while (Date.now() - recoveredAt < 5000 && status !== 200) {
        status = (await fetch(`${server.url}/rest/api/2/myself`, { headers: { authorization: `Bearer ${token}` } })).status;
        if (status !== 200) await new Promise((r) => setTimeout(r, 100));
      }
      expect(status).toBe(200);
      expect(await server.drainUsage()).toMatchObject({ dropped: 0, pending: 0 });
      expect((await countEvents(database.url, `kind = 'cookie-request' AND "userName" = 'demo'`)) - before).toBe(40);
    } finally {
      proxy.restore();
      await server.stop();
    }
  });
});
