import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { createPostgresTestDatabase } from '@tokenshift/db/testing';
import { basic, startServer } from '@tokenshift/testing';
import { LoadResult, mean, median, middleHalf, runLoad } from './load';
import { roundRatios, runByRound } from './rounds';
import { goalMet, SummaryRow } from './summary';
import { itemAt } from './item-at';
import { withCpuOf } from './process-cpu';

const WORKSPACE = resolve(__dirname, '../../..');
const MIB = 2 ** 20;
const STREAM_BYTES = 1024 * MIB;
/** Session logins made through the gateway before the load: their cookies are the recorded cookie traffic. */
const COOKIE_USERS = 50;
export const GATEWAY_BENCH_PATH = '/rest/api/2/myself';

export interface Peer {
  url: string;
  process: ChildProcess;
}

/** One of gateway-peers.ts's roles in its own process; resolves with the URL it listens on. */
export async function startPeer(...args: string[]): Promise<Peer> {
  // tsx as a loader, not its CLI (which runs the script in a child process): the pid is the peer's own, for its CPU time and RSS.
  const profile = process.env['CPU_PROF_DIR'] ? ['--cpu-prof', `--cpu-prof-dir=${process.env['CPU_PROF_DIR']}`] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', join(__dirname, 'gateway-peers.ts'), ...args], {
    cwd: WORKSPACE,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const [url] = (await Promise.race([once(lines, 'line'), once(child, 'exit').then(() => [undefined])])) as [string | undefined];
  if (!url) throw new Error(`gateway bench peer ${args.join(' ')} did not start`);
  return { url, process: child };
}

export async function stopPeer(peer: Peer): Promise<void> {
  if (peer.process.exitCode !== null) return;
  peer.process.kill('SIGTERM');
  await once(peer.process, 'exit');
}

function rssBytes(pid: number | undefined): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Number(line?.split(/\s+/)[1] ?? NaN) * 1024;
}

