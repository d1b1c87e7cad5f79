import type { Node } from 'web-tree-sitter';
import type { Finding } from '../model';

/** The statement types, across the grammars, that hand a value back to the caller. */
const RETURN_TYPES = ['return_statement', 'return_expression'];

/** Whether the line lies inside a `return …` (the value goes to callers this file does not show). */
function handsBack(root: Node | undefined, line: number): boolean {
  return Boolean(root?.descendantsOfType(RETURN_TYPES).some((node) => node !== null && node.startPosition.row + 1 <= line && line <= node.endPosition.row + 1));
}

/** The note of a login whose answer goes back to its callers; `write` is what each request sends instead. */
export function handsBackNote(write: string): string {
  return `This login returns the session (answer or cookie) to its callers: make them authenticate each request instead — ${write} — then delete this login.`;
}

/**
 * The note for a finding no rewrite cleared, when the rewriter had none of its own: says why (the login hands its
 * answer to callers `fix` cannot see; a value only names the path) and what to write, in the file's language.
 */
export function manualNote(finding: Finding, root: Node | undefined): string {
  const write = finding.replacement;
  switch (finding.ruleId) {
    case 'session-login-call':
      return handsBack(root, finding.line) ? handsBackNote(write) : `Remove this session login and what keeps its cookie; authenticate the calls that used it: ${write}`;
    case 'session-cookie':
      return `Send the Authorization header here instead of the session cookie: ${write}`;
    case 'session-resource-path':
      return `Only the session login needs this path: delete it together with that login (token calls need no session URL). ${write}`;
    default:
      return write;
  }
}
