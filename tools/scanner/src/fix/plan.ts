import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../model';
import type { Edit, FixOptions } from './edits';
import { fixFile } from './fix-file';
import { redactedDiff } from './redacted-diff';

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

/**
 * What `fix` would do for each finding (by fingerprint), for the SARIF `fixes` and the Markdown plan. A fixed
 * finding carries its file's whole rewrite: removing a login without its cookie header would break the client.
 */
export async function planFixes(root: string, findings: Finding[], options = DEFAULT_FIX_OPTIONS): Promise<Map<string, FindingFix>> {
  const plan = new Map<string, FindingFix>();
  const byFile = new Map<string, Finding[]>();
  for (const finding of findings) byFile.set(finding.file, [...(byFile.get(finding.file) ?? []), finding]);
  for (const [file, own] of byFile) {
    let source: string;
    try {
      source = readFileSync(join(root, file), 'utf8');
    } catch {
      continue;
    }
    const fix = await fixFile(file, source, own, options);
    const changes = fix.edits.map((edit) => toChange(source, edit));
    const diff = fix.after === undefined ? '' : redactedDiff(file, source, fix.after, own);
    for (const finding of fix.fixed) plan.set(finding.fingerprint, { kind: 'automatic', file, diff, changes });
    for (const { finding, note } of fix.manual) plan.set(finding.fingerprint, { kind: 'manual', note });
  }
  return plan;
}
