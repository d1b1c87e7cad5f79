/**
 * The admin read API's usage shapes (`/rest/tokenshift/1/usage/…`), as the dashboard reads them.
 * Times are ISO 8601 strings on the wire; the server builds the same shapes with `Date`s
 * (`UsageSummary<Date>`), which JSON turns into those strings.
 */

export type PolicyMode = 'off' | 'dry-run' | 'enforce';

export interface BrownoutWindow<Time = string> {
  start: Time;
  end: Time;
}

/** Calls and callers over a period, from the hourly roll-ups. */
export interface UsageTotals<Time = string> {
  from: Time;
  to: Time;
  deprecatedCalls: number;
  tokenCalls: number;
  /** 0..1, null when there was no traffic at all. */
  tokenShare: number | null;
  deprecatedUsers: number;
  deprecatedClients: number;
  refusals: number;
}

export interface UsagePolicy<Time = string> {
  mode: PolicyMode;
  deprecatedAt: Time | null;
  sunsetAt: Time | null;
  /** Negative once the sunset has passed. */
  daysToSunset: number | null;
  inBrownout: boolean;
  brownouts: BrownoutWindow<Time>[];
}

/** The usage recorder of the instance that answered: events queued, written, dropped and waiting. */
export interface UsageRecording {
  queued: number;
  written: number;
  dropped: number;
  pending: number;
}

export interface UsageSummary<Time = string> extends UsageTotals<Time> {
  policy: UsagePolicy<Time>;
  recording: UsageRecording;
}

export type Granularity = 'day' | 'hour';

export interface TimeBucket<Time = string> {
  bucket: Time;
  /** Deprecated calls by `"<METHOD> <endpoint>"`. */
  deprecated: Record<string, number>;
  token: number;
}

export interface Timeseries<Time = string> {
  granularity: Granularity;
  buckets: TimeBucket<Time>[];
}

export interface DeprecatedUser<Time = string> {
  user: string;
  displayName: string | null;
  email: string | null;
  deprecatedCalls: number;
  lastSeen: Time;
  clients: number;
}

export interface DeprecatedClient<Time = string> {
  client: string;
  deprecatedCalls: number;
  lastSeen: Time;
  users: number;
}
