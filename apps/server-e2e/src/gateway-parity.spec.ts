import type { DeprecatedClient, DeprecatedUser, DrilldownRow, EndpointCalls, Exemptions, Refusal, Timeseries, UsageSummary } from '@tokenshift/shared';
import { createPostgresTestDatabase, queryRows, TestDatabase } from '@tokenshift/db/testing';
import { basic, bearer, cookieFrom, DEMO_PASSWORD, json, type LoginResponse, RunningServer, startServer } from '@tokenshift/testing';

/** The machine is shared: starting four servers takes a while. */
const START_TIMEOUT_MS = 150_000;
const EXEMPT_CLIENT = 'nightly-sync';
const SCRIPT_AGENT = 'report-script/2.1';
/** The clients of the test of where the modes differ: one exempt, one not. */
const EXEMPT_PROBE = 'probe-exempt';
const PROBE = 'probe';
/** One policy for the built-in server and the gateways: a brown-out all through the test, demo and the nightly sync exempt. */
const POLICY = {
  SESSION_POLICY: 'enforce',
  DEPRECATION_DATE: '2026-01-01T00:00:00Z',
  SUNSET_DATE: '2030-06-30T00:00:00Z',
  BROWNOUT_WINDOWS: '2026-01-01T00:00:00Z/2099-01-01T00:00:00Z',
  DEPRECATION_DOCS_URL: 'https://example.com/migrate',
  DEPRECATION_EXEMPT_USERS: 'demo',
  DEPRECATION_EXEMPT_CLIENTS: `${EXEMPT_CLIENT},${EXEMPT_PROBE}`,
  USAGE_FLUSH_INTERVAL_MS: '100',
};

/**
 * Where the two modes name an endpoint differently: the built-in mode records its route template; the
 * gateway does not know the upstream's templates and records a known REST API by name and version
 * (apps/server/src/gateway/upstream-route.ts). The session resource is named alike.
 */
const GATEWAY_ENDPOINT: Record<string, string> = {
  '/rest/api/2/myself': '/rest/api/2/*',
  '/rest/api/2/issue/:idOrKey': '/rest/api/2/*',
  '/rest/api/latest/project': '/rest/api/latest/*',
  '/rest/auth/1/session': '/rest/auth/1/session',
};

/** `"<METHOD> <endpoint>"` as the built-in mode names it, as the gateway names it. */
function throughGateway(key: string): string {
  const [method, endpoint = ''] = key.split(' ');
  const mapped = GATEWAY_ENDPOINT[endpoint];
  if (!mapped) throw new Error(`no gateway name for ${key}: add it to GATEWAY_ENDPOINT`);
  return `${method} ${mapped}`;
}

/** Calls per endpoint, the built-in mode's endpoints renamed as the gateway names them (several may become one). */
function mapped(calls: Record<string, number>, rename: (key: string) => string = (key) => key): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, n] of Object.entries(calls)) out[rename(key)] = (out[rename(key)] ?? 0) + n;
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

const endpointCalls = (endpoints: EndpointCalls[]) => Object.fromEntries(endpoints.map((e) => [e.endpoint, e.calls]));

type User = 'demo' | 'alice';

/** One side of the comparison: where each step is sent (in turn), the API token of demo, and tokenshift's own base URL. */
interface Side {
  targets: string[];
  token: string;
  /** tokenshift's own pages (read API, token page) on the server that answered. */
  ownBase(target: string): string;
}

interface Answer {
  step: string;
  status: number;
  deprecation: string | null;
  sunset: string | null;
  link: string | null;
  errorMessages?: string[];
}

interface Step {
  name: string;
  send(target: string, state: { cookies: Partial<Record<User, string>>; token: string }): Promise<Response>;
  /** A login: the session cookie of its answer is the user's from then on. */
  loginOf?: User;
}

const asExemptClient = { 'x-tokenshift-client': EXEMPT_CLIENT };
const asScript = { 'user-agent': SCRIPT_AGENT };

function loginStep(user: User, client: Record<string, string>, password = DEMO_PASSWORD): Step {
  return {
    name: `login ${user}${password === DEMO_PASSWORD ? '' : ' (wrong password)'} ${JSON.stringify(client)}`,
    loginOf: password === DEMO_PASSWORD ? user : undefined,
    send: (target) =>
      fetch(`${target}/rest/auth/1/session`, { method: 'POST', headers: { ...client, 'content-type': 'application/json' }, body: JSON.stringify({ username: user, password }) }),
  };
}

