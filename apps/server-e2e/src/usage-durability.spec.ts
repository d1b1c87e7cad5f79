import type { UsageSummary } from '@tokenshift/shared';
import { createServerTestDatabase } from '@tokenshift/db/testing';
import { json, sessionCookie, startServer } from '@tokenshift/testing';
import { once } from 'node:events';

/** Starting on a fresh embedded database folder takes 40 s and more when the machine is busy. */
const START_TIMEOUT_MS = 150_000;

describe.each(['pglite', 'postgres'] as const)('usage recording on %s', (kind) => {
  it('counts 200 anonymous logins with 200 User-Agents exactly, in a bounded number of rows and with no client or user', async () => {
    const database = await createServerTestDatabase(kind, 'e2e_usage_anonymous');
    const server = await startServer({ ...database.env, DEMO_DATA: 'true', USAGE_FLUSH_INTERVAL_MS: '1000', USAGE_ANONYMOUS_AGENTS: '10' }, START_TIMEOUT_MS);
    try {
      const token = server.demoToken()!;
      const statuses = new Set<number>();
      for (let start = 0; start < 200; start += 20) {
        const responses = await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            fetch(`${server.url}/rest/auth/1/session`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', 'user-agent': `scanner-${start + i}/1.0`, 'x-tokenshift-client': `fake-client-${start + i}` },
              body: '{}',
            }),
          ),
        );
        for (const response of responses) statuses.add(response.status);
      }
      expect([...statuses].every((status) => status >= 400 && status < 500)).toBe(true);
      // Anonymous session GETs and DELETEs (no session): 401s, recorded the same way.
      for (const method of ['GET', 'DELETE']) {
        for (let i = 0; i < 20; i++) {
          const response = await fetch(`${server.url}/rest/auth/1/session`, { method, headers: { 'user-agent': `probe-${method}-${i}` } });
          expect(response.status).toBe(401);
        }
      }
      expect(await server.drainUsage()).toMatchObject({ pending: 0 });
      const admin = { headers: { authorization: `Bearer ${token}` } };
      const summary = await json<UsageSummary>(await fetch(`${server.url}/rest/tokenshift/1/usage/summary`, admin));
      expect(summary).toMatchObject({ deprecatedCalls: 240, deprecatedUsers: 0, deprecatedClients: 0 });
      expect(await json(await fetch(`${server.url}/rest/tokenshift/1/usage/clients`, admin))).toEqual([]);
      expect(await json(await fetch(`${server.url}/rest/tokenshift/1/usage/users`, admin))).toEqual([]);
    } finally {
      expect(await server.stop()).toBe(0);
    }
    try {
      const [raw] = await database.query<{ rows: number; uses: number }>(
        `SELECT count(*)::int AS rows, coalesce(sum("count"), 0)::int AS uses FROM "UsageEvent" WHERE "kind" = 'session-login'`,
      );
      // Exact count; a row per second and batch (the logins take a few seconds here), none per agent or IP.
      expect(raw!.uses).toBe(200);
      expect(raw!.rows).toBeLessThanOrEqual(20);
      const [identifying] = await database.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM "UsageEvent" WHERE "kind" = 'session-login' AND ("userAgent" IS NOT NULL OR "ip" IS NOT NULL OR "clientId" <> 'anonymous')`,
      );
      expect(identifying!.n).toBe(0);
      const rollups = await database.query<{ clientKey: string; userKey: string; count: string }>(
        `SELECT "clientKey", "userKey", "count"::text FROM "UsageRollup" WHERE "kind" = 'session-login'`,
      );
      expect(rollups.length).toBeLessThanOrEqual(2); // an hour boundary at most
      expect(rollups.every((row) => row.clientKey === 'anonymous' && row.userKey === '')).toBe(true);
      expect(rollups.reduce((sum, row) => sum + Number(row.count), 0)).toBe(200);
      const others = await database.query<{ kind: string; clientKey: string; count: string }>(
        `SELECT "kind", "clientKey", sum("count")::text AS count FROM "UsageRollup" WHERE "kind" IN ('session-get', 'session-logout') GROUP BY 1, 2 ORDER BY 1`,
      );
      expect(others).toEqual([
        { kind: 'session-get', clientKey: 'anonymous', count: '20' },
        { kind: 'session-logout', clientKey: 'anonymous', count: '20' },
      ]);
      const [agents] = await database.query<{ n: number }>(`SELECT count(*)::int AS n FROM "UsageAnonymousAgent"`);
      expect(agents!.n).toBeGreaterThan(0);
      expect(agents!.n).toBeLessThanOrEqual(10);
    } finally {
      await database.drop();
    }
  }, 420_000);

  it('stores exactly the deprecated uses that were answered when the server is killed (kill -9) under load, and no use twice', async () => {
    const database = await createServerTestDatabase(kind, 'e2e_usage_crash');
    // Frequent small writes, so the kill may land before, during or after one.
    const env = { ...database.env, DEMO_DATA: 'true', USAGE_FLUSH_INTERVAL_MS: '300', USAGE_BATCH_SIZE: '500' };
    try {
      const server = await startServer(env, START_TIMEOUT_MS);
      const cookie = await sessionCookie(server.url, 'demo');
      let answered = 0;
      let unanswered = 0;
      let killed = false;
      const loop = async () => {
        while (!killed) {
          try {
            const response = await fetch(`${server.url}/rest/api/2/myself`, { headers: { cookie } });
            if (response.status !== 200) throw new Error(`status ${response.status}`);
            await response.arrayBuffer();
            answered++;
          } catch {
            // In flight at the kill: the server may or may not have stored it before dying.
            unanswered++;
            return;
          }
        }
      };
      const loops = Array.from({ length: 4 }, loop);
      await new Promise((r) => setTimeout(r, 2000 + Math.random() * 1500));
      server.process.kill('SIGKILL');
      await once(server.process, 'exit');
      killed = true;
      await Promise.all(loops);
      expect(answered).toBeGreaterThanOrEqual(20);

      // The next process writes what the killed one left in its spool before it listens.
      const restarted = await startServer(env, START_TIMEOUT_MS);
      expect(await restarted.stop()).toBe(0);
      const [row] = await database.query<{ uses: number }>(
        `SELECT coalesce(sum("count"), 0)::int AS uses FROM "UsageEvent" WHERE "kind" = 'cookie-request' AND "userName" = 'demo'`,
      );
      console.log(`${kind}: ${answered} answered, ${unanswered} in flight at the kill, ${row!.uses} stored`);
      expect(row!.uses).toBeGreaterThanOrEqual(answered);
      expect(row!.uses).toBeLessThanOrEqual(answered + unanswered);
    } finally {
      await database.drop();
    }
  }, 420_000);
});

describe('anonymous uses refused or marked by the deprecation policy', () => {
  it.each(['enforce', 'dry-run'])('are counted under the one client "anonymous" (SESSION_POLICY=%s, past the sunset)', async (policy) => {
    const database = await createServerTestDatabase('postgres', 'e2e_usage_refused');
    const server = await startServer({ ...database.env, DEMO_DATA: 'true', SESSION_POLICY: policy, USAGE_FLUSH_INTERVAL_MS: '100' }, START_TIMEOUT_MS);
    try {
      for (let i = 0; i < 30; i++) {
        const response = await fetch(`${server.url}/rest/auth/1/session`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'user-agent': `bot-${i}` },
          body: '{}',
        });
        expect(response.status).toBe(policy === 'enforce' ? 410 : 400);
      }
      expect(await server.drainUsage()).toMatchObject({ pending: 0 });
    } finally {
      await server.stop();
    }
    try {
      const kind = policy === 'enforce' ? 'refused' : 'would-refuse';
      const rollups = await database.query<{ clientKey: string; count: string }>(`SELECT "clientKey", sum("count")::text AS count FROM "UsageRollup" WHERE "kind" = '${kind}' GROUP BY 1`);
      expect(rollups).toEqual([{ clientKey: 'anonymous', count: '30' }]);
      const [raw] = await database.query<{ agents: number }>(`SELECT count("userAgent")::int AS agents FROM "UsageEvent" WHERE "kind" = '${kind}'`);
      expect(raw!.agents).toBe(0);
    } finally {
      await database.drop();
    }
  }, 300_000);
});

describe('requests no route matched', () => {
  it('are recorded under no endpoint they name and get no deprecation headers, on the session path too', async () => {
    const database = await createServerTestDatabase('postgres', 'e2e_usage_unmatched');
    const server = await startServer({ ...database.env, DEMO_DATA: 'true', USAGE_FLUSH_INTERVAL_MS: '100' }, START_TIMEOUT_MS);
    const token = server.demoToken()!;
    try {
      for (let i = 0; i < 20; i++) {
        // Methods the session resource does not serve, and paths nobody serves, with credentials.
        for (const [method, path] of [
          ['PUT', `/rest/auth/1/session?n=${i}`],
          ['PATCH', `/rest/auth/latest/session`],
          ['GET', `/rest/api/2/no-such-resource-${i}`],
        ] as const) {
          const response = await fetch(`${server.url}${path}`, { method, headers: { authorization: `Bearer ${token}` } });
          expect({ method, path, status: response.status, deprecation: response.headers.get('deprecation') }).toEqual({ method, path, status: 404, deprecation: null });
        }
      }
      expect(await server.drainUsage()).toMatchObject({ pending: 0 });
    } finally {
      await server.stop();
    }
    try {
      const raw = await database.query<{ endpoint: string }>(`SELECT DISTINCT "endpoint" FROM "UsageEvent"`);
      expect(raw).toEqual([]);
      const endpoints = await database.query<{ endpoint: string }>(`SELECT DISTINCT "endpoint" FROM "UsageRollup" WHERE "endpoint" NOT LIKE '/rest/tokenshift/%'`);
      expect(endpoints).toEqual([]);
    } finally {
      await database.drop();
    }
  }, 300_000);
});
