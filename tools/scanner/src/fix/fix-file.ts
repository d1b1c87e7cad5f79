import type { Node, Tree } from 'web-tree-sitter';
import { analyzeSource } from '../analyze-file';
import type { Finding, LanguageId } from '../model';
import { parserFor } from '../syntax/grammars';
import { PROFILES } from '../syntax/profiles';
import { applyEdits, outermostEdits, type Edit, type FixOptions, type ManualNote } from './edits';
import { manualNote } from './manual-notes';
import { FIX_GRAMMARS, REWRITERS, TEXT_REWRITERS, TOLERANT_GRAMMARS } from './rewriters';
import { rewriteGroovyShell } from './rewriters/groovy-shell';
import { rewriteYaml } from './rewriters/yaml';
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

/** Every finding of a file, fixed or left to a person, in that order. */
export function findingsOf(fix: Pick<FileFix, 'fixed' | 'manual'>): Finding[] {
  return [...fix.fixed, ...fix.manual.map((entry) => entry.finding)];
}

/** The file's tree in its language's grammar (the caller deletes it); undefined for a language without one. */
export async function parse(source: string, language: LanguageId): Promise<Tree | undefined> {
  const grammar = PROFILES[language]?.grammar ?? FIX_GRAMMARS[language];
  if (!grammar) return undefined;
  const parser = await parserFor(grammar);
  try {
    return parser.parse(source) ?? undefined;
  } finally {
    parser.delete();
  }
}

/**
 * The findings the rewrite clears: per rule, as many as the file alone (without the other files' values, which
 * the full scan also used) reports fewer after the rewrite than before; the first ones by line, as a rewrite
 * removes the login first. Conservative: a finding seen only through another file counts as fixed only when
 * the file alone also lost one of that rule.
 */
function cleared(findings: Finding[], before: Array<Pick<Finding, 'ruleId'>>, after: Array<Pick<Finding, 'ruleId'>>): Set<Finding> {
  const count = (list: Array<Pick<Finding, 'ruleId'>>, rule: string): number => list.filter((finding) => finding.ruleId === rule).length;
  const gone = new Set<Finding>();
  for (const rule of new Set(findings.map((finding) => finding.ruleId))) {
    const dropped = Math.max(0, count(before, rule) - count(after, rule));
    findings
      .filter((finding) => finding.ruleId === rule)
      .sort((a, b) => a.line - b.line)
      .slice(0, dropped)
      .forEach((finding) => gone.add(finding));
  }
  return gone;
}

function noteFor(finding: Finding, notes: ManualNote[], generic: Map<Finding, string>): string {
  const own = notes.find((note) => note.line === finding.line);
  return own?.note ?? generic.get(finding) ?? finding.replacement;
}

/** ERROR and MISSING nodes: what a stand-in grammar (see TOLERANT_GRAMMARS) could not read. */
function errorCount(root: Node): number {
  let count = 0;
  const cursor = root.walk();
  let more = true;
  while (more) {
    if (cursor.currentNode.isError || cursor.currentNode.isMissing) count++;
    if (cursor.gotoFirstChild()) continue;
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent()) {
        more = false;
        break;
      }
    }
  }
  cursor.delete();
  return count;
}

/** What a caller that only wants the decision (which findings the rewrite clears) already knows or can do without. */
export interface FixShortcuts {
  /** The file's findings from an analysis of the source alone (without the repository table), e.g. the scan's first pass: not analyzed again. */
  alone?: Array<Pick<Finding, 'ruleId'>>;
  /** Skip the generic manual notes (they read the tree): each manual finding's note is then its replacement or the rewriter's own note. */
  withoutNotes?: boolean;
  /** What the whole tree says about the file's helpers (ScanHints.discardedAnswers). */
  discardedAnswers?: ReadonlySet<string>;
  /** Helpers whose calls are logins (ScanHints.helperLogins). */
  helperLogins?: ReadonlySet<string>;
  /**
   * The source's tree in its language's grammar, e.g. the one the scan analyzed: not parsed again. It becomes
   * fixFile's, deleted as soon as the rewriter has read it (before the rewritten text is parsed: one tree at a time).
   */
  tree?: Tree;
}

