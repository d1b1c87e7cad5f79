// `npm run bench`: every benchmark in one run, each ratio measured side by side, then one summary
// table of every ratio against its goal. `BENCH_ONLY=auth,login,usage,search,dashboard,scanner,gateway` runs a subset;
// `BENCH_SECONDS` sets the length of each load run (default 5).
import { cpus, totalmem } from 'node:os';
import { AUTH_BENCH_ROWS, runAuthBench, runLoginLatency } from './auth.bench';
import { runDashboardBench } from './dashboard.bench';
import { runGatewayBench } from './gateway.bench';
import { formatTable, middleHalf } from './load';
import { runScannerBench } from './scanner.bench';
import { runSearchBench } from './search.bench';
import { runUsageBench } from './usage.bench';
import { goalMet, SummaryRow } from './summary';
import { itemAt } from './item-at';

const DURATION_SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ONLY = process.env.BENCH_ONLY?.split(',');
const enabled = (name: string) => !ONLY || ONLY.includes(name);

/** OWASP Password Storage Cheat Sheet: Argon2id minimum m=19 MiB, t=2, p=1 (what the server uses). */
const OWASP_ARGON2ID = 'OWASP minimum for Argon2id: m = 19 MiB, t = 2, p = 1 (used as is)';

function print(title: string, rows: string[][]): void {
  process.stdout.write(`\n## ${title}\n\n${formatTable(rows)}\n`);
}

async function main(): Promise<void> {
  process.stdout.write(
    `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${DURATION_SECONDS} s per load run\n`,
  );
  const summary: SummaryRow[] = [];

  if (enabled('auth')) {
    for (const kind of ['pglite', 'postgres'] as const) {
      const result = await runAuthBench(kind, DURATION_SECONDS);
      print(`GET /rest/api/2/myself vs anonymous serverInfo, ${result.database}, ${AUTH_BENCH_ROWS.toLocaleString('en')} tokens and sessions stored`, [
        ['request', 'req/s (mean)', 'p99 ms', 'non-2xx', 'ratio vs serverInfo (median of rounds)', 'middle half of rounds', 'server CPU µs/request', 'CPU ratio'],
        ...result.rows.map((row) => [
          row.label,
          row.requestsPerSecond.toFixed(0),
          String(row.p99Ms),
          String(row.failures),
          row.ratio.toFixed(2),
          `${middleHalf(row.roundRatios)} (${row.roundRatios.length} rounds)`,
          row.cpuMicros?.toFixed(1) ?? 'n/a',
          row.cpuRatio?.toFixed(2) ?? 'n/a',
        ]),
      ]);
      for (const row of result.rows.filter((r) => r.label !== 'serverInfo')) {
        summary.push(goalMet(`myself with ${row.label} ÷ serverInfo (${result.database})`, row.ratio, '>=', 0.9, row.ratio.toFixed(2)));
      }
    }
  }

  if (enabled('login')) {
    const login = await runLoginLatency(DURATION_SECONDS);
    print('Login latency (POST /rest/auth/1/session, one client, Argon2id m = 19 MiB, t = 2, p = 1)', [
      ['logins/s', 'p50 ms', 'p99 ms', 'KDF parameters'],
      [login.requestsPerSecond.toFixed(1), String(login.p50Ms), String(login.p99Ms), OWASP_ARGON2ID],
    ]);
    summary.push(['login latency p50 / p99 (Argon2id at OWASP’s minimum)', `${login.p50Ms} / ${login.p99Ms} ms`, 'stated', '']);
  }

  if (enabled('usage')) {
    const usage = await runUsageBench(DURATION_SECONDS);
    print('Usage recording on/off (PostgreSQL, cookie GET /myself, users taking turns)', usage.rows);
    summary.push(goalMet('usage recording on ÷ off (deprecated endpoint throughput)', usage.ratio, '>=', 0.95, usage.ratio.toFixed(3)));
    summary.push(goalMet('usage events lost', usage.lost, '<=', 0, String(usage.lost)));
  }

  if (enabled('search')) {
    print('Search at the JQL limits (3,000 users, 3,000 issues; docs/auth.md "Search limits")', await runSearchBench());
  }

  if (enabled('dashboard')) {
    const dashboard = await runDashboardBench();
    print('Dashboard read API on PostgreSQL (DASHBOARD_BENCH_EVENTS usage events, default 10 million)', dashboard);
    const p95s = dashboard.slice(1).map((row) => Number(row[2]));
    const slowest = itemAt(dashboard, 1 + p95s.indexOf(Math.max(...p95s)));
    summary.push(goalMet(`dashboard: slowest panel request p95 (${slowest[0]})`, Math.max(...p95s), '<=', 200, `${Math.max(...p95s).toFixed(0)} ms`, ' ms'));
  }

  if (enabled('scanner')) {
    const scanner = await runScannerBench();
    print('Scanner, like with like (issue 17; docs/benchmarks.md "Scanner")', scanner.table);
    summary.push(...scanner.summary);
  }

  if (enabled('gateway')) {
    const gateway = await runGatewayBench(DURATION_SECONDS);
    print('Gateway (UPSTREAM_URL, PostgreSQL) vs a bare @fastify/reply-from proxy, same upstream, same undici pool (issue 21)', gateway.table);
    print('Gateway latency at half the bare proxy’s peak rate', gateway.latency);
    summary.push(...gateway.summary);
  }

  print('Summary: every ratio against its goal', [['benchmark', 'measured', 'goal', ''], ...summary]);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
