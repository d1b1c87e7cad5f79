/** Shapes of the admin read API (`/rest/tokenshift/1/…`) the page calls, from their one home in libs/shared; see docs/dashboard.md. */
export type {
  BrownoutWindow,
  DeprecatedClient,
  DeprecatedUser,
  Granularity,
  PolicyMode,
  RepoScans,
  ScanRun,
  StoredFinding as Finding,
  Severities,
  TimeBucket,
  Timeseries,
  UsageSummary,
} from '@tokenshift/shared';
