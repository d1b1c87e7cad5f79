import type { RawFinding, Severity } from '../model';

/**
 * A password that is a reference to a variable filled at run time, not a literal: `$JIRA_PASS`, `'$JP'`, `${PASS}`,
 * `{{ jira_password }}`, `%JIRA_PASS%`, `$(cat pw)`, in the shell or template text a host language quotes.
 */
const VARIABLE_REFERENCE = /^['"\\]*(?:\$\w+|\$\{[^}]*\}|\$\([^)]*\)|\{\{[^}]*\}\}|%\w+%)['"\\]*$/;

/** Collects raw findings for one file, one per rule and line, plus the secrets to redact. */
export class FindingsCollector {
  private readonly byKey = new Map<string, RawFinding>();
  readonly secrets = new Set<string>();
  /** Password literals seen in login bodies: reported only when next to a session finding. */
  readonly passwordCandidates: Array<{ line: number; column: number; secret: string }> = [];

  add(ruleId: string, line: number, column: number, extra: { severity?: Severity; detail?: string; secret?: string } = {}): void {
    if (extra.secret) this.secrets.add(extra.secret);
    const key = `${ruleId}:${line}`;
    // A use found on a line where only a mention (info) was found before takes its place.
    const known = this.byKey.get(key);
    if (!known || (known.severity === 'info' && extra.severity !== 'info')) this.byKey.set(key, { ruleId, line, column, ...extra });
  }

  addPasswordCandidate(line: number, column: number, secret: string): void {
    if (!secret || secret.includes('\u0000') || VARIABLE_REFERENCE.test(secret)) return;
    this.secrets.add(secret);
    this.passwordCandidates.push({ line, column, secret });
  }

  /** Drops the finding of `ruleId` on `line`, if any (a more precise one took its place). */
  drop(ruleId: string, line: number): void {
    this.byKey.delete(`${ruleId}:${line}`);
  }

  has(predicate: (finding: RawFinding) => boolean): boolean {
    return [...this.byKey.values()].some(predicate);
  }

  /** Turns password candidates within `distance` lines of a session finding into findings. */
  resolvePasswords(distance = 12): void {
    const anchors = [...this.byKey.values()].filter((finding) => finding.severity !== 'info' && !finding.ruleId.startsWith('hardcoded-'));
    for (const candidate of this.passwordCandidates) {
      if (anchors.some((anchor) => Math.abs(anchor.line - candidate.line) <= distance)) {
        this.add('hardcoded-password', candidate.line, candidate.column, { secret: candidate.secret });
      }
    }
  }

  all(): RawFinding[] {
    return [...this.byKey.values()].sort((a, b) => a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId));
  }
}
