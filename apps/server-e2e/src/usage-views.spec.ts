import { createServerTestDatabase, type ServerTestDatabase } from '@tokenshift/db/testing';
import { DEMO_PASSWORD, type ErrorBody, json, RunningServer, startServer } from '@tokenshift/testing';

const START_TIMEOUT_MS = 150_000;
const API = '/rest/tokenshift/1';

/**
 * History the server cannot be made to record in the past: roll-up rows (the aggregates' trigger counts
 * them as it counts the server's) and one raw event with an IP. Each day's bucket is noon of that many days
 * ago (relative to the current hour), so a window of N days holds exactly days 1..N.
 */
const HISTORY_SQL = `
  INSERT INTO "UsageRollup" ("bucket", "kind", "authMode", "method", "endpoint", "userKey", "clientKey", "count", "lastSeenAt")
  SELECT date_trunc('hour', now()) - make_interval(days => n) + interval '12 hours', 'cookie-request', 'cookie', 'GET', '/rest/api/2/search',
         'alice', 'nightly-export', 10, date_trunc('hour', now()) - make_interval(days => n) + interval '12 hours 5 minutes'
  FROM generate_series(1, 45) AS n;
  INSERT INTO "UsageRollup" ("bucket", "kind", "authMode", "method", "endpoint", "userKey", "clientKey", "count", "lastSeenAt")
  SELECT date_trunc('hour', now()) - make_interval(days => n) + interval '12 hours', 'token-request', 'token', 'GET', '/rest/api/2/issue/:idOrKey',
         'dave', 'dave-bot/1.0', 5, date_trunc('hour', now()) - make_interval(days => n) + interval '12 hours 5 minutes'
  FROM generate_series(1, 20) AS n;
  INSERT INTO "UsageRollup" ("bucket", "kind", "authMode", "method", "endpoint", "userKey", "clientKey", "count", "lastSeenAt") VALUES
    (date_trunc('hour', now()) - interval '40 days' + interval '12 hours', 'cookie-request', 'cookie', 'GET', '/rest/api/2/myself', 'dave', 'old-script', 6,
     date_trunc('hour', now()) - interval '40 days' + interval '12 hours 1 minute'),
    (date_trunc('hour', now()) - interval '3 days' + interval '12 hours', 'refused', 'cookie', 'GET', '/rest/api/2/search', 'frank', 'cron-job', 4,
     date_trunc('hour', now()) - interval '3 days' + interval '12 hours 2 minutes');
  INSERT INTO "UsageEvent" ("occurredAt", "kind", "authMode", "userName", "method", "endpoint", "status", "userAgent", "ip", "clientId", "count") VALUES
    (date_trunc('hour', now()) - interval '40 days' + interval '12 hours 1 minute', 'cookie-request', 'cookie', 'dave', 'GET', '/rest/api/2/myself', 200,
     'old-script', '192.0.2.9', NULL, 6);
`;

