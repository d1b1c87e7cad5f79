import { createPostgresTestDatabase, queryRows } from '@tokenshift/db/testing';
import { cookieFrom, DEMO_PASSWORD, login, RunningServer, startServer } from '@tokenshift/testing';
import { mean, median, middleHalf, runLoad } from './load';

/**
 * Rounds of one on and one off run of about a second each, per second of BENCH_SECONDS: this
 * machine's throughput changes by up to half for seconds at a time (the host's other tenants), so
 * on and off alternate every second and the phases hit both alike.
 */
const ROUNDS_PER_SECOND = 8;

/**
 * Deprecated-endpoint throughput (cookie-authenticated GET /rest/api/2/myself) with usage recording
 * on and off, on one PostgreSQL database; then the events written are compared with the 2xx answers
 * the load generator counted. Two servers of each kind, started on, off, off, on: two processes of
 * the same build differ by a few per cent by themselves (start order, JIT), as much as recording
 * costs, so each round pairs one of each and the pairs take turns, as does the order within a round.
 */
export async function runUsageBench(durationSeconds: number): Promise<{ ratio: number; lost: number; rows: string[][] }> {
  const database = await createPostgresTestDatabase('bench_usage');
  // USAGE_BENCH_AA=1: no server records, an A/A run that shows this machine's noise floor.
  const recording = !process.env.USAGE_BENCH_AA;
  const start = (env: Record<string, string>) => startServer({ DATABASE_URL: database.url, LOG_LEVEL: 'warn', ...env });
  const servers: RunningServer[] = [];
  try {
    servers.push(await start({ DEMO_DATA: 'true', USAGE_RECORDING: String(recording) }));
    servers.push(await start({ USAGE_RECORDING: 'false' }));
    servers.push(await start({ USAGE_RECORDING: 'false' }));
    servers.push(await start({ USAGE_RECORDING: String(recording) }));
    const pairs = [
      { on: servers[0]!, off: servers[1]! },
      { on: servers[3]!, off: servers[2]! },
    ];
    const cookie = cookieFrom((await login(servers[0]!.url, 'demo', DEMO_PASSWORD)).body);
    const load = (server: RunningServer, amount?: number) =>
      runLoad({ label: 'myself', url: `${server.url}/rest/api/2/myself`, headers: { cookie }, durationSeconds, amount });
    const rounds = { on: [] as number[], off: [] as number[] };
    let answeredWithRecording = 0;
    // A fixed number of requests per run (from a calibration run, which also warms its server up), so
    // every request is answered (none left in flight) and the answered count is exact.
    const amount = Math.round((await load(servers[1]!)).total2xx / durationSeconds);
    // The same warm-up for the others (JIT, caches, a first batch write); events of warm-ups count too.
    for (const server of [servers[0]!, servers[2]!, servers[3]!]) {
      const answered = (await load(server, amount)).total2xx;
      if (pairs.some((pair) => pair.on === server)) answeredWithRecording += answered;
    }
    for (let round = 0; round < ROUNDS_PER_SECOND * durationSeconds; round++) {
      const pair = pairs[round % 2]!;
      const order = Math.floor(round / 2) % 2 ? (['on', 'off'] as const) : (['off', 'on'] as const);
      for (const name of order) {
        const result = await load(pair[name], amount);
        rounds[name].push(result.requestsPerSecond);
        if (name === 'on') answeredWithRecording += result.total2xx;
      }
    }
    await Promise.all(servers.map((server) => server.stop())); // flushes what is queued
    const [{ written }] = await queryRows<{ written: number }>(database.url, `SELECT coalesce(sum("count"), 0)::int AS written FROM "UsageEvent" WHERE kind = 'cookie-request'`);
    const ratio = mean(rounds.on) / mean(rounds.off);
    const perRound = rounds.on.map((on, i) => on / rounds.off[i]!);
    const lost = recording ? answeredWithRecording - written : 0;
    return {
      ratio,
      lost,
      rows: [
        ['usage recording (PostgreSQL, cookie GET /myself)', 'value', 'goal'],
        ['req/s with recording off', mean(rounds.off).toFixed(0), ''],
        ['req/s with recording on', mean(rounds.on).toFixed(0), ''],
        ['throughput ratio on/off', ratio.toFixed(3), '≥ 0.95'],
        ['rounds (on then off, ~1 s each; pairs alternate)', String(rounds.on.length), ''],
        ['per-round ratios: median (middle half)', `${median(perRound).toFixed(2)} (${middleHalf(perRound)})`, ''],
        ['events lost (2xx answered − events written)', String(lost), '0'],
      ],
    };
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    await database.drop();
  }
}
