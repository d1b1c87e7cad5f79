import type { Node } from 'web-tree-sitter';
import { descendants, removeListElement, replaceNode, type Edit, type FixOptions, type RewriteResult, type ScanHints } from '../edits';
import { rewritePhpHttp } from './php-http';

function keyOf(element: Node): string | undefined {
  const [key, value] = element.namedChildren;
  if (!key || !value || key.type !== 'string') return undefined;
  return descendants(key, 'string_content').map((part) => part.text).join('');
}

/**
 * php-jira-rest-client (lesstif) array configuration: `cookieAuthEnabled`/`cookieFile` go, `jiraUser`/`jiraPassword`
 * read the email and API token (`useTokenBasedAuth` + `personalAccessToken` with --bearer).
 */
export function rewritePhp(source: string, root: Node, options: FixOptions, hints: ScanHints): RewriteResult {
  const http = rewritePhpHttp(source, root, options, hints);
  const edits: Edit[] = [...http.edits];
  for (const array of descendants(root, 'array_creation_expression')) {
    const elements = array.namedChildren.filter((child): child is Node => child?.type === 'array_element_initializer');
    const byKey = new Map(elements.map((element) => [keyOf(element), element]));
    const cookieAuth = byKey.get('cookieAuthEnabled');
    if (!cookieAuth || cookieAuth.namedChildren[1]?.text === 'false') continue;
    const value = (element: Node | undefined): Node | undefined => element?.namedChildren[1] ?? undefined;
    for (const key of options.bearer ? ['cookieFile'] : ['cookieAuthEnabled', 'cookieFile']) {
      const element = byKey.get(key);
      if (element) edits.push(removeListElement(source, element));
    }
    const user = value(byKey.get('jiraUser'));
    const password = value(byKey.get('jiraPassword'));
    if (options.bearer) {
      edits.push(replaceNode(cookieAuth, `'useTokenBasedAuth' => true,\n${indentOf(source, cookieAuth)}'personalAccessToken' => getenv('${options.tokenVar}')`));
      continue;
    }
    if (!user || !password) continue;
    edits.push(replaceNode(user, `getenv('${options.emailVar}')`), replaceNode(password, `getenv('${options.tokenVar}')`));
  }
  return { edits, notes: http.notes };
}

function indentOf(source: string, node: Node): string {
  return /^[ \t]*/.exec(source.slice(source.lastIndexOf('\n', node.startIndex - 1) + 1))?.[0] ?? '';
}