/** Session logins through the gateway (the upstream sets a JSESSIONID the gateway remembers): their cookies. */
export async function recordedCookies(gatewayUrl: string): Promise<string[]> {
  const cookies: string[] = [];
  for (let i = 0; i < COOKIE_USERS; i++) {
    const response = await fetch(`${gatewayUrl}/rest/auth/1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: `bench-user-${i}`, password: 'not checked by the bench upstream' }),
    });
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('JSESSIONID='))?.split(';')[0];
    if (!response.ok || !cookie) throw new Error(`session login through the gateway: ${response.status}`);
    cookies.push(cookie);
  }
  return cookies;
}

/** Growth of `pid`'s RSS (peak − before, sampled every 50 ms) while `url`'s body is read to its end. */
async function rssGrowthWhileReading(url: string, pid: number | undefined): Promise<{ growth: number; bytes: number }> {
  const before = rssBytes(pid);
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, rssBytes(pid))), 50);
  let bytes = 0;
  try {
    const response = await fetch(url);
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
  } finally {
    clearInterval(sampler);
  }
  return { growth: peak - before, bytes };
}

/**
 * Issue 21's speed goals: tokenshift's gateway (the built server with UPSTREAM_URL, on PostgreSQL)
 * against a bare @fastify/reply-from proxy with the same undici pool, both in front of the same plain
 * Fastify upstream, each in its own process. Throughput ratios and the added p99 at half the bare
 * proxy's peak rate are taken within rounds of one-second runs (interleaved: the machine is noisy).
 */
export async function runGatewayBench(durationSeconds: number): Promise<{ table: string[][]; latency: string[][]; summary: SummaryRow[] }> {
  const rounds = 5 * durationSeconds;
  const upstream = await startPeer('upstream');
  const bare = await startPeer('bare-proxy', upstream.url);
  const database = await createPostgresTestDatabase('bench_gateway');
  const gateway = await startServer({ UPSTREAM_URL: upstream.url, DATABASE_URL: database.url, LOG_LEVEL: 'warn' }, 120_000);
  try {
    const cookies = await recordedCookies(gateway.url);
    const token = basic('bench@example.com', `ATATT3xFfGF0${randomBytes(24).toString('base64url')}`);
    const bearer = `Bearer ${randomBytes(32).toString('base64url')}`;
    const modes = {
      'bare reply-from proxy': { url: bare.url, pid: bare.process.pid, headersFor: () => ({ authorization: token }) },
      'gateway, Basic API token': { url: gateway.url, pid: gateway.process.pid, headersFor: () => ({ authorization: token }) },
      'gateway, Bearer token': { url: gateway.url, pid: gateway.process.pid, headersFor: () => ({ authorization: bearer }) },
      'gateway, recorded JSESSIONID cookie': { url: gateway.url, pid: gateway.process.pid, headersFor: (i: number) => ({ cookie: itemAt(cookies, i % cookies.length) }) },
    };
    type Mode = keyof typeof modes;
    const labels = Object.keys(modes) as Mode[];
    // The proxy process's CPU time per request as well: what a request costs it, whatever the noisy machine does to req/s.
    const run = async (label: Mode, overallRate?: number): Promise<MeasuredRun> => {
      const { result, cpuSeconds } = await withCpuOf(modes[label].pid, () =>
        runLoad({ label, url: `${modes[label].url}${GATEWAY_BENCH_PATH}`, durationSeconds: 1, headersFor: modes[label].headersFor, overallRate }),
      );
      return { ...result, cpuMicros: cpuSeconds === undefined ? Number.NaN : (cpuSeconds * 1e6) / result.requests };
    };

    const peak = await runByRound(labels, rounds, (label) => run(label));
    const bareRuns = peak.get('bare reply-from proxy') ?? [];
    const halfRate = Math.round(mean(bareRuns.map((r) => r.requestsPerSecond)) / 2);
    const paced = await runByRound(labels, rounds, (label) => run(label, halfRate));
    const barePaced = paced.get('bare reply-from proxy') ?? [];

    const summary: SummaryRow[] = [];
    const table = [['traffic', 'req/s (mean)', 'p99 ms', 'non-2xx', 'ratio vs bare proxy (median of rounds)', 'middle half of rounds', 'proxy CPU µs/request', 'CPU ratio (bare ÷ this)']];
    const latency = [['traffic', `p99 ms at ${halfRate} req/s (median of rounds)`, 'added p99 ms (median of rounds)', 'non-2xx']];
    for (const label of labels) {
      const runs = peak.get(label) ?? [];
      const { ratio, roundRatios: perRound } = roundRatios(runs.map((r) => r.requestsPerSecond), bareRuns.map((r) => r.requestsPerSecond));
      const cpu = roundRatios(bareRuns.map((r) => r.cpuMicros), runs.map((r) => r.cpuMicros)).ratio;
      const pacedRuns = paced.get(label) ?? [];
      const added = median(pacedRuns.map((r, round) => r.p99Ms - itemAt(barePaced, round).p99Ms));
      table.push([label, mean(runs.map((r) => r.requestsPerSecond)).toFixed(0), String(Math.max(...runs.map((r) => r.p99Ms))), String(failures(runs)), ratio.toFixed(2), `${middleHalf(perRound)} (${perRound.length} rounds)`, median(runs.map((r) => r.cpuMicros)).toFixed(1), cpu.toFixed(2)]);
      latency.push([label, String(median(pacedRuns.map((r) => r.p99Ms))), added.toFixed(1), String(failures(pacedRuns))]);
      if (label === 'bare reply-from proxy') continue;
      const cookie = label.includes('cookie');
      summary.push(goalMet(`${label} ÷ bare reply-from proxy (req/s)`, ratio, '>=', cookie ? 0.85 : 0.9, ratio.toFixed(2)));
      summary.push(goalMet(`${label}: added p99 at half the bare proxy's peak`, added, '<=', 1, `${added.toFixed(1)} ms`, ' ms'));
    }

    const streamUrl = (base: string) => `${base}/stream?bytes=${STREAM_BYTES}`;
    const bareStream = await rssGrowthWhileReading(streamUrl(bare.url), bare.process.pid);
    const gatewayStream = await rssGrowthWhileReading(streamUrl(gateway.url), gateway.process.pid);
    for (const [label, measured] of [['bare reply-from proxy', bareStream], ['gateway', gatewayStream]] as const) {
      if (measured.bytes !== STREAM_BYTES) throw new Error(`${label} streamed ${measured.bytes} of ${STREAM_BYTES} bytes`);
      table.push([`${label}: 1 GiB download, RSS growth`, `${(measured.growth / MIB).toFixed(1)} MiB`, '', '', '', '', '', '']);
    }
    summary.push(goalMet('gateway RSS growth while streaming 1 GiB', gatewayStream.growth / MIB, '<=', 64, `${(gatewayStream.growth / MIB).toFixed(1)} MiB`, ' MiB'));
    return { table, latency, summary };
  } finally {
    await gateway.stop();
    await database.drop();
    await stopPeer(bare);
    await stopPeer(upstream);
  }
}

/** One load run, with the proxy process's CPU time per request over it (NaN without /proc). */
type MeasuredRun = LoadResult & { cpuMicros: number };

function failures(runs: LoadResult[]): number {
  return runs.reduce((sum, r) => sum + r.non2xx + r.errors, 0);
}
