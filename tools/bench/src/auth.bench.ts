import { createPostgresTestDatabase, queryRows, TestDatabase } from '@tokenshift/db/testing';
import { basic, json, RunningServer, startServer } from '@tokenshift/testing';
import { PGlite } from '@electric-sql/pglite';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBenchUsers } from './bench-users';
import { LoadResult, mean, median, runLoad } from './load';
import { roundRatios, runByRound } from './rounds';
import { withCpuOf } from './process-cpu';
import { itemAt } from './item-at';

/** Rows in the database while the load runs (the "100,000 tokens and 100,000 sessions"). */
export const AUTH_BENCH_ROWS = Number(process.env.AUTH_BENCH_ROWS ?? 100_000);
/** Users minted through the API; each brings a real session and two real tokens to rotate through. */
const CLIENT_USERS = Number(process.env.AUTH_BENCH_USERS ?? 50);

interface Credentials {
  basic: string[];
  bearer: string[];
  cookie: string[];
}

export interface AuthBenchResult {
  database: 'embedded PGlite' | 'PostgreSQL';
  serverInfo: number;
  /**
   * `ratio` is the median over rounds of the run's req/s ÷ serverInfo's req/s in the same round.
   * `cpuMicros` is the server process's CPU time per request (median over rounds) and `cpuRatio`
   * the median of serverInfo's ÷ the run's in the same round: what the request costs the server,
   * whatever the load generator sharing the machine costs. Undefined without /proc.
   */
  rows: {
    label: string;
    requestsPerSecond: number;
    p99Ms: number;
    ratio: number;
    roundRatios: number[];
    cpuMicros?: number;
    cpuRatio?: number;
    failures: number;
  }[];
}

/** One load run, with the server's CPU time per request over it. */
type MeasuredRun = LoadResult & { cpuMicros?: number };

/**
 * Authenticated `GET /rest/api/2/myself` (Basic API token, Bearer token, session cookie) against the
 * same server's anonymous `GET /rest/api/2/serverInfo`, with AUTH_BENCH_ROWS tokens and sessions
 * stored. The load rotates through CLIENT_USERS users' real credentials (minted through the API); the
 * rest of the rows are filler written straight into the tables. Runs are interleaved by round, and
 * each ratio is taken within a round: this machine's throughput drifts ±10 % from one run to the next.
 */
export async function runAuthBench(kind: 'pglite' | 'postgres', durationSeconds: number): Promise<AuthBenchResult> {
  // Runs of one second, five rounds per second of BENCH_SECONDS: the host's load changes this
  // machine's throughput by up to half for seconds at a time; short interleaved runs share it out.
  const rounds = 5 * durationSeconds;
  const store = await createStore(kind);
  let server = await startServer({ DATABASE_URL: store.url, DEMO_DATA: 'true', LOG_LEVEL: 'warn' });
  try {
    const credentials = await mintCredentials(server);
    // The embedded database belongs to one process: stop the server to add the filler rows.
    await server.stop();
    await store.fill(AUTH_BENCH_ROWS - CLIENT_USERS * 2, AUTH_BENCH_ROWS - CLIENT_USERS);
    server = await startServer({ DATABASE_URL: store.url, LOG_LEVEL: 'warn' });
    const [counts = { tokens: 0, sessions: 0 }] = await store.counts();

    const modes = {
      serverInfo: { path: '/rest/api/2/serverInfo', headers: (i: number) => ({ 'x-bench-client': String(i) }) },
      'Basic API token': { path: '/rest/api/2/myself', headers: (i: number) => ({ authorization: itemAt(credentials.basic, i % credentials.basic.length) }) },
      'Bearer token': { path: '/rest/api/2/myself', headers: (i: number) => ({ authorization: itemAt(credentials.bearer, i % credentials.bearer.length) }) },
      'session cookie': { path: '/rest/api/2/myself', headers: (i: number) => ({ cookie: itemAt(credentials.cookie, i % credentials.cookie.length) }) },
    };
    const run = async (label: keyof typeof modes, seconds: number): Promise<MeasuredRun> => {
      const { result: load, cpuSeconds } = await withCpuOf(server.process.pid, () =>
        runLoad({ label, url: `${server.url}${modes[label].path}`, durationSeconds: seconds, headersFor: modes[label].headers }),
      );
      return { ...load, cpuMicros: cpuSeconds === undefined ? undefined : (cpuSeconds * 1e6) / load.requests };
    };
    const results: Map<string, MeasuredRun[]> = await runByRound(Object.keys(modes) as (keyof typeof modes)[], rounds, (label) => run(label, 1));
    const meanOf = (label: string) => mean((results.get(label) ?? []).map((r) => r.requestsPerSecond));
    const serverInfoRuns = results.get('serverInfo') ?? [];
    const serverInfo = meanOf('serverInfo');
    process.stdout.write(`  ${kind}: ${counts.tokens} tokens, ${counts.sessions} sessions stored\n`);
    return {
      database: kind === 'pglite' ? 'embedded PGlite' : 'PostgreSQL',
      serverInfo,
      rows: [...results].map(([label, runs]) => ({
        label,
        requestsPerSecond: meanOf(label),
        p99Ms: Math.max(...runs.map((r) => r.p99Ms)),
        ...roundRatios(
          runs.map((r) => r.requestsPerSecond),
          serverInfoRuns.map((r) => r.requestsPerSecond),
        ),
        ...cpuPerRequest(runs, serverInfoRuns),
        failures: runs.reduce((sum, r) => sum + r.non2xx + r.errors, 0),
      })),
    };
  } finally {
    await server.stop();
    await store.drop();
  }
}