function cookieStep(user: User, client: Record<string, string>, method: string, path: string): Step {
  return {
    name: `${method} ${path} with ${user}'s cookie ${JSON.stringify(client)}`,
    send: (target, { cookies }) => fetch(`${target}${path}`, { method, headers: { ...client, cookie: cookies[user] ?? '' } }),
  };
}

/** The scripted deprecated traffic: two users, two clients (one by its client header, one by its User-Agent). */
const SCRIPT: Step[] = [
  loginStep('demo', asScript),
  ...Array.from({ length: 3 }, () => cookieStep('demo', asScript, 'GET', '/rest/api/2/myself')),
  ...Array.from({ length: 2 }, () => cookieStep('demo', asExemptClient, 'GET', '/rest/api/2/issue/DEMO-1')),
  cookieStep('demo', asScript, 'GET', '/rest/api/latest/project'),
  cookieStep('demo', asScript, 'GET', '/rest/auth/1/session'),
  loginStep('alice', asExemptClient),
  ...Array.from({ length: 2 }, () => cookieStep('alice', asExemptClient, 'GET', '/rest/api/2/myself')),
  // Brown-out: alice is not exempt, her script is not the exempt client.
  cookieStep('alice', asScript, 'GET', '/rest/api/2/myself'),
  loginStep('alice', asScript),
  loginStep('alice', asExemptClient, 'wrong password'),
  ...Array.from({ length: 2 }, (): Step => ({ name: 'demo with a Bearer token', send: (target, { token }) => fetch(`${target}/rest/api/2/myself`, { headers: { ...asScript, ...bearer(token) } }) })),
  { name: 'alice with password Basic', send: (target) => fetch(`${target}/rest/api/2/myself`, { headers: { ...asExemptClient, authorization: basic('alice', DEMO_PASSWORD) } }) },
  // Exempt by its user in the brown-out: the gateway can only go by the name the caller sends, as for a login.
  { name: 'demo with password Basic', send: (target) => fetch(`${target}/rest/api/2/myself`, { headers: { ...asScript, authorization: basic('demo', DEMO_PASSWORD) } }) },
  cookieStep('alice', asExemptClient, 'DELETE', '/rest/auth/1/session'),
  cookieStep('demo', asScript, 'DELETE', '/rest/auth/1/session'),
];

/** Sends the script, each step to the next target in turn; what each answer said, with tokenshift's own URLs made one. */
async function runScript(side: Side): Promise<Answer[]> {
  const state = { cookies: {} as Partial<Record<User, string>>, token: side.token };
  const answers: Answer[] = [];
  for (const [i, step] of SCRIPT.entries()) {
    const target = side.targets[i % side.targets.length] ?? '';
    const response = await step.send(target, state);
    const own = (value: string | null) => value?.split(side.ownBase(target)).join('<tokenshift>') ?? null;
    const body = (await response.text()) || '{}';
    const parsed = JSON.parse(body) as LoginResponse['body'];
    if (step.loginOf && response.status === 200) state.cookies[step.loginOf] = cookieFrom(parsed);
    answers.push({
      step: step.name,
      status: response.status,
      deprecation: response.headers.get('deprecation'),
      sunset: response.headers.get('sunset'),
      link: own(response.headers.get('link')),
      ...(response.status === 410 ? { errorMessages: parsed.errorMessages?.map((message) => own(message) ?? '') } : {}),
    });
  }
  return answers;
}

