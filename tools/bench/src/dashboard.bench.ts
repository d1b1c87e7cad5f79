// Dashboard read API on PostgreSQL with 10 million usage events (DASHBOARD_BENCH_EVENTS to change):
// every request the dashboard page makes, for its default period (30 days) and its largest (366 days),
// timed from the client one after another.
// Alone: npx tsx --tsconfig tools/bench/tsconfig.json tools/bench/src/dashboard.bench.ts
import { startServer } from '@tokenshift/testing';
import { formatTable } from './load';
import { DASHBOARD_BENCH_DATABASE_URL, seedUsageEvents } from './seed-usage-events';
import { itemAt } from './item-at';

const EVENTS = Number(process.env['DASHBOARD_BENCH_EVENTS'] ?? 10_000_000);
const DATABASE_URL = process.env['DASHBOARD_BENCH_DATABASE'] ?? DASHBOARD_BENCH_DATABASE_URL;
const WARM_UPS = 3;
const RUNS = Number(process.env['DASHBOARD_BENCH_RUNS'] ?? 30);
const GOAL_MS = 200;
const API = '/rest/tokenshift/1';
/** The periods the page offers: its default and its largest (apps/dashboard/index.html). */
const PERIODS = [30, 366];

interface DashboardRequest {
  path: string;
  accept: string;
}

/** What apps/dashboard/src/main.ts requests, in its order: on load, on the hour toggle, on Export CSV and Show findings. */
function dashboardRequests(latestRunId: string | undefined): DashboardRequest[] {
  const json = (path: string) => ({ path: `${API}${path}`, accept: 'application/json' });
  const requests = [json('/usage/summary?days=1')]; // the token check at sign-in
  for (const days of PERIODS) {
    requests.push(
      json(`/usage/summary?days=${days}`),
      json(`/usage/timeseries?granularity=day&days=${days}`),
      json(`/usage/timeseries?granularity=hour&days=${days}`),
      json(`/usage/users?days=${days}`),
      json(`/usage/clients?days=${days}`),
      { path: `${API}/usage/users.csv?days=${days}`, accept: 'text/csv' },
    );
  }
  requests.push(json('/scan-runs/repos'));
  if (latestRunId) requests.push(json(`/scan-runs/${latestRunId}`));
  return requests;
}

/** Milliseconds from sending the request to the last byte of the answer. */
async function timedGet(url: string, token: string, accept: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}`, accept, 'x-requested-with': 'XMLHttpRequest' } });
  const body = await response.arrayBuffer();
  const elapsed = performance.now() - started;
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${Buffer.from(body).toString().slice(0, 300)}`);
  return elapsed;
}

/** Nearest-rank percentile. */
function percentile(sorted: number[], p: number): number {
  return itemAt(sorted, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
}

export async function runDashboardBench(): Promise<string[][]> {
  const seed = await seedUsageEvents({ events: EVENTS, databaseUrl: DATABASE_URL });
  // DEMO_DATA: the demo user is an administrator, and the server prints a fresh demo token with the admin scope.
  const server = await startServer({ DATABASE_URL, DEMO_DATA: 'true', USAGE_RECORDING: 'false', LOG_LEVEL: 'warn' }, 300_000);
  try {
    const token = server.demoToken();
    if (!token) throw new Error(`no demo token in the server's output:\n${server.output()}`);
    const repos = (await (await fetch(`${server.url}${API}/scan-runs/repos`, { headers: { authorization: `Bearer ${token}` } })).json()) as Array<{
      latest: { id: string; findingCount: number };
    }>;
    const busiest = repos.sort((a, b) => b.latest.findingCount - a.latest.findingCount)[0];
    const requests = dashboardRequests(busiest?.latest.id);
    const timings = requests.map(() => [] as number[]);
    for (let round = 0; round < WARM_UPS; round++) for (const request of requests) await timedGet(server.url + request.path, token, request.accept);
    // Round-robin, as the page asks for all panels together; load from other processes then hits every request alike.
    for (let round = 0; round < RUNS; round++) {
      for (const [i, request] of requests.entries()) itemAt(timings, i).push(await timedGet(server.url + request.path, token, request.accept));
    }
    const rows = [[`request (${seed.rawEvents.toLocaleString('en')} events; ${RUNS} runs each after ${WARM_UPS} warm-ups)`, 'p50 ms', 'p95 ms', 'max ms', 'goal', 'met']];
    for (const [i, request] of requests.entries()) {
      const sorted = [...itemAt(timings, i)].sort((a, b) => a - b);
      const p95 = percentile(sorted, 95);
      rows.push([`GET ${request.path.replace(API, '')}`, percentile(sorted, 50).toFixed(1), p95.toFixed(1), itemAt(sorted, sorted.length - 1).toFixed(1), `< ${GOAL_MS} ms p95`, p95 < GOAL_MS ? 'met' : 'not met']);
    }
    return rows;
  } finally {
    await server.stop();
  }
}

if (require.main === module) {
  runDashboardBench()
    .then((rows) => process.stdout.write(`${formatTable(rows)}\n`))
    .catch((error: unknown) => {
      process.stderr.write(`${(error as Error).stack ?? error}\n`);
      process.exit(1);
    });
}
