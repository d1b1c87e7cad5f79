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
  /** This process only, since it started. */
  recording: UsageRecording;
  stored: StoredUsage<Time>;
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

/** What the database holds over all time (every server instance's writes), from the hourly aggregates. */
export interface StoredUsage<Time = string> {
  deprecatedCalls: number;
  tokenCalls: number;
  /** The first and last hour with any call; null when the database holds no usage at all. */
  firstHour: Time | null;
  lastHour: Time | null;
}

/** The admin read API answers at most this many rows per list (the server's LIMIT). */
export const USAGE_LIST_LIMIT = 500;

/** Deprecated calls of one client from one IP (the top IPs of each client). */
export interface ClientIp<Time = string> {
  client: string;
  ip: string;
  deprecatedCalls: number;
  lastSeen: Time;
}

/** Deprecated calls on one endpoint (`"<METHOD> <route>"`). */
export interface EndpointCalls {
  endpoint: string;
  calls: number;
}

/** One step of the drill-down: a user's clients, or a client's users, each with its endpoints. */
export interface DrilldownRow<Time = string> {
  /** The client (drilling down from a user) or the user (drilling up from a client). */
  key: string;
  deprecatedCalls: number;
  lastSeen: Time;
  /** The busiest endpoints first, at most 20. */
  endpoints: EndpointCalls[];
}

/** Someone to contact before the switch-off: who, with which clients, how much and how recently. */
export interface Contact<Time = string> {
  user: string;
  displayName: string | null;
  email: string | null;
  /** The clients' keys, busiest first (at most 20). */
  clients: string[];
  deprecatedCalls: number;
  lastDeprecatedCall: Time;
}

/** A user who used API tokens and no deprecated call in the last N days. */
export interface MigratedUser<Time = string> {
  user: string;
  displayName: string | null;
  email: string | null;
  tokenCalls: number;
  lastTokenCall: Time;
  /** The last deprecated call ever recorded, null if none. */
  lastDeprecatedCall: Time | null;
}

/** Calls refused (policy enforced) or that would have been (dry run), per user and client. */
export interface Refusal<Time = string> {
  /** null for anonymous calls. */
  user: string | null;
  client: string;
  refused: number;
  wouldRefuse: number;
  lastSeen: Time;
}

export interface ExemptionUse<Time = string> {
  name: string;
  deprecatedCalls: number;
  lastSeen: Time | null;
}

/** The users and clients the policy never refuses (DEPRECATION_EXEMPT_USERS / _CLIENTS), with their use in the period. */
export interface Exemptions<Time = string> {
  users: ExemptionUse<Time>[];
  clients: ExemptionUse<Time>[];
}
