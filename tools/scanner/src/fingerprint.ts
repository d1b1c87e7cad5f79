import { createHash } from 'node:crypto';
import type { Finding } from './model';

/**
 * Stable identity of a finding for baselines and the server: rule, file and the (redacted) evidence text,
 * not the line number, so findings survive code moving up or down. Repeats of the same evidence in a file
 * are told apart by their order.
 */
export function addFingerprints(findings: Omit<Finding, 'fingerprint'>[]): Finding[] {
  const seen = new Map<string, number>();
  return findings.map((finding) => {
    const key = `${finding.ruleId}\u0000${finding.file}\u0000${finding.evidence.replace(/\s+/g, ' ')}`;
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    const fingerprint = createHash('sha256').update(`${key}\u0000${occurrence}`).digest('hex').slice(0, 32);
    return { ...finding, fingerprint };
  });
}

export function compareFindings(a: Pick<Finding, 'file' | 'line' | 'column' | 'ruleId'>, b: Pick<Finding, 'file' | 'line' | 'column' | 'ruleId'>): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId);
}
