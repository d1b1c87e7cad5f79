import { isMap, isSeq, type Document, type Scalar } from 'yaml';
import { embeddedShell } from '../../analyzers/embedded-shell';
import { parserFor } from '../../syntax/grammars';
import { PROFILES } from '../../syntax/profiles';
import { escapeRegExp, outermostEdits, type Edit, type FixOptions, type ManualNote, type ScanHints } from '../edits';
import { tokenCommentEdit } from '../token-comment';
import { credentialsFlag, rewriteShell } from './shell';
import { variablesFor, type ScriptPlace } from './yaml-ci-variables';
import { keyOf, pathTo, removePair, removeSequenceItem, scalarsOf, type PathStep, type YamlMap } from './yaml-tree';

/** Keys whose value is a script (as the scanner's embeddedShell reads them). */
const SCRIPT_KEYS = new Set(['run', 'script', 'before_script', 'after_script', 'shell', 'command', 'cmd', 'commands', 'inline']);
/** Keys a CI step may have and still go whole when its script is emptied (an `id` may be read by later steps). */
const STEP_KEYS = new Set([
  'name', 'displayName', 'run', 'script', 'shell', 'command', 'working-directory', 'workingDirectory', 'env', 'environment', 'if', 'condition',
  'continue-on-error', 'continueOnError', 'timeout-minutes', 'timeoutInMinutes', 'no_log', 'changed_when', 'args', 'commands', 'image', 'no_output_timeout',
]);

/** Script lists a CI job may go without. */
const OPTIONAL_LISTS = new Set(['before_script', 'after_script']);

interface Script {
  scalar: Scalar;
  /** Where the script's text starts (after a block scalar's `|` line). */
  contentStart: number;
  end: number;
}

/** An edit that removes an emptied script, and the list it takes an item from (none when it takes the whole list). */
interface Removal {
  edit: Edit;
  container?: { items: unknown[] };
}

export interface ShellInYaml {
  edits: Edit[];
  notes: ManualNote[];
}

function scriptsOf(source: string, documents: Document.Parsed[]): Script[] {
  return scalarsOf(documents)
    .filter(({ key, scalar }) => SCRIPT_KEYS.has(key) && scalar.range)
    .map(({ scalar }) => {
      const [start, end] = scalar.range ?? [0, 0];
      const block = scalar.type === 'BLOCK_LITERAL' || scalar.type === 'BLOCK_FOLDED';
      return { scalar, contentStart: block ? source.indexOf('\n', start) + 1 : start, end };
    });
}

/** The shell rewriter's edits on each job's program (host offsets), its notes, and the token comment of the first. */
async function programEdits(source: string, options: FixOptions, hints: ScanHints): Promise<{ edits: Edit[]; notes: ManualNote[]; comment?: Edit }> {
  const grammar = PROFILES.shell?.grammar;
  const programs = embeddedShell(source, 'yaml');
  if (!grammar || !programs.length) return { edits: [], notes: [] };
  const parser = await parserFor(grammar);
  const edits: Edit[] = [];
  const notes: ManualNote[] = [];
  let comment: Edit | undefined;
  try {
    for (const program of programs) {
      const tree = parser.parse(program);
      // A job whose script the bash grammar cannot read keeps its login (the notes say what to write).
      if (tree && !tree.rootNode.hasError) {
        const result = rewriteShell(program, tree.rootNode, options, { ...hints, embeddingText: source });
        const own = outermostEdits(result.edits);
        comment ??= tokenCommentEdit(program, tree.rootNode, 'shell', own, options);
        edits.push(...own);
        notes.push(...result.notes);
      }
      tree?.delete();
    }
  } finally {
    parser.delete();
  }
  return { edits: outermostEdits(edits), notes, comment };
}

/**
 * Whether YAML keeps the edit's text as the shell gets it: a plain or literal block script, or a single-quoted one
 * without an escaped quote (`''`) when the text has no quote.
 */
