import type { Node } from 'web-tree-sitter';
import { callParts } from '../../syntax/nodes';
import { enclosingStatement, removesUnreplaced, removeWithDependents, type StatementShape } from '../dependents';
import { descendants, insideEdits, lineOf, removeListElement, removeStatement, replaceNode, type Edit, type FixOptions, type RewriteResult, type ScanHints } from '../edits';
import { insertBeforeFirst } from '../imports';

const SHAPE: StatementShape = {
  blocks: new Set(['program', 'body_statement', 'block_body', 'then', 'else', 'do']),
  removable: new Set(['assignment']),
  identifierTypes: ['identifier', 'instance_variable'],
  definedNames(statement) {
    const left = statement.type === 'assignment' ? statement.childForFieldName('left') : null;
    return left && (left.type === 'identifier' || left.type === 'instance_variable') ? [left.text] : [];
  },
  isReference(node) {
    const parent = node.parent;
    if (parent?.type === 'call' && parent.childForFieldName('method')?.id === node.id) return false;
    if (parent?.type === 'assignment' && parent.childForFieldName('left')?.id === node.id) return false;
    return true;
  },
};

/** The Authorization header's value, as a Ruby string that reads the environment. */
function authorizationValue(options: FixOptions): string {
  if (options.bearer) return `"Bearer #{ENV.fetch('${options.tokenVar}')}"`;
  return `"Basic #{Base64.strict_encode64("#{ENV.fetch('${options.emailVar}')}:#{ENV.fetch('${options.tokenVar}')}")}"`;
}

function basicHeader(options: FixOptions): string {
  return `Authorization: ${authorizationValue(options)}`;
}

/** A plain string literal's text (`'Cookie'`, `"cookie"`); undefined for anything interpolated or not a string. */
function plainString(node: Node | null | undefined): string | undefined {
  if (node?.type !== 'string' || node.namedChildren.some((child) => child?.type !== 'string_content')) return undefined;
  return node.namedChildren.map((child) => child?.text ?? '').join('');
}

const COOKIE = /^cookie$/i;

/**
 * Where a Cookie header is sent by hand: a `'Cookie' => …` pair in a headers hash (HTTParty `headers:`, Net::HTTP's
 * `get(path, { … })` and `Get.new(path, { … })`, Faraday's `headers:`), or `x['Cookie'] = …` on a Net::HTTP request
 * or a Faraday connection's `headers`. Each becomes the Authorization header, in the same place.
 */
function cookieHeaderSends(root: Node, options: FixOptions): Edit[] {
  const edits: Edit[] = [];
  for (const pair of descendants(root, 'pair')) {
    const key = pair.childForFieldName('key');
    if (pair.parent?.type === 'hash' && COOKIE.test(plainString(key) ?? '') && pair.childForFieldName('value')) edits.push(replaceNode(pair, `'Authorization' => ${authorizationValue(options)}`));
  }
  for (const assignment of descendants(root, 'assignment')) {
    const left = assignment.childForFieldName('left');
    const [receiver, key, extra] = left?.type === 'element_reference' ? left.namedChildren : [];
    if (!receiver || extra || !COOKIE.test(plainString(key) ?? '') || !SHAPE.blocks.has(assignment.parent?.type ?? '')) continue;
    edits.push(replaceNode(assignment, `${receiver.text}['Authorization'] = ${authorizationValue(options)}`));
  }
  return edits;
}

/**
 * A session login: `post`/`post_form` (rest-client, HTTParty, Faraday, Net::HTTP), a `Net::HTTP::Post.new` request, or
 * rest-client's `RestClient::Request.execute(method: :post, …)`.
 */
function isLoginCall(call: Node): boolean {
  const { name } = callParts(call);
  if (name === 'post' || name === 'post_form') return true;
  const receiver = call.childForFieldName('receiver')?.text.replace(/\s+/g, '');
  if (name === 'new') return receiver === 'Net::HTTP::Post';
  const args = call.childForFieldName('arguments');
  const method = args?.namedChildren.find((child) => child?.type === 'pair' && keyName(child) === 'method');
  return name === 'execute' && receiver === 'RestClient::Request' && method?.childForFieldName('value')?.text === ':post';
}

/** `headers: { cookies: … }` (rest-client reads cookies from its headers hash): the pair sits in the headers already. */
function inHeadersHash(pair: Node): boolean {
  const owner = pair.parent?.type === 'hash' ? pair.parent.parent : null;
  return owner?.type === 'pair' && keyName(owner) === 'headers';
}

const CLEARED = /^(?:nil|\{\s*\}|\[\s*\])$/;

/** The classes whose calls this file makes (`RestClient`, `HTTParty`, `RestClient::Request`), and `include HTTParty`. */
function clientsNamed(root: Node): Set<string> {
  const names = new Set<string>();
  for (const call of descendants(root, 'call')) {
    const receiver = call.childForFieldName('receiver')?.text.replace(/\s+/g, '');
    if (receiver) names.add(receiver);
    if (callParts(call).name === 'include') for (const arg of call.childForFieldName('arguments')?.namedChildren ?? []) if (arg) names.add(arg.text);
  }
  return names;
}