/** What the dashboard shows, from one read API, with the endpoints renamed by `rename`. */
async function dashboardNumbers(api: string, token: string, rename?: (key: string) => string) {
  const read = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${api}/usage/${path}`, { headers: bearer(token) });
    expect({ path, status: response.status }).toEqual({ path, status: 200 });
    return json<T>(response);
  };
  const summary = await read<UsageSummary>('summary?days=1');
  const timeseries = await read<Timeseries>('timeseries?days=1&granularity=hour');
  const deprecatedByEndpoint: Record<string, number> = {};
  for (const bucket of timeseries.buckets) for (const [key, n] of Object.entries(bucket.deprecated)) deprecatedByEndpoint[key] = (deprecatedByEndpoint[key] ?? 0) + n;
  const drilldown = async (by: 'user-clients?user' | 'client-users?client', key: string) =>
    (await read<DrilldownRow[]>(`${by}=${encodeURIComponent(key)}&days=1`))
      .map((row) => ({ key: row.key, deprecatedCalls: row.deprecatedCalls, endpoints: mapped(endpointCalls(row.endpoints), rename) }))
      .sort((a, b) => a.key.localeCompare(b.key));
  const exemptions = await read<Exemptions>('exemptions?days=1');
  return {
    summary: {
      deprecatedCalls: summary.deprecatedCalls,
      tokenCalls: summary.tokenCalls,
      tokenShare: summary.tokenShare,
      deprecatedUsers: summary.deprecatedUsers,
      deprecatedClients: summary.deprecatedClients,
      refusals: summary.refusals,
      stored: { deprecatedCalls: summary.stored.deprecatedCalls, tokenCalls: summary.stored.tokenCalls },
    },
    tokenCalls: timeseries.buckets.reduce((n, bucket) => n + bucket.token, 0),
    deprecatedByEndpoint: mapped(deprecatedByEndpoint, rename),
    users: (await read<DeprecatedUser[]>('users?days=1')).map(({ user, deprecatedCalls, clients }) => ({ user, deprecatedCalls, clients })).sort((a, b) => a.user.localeCompare(b.user)),
    clients: (await read<DeprecatedClient[]>('clients?days=1')).map(({ client, deprecatedCalls, users }) => ({ client, deprecatedCalls, users })).sort((a, b) => a.client.localeCompare(b.client)),
    refusals: (await read<Refusal[]>('refusals?days=1')).map(({ user, client, refused, wouldRefuse }) => ({ user, client, refused, wouldRefuse })).sort((a, b) => `${a.user}/${a.client}`.localeCompare(`${b.user}/${b.client}`)),
    demoClients: await drilldown('user-clients?user', 'demo'),
    aliceClients: await drilldown('user-clients?user', 'alice'),
    scriptUsers: await drilldown('client-users?client', SCRIPT_AGENT),
    exemptClientUsers: await drilldown('client-users?client', EXEMPT_CLIENT),
    exemptions: { users: exemptions.users.map(({ name, deprecatedCalls }) => ({ name, deprecatedCalls })), clients: exemptions.clients.map(({ name, deprecatedCalls }) => ({ name, deprecatedCalls })) },
  };
}

/**
 * Issue 21: "the deprecated traffic through the gateway gives the same usage counts, headers, 410s and
 * dashboard numbers as the built-in mode, on two gateway instances sharing PostgreSQL". The same script
 * goes once to a built-in tokenshift (its own PostgreSQL) and once, step by step in turn, through two
 * gateways (one PostgreSQL) in front of another built-in tokenshift with no policy of its own.
 */
describe('gateway mode gives the numbers of the built-in mode', () => {
  let jira: RunningServer;
  let direct: RunningServer;
  let a: RunningServer;
  let b: RunningServer;
  let directDatabase: TestDatabase;
  let gatewayDatabase: TestDatabase;

  beforeAll(async () => {
    [directDatabase, gatewayDatabase] = await Promise.all([createPostgresTestDatabase('e2e_parity_direct'), createPostgresTestDatabase('e2e_parity_gateway')]);
    const builtIn = { DEMO_DATA: 'true', ALLOW_PASSWORD_BASIC: 'true' };
    const gateway = { DATABASE_URL: gatewayDatabase.url, GATEWAY_PASSWORD_BASIC_DEPRECATED: 'true', ...POLICY };
    [jira, direct] = await Promise.all([
      startServer({ ...builtIn, DATABASE_URL: 'pglite:memory' }, START_TIMEOUT_MS),
      startServer({ ...builtIn, DATABASE_URL: directDatabase.url, ...POLICY }, START_TIMEOUT_MS),
    ]);
    // A seeds the gateways' database (the demo admin and its token read the usage API); B starts on it.
    a = await startServer({ ...gateway, UPSTREAM_URL: jira.url, DEMO_DATA: 'true' }, START_TIMEOUT_MS);
    b = await startServer({ ...gateway, UPSTREAM_URL: jira.url }, START_TIMEOUT_MS);
  }, 3 * START_TIMEOUT_MS + 10_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop(), direct?.stop(), jira?.stop()]);
    await Promise.all([directDatabase?.drop(), gatewayDatabase?.drop()]);
  });

  it('answers each step alike (status, deprecation headers, 410 messages) and shows the same dashboard numbers', async () => {
    const directAnswers = await runScript({ targets: [direct.url], token: direct.demoToken()!, ownBase: () => direct.url });
    const gatewayAnswers = await runScript({ targets: [a.url, b.url], token: jira.demoToken()!, ownBase: (target) => `${target}/tokenshift` });
    expect(gatewayAnswers).toEqual(directAnswers);
    // The script does what it says: served, refused by the brown-out, and refused by the upstream's password check.
    expect(directAnswers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 410, 410, 401, 200, 200, 200, 200, 204, 204]);

    await Promise.all([direct.drainUsage(), a.drainUsage(), b.drainUsage()]);
    const builtInNumbers = await dashboardNumbers(`${direct.url}/rest/tokenshift/1`, direct.demoToken()!, throughGateway);
    const gatewayNumbers = await dashboardNumbers(`${a.url}/tokenshift/rest/tokenshift/1`, a.demoToken()!);
    expect(gatewayNumbers).toEqual(builtInNumbers);
    // Not equal by being empty: the numbers the script must have produced.
    // 16 by the two users, and two under the client key `anonymous`: the refused login and the failed one.
    expect(builtInNumbers.summary).toMatchObject({ deprecatedCalls: 18, deprecatedUsers: 2, deprecatedClients: 2, refusals: 2, tokenCalls: 2 });
    expect(builtInNumbers.users).toEqual([
      { user: 'alice', deprecatedCalls: 6, clients: 2 },
      { user: 'demo', deprecatedCalls: 10, clients: 2 },
    ]);
  }, 120_000);

  it("differs where a cookie is no longer the upstream's: the gateway still sees a cookie call, by nobody on every instance", async () => {
    const asClient = (client: string, cookie: string) => ({ headers: { 'x-tokenshift-client': client, cookie } });
    /**
     * alice logs in and calls with the exempt probe client, logs out, and sends her dead cookie from both
     * probe clients; `at(i)` is where the i-th request goes.
     */
    const deadCookieCalls = async (at: (i: number) => string) => {
      const loggedIn = await fetch(`${at(0)}/rest/auth/1/session`, {
        method: 'POST',
        headers: { 'x-tokenshift-client': EXEMPT_PROBE, 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'alice', password: DEMO_PASSWORD }),
      });
      const loggedInAt = Date.now();
      const cookie = cookieFrom(await json<LoginResponse['body']>(loggedIn));
      const statuses = [loggedIn.status];
      const call = async (i: number, client: string) => statuses.push((await fetch(`${at(i)}/rest/api/2/myself`, asClient(client, cookie))).status);
      await call(1, EXEMPT_PROBE);
      statuses.push((await fetch(`${at(2)}/rest/auth/1/session`, { method: 'DELETE', ...asClient(EXEMPT_PROBE, cookie) })).status);
      await call(3, EXEMPT_PROBE);
      // The instance that saw the login (and the call) learns of a logout through another one within its cache's 5 s.
      await new Promise((r) => setTimeout(r, Math.max(0, loggedInAt + 5_500 - Date.now())));
      await call(4, EXEMPT_PROBE);
      await call(5, PROBE);
      return statuses;
    };
    const recorded = (url: string) =>
      queryRows<{ clientId: string; kind: string; userName: string | null; status: number }>(
        url,
        `SELECT "clientId", kind, "userName", status FROM "UsageEvent" WHERE "clientId" IN ($1, $2) ORDER BY "occurredAt", id`,
        [EXEMPT_PROBE, PROBE],
      );
    expect(await deadCookieCalls(() => direct.url)).toEqual([200, 200, 204, 401, 401, 401]);
    // Through the gateway the upstream answers the exempt client 401 alike; the other is refused in the brown-out, as a cookie call by nobody.
    expect(await deadCookieCalls((i) => (i === 2 || i === 3 ? b.url : a.url))).toEqual([200, 200, 204, 401, 401, 410]);
    await Promise.all([direct.drainUsage(), a.drainUsage(), b.drainUsage()]);
    const session = [
      { clientId: EXEMPT_PROBE, kind: 'session-login', userName: 'alice', status: 200 },
      { clientId: EXEMPT_PROBE, kind: 'cookie-request', userName: 'alice', status: 200 },
      { clientId: EXEMPT_PROBE, kind: 'session-logout', userName: 'alice', status: 204 },
    ];
    // The built-in mode finds no session: an anonymous call of a Jira resource, not a use of the deprecated mode.
    expect(await recorded(directDatabase.url)).toEqual(session);
    expect(await recorded(gatewayDatabase.url)).toEqual([
      ...session,
      { clientId: EXEMPT_PROBE, kind: 'cookie-request', userName: null, status: 401 },
      { clientId: EXEMPT_PROBE, kind: 'cookie-request', userName: null, status: 401 },
      { clientId: PROBE, kind: 'refused', userName: null, status: 410 },
    ]);
  }, 30_000);
});
