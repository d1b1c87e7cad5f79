import type { Node } from 'web-tree-sitter';
import { removeWithDependents, type StatementShape } from './dependents';
import { descendants, type Edit, insideEdits, lineOf, removeStatement } from './edits';

/** A statement shape that also says how the language compares names and which statements only bind a value. */
export interface LoginShape extends StatementShape {
  /** A variable's name as the language compares it (PowerShell: no case, no scope prefix); default: as written. */
  normalize?(name: string): string;
  /** Whether the statement only binds names (`x = …`, `local x = …`): those may go with the login, calls may not. */
  binds(statement: Node): boolean;
}


function readers(root: Node, shape: LoginShape, name: string): Node[] {
  const normalize = shape.normalize ?? ((text: string) => text);
  return descendants(root, shape.identifierTypes).filter((node) => normalize(node.text) === name && shape.isReference(node));
}

/**
 * The statements before the login, in its block, that only fed it (`body = encode({ username = …, password = … })`,
 * a credential prompt behind it): each binds names read nowhere but in what goes. Nearest first, so a chain goes whole.
 */
function feeders(source: string, root: Node, login: Node, shape: LoginShape, gone: Edit[]): Edit[] {
  const normalize = shape.normalize ?? ((text: string) => text);
  const removed: Edit[] = [];
  const before = (login.parent?.namedChildren ?? []).filter((child): child is Node => child !== null && child.startIndex < login.startIndex).reverse();
  let more = true;
  while (more) {
    more = false;
    for (const statement of before) {
      const names = shape.binds(statement) ? shape.definedNames(statement).map(normalize) : [];
      if (!names.length || insideEdits(statement, removed)) continue;
      const reads = names.flatMap((name) => readers(shape.scopeOf?.(statement) ?? root, shape, name));
      if (reads.length === 0 || reads.some((node) => !insideEdits(node, [...gone, ...removed]))) continue;
      removed.push(removeStatement(source, statement));
      more = true;
    }
  }
  return removed;
}

/**
 * Removes the login statement, the assignments after it that only carried its answer on (to the cookie that the
 * `replaced` edits no longer send), and the assignments before it that only fed it (the credentials); undefined
 * when a call reads the answer, or a name the removed statements bound is still read (compared as the language does).
 * Unless `fedSend` is false (the caller authenticates the session another way), the answer must reach one of the
 * replaced Cookie headers: a login whose answer nothing in this file sends may fill a cookie store (reqwest's
 * `cookie_store`, dio's CookieManager, a PowerShell `-WebSession`), and removing it alone would leave the calls anonymous.
 */
export function removeLogin(source: string, root: Node, login: Node, shape: LoginShape, replaced: Edit[], fedSend = true): Edit[] | undefined {
  const removed = removeWithDependents(source, root, login, shape, replaced);
  if (!removed) return undefined;
  const dropped = (login.parent?.namedChildren ?? []).filter((statement): statement is Node => statement !== null && insideEdits(statement, removed));
  if (!dropped.every((statement) => statement.id === login.id || shape.binds(statement))) return undefined;
  const normalize = shape.normalize ?? ((text: string) => text);
  const names = new Set(dropped.flatMap((statement) => shape.definedNames(statement).map(normalize)));
  const gone = [...removed, ...replaced];
  const scope = shape.scopeOf?.(login) ?? root;
  const reads = [...names].flatMap((name) => readers(scope, shape, name));
  if (reads.some((node) => !insideEdits(node, gone))) return undefined;
  if (fedSend && !reads.some((node) => insideEdits(node, replaced))) return undefined;
  return [...removed, ...feeders(source, root, login, shape, gone)];
}

/** The innermost node of `types` spanning a reported line (a call may start a line above the URL the scan reports). */
export function innermostSpanning(root: Node, types: string | string[], line: number): Node | undefined {
  const spanning = descendants(root, types).filter((node) => lineOf(node) <= line && line <= node.endPosition.row + 1);
  return spanning.sort((a, b) => a.endIndex - a.startIndex - (b.endIndex - b.startIndex))[0];
}
