import type { Node } from 'web-tree-sitter';
import { descendants, type Edit, insideEdits, mentionsSessionResource, removeStatement } from '../edits';

const SESSION_PATH = /\/rest\/auth\/(?:1|latest)\/session/;
/** jq filters that read only what /rest/api/2/myself answers the same way as the session resource did. */
const SAME_FIELDS = new Set(['.name', '.self', '-r', '-e', '-c', '--raw-output', "'.name'", '".name"', "'.self'", '".self"']);

/** `SESSION_URL="$BASE/rest/auth/1/session"` at the top of the script: the variables that hold the session URL. */
function sessionUrlVariables(root: Node): Map<string, Node> {
  const variables = new Map<string, Node>();
  for (const assignment of root.namedChildren) {
    if (assignment?.type !== 'variable_assignment') continue;
    const name = assignment.childForFieldName('name')?.text;
    const value = assignment.childForFieldName('value');
    if (name && value && mentionsSessionResource(value.text) && SESSION_PATH.test(value.text)) variables.set(name, value);
  }
  return variables;
}

/**
 * `curl … "$SESSION_URL" | jq -r .name`: a GET of the session that only reads the user's name (or self) reads
 * /rest/api/2/myself instead, whose answer has the same fields. The edit replaces the URL argument with the
 * session URL's own text, its path swapped; any other reading of the session answer stays for a person.
 */
export function whoamiEdit(command: Node, root: Node): Edit | undefined {
  const pipeline = command.parent;
  if (pipeline?.type !== 'pipeline' || pipeline.namedChildren[0]?.id !== command.id) return undefined;
  const reader = pipeline.namedChildren[1];
  if (pipeline.namedChildren.length !== 2 || reader?.type !== 'command' || reader.childForFieldName('name')?.text !== 'jq') return undefined;
  const filters = reader.childrenForFieldName('argument').filter((arg): arg is Node => arg !== null);
  if (!filters.every((arg) => SAME_FIELDS.has(arg.text))) return undefined;
  const variables = sessionUrlVariables(root);
  for (const arg of command.childrenForFieldName('argument')) {
    if (!arg) continue;
    if (SESSION_PATH.test(arg.text)) return { start: arg.startIndex, end: arg.endIndex, text: arg.text.replace(SESSION_PATH, '/rest/api/2/myself') };
    // The argument is the variable alone: `"$SESSION_URL"`, `"${SESSION_URL}"`, `$SESSION_URL`.
    const name = descendants(arg, 'variable_name')[0]?.text ?? '';
    const value = variables.get(name);
    const alone = [`"$${name}"`, `"\${${name}}"`, `$${name}`, `\${${name}}`].includes(arg.text);
    if (value && alone) return { start: arg.startIndex, end: arg.endIndex, text: value.text.replace(SESSION_PATH, '/rest/api/2/myself') };
  }
  return undefined;
}

/** The session URL variable goes once nothing outside the edits expands it any more. */
export function unusedSessionUrls(source: string, root: Node, edits: Edit[]): Edit[] {
  const removals: Edit[] = [];
  for (const [name, value] of sessionUrlVariables(root)) {
    const assignment = value.parent;
    const uses = descendants(root, 'variable_name').filter((node) => node.text === name && node.parent?.type !== 'variable_assignment');
    if (assignment && uses.every((use) => insideEdits(use, edits))) removals.push(removeStatement(source, assignment));
  }
  return removals;
}
