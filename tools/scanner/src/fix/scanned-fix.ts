import type { Tree } from 'web-tree-sitter';
import { analyzeSource, type FileAnalysis } from '../analyze-file';
import { TEXT_FORMATS } from '../analyzers/text-analyzers';
import { compareFindings } from '../fingerprint';
import type { Finding, LanguageId } from '../model';
import { PREFILTER } from '../rules/patterns';
import { PROFILES } from '../syntax/profiles';
import type { Edit, FixOptions } from './edits';
import { fixFile, parse, type FileFix } from './fix-file';
import { REWRITERS, TEXT_REWRITERS } from './rewriters';

/**
 * What the scan's thread made of a file's fix while it still held the file (its source, its tree): the plan of
 * the JSON report (plan.ts, autoFixableFindings) takes it instead of reading, parsing and rewriting the file again.
 * Plain data, posted from a worker. Findings are named by their index in the file's findings as the scan sorts
 * them; `keys` lets the planner check that its findings of the file are those.
 */
export interface ScannedFix {
  file: string;
  source: string;
  keys: string[];
  /** fixFile's answer (dry, without the generic notes) for a language `fix` rewrites; none for the others. */
  fix?: {
    status: FileFix['status'];
    reason?: string;
    after?: string;
    edits: Edit[];
    fixed: number[];
    manual: Array<{ index: number; note: string }>;
    passwords: FileFix['passwords'];
  };
}

type ScanFinding = Omit<Finding, 'fingerprint'>;

const keyOf = (finding: Pick<Finding, 'ruleId' | 'line' | 'column'>): string => `${finding.ruleId}:${finding.line}:${finding.column}`;

export const rewritable = (language: LanguageId): boolean => Boolean(REWRITERS[language] || TEXT_REWRITERS[language]);

/**
 * The file's fix from its analysis alone (first pass), as the planner would make it for the same findings: sorted
 * like the scan's report (the rewrite clears the first ones of a rule by line), with `tree` when the scan has it
 * (deleted here, like fixFile's own).
 */
export async function scannedFix(file: string, source: string, language: LanguageId, found: ScanFinding[], options: FixOptions, tree?: Tree): Promise<ScannedFix | undefined> {
  if (!found.length || !rewritable(language)) tree?.delete();
  if (!found.length) return undefined;
  // A stand-in fingerprint: fixFile tells findings apart by identity, and the index maps them back.
  const findings: Finding[] = [...found].sort(compareFindings).map((finding) => ({ ...finding, fingerprint: '' }));
  const keys = findings.map(keyOf);
  if (!rewritable(language)) return { file, source, keys };
  const fix = await fixFile(file, source, findings, options, { alone: findings, withoutNotes: true, tree });
  const index = new Map(findings.map((finding, at) => [finding, at]));
  const at = (finding: Finding): number => index.get(finding) ?? -1;
  return {
    file,
    source,
    keys,
    fix: {
      status: fix.status,
      reason: fix.reason,
      after: fix.after,
      edits: fix.edits,
      fixed: fix.fixed.map(at),
      manual: fix.manual.map(({ finding, note }) => ({ index: at(finding), note })),
      passwords: fix.passwords,
    },
  };
}

/**
 * The planner's FileFix from the scan's, for `own` (the file's findings in the scan's order), or undefined when
 * the scan's answer does not hold for them (other findings: a baseline accepted some, the table resolved the file).
 */
export function fromScanned(scanned: ScannedFix, own: Finding[]): FileFix | 'untouched' | undefined {
  if (own.length !== scanned.keys.length || own.some((finding, at) => keyOf(finding) !== scanned.keys[at])) return undefined;
  const { fix } = scanned;
  if (!fix) return 'untouched';
  const finding = (index: number): Finding => {
    const found = own[index];
    if (!found) throw new Error(`scanned fix of ${scanned.file}: no finding ${index}`);
    return found;
  };
  const [first] = own;
  if (!first) return undefined;
  return {
    file: scanned.file,
    language: first.language,
    status: fix.status,
    ...(fix.reason === undefined ? {} : { reason: fix.reason }),
    before: scanned.source,
    ...(fix.after === undefined ? {} : { after: fix.after }),
    edits: fix.edits,
    fixed: fix.fixed.map(finding),
    manual: fix.manual.map(({ index, note }) => ({ finding: finding(index), note })),
    passwords: fix.passwords,
  };
}

/** The tree the analysis would parse (undefined where it parses none, or cannot: it then degrades on its own). */
async function treeFor(source: string, language: LanguageId): Promise<Tree | undefined> {
  if (!PROFILES[language] || TEXT_FORMATS.has(language) || !PREFILTER.test(source)) return undefined;
  try {
    return await parse(source, language);
  } catch {
    return undefined;
  }
}

/** analyzeSource, then the file's fix with the same tree, added to `fixes` when the file has findings. */
export async function analyzeAndPlan(candidate: { relative: string; language: LanguageId; source: string }, options: FixOptions, fixes: ScannedFix[]): Promise<FileAnalysis> {
  const { relative, language, source } = candidate;
  const tree = await treeFor(source, language);
  const analysis = await analyzeSource(source, language, relative, undefined, undefined, tree).catch((error: unknown) => {
    tree?.delete();
    throw error;
  });
  const fix = await scannedFix(relative, source, language, analysis.findings, options, tree);
  if (fix) fixes.push(fix);
  return analysis;
}
