import type { Node } from 'web-tree-sitter';
import { callParts } from '../../syntax/nodes';
import { descendants, lineOf, replaceNode, type Edit, type RewriteResult } from '../edits';

/**
 * The `jira` package's `session()` reads the session resource (who is signed in). On a client this file makes with
 * `JIRA(…)`, `jira.session()` called only to check the login becomes `jira.myself()` (it fails the same way when the
 * credentials are wrong), and `jira.session().name` becomes `jira.myself()["name"]` (myself() answers a dict). Any
 * other use of the session's User (loginInfo, kept in a name) stays for a person.
 */
export function rewriteJiraSessionReads(root: Node): RewriteResult {
  const edits: Edit[] = [];
  const notes: RewriteResult['notes'] = [];
  const jiraClients = new Set(
    descendants(root, 'assignment')
      .filter((assignment) => {
        const right = assignment.childForFieldName('right');
        return right?.type === 'call' && callParts(right).name === 'JIRA';
      })
      .map((assignment) => assignment.childForFieldName('left')?.text),
  );
  for (const call of descendants(root, 'call')) {
    const { name, receiver, args } = callParts(call);
    const callee = call.childForFieldName('function');
    if (name !== 'session' || args.length || !receiver || !jiraClients.has(receiver.text) || callee?.type !== 'attribute') continue;
    const parent = call.parent;
    if (parent?.type === 'expression_statement') edits.push(replaceNode(callee.childForFieldName('attribute') as Node, 'myself'));
    const readsName = parent?.type === 'attribute' && parent.childForFieldName('attribute')?.text === 'name' && parent.parent?.childForFieldName('left')?.id !== parent.id;
    if (readsName) edits.push(replaceNode(parent, `${receiver.text}.myself()["name"]`));
    if (parent?.type !== 'expression_statement' && !readsName) {
      notes.push({ line: lineOf(call), note: `${receiver.text}.session() reads the cookie session (who is signed in): read ${receiver.text}.myself() instead (a dict with name, emailAddress and displayName, not the session's loginInfo: check what the code reads).` });
    }
  }
  return { edits, notes };
}
