import { createPostgresTestDatabase, queryRows } from '@tokenshift/db/testing';
import { cookieFrom, DEMO_PASSWORD, login, startServer } from '@tokenshift/testing';
import { mean, runLoad } from './load';

/** Alternations of on and off: this machine's throughput drifts ±10 % from one run to the next. */
const USAGE_BENCH_ROUNDS = 8;

/**
 * Deprecated-endpoint throughput (cookie-authenticated GET /rest/api/2/myself) with usage recording
 * on and off, two servers on one PostgreSQL database, runs alternated so drift affects both; then
 * the events written are compared with the 2xx answers the load generator counted.
 */
export async function runUsageBench(durationSeconds: number): Promise<{ ratio: number; lost: number; rows: string[][] }> {
  const database = await createPostgresTestDatabase('bench_usage');
  // USAGE_BENCH_AA=1: both servers without recording, an A/A run that shows this machine's noise floor.
  const on = await startServer({ DATABASE_URL: database.url, DEMO_DATA: 'true', LOG_LEVEL: 'warn', USAGE_RECORDING: String(!process.env.USAGE_BENCH_AA) });
  const off = await startServer({ DATABASE_URL: database.url, USAGE_RECORDING: 'false', LOG_LEVEL: 'warn' });
  try {
    const cookie = cookieFrom((await login(on.url, 'demo', DEMO_PASSWORD)).body);
    const rounds = { on: [] as number[], off: [] as number[] };
    let answeredWithRecording = 0;
    // A fixed number of requests per run (from a calibration run), so every request is answered
    // (none left in flight) and the answered count is exact; the order alternates between rounds.
    const calibration = await runLoad({ label: 'calibration', url: `${off.url}/rest/api/2/myself`, headers: { cookie }, durationSeconds });
    const amount = calibration.total2xx;
    // The same warm-up for the other server (JIT, caches, its first batch write); its events count too.
    answeredWithRecording += (await runLoad({ label: 'warm-up', url: `${on.url}/rest/api/2/myself`, headers: { cookie }, durationSeconds, amount })).total2xx;
    for (let round = 0; round < USAGE_BENCH_ROUNDS; round++) {
      const order = round % 2 ? (['on', 'off'] as const) : (['off', 'on'] as const);
      for (const name of order) {
        const server = name === 'on' ? on : off;
        const result = await runLoad({ label: name, url: `${server.url}/rest/api/2/myself`, headers: { cookie }, durationSeconds, amount });
        rounds[name].push(result.requestsPerSecond);
        if (name === 'on') answeredWithRecording += result.total2xx;
      }
    }
    await on.stop(); // flushes what is queued
    const [{ written }] = await queryRows<{ written: number }>(database.url, `SELECT coalesce(sum("count"), 0)::int AS written FROM "UsageEvent" WHERE kind = 'cookie-request'`);
    const ratio = mean(rounds.on) / mean(rounds.off);
    const lost = answeredWithRecording - written;
    return {
      ratio,
      lost,
      rows: [
        ['usage recording (PostgreSQL, cookie GET /myself)', 'value', 'goal'],
        ['req/s with recording off', mean(rounds.off).toFixed(0), ''],
        ['req/s with recording on', mean(rounds.on).toFixed(0), ''],
        ['throughput ratio on/off', ratio.toFixed(3), '≥ 0.95'],
        ['per round (on/off)', rounds.on.map((on, i) => (on / rounds.off[i]!).toFixed(2)).join(', '), ''],
        ['events lost (2xx answered − events written)', String(lost), '0'],
      ],
    };
  } finally {
    await Promise.all([on.stop(), off.stop()]);
    await database.drop();
  }
}
