import type { Finding } from './model';
import { SCANNER_VERSION } from './version';

export interface ScanReport {
  repo: string;
  commit?: string;
  branch?: string;
  scannedAt: string;
  scannerVersion: string;
  filesScanned: number;
  findings: Array<Pick<Finding, 'ruleId' | 'severity' | 'file' | 'line' | 'column' | 'language' | 'message' | 'evidence' | 'replacement' | 'fingerprint' | 'autoFixable'>>;
}

export function buildReport(input: { repo: string; commit?: string; branch?: string; filesScanned: number; findings: Finding[] }): ScanReport {
  return {
    repo: input.repo,
    ...(input.commit ? { commit: input.commit } : {}),
    ...(input.branch ? { branch: input.branch } : {}),
    scannedAt: new Date().toISOString(),
    scannerVersion: SCANNER_VERSION,
    filesScanned: input.filesScanned,
    // autoFixable is undefined (left out of the JSON) when the scan did not plan fixes: the server stores "unknown".
    findings: input.findings.map(({ ruleId, severity, file, line, column, language, message, evidence, replacement, fingerprint, autoFixable }) => ({ ruleId, severity, file, line, column, language, message, evidence, replacement, fingerprint, autoFixable })),
  };
}

/** Posts a run to the server's scan-report endpoint; resolves to the stored run, rejects with the server's message. */
export async function postReport(serverUrl: string, token: string, report: ScanReport): Promise<{ id: string; findingCount: number }> {
  const url = `${serverUrl.replace(/\/+$/, '')}/rest/tokenshift/1/scan-runs`;
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(report) });
  } catch (error) {
    throw new Error(`could not reach ${url}: ${((error as Error).cause as Error | undefined)?.message ?? (error as Error).message}`);
  }
  const text = await response.text();
  let body: { id?: string; findingCount?: number; errorMessages?: string[]; errors?: Record<string, string> } = {};
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    // not JSON: fall through to the status line
  }
  if (response.status !== 201) {
    const messages = [...(body.errorMessages ?? []), ...Object.entries(body.errors ?? {}).map(([field, message]) => `${field}: ${message}`)];
    throw new Error(`report rejected by ${url}: ${response.status} ${messages.join('; ') || text.slice(0, 200) || response.statusText}`);
  }
  return { id: String(body.id), findingCount: Number(body.findingCount) };
}
