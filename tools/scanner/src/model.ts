import { SEVERITIES, type Finding as WireFinding, type Severity } from '@tokenshift/shared';

/** Severities, highest first (the wire's). Comments and docs are `info` at most (contract with the server team). */
export { SEVERITIES, type Severity };

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
  | 'elisp'
  | 'objc'
  | 'lua'
  | 'rust'
  | 'scala'
  | 'dart'
  | 'elixir'
  | 'perl'
  | 'powershell'
  | 'vb'
  | 'config'
  /** A file of no known type whose bytes pass the pre-filter: line rules only. */
  | 'text'
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

/** One finding as every output format and the server's scan-report endpoint see it (the wire type). */
export type Finding = WireFinding<LanguageId>;

/**
 * A file not fully analyzed. `degraded`: read, but no tree (no grammar for its language, or the grammar failed):
 * line rules only. `skipped`: not analyzed at all (too large, binary, or a folder not walked: `file` then ends in
 * `/`). `prefilterHit`: its bytes hold a pre-filter literal, so it may hide a finding (`--fail-on` fails on it
 * unless `--allow-degraded`); always false for a folder, which is never read.
 */
export interface FileNotice {
  file: string;
  state: 'degraded' | 'skipped';
  reason: string;
  prefilterHit: boolean;
}

export function compareNotices(a: FileNotice, b: FileNotice): number {
  return a.state.localeCompare(b.state) || a.file.localeCompare(b.file);
}

export interface ScanResult {
  root: string;
  /** Files read (parsed or degraded). */
  filesScanned: number;
  /** Files that passed the pre-filter and were analyzed with a tree or their own line grammar. */
  filesParsed: number;
  /** Degraded and skipped files, by path. */
  notices: FileNotice[];
  findings: Finding[];
  durationMs: number;
}

/** Files per state: parsed (a tree, or ruled out by the pre-filter), degraded (line rules only), skipped (not read; folders count once). */
export function fileStates(result: Pick<ScanResult, 'filesScanned' | 'notices'>): { parsed: number; degraded: number; skipped: number } {
  const degraded = result.notices.filter((notice) => notice.state === 'degraded').length;
  return { parsed: result.filesScanned - degraded, degraded, skipped: result.notices.length - degraded };
}