/** Rewrites one file in memory; nothing is written here. */
export async function fixFile(file: string, source: string, findings: Finding[], options: FixOptions, shortcuts: FixShortcuts = {}): Promise<FileFix> {
  const [first] = findings;
  if (!first) throw new Error(`fixFile: no findings to fix in ${file}`);
  const language = first.language;
  const base = { file, language, before: source, edits: [] as Edit[], fixed: [] as Finding[] };
  const passwordsOf = (removed: Set<Finding>): FileFix['passwords'] =>
    findings.filter((finding) => finding.ruleId === 'hardcoded-password').map((finding) => ({ line: finding.line, removed: removed.has(finding) }));
  const tree = shortcuts.tree ?? (await parse(source, language));
  const release = (): void => tree?.delete();
  const tolerant = TOLERANT_GRAMMARS.has(language);
  // Only a stand-in grammar's check compares error counts (a full walk of the tree).
  const errorsBefore = tree && tolerant ? errorCount(tree.rootNode) : 0;
  const readable = tree && (!tree.rootNode.hasError || tolerant) ? tree : undefined;
  const generic = new Map(shortcuts.withoutNotes ? [] : findings.map((finding) => [finding, manualNote(finding, readable?.rootNode)]));
  const allManual = (notes: ManualNote[] = []): FileFix['manual'] => findings.map((finding) => ({ finding, note: noteFor(finding, notes, generic) }));
  const linesOf = (ruleId: string): Set<number> => new Set(findings.filter((finding) => finding.ruleId === ruleId).map((finding) => finding.line));
  const hints = { loginLines: linesOf('session-login-call'), pathLines: linesOf('session-resource-path'), discardedAnswers: shortcuts.discardedAnswers, helperLogins: shortcuts.helperLogins };
  const textRewriter = TEXT_REWRITERS[language];
  const rewriter = REWRITERS[language];
  let edits: Edit[];
  let notes: ManualNote[];
  /** Whether the text parses (as well as the original, for a stand-in grammar), and its tree when there is one to analyze (the caller deletes it). */
  let parses: (text: string) => Promise<{ clean: boolean; tree?: Tree }>;
  // Jenkins shell steps first: the Groovy around them is only read through a stand-in grammar.
  const embedded = language === 'groovy' ? await rewriteGroovyShell(source, options, hints) : language === 'yaml' ? await rewriteYaml(source, options, hints) : undefined;
  if (embedded?.edits.length) {
    release();
    ({ edits, notes } = embedded);
    parses = async (text) => ({ clean: await embedded.parses(text) });
  } else if (textRewriter) {
    release();
    ({ edits, notes } = textRewriter.rewrite(source, options, hints));
    // The embedded rewrite's own notes (why it refused) before the format's generic ones.
    notes = [...(embedded?.notes ?? []), ...notes];
    parses = async (text) => ({ clean: textRewriter.parses(text) });
  } else if (rewriter && readable) {
    const { edits: raw, notes: own } = rewriter(source, readable.rootNode, options, hints);
    const rewrites = outermostEdits(raw);
    const comment = tokenCommentEdit(source, readable.rootNode, language, rewrites, options);
    release();
    // The comment first: at the offset where a rewrite inserts a line too, it goes above that line.
    edits = comment ? outermostEdits([comment, ...rewrites]) : rewrites;
    notes = [...(embedded?.notes ?? []), ...own];
    parses = async (text) => {
      const check = await parse(text, language);
      if (check && (tolerant ? errorCount(check.rootNode) <= errorsBefore : !check.rootNode.hasError)) return { clean: true, tree: check };
      check?.delete();
      return { clean: false };
    };
  } else {
    release();
    if (!rewriter) return { ...base, status: 'manual', manual: allManual(), passwords: passwordsOf(new Set()) };
    return { ...base, status: 'unparsable', reason: 'the parser cannot read it without errors: left untouched', manual: allManual(), passwords: passwordsOf(new Set()) };
  }
  const after = edits.length ? applyEdits(source, edits) : source;
  if (after === source) return { ...base, status: 'manual', manual: allManual(notes), passwords: passwordsOf(new Set()) };
  const check = await parses(after);
  if (!check.clean) return { ...base, status: 'rewrite-broken', reason: 'the rewrite would not parse: left untouched', manual: allManual(notes), passwords: passwordsOf(new Set()) };

  const localBefore = shortcuts.alone ?? (await analyzeSource(source, language, file)).findings;
  // The tree the check parsed is the one the analysis would parse again.
  const localAfter = (await analyzeSource(after, language, file, undefined, undefined, check.tree).finally(() => check.tree?.delete())).findings;
  const gone = cleared(findings, localBefore, localAfter);
  return {
    ...base,
    status: 'rewritten',
    after,
    edits,
    fixed: findings.filter((finding) => gone.has(finding)),
    manual: findings.filter((finding) => !gone.has(finding)).map((finding) => ({ finding, note: noteFor(finding, notes, generic) })),
    passwords: passwordsOf(gone),
  };
}
