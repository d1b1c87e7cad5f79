// `npm run bench`: starts the built server and prints ratios measured side by side in one run.
import { startServer } from '@tokenshift/testing';
import { cpus } from 'node:os';
import { formatTable, runLoad } from './load';
import { runScannerBench } from './scanner.bench';
import { runUsageBench } from './usage.bench';

const DURATION_SECONDS = Number(process.env.BENCH_SECONDS ?? 5);

async function main(): Promise<void> {
  const server = await startServer({ DATABASE_URL: 'pglite:memory', LOG_LEVEL: 'warn' });
  try {
    const baseline = await runLoad({ label: 'GET /rest/api/2/serverInfo (anonymous)', url: `${server.url}/rest/api/2/serverInfo`, durationSeconds: DURATION_SECONDS });
    const health = await runLoad({ label: 'GET /health (database round trip)', url: `${server.url}/health`, durationSeconds: DURATION_SECONDS });
    const rows = [['benchmark', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'ratio vs serverInfo']];
    for (const result of [baseline, health]) {
      rows.push([
        result.label,
        result.requestsPerSecond.toFixed(0),
        String(result.p50Ms),
        String(result.p99Ms),
        String(result.non2xx + result.errors),
        (result.requestsPerSecond / baseline.requestsPerSecond).toFixed(2),
      ]);
    }
    process.stdout.write(`\n${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, ${DURATION_SECONDS}s per run\n\n`);
    process.stdout.write(`${formatTable(rows)}\n`);
  } finally {
    await server.stop();
  }
  process.stdout.write(`\n${formatTable(await runUsageBench(DURATION_SECONDS))}\n`);
  process.stdout.write(`\n${formatTable(await runScannerBench())}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
