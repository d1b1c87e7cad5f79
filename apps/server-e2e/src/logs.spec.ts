import { createPostgresTestDatabase, TestDatabase } from '@tokenshift/db/testing';
import { basic, bearer, cookieFrom, createToken, DEMO_PASSWORD, logLines, LoginResponse, requestLinesOf, RunningServer, startServer } from '@tokenshift/testing';

const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const NEST_START_UP = /RoutesResolver|RouterExplorer|InstanceLoader|Mapped \{/;

// Logging does not depend on the database: PostgreSQL, which starts fastest on a busy machine.
let database: TestDatabase;
beforeAll(async () => {
  database = await createPostgresTestDatabase('e2e_logs');
});
afterAll(() => database?.drop());

describe('request and start-up logs', () => {
  let server: RunningServer;
  let token: string;

  beforeAll(async () => {
    server = await startServer({ DATABASE_URL: database.url, DEMO_DATA: 'true', ALLOW_PASSWORD_BASIC: 'true' });
    token = server.demoToken()!;
  });
  afterAll(() => server?.stop());

  it('writes one JSON line per request: id, method, route template, status, duration, user, auth kind, client and IP', async () => {
    const response = await fetch(`${server.url}/rest/api/2/issue/DEMO-1?fields=summary&note=query-value-4711`, {
      headers: { authorization: basic('demo@example.com', token), 'x-tokenshift-client': 'logs-e2e-basic', 'user-agent': 'logs-e2e-agent/1.0' },
    });
    expect(response.status).toBe(200);
    const lines = await requestLinesOf(server, 'logs-e2e-basic');
    expect(lines).toEqual([
      {
        level: 'info',
        time: expect.stringMatching(ISO_TIME),
        pid: server.process.pid,
        hostname: expect.any(String),
        requestId: expect.stringMatching(UUID),
        context: 'HTTP',
        method: 'GET',
        route: '/rest/api/2/issue/:idOrKey',
        status: 200,
        durationMs: expect.any(Number),
        user: 'demo',
        auth: 'basic-token',
        client: 'logs-e2e-basic',
        ip: '127.0.0.1',
        msg: 'GET /rest/api/2/issue/:idOrKey 200',
      },
    ]);
    expect(lines[0]!['durationMs']).toBeGreaterThanOrEqual(0);
    expect(server.output()).not.toContain('query-value-4711');

    // Without a client-id header the User-Agent names the client; an anonymous caller is `anonymous`.
    await fetch(`${server.url}/rest/api/2/serverInfo`, { headers: { 'user-agent': 'logs-e2e-anonymous/2.0' } });
    expect(await requestLinesOf(server, 'logs-e2e-anonymous/2.0')).toEqual([
      expect.objectContaining({ route: '/rest/api/2/serverInfo', status: 200, user: null, auth: 'anonymous' }),
    ]);
  });

  it('names every auth kind and writes no password, token, session id or cookie in any line', async () => {
    const secrets = new Set<string>([DEMO_PASSWORD, token, basic('demo@example.com', token).slice('Basic '.length)]);
    const as = (client: string, headers: Record<string, string> = {}) => ({ ...headers, 'x-tokenshift-client': client });

    const loginResponse = await fetch(`${server.url}/rest/auth/1/session`, {
      method: 'POST',
      headers: as('logs-e2e-login', { 'content-type': 'application/json' }),
      body: JSON.stringify({ username: 'demo', password: DEMO_PASSWORD }),
    });
    expect(loginResponse.status).toBe(200);
    const loginBody = (await loginResponse.json()) as LoginResponse['body'];
    const cookie = cookieFrom(loginBody);
    secrets.add(loginBody.session.value).add(cookie);
    for (const setCookie of loginResponse.headers.getSetCookie()) secrets.add(setCookie.split(';')[0]!.split('=')[1]!);

    const passwordBasic = basic('demo', DEMO_PASSWORD);
    secrets.add(passwordBasic.slice('Basic '.length));
    const calls: [string, Record<string, string>, string][] = [
      ['logs-e2e-cookie', { cookie }, 'session'],
      ['logs-e2e-bearer', { authorization: `Bearer ${token}` }, 'bearer-token'],
      ['logs-e2e-password', { authorization: passwordBasic }, 'basic-password'],
    ];
    for (const [client, headers, auth] of calls) {
      expect((await fetch(`${server.url}/rest/api/2/myself`, { headers: as(client, headers) })).status).toBe(200);
      expect(await requestLinesOf(server, client)).toEqual([expect.objectContaining({ user: 'demo', auth, status: 200 })]);
    }

    const created = await createToken(server.url, as('logs-e2e-create', bearer(token)), { name: 'logs e2e' });
    expect(created.status).toBe(201);
    const newToken = created.body.token;
    secrets.add(newToken);
    expect(await requestLinesOf(server, 'logs-e2e-create')).toEqual([expect.objectContaining({ method: 'POST', status: 201, auth: 'bearer-token' })]);
    expect(await requestLinesOf(server, 'logs-e2e-login')).toEqual([expect.objectContaining({ method: 'POST', route: '/rest/auth/1/session', status: 200 })]);

    const output = server.output();
    for (const secret of secrets) {
      expect({ secret: `${secret.slice(0, 6)}…`, found: output.includes(secret) }).toEqual({ secret: `${secret.slice(0, 6)}…`, found: false });
    }
  });

  it("writes no Nest route-mapping lines at the default level, and exactly one configuration line", () => {
    const lines = logLines(server);
    expect(lines.filter((line) => NEST_START_UP.test(`${line.context} ${line.msg}`))).toEqual([]);
    expect(lines.filter((line) => line.context === 'Config')).toEqual([
      expect.objectContaining({
        level: 'info',
        msg: 'Configuration',
        database: { kind: 'postgres', url: database.url },
        policy: { mode: 'off', sunset: '2018-12-01T00:00:00.000Z', brownoutActive: false },
        usageRecording: true,
        demoData: true,
        logLevel: 'info',
      }),
    ]);
  });
});

describe('log levels', () => {
  it("writes Nest's start-up lines at debug with LOG_LEVEL=debug, and still accepts the old level names", async () => {
    const debug = await startServer({ DATABASE_URL: database.url, LOG_LEVEL: 'debug' });
    await debug.stop();
    const mapped = logLines(debug).filter((line) => line.context === 'RouterExplorer');
    expect(mapped.length).toBeGreaterThan(20);
    expect(new Set(mapped.map((line) => line.level))).toEqual(new Set(['debug']));

    const quiet = await startServer({ DATABASE_URL: database.url, LOG_LEVEL: 'warn' });
    expect((await fetch(`${quiet.url}/health`)).status).toBe(200);
    await quiet.stop();
    expect(logLines(quiet).filter((line) => line.level === 'info' || line.level === 'debug')).toEqual([]);
  });
});

describe('the configuration line during a brown-out', () => {
  it('shows the database kind and URL without its password, the policy, the sunset, an active brown-out and recording off', async () => {
    const url = new URL(database.url);
    url.password = 'not-the-password-7f3a'; // the test cluster trusts local connections, so any password works
    const hour = 3_600_000;
    const window = `${new Date(Date.now() - hour).toISOString()}/${new Date(Date.now() + hour).toISOString()}`;
    const server = await startServer({
      DATABASE_URL: url.toString(),
      SESSION_POLICY: 'dry-run',
      SUNSET_DATE: '2099-01-01T00:00:00Z',
      BROWNOUT_WINDOWS: window,
      USAGE_RECORDING: 'false',
    });
    await server.stop();
    expect(server.output()).not.toContain('not-the-password-7f3a');
    const redacted = new URL(url);
    redacted.password = '***';
    expect(logLines(server).filter((line) => line.context === 'Config')).toEqual([
      expect.objectContaining({
        database: { kind: 'postgres', url: redacted.toString().replace('%2A%2A%2A', '***') },
        policy: { mode: 'dry-run', sunset: '2099-01-01T00:00:00.000Z', brownoutActive: true },
        usageRecording: false,
        demoData: false,
      }),
    ]);
  });
});
