import type { Node } from 'web-tree-sitter';
import { callParts } from '../../syntax/nodes';
import { descendants, lineOf, mentionsSessionResource, removeStatement, replaceNode, type Edit, type ScanHints } from '../edits';
import { unusedInputs, type StatementShape } from '../dependents';

/** `pycurl.COOKIEJAR` / `c.COOKIEJAR` → `COOKIEJAR`. */
function optionName(call: Node): string | undefined {
  const [option] = callParts(call).args;
  return option?.type === 'attribute' ? option.childForFieldName('attribute')?.text : undefined;
}

/** `h.setopt(…)`, `h.perform()`, `h.close()` as a whole statement, on the handle named `handle`. */
function handleStatement(node: Node, handle: string): Node | undefined {
  const call = node.parent?.type === 'attribute' && node.parent.parent?.type === 'call' ? node.parent.parent : undefined;
  const { name, receiver } = call ? callParts(call) : { name: '', receiver: undefined };
  const statement = call?.parent;
  return receiver?.text === handle && ['setopt', 'perform', 'close', 'reset'].includes(name) && statement?.type === 'expression_statement' ? statement : undefined;
}

/**
 * pycurl: a handle that only logs in (`login = pycurl.Curl()`, its URL the session resource, then only setopt /
 * perform / close on it) goes whole, and each other handle's `setopt(COOKIEFILE, …)` (which sent the cookie that
 * login saved) sends the credentials instead: `setopt(pycurl.USERPWD, "email:token")` (Basic), or with --bearer the
 * Authorization header when that handle sets no other HTTPHEADER (a second HTTPHEADER would replace the first).
 * A handle used any other way, or no handle reading the cookie file, leaves the login to a person.
 */
export function rewritePycurlLogins(source: string, root: Node, shape: StatementShape, credentials: { userpwd: string; bearer?: string }, hints: ScanHints): Edit[] {
  const edits: Edit[] = [];
  const handles = descendants(root, 'assignment').filter((assignment) => /(^|\.)Curl$/.test(assignment.childForFieldName('right')?.childForFieldName('function')?.text ?? ''));
  const setopts = (handle: string): Node[] => descendants(root, 'call').filter((call) => callParts(call).name === 'setopt' && callParts(call).receiver?.text === handle);
  const isLoginUrl = (call: Node): boolean => optionName(call) === 'URL' && (hints.loginLines.has(lineOf(call)) || mentionsSessionResource(call.text));
  for (const assignment of handles) {
    const handle = assignment.childForFieldName('left');
    const made = assignment.parent;
    if (handle?.type !== 'identifier' || made?.type !== 'expression_statement') continue;
    const urls = setopts(handle.text).filter((call) => optionName(call) === 'URL');
    if (urls.length !== 1 || !urls.every(isLoginUrl)) continue;
    const uses = descendants(root, 'identifier').filter((node) => node.text === handle.text && node.id !== handle.id);
    const statements = uses.map((node) => handleStatement(node, handle.text));
    if (!statements.every((statement): statement is Node => statement !== undefined)) continue;
    const cookieReaders = descendants(root, 'call').filter((call) => callParts(call).name === 'setopt' && optionName(call) === 'COOKIEFILE' && callParts(call).receiver?.text !== handle.text);
    const replaced: Edit[] = [];
    for (const reader of cookieReaders) {
      const receiver = callParts(reader).receiver?.text ?? '';
      const args = reader.childForFieldName('arguments');
      // The constants where the file reads them (`pycurl.` or the handle's own `c.`).
      const constants = callParts(reader).args[0]?.childForFieldName('object')?.text;
      if (!args || !constants) continue;
      if (!credentials.bearer) replaced.push(replaceNode(args, `(${constants}.USERPWD, ${credentials.userpwd})`));
      else if (!setopts(receiver).some((call) => optionName(call) === 'HTTPHEADER')) replaced.push(replaceNode(args, `(${constants}.HTTPHEADER, [${credentials.bearer}])`));
    }
    if (!replaced.length || replaced.length !== cookieReaders.length) continue;
    const removed = [made, ...statements].map((statement) => removeStatement(source, statement));
    const inputs = [made, ...statements].flatMap((statement) => unusedInputs(source, root, statement, shape, removed));
    const seen = new Set<number>();
    edits.push(...replaced, ...[...removed, ...inputs].filter((edit) => !seen.has(edit.start) && seen.add(edit.start)));
  }
  return edits;
}
