import type { Log, Notification, ReportingDescriptor, Result } from 'sarif';
import { fileStates, type FileNotice, type Finding, type ScanResult, type Severity } from '../model';
import { RULES } from '../rules/catalog';
import { SCANNER_VERSION } from '../version';

/** SARIF levels (contract): high → error, medium → warning, low/info → note. */
const LEVEL: Record<Severity, Result.level> = { high: 'error', medium: 'warning', low: 'note', info: 'note' };

/** SARIF 2.1.0 for code-scanning UIs: rules, locations, fingerprints and the replacement as fix text. */
export function formatSarif(result: ScanResult): string {
  const rules = [...RULES.values()];
  const descriptors: ReportingDescriptor[] = rules.map((rule) => ({
    id: rule.id,
    name: rule.id.replace(/(^|-)(\w)/g, (_, __, char: string) => char.toUpperCase()),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.title },
    help: { text: `Replace with: ${rule.replacement.default}` },
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: { tags: ['security', 'jira', 'deprecated-auth'], severity: rule.severity },
  }));
  const results: Result[] = result.findings.map((finding: Finding) => {
    const artifactLocation = { uri: encodeURI(finding.file), uriBaseId: 'SRCROOT' };
    const region = { startLine: finding.line, startColumn: finding.column, snippet: { text: finding.evidence } };
    return {
      ruleId: finding.ruleId,
      ruleIndex: rules.findIndex((rule) => rule.id === finding.ruleId),
      level: LEVEL[finding.severity],
      message: { text: `${finding.message}. Replace with: ${finding.replacement}` },
      locations: [{ physicalLocation: { artifactLocation, region } }],
      partialFingerprints: { 'tokenshift/v1': finding.fingerprint },
      // Advisory fix: the replacement needs a human (credentials, client setup), so the change deletes nothing.
      fixes: [
        {
          description: { text: finding.replacement },
          artifactChanges: [{ artifactLocation, replacements: [{ deletedRegion: { startLine: finding.line, startColumn: finding.column, endColumn: finding.column }, insertedContent: { text: '' } }] }],
        },
      ],
      properties: { severity: finding.severity, language: finding.language },
    };
  });
  const log: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'tokenshift-scan', version: SCANNER_VERSION, semanticVersion: SCANNER_VERSION, informationUri: 'https://github.com/tokenshift/tokenshift/blob/main/docs/scanner.md', rules: descriptors } },
        originalUriBaseIds: { SRCROOT: { uri: `file://${result.root.replace(/\/?$/, '/')}` } },
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: result.notices.map(notification), properties: { files: fileStates(result) } }],
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** A degraded or skipped file: a warning when its bytes hold a pre-filter literal (a finding may hide there). */
function notification(notice: FileNotice): Notification {
  return {
    descriptor: { id: `file-${notice.state}` },
    level: notice.prefilterHit ? 'warning' : 'note',
    message: { text: `${notice.state === 'degraded' ? 'Degraded' : 'Skipped'}: ${notice.reason}` },
    locations: [{ physicalLocation: { artifactLocation: { uri: encodeURI(notice.file), uriBaseId: 'SRCROOT' } } }],
    properties: { state: notice.state, prefilterHit: notice.prefilterHit },
  };
}