function writable(source: string, script: Script, edit: Edit): boolean {
  const { type } = script.scalar;
  if (type === 'PLAIN' || type === 'BLOCK_LITERAL') return true;
  return type === 'QUOTE_SINGLE' && !edit.text.includes("'") && !source.slice(script.contentStart, script.end).slice(1, -1).includes("'");
}

const pairKey = (step: PathStep | undefined): string => (step?.pair ? keyOf(step.pair) : '');

const isBlank = (char: string): boolean => /\s/.test(char);

/** Whether every non-blank character of [from, to) is deleted by one of `deletions`. */
function allDeleted(source: string, from: number, to: number, deletions: Edit[]): boolean {
  for (let index = from; index < to; index++) {
    if (!isBlank(source.charAt(index)) && !deletions.some((edit) => edit.start <= index && index < edit.end)) return false;
  }
  return true;
}

/** The CI step (a map in a sequence) whose script holds `offset`, with the path down to it. */
function stepAt(documents: Document.Parsed[], offset: number): ScriptPlace | undefined {
  const path = pathTo(documents, offset);
  for (let index = path.length - 2; index >= 0; index--) {
    const key = path[index + 1]?.pair ? keyOf(path[index + 1]?.pair as never) : '';
    if (isMap(path[index]?.node) && SCRIPT_KEYS.has(key)) return { path, index, key };
  }
  return undefined;
}

/** Whether a step's `id` is still read (`steps.<id>.outputs…`) somewhere the rewrite leaves as it is. */
function stepStillRead(source: string, id: string, edits: Edit[]): boolean {
  if (!id) return true;
  const name = escapeRegExp(id);
  const reads = new RegExp(`steps\\.${name}\\b|steps\\[['"]${name}['"]\\]`, 'g');
  const everywhere = source.match(reads)?.length ?? 0;
  const rewritten = edits.reduce((count, edit) => count + (source.slice(edit.start, edit.end).match(reads)?.length ?? 0), 0);
  return everywhere > rewritten;
}

/**
 * The edit that removes an emptied script: its item in a `script:` list, or the whole step when the step holds
 * nothing else that matters (STEP_KEYS, and an `id` no other step reads any more). Undefined when neither is safe.
 */
function removalOf(source: string, documents: Document.Parsed[], script: Script, emptied: Set<Scalar>, edits: Edit[]): Removal | undefined {
  const at = stepAt(documents, script.scalar.range?.[0] ?? 0);
  if (!at) return undefined;
  const { path, index } = at;
  const holder = path[index]?.node as YamlMap;
  const value = path[index + 1]?.node;
  if (isSeq(value) && !value.items.every((item) => emptied.has(item as Scalar))) {
    const edit = removeSequenceItem(source, script.scalar);
    return edit && { edit, container: value };
  }
  // GitLab CI's optional lists (`before_script:`, `after_script:`) go whole when the rewrite empties them.
  if (isSeq(value) && OPTIONAL_LISTS.has(at.key)) {
    const edit = removePair(source, path[index + 1]?.pair);
    return edit && { edit };
  }
  const scripts = holder.items.filter((pair) => SCRIPT_KEYS.has(keyOf(pair)));
  const matters = (pair: (typeof holder.items)[number]): boolean => !STEP_KEYS.has(keyOf(pair)) && !(keyOf(pair) === 'id' && !stepStillRead(source, String((pair.value as Scalar | null)?.value ?? ''), edits));
  if (scripts.length !== 1 || holder.items.some(matters)) return undefined;
  // CircleCI's `- run: { name, command }`: the step is the item whose only key is `run`.
  const wrapper = path[index - 1]?.node;
  const wrapped = isMap(wrapper) && wrapper.items.length === 1 && pairKey(path[index]) === 'run';
  const [item, list] = wrapped ? [wrapper, path[index - 2]?.node] : [holder, wrapper];
  if (!isSeq(list)) return undefined;
  const edit = removeSequenceItem(source, item);
  return edit && { edit, container: list };
}

