import type { FixRun } from '../../src/fix/run-fix';

/**
 * Why findings are left to a person, told from the first words of `fix`'s own note (manual-notes.ts and the
 * rewriters word each case the same way). Counts only: safe to print for the holdout.
 */
const REASONS: ReadonlyArray<[reason: string, note: RegExp]> = [
  ['login helper whose callers are outside the scan (a published API)', /callers are outside this scan|No file under the scanned folder calls/],
  ['login helper that hands the session to callers elsewhere', /to callers this file does not show|returns the session \(answer or cookie\) to its callers|returns the login's response to callers/],
  ['session object made by the calling code', /comes from the code that calls/],
  ['logout whose callers expect its result', /This ends the cookie session/],
  ['path value read by a login left to a person', /is still read \(or named\) at|is named at/],
  ['path beside a login left to a person', /Only the session login needs this path/],
  ['cookie beside a login left to a person', /Send the Authorization header here instead of the session cookie/],
  ['browser code (a token must not ship to the page)', /Browser code/],
  ['format fix does not edit, or its reader is outside the scan', /does not edit this format|fix leaves YAML|does not edit YAML|the program that reads it is not part of this scan/],
  ['comment or document', /Update the comment or doc/],
  ['GET of the session resource (who am I)', /reads the session resource \(who is signed in\)/],
  ['client that kept the cookie also calls another (or an untold) host', /the client that kept this login's cookie also sends the request on line/],
  ['login no rewrite covers', /Remove this session login/],
];

export function manualReasons(run: FixRun): Map<string, number> {
  const counts = new Map<string, number>();
  for (const file of run.files) {
    for (const { note, finding } of file.manual) {
      const reason = REASONS.find(([, pattern]) => pattern.test(note))?.[0] ?? `other (${finding.ruleId})`;
      counts.set(reason, (counts.get(reason) ?? 0) + 1);
    }
  }
  return new Map([...counts].sort(([, a], [, b]) => b - a));
}
