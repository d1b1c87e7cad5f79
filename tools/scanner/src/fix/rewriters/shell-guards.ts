import type { Node } from 'web-tree-sitter';
import { descendants, type Edit, insideEdits } from '../edits';
import { commandName } from './shell-cookies';
import { branchStatements, SHAPE, statementOf } from './shell-statements';

/**
 * `curl … session || { echo failed; exit 1; }` and `if ! curl … session; then …; fi` (no else): what runs only when
 * the login fails goes with it. The statement to remove, or undefined for any other place of the login.
 */
export function failureGuard(login: Node): Node | undefined {
  const node = login.parent?.type === 'redirected_statement' ? login.parent : login;
  const parent = node.parent;
  if (parent?.type === 'list' && parent.namedChildren[0]?.id === node.id && parent.children.some((child) => child?.type === '||')) return statementOf(parent);
  // `if ! curl … >/dev/null; then`: the redirection wraps the negation.
  const negated = parent?.type === 'negated_command' ? (parent.parent?.type === 'redirected_statement' ? parent.parent : parent) : undefined;
  const branch = negated?.parent;
  const otherwise = branch?.namedChildren.some((child) => child?.type === 'elif_clause' || child?.type === 'else_clause');
  const conditions = (branch?.childrenForFieldName('condition') ?? []).filter((node) => node?.isNamed);
  return branch?.type === 'if_statement' && conditions.length === 1 && conditions[0]?.id === negated?.id && !otherwise ? statementOf(branch) : undefined;
}

/** `curl … session && curl -b jar …`: what runs after the login runs alone (the edit ends where it starts). */
export function thenRuns(login: Node): Edit | undefined {
  const node = login.parent?.type === 'redirected_statement' ? login.parent : login;
  const list = node.parent;
  const [first, second] = list?.namedChildren ?? [];
  const and = list?.type === 'list' && list.namedChildren.length === 2 && list.children.some((child) => child?.type === '&&');
  return and && first?.id === node.id && second && statementOf(list) ? { start: node.startIndex, end: second.startIndex, text: '' } : undefined;
}

/**
 * `if ! curl -sf -b "$JAR" …/session >/dev/null; then <login>; fi`: a GET of the session that only decides whether
 * to log in again. Once the login in its branch is gone (and there is no else), the whole `if` goes.
 */
export function sessionCheck(command: Node, edits: Edit[]): Node | undefined {
  let condition: Node = command;
  while (condition.parent && ['redirected_statement', 'negated_command', 'test_command', 'command_substitution', 'string', 'binary_expression', 'unary_expression'].includes(condition.parent.type)) condition = condition.parent;
  const branch = condition.parent;
  if (branch?.type !== 'if_statement' || branch.namedChildren.some((child) => child?.type === 'elif_clause' || child?.type === 'else_clause')) return undefined;
  const conditions = branch.childrenForFieldName('condition').filter((node): node is Node => !!node?.isNamed);
  const covered = (node: Node): boolean => insideEdits(node, edits);
  const statements = branchStatements(branch);
  return conditions.length === 1 && conditions[0]?.id === condition.id && statements.length > 0 && statements.every(covered) ? statementOf(branch) : undefined;
}

/** What a failure branch does: report and stop. */
const FAILURE_COMMANDS = new Set(['echo', 'printf', 'exit', 'return', 'logger', 'die', 'fail', 'fatal', 'abort']);

function onlyFails(nodes: Node[]): boolean {
  const commands = nodes.flatMap((node) => (node.type === 'command' ? [node] : descendants(node, 'command')));
  // `echo … >&2` reports; `echo "$resp" > last-login.json` keeps the answer: not a failure branch.
  const toStream = (command: Node): boolean => command.parent?.type !== 'redirected_statement' || descendants(command.parent, 'file_redirect').every((redirect) => redirect.childForFieldName('destination')?.type === 'number');
  return commands.length > 0 && commands.every((command) => FAILURE_COMMANDS.has(commandName(command)) && toStream(command));
}

/**
 * After `code=$(curl -w '%{http_code}' … session)`: `if [ "$code" != 200 ]; then echo …; exit 1; fi` (no else) and
 * `echo "$resp" | jq -e .session >/dev/null || { echo …; exit 1; }`, statements of the same block that read what
 * the login defined only to stop the script when it failed. They go with the login.
 */
export function failureChecks(assignment: Node): Node[] {
  const names = new Set(SHAPE.definedNames(assignment));
  const reads = (node: Node | null | undefined): boolean => !!node && descendants(node, 'variable_name').some((name) => names.has(name.text));
  return (assignment.parent?.namedChildren ?? []).filter((sibling): sibling is Node => {
    if (!sibling || sibling.startIndex <= assignment.startIndex) return false;
    if (sibling.type === 'if_statement') {
      const conditions = sibling.childrenForFieldName('condition').filter((node): node is Node => !!node?.isNamed);
      const otherwise = sibling.namedChildren.some((child) => child?.type === 'elif_clause' || child?.type === 'else_clause');
      return !otherwise && conditions.some(reads) && onlyFails(branchStatements(sibling));
    }
    const [first, last] = [sibling.namedChildren[0], sibling.namedChildren[sibling.namedChildren.length - 1]];
    return sibling.type === 'list' && sibling.namedChildren.length === 2 && sibling.children.some((child) => child?.type === '||') && reads(first) && !!last && onlyFails([last]);
  });
}

