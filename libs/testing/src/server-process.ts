import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { UsageCounters } from '@tokenshift/shared';
import { drainUsageOf } from './usage-drain';

export const WORKSPACE_ROOT = resolve(__dirname, '../../..');
export const SERVER_ENTRY = join(WORKSPACE_ROOT, 'dist/apps/server/apps/server/src/main.js');

export interface RunningServer {
  url: string;
  port: number;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /**
   * The demo token (DEMO_DATA=true), read from the file the server wrote it to: a test server's
   * stdout is no terminal, so the token is not printed. `DEMO_TOKEN_FILE` is a fresh temporary
   * file unless the test sets it (`''` for none, as a deployment without the setting has).
   */
  demoToken(): string | undefined;
  /**
   * Has the server write the usage it has queued (over the test-only IPC channel, not HTTP: no request
   * of its own is recorded) and resolves with its recorder's counters; `pending` is 0 unless it timed out.
   */
  drainUsage(timeoutMs?: number): Promise<UsageCounters>;
  /**
   * Sends SIGTERM and waits for the exit; resolves with the exit code or the signal's name. A server
   * still running `timeoutMs` after the signal is killed (SIGKILL) and the call throws with the tail
   * of its output, so a shutdown that hangs is reported as such rather than as a hook's time-out.
   */
  stop(timeoutMs?: number): Promise<number | string | null>;
  process: ChildProcess;
}

/**
 * How long `stop()` waits after SIGTERM by default: beyond the server's own bound (SHUTDOWN_GRACE_MS,
 * 10 s by default, plus at most 15 s writing usage and closing), and within Jest's 60 s hook time-out.
 */
export const STOP_TIMEOUT_MS = 30_000;
/** How much of a server's output a failed stop reports. */
const OUTPUT_TAIL_CHARS = 4_000;

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

function spawnServer(port: number, env: Record<string, string>): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, [SERVER_ENTRY], {
    cwd: WORKSPACE_ROOT,
    // Every test server is called from 127.0.0.1: the login rate limits are off unless a test sets them.
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: String(port), LOG_FORMAT: 'json', DEMO_DATA: 'false', LOGIN_RATE_LIMIT_PER_IP: '0', LOGIN_RATE_LIMIT_PER_ACCOUNT: '0', ...env },
    // The IPC channel carries the test-only usage drain (usage-drain.ts); unreferenced while idle.
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  child.channel?.unref();
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

/**
 * Starts the built server (`dist/apps/server`, built by the test target's dependency) as a
 * separate process, exactly as `npm start` does, and waits until it listens.
 */
export async function startServer(env: Record<string, string> = {}, timeoutMs = 30_000): Promise<RunningServer> {
  const port = await freePort();
  const tokenFolder = mkdtempSync(join(tmpdir(), 'tokenshift-demo-token-'));
  const tokenFile = env['DEMO_TOKEN_FILE'] ?? join(tokenFolder, 'demo-token');
  const { child, output } = spawnServer(port, { DEMO_TOKEN_FILE: tokenFile, ...env });
  child.once('exit', () => rmSync(tokenFolder, { recursive: true, force: true }));
  let demoToken: string | undefined;
  const server: RunningServer = {
    url: `http://127.0.0.1:${port}`,
    port,
    process: child,
    output,
    demoToken: () => demoToken,
    drainUsage: (timeoutMs) => drainUsageOf(child, timeoutMs),
    stop: (stopTimeoutMs) => stopProcess(child, `http://127.0.0.1:${port}`, output, stopTimeoutMs),
  };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output()}`);
    // Listening comes after migrations, seeding and the demo token file; at LOG_LEVEL=warn nothing says so.
    if (output().includes('tokenshift is running at') || (await answersHealth(server.url))) {
      // Read once: the server removes nothing, but this helper removes the folder when it exits.
      demoToken = tokenFile && existsSync(tokenFile) ? readFileSync(tokenFile, 'utf8').trim() : undefined;
      return server;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  await server.stop();
  throw new Error(`server did not start within ${timeoutMs} ms:\n${output()}`);
}

async function stopProcess(child: ChildProcess, url: string, output: () => string, timeoutMs = STOP_TIMEOUT_MS): Promise<number | string | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode ?? child.signalCode;
  const exited = once(child, 'exit') as Promise<[number | null, string | null]>;
  child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), timeoutMs)));
  const result = await Promise.race([exited, late]);
  clearTimeout(timer);
  if (result) return result[0] ?? result[1];
  child.kill('SIGKILL');
  await exited;
  throw new Error(`server ${url} (pid ${child.pid}) had not exited ${timeoutMs} ms after SIGTERM and was killed (SIGKILL); the end of its output:\n${output().slice(-OUTPUT_TAIL_CHARS)}`);
}

async function answersHealth(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/health`, { signal: AbortSignal.timeout(2000) })).ok;
  } catch {
    return false;
  }
}

/** Runs the server expecting it to exit (bad config, unreachable database); returns code and output. */
export async function runServerToExit(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const { child, output } = spawnServer(await freePort(), env);
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, output: output() };
}
