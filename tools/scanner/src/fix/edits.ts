import type { Node, Tree } from 'web-tree-sitter';
import { descendantsOf } from '../syntax/tree-nodes';

/** One replacement of source text, by character offsets taken from syntax tree nodes. */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

/** What a person must still do where no rewrite was safe. */
export interface ManualNote {
  line: number;
  note: string;
}

export interface FixOptions {
  emailVar: string;
  tokenVar: string;
  /** Data Center personal access token: `Authorization: Bearer` instead of Basic email:token. */
  bearer: boolean;
}

/** What the scan found in the file: the lines of its session calls (the scanner follows constants and helpers). */
export interface ScanHints {
  loginLines: ReadonlySet<number>;
  /** Lines of session-resource-path findings: a path the scan saw outside a call it reads as a login (`URL(…).openConnection()`). */
  pathLines?: ReadonlySet<number>;
  /**
   * Public helpers whose every call under the scanned folder (at least one) discards what they return
   * (cross-file.ts): a login they return may become credentials on their session, as for a private helper.
   */
  discardedAnswers?: ReadonlySet<string>;
  /** Helpers in other files whose call is a login (their answer is the session or its cookie: cross-file.ts). */
  helperLogins?: ReadonlySet<string>;
  /** The whole file a program is embedded in (a CI workflow around its steps' shell), where later steps read what a step hands on. */
  embeddingText?: string;
}

export interface RewriteResult {
  edits: Edit[];
  notes: ManualNote[];
}

/** Whether `node` lies wholly inside one of `edits` (removed or replaced with it). */
export function insideEdits(node: Pick<Node, 'startIndex' | 'endIndex'>, edits: readonly Edit[]): boolean {
  return edits.some((edit) => edit.start <= node.startIndex && node.endIndex <= edit.end);
}

/** `text` matched literally inside a regular expression (a name, a key, a file stem). */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function replaceNode(node: Node, text: string): Edit {
  return { start: node.startIndex, end: node.endIndex, text };
}

/** Removes a whole statement with its line (indentation and line break), or just the node when it shares a line. */
export function removeStatement(source: string, node: Pick<Node, 'startIndex' | 'endIndex'>): Edit {
  const lineStart = source.lastIndexOf('\n', node.startIndex - 1) + 1;
  const lineEnd = source.indexOf('\n', node.endIndex);
  const before = source.slice(lineStart, node.startIndex);
  const after = source.slice(node.endIndex, lineEnd === -1 ? source.length : lineEnd);
  if (before.trim() === '' && /^\s*;?\s*$/.test(after)) {
    const end = lineEnd === -1 ? source.length : lineEnd + 1;
    // Between two blank lines, one of them goes too: the paragraph break stays single.
    const blankBefore = lineStart >= 2 && source[lineStart - 2] === '\n';
    const blankAfter = source[end] === '\n';
    return { start: lineStart, end: blankBefore && blankAfter ? end + 1 : end, text: '' };
  }
  return { start: node.startIndex, end: node.endIndex, text: '' };
}

/** Removes an element of a comma-separated list (argument, pair) with the comma that joins it to a neighbour. */
export function removeListElement(source: string, node: Node): Edit {
  const next = node.nextSibling;
  if (next?.type === ',') {
    let end = next.endIndex;
    while (end < source.length && /[ \t]/.test(source.charAt(end))) end++;
    if (source[end] === '\n' && source.slice(source.lastIndexOf('\n', node.startIndex - 1) + 1, node.startIndex).trim() === '') {
      return { start: source.lastIndexOf('\n', node.startIndex - 1) + 1, end: end + 1, text: '' };
    }
    return { start: node.startIndex, end, text: '' };
  }
  const previous = node.previousSibling;
  if (previous?.type === ',') return { start: previous.startIndex, end: node.endIndex, text: '' };
  return { start: node.startIndex, end: node.endIndex, text: '' };
}

/** Applies non-overlapping edits; throws on an overlap (a rewriter bug, never a half-applied file). */
export function applyEdits(source: string, edits: Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let cursor = 0;
  for (const edit of sorted) {
    if (edit.start < cursor) throw new Error('overlapping edits');
    out += source.slice(cursor, edit.start) + edit.text;
    cursor = edit.end;
  }
  return out + source.slice(cursor);
}

/** Where an offset of `applyEdits(source, edits)`'s text was in `source` (inside inserted text: that edit's start). */
export function offsetBefore(edits: Edit[], offset: number): number {
  let shift = 0;
  for (const edit of [...edits].sort((a, b) => a.start - b.start || a.end - b.end)) {
    const startAfter = edit.start + shift;
    if (offset < startAfter) break;
    if (offset < startAfter + edit.text.length) return edit.start;
    shift += edit.text.length - (edit.end - edit.start);
  }
  return offset - shift;
}

/** Drops edits that fall inside another (a statement removed as a whole wins over a change inside it). */
export function outermostEdits(edits: Edit[]): Edit[] {
  const unique = edits.filter((edit, index) => edits.findIndex((other) => other.start === edit.start && other.end === edit.end && other.text === edit.text) === index);
  const within = (edit: Edit, other: Edit): boolean =>
    edit.start === edit.end ? other.start < edit.start && edit.start < other.end : other.start <= edit.start && other.end >= edit.end && other.end - other.start > edit.end - edit.start;
  return unique.filter((edit) => !unique.some((other) => other !== edit && within(edit, other)));
}

/** Per tree, the lists already asked for (a rewriter's helpers ask the same node for the same types again and again). */
const asked = new WeakMap<Tree, Map<string, Node[]>>();

/** The node's descendants of the type(s), each list read once per tree (a copy: the caller may change it). */
export function descendants(node: Node, type: string | readonly string[]): Node[] {
  let lists = asked.get(node.tree);
  if (!lists) {
    lists = new Map();
    asked.set(node.tree, lists);
  }
  const key = `${node.id}\u0000${typeof type === 'string' ? type : type.join('\u0000')}`;
  let list = lists.get(key);
  if (!list) {
    // From the scan's one walk of the tree when it listed these types (tree-nodes.ts), else from the parser.
    list = descendantsOf(node, typeof type === 'string' ? [type] : type);
    lists.set(key, list);
  }
  return [...list];
}

export function lineOf(node: Node): number {
  return node.startPosition.row + 1;
}

/** The session resource in a URL-ish text: `/rest/auth/1/session`, `/rest/auth/latest/session`. */
export function mentionsSessionResource(text: string): boolean {
  return text.includes('/rest/auth/') && text.includes('session');
}
