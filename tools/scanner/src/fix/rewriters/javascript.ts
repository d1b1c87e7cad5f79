import type { Node } from 'web-tree-sitter';
import { callParts } from '../../syntax/nodes';
import { applyEdits, descendants, lineOf, mentionsSessionResource, removeStatement, replaceNode, type Edit, type FixOptions, type RewriteResult, type ScanHints } from '../edits';
import { enclosingStatement, removeWithDependents, unusedInputs, type StatementShape } from '../dependents';
import { agentDefaults, cookieAssignments, defaultsJars, isLoginCheck, jarOptions, unwrapCallback } from './javascript-carriers';
import { jarElsewhereNote } from './javascript-hosts';

const SHAPE: StatementShape = {
  blocks: new Set(['program', 'statement_block']),
  removable: new Set(['expression_statement', 'lexical_declaration', 'variable_declaration']),
  identifierTypes: ['identifier', 'shorthand_property_identifier', 'member_expression'],
  isFailureCheck: (statement) => isLoginCheck(statement),
  definedNames(statement) {
    // `this.cookie = …`: a field the object keeps the session in.
    const assigned = statement.type === 'expression_statement' ? statement.firstNamedChild : null;
    if (assigned?.type === 'assignment_expression') {
      const left = assigned.childForFieldName('left');
      return left?.type === 'member_expression' && left.childForFieldName('object')?.type === 'this' ? [left.text] : [];
    }
    if (statement.type !== 'lexical_declaration' && statement.type !== 'variable_declaration') return [];
    return descendants(statement, 'variable_declarator').flatMap((declarator) => {
      const name = declarator.childForFieldName('name');
      if (!name) return [];
      if (name.type === 'identifier') return [name.text];
      return descendants(name, ['identifier', 'shorthand_property_identifier_pattern']).map((node) => node.text);
    });
  },
  isReference(node) {
    const parent = node.parent;
    if (parent?.type === 'variable_declarator' && parent.childForFieldName('name')?.id === node.id) return false;
    if (parent?.type === 'assignment_expression' && parent.childForFieldName('left')?.id === node.id) return node.type !== 'member_expression';
    return true;
  },
};

const LOGIN_CALLS = new Set(['fetch', 'post', 'delete', 'axios', 'got', 'request']);

function authValue(options: FixOptions): string {
  if (options.bearer) return `\`Bearer \${process.env.${options.tokenVar}}\``;
  return `'Basic ' + Buffer.from(\`\${process.env.${options.emailVar}}:\${process.env.${options.tokenVar}}\`).toString('base64')`;
}

function authHeader(options: FixOptions): string {
  return `Authorization: ${authValue(options)}`;
}

function propertyName(node: Node | null): string | undefined {
  if (!node) return undefined;
  if (node.type === 'string') return descendants(node, 'string_fragment').map((part) => part.text).join('');
  return node.type === 'property_identifier' ? node.text : undefined;
}

