import { createPostgresTestDatabase, queryRows } from '@tokenshift/db/testing';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunningServer, startServer } from '@tokenshift/testing';
import { createBenchUsers } from './bench-users';
import { mean, median, middleHalf, runLoad } from './load';
import { withCpuOf } from './process-cpu';
import { itemAt } from './item-at';

/**
 * Rounds of one on and one off run of about a second each, per second of BENCH_SECONDS: this
 * machine's throughput changes by up to half for seconds at a time (the host's other tenants), so
 * on and off alternate every second and the phases hit both alike.
 */
const ROUNDS_PER_SECOND = 8;

/** Callers taking turns request by request, as clients of a real deployment do (USAGE_BENCH_USERS). */
const CALLERS = Number(process.env.USAGE_BENCH_USERS ?? 50);

/** Servers of each kind (USAGE_BENCH_PAIRS): odd enough that one slow process cannot pull a median. */
const PAIRS = Number(process.env.USAGE_BENCH_PAIRS ?? 3);

/** A measured server, with what its runs added up to. */
interface MeasuredServer {
  server: RunningServer;
  records: boolean;
  requestsPerSecond: number[];
  cpuSeconds: number;
  requests: number;
}

/**
 * Deprecated-endpoint throughput (cookie-authenticated GET /rest/api/2/myself, CALLERS users taking
 * turns) with usage recording on and off, on one PostgreSQL database; then the events written are
 * compared with the 2xx answers the load generator counted. PAIRS servers of each kind, started
 * on, off, off, on, on, off: a process of the same build can run a few per cent, and now and then a
 * third, slower than its twins for its whole life (start order, JIT; seen in A/A runs), as much as
 * recording costs. So each round pairs one of each, the pairs take turns, as does the order within
 * a round, and the ratio is the median server of one kind against the median server of the other.
 */
