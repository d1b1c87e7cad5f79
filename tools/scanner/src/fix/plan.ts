import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeSource } from '../analyze-file';
import type { Finding } from '../model';
import type { Edit, FixOptions } from './edits';
import { resolveAcrossFiles } from './cross-file';
import { findingsOf, fixFile, type FileFix } from './fix-file';
import { redactedDiff } from './redacted-diff';
import { fromScanned, rewritable, type ScannedFix } from './scanned-fix';
import type { WalkedFile } from '../walk';

/** An edit as line/column ranges (1-based; columns in UTF-16 code units, SARIF's default). */
export interface TextChange {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
  text: string;
}

/** An automatic fix: its file's rewrite, and (`others`) the other files' rewrites it needs (readers of a deleted declaration). */
export type FindingFix =
  | { kind: 'automatic'; file: string; diff: string; changes: TextChange[]; others?: Array<{ file: string; diff: string; changes: TextChange[] }> }
  | { kind: 'manual'; note: string };

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

/**
 * What the scan knows besides the findings to plan: all its findings (the baseline's too), which files it resolved
 * through the repository table, and (ScanOptions.fixPlan) the fixes it made with each file's tree, by file.
 */
export interface ScanContext {
  findings: Finding[];
  resolvedFiles: ReadonlySet<string>;
  fixes?: ReadonlyMap<string, ScannedFix>;
  /** The files the scan walked (ScanOutcome.walked): the whole-tree pass does not walk again. */
  walked?: WalkedFile[];
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

/** What the file's fix changes, as line/column ranges and a redacted diff. */
function fileChange(fix: FileFix): { file: string; diff: string; changes: TextChange[] } {
  const findings = findingsOf(fix);
  const diff = fix.after === undefined ? '' : redactedDiff(fix.file, fix.before, fix.after, findings);
  return { file: fix.file, diff, changes: fix.edits.map((edit) => toChange(fix.before, edit)) };
}

/**
 * What `fix` would do for each finding (by fingerprint), for the SARIF `fixes` and the Markdown plan. A fixed
 * finding carries its file's whole rewrite: removing a login without its cookie header would break the client. A
 * declaration deleted with the logins that read it in other files (cross-file.ts) carries their rewrites too.
 */
export async function planFixes(root: string, findings: Finding[], options = DEFAULT_FIX_OPTIONS, scan?: ScanContext): Promise<Map<string, FindingFix>> {
  const plan = new Map<string, FindingFix>();
  const scanned = findingsByFile(scan?.findings ?? []);
  const fixes: FileFix[] = [];
  for (const [file, own] of findingsByFile(findings)) {
    const source = readSource(root, file);
    if (source !== undefined) fixes.push(await fixFile(file, source, own, options, { alone: aloneIn(file, scan, scanned) }));
  }
  const { companions } = await resolveAcrossFiles(root, fixes, async (file) => fixes.find((fix) => fix.file === file), { ...options, notes: true });
  for (const fix of fixes) {
    const change = fileChange(fix);
    for (const finding of fix.fixed) {
      const others = (companions.get(finding) ?? []).flatMap((other) => fixes.filter((candidate) => candidate.file === other)).map(fileChange);
      plan.set(finding.fingerprint, { kind: 'automatic', ...change, ...(others.length ? { others } : {}) });
    }
    for (const { finding, note } of fix.manual) plan.set(finding.fingerprint, { kind: 'manual', note });
  }
  return plan;
}

/** A file `fix` has nothing to rewrite in (see autoFixableFindings): its findings all stay, with no note. */
function untouched(file: string, source: string, own: Finding[]): FileFix {
  const [first] = own;
  return { file, language: first?.language ?? 'text', status: 'manual', before: source, edits: [], fixed: [], manual: own.map((finding) => ({ finding, note: '' })), passwords: [] };
}

/**
 * The fingerprints `planFixes` marks automatic, without its notes, diffs and changes (JSON, --report-to), and
 * without the work whose outcome is known: `fixFile` clears a finding only when the file alone reports fewer of
 * its rule after the rewrite, so a file without a rewriter, or whose findings' rules the file alone does not
 * report, has nothing automatic; the rest go through `fixFile` itself, with the scan's analysis of the file alone.
 * The cross-file pass then sees every file: one skipped here is rewritten when it turns out to read a declaration.
 */
export async function autoFixableFindings(root: string, findings: Finding[], scan: ScanContext, options = DEFAULT_FIX_OPTIONS): Promise<Set<string>> {
  const scanned = findingsByFile(scan.findings);
  const fixes: FileFix[] = [];
  const skipped = new Map<string, { source: string; own: Finding[] }>();
  for (const [file, own] of findingsByFile(findings)) {
    const early = scan.fixes?.get(file);
    const made = early && fromScanned(early, own);
    if (early && made) {
      if (made === 'untouched') skipped.set(file, { source: early.source, own });
      fixes.push(made === 'untouched' ? untouched(file, early.source, own) : made);
      continue;
    }
    const source = readSource(root, file);
    if (source === undefined) continue;
    const language = own[0]?.language;
    const known = aloneIn(file, scan, scanned);
    const alone = !language || !rewritable(language) || (known && !own.some((finding) => known.some((other) => other.ruleId === finding.ruleId))) ? undefined : (known ?? (language ? (await analyzeSource(source, language, file)).findings : []));
    if (!alone || !own.some((finding) => alone.some((other) => other.ruleId === finding.ruleId))) {
      skipped.set(file, { source, own });
      fixes.push(untouched(file, source, own));
      continue;
    }
    fixes.push(await fixFile(file, source, own, options, { alone, withoutNotes: true }));
  }
  // A skipped file the pass asks about is rewritten for real: its login may read a declaration elsewhere.
  const lookup = async (file: string): Promise<FileFix | undefined> => {
    const index = fixes.findIndex((fix) => fix.file === file);
    const pending = skipped.get(file);
    if (index === -1 || !pending) return fixes[index];
    skipped.delete(file);
    const fix = await fixFile(file, pending.source, pending.own, options, { alone: aloneIn(file, scan, scanned), withoutNotes: true });
    fixes[index] = fix;
    return fix;
  };
  await resolveAcrossFiles(root, fixes, lookup, { ...options, notes: false }, scan.walked);
  return new Set(fixes.flatMap((fix) => fix.fixed.map((finding) => finding.fingerprint)));
}
