import { spawn } from 'node:child_process';
import { once } from 'node:events';

/**
 * One client flow: what a new user does with a Jira client library, step by step. Every library's
 * driver (Python and Ruby scripts beside this folder, Node ones in it) runs the same steps and reports
 * each outcome in the same normalised shape; the spec holds the assertions, shared by all of them.
 */
export type AuthMode = 'cookie' | 'basic' | 'bearer';

export interface FlowSettings {
  url: string;
  mode: AuthMode;
  /** Names what this flow creates (summaries, comment bodies), so assertions can tell its issues apart. */
  tag: string;
  username: string;
  password: string;
  email: string;
  token: string;
  projectKey: string;
  /** The status the transitions step moves the new issue to when a transition leads there. */
  transitionTo: string;
  /** The server's session idle timeout: the expiry step waits this long. */
  idleSeconds: number;
  /** Label → JQL, searched in that order. */
  searches: Record<string, string>;
}

export type StepOutcome = { ok: true; value: unknown } | { ok: false; error: string };
export type FlowResults = Record<string, StepOutcome>;

/** A searched issue, as every driver reports it. */
export interface FoundIssue {
  key: string;
  issuetype: string | null;
  status: string | null;
  resolution: string | null;
  created: string | null;
}

/** The steps every flow runs, in order; the session steps only in cookie mode. */
export const COMMON_STEPS = [
  'whoami',
  'serverInfo',
  'projects',
  'issueTypes',
  'createmeta',
  'createByKey',
  'createById',
  'getIssue',
  'edit',
  'comment',
  'transitions',
] as const;
export const SESSION_STEPS = ['logout', 'reloginAfterExpiry'] as const;

export function stepsFor(settings: { mode: AuthMode; searches: Record<string, unknown> }): string[] {
  const searches = Object.keys(settings.searches).map((label) => `search: ${label}`);
  return [...COMMON_STEPS, ...searches, ...(settings.mode === 'cookie' ? SESSION_STEPS : [])];
}

/** Records each step's outcome; a failing step never stops the ones after it. */
export class StepRecorder {
  readonly results: FlowResults = {};
  private readonly state = new Map<string, unknown>();

  async step(name: string, run: () => Promise<unknown>): Promise<void> {
    try {
      this.results[name] = { ok: true, value: await run() };
    } catch (error) {
      this.results[name] = { ok: false, error: describeError(error) };
    }
  }

  remember(name: string, value: unknown): void {
    if (value !== undefined && value !== null) this.state.set(name, value);
  }

  /** A value an earlier step found; a clear failure when that step failed. */
  need<T>(name: string): T {
    if (!this.state.has(name)) throw new Error(`needs ${name} from an earlier step`);
    return this.state.get(name) as T;
  }
}

/** The libraries reject with their own shapes: an HTTP status and body where there is one. */
export function describeError(error: unknown): string {
  const candidate = error as {
    response?: { status?: number; statusCode?: number; data?: unknown; body?: unknown; config?: { url?: string } };
    statusCode?: number;
    body?: unknown;
    message?: string;
  };
  if (typeof error === 'string') return error.slice(0, 600);
  const status = candidate?.response?.status ?? candidate?.response?.statusCode ?? candidate?.statusCode;
  const body = candidate?.response?.data ?? candidate?.response?.body ?? candidate?.body;
  if (status) return `HTTP ${status} ${candidate.response?.config?.url ?? ''}: ${JSON.stringify(body ?? candidate.message).slice(0, 500)}`;
  return String(candidate?.message ?? error).slice(0, 600);
}

/** The issue fields each driver reports from a search result. */
export function foundIssue(raw: { key: string; fields?: Record<string, unknown> }): FoundIssue {
  const fields = (raw.fields ?? {}) as Record<string, { name?: string } | string | null | undefined>;
  const nameOf = (field: string) => ((fields[field] as { name?: string } | null | undefined)?.name ?? null);
  return { key: raw.key, issuetype: nameOf('issuetype'), status: nameOf('status'), resolution: nameOf('resolution'), created: (fields['created'] as string) ?? null };
}

/** Runs a driver script that reads the settings as JSON on stdin and prints the outcomes as JSON. */
export async function runFlowScript(command: string, args: string[], settings: FlowSettings, timeoutMs = 120_000): Promise<FlowResults> {
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], timeout: timeoutMs, env: { PATH: process.env['PATH'] ?? '', LANG: 'C.UTF-8' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(JSON.stringify(settings));
  const [code, signal] = (await once(child, 'exit')) as [number | null, string | null];
  const lastLine = stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(lastLine) as FlowResults;
  } catch {
    throw new Error(`${command} ${args.join(' ')} exited with ${code ?? signal} and no results:\n${stdout}\n${stderr}`);
  }
}
