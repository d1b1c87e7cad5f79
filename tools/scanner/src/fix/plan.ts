import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeSource } from '../analyze-file';
import type { Finding } from '../model';
import type { Edit, FixOptions } from './edits';
import { fixFile } from './fix-file';
import { redactedDiff } from './redacted-diff';
import { REWRITERS, TEXT_REWRITERS } from './rewriters';

/** An edit as line/column ranges (1-based; columns in UTF-16 code units, SARIF's default). */
export interface TextChange {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
  text: string;
}

export type FindingFix = { kind: 'automatic'; file: string; diff: string; changes: TextChange[] } | { kind: 'manual'; note: string };

export const DEFAULT_FIX_OPTIONS: FixOptions = { emailVar: 'JIRA_EMAIL', tokenVar: 'JIRA_API_TOKEN', bearer: false };

function position(source: string, offset: number): { line: number; column: number } {
  const before = source.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: offset - lineStart + 1 };
}

function toChange(source: string, edit: Edit): TextChange {
  const start = position(source, edit.start);
  const end = position(source, edit.end);
  return { startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column, text: edit.text };
}

/** What the scan knows besides the findings to plan: all its findings (the baseline's too), and which files it resolved through the repository table. */
export interface ScanContext {
  findings: Finding[];
  resolvedFiles: ReadonlySet<string>;
}

/** Findings grouped by their file. */
export function findingsByFile(findings: Finding[]): Map<string, Finding[]> {
  const files = new Map<string, Finding[]>();
  for (const finding of findings) files.set(finding.file, [...(files.get(finding.file) ?? []), finding]);
  return files;
}

/** The file's findings from its analysis alone: the scan's own, unless it resolved the file through the table. */
function aloneIn(file: string, scan: ScanContext | undefined, scanned: Map<string, Finding[]>): Finding[] | undefined {
  return scan && !scan.resolvedFiles.has(file) ? (scanned.get(file) ?? []) : undefined;
}

function readSource(root: string, file: string): string | undefined {
  try {
    return readFileSync(join(root, file), 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * What `fix` would do for each finding (by fingerprint), for the SARIF `fixes` and the Markdown plan. A fixed
 * finding carries its file's whole rewrite: removing a login without its cookie header would break the client.
 */
export async function planFixes(root: string, findings: Finding[], options = DEFAULT_FIX_OPTIONS, scan?: ScanContext): Promise<Map<string, FindingFix>> {
  const plan = new Map<string, FindingFix>();
  const scanned = findingsByFile(scan?.findings ?? []);
  for (const [file, own] of findingsByFile(findings)) {
    const source = readSource(root, file);
    if (source === undefined) continue;
    const fix = await fixFile(file, source, own, options, { alone: aloneIn(file, scan, scanned) });
    const changes = fix.edits.map((edit) => toChange(source, edit));
    const diff = fix.after === undefined ? '' : redactedDiff(file, source, fix.after, own);
    for (const finding of fix.fixed) plan.set(finding.fingerprint, { kind: 'automatic', file, diff, changes });
    for (const { finding, note } of fix.manual) plan.set(finding.fingerprint, { kind: 'manual', note });
  }
  return plan;
}

/**
 * The fingerprints `planFixes` marks automatic, without its notes, diffs and changes (JSON, --report-to), and
 * without the work whose outcome is known: `fixFile` clears a finding only when the file alone reports fewer of
 * its rule after the rewrite, so a file without a rewriter, or whose findings' rules the file alone does not
 * report, has nothing automatic; the rest go through `fixFile` itself, with the scan's analysis of the file alone.
 */
export async function autoFixableFindings(root: string, findings: Finding[], scan: ScanContext, options = DEFAULT_FIX_OPTIONS): Promise<Set<string>> {
  const fixable = new Set<string>();
  const scanned = findingsByFile(scan.findings);
  for (const [file, own] of findingsByFile(findings)) {
    const language = own[0]?.language;
    if (!language || (!REWRITERS[language] && !TEXT_REWRITERS[language])) continue;
    const known = aloneIn(file, scan, scanned);
    if (known && !own.some((finding) => known.some((other) => other.ruleId === finding.ruleId))) continue;
    const source = readSource(root, file);
    if (source === undefined) continue;
    const alone = known ?? (await analyzeSource(source, language, file)).findings;
    if (!own.some((finding) => alone.some((other) => other.ruleId === finding.ruleId))) continue;
    const fix = await fixFile(file, source, own, options, { alone, withoutNotes: true });
    for (const finding of fix.fixed) fixable.add(finding.fingerprint);
  }
  return fixable;
}
