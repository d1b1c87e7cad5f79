import { randomBytes } from 'node:crypto';
import { type IncomingMessage, request as httpRequest } from 'node:http';
import Fastify, { FastifyInstance } from 'fastify';
import { createPostgresTestDatabase, queryRows, TestDatabase } from '@tokenshift/db/testing';
import type { Refusal } from '@tokenshift/shared';
import { bearer, type ErrorBody, freePort, json, RunningServer, startServer } from '@tokenshift/testing';

/** The machine is shared: starting servers takes a while. */
const START_TIMEOUT_MS = 150_000;
/** Short, so the test can outlive it; the first cookie call follows the login within milliseconds. */
const ATTRIBUTION_TTL_SECONDS = 4;
const EXEMPT_USER = 'carol';
const EXEMPT_CLIENT = 'legacy-sync';
/** After the sunset: every deprecated use is refused (enforce) or would be (dry-run), but for the exemptions. */
const POLICY = {
  DEPRECATION_DATE: '2019-01-01T00:00:00Z',
  SUNSET_DATE: '2020-01-01T00:00:00Z',
  DEPRECATION_DOCS_URL: 'https://example.com/migrate',
  DEPRECATION_EXEMPT_USERS: EXEMPT_USER,
  DEPRECATION_EXEMPT_CLIENTS: EXEMPT_CLIENT,
};
const DEPRECATION = { deprecation: '@1546300800', sunset: 'Wed, 01 Jan 2020 00:00:00 GMT' };
const ADMIN_API = '/tokenshift/rest/tokenshift/1';

interface Upstream {
  app: FastifyInstance;
  url: string;
  port: number;
  /** Requests that reached the upstream, by `"<METHOD> <path>"`. */
  hits: Map<string, number>;
}

/**
 * A small HTTP API that copied Jira's session login and nothing else of Jira: any password but `wrong`
 * gets a fresh `JSESSIONID`, it never names the caller in a header (no `X-AUSERNAME`), so the gateway can
 * attribute a cookie only from the login it saw. `/anonymous` hands out a session cookie too, as Jira does
 * to anonymous browsers; `/headers` echoes what it was sent.
 */
async function startSessionApi(): Promise<Upstream> {
  const app = Fastify() as unknown as FastifyInstance;
  const hits = new Map<string, number>();
  const sessions = new Map<string, string>();
  app.addHook('onRequest', async (request) => {
    const key = `${request.method} ${request.url.split('?')[0]}`;
    hits.set(key, (hits.get(key) ?? 0) + 1);
  });
  const sessionOf = (request: { headers: { cookie?: string } }) => /JSESSIONID=([^;]+)/.exec(request.headers.cookie ?? '')?.[1];
  app.post('/rest/auth/1/session', async (request, reply) => {
    const { username, password } = request.body as { username: string; password: string };
    if (password === 'wrong') return reply.code(401).send({ errorMessages: ['Login failed'], errors: {} });
    const id = randomBytes(16).toString('hex');
    sessions.set(id, username);
    return reply.header('set-cookie', `JSESSIONID=${id}; Path=/; HttpOnly`).send({ session: { name: 'JSESSIONID', value: id }, loginInfo: {} });
  });
  app.get('/rest/api/2/myself', async (request, reply) => {
    const name = sessions.get(sessionOf(request) ?? '');
    return name ? { name } : reply.code(401).send({ errorMessages: ['You are not authenticated.'], errors: {} });
  });
  app.get('/anonymous', async (_request, reply) => reply.header('set-cookie', `JSESSIONID=${randomBytes(16).toString('hex')}; Path=/`).send({ anonymous: true }));
  app.get('/headers', async (request) => request.headers);
  const port = await freePort();
  await app.listen({ host: '127.0.0.1', port });
  return { app, url: `http://127.0.0.1:${port}`, port, hits };
}

async function getJson(url: string, headers: Record<string, string>): Promise<Record<string, string>> {
  const response = await new Promise<IncomingMessage>((resolve, reject) => httpRequest(url, { headers }, resolve).on('error', reject).end());
  let text = '';
  for await (const chunk of response) text += (chunk as Buffer).toString();
  return JSON.parse(text) as Record<string, string>;
}

