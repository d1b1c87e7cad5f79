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
  for (const call of descendants(root, callTypes)) {
    const statement = hints.loginLines.has(lineOf(call)) ? enclosingStatement(call, shape) : undefined;
    if (statement) logins.set(statement.id, statement);
    if (statement && /^(return_statement|jump_expression)$/.test(statement.type)) returning.add(lineOf(call));
  }
  return { logins: [...logins.values()], returning };
}
