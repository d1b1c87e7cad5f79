import type { Finding, ScanResult } from '../model';
import { fileStates, SEVERITIES } from '../model';

/** Human-readable table: one row per finding, then counts per severity. */
export function formatTable(result: ScanResult, suppressed = 0): string {
  const rows = result.findings.map((f) => [f.severity.toUpperCase(), `${f.file}:${f.line}:${f.column}`, f.ruleId, f.evidence]);
  const header = ['SEVERITY', 'LOCATION', 'RULE', 'EVIDENCE'];
  const widths = header.map((title, index) => Math.min(70, Math.max(title.length, ...rows.map((row) => row[index]?.length ?? 0))));
  const line = (cells: string[]): string => cells.map((cell, index) => (index < 3 ? cell.padEnd(widths[index] ?? 0) : cell)).join('  ').trimEnd();
  const counts = SEVERITIES.map((severity) => `${result.findings.filter((f: Finding) => f.severity === severity).length} ${severity}`).join(', ');
  const states = fileStates(result);
  const summary =
    `${result.findings.length} finding(s) (${counts}) in ${result.filesScanned} file(s) scanned` +
    `${suppressed ? `; ${suppressed} known finding(s) accepted by the baseline` : ''}\n` +
    `files: ${states.parsed} parsed, ${states.degraded} degraded (line rules only), ${states.skipped} skipped (not analyzed)`;
  const notices = result.notices.map((notice) => `${notice.state.toUpperCase()}  ${notice.file}: ${notice.reason}${notice.prefilterHit ? ' [pre-filter hit]' : ''}`);
  const table = rows.length ? `${[line(header), ...rows.map(line)].join('\n')}\n\n` : '';
  return `${table}${notices.length ? `${notices.join('\n')}\n\n` : ''}${summary}\n`;
}