/**
 * Where the Authorization header goes for a `cookies:` option: `beside` it (rest-client's `RestClient.get(url,
 * { cookies: … })` and a `headers: { cookies: … }` hash hold the headers themselves) or in a `headers:` hash beside
 * it (`RestClient::Request.execute(…, cookies: …)`, HTTParty). An options hash built away from its call (`@opts.merge!({
 * cookies: … })`) goes by the one client the file sends with; undefined when the file shows none or both.
 */
function cookieOptionStyle(root: Node, pair: Node): 'beside' | 'headers' | undefined {
  if (inHeadersHash(pair)) return 'beside';
  let call = pair.parent;
  while (call && call.type !== 'call') call = call.parent;
  const receiver = call?.childForFieldName('receiver')?.text.replace(/\s+/g, '');
  if (receiver === 'RestClient') return 'beside';
  if (receiver === 'RestClient::Request' || receiver === 'HTTParty') return 'headers';
  const clients = clientsNamed(root);
  const restClient = clients.has('RestClient');
  const headersHash = clients.has('RestClient::Request') || clients.has('HTTParty');
  if (restClient && !headersHash) return 'beside';
  if (headersHash && !restClient) return 'headers';
  return undefined;
}

/** A cookie still sent (a `'Cookie'` header, a `cookies:` option) inside what a login's removal takes: the calls there would lose it. */
function dropsCookieSend(root: Node, removed: Edit[], replaced: Edit[]): boolean {
  const cookies = descendants(root, ['string', 'hash_key_symbol', 'simple_symbol']).filter((node) => {
    const text = node.type === 'string' ? plainString(node) : node.text.replace(/^:/, '');
    return COOKIE.test(text ?? '') || text === 'cookies';
  });
  return removesUnreplaced(cookies, removed, replaced);
}

const VALUED_BODIES = new Set(['method', 'singleton_method', 'do_block', 'block', 'lambda']);

/**
 * A removed statement that was the last of a method's or a block's body: Ruby returns it (`def login … @cookie = …
 * end` hands the cookie to its callers), so the body would return something else. Decision 36: those callers are
 * not in view.
 */
function changesReturnValue(removed: Edit[], statement: Node): boolean {
  const removals = removed.filter((edit) => edit.text === '');
  const body = statement.parent;
  if (!body || !VALUED_BODIES.has(body.parent?.type ?? '')) return false;
  const last = body.namedChildren.filter((child): child is Node => child !== null && child.type !== 'comment').at(-1);
  return Boolean(last && insideEdits(last, removals));
}

/**
 * rest-client/HTTParty/Faraday/Net::HTTP: the session POST goes with what read its answer; a `cookies:` option or a
 * Cookie header becomes an Authorization header. All or nothing: when one login of the file cannot go (its answer is
 * still read, or a cookie send would go with it), the file keeps every login and every cookie, with notes.
 */
function rewriteHttpLogin(source: string, root: Node, options: FixOptions, hints: ScanHints, notes: RewriteResult['notes']): Edit[] {
  const headers = cookieHeaderSends(root, options);
  const cookieOptions: Edit[] = [];
  for (const pair of descendants(root, 'pair')) {
    // `cookies: nil` clears the cookie (a logout): it sends nothing, and must not become sending credentials.
    if (keyName(pair) !== 'cookies' || CLEARED.test(pair.childForFieldName('value')?.text ?? '')) continue;
    const style = cookieOptionStyle(root, pair);
    if (!style) {
      notes.push({ line: lineOf(pair), note: `This cookies option goes to a request this file does not show (rest-client takes headers beside it, HTTParty in a headers: hash): send { ${basicHeader(options)} } there instead of the cookie, and remove the session login.` });
      return [];
    }
    cookieOptions.push(replaceNode(pair, style === 'beside' ? basicHeader(options) : `headers: { ${basicHeader(options)} }`));
  }
  const replaced = [...cookieOptions, ...headers];
  const edits: Edit[] = [];
  let logins = 0;
  const refused: RewriteResult['notes'] = [];
  for (const call of descendants(root, 'call')) {
    if (!isLoginCall(call) || !hints.loginLines.has(lineOf(call))) continue;
    const statement = enclosingStatement(call, SHAPE);
    const removed = statement && SHAPE.removable.has(statement.type) ? removeWithDependents(source, root, statement, SHAPE, replaced) : undefined;
    if (removed && statement && changesReturnValue(removed, statement)) {
      const method = statement.parent?.parent;
      const name = method?.type.endsWith('method') ? `${method.childForFieldName('name')?.text ?? 'this method'}()` : 'this block';
      refused.push({ line: lineOf(call), note: `${name} returns what this login gave (Ruby returns the last expression) to callers this file does not show: make them send { ${basicHeader(options)} } on their requests instead of the cookie, then delete this login.` });
      continue;
    }
    if (!removed || dropsCookieSend(root, removed, replaced)) {
      refused.push({ line: lineOf(call), note: `Remove this session login and send { ${basicHeader(options)} } on the calls that used its cookie.` });
      continue;
    }
    logins++;
    edits.push(...removed);
  }
  // The file builds the session URL but no login of it was removed: a login the scan could not read as one (its URL
  // from a helper it does not resolve) would stay and its cookie go, half a migration.
  const unreadPath = logins === 0 && cookieOptions.length ? [...(hints.pathLines ?? [])][0] : undefined;
  if (!refused.length && unreadPath !== undefined) {
    refused.push({ line: unreadPath, note: `This session URL is sent by a login this fix could not find: remove that login, then send { ${basicHeader(options)} } instead of the cookie.` });
  }
  if (refused.length) {
    notes.push(...refused);
    return [];
  }
  // A Cookie header is replaced only beside a login this file removes (the cookie could be another site's); a
  // `cookies:` option, as before, wherever it is.
  edits.push(...cookieOptions, ...(logins ? headers : []));
  const sent = logins ? replaced : cookieOptions;
  const requiresBase64 = descendants(root, 'call').some((call) => callParts(call).name === 'require' && call.text.includes("'base64'"));
  if (sent.length && !options.bearer && !requiresBase64) edits.push(insertBeforeFirst(source, root, new Set(['call']), "require 'base64'"));
  return edits;
}

