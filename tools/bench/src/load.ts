import autocannon, { Request } from 'autocannon';
import { itemAt } from './item-at';

export interface LoadResult {
  label: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  /** Requests answered with a 2xx status. */
  total2xx: number;
  /** Requests answered, whatever the status. */
  requests: number;
}

export interface LoadOptions {
  label: string;
  url: string;
  headers?: Record<string, string>;
  /** Headers per request (the request's sequence number): rotates credentials across clients. */
  headersFor?: (sequence: number) => Record<string, string>;
  method?: 'GET' | 'POST' | 'DELETE';
  body?: string;
  durationSeconds: number;
  /** Send exactly this many requests instead of running for a duration (every one is answered). */
  amount?: number;
  connections?: number;
  /** Requests per second across all connections (a fixed rate, for latency at a given load); unlimited without. */
  overallRate?: number;
}

/** One bounded autocannon run against a loopback URL. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const result = await autocannon({
    url: options.url,
    method: options.method ?? 'GET',
    headers: options.headers,
    body: options.body,
    ...(options.headersFor && { requests: [{ setupRequest: rotateHeaders(options.headers ?? {}, options.headersFor) }] }),
    ...(options.amount ? { amount: options.amount } : { duration: options.durationSeconds }),
    connections: options.connections ?? 10,
    ...(options.overallRate && { overallRate: options.overallRate }),
    // autocannon ends a run (and measures its duration) on its next sample tick: with the default
    // 1 s ticks, a run of a fixed number of requests is rounded up to whole seconds (±20 % on 5 s).
    sampleInt: 50,
  });
  return {
    label: options.label,
    // Total over elapsed time, not the mean of per-second samples (a partial last second skews that).
    requestsPerSecond: result.requests.total / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    total2xx: result['2xx'],
    requests: result.requests.total,
  };
}

function rotateHeaders(base: Record<string, string>, headersFor: (sequence: number) => Record<string, string>) {
  let sequence = 0;
  return (request: Request): Request => ({ ...request, headers: { ...base, ...headersFor(sequence++) } });
}

/** The value below which a fraction `q` of the values lie (linear interpolation between neighbours). */
export function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const low = itemAt(sorted, below);
  return low + (itemAt(sorted, Math.min(below + 1, sorted.length - 1)) - low) * (position - below);
}

/** Where the middle half of the values lie, as printed in the tables: `0.78–0.86`. */
export function middleHalf(values: number[]): string {
  return `${quantile(values, 0.25).toFixed(2)}–${quantile(values, 0.75).toFixed(2)}`;
}

/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: number[]): number {
  return quantile(values, 0.5);
}

/** Arithmetic mean (of req/s over rounds). */
export function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

export function formatTable(rows: string[][]): string {
  const [header = [], ...body] = rows;
  const widths = header.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0)));
  const line = (row: string[]) => `| ${row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}
