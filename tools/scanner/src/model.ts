/** Severities, highest first. Comments and docs are `info` at most (contract with the server team). */
export const SEVERITIES = ['high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export function severityRank(severity: Severity): number {
  return SEVERITIES.length - SEVERITIES.indexOf(severity);
}

export function isSeverity(value: string): value is Severity {
  return (SEVERITIES as readonly string[]).includes(value);
}

export type LanguageId =
  | 'javascript'
  | 'typescript'
  | 'tsx'
  | 'python'
  | 'java'
  | 'kotlin'
  | 'go'
  | 'ruby'
  | 'php'
  | 'csharp'
  | 'shell'
  | 'groovy'
  | 'swift'
  | 'json'
  | 'postman'
  | 'http'
  | 'yaml'
  | 'dotenv'
  | 'docs';

/** What an analyzer reports: a rule hit at a position, before evidence, redaction and fingerprinting. */
export interface RawFinding {
  ruleId: string;
  line: number;
  column: number;
  /** Overrides the rule's default severity (never above it for comments/docs). */
  severity?: Severity;
  /** Extra detail for the message, e.g. the HTTP verb. */
  detail?: string;
  /** A secret literal found here; it is redacted from every output. */
  secret?: string;
}

/** One finding as every output format and the server's scan-report endpoint see it. */
export interface Finding {
  ruleId: string;
  severity: Severity;
  file: string;
  line: number;
  column: number;
  language: LanguageId;
  message: string;
  evidence: string;
  replacement: string;
  fingerprint: string;
}

export interface ScanResult {
  root: string;
  filesScanned: number;
  filesParsed: number;
  findings: Finding[];
  durationMs: number;
}
