import { fileStates, type FileNotice, type ScanResult } from '../model';
import { SCANNER_VERSION } from '../version';

function listed(notices: FileNotice[], state: FileNotice['state']): Array<Omit<FileNotice, 'state'>> {
  return notices.filter((notice) => notice.state === state).map(({ file, reason, prefilterHit }) => ({ file, reason, prefilterHit }));
}

export function formatJson(result: ScanResult): string {
  const report = {
    scannerVersion: SCANNER_VERSION,
    filesScanned: result.filesScanned,
    files: fileStates(result),
    degraded: listed(result.notices, 'degraded'),
    skipped: listed(result.notices, 'skipped'),
    findings: result.findings,
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
