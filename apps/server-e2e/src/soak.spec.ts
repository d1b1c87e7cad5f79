import { createPostgresTestDatabase, queryRows, TestDatabase } from '@tokenshift/db/testing';
import { basic, DEMO_PASSWORD, RunningServer, startServer } from '@tokenshift/testing';

/**
 * Two server instances on one PostgreSQL database under concurrent mixed load for a bounded time:
 * logins, cookie and token requests, token revocations and logouts, each step on alternating
 * instances. Every answer must be the one the state calls for, a revoked token or a logged-out
 * cookie must be refused on both instances within REVOKED_WITHIN_MS (the time is measured), and
 * every deprecated request answered must be counted in "UsageEvent" once both servers have stopped.
 * SOAK_SECONDS sets the duration (default 20).
 */
const SOAK_MS = Number(process.env['SOAK_SECONDS'] ?? 20) * 1000;
const WORKERS = 6;
/** How long a revoked token or a logged-out cookie may still be accepted (an auth cache may hold it). */
const REVOKED_WITHIN_MS = 1000;
const REQUEST_TIMEOUT_MS = 10_000;

/** The usage kind the server must record for a deprecated request that was answered (it says so with a Deprecation header). */
type DeprecatedKind = 'session-login' | 'session-logout' | 'cookie-request';

interface Step {
  name: string;
  server: RunningServer;
  path: string;
  method?: string;
  headers?: Record<string, string>;
  body?: object;
  /** The answer the current state allows (the first is expected; a second is tolerated while a revocation propagates). */
  expect: number | [number, number];
}

/** Sends the load's requests and keeps the books: every surprise is collected, not thrown, so a run reports all of them. */
class Traffic {
  requests = 0;
  readonly networkErrors: string[] = [];
  readonly unexpected: string[] = [];
  readonly deprecatedAnswered: Record<DeprecatedKind, number> = { 'session-login': 0, 'session-logout': 0, 'cookie-request': 0 };