/** JavaScript/TypeScript rewrites: a fetch/axios/got session login goes; the cookie header becomes an Authorization header. */
export function rewriteJavaScript(source: string, root: Node, options: FixOptions, hints: ScanHints): RewriteResult {
  const notes: RewriteResult['notes'] = [];
  const replaced: Edit[] = [];
  for (const pair of descendants(root, 'pair')) {
    if (propertyName(pair.childForFieldName('key'))?.toLowerCase() === 'cookie') replaced.push(replaceNode(pair, authHeader(options)));
  }
  for (const shorthand of descendants(root, 'shorthand_property_identifier')) {
    if (shorthand.text.toLowerCase() === 'cookie' && shorthand.parent?.type === 'object') replaced.push(replaceNode(shorthand, authHeader(options)));
  }
  const jars = [...jarOptions(root, authHeader(options)), ...defaultsJars(source, root, authValue(options))];
  jars.push(...agentDefaults(root, authValue(options), (call) => callParts(call).name === 'post' && callParts(call).args.some((arg) => mentionsSessionResource(arg.text))));
  // Decision 50: a jar sent the cookie only to its own domain; its header goes wherever the requests go.
  // Page code keeps its own note (below): no token goes to the page, whatever host it calls.
  const elsewhere = jars.length && !isBrowserCode(root) ? jarElsewhereNote(root, hints.loginLines, `{ ${authHeader(options)} } in the headers of each such request`) : undefined;
  if (elsewhere) return { edits: [], notes: [elsewhere] };
  replaced.push(...jars, ...cookieAssignments(root, authValue(options)));
  const edits: Edit[] = [...replaced, ...rewriteJiraConnector(source, root, options, replaced, notes)];
  for (const call of descendants(root, ['call_expression', 'new_expression'])) {
    const { name, args } = callParts(call);
    if (!LOGIN_CALLS.has(name)) {
      const removed = replaced.length ? removeHintedLogin(source, root, call, hints, replaced) : undefined;
      if (removed) edits.push(...removed);
      else if (hintedPost(call, hints) && !removePrivateHelperInto(edits, source, root, call, replaced)) notes.push({ line: lineOf(call), note: refusalNote(call, options) });
      continue;
    }
    if (!(hints.loginLines.has(lineOf(call)) || args.some((arg) => mentionsSessionResource(arg.text)))) continue;
    // Only the login (POST) and logout (DELETE) go: a GET of the session reads the current user, whose answer the code uses.
    const isPost = name === 'post' || name === 'delete' || args.some((arg) => descendants(arg, 'string_fragment').some((fragment) => /^(POST|DELETE)$/.test(fragment.text.toUpperCase())));
    if (!isPost) {
      notes.push({ line: lineOf(call), note: 'Read the current user from /rest/api/2/myself with the Authorization header instead of the session resource.' });
      continue;
    }
    const statement = enclosingStatement(call, SHAPE);
    const logout = name === 'delete' || args.some((arg) => descendants(arg, 'string_fragment').some((fragment) => fragment.text.toUpperCase() === 'DELETE'));
    // A login goes only where the file sends the credentials instead (else its calls would go anonymous), and never
    // with a request it wraps (a callback making the next call).
    const removable = statement && SHAPE.removable.has(statement.type) && (logout || replaced.length > 0);
    // A login whose callback makes the next request (the cookie carried by a jar) never goes whole: it is unwrapped.
    const removed = removable && !wrapsRequest(statement, call) ? keepsNoReplacement(removeWithDependents(source, root, statement, SHAPE, replaced), replaced, call) : undefined;
    const unwrapped = !removed && statement && replaced.length ? unwrapCallback(source, statement, call, replaced, applyEdits) : undefined;
    if (unwrapped && statement) {
      edits.push(unwrapped.edit, ...unusedInputs(source, root, statement, SHAPE, [...edits, ...unwrapped.dropped]));
      continue;
    }
    if (!removed) {
      if (!removePrivateHelperInto(edits, source, root, call, replaced)) notes.push({ line: lineOf(call), note: refusalNote(call, options) });
      continue;
    }
    edits.push(...removed, ...(statement ? unusedInputs(source, root, statement, SHAPE, [...edits, ...removed]) : []));
  }
  if (isBrowserCode(root)) {
    // Page code: a token written into it would be handed to every visitor, so no rewrite and no Buffer header.
    for (const line of hints.loginLines) {
      const note = 'Browser code: an API token must not be shipped to the page. Send this call through your own server, which adds the Authorization header from its environment (JIRA_EMAIL/JIRA_API_TOKEN), and delete this login.';
      const own = notes.find((entry) => entry.line === line);
      if (own) own.note = note;
      else notes.push({ line, note });
    }
    return { edits: [], notes };
  }
  return { edits, notes };
}

/**
 * Removals that would swallow a rewritten header (the next request, inside the login's callback): none then. The
 * login's own options (its cookie jar) go with it.
 */
/**
 * Work done in a callback of the statement: the next request (`request.get(…)` in the login's callback) or the
 * settling of a promise (`resolve(cookie)` in `new Promise(…)`); deleting the statement would drop it (or leave the
 * promise pending forever).
 */
const REQUEST_NAMES = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'head', 'fetch', 'request', 'axios', 'got', 'resolve', 'reject']);

function wrapsRequest(statement: Node, login: Node): boolean {
  return descendants(statement, ['arrow_function', 'function_expression', 'function']).some((fn) =>
    descendants(fn, 'call_expression').some((call) => call.id !== login.id && REQUEST_NAMES.has(callParts(call).name)),
  );
}

function keepsNoReplacement(removed: Edit[] | undefined, replaced: Edit[], login: Node): Edit[] | undefined {
  const ownOption = (edit: Edit): boolean => {
    if (edit.start < login.startIndex || edit.end > login.endIndex) return false;
    for (let node: Node | null = login.descendantForIndex(edit.start); node && node.id !== login.id; node = node.parent) {
      if (/^(arrow_function|function_expression|function)$/.test(node.type)) return false;
    }
    return true;
  };
  const swallows = removed?.some((removal) => replaced.some((edit) => removal.start <= edit.start && edit.end <= removal.end && !ownOption(edit)));
  return swallows ? undefined : removed;
}