describe.each(['pglite', 'postgres'] as const)('the dashboard admin views on %s', (kind) => {
  let database: ServerTestDatabase;
  let server: RunningServer;
  let token: string;
  let aliceCookie: string;
  const env = () => ({
    ...database.env,
    TRUST_PROXY: 'true',
    USAGE_FLUSH_INTERVAL_MS: '200',
    // Dry run after a past sunset: every deprecated call is served and counted as one that would be refused.
    SESSION_POLICY: 'dry-run',
    DEPRECATION_DATE: '2020-01-01T00:00:00Z',
    SUNSET_DATE: '2021-01-01T00:00:00Z',
    DEPRECATION_EXEMPT_USERS: 'carol,nobody-yet',
    DEPRECATION_EXEMPT_CLIENTS: 'legacy-sync',
  });
  const admin = () => ({ authorization: `Bearer ${token}` });
  const get = async (path: string, headers: Record<string, string> = admin()) => fetch(`${server.url}${API}${path}`, { headers });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const read = async (path: string): Promise<any> => {
    const response = await get(path);
    expect({ path, status: response.status }).toEqual({ path, status: 200 });
    return response.json();
  };

  async function login(username: string, headers: Record<string, string>): Promise<string> {
    const response = await fetch(`${server.url}/rest/auth/1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ username, password: username === 'alice' ? DEMO_PASSWORD : 'a-long-password-1' }),
    });
    expect({ username, status: response.status }).toEqual({ username, status: 200 });
    const body = (await response.json()) as { session: { name: string; value: string } };
    return `${body.session.name}=${body.session.value}`;
  }

  async function calls(count: number, headers: Record<string, string>): Promise<void> {
    for (let i = 0; i < count; i++) expect((await fetch(`${server.url}/rest/api/2/myself`, { headers })).status).toBe(200);
  }

  async function drained(): Promise<void> {
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      if ((await read('/usage/summary')).recording.pending === 0) return;
      await new Promise((r) => setTimeout(r, 50 + Math.random() * 200));
    }
    throw new Error('usage queue not drained in 20 s');
  }

  beforeAll(async () => {
    database = await createServerTestDatabase(kind, 'e2e_usage_views');
    server = await startServer({ ...env(), DEMO_DATA: 'true' }, START_TIMEOUT_MS);
    token = server.demoToken()!;
    for (const [name, displayName] of [
      ['bob', 'Bob Builder'],
      ['carol', '=HYPERLINK("http://evil.example")'],
      ['dave', 'Dave Ops'],
    ] as const) {
      const response = await fetch(`${server.url}${API}/users`, {
        method: 'POST',
        headers: { ...admin(), 'content-type': 'application/json' },
        body: JSON.stringify({ name, email: `${name}@example.com`, displayName, password: 'a-long-password-1', emailVerified: true }),
      });
      expect({ name, status: response.status }).toEqual({ name, status: 201 });
    }
    // alice: a nightly export from two hosts behind the proxy, and the Jira CLI from a third.
    const nightly = { 'x-tokenshift-client': 'nightly-export', 'x-forwarded-for': '10.1.0.1' };
    aliceCookie = await login('alice', nightly);
    await calls(3, { cookie: aliceCookie, ...nightly });
    await calls(1, { cookie: aliceCookie, 'x-tokenshift-client': 'nightly-export', 'x-forwarded-for': '10.1.0.2' });
    await calls(2, { cookie: aliceCookie, 'user-agent': 'jira-cli/2.0', 'x-forwarded-for': '10.1.0.3' });
    // carol: exempt, with an exempt client.
    const legacy = { 'x-tokenshift-client': 'legacy-sync', 'x-forwarded-for': '10.2.0.1' };
    const carol = await login('carol', legacy);
    await calls(2, { cookie: carol, ...legacy });
    // bob mints a token with his cookie, then uses it: still deprecated in this window.
    const bobHeaders = { 'user-agent': 'bob-script/1.0', 'x-forwarded-for': '10.3.0.1' };
    const bob = await login('bob', bobHeaders);
    const minted = await fetch(`${server.url}${API}/tokens`, {
      method: 'POST',
      headers: { cookie: bob, ...bobHeaders, 'content-type': 'application/json', 'x-atlassian-token': 'no-check' },
      body: JSON.stringify({ name: 'bob-script' }),
    });
    expect(minted.status).toBe(201);
    const bobToken = ((await minted.json()) as { token: string }).token;
    await calls(3, { authorization: `Bearer ${bobToken}`, ...bobHeaders });
    // demo: a script on its token (calls to tokenshift's own API are not usage, so it calls Jira's).
    await calls(2, admin());
    await drained();
    expect(await server.stop()).toBe(0);
    await database.exec(HISTORY_SQL);
    server = await startServer(env(), START_TIMEOUT_MS);
  }, 4 * START_TIMEOUT_MS);
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it('counts what the database holds, not what this process wrote', async () => {
    const summary = await read('/usage/summary?days=366');
    expect(summary.recording.written).toBeLessThan(10); // this process: only the few admin calls since it started
    // History: alice 450, dave 6, frank 4 refused; live: alice 7, carol 3, bob 2. Token: dave 100, bob 3, the admin's own.
    expect(summary.stored.deprecatedCalls).toBe(450 + 6 + 4 + 7 + 3 + 2);
    expect(summary.deprecatedCalls).toBe(summary.stored.deprecatedCalls);
    expect(summary.stored.tokenCalls).toBeGreaterThanOrEqual(100 + 3);
    expect(Date.now() - Date.parse(summary.stored.firstHour)).toBeGreaterThan(44 * 86_400_000);
    expect(Date.now() - Date.parse(summary.stored.lastHour)).toBeLessThan(3_600_000 * 2);
  });

  it("lists each client's top IPs, within the period only", async () => {
    const ips = await read('/usage/client-ips?days=30');
    const of = (client: string) => ips.filter((row: { client: string }) => row.client === client).map((row: { ip: string; deprecatedCalls: number }) => [row.ip, row.deprecatedCalls]);
    // The login and three calls from 10.1.0.1, one call from 10.1.0.2.
    expect(of('nightly-export')).toEqual([
      ['10.1.0.1', 4],
      ['10.1.0.2', 1],
    ]);
    expect(of('jira-cli/2.0')).toEqual([['10.1.0.3', 2]]);
    expect(of('old-script')).toEqual([]);
    expect(ips.every((row: { ip: string }) => row.ip !== '' && !row.ip.startsWith('127.'))).toBe(true);
    const older = await read('/usage/client-ips?days=45');
    expect(older.filter((row: { client: string }) => row.client === 'old-script')).toEqual([
      { client: 'old-script', ip: '192.0.2.9', deprecatedCalls: 6, lastSeen: expect.any(String) },
    ]);
  });

  it('drills down from a user to clients and endpoints, and back from a client to its users', async () => {
    const clients = await read('/usage/user-clients?user=alice&days=30');
    expect(clients.map((row: { key: string; deprecatedCalls: number }) => [row.key, row.deprecatedCalls])).toEqual([
      ['nightly-export', 300 + 1 + 4],
      ['jira-cli/2.0', 2],
    ]);
    expect(clients[0].endpoints).toEqual([
      { endpoint: 'GET /rest/api/2/search', calls: 300 },
      { endpoint: 'GET /rest/api/2/myself', calls: 4 },
      { endpoint: 'POST /rest/auth/1/session', calls: 1 },
    ]);
    const users = await read(`/usage/client-users?client=${encodeURIComponent('nightly-export')}&days=30`);
    expect(users.map((row: { key: string; deprecatedCalls: number }) => [row.key, row.deprecatedCalls])).toEqual([['alice', 305]]);
    const cli = await read(`/usage/client-users?client=${encodeURIComponent('jira-cli/2.0')}&days=30`);
    expect(cli).toEqual([{ key: 'alice', deprecatedCalls: 2, lastSeen: expect.any(String), endpoints: [{ endpoint: 'GET /rest/api/2/myself', calls: 2 }] }]);
    expect(await read('/usage/user-clients?user=nobody&days=30')).toEqual([]);
  });

  it('lists whom to contact, as JSON and as a spreadsheet-safe CSV', async () => {
    const contacts = await read('/usage/contacts?days=30');
    const byUser = Object.fromEntries(contacts.map((c: { user: string }) => [c.user, c]));
    expect(Object.keys(byUser).sort()).toEqual(['alice', 'bob', 'carol', 'frank']);
    expect(byUser.alice).toMatchObject({ email: 'alice@example.com', clients: ['nightly-export', 'jira-cli/2.0'], deprecatedCalls: 307 });
    expect(byUser.bob).toMatchObject({ email: 'bob@example.com', clients: ['bob-script/1.0'], deprecatedCalls: 2 });
    // frank is no user (any more): still a contact, without an email.
    expect(byUser.frank).toMatchObject({ email: null, clients: ['cron-job'], deprecatedCalls: 4 });
    expect(contacts[0].user).toBe('alice');
    expect((await read('/usage/contacts?days=45')).find((c: { user: string }) => c.user === 'dave')).toMatchObject({ clients: ['old-script'], deprecatedCalls: 6 });

    const response = await get('/usage/contacts.csv?days=30');
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await response.text()).trim().split('\n');
    expect(lines[0]).toBe('email,user,displayName,clients,lastDeprecatedCall,deprecatedCalls');
    expect(lines).toHaveLength(5);
    expect(lines).toContain(`,frank,,cron-job,${byUser.frank.lastDeprecatedCall},4`);
    expect(lines.find((l) => l.startsWith('alice@'))).toMatch(/^alice@example\.com,alice,Alice Example,nightly-export; jira-cli\/2\.0,\d{4}-\d\d-\d\dT[^,]+Z,307$/);
    // carol's display name is a formula: quoted, and prefixed so a spreadsheet shows it as text.
    expect(lines.find((l) => l.startsWith('carol@'))).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
  });

  it('lists users who migrated: token calls and no deprecated call for the last N days', async () => {
    const migrated = await read('/usage/migrated?days=30');
    const users = migrated.map((m: { user: string }) => m.user).sort();
    // dave: tokens for 20 days, last cookie 40 days ago; demo only ever used its token; bob used a cookie today.
    expect(users).toEqual(['dave', 'demo']);
    const dave = migrated.find((m: { user: string }) => m.user === 'dave');
    expect(dave).toMatchObject({ email: 'dave@example.com', tokenCalls: 100 });
    expect(Date.now() - Date.parse(dave.lastDeprecatedCall)).toBeGreaterThan(39 * 86_400_000);
    expect(migrated.find((m: { user: string }) => m.user === 'demo').lastDeprecatedCall).toBeNull();
    expect((await read('/usage/migrated?days=45')).map((m: { user: string }) => m.user)).toEqual(['demo']);
  });

  it('lists refused and would-be refused calls per user and client', async () => {
    const refusals = await read('/usage/refusals?days=30');
    const rows = refusals.map((r: { user: string | null; client: string; refused: number; wouldRefuse: number }) => [r.user, r.client, r.refused, r.wouldRefuse]);
    expect(rows).toEqual(
      expect.arrayContaining([
        ['alice', 'nightly-export', 0, 5],
        ['alice', 'jira-cli/2.0', 0, 2],
        ['bob', 'bob-script/1.0', 0, 2],
        ['frank', 'cron-job', 4, 0],
      ]),
    );
    // carol and legacy-sync are exempt: never refused.
    expect(rows.filter((r: unknown[]) => r[0] === 'carol' || r[1] === 'legacy-sync')).toEqual([]);
  });

  it('shows the exemption lists with their use', async () => {
    const exemptions = await read('/usage/exemptions?days=30');
    expect(exemptions.users.map((u: { name: string; deprecatedCalls: number }) => [u.name, u.deprecatedCalls])).toEqual([
      ['carol', 3],
      ['nobody-yet', 0],
    ]);
    expect(exemptions.users[1].lastSeen).toBeNull();
    expect(exemptions.clients.map((c: { name: string; deprecatedCalls: number }) => [c.name, c.deprecatedCalls])).toEqual([['legacy-sync', 3]]);
  });

  it('answers bad input with a 400 in the Jira envelope, and non-admins with a 403', async () => {
    for (const path of ['/usage/user-clients?days=30', `/usage/user-clients?user=${'x'.repeat(256)}`, '/usage/client-users?client=', '/usage/migrated?days=0', '/usage/client-ips?days=400']) {
      const response = await get(path);
      expect({ path, status: response.status }).toEqual({ path, status: 400 });
      const body = await json<ErrorBody>(response);
      expect(body.errorMessages.length + Object.keys(body.errors).length).toBeGreaterThan(0);
    }
    for (const path of ['/usage/client-ips', '/usage/contacts.csv', '/usage/migrated', '/usage/refusals', '/usage/exemptions', '/usage/user-clients?user=alice']) {
      expect({ path, status: (await get(path, { cookie: aliceCookie })).status }).toEqual({ path, status: 403 });
      expect({ path, status: (await get(path, {})).status }).toEqual({ path, status: 401 });
    }
  });
});
