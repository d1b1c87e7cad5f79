import type { Tree } from 'web-tree-sitter';
import { analyzeSource } from '../analyze-file';
import type { Finding, LanguageId } from '../model';
import { parserFor } from '../syntax/grammars';
import { PROFILES } from '../syntax/profiles';
import { applyEdits, outermostEdits, type Edit, type FixOptions, type ManualNote } from './edits';
import { REWRITERS } from './rewriters';
import { tokenCommentEdit } from './token-comment';

export type FileFixStatus = 'rewritten' | 'manual' | 'unparsable' | 'rewrite-broken';

/** What `fix` makes of one file with findings. */
export interface FileFix {
  file: string;
  language: LanguageId;
  status: FileFixStatus;
  /** Why the file is left as it is (unparsable, rewrite-broken). */
  reason?: string;
  before: string;
  /** The rewritten text (status `rewritten` only). */
  after?: string;
  edits: Edit[];
  /** The findings of this file that the rewrite clears (the rewritten text no longer has them). */
  fixed: Finding[];
  /** Findings a person must still handle, each with a note. */
  manual: Array<{ finding: Finding; note: string }>;
  /** Hard-coded passwords the old code carried: line, and whether the rewrite removed it (rotate it either way). */
  passwords: Array<{ line: number; removed: boolean }>;
}

async function parse(source: string, language: LanguageId): Promise<Tree | undefined> {
  const profile = PROFILES[language];
  if (!profile) return undefined;
  const parser = await parserFor(profile.grammar);
  try {
    return parser.parse(source) ?? undefined;
  } finally {
    parser.delete();
  }
}

function key(finding: Pick<Finding, 'ruleId'>): string {
  return finding.ruleId;
}

/** Each finding of `before` that has no counterpart (same rule) left in `after`, counted per rule. */
function cleared(before: Finding[], after: Array<Pick<Finding, 'ruleId'>>): Set<Finding> {
  const left = new Map<string, number>();
  for (const finding of after) left.set(key(finding), (left.get(key(finding)) ?? 0) + 1);
  const gone = new Set<Finding>();
  // The last ones of a rule count as the remaining ones: a rewrite removes the login, which comes first.
  for (const finding of before) {
    const remaining = left.get(key(finding)) ?? 0;
    const total = before.filter((other) => key(other) === key(finding)).length;
    const index = before.filter((other) => key(other) === key(finding)).indexOf(finding);
    if (index < total - remaining) gone.add(finding);
  }
  return gone;
}

function noteFor(finding: Finding, notes: ManualNote[]): string {
  const own = notes.find((note) => note.line === finding.line);
  return own?.note ?? finding.replacement;
}

/** Rewrites one file in memory; nothing is written here. */
export async function fixFile(file: string, source: string, findings: Finding[], options: FixOptions): Promise<FileFix> {
  const language = findings[0]!.language;
  const base = { file, language, before: source, edits: [] as Edit[], fixed: [] as Finding[] };
  const passwordsOf = (removed: Set<Finding>): FileFix['passwords'] =>
    findings.filter((finding) => finding.ruleId === 'hardcoded-password').map((finding) => ({ line: finding.line, removed: removed.has(finding) }));
  const allManual = (notes: ManualNote[] = []): FileFix['manual'] => findings.map((finding) => ({ finding, note: noteFor(finding, notes) }));
  const rewriter = REWRITERS[language];
  if (!rewriter) return { ...base, status: 'manual', manual: allManual(), passwords: passwordsOf(new Set()) };

  const tree = await parse(source, language);
  if (!tree || tree.rootNode.hasError) {
    tree?.delete();
    return { ...base, status: 'unparsable', reason: 'the parser cannot read it without errors: left untouched', manual: allManual(), passwords: passwordsOf(new Set()) };
  }
  const hints = { loginLines: new Set(findings.filter((finding) => finding.ruleId === 'session-login-call').map((finding) => finding.line)) };
  const { edits: raw, notes } = rewriter(source, tree.rootNode, options, hints);
  const rewrites = outermostEdits(raw);
  const comment = tokenCommentEdit(source, tree.rootNode, language, rewrites, options);
  tree.delete();
  const edits = comment ? outermostEdits([...rewrites, comment]) : rewrites;
  const after = edits.length ? applyEdits(source, edits) : source;
  if (after === source) return { ...base, status: 'manual', manual: allManual(notes), passwords: passwordsOf(new Set()) };

  const check = await parse(after, language);
  const broken = !check || check.rootNode.hasError;
  check?.delete();
  if (broken) return { ...base, status: 'rewrite-broken', reason: 'the rewrite would not parse: left untouched', manual: allManual(notes), passwords: passwordsOf(new Set()) };

  const remaining = (await analyzeSource(after, language, file)).findings;
  const gone = cleared(findings, remaining);
  return {
    ...base,
    status: 'rewritten',
    after,
    edits,
    fixed: findings.filter((finding) => gone.has(finding)),
    manual: findings.filter((finding) => !gone.has(finding)).map((finding) => ({ finding, note: noteFor(finding, notes) })),
    passwords: passwordsOf(gone),
  };
}
