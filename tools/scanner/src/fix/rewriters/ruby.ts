import type { Node } from 'web-tree-sitter';
import { descendants, lineOf, removeListElement, replaceNode, type Edit, type FixOptions, type RewriteResult } from '../edits';

/** `auth_type:` or `:auth_type =>`. */
function keyName(pair: Node): string | undefined {
  const key = pair.childForFieldName('key');
  if (!key) return undefined;
  if (key.type === 'hash_key_symbol') return key.text;
  if (key.type === 'simple_symbol') return key.text.slice(1);
  return undefined;
}

/** jira-ruby: `auth_type: :cookie` → `:basic` with the email and token from the environment; `use_cookies` dropped. */
export function rewriteRuby(source: string, root: Node, options: FixOptions): RewriteResult {
  const edits: Edit[] = [];
  const notes: RewriteResult['notes'] = [];
  for (const hash of descendants(root, 'hash')) {
    const pairs = hash.namedChildren.filter((child): child is Node => child?.type === 'pair');
    const byKey = new Map(pairs.map((pair) => [keyName(pair), pair]));
    const authType = byKey.get('auth_type');
    const cookieMode = authType?.childForFieldName('value')?.text === ':cookie';
    if (cookieMode && options.bearer) {
      notes.push({ line: lineOf(authType), note: 'jira-ruby has no bearer mode: use auth_type: :basic with a PAT-capable proxy, or send Authorization: Bearer yourself.' });
      continue;
    }
    if (cookieMode) {
      edits.push(replaceNode(authType.childForFieldName('value')!, ':basic'));
      const credentials: Array<[string, string]> = [['username', options.emailVar], ['password', options.tokenVar]];
      for (const [key, variable] of credentials) {
        const pair = byKey.get(key);
        if (pair) edits.push(replaceNode(pair.childForFieldName('value')!, `ENV.fetch('${variable}')`));
        else edits.push({ start: authType.endIndex, end: authType.endIndex, text: `, ${key}: ENV.fetch('${variable}')` });
      }
    }
    const useCookies = byKey.get('use_cookies');
    if (useCookies && (cookieMode || authType?.childForFieldName('value')?.text === ':basic')) edits.push(removeListElement(source, useCookies));
    else if (useCookies) notes.push({ line: lineOf(useCookies), note: 'Drop use_cookies and use auth_type: :basic with an API token.' });
  }
  return { edits, notes };
}
