/** Shapes of the admin read API (`/rest/tokenshift/1/…`) the page calls; see docs/dashboard.md. */

export type PolicyMode = 'off' | 'dry-run' | 'enforce';

export interface BrownoutWindow {
  start: string;
  end: string;
}

export interface UsageSummary {
  from: string;
  to: string;
  deprecatedCalls: number;
  tokenCalls: number;
  /** 0..1, null when there was no traffic at all. */
  tokenShare: number | null;
  deprecatedUsers: number;
  deprecatedClients: number;
  refusals: number;
  policy: {
    mode: PolicyMode;
    deprecatedAt: string | null;
    sunsetAt: string | null;
    /** Negative once the sunset has passed. */
    daysToSunset: number | null;
    inBrownout: boolean;
    brownouts: BrownoutWindow[];
  };
  recording: { queued: number; written: number; dropped: number; pending: number };
}

export type Granularity = 'day' | 'hour';

export interface TimeBucket {
  bucket: string;
  /** Deprecated calls by `"<METHOD> <endpoint>"`. */
  deprecated: Record<string, number>;
  token: number;
}

export interface Timeseries {
  granularity: Granularity;
  buckets: TimeBucket[];
}

export interface DeprecatedUser {
  user: string;
  displayName: string | null;
  email: string | null;
  deprecatedCalls: number;
  lastSeen: string;
  clients: number;
}

export interface DeprecatedClient {
  client: string;
  deprecatedCalls: number;
  lastSeen: string;
  users: number;
}

export interface Severities {
  high: number;
  medium: number;
  low: number;
  info: number;
}

export interface RepoScans {
  repo: string;
  latest: { id: string; scannedAt: string; commit: string | null; findingCount: number; bySeverity: Severities };
  history: { scannedAt: string; findingCount: number }[];
}

export interface Finding {
  ruleId: string;
  severity: keyof Severities;
  file: string;
  line: number;
  column: number;
  language: string;
  message: string;
  evidence: string;
  replacement: string | null;
}

export interface ScanRun {
  id: string;
  repo: string;
  commit: string | null;
  branch: string | null;
  scannedAt: string;
  scannerVersion: string;
  filesScanned: number;
  findingCount: number;
  findings: Finding[];
}