/** `window.…`, `document.…` or jQuery (`$.ajax`, `jQuery(…)`; not zx's `$\`cmd\``): the file runs in a page. */
function isBrowserCode(root: Node): boolean {
  return descendants(root, 'identifier').some((node) => {
    const parent = node.parent;
    if (/^(window|document)$/.test(node.text)) return parent?.type === 'member_expression' && parent.childForFieldName('object')?.id === node.id;
    if (node.text !== '$' && node.text !== 'jQuery') return false;
    if (parent?.type === 'member_expression') return parent.childForFieldName('object')?.id === node.id;
    return parent?.type === 'call_expression' && parent.childForFieldName('arguments')?.type === 'arguments';
  });
}

/** A client's own POST helper (`rest.jsonCreate`, `http.send('POST', …)`, `postJson`): its name or a 'POST' argument says so. */
const POSTING_NAME = /post|create/i;

/**
 * Any other call on a line the scan reported as the session login goes only when it POSTs, the file already sends
 * the Authorization header instead of the cookie (`replaced`), and nothing else reads what the login kept.
 */
function hintedPost(call: Node, hints: ScanHints): boolean {
  const { name, args } = callParts(call);
  if (!hints.loginLines.has(lineOf(call))) return false;
  return POSTING_NAME.test(name) || args.some((arg) => arg.type === 'string' && /^POST$/i.test(descendants(arg, 'string_fragment').map((part) => part.text).join('')));
}

function removeHintedLogin(source: string, root: Node, call: Node, hints: ScanHints, replaced: Edit[]): Edit[] | undefined {
  if (!hintedPost(call, hints)) return undefined;
  const statement = enclosingStatement(call, SHAPE);
  return statement && SHAPE.removable.has(statement.type) ? keepsNoReplacement(removeWithDependents(source, root, statement, SHAPE, replaced), replaced, call) : undefined;
}

const HELPERS = ['method_definition', 'function_declaration'];
const covered = (node: Node, edits: Edit[]): boolean => edits.some((edit) => edit.end > edit.start && edit.start <= node.startIndex && node.endIndex <= edit.end);

function enclosingHelper(node: Node): Node | undefined {
  for (let current = node.parent; current; current = current.parent) if (HELPERS.includes(current.type)) return current;
  return undefined;
}

/** Removes a member or declaration; right after an opening brace, the blank line that followed it goes too. */
function removeMember(source: string, node: Node): Edit {
  const edit = removeStatement(source, node);
  const opensBlock = source.slice(0, edit.start).trimEnd().endsWith('{');
  return opensBlock && edit.start > 0 && source[edit.start - 1] === '\n' && source[edit.end] === '\n' ? { ...edit, end: edit.end + 1 } : edit;
}

/** `private x` (TypeScript) or `#x`: only the class's own code can read it. */
function isPrivateMember(member: Node): boolean {
  const name = member.childForFieldName('name') ?? member.childForFieldName('property');
  return name?.type === 'private_property_identifier' || member.namedChildren.some((child) => child?.type === 'accessibility_modifier' && child.text === 'private');
}

/** `this.name` in the class body (the member's own references: for a private member, all of them). */
function thisMembers(body: Node, name: string): Node[] {
  return descendants(body, 'member_expression').filter((member) => member.childForFieldName('object')?.type === 'this' && member.childForFieldName('property')?.text === name);
}

/**
 * A login inside a helper no other file can call — a `private`/`#` method, or a top-level function that is neither
 * exported nor handed out (`module.exports = { login }` is a reference, not a call) — whose every call in this file
 * only feeds what the rewrite replaced (`const s = await this.session()` read only by the cookie header, now
 * Authorization): those calls go, the helper goes, and so do the private fields only it used (the cached session).
 * Adds the edits and says whether it could.
 */
