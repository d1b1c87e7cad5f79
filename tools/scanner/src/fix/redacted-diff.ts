import { createTwoFilesPatch } from 'diff';
import { redactSecretLiterals } from '@tokenshift/shared';
import type { Finding } from '../model';

/**
 * A unified diff in which every line that held a finding shows its redacted evidence: a removed hard-coded
 * password is listed by file and line, never by value (the diff of a line with a secret is then not `git apply`-able).
 * Every other line loses the literals under a secret's key (a password the rewrite left in place shows as a
 * context line); calls that read credentials from the environment stay as they are.
 */
export function redactedDiff(file: string, before: string, after: string, findings: Finding[]): string {
  const lines = before.split('\n');
  const redacted = new Map<string, string>();
  for (const finding of findings) {
    const original = lines[finding.line - 1];
    if (original === undefined || !finding.evidence.includes('*')) continue;
    redacted.set(original, `${/^\s*/.exec(original)?.[0] ?? ''}${finding.evidence}`);
  }
  const redact = (text: string): string => text.split('\n').map((line) => redacted.get(line) ?? redactSecretLiterals(line)).join('\n');
  return createTwoFilesPatch(`a/${file}`, `b/${file}`, redact(before), redact(after)).replace(/^=+\n/, '');
}
