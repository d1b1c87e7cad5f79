export const USAGE_OPTIONS = Symbol('USAGE_OPTIONS');

export interface UsageOptions {
  /** Record usage at all (the benchmark compares on and off). */
  enabled: boolean;
  /** Flush when this many events are queued… */
  batchSize: number;
  /** …or this long after the first queued event. */
  flushIntervalMs: number;
  /** Events beyond this many waiting are dropped and counted (never silently). */
  maxQueue: number;
  /** Raw events older than this are deleted; roll-ups are kept. */
  retentionDays: number;
  /** User-Agents of anonymous uses kept (the most frequent); their counts are kept exactly either way. */
  anonymousAgents: number;
  /** Folder deprecated uses are appended to before their response leaves (crash safety); null: none. */
  spoolDir: string | null;
}
