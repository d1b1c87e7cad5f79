import type { Granularity, RepoScans, TimeBucket } from './types';

const STEP: Record<Granularity, number> = { day: 86_400_000, hour: 3_600_000 };

export interface FilledSeries {
  /** Bucket start times (ms), ascending, one per day/hour of the window. */
  times: number[];
  /** Deprecated calls per endpoint, aligned with `times`, endpoints with the most calls first. */
  endpoints: { endpoint: string; total: number; values: number[] }[];
  token: number[];
  deprecatedTotal: number;
  tokenTotal: number;
}

/** Start of the UTC day/hour containing `time`. */
export function floorTo(time: number, granularity: Granularity): number {
  return Math.floor(time / STEP[granularity]) * STEP[granularity];
}

/**
 * The API lists only buckets with traffic; a chart needs every day/hour of the window. Fills the gaps
 * with zeros from `days` ago to `now` and keeps every bucket the server sent, even off the grid.
 */
export function fillBuckets(buckets: TimeBucket[], granularity: Granularity, days: number, now: number = Date.now()): FilledSeries {
  const step = STEP[granularity];
  const last = floorTo(now, granularity);
  const first = granularity === 'day' ? last - (days - 1) * step : floorTo(now - days * STEP.day, 'hour') + step;
  const byTime = new Map<number, TimeBucket>();
  for (const bucket of buckets) {
    const time = Date.parse(bucket.bucket);
    if (!Number.isNaN(time)) byTime.set(time, bucket);
  }
  const timeSet = new Set<number>();
  for (let t = first; t <= last; t += step) timeSet.add(t);
  for (const t of byTime.keys()) timeSet.add(t);
  const times = [...timeSet].sort((a, b) => a - b);

  const totals = new Map<string, number>();
  for (const bucket of buckets) {
    for (const [endpoint, count] of Object.entries(bucket.deprecated ?? {})) totals.set(endpoint, (totals.get(endpoint) ?? 0) + count);
  }
  const endpoints = [...totals.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([endpoint, total]) => ({ endpoint, total, values: times.map((t) => byTime.get(t)?.deprecated?.[endpoint] ?? 0) }));
  const token = times.map((t) => byTime.get(t)?.token ?? 0);
  return {
    times,
    endpoints,
    token,
    deprecatedTotal: endpoints.reduce((sum, e) => sum + e.total, 0),
    tokenTotal: token.reduce((sum, n) => sum + n, 0),
  };
}

/** Burn-down points per repo: `{x: time, y: findings}`, ascending, with the latest run included. */
export function burnDown(repos: RepoScans[]): { repo: string; points: { x: number; y: number }[] }[] {
  return repos.map((repo) => {
    const byTime = new Map<number, number>();
    for (const run of repo.history ?? []) byTime.set(Date.parse(run.scannedAt), run.findingCount);
    if (repo.latest) byTime.set(Date.parse(repo.latest.scannedAt), repo.latest.findingCount);
    const points = [...byTime.entries()].filter(([x]) => !Number.isNaN(x)).sort((a, b) => a[0] - b[0]).map(([x, y]) => ({ x, y }));
    return { repo: repo.repo, points };
  });
}

/** Series drawn on their own; the rest are summed into one "other" series, so the legend and colours stay readable. */
export const TOP_SERIES = 8;
export const OTHER_SERIES = 'Other endpoints';

/** The `limit` busiest endpoints, then one series summing the rest (only when there is a rest). */
export function topWithOther(endpoints: FilledSeries['endpoints'], limit = TOP_SERIES): FilledSeries['endpoints'] {
  if (endpoints.length <= limit) return endpoints;
  const top = endpoints.slice(0, limit);
  const rest = endpoints.slice(limit);
  const length = rest[0]?.values.length ?? 0;
  const values = Array.from({ length }, (_, i) => rest.reduce((sum, e) => sum + (e.values[i] ?? 0), 0));
  return [...top, { endpoint: `${OTHER_SERIES} (${rest.length})`, total: rest.reduce((sum, e) => sum + e.total, 0), values }];
}

/** Hourly bars are readable up to a week (168 bars); longer periods are shown per day only. */
export const MAX_HOURLY_DAYS = 7;

export function granularityFor(requested: Granularity, days: number): Granularity {
  return requested === 'hour' && days > MAX_HOURLY_DAYS ? 'day' : requested;
}
