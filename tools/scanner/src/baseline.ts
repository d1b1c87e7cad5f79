import { readFile, writeFile } from 'node:fs/promises';
import type { Finding } from './model';
import { SCANNER_VERSION } from './version';

/** Fingerprints of accepted findings, from a baseline file or any `--format json` output. */
export async function readBaseline(path: string): Promise<Set<string>> {
  const parsed = JSON.parse(await readFile(path, 'utf8')) as { findings?: Array<{ fingerprint?: unknown }> };
  if (!Array.isArray(parsed.findings)) throw new Error(`${path} is not a baseline (no "findings" array)`);
  return new Set(parsed.findings.map((finding) => finding.fingerprint).filter((print): print is string => typeof print === 'string'));
}

export async function writeBaseline(path: string, findings: Finding[]): Promise<void> {
  const entries = findings.map(({ fingerprint, ruleId, file, line, evidence }) => ({ fingerprint, ruleId, file, line, evidence }));
  await writeFile(path, `${JSON.stringify({ scannerVersion: SCANNER_VERSION, findings: entries }, null, 2)}\n`);
}
