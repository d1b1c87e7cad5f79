import type { Node } from 'web-tree-sitter';
import { callParts } from '../../syntax/nodes';
import { descendants, mentionsSessionResource, type Edit, type ScanHints } from '../edits';
import { enclosingStatement, removeWithDependents, unusedInputs, type StatementShape } from '../dependents';

function enclosingFunction(node: Node): Node | undefined {
  for (let current = node.parent; current; current = current.parent) if (current.type === 'function_definition') return current;
  return undefined;
}

/**
 * The opener a `urllib` login goes through: `opener.open(<login>)` on a name bound here to `build_opener(…)`
 * (urllib.request's or urllib2's), or `urlopen(<login>)` once `install_opener(<that name>)` made it the default.
 */
function urllibOpener(root: Node, call: Node): Node | undefined {
  const builtHere = (name: string): boolean =>
    descendants(root, 'assignment').some((assignment) => {
      const right = assignment.childForFieldName('right');
      return assignment.childForFieldName('left')?.text === name && right?.type === 'call' && /(^|\.)build_opener$/.test(right.childForFieldName('function')?.text ?? '');
    });
  const { name, receiver } = callParts(call);
  if (name === 'open' && receiver?.type === 'identifier' && builtHere(receiver.text)) return receiver;
  if (name !== 'urlopen') return undefined;
  const installed = descendants(root, 'call').filter((other) => callParts(other).name === 'install_opener');
  const [opener] = installed.length === 1 ? callParts(installed[0] as Node).args : [];
  return opener?.type === 'identifier' && builtHere(opener.text) ? opener : undefined;
}

/**
 * A login sent through a `urllib` opener whose cookie processor keeps the session cookie for the later calls:
 * the opener sends the Authorization header on every request instead (`opener.addheaders.append(…)`), and the
 * login goes with what only fed it (its body, its Request). `authorization` is the header's value (Python source).
 */
export function rewriteUrllibLogins(source: string, root: Node, shape: StatementShape, authorization: string, hints: ScanHints, replaced: Edit[]): { edits: Edit[]; logins: Set<number> } {
  const edits: Edit[] = [];
  const logins = new Set<number>();
  for (const found of descendants(root, 'call')) {
    const spans = Array.from({ length: found.endPosition.row - found.startPosition.row + 1 }, (_, row) => found.startPosition.row + 1 + row);
    if (!spans.some((line) => hints.loginLines.has(line)) && !mentionsSessionResource(found.text)) continue;
    const call = requestSender(root, found);
    const statement = call ? enclosingStatement(call, shape) : undefined;
    if (!call || !statement || !shape.removable.has(statement.type) || logins.has(call.id)) continue;
    const opener = urllibOpener(root, call);
    // A bare `urlopen` keeps no cookie: the login can go once the cookie it gave is replaced where it was sent.
    if (!opener && !(callParts(call).name === 'urlopen' && replaced.length)) continue;
    const removed = removeWithDependents(source, root, statement, shape, replaced);
    const [login] = removed ?? [];
    if (!removed || !login) continue;
    const indent = source.slice(source.lastIndexOf('\n', statement.startIndex - 1) + 1, statement.startIndex);
    if (opener) removed[0] = { ...login, text: `${indent}${opener.text}.addheaders.append(("Authorization", ${authorization}))\n` };
    edits.push(...removed, ...unusedInputs(source, root, statement, shape, removed.slice(1).concat({ ...login, text: '' })));
    logins.add(call.id);
    logins.add(found.id);
  }
  return { edits, logins };
}

/** The `urlopen`/`opener.open` call that sends a login: the call itself, the one a `Request(…)` is handed to, or the one given the name it is kept in. */
function requestSender(root: Node, found: Node): Node | undefined {
  const sends = (call: Node | null | undefined): boolean => call?.type === 'call' && ['open', 'urlopen'].includes(callParts(call).name);
  if (sends(found)) return found;
  if (!/(^|\.)Request$/.test(found.childForFieldName('function')?.text ?? '')) return undefined;
  const outer = found.parent?.type === 'argument_list' ? found.parent.parent : null;
  if (outer && sends(outer)) return outer;
  const assignment = found.parent?.type === 'assignment' && found.parent.childForFieldName('right')?.id === found.id ? found.parent : undefined;
  const name = assignment?.childForFieldName('left');
  if (name?.type !== 'identifier') return undefined;
  return descendants(enclosingFunction(found) ?? root, 'call').find((call) => sends(call) && call.startIndex > found.endIndex && callParts(call).args[0]?.text === name.text);
}