/**
 * CI scripts in YAML (GitHub Actions `run:`, GitLab CI `script:`, Azure Pipelines `script:`): the shell rewriter
 * (curl session login into a cookie jar → `-u "$JIRA_EMAIL:$JIRA_API_TOKEN"` on each call) runs on each job's
 * program (the scanner's embeddedShell keeps the host's offsets), and its edits are kept only where YAML holds
 * them as they are: inside a plain or literal block script. A script the rewrite empties goes with its list item,
 * or its step when the step holds nothing else that matters; the job or step is given the variables where its CI
 * system wants them (yaml-ci-variables.ts). Anything else refuses the whole file (empty edits) with the shell
 * rewriter's notes.
 */
export async function rewriteYamlShell(source: string, documents: Document.Parsed[], options: FixOptions, hints: ScanHints): Promise<ShellInYaml> {
  const { edits, notes, comment } = await programEdits(source, options, hints);
  const refused: ShellInYaml = { edits: [], notes };
  if (!edits.length) return refused;
  const scripts = scriptsOf(source, documents);
  const scriptAt = (edit: Edit): Script | undefined => scripts.find((script) => script.contentStart <= edit.start && edit.end <= script.end);
  const deletions = edits.filter((edit) => edit.text === '');
  const replacements = edits.filter((edit) => edit.text !== '');
  const ownTexts = new Set([credentialsFlag(options)]);
  for (const edit of replacements) {
    const script = scriptAt(edit);
    if (!script || !writable(source, script, edit)) return refused;
    if ((!ownTexts.has(edit.text) && !/^[ \t]*:\n?$/.test(edit.text))) return refused;
  }
  const emptied = new Set<Scalar>();
  for (const script of scripts) {
    const touching = deletions.filter((edit) => edit.start < script.end && edit.end > script.contentStart);
    if (!touching.length) continue;
    const keepsEdits = replacements.some((edit) => scriptAt(edit) === script);
    if (!keepsEdits && allDeleted(source, script.contentStart, script.end, touching)) emptied.add(script.scalar);
    else if (!touching.every((edit) => scriptAt(edit) === script) || script.scalar.type !== 'BLOCK_LITERAL') return refused;
  }
  const removals: Removal[] = [];
  for (const script of scripts.filter((candidate) => emptied.has(candidate.scalar))) {
    const removal = removalOf(source, documents, script, emptied, edits);
    if (!removal) return refused;
    removals.push(removal);
  }
  const removed = outermostEdits(removals.map((removal) => removal.edit));
  // A list the rewrite would empty (every step of a job, every command of a script) is a person's decision.
  for (const container of new Set(removals.flatMap((removal) => (removal.container ? [removal.container] : [])))) {
    const items = container.items.length;
    if (removals.filter((removal) => removal.container === container && removed.includes(removal.edit)).length >= items) return refused;
  }
  const kept = deletions.filter((edit) => !scripts.some((script) => emptied.has(script.scalar) && edit.start < script.end && edit.end > script.contentStart));
  const dropped = deletions.filter((edit) => !kept.includes(edit));
  if (!dropped.every((edit) => removed.some((removal) => removal.start <= Math.max(edit.start, 0) && edit.end <= removal.end + 1))) return refused;
  if (kept.some((edit) => !scriptAt(edit))) return refused;
  const variables = replacements.filter((edit) => edit.text.includes(options.tokenVar)).map((edit) => {
    const place = stepAt(documents, edit.start);
    return place && variablesFor(source, place, options);
  });
  if (variables.some((edit) => edit === undefined)) return refused;
  const added = (variables as Edit[]).filter((edit) => edit.text !== '');
  const uniqueAdded = added.filter((edit, index) => added.findIndex((other) => other.start === edit.start && other.text === edit.text) === index);
  return { edits: outermostEdits([...(comment ? [comment] : []), ...replacements, ...kept, ...removed, ...uniqueAdded]), notes };
}
