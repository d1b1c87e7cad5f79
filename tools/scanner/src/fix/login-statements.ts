import type { Node } from 'web-tree-sitter';
import { enclosingStatement, type StatementShape } from './dependents';
import { descendants, lineOf, type ScanHints } from './edits';

/**
 * The statements holding the calls on the lines the scan reported as session logins, and the lines whose login
 * sits in a `return` (it hands its answer to callers: the general note says so, manual-notes.ts).
 */
export function loginStatements(root: Node, callTypes: string[], shape: StatementShape, hints: ScanHints): { logins: Node[]; returning: Set<number> } {
  const logins = new Map<number, Node>();
  const returning = new Set<number>();
  const add = (node: Node, line: number): void => {
    const statement = enclosingStatement(node, shape);
    if (statement) logins.set(statement.id, statement);
    if (statement && /^(return_statement|jump_expression)$/.test(statement.type)) returning.add(line);
  };
  const found = new Set<number>();
  for (const call of descendants(root, callTypes)) {
    if (!hints.loginLines.has(lineOf(call))) continue;
    found.add(lineOf(call));
    add(call, lineOf(call));
  }
  // A login line inside a chained builder (`.url(…/session)` below `Request.Builder()`): no call starts there; the
  // node at the line's first column belongs to the same statement.
  for (const line of hints.loginLines) {
    const node = found.has(line) ? undefined : nodeStartingOn(root, line);
    if (node) add(node, line);
  }
  return { logins: [...logins.values()], returning };
}

/** The node at the first non-blank column of `line` (1-based). */
export function nodeStartingOn(root: Node, line: number): Node | undefined {
  // The root's text starts at its own position (a file may open with blank lines the root does not span).
  const rows = root.text.split('\n');
  const row = line - 1 - root.startPosition.row;
  const text = rows[row];
  if (text === undefined) return undefined;
  const column = (row === 0 ? root.startPosition.column : 0) + (text.length - text.trimStart().length);
  return root.descendantForPosition({ row: line - 1, column }) ?? undefined;
}

/**
 * The hints with the session paths that sit in a request of their own (`URL("…/session").openConnection()`,
 * `rest.post(path: '…/session')`) counted as logins: a statement that makes a call, inside a function or script body,
 * not a class member or a top-level declaration (other files may read those). The rewriter still removes it only
 * with everything that read it, and only when the file sends the token instead.
 */
export function withRequestPaths(root: Node, callTypes: string[], shape: StatementShape, hints: ScanHints, outside: ReadonlySet<string>): ScanHints {
  const lines = new Set(hints.loginLines);
  for (const line of hints.pathLines ?? []) {
    const node = nodeStartingOn(root, line);
    const statement = node ? enclosingStatement(node, shape) : undefined;
    if (statement && !outside.has(statement.parent?.type ?? '') && descendants(statement, callTypes).length) lines.add(line);
  }
  return { ...hints, loginLines: lines };
}

/** A statement that hands a value to the caller: `return …` (Kotlin: a `return` jump). */
function isReturn(statement: Node): boolean {
  return statement.type === 'return_statement' || (statement.type === 'jump_expression' && statement.text.startsWith('return'));
}

/**
 * Whether what a login statement defines reaches a `return` of its block: read by the return itself, or by a
 * statement after the login that the return reads in turn (`req` → `return c.http.Do(req)`; `request` →
 * `return http.newCall(request).execute()…`). The caller then gets the session, as from a login inside `return`.
 */
export function answerReturned(statement: Node, shape: StatementShape): boolean {
  const names = new Set(shape.definedNames(statement));
  let seen = false;
  for (const sibling of statement.parent?.namedChildren ?? []) {
    if (!sibling) continue;
    if (sibling.id === statement.id) {
      seen = true;
      continue;
    }
    const reads = descendants(sibling, [...shape.identifierTypes]).some((node) => names.has(node.text) && shape.isReference(node));
    if (!seen || !names.size || !reads) continue;
    if (isReturn(sibling)) return true;
    for (const name of shape.definedNames(sibling)) names.add(name);
  }
  return false;
}

/** The login lines whose answer reaches a `return` through the statements after them (answerReturned). */
export function linesReturningAnswer(root: Node, lines: Iterable<number>, shape: StatementShape): Set<number> {
  const returned = new Set<number>();
  for (const line of lines) {
    const node = nodeStartingOn(root, line);
    const statement = node ? enclosingStatement(node, shape) : undefined;
    if (statement && answerReturned(statement, shape)) returned.add(line);
  }
  return returned;
}
