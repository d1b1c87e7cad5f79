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
 * The file's fix, as the planner would make it for the same findings: sorted like the scan's report (the rewrite
 * clears the first ones of a rule by line), with `tree` when the scan has it (deleted here, like fixFile's own).
 * `alone`: the file's findings from its analysis alone, when they are not `found` (a file resolved through the
 * table); a file alone reporting none of their rules has nothing automatic, and is not rewritten (plan.ts).
 */
export async function scannedFix(file: string, source: string, language: LanguageId, found: ScanFinding[], options: FixOptions, tree?: Tree, alone: Array<Pick<Finding, 'ruleId'>> = found): Promise<ScannedFix | undefined> {
  const rewrites = rewritable(language) && alone.some((other) => found.some((finding) => finding.ruleId === other.ruleId));
  if (!found.length || !rewrites) tree?.delete();
  if (!found.length) return undefined;
  // A stand-in fingerprint: fixFile tells findings apart by identity, and the index maps them back.
  const findings: Finding[] = [...found].sort(compareFindings).map((finding) => ({ ...finding, fingerprint: '' }));
  const keys = findings.map(keyOf);
  if (!rewrites) return { file, source, keys };
  const fix = await fixFile(file, source, findings, options, { alone: alone === found ? findings : alone, withoutNotes: true, tree });
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

/**
 * The tree the analysis would parse (undefined where it parses none, or cannot: it then degrades on its own).
 * `filtered`: whether the analysis asks the pre-filter first (not with the repository table).
 */
export async function treeFor(source: string, language: LanguageId, filtered = true): Promise<Tree | undefined> {
  if (!PROFILES[language] || TEXT_FORMATS.has(language) || (filtered && !PREFILTER.test(source))) return undefined;
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

/**
 * A file the second pass analyzed with the repository table (`found`: those findings), with that pass's tree
 * (deleted here): its fix as the planner makes it for a resolved file, whose own analysis alone is done here
 * with the same tree instead of reading and parsing the file again.
 */
export async function resolvedFix(file: string, source: string, language: LanguageId, found: ScanFinding[], options: FixOptions, tree?: Tree): Promise<ScannedFix | undefined> {
  const alone = found.length && rewritable(language) ? await analyzeSource(source, language, file, undefined, undefined, tree).catch((error: unknown) => {
    tree?.delete();
    throw error;
  }) : undefined;
  return scannedFix(file, source, language, found, options, tree, alone?.findings ?? []);
}