  async send(step: Step): Promise<Response | null> {
    this.requests++;
    let response: Response;
    try {
      response = await fetch(`${step.server.url}${step.path}`, {
        method: step.method ?? 'GET',
        headers: { ...(step.body ? { 'content-type': 'application/json' } : {}), ...step.headers },
        body: step.body ? JSON.stringify(step.body) : undefined,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      await response.clone().arrayBuffer(); // the whole answer arrived
    } catch (error) {
      this.networkErrors.push(`${step.name}: ${(error as Error).message}`);
      return null;
    }
    const allowed = Array.isArray(step.expect) ? step.expect : [step.expect];
    if (!allowed.includes(response.status)) this.unexpected.push(`${step.name}: expected ${allowed.join(' or ')}, got ${response.status} ${await response.clone().text()}`);
    if (response.headers.has('deprecation')) this.deprecatedAnswered[this.kindOf(step)]++;
    return response;
  }

  private kindOf(step: Step): DeprecatedKind {
    if (step.path === '/rest/auth/1/session') return step.method === 'POST' ? 'session-login' : 'session-logout';
    return 'cookie-request';
  }
}

/**
 * Polls each instance with a credential just revoked (token revoked, session logged out) until it is
 * refused. Returns, per instance, how long after the revocation it was still accepted: the send time
 * of the last request it accepted (at least 1; 0 when the first request was already refused), or null when a
 * request sent past REVOKED_WITHIN_MS was accepted. Send times, not answer times, so a slow answer
 * on a busy machine is not mistaken for a stale cache.
 */
async function acceptedAfterRevocation(traffic: Traffic, name: string, servers: RunningServer[], headers: Record<string, string>): Promise<Array<number | null>> {
  const revokedAt = Date.now();
  return Promise.all(
    servers.map(async (server) => {
      for (let lastAccepted = 0; ; ) {
        const sentAfter = Date.now() - revokedAt;
        const response = await traffic.send({ name, server, path: '/rest/api/2/myself', headers, expect: [401, 200] });
        if (!response) return null;
        if (response.status === 401) {
          // Once refused, refused for good: no flapping back to accepted.
          await traffic.send({ name: `${name} (stays refused)`, server, path: '/rest/api/2/myself', headers, expect: 401 });
          return lastAccepted;
        }
        if (sentAfter > REVOKED_WITHIN_MS) {
          traffic.unexpected.push(`${name}: still accepted ${sentAfter} ms after (${server.url})`);
          return null;
        }
        lastAccepted = Math.max(sentAfter, 1);
        await new Promise((r) => setTimeout(r, 20));
      }
    }),
  );
}

describe('two instances under concurrent mixed load (PostgreSQL)', () => {
  let database: TestDatabase;
  let a: RunningServer;
  let b: RunningServer;

  beforeAll(async () => {
    database = await createPostgresTestDatabase('e2e_soak');
    [a, b] = await Promise.all([startServer({ DATABASE_URL: database.url, DEMO_DATA: 'true' }), startServer({ DATABASE_URL: database.url })]);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await database?.drop();
  });

  it(
    `serves ${WORKERS} concurrent users for ${SOAK_MS / 1000} s with no error, consistent sessions and revocations on both instances, and every deprecated call recorded`,
    async () => {
      const traffic = new Traffic();
      const adminToken = a.demoToken()!;
      const revocations: Array<number | null> = [];
      const logouts: Array<number | null> = [];
      expect(await queryRows(database.url, `SELECT 1 FROM "UsageEvent"`)).toEqual([]);

      const users = Array.from({ length: WORKERS }, (_, i) => `soak${i}`);
      for (const [i, name] of users.entries()) {
        await traffic.send({
          name: `create user ${name}`,
          server: i % 2 ? b : a,
          path: '/rest/tokenshift/1/users',
          method: 'POST',
          headers: { authorization: `Bearer ${adminToken}` },
          body: { name, email: `${name}@example.com`, displayName: name, password: DEMO_PASSWORD, emailVerified: true },
          expect: 201,
        });
      }

      async function logIn(name: string, server: RunningServer, step: string): Promise<string | null> {
        const response = await traffic.send({ name: step, server, path: '/rest/auth/1/session', method: 'POST', body: { username: name, password: DEMO_PASSWORD }, expect: 200 });
        if (response?.status !== 200) return null;
        const { session } = (await response.json()) as { session: { name: string; value: string } };
        return `${session.name}=${session.value}`;
      }

      /** One user's loop: every step on the instance the cycle number picks, checks on both. */
      async function worker(index: number, deadline: number): Promise<void> {
        const name = users[index]!;
        const email = `${name}@example.com`;
        // A second session that must survive every logout of the other one.
        const lasting = await logIn(name, index % 2 ? a : b, `${name} lasting login`);
        for (let cycle = 0; Date.now() < deadline && lasting; cycle++) {
          const [x, y] = (index + cycle) % 2 ? [a, b] : [b, a];
          const tag = `${name}#${cycle}`;
          const cookie = await logIn(name, x, `${tag} login`);
          if (!cookie) return;
          await traffic.send({ name: `${tag} cookie on the other instance`, server: y, path: '/rest/api/2/myself', headers: { cookie }, expect: 200 });
          await traffic.send({ name: `${tag} cookie on the same instance`, server: x, path: '/rest/api/2/myself', headers: { cookie }, expect: 200 });
          await traffic.send({ name: `${tag} lasting cookie`, server: y, path: '/rest/api/2/myself', headers: { cookie: lasting }, expect: 200 });

          const created = await traffic.send({ name: `${tag} create token`, server: y, path: '/rest/tokenshift/1/tokens', method: 'POST', headers: { cookie }, body: { name: tag, scopes: ['read'] }, expect: 201 });
          if (created?.status !== 201) return;
          const { id, token } = (await created.json()) as { id: string; token: string };
          await traffic.send({ name: `${tag} Basic token`, server: x, path: '/rest/api/2/myself', headers: { authorization: basic(email, token) }, expect: 200 });
          await traffic.send({ name: `${tag} Bearer token`, server: y, path: '/rest/api/2/myself', headers: { authorization: `Bearer ${token}` }, expect: 200 });
          await traffic.send({ name: `${tag} admin Bearer token`, server: x, path: '/rest/api/2/search?maxResults=1', headers: { authorization: `Bearer ${adminToken}` }, expect: 200 });

          const revoked = await traffic.send({ name: `${tag} revoke token`, server: x, path: `/rest/tokenshift/1/tokens/${id}`, method: 'DELETE', headers: { cookie }, expect: 204 });
          if (revoked?.status !== 204) return;
          revocations.push(...(await acceptedAfterRevocation(traffic, `${tag} revoked token`, [a, b], { authorization: `Bearer ${token}` })));
          await traffic.send({ name: `${tag} revoked token as Basic`, server: y, path: '/rest/api/2/myself', headers: { authorization: basic(email, token) }, expect: 401 });

          const loggedOut = await traffic.send({ name: `${tag} logout`, server: y, path: '/rest/auth/1/session', method: 'DELETE', headers: { cookie }, expect: 204 });
          if (loggedOut?.status !== 204) return;
          logouts.push(...(await acceptedAfterRevocation(traffic, `${tag} logged-out cookie`, [a, b], { cookie })));
        }
      }

      const started = Date.now();
      await Promise.all(users.map((_, i) => worker(i, started + SOAK_MS)));
      const elapsedMs = Date.now() - started;
      const exitCodes = await Promise.all([a.stop(), b.stop()]); // each flushes its usage queue on the way out

      expect(traffic.networkErrors).toEqual([]);
      expect(traffic.unexpected).toEqual([]);
      expect(exitCodes).toEqual([0, 0]);
      expect(a.output() + b.output()).not.toMatch(/"level":"(error|fatal)"/);
      // Enough cycles ran for the run to mean something: every user logged in, revoked and logged out repeatedly.
      expect(revocations.length).toBeGreaterThanOrEqual(WORKERS * 2 * 2);
      expect(revocations.every((ms) => ms !== null && ms <= REVOKED_WITHIN_MS)).toBe(true);
      expect(logouts.every((ms) => ms !== null && ms <= REVOKED_WITHIN_MS)).toBe(true);

      const recorded = await queryRows<{ kind: DeprecatedKind; n: number }>(database.url, `SELECT kind, sum("count")::int AS n FROM "UsageEvent" GROUP BY kind`);
      expect(Object.fromEntries(recorded.map(({ kind, n }) => [kind, n]))).toEqual(traffic.deprecatedAnswered);

      const staleness = (values: Array<number | null>) =>
        `${values.filter((v) => v === 0).length}/${values.length} refused at the first request, still accepted at most ${Math.max(...values.map((v) => v ?? Infinity))} ms after`;
      console.log(
        `soak: ${traffic.requests} requests in ${(elapsedMs / 1000).toFixed(1)} s (${Math.round(traffic.requests / (elapsedMs / 1000))}/s); ` +
          `revoked tokens on both instances: ${staleness(revocations)}; logged-out cookies: ${staleness(logouts)}; ` +
          `deprecated calls answered and recorded: ${JSON.stringify(traffic.deprecatedAnswered)}`,
      );
    },
    SOAK_MS + 45_000,
  );
});
