import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import ignore from 'ignore';
import type { FindingFix } from '../fix/plan';
import type { Finding, ScanResult } from '../model';
import { fileStates, severityRank } from '../model';

interface OwnerRule {
  owners: string;
  matches: (file: string) => boolean;
}

/** CODEOWNERS rules (last match wins, as GitHub/GitLab apply them), matched with .gitignore-style patterns. */
function readCodeOwners(root: string): OwnerRule[] {
  for (const candidate of ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS']) {
    let text: string;
    try {
      text = readFileSync(join(root, candidate), 'utf8');
    } catch {
      continue;
    }
    return text
      .split('\n')
      .map((line) => line.replace(/#.*/, '').trim())
      .filter(Boolean)
      .map((line) => {
        const [pattern = '', ...owners] = line.split(/\s+/);
        const matcher = ignore().add(pattern);
        return { owners: owners.join(' ') || '(no owner)', matches: (file: string) => matcher.ignores(file) };
      });
  }
  return [];
}

function ownerOf(rules: OwnerRule[], file: string): string {
  let owner = 'Unowned';
  for (const rule of rules) if (rule.matches(file)) owner = rule.owners;
  return owner;
}

/** A migration plan: per repo, per owner, per file, each finding with its replacement snippet. */
export function formatMarkdown(result: ScanResult, repo = basename(result.root), plan: ReadonlyMap<string, FindingFix> = new Map()): string {
  const owners = readCodeOwners(result.root);
  const byOwner = new Map<string, Map<string, Finding[]>>();
  for (const finding of result.findings) {
    const owner = ownerOf(owners, finding.file);
    const files = byOwner.get(owner) ?? new Map<string, Finding[]>();
    files.set(finding.file, [...(files.get(finding.file) ?? []), finding]);
    byOwner.set(owner, files);
  }
  const out = [`# Migration plan: ${repo}`, '', `Move these Jira clients off the cookie-session login (\`/rest/auth/1/session\`) onto Basic auth with API tokens (Cloud) or Bearer PATs (Data Center).`, ''];
  out.push(`${result.findings.length} finding(s) in ${new Set(result.findings.map((f) => f.file)).size} file(s); ${result.filesScanned} file(s) scanned.`, '');
  const states = fileStates(result);
  const toCheck = result.notices.filter((notice) => notice.prefilterHit);
  if (result.notices.length) out.push(`${states.degraded} file(s) degraded (line rules only), ${states.skipped} skipped (not analyzed).`, '');
  if (toCheck.length) {
    out.push('Check these by hand (they may hold a use the scanner could not see):', '');
    for (const notice of toCheck) out.push(`- \`${notice.file}\` (${notice.state}): ${notice.reason}`);
    out.push('');
  }
  if (!result.findings.length) out.push('Nothing to migrate.', '');
  for (const [owner, files] of [...byOwner].sort(([a], [b]) => a.localeCompare(b))) {
    out.push(`## Owner: ${owner}`, '');
    for (const [file, findings] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
      const worst = findings.reduce((top, f) => (severityRank(f.severity) > severityRank(top.severity) ? f : top));
      out.push(`### \`${file}\` (${findings.length}, worst: ${worst.severity})`, '');
      for (const finding of findings) {
        out.push(`- [ ] **${finding.severity}** line ${finding.line}: ${finding.message} (\`${finding.ruleId}\`)`);
        out.push(`  - now: \`${finding.evidence.replace(/`/g, "'")}\``);
        const fix = plan.get(finding.fingerprint);
        if (fix?.kind === 'automatic') out.push(`  - fix: automatic, see [the rewrite of \`${file}\`](#${fixAnchor(file)}) (\`tokenshift-scan fix --write\`)`, '');
        else out.push(`  - ${fix ? 'needs a person: ' + fix.note.replace(/`/g, "'") + '; ' : ''}change to:`, '', '    ```', `    ${finding.replacement}`, '    ```', '');
      }
      const rewrite = findings.map((finding) => plan.get(finding.fingerprint)).find((fix) => fix?.kind === 'automatic');
      // A declaration deleted with the logins that read it elsewhere shows their rewrites too.
      const diff = rewrite?.kind === 'automatic' ? [rewrite.diff, ...(rewrite.others ?? []).map((other) => other.diff)].map((part) => part.trimEnd()).filter(Boolean).join('\n') : '';
      if (rewrite?.kind === 'automatic') out.push(`<a id="${fixAnchor(file)}"></a>`, '', `#### Automatic fix for \`${file}\``, '', '```diff', diff, '```', '');
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}

function fixAnchor(file: string): string {
  return `fix-${file.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
}
