import type { ScanResult } from '../model';
import { SCANNER_VERSION } from '../version';

export function formatJson(result: ScanResult): string {
  return `${JSON.stringify({ scannerVersion: SCANNER_VERSION, filesScanned: result.filesScanned, findings: result.findings }, null, 2)}\n`;
}
