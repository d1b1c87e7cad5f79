import type { Log, Notification, ReportingDescriptor, Result } from 'sarif';
import { fileStates, type FileNotice, type Finding, type ScanResult, type Severity } from '../model';
import type { FindingFix, TextChange } from '../fix/plan';
import { RULES } from '../rules/catalog';
import { SCANNER_VERSION } from '../version';

/** SARIF levels (contract): high → error, medium → warning, low/info → note. */
const LEVEL: Record<Severity, Result.level> = { high: 'error', medium: 'warning', low: 'note', info: 'note' };

/** SARIF 2.1.0 for code-scanning UIs: rules, locations, fingerprints, and `fix`'s rewrite as each fixable result's fix. */
export function formatSarif(result: ScanResult, plan: ReadonlyMap<string, FindingFix> = new Map()): string {
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
      ...fixesOf(plan.get(finding.fingerprint), artifactLocation),
      properties: { severity: finding.severity, language: finding.language, autoFixable: plan.get(finding.fingerprint)?.kind === 'automatic', ...manualNote(plan.get(finding.fingerprint)) },
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

/** The real change `tokenshift-scan fix` makes (the file's whole rewrite); none when a person must do it. */
function fixesOf(fix: FindingFix | undefined, artifactLocation: { uri: string; uriBaseId: string }): Pick<Result, 'fixes'> {
  if (fix?.kind !== 'automatic') return {};
  const replacements = (changes: TextChange[]) =>
    changes.map((change) => ({
      deletedRegion: { startLine: change.startLine, startColumn: change.startColumn, endLine: change.endLine, endColumn: change.endColumn },
      insertedContent: { text: change.text },
    }));
  // A declaration deleted with the logins that read it elsewhere: their files change in the same fix.
  const others = (fix.others ?? []).map((other) => ({ artifactLocation: { ...artifactLocation, uri: encodeURI(other.file) }, replacements: replacements(other.changes) }));
  return {
    fixes: [
      {
        description: { text: 'Read the API token from the environment instead of logging in with a cookie session (tokenshift-scan fix)' },
        artifactChanges: [{ artifactLocation, replacements: replacements(fix.changes) }, ...others],
      },
    ],
  };
}

function manualNote(fix: FindingFix | undefined): { manualNote?: string } {
  return fix?.kind === 'manual' ? { manualNote: fix.note } : {};
}
