import type { Node } from 'web-tree-sitter';
import { enclosingStatement } from '../dependents';
import { descendants, replaceNode, type Edit, type FixOptions, type RewriteResult, type ScanHints } from '../edits';
import { innermostSpanning, removeLogin, type LoginShape } from '../login-removal';

/** `pattern = value`: Elixir's match, the one way it binds names. */
function matchOf(statement: Node): Node | undefined {
  return statement.type === 'binary_operator' && statement.childForFieldName('operator')?.text === '=' ? statement : undefined;
}

function boundNames(statement: Node): string[] {
  const left = matchOf(statement)?.childForFieldName('left');
  if (!left) return [];
  const names = left.type === 'identifier' ? [left] : descendants(left, 'identifier');
  // `^pinned` reads a name, `_ignored` binds none.
  return names.filter((name) => name.parent?.type !== 'unary_operator' && !name.text.startsWith('_')).map((name) => name.text);
}

function inMatchPattern(node: Node): boolean {
  let current: Node = node;
  while (current.parent && current.parent.type !== 'do_block' && current.parent.type !== 'body') {
    const match = matchOf(current.parent);
    if (match && match.childForFieldName('left')?.id === current.id) return node.parent?.type !== 'unary_operator';
    current = current.parent;
  }
  return false;
}

const SHAPE: LoginShape = {
  blocks: new Set(['do_block', 'body', 'source']),
  removable: new Set(['binary_operator']),
  identifierTypes: ['identifier'],
  definedNames: boundNames,
  binds: (statement) => boundNames(statement).length > 0,
  isReference(node) {
    const parent = node.parent;
    // `HTTPoison.get!`, `resp.body`, `decode(…)`: after the dot, or called, a name is a function or a key, not a variable.
    if ((parent?.type === 'dot' && parent.namedChildren[0]?.id !== node.id) || (parent?.type === 'call' && parent.namedChildren[0]?.id === node.id)) return false;
    return !inMatchPattern(node);
  },
  scopeOf(statement) {
    let current: Node | null = statement.parent;
    while (current && !(current.type === 'call' && /^defp?$/.test(current.namedChildren[0]?.text ?? ''))) current = current.parent;
    return current ?? undefined;
  },
};

/** The Authorization value as an Elixir expression reading the environment at run time. */
export function elixirAuthorization(options: FixOptions): string {
  const env = (name: string): string => `System.get_env("${name}")`;
  if (options.bearer) return `"Bearer #{${env(options.tokenVar)}}"`;
  return `"Basic " <> Base.encode64("#{${env(options.emailVar)}}:#{${env(options.tokenVar)}}")`;
}

const COOKIE = /^"cookie"$/i;

/** `{"Cookie", v}` in a header list (HTTPoison, Tesla, Finch) and `"cookie" => v` in a header map (Req): Authorization instead. */
function cookieSends(root: Node, authorization: string): Edit[] {
  const edits: Edit[] = [];
  for (const tuple of descendants(root, 'tuple')) {
    const [name, value] = tuple.namedChildren;
    if (tuple.namedChildren.length === 2 && name && value && COOKIE.test(name.text)) edits.push(replaceNode(tuple, `{"Authorization", ${authorization}}`));
  }
  for (const entry of descendants(root, 'binary_operator')) {
    const left = entry.childForFieldName('left');
    if (entry.parent?.type === 'map_content' && entry.childForFieldName('operator')?.text === '=>' && left && COOKIE.test(left.text)) {
      edits.push(replaceNode(entry, `"Authorization" => ${authorization}`));
    }
  }
  return edits;
}

/** A keyword pair's name without its colon (`cookie: …` → `cookie`). */
function keywordName(pair: Node): string | undefined {
  return pair.type === 'pair' ? pair.childForFieldName('key')?.text.replace(/:\s*$/, '') : undefined;
}

/**
 * HTTPoison's `hackney: [cookie: …]` option: hackney's `basic_auth: {user, password}` in its place. Hackney has no
 * bearer option, so with --bearer (an Authorization value that is not Basic) the cookie stays and so does the login.
 */
function hackneyCookies(root: Node, options: FixOptions): Edit[] {
  if (options.bearer) return [];
  const env = (name: string): string => `System.get_env("${name}")`;
  const edits: Edit[] = [];
  for (const pair of descendants(root, 'pair')) {
    const owner = pair.parent?.type === 'keywords' ? pair.parent.parent?.parent : null;
    if (keywordName(pair) !== 'cookie' || owner?.type !== 'pair' || keywordName(owner) !== 'hackney') continue;
    edits.push(replaceNode(pair, `basic_auth: {${env(options.emailVar)}, ${env(options.tokenVar)}}`));
  }
  return edits;
}

function loginStatement(root: Node, line: number): Node | undefined {
  const innermost = innermostSpanning(root, 'call', line);
  return innermost ? enclosingStatement(innermost, SHAPE) : undefined;
}

/**
 * Elixir (HTTPoison, Req, Tesla): a login matched into names that only become later requests' Cookie header in the
 * same function goes, with the credentials that fed it; the Cookie header sends Authorization from the environment.
 * A login inside `with`/`case` (its answer handed on) keeps the scan's note.
 */
export function rewriteElixir(source: string, root: Node, options: FixOptions, hints: ScanHints): RewriteResult {
  const authorization = elixirAuthorization(options);
  const sends = [...cookieSends(root, authorization), ...hackneyCookies(root, options)];
  const edits: Edit[] = [...sends];
  const notes: RewriteResult['notes'] = [];
  for (const line of hints.loginLines) {
    const login = loginStatement(root, line);
    const removed = login && matchOf(login) ? removeLogin(source, root, login, SHAPE, sends) : undefined;
    if (removed) edits.push(...removed);
    else notes.push({ line, note: `Remove this session login and send {"Authorization", ${authorization}} in the headers of the requests that used its cookie.` });
  }
  return { edits, notes };
}