function removePrivateHelperInto(edits: Edit[], source: string, root: Node, login: Node, replaced: Edit[]): boolean {
  const helper = enclosingHelper(login);
  const name = helper?.childForFieldName('name');
  if (!helper || !name || !replaced.length) return false;
  const method = helper.type === 'method_definition';
  const body = method ? helper.parent : root;
  if (!body || (method ? !isPrivateMember(helper) : helper.parent?.type !== 'program')) return false;
  // A function that also sends the rewritten header is the program's work, not a login helper: it stays.
  if (replaced.some((edit) => helper.startIndex <= edit.start && edit.end <= helper.endIndex)) return false;
  const removed: Edit[] = [removeMember(source, helper)];
  const references = method
    ? thisMembers(body, name.text)
    : descendants(root, ['identifier', 'shorthand_property_identifier']).filter((node) => node.text === name.text);
  const calls = references.filter((node) => !covered(node, removed));
  for (const reference of calls) {
    const call = reference.parent;
    if (call?.type !== 'call_expression' || call.childForFieldName('function')?.id !== reference.id) return false;
    const statement = enclosingStatement(call, SHAPE);
    const dependents = statement && SHAPE.removable.has(statement.type) ? removeWithDependents(source, root, statement, SHAPE, replaced) : undefined;
    if (!dependents) return false;
    removed.push(...dependents);
  }
  if (!calls.length) return false;
  // The private fields nothing but the removed code touches (the session the helper cached).
  if (method) {
    for (const field of descendants(body, ['public_field_definition', 'field_definition'])) {
      const fieldName = field.childForFieldName('name') ?? field.childForFieldName('property');
      if (field.parent?.id !== body.id || !fieldName || !isPrivateMember(field)) continue;
      if (thisMembers(body, fieldName.text).every((member) => covered(member, removed))) removed.push(removeMember(source, field));
    }
  }
  edits.push(...removed);
  return true;
}

/** The note of a login that stays: a helper handing its answer to callers this file does not show says so. */
function refusalNote(call: Node, options: FixOptions): string {
  const helper = enclosingHelper(call);
  const name = helper?.childForFieldName('name')?.text;
  const returns = helper && descendants(helper, 'return_statement').some((ret) => ret.namedChildCount > 0 && ret.endIndex > call.endIndex);
  if (name && returns) {
    return `${name}() hands this login's answer (the session or its cookie) to callers this file does not show: make each of them send { ${authHeader(options)} } on its requests instead of the cookie, then delete ${name}() and its calls.`;
  }
  return `Remove this session login; send { ${authHeader(options)} } on the calls that used its cookie.`;
}

function connectorAuth(options: FixOptions): string {
  return `basic_auth: { email: process.env.${options.emailVar}, api_token: process.env.${options.tokenVar} }`;
}

/** jira-connector: `cookie_jar` → `basic_auth`; `jira.auth.login(…)` removed and `basic_auth` given to the client. */
function rewriteJiraConnector(source: string, root: Node, options: FixOptions, replaced: Edit[], notes: RewriteResult['notes']): Edit[] {
  const edits: Edit[] = [];
  const clients = descendants(root, 'new_expression').filter((call) => /^Jira(Client|Connector)$/.test(callParts(call).name));
  const optionsObjects = clients.map((call) => callParts(call).args[0]).filter((arg): arg is Node => arg?.type === 'object');
  for (const object of optionsObjects) {
    const jar = object.namedChildren.find((pair) => pair?.type === 'pair' && propertyName(pair.childForFieldName('key')) === 'cookie_jar');
    if (jar) edits.push(replaceNode(jar, connectorAuth(options)));
  }
  for (const call of descendants(root, 'call_expression')) {
    const callee = call.childForFieldName('function');
    if (callee?.type !== 'member_expression' || !/\.auth\.login$/.test(callee.text)) continue;
    const statement = enclosingStatement(call, SHAPE);
    const removed = statement && SHAPE.removable.has(statement.type) ? removeWithDependents(source, root, statement, SHAPE, replaced) : undefined;
    const target = optionsObjects.length === 1 ? optionsObjects[0] : undefined;
    if (!removed || !target) {
      notes.push({ line: lineOf(call), note: `Remove the session login and create the client with { ${connectorAuth(options)} }.` });
      continue;
    }
    edits.push(...removed);
    const hasAuth = target.namedChildren.some((pair) => pair?.type === 'pair' && /^(basic_auth|cookie_jar)$/.test(propertyName(pair.childForFieldName('key')) ?? ''));
    if (!hasAuth) {
      const last = target.namedChildren.filter((child): child is Node => child !== null).at(-1);
      edits.push(last ? { start: last.endIndex, end: last.endIndex, text: `, ${connectorAuth(options)}` } : { start: target.startIndex + 1, end: target.startIndex + 1, text: ` ${connectorAuth(options)} ` });
    }
  }
  return edits;
}
