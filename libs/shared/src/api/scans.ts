/**
 * Scanner reports: what `tokenshift-scan --report-to` posts (`ScanReport`) and what the admin read API
 * serves back (`RepoScans`, `ScanRun`). Times are ISO 8601 strings on the wire (see usage.ts).
 */

export const SEVERITIES = ['high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];
export type Severities = Record<Severity, number>;

/** One finding as the scanner reports it; evidence is already redacted by the scanner, and again by the server. */
export interface ReportedFinding {
  ruleId: string;
  severity: Severity;
  file: string;
  line: number;
  column: number;
  language?: string | null;
  message: string;
  evidence?: string | null;
  replacement?: string | null;
  fingerprint?: string | null;
  /**
   * Whether `tokenshift-scan fix` rewrites this finding by itself (true) or a person must change it (false).
   * Missing or null: unknown (a scanner older than the field).
   */
  autoFixable?: boolean | null;
}

/**
 * One finding as every scanner output format sees it: a reported finding with every field set (the
 * scanner's `Finding`, with its language ids as `Language`).
 */
export interface Finding<Language extends string = string> extends ReportedFinding {
  language: Language;
  evidence: string;
  replacement: string;
  fingerprint: string;
}

/** The body of `POST /rest/tokenshift/1/scan-runs`. */
export interface ScanReport<Time = string> {
  repo: string;
  commit?: string | null;
  branch?: string | null;
  scannedAt: Time;
  scannerVersion?: string | null;
  filesScanned: number;
  findings: ReportedFinding[];
}

/** A finding as stored and served. */
export interface StoredFinding {
  ruleId: string;
  severity: Severity;
  file: string;
  line: number;
  column: number;
  language: string | null;
  message: string;
  evidence: string | null;
  replacement: string | null;
  /** null: the scanner that reported it did not say (older than the field). */
  autoFixable: boolean | null;
}

/** One repository's most recent scan, with every scan's finding count for the burn-down. */
export interface RepoScans<Time = string> {
  repo: string;
  latest: { id: string; scannedAt: Time; commit: string | null; findingCount: number; autoFixableCount: number | null; bySeverity: Severities };
  history: { scannedAt: Time; findingCount: number }[];
}

export interface ScanRun<Time = string> {
  id: string;
  repo: string;
  commit: string | null;
  branch: string | null;
  scannedAt: Time;
  scannerVersion: string | null;
  filesScanned: number;
  findingCount: number;
  /** Findings `tokenshift-scan fix` clears in one step; null when the scanner did not say for every finding. */
  autoFixableCount: number | null;
  findings: StoredFinding[];
}