export async function runUsageBench(durationSeconds: number): Promise<{ ratio: number; lost: number; rows: string[][] }> {
  const database = await createPostgresTestDatabase('bench_usage');
  // USAGE_BENCH_AA=1: no server records, an A/A run that shows this machine's noise floor.
  const recording = !process.env.USAGE_BENCH_AA;
  const start = (env: Record<string, string>) => startServer({ DATABASE_URL: database.url, LOG_LEVEL: 'warn', ...env });
  const measured: MeasuredServer[] = [];
  try {
    // The callers are created and logged in on a server of their own: 50 Argon2 logins would leave
    // one of the measured servers slower than the others (5 % in an A/A run).
    const setup = await start({ DEMO_DATA: 'true', USAGE_RECORDING: 'false' });
    const cookies = await createBenchUsers(setup, CALLERS)
      .then((users) => users.map((user) => user.cookie))
      .finally(() => setup.stop());
    for (let i = 0; i < 2 * PAIRS; i++) {
      const records = i % 4 === 0 || i % 4 === 3; // on, off, off, on, on, off, …
      // A recording server spools each deprecated use before answering (crash safety): a folder of its own.
      const spool: Record<string, string> = records && recording ? { USAGE_SPOOL_DIR: join(mkdtempSync(join(tmpdir(), 'bench-usage-')), 'spool') } : {};
      measured.push({ server: await start({ USAGE_RECORDING: String(records && recording), ...spool }), records, requestsPerSecond: [], cpuSeconds: 0, requests: 0 });
    }
    const onServers = measured.filter((m) => m.records);
    const offServers = measured.filter((m) => !m.records);
    const load = (server: RunningServer, amount?: number) =>
      runLoad({
        label: 'myself',
        url: `${server.url}/rest/api/2/myself`,
        headersFor: (sequence) => ({ cookie: itemAt(cookies, sequence % cookies.length) }),
        durationSeconds,
        amount,
      });
    let answeredWithRecording = 0;
    // Errors (timeouts, resets) and non-2xx answers: a request the server answered after the load
    // generator gave up on it is recorded but not counted as answered.
    let notAnsweredWithRecording = 0;
    const measure = async (target: MeasuredServer, amount: number) => {
      const { result, cpuSeconds } = await withCpuOf(target.server.process.pid, () => load(target.server, amount));
      target.cpuSeconds += cpuSeconds ?? NaN; // NaN without /proc: printed as such, never mistaken for a figure
      target.requests += result.requests;
      target.requestsPerSecond.push(result.requestsPerSecond);
      if (target.records) answeredWithRecording += result.total2xx;
      if (target.records) notAnsweredWithRecording += result.errors + result.non2xx;
      return result.requestsPerSecond;
    };
    // A fixed number of requests per run (from a calibration run, which also warms its server up), so
    // every request is answered (none left in flight) and the answered count is exact.
    const calibration = itemAt(offServers, 0);
    const amount = Math.round((await load(calibration.server)).total2xx / durationSeconds);
    // The same warm-up for the others (JIT, caches, a first batch write); events of warm-ups count too.
    for (const target of measured.filter((m) => m !== calibration)) {
      const warmUp = await load(target.server, amount);
      if (target.records) answeredWithRecording += warmUp.total2xx;
      if (target.records) notAnsweredWithRecording += warmUp.errors + warmUp.non2xx;
    }
    const perRound: number[] = [];
    for (let round = 0; round < ROUNDS_PER_SECOND * durationSeconds; round++) {
      const pair = { on: itemAt(onServers, round % PAIRS), off: itemAt(offServers, round % PAIRS) };
      const order = Math.floor(round / PAIRS) % 2 ? (['on', 'off'] as const) : (['off', 'on'] as const);
      const roundRate = { on: 0, off: 0 };
      for (const name of order) roundRate[name] = await measure(pair[name], amount);
      perRound.push(roundRate.on / roundRate.off);
    }
    await Promise.all(measured.map(({ server }) => server.stop())); // flushes what is queued
    const [{ written } = { written: 0 }] = await queryRows<{ written: number }>(database.url, `SELECT coalesce(sum("count"), 0)::int AS written FROM "UsageEvent" WHERE kind = 'cookie-request'`);
    const lost = recording ? answeredWithRecording - written : 0;
    const throughput = (m: MeasuredServer) => mean(m.requestsPerSecond);
    const cpuMicros = (m: MeasuredServer) => (m.cpuSeconds * 1e6) / m.requests;
    const medianOn = median(onServers.map(throughput));
    const medianOff = median(offServers.map(throughput));
    const ratio = medianOn / medianOff;
    const perServer = (value: (m: MeasuredServer) => number, digits: number) => measured.map((m) => `${m.records ? 'on' : 'off'} ${value(m).toFixed(digits)}`).join(', ');
    return {
      ratio,
      lost,
      rows: [
        [`usage recording (PostgreSQL, cookie GET /myself, ${CALLERS} users taking turns)`, 'value', 'goal'],
        ['req/s with recording off (median server)', medianOff.toFixed(0), ''],
        ['req/s with recording on (median server)', medianOn.toFixed(0), ''],
        ['throughput ratio on/off (median servers)', ratio.toFixed(3), '≥ 0.95'],
        [`rounds (one on and one off run of ~1 s each; ${PAIRS} pairs take turns)`, String(perRound.length), ''],
        ['per-round ratios: median (middle half)', `${median(perRound).toFixed(2)} (${middleHalf(perRound)})`, ''],
        ['req/s of each server, in start order', perServer(throughput, 0), ''],
        ['server CPU µs per request of each server', perServer(cpuMicros, 1), ''],
        ['events lost (2xx answered − events written)', String(lost), '0'],
        ['requests of recording servers not answered 2xx (load generator errors, timeouts, non-2xx)', String(notAnsweredWithRecording), ''],
      ],
    };
  } finally {
    await Promise.all(measured.map(({ server }) => server.stop()));
    await database.drop();
  }
}
