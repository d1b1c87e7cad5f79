// The gateway's CPU time per proxied request, for builds side by side (A/B on a busy machine, where req/s
// says little): each build given (a folder holding `apps/server/apps/server/src/main.js`, as `dist` does)
// runs as its own gateway on PostgreSQL at LOG_LEVEL=warn, beside the bare reply-from proxy, all in front of
// the gateway bench's upstream. Each round sends a fixed number of requests of each kind to each one, in
// alternating order; printed is the median over rounds of the process's CPU µs (user + system, /proc) per request.
//
//   tsx --tsconfig tools/bench/tsconfig.json tools/bench/src/gateway-cpu.ts dist [/copy/of/another/dist …]
//
// CPU_ROUNDS (5), CPU_REQUESTS (20000 per run), CPU_PROF_DIR (the gateways write `--cpu-prof` profiles there).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { createPostgresTestDatabase, type TestDatabase } from '@tokenshift/db/testing';
import { basic, freePort } from '@tokenshift/testing';
import { GATEWAY_BENCH_PATH, type Peer, recordedCookies, startPeer, stopPeer } from './gateway.bench';
import { median, runLoad } from './load';
import { cpuSecondsOf } from './process-cpu';

const WORKSPACE = resolve(__dirname, '../../..');

interface Target {
  label: string;
  url: string;
  pid: number | undefined;
  headersFor: (sequence: number) => Record<string, string>;
}

async function startGateway(build: string, upstreamUrl: string, database: TestDatabase): Promise<Peer> {
  const port = await freePort();
  const profile = process.env['CPU_PROF_DIR'] ? ['--cpu-prof', `--cpu-prof-dir=${process.env['CPU_PROF_DIR']}`] : [];
  const child = spawn(process.execPath, [...profile, join(resolve(build), 'apps/server/apps/server/src/main.js')], {
    cwd: WORKSPACE,
    env: { PATH: process.env['PATH'] ?? '', HOST: '127.0.0.1', PORT: String(port), LOG_FORMAT: 'json', LOG_LEVEL: 'warn', DEMO_DATA: 'false', UPSTREAM_URL: upstreamUrl, DATABASE_URL: database.url },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  while (child.exitCode === null) {
    if (await fetch(`${url}/tokenshift/health`).then((response) => response.ok, () => false)) return { url, process: child };
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`the gateway of ${build} exited with ${child.exitCode}`);
}

/** CPU µs per request of `target`'s process over `requests` requests (all of which must be answered 2xx). */
async function cpuPerRequest(target: Target, requests: number): Promise<number> {
  const before = cpuSecondsOf(target.pid) ?? Number.NaN;
  const result = await runLoad({ label: target.label, url: `${target.url}${GATEWAY_BENCH_PATH}`, durationSeconds: 0, amount: requests, headersFor: target.headersFor });
  if (result.non2xx || result.errors) throw new Error(`${target.label}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return (((cpuSecondsOf(target.pid) ?? Number.NaN) - before) * 1e6) / result.requests;
}

async function main(builds: string[]): Promise<void> {
  const rounds = Number(process.env['CPU_ROUNDS'] ?? 5);
  const requests = Number(process.env['CPU_REQUESTS'] ?? 20_000);
  const peers: Peer[] = [];
  const databases: TestDatabase[] = [];
  try {
    const upstream = await startPeer('upstream');
    peers.push(upstream);
    const bare = await startPeer('bare-proxy', upstream.url);
    peers.push(bare);
    const token = basic('bench@example.com', `ATATT3xFfGF0${randomBytes(24).toString('base64url')}`);
    const bearer = `Bearer ${randomBytes(32).toString('base64url')}`;
    const targets: Target[] = [{ label: 'bare reply-from proxy', url: bare.url, pid: bare.process.pid, headersFor: () => ({ authorization: token }) }];
    for (const [i, build] of builds.entries()) {
      const database = await createPostgresTestDatabase(`gateway_cpu_${i}`);
      databases.push(database);
      const gateway = await startGateway(build, upstream.url, database);
      peers.push(gateway);
      const cookies = await recordedCookies(gateway.url);
      const name = `${String.fromCharCode(65 + i)} (${build})`;
      targets.push({ label: `${name} Basic API token`, url: gateway.url, pid: gateway.process.pid, headersFor: () => ({ authorization: token }) });
      targets.push({ label: `${name} Bearer token`, url: gateway.url, pid: gateway.process.pid, headersFor: () => ({ authorization: bearer }) });
      targets.push({ label: `${name} recorded cookie`, url: gateway.url, pid: gateway.process.pid, headersFor: (n) => ({ cookie: cookies[n % cookies.length] as string }) });
    }
    // Warm-up: the JIT, the caches and the pools.
    for (const target of targets) await cpuPerRequest(target, requests / 2);
    const runs = new Map<string, number[]>(targets.map((target) => [target.label, []]));
    for (let round = 0; round < rounds; round++) {
      for (const target of round % 2 ? [...targets].reverse() : targets) runs.get(target.label)?.push(await cpuPerRequest(target, requests));
      process.stderr.write(`round ${round + 1} of ${rounds}\n`);
    }
    for (const [label, values] of runs) console.log(`${label}: ${median(values).toFixed(1)} µs CPU per request (runs: ${values.map((v) => v.toFixed(0)).join(', ')})`);
  } finally {
    for (const peer of peers.reverse()) await stopPeer(peer);
    for (const database of databases) await database.drop();
  }
}

void main(process.argv.slice(2));