function cpuPerRequest(runs: MeasuredRun[], serverInfoRuns: MeasuredRun[]): { cpuMicros?: number; cpuRatio?: number } {
  const measured = runs.flatMap((run, round) => {
    const serverInfo = serverInfoRuns[round]?.cpuMicros;
    return run.cpuMicros && serverInfo ? [{ own: run.cpuMicros, serverInfo }] : [];
  });
  if (measured.length < runs.length) return {};
  return { cpuMicros: median(measured.map((m) => m.own)), cpuRatio: median(measured.map((m) => m.serverInfo / m.own)) };
}

/** Login latency (`POST /rest/auth/1/session`, one client at a time): the KDF's cost as a user feels it. */
export async function runLoginLatency(durationSeconds: number): Promise<LoadResult> {
  const server = await startServer({ DATABASE_URL: 'pglite:memory', DEMO_DATA: 'true', LOG_LEVEL: 'warn' });
  try {
    return await runLoad({
      label: 'login',
      url: `${server.url}/rest/auth/1/session`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'alice', password: 'demo-password' }),
      durationSeconds,
      connections: 1,
    });
  } finally {
    await server.stop();
  }
}

async function mintCredentials(server: RunningServer): Promise<Credentials> {
  const credentials: Credentials = { basic: [], bearer: [], cookie: [] };
  for (const user of await createBenchUsers(server, CLIENT_USERS)) {
    credentials.cookie.push(user.cookie);
    for (const scheme of ['basic', 'bearer'] as const) {
      const response = await fetch(`${server.url}/rest/tokenshift/1/tokens`, {
        method: 'POST',
        headers: { cookie: user.cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ name: `bench ${scheme}` }),
      });
      const { token } = await json<{ token?: string }>(response);
      if (!token) throw new Error(`minting a token for ${user.name}: ${response.status}`);
      credentials[scheme].push(scheme === 'basic' ? basic(user.email, token) : `Bearer ${token}`);
    }
  }
  return credentials;
}

interface Store {
  url: string;
  /** Adds filler rows up to the given totals (hashes of nothing: valid rows no client holds). */
  fill(tokens: number, sessions: number): Promise<void>;
  counts(): Promise<{ tokens: number; sessions: number }[]>;
  drop(): Promise<void>;
}

const FILL_SQL = (tokens: number, sessions: number) => [
  `INSERT INTO "ApiToken" (id, "userId", name, preview, "tokenHash", scopes)
   SELECT gen_random_uuid(), (SELECT id FROM "User" WHERE name = 'alice'), 'filler ' || g, 'tsk_filler', md5(g::text || random()::text) || md5(random()::text), ARRAY['read']
   FROM generate_series(1, ${tokens}) g`,
  `INSERT INTO "Session" (id, "idHash", "userId", "lastSeenAt", "expiresAt")
   SELECT gen_random_uuid(), md5(g::text || random()::text) || md5(random()::text), (SELECT id FROM "User" WHERE name = 'alice'), now(), now() + interval '8 hours'
   FROM generate_series(1, ${sessions}) g`,
  'ANALYZE "ApiToken"',
  'ANALYZE "Session"',
];
const COUNT_SQL = `SELECT (SELECT count(*)::int FROM "ApiToken") AS tokens, (SELECT count(*)::int FROM "Session") AS sessions`;

async function createStore(kind: 'pglite' | 'postgres'): Promise<Store> {
  if (kind === 'postgres') {
    const database: TestDatabase = await createPostgresTestDatabase('bench_auth');
    return {
      url: database.url,
      fill: async (tokens, sessions) => {
        for (const sql of FILL_SQL(tokens, sessions)) await queryRows(database.url, sql);
      },
      counts: () => queryRows(database.url, COUNT_SQL),
      drop: () => database.drop(),
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'tokenshift-bench-'));
  const dataDir = join(dir, 'pglite');
  let counts: { tokens: number; sessions: number }[] = [];
  return {
    url: `pglite:${dataDir}`,
    fill: async (tokens, sessions) => {
      const db = new PGlite(dataDir);
      try {
        for (const sql of FILL_SQL(tokens, sessions)) await db.exec(sql);
        counts = (await db.query<{ tokens: number; sessions: number }>(COUNT_SQL)).rows;
      } finally {
        await db.close();
      }
    },
    counts: async () => counts,
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}
