import { findingsOf } from './fix-file';
import { redactedDiff } from './redacted-diff';
import type { FixRun } from './run-fix';

/** One unified diff per rewritten file, `git apply`-able from the scanned folder. */
export function formatDiffs(run: FixRun): string {
  return run.files
    .flatMap((file) => (file.status === 'rewritten' && file.after !== undefined ? [redactedDiff(file.file, file.before, file.after, findingsOf(file))] : []))
    .join('');
}

export interface FixCounts {
  findings: number;
  fixed: number;
  perRule: Map<string, { fixed: number; manual: number }>;
}

export function countFixes(run: FixRun): FixCounts {
  const perRule = new Map<string, { fixed: number; manual: number }>();
  const bump = (rule: string, field: 'fixed' | 'manual'): void => {
    const entry = perRule.get(rule) ?? { fixed: 0, manual: 0 };
    entry[field]++;
    perRule.set(rule, entry);
  };
  let fixed = 0;
  let findings = 0;
  for (const file of run.files) {
    for (const finding of file.fixed) bump(finding.ruleId, 'fixed');
    for (const { finding } of file.manual) bump(finding.ruleId, 'manual');
    fixed += file.fixed.length;
    findings += file.fixed.length + file.manual.length;
  }
  return { findings, fixed, perRule };
}

/** The summary: per rule fixed / needs a person, files left alone and why, passwords to rotate, manual notes. */
export function formatSummary(run: FixRun, write: boolean): string {
  const counts = countFixes(run);
  const out: string[] = [];
  const rewritten = run.files.filter((file) => file.status === 'rewritten');
  const share = counts.findings ? Math.round((100 * counts.fixed) / counts.findings) : 100;
  out.push(`tokenshift-scan fix: ${counts.fixed} of ${counts.findings} finding(s) fixed automatically (${share}%) in ${rewritten.length} file(s)${write ? `, ${run.written.length} written` : ' (dry run: pass --write to apply)'}`);
  for (const [rule, entry] of [...counts.perRule].sort(([a], [b]) => a.localeCompare(b))) out.push(`  ${rule}: ${entry.fixed} fixed automatically, ${entry.manual} need a person`);
  for (const file of run.files.filter((f) => f.reason)) out.push(`left untouched: ${file.file}: ${file.reason}`);
  for (const refused of run.refused) out.push(`not written: ${refused.file}: ${refused.reason}`);
  const passwords = run.files.flatMap((file) => file.passwords.map((password) => ({ file: file.file, ...password })));
  if (passwords.length) {
    out.push('hard-coded passwords (rotate them: they are in the history):');
    for (const password of passwords) out.push(`  ${password.file}:${password.line}${password.removed ? ' (removed by the rewrite)' : ' (still there: remove it by hand)'}`);
  }
  const manual = run.files.flatMap((file) => file.manual.map((entry) => ({ file: file.file, ...entry })));
  if (manual.length) {
    out.push('needs a person:');
    for (const entry of manual) out.push(`  ${entry.file}:${entry.finding.line} [${entry.finding.ruleId}] ${entry.note}`);
  }
  return `${out.join('\n')}\n`;
}