/** `auth_type:` or `:auth_type =>`. */
function keyName(pair: Node): string | undefined {
  const key = pair.childForFieldName('key');
  if (!key) return undefined;
  if (key.type === 'hash_key_symbol') return key.text;
  if (key.type === 'simple_symbol') return key.text.slice(1);
  return undefined;
}

/** jira-ruby: `auth_type: :cookie` → `:basic` with the email and token from the environment; `use_cookies` dropped. */
export function rewriteRuby(source: string, root: Node, options: FixOptions, hints: ScanHints): RewriteResult {
  const notes: RewriteResult['notes'] = [];
  const edits: Edit[] = rewriteHttpLogin(source, root, options, hints, notes);
  // Options as a hash literal, or as keyword arguments (`JIRA::Client.new(site: url, auth_type: :cookie)`).
  for (const hash of descendants(root, ['hash', 'argument_list'])) {
    const pairs = hash.namedChildren.filter((child): child is Node => child?.type === 'pair');
    if (!pairs.length) continue;
    const byKey = new Map(pairs.map((pair) => [keyName(pair), pair]));
    const authType = byKey.get('auth_type');
    const authValue = authType?.childForFieldName('value');
    const cookieMode = authType && authValue?.text === ':cookie';
    if (cookieMode && options.bearer) {
      notes.push({ line: lineOf(authType), note: 'jira-ruby has no bearer mode: use auth_type: :basic with a PAT-capable proxy, or send Authorization: Bearer yourself.' });
      continue;
    }
    if (cookieMode && authValue) {
      edits.push(replaceNode(authValue, ':basic'));
      const credentials: Array<[string, string]> = [['username', options.emailVar], ['password', options.tokenVar]];
      for (const [key, variable] of credentials) {
        const pair = byKey.get(key);
        const value = pair?.childForFieldName('value');
        // A pair without a value node (a shorthand `username:`) is rewritten whole.
        if (value) edits.push(replaceNode(value, `ENV.fetch('${variable}')`));
        else if (pair) edits.push(replaceNode(pair, `${key}: ENV.fetch('${variable}')`));
        else edits.push({ start: authType.endIndex, end: authType.endIndex, text: `, ${key}: ENV.fetch('${variable}')` });
      }
    }
    // Whatever the auth type: cookie mode keeps cookies by itself (jira-ruby sets use_cookies for it), and with any
    // other the option only makes later calls ride the cookie the first one got instead of their credentials.
    const useCookies = byKey.get('use_cookies');
    if (useCookies) edits.push(removeListElement(source, useCookies));
  }
  edits.push(...useCookiesAssignments(source, root));
  return { edits, notes };
}

/** `options[:use_cookies] = …` on a local options hash goes; jira-ruby's own `@options[:use_cookies] = true` (its cookie mode) stays. */
function useCookiesAssignments(source: string, root: Node): Edit[] {
  const edits: Edit[] = [];
  for (const assignment of descendants(root, 'assignment')) {
    const left = assignment.childForFieldName('left');
    const [receiver, key] = left?.type === 'element_reference' ? left.namedChildren : [];
    if (receiver?.type !== 'identifier' || key?.text !== ':use_cookies' || !SHAPE.blocks.has(assignment.parent?.type ?? '')) continue;
    edits.push(removeStatement(source, assignment));
  }
  return edits;
}