async function loginAt(baseUrl: string, username: string, headers: Record<string, string> = {}): Promise<{ response: Response; cookie: string }> {
  const response = await fetch(`${baseUrl}/rest/auth/1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ username, password: 'secret' }),
  });
  const cookie = response.headers.getSetCookie()[0]?.split(';')[0] ?? '';
  return { response, cookie };
}

interface RecordedUse {
  kind: string;
  userName: string | null;
  endpoint: string;
  status: number;
  n: number;
}

const deprecationOf = (response: Response) => ({ deprecation: response.headers.get('deprecation'), sunset: response.headers.get('sunset') });

/**
 * The deprecation policy through the gateway, in front of an API that is not Jira (so only the gateway
 * can have refused anything), with two instances on one PostgreSQL: one enforcing after the sunset (and
 * sending the client's Host), one in dry-run.
 */
describe('gateway mode: policy, exemptions and cookie attribution', () => {
  let upstream: Upstream;
  let database: TestDatabase;
  let enforcing: RunningServer;
  let dryRun: RunningServer;

  beforeAll(async () => {
    upstream = await startSessionApi();
    database = await createPostgresTestDatabase('e2e_gateway_policy');
    const gateway = {
      UPSTREAM_URL: upstream.url,
      DATABASE_URL: database.url,
      USAGE_FLUSH_INTERVAL_MS: '100',
      GATEWAY_ATTRIBUTION_TTL_SECONDS: String(ATTRIBUTION_TTL_SECONDS),
      ...POLICY,
    };
    // One seeds the database (the demo admin and its token read the usage API), then the other starts on it.
    enforcing = await startServer({ ...gateway, SESSION_POLICY: 'enforce', UPSTREAM_PRESERVE_HOST: 'true', DEMO_DATA: 'true' }, START_TIMEOUT_MS);
    dryRun = await startServer({ ...gateway, SESSION_POLICY: 'dry-run' }, START_TIMEOUT_MS);
  }, 2 * START_TIMEOUT_MS + 10_000);
  afterAll(async () => {
    await Promise.all([enforcing?.stop(), dryRun?.stop()]);
    await upstream?.app.close();
    await database?.drop();
  });

  const hitsOf = (key: string) => upstream.hits.get(key) ?? 0;
  const LOGINS = 'POST /rest/auth/1/session';
  const MYSELF = 'GET /rest/api/2/myself';

  /** The usage the gateways recorded for one client (its `X-Tokenshift-Client`), after both wrote what they queued. */
  async function recorded(client: string): Promise<RecordedUse[]> {
    await Promise.all([enforcing.drainUsage(), dryRun.drainUsage()]);
    return queryRows<RecordedUse>(
      database.url,
      `SELECT kind, "userName", endpoint, status, sum("count")::int AS n FROM "UsageEvent" WHERE "clientId" = $1
       GROUP BY 1, 2, 3, 4 ORDER BY min("occurredAt"), 1, 2, 3, 4`,
      [client],
    );
  }

  it("sends the client's Host upstream with UPSTREAM_PRESERVE_HOST=true, and the upstream's without", async () => {
    const preserved = await getJson(`${enforcing.url}/headers`, { host: 'jira.example.com' });
    expect(preserved.host).toBe('jira.example.com');
    expect(preserved['x-forwarded-host']).toBe('jira.example.com');
    const replaced = await getJson(`${dryRun.url}/headers`, { host: 'jira.example.com' });
    expect(replaced.host).toBe(`127.0.0.1:${upstream.port}`);
    expect(replaced['x-forwarded-host']).toBe('jira.example.com');
  });

  it("after the sunset, answers a login and a cookie call 410 in Jira's envelope without reaching the upstream", async () => {
    const [logins, calls] = [hitsOf(LOGINS), hitsOf(MYSELF)];
    const refusedLogins = await recorded('anonymous');
    const client = { 'x-tokenshift-client': 'sunset-script' };
    const { response: login } = await loginAt(enforcing.url, 'bob', client);
    expect(login.status).toBe(410);
    expect(deprecationOf(login)).toEqual(DEPRECATION);
    const loginBody = await json<ErrorBody>(login);
    expect(loginBody.errors).toEqual({});
    expect(loginBody.errorMessages).toEqual([expect.stringMatching(/^Cookie-based authentication \(\/rest\/auth\/1\/session\) was switched off on Wed, 01 Jan 2020 00:00:00 GMT\. /)]);
    const call = await fetch(`${enforcing.url}/rest/api/2/myself`, { headers: { ...client, cookie: `JSESSIONID=${randomBytes(16).toString('hex')}` } });
    expect(call.status).toBe(410);
    expect(deprecationOf(call)).toEqual(DEPRECATION);
    expect((await json<ErrorBody>(call)).errorMessages).toEqual([expect.stringMatching(/^Cookie-based authentication \(the session cookie\) was switched off on /)]);
    expect([hitsOf(LOGINS), hitsOf(MYSELF)]).toEqual([logins, calls]);
    expect(await recorded('sunset-script')).toEqual([{ kind: 'refused', userName: null, endpoint: '/rest/api/2/*', status: 410, n: 1 }]);
    // A login nobody signed in with is an anonymous use: counted under the one client key `anonymous`, as in the built-in mode.
    expect(await recorded('anonymous')).toEqual([{ kind: 'refused', userName: null, endpoint: '/rest/auth/1/session', status: 410, n: (refusedLogins[0]?.n ?? 0) + 1 }]);
  });

  it('lets an exempt user (by the login body, then by the cookie the upstream issued) and an exempt client through to the upstream', async () => {
    const [logins, calls] = [hitsOf(LOGINS), hitsOf(MYSELF)];
    const script = { 'x-tokenshift-client': 'exemptions-script' };
    const carol = await loginAt(enforcing.url, EXEMPT_USER, script);
    expect(carol.response.status).toBe(200);
    const carolCall = await fetch(`${enforcing.url}/rest/api/2/myself`, { headers: { ...script, cookie: carol.cookie } });
    expect(carolCall.status).toBe(200);
    expect(await json<{ name: string }>(carolCall)).toEqual({ name: EXEMPT_USER });
    expect(deprecationOf(carolCall)).toEqual(DEPRECATION);

    const bob = await loginAt(enforcing.url, 'bob', { 'x-tokenshift-client': EXEMPT_CLIENT });
    expect(bob.response.status).toBe(200);
    expect((await fetch(`${enforcing.url}/rest/api/2/myself`, { headers: { 'x-tokenshift-client': EXEMPT_CLIENT, cookie: bob.cookie } })).status).toBe(200);
    // The same cookie from another client is bob's, who is not exempt.
    expect((await fetch(`${enforcing.url}/rest/api/2/myself`, { headers: { ...script, cookie: bob.cookie } })).status).toBe(410);
    expect([hitsOf(LOGINS) - logins, hitsOf(MYSELF) - calls]).toEqual([2, 2]);
    expect(await recorded('exemptions-script')).toEqual([
      { kind: 'session-login', userName: EXEMPT_USER, endpoint: '/rest/auth/1/session', status: 200, n: 1 },
      { kind: 'cookie-request', userName: EXEMPT_USER, endpoint: '/rest/api/2/*', status: 200, n: 1 },
      { kind: 'refused', userName: 'bob', endpoint: '/rest/api/2/*', status: 410, n: 1 },
    ]);
  });

  it('in dry-run passes every use to the upstream with the same headers, and records and logs each as one it would refuse', async () => {
    const [logins, calls] = [hitsOf(LOGINS), hitsOf(MYSELF)];
    const client = { 'x-tokenshift-client': 'dry-run-script' };
    const { response: login, cookie } = await loginAt(dryRun.url, 'dave', client);
    expect(login.status).toBe(200);
    expect(deprecationOf(login)).toEqual(DEPRECATION);
    const call = await fetch(`${dryRun.url}/rest/api/2/myself`, { headers: { ...client, cookie } });
    expect(call.status).toBe(200);
    expect(await json<{ name: string }>(call)).toEqual({ name: 'dave' });
    expect(deprecationOf(call)).toEqual(DEPRECATION);
    expect([hitsOf(LOGINS) - logins, hitsOf(MYSELF) - calls]).toEqual([1, 1]);
    expect(await recorded('dry-run-script')).toEqual([
      { kind: 'would-refuse', userName: 'dave', endpoint: '/rest/auth/1/session', status: 200, n: 1 },
      { kind: 'would-refuse', userName: 'dave', endpoint: '/rest/api/2/*', status: 200, n: 1 },
    ]);
    // The built-in mode's log line (deprecation.spec.ts), with the gateway's endpoint.
    expect(dryRun.output()).toMatch(/dry-run: would refuse POST \/rest\/auth\/1\/session for dave \(sunset\)/);
    expect(dryRun.output()).toMatch(/dry-run: would refuse GET \/rest\/api\/2\/\* for dave \(sunset\)/);
    const refusals = await fetch(`${enforcing.url}${ADMIN_API}/usage/refusals`, { headers: bearer(enforcing.demoToken()!) });
    expect((await json<Refusal[]>(refusals)).find((row) => row.client === 'dry-run-script')).toMatchObject({ user: 'dave', refused: 0, wouldRefuse: 2 });
  });

  it(`attributes an issued cookie to its user for GATEWAY_ATTRIBUTION_TTL_SECONDS on every instance, and no longer after`, async () => {
    const client = { 'x-tokenshift-client': 'ttl-script' };
    const { response, cookie } = await loginAt(enforcing.url, EXEMPT_USER, client);
    expect(response.status).toBe(200);
    const issuedAt = Date.now();
    // Within the TTL: exempt by its user on the instance that saw the login and on the other (from the table).
    expect((await fetch(`${enforcing.url}/rest/api/2/myself`, { headers: { ...client, cookie } })).status).toBe(200);
    expect((await fetch(`${dryRun.url}/rest/api/2/myself`, { headers: { ...client, cookie } })).status).toBe(200);
    expect(Date.now() - issuedAt).toBeLessThan(ATTRIBUTION_TTL_SECONDS * 1000);
    await new Promise((r) => setTimeout(r, ATTRIBUTION_TTL_SECONDS * 1000 - (Date.now() - issuedAt) + 250));
    // After it: nobody's cookie, so no exemption by user (and the upstream still takes it).
    expect((await fetch(`${enforcing.url}/rest/api/2/myself`, { headers: { ...client, cookie } })).status).toBe(410);
    expect((await fetch(`${dryRun.url}/rest/api/2/myself`, { headers: { ...client, cookie } })).status).toBe(200);
    expect(await recorded('ttl-script')).toEqual([
      { kind: 'session-login', userName: EXEMPT_USER, endpoint: '/rest/auth/1/session', status: 200, n: 1 },
      { kind: 'cookie-request', userName: EXEMPT_USER, endpoint: '/rest/api/2/*', status: 200, n: 2 },
      { kind: 'refused', userName: null, endpoint: '/rest/api/2/*', status: 410, n: 1 },
      { kind: 'would-refuse', userName: null, endpoint: '/rest/api/2/*', status: 200, n: 1 },
    ]);
  }, 30_000);

  it('remembers no cookie it did not see issued on a login: made-up cookies and cookies handed out elsewhere add no row', async () => {
    const rows = async () => (await queryRows<{ n: number }>(database.url, `SELECT count(*)::int AS n FROM "GatewayCookie"`))[0]?.n;
    const before = await rows();
    const client = { 'x-tokenshift-client': 'made-up-cookies' };
    const answers = await Promise.all([
      ...Array.from({ length: 30 }, (_, i) => fetch(`${(i % 2 ? enforcing : dryRun).url}/rest/api/2/myself`, { headers: { ...client, cookie: `JSESSIONID=${randomBytes(16).toString('hex')}` } })),
      ...Array.from({ length: 10 }, () => fetch(`${dryRun.url}/anonymous`)),
    ]);
    expect(answers.slice(30).every((answer) => answer.headers.getSetCookie().length === 1)).toBe(true);
    const recordedCalls = (await recorded('made-up-cookies')).reduce((n, row) => n + row.n, 0);
    expect(recordedCalls).toBe(30);
    expect(await rows()).toBe(before);
  });
});
