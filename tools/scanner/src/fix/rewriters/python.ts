import type { Node } from 'web-tree-sitter';
import { callParts } from '../../syntax/nodes';
import { descendants, lineOf, mentionsSessionResource, removeStatement, replaceNode, type Edit, type FixOptions, type RewriteResult, type ScanHints } from '../edits';
import { enclosingStatement, fillBlock, removeWithDependents, unusedInputs, type StatementShape } from '../dependents';
import { insertBeforeFirst } from '../imports';
import { rewriteJiraSessionReads } from './python-jira-session';
import { rewritePycurlLogins } from './python-pycurl';
import { rewriteUrllibLogins } from './python-urllib';

const IMPORTS = new Set(['import_statement', 'import_from_statement']);
/** `from __future__ import …` must open the module: an added import goes after it. */
const FUTURE_IMPORTS = new Set(['future_import_statement']);

const SHAPE: StatementShape = {
  blocks: new Set(['module', 'block']),
  removable: new Set(['expression_statement']),
  emptyBlockFiller: 'pass',
  // `self.cookies`: an attribute the object keeps the session in, read by its other methods.
  identifierTypes: ['identifier', 'attribute'],
  definedNames(statement) {
    const assignment = statement.firstNamedChild;
    if (assignment?.type !== 'assignment' && assignment?.type !== 'augmented_assignment') return [];
    const left = assignment.childForFieldName('left');
    if (!left) return [];
    if (left.type === 'attribute') return selfAttribute(left) ? [left.text] : [];
    // `s.headers["Cookie"] = …` changes what `s` holds, it does not bind `s` anew: its readers do not depend on it.
    if (left.type === 'subscript') return [];
    return left.type === 'identifier' ? [left.text] : descendants(left, 'identifier').map((node) => node.text);
  },
  isReference(node) {
    const parent = node.parent;
    if (node.type === 'attribute') return selfAttribute(node) && !(parent?.type === 'assignment' && parent.childForFieldName('left')?.id === node.id);
    if (parent?.type === 'attribute' && parent.childForFieldName('attribute')?.id === node.id) return false;
    if (parent?.type === 'keyword_argument' && parent.childForFieldName('name')?.id === node.id) return false;
    // `response = requests.post(…)` binds `response` anew without reading it: a later request that reuses the
    // login's variable name ends what the login left there.
    if (parent?.type === 'assignment' && parent.childForFieldName('left')?.id === node.id) return false;
    return true;
  },
  // A name assigned in a function is its local (unless declared global/nonlocal there): only its body reads it;
  // an attribute of self is read by the class's other methods.
  isFailureCheck: isLoginFailureCheck,
  unwrapSuccessCheck,
  scopeOf(statement) {
    const left = statement.firstNamedChild?.childForFieldName('left');
    if (left?.type === 'attribute') return undefined;
    const body = enclosing(statement, 'function_definition');
    return body && !descendants(body, ['global_statement', 'nonlocal_statement']).length ? body : undefined;
  },
};

/** `<answer>.status_code` / `<answer>.ok` of a name the removed login defined. */
function answerStatus(node: Node | null, names: ReadonlySet<string>, field: string): boolean {
  return node?.type === 'attribute' && names.has(node.childForFieldName('object')?.text ?? '') && node.childForFieldName('attribute')?.text === field;
}

/** `r.status_code != 200`, `r.status_code not in (200, 204)`, `r.status_code >= 400`, `not r.ok`: true only when the login failed. */
function testsLoginFailure(condition: Node, names: ReadonlySet<string>): boolean {
  if (condition.type === 'parenthesized_expression' && condition.namedChildCount === 1) return testsLoginFailure(condition.namedChild(0) as Node, names);
  if (condition.type === 'not_operator') return answerStatus(condition.childForFieldName('argument'), names, 'ok');
  if (condition.type !== 'comparison_operator' || condition.namedChildCount !== 2) return false;
  const [left, right] = [condition.namedChild(0), condition.namedChild(1)];
  const operator = condition.children.filter((child) => child !== null && !child.isNamed).map((child) => child?.text).join(' ');
  if (!answerStatus(left, names, 'status_code') || !right) return false;
  const codes = right.type === 'integer' ? [right] : right.type === 'tuple' || right.type === 'list' ? right.namedChildren : [];
  if (!codes.length || !codes.every((code) => code?.type === 'integer')) return false;
  if (operator === '!=' || operator === 'not in') return true;
  return (operator === '>=' || operator === '>') && Number(right.text) >= 300 && right.type === 'integer';
}

/** A statement of a failure branch: it stops (raise, return, exit) or only reports (print, a logger call). */
function stopsOrReports(statement: Node | null): boolean {
  if (!statement || statement.type === 'comment') return true;
  if (['raise_statement', 'return_statement', 'pass_statement'].includes(statement.type)) return true;
  const call = statement.type === 'expression_statement' && statement.namedChildCount === 1 ? statement.firstNamedChild : null;
  const callee = call?.type === 'call' ? call.childForFieldName('function')?.text ?? '' : '';
  return /^(print|exit|quit|sys\.exit|(self\.)?(log|logger|_logger|LOG|LOGGER|logging)\.(debug|info|warning|warn|error|exception|critical))$/.test(callee);
}

/**
 * `if r.status_code != 200: raise …` (or `assert r.ok`) right after the login: it checks only that the login worked, so it goes with
 * it. An `if` with another branch, a test of anything else, or a branch that does more than stop or report stays.
 */
function isLoginFailureCheck(statement: Node, names: ReadonlySet<string>): boolean {
  // `assert r.status_code == 200` (a test's or a script's): it stops when the login failed, and checks nothing else.
  if (statement.type === 'assert_statement') return statement.namedChildCount === 1 && testsLoginSuccess(statement.namedChild(0) as Node, names);
  if (statement.type !== 'if_statement' || statement.childrenForFieldName('alternative').length) return false;
  const condition = statement.childForFieldName('condition');
  const body = statement.childForFieldName('consequence');
  return Boolean(condition && body && testsLoginFailure(condition, names) && body.namedChildren.every(stopsOrReports));
}

/** `r.status_code == 200`, `r.status_code in (200, 201)`, `r.ok`: true only when the login worked. */
function testsLoginSuccess(condition: Node, names: ReadonlySet<string>): boolean {
  if (condition.type === 'parenthesized_expression' && condition.namedChildCount === 1) return testsLoginSuccess(condition.namedChild(0) as Node, names);
  if (answerStatus(condition, names, 'ok')) return true;
  if (condition.type !== 'comparison_operator' || condition.namedChildCount !== 2) return false;
  const [left, right] = [condition.namedChild(0), condition.namedChild(1)];
  const operator = condition.children.filter((child) => child !== null && !child.isNamed).map((child) => child?.text).join(' ');
  const codes = right?.type === 'integer' ? [right] : right?.type === 'tuple' || right?.type === 'list' ? right.namedChildren : [];
  return answerStatus(left, names, 'status_code') && (operator === '==' || operator === 'in') && codes.length > 0 && codes.every((code) => code?.type === 'integer' && /^2\d\d$/.test(code.text));
}

/**
 * `if r.status_code == 200:` (no other branch) right after the login: with no login there is nothing to check, so
 * the `if` line goes and its body moves out one level, line by line (from the block's own indentation). A body
 * on the `if` line, or holding a string over several lines (its text would lose spaces), stays.
 */
function unwrapSuccessCheck(source: string, statement: Node, names: ReadonlySet<string>): { edits: Edit[]; body: Node[] } | undefined {
  if (statement.type !== 'if_statement' || statement.childrenForFieldName('alternative').length) return undefined;
  const condition = statement.childForFieldName('condition');
  const body = statement.childForFieldName('consequence');
  if (!condition || !body || !testsLoginSuccess(condition, names) || body.startPosition.row === statement.startPosition.row) return undefined;
  if (descendants(body, 'string').some((string) => string.startPosition.row !== string.endPosition.row)) return undefined;
  const lineStart = (index: number): number => source.lastIndexOf('\n', index - 1) + 1;
  const outer = source.slice(lineStart(statement.startIndex), statement.startIndex);
  const inner = source.slice(lineStart(body.startIndex), body.startIndex);
  if (inner.trim() || !inner.startsWith(outer) || inner.length === outer.length) return undefined;
  const edits: Edit[] = [{ start: lineStart(statement.startIndex), end: lineStart(body.startIndex), text: '' }];
  for (let at = lineStart(body.startIndex); at < body.endIndex; ) {
    if (source.startsWith(inner, at)) edits.push({ start: at + outer.length, end: at + inner.length, text: '' });
    const next = source.indexOf('\n', at);
    if (next === -1) break;
    at = next + 1;
  }
  return { edits, body: body.namedChildren.filter((child): child is Node => child !== null) };
}

/**
 * `async with session.post(<login>) as response:` whose body only checks that login (`if not response.ok: raise …`,
 * `response.raise_for_status()`): the whole block is the login.
 */
function onlyChecksLogin(statement: Node, call: Node): boolean {
  if (statement.type !== 'with_statement') return false;
  const items = descendants(statement.namedChild(0) as Node, 'with_item').filter((item) => item.parent?.parent?.id === statement.id);
  const value = items.length === 1 ? items[0]?.childForFieldName('value') : undefined;
  const login = value?.type === 'as_pattern' ? value.namedChild(0) : value;
  const alias = value?.type === 'as_pattern' ? value.childForFieldName('alias')?.text : undefined;
  if (login?.id !== call.id && !(login?.type === 'await' && login.namedChild(0)?.id === call.id)) return false;
  const names = new Set(alias ? [alias] : []);
  const body = statement.childForFieldName('body')?.namedChildren ?? [];
  return body.every(
    (child) => !child || ['comment', 'pass_statement'].includes(child.type) || isLoginFailureCheck(child, names) || (alias !== undefined && child.type === 'expression_statement' && child.text === `${alias}.raise_for_status()`),
  );
}

/** Every statement the removals take, besides the login itself, is an assignment (or a check of the login). */
function onlyBindings(root: Node, removed: Edit[], login: Node): boolean {
  return descendants(root, 'expression_statement')
    .filter((statement) => statement.id !== login.id && covered(statement, removed))
    .every((statement) => statement.firstNamedChild?.type === 'assignment' || Boolean(enclosing(statement, 'if_statement') && covered(enclosing(statement, 'if_statement') as Node, removed)));
}

/** `self.x` (one level: not `self.x.y`). */
function selfAttribute(node: Node): boolean {
  return node.childForFieldName('object')?.text === 'self' && node.childForFieldName('attribute')?.type === 'identifier';
}

function enclosing(node: Node, type: string): Node | undefined {
  for (let current = node.parent; current; current = current.parent) if (current.type === type) return current;
  return undefined;
}

function env(name: string): string {
  return `os.environ["${name}"]`;
}

function authHeader(options: FixOptions): string {
  if (options.bearer) return `"Bearer " + ${env(options.tokenVar)}`;
  return `"Basic " + base64.b64encode(f"{os.environ['${options.emailVar}']}:{os.environ['${options.tokenVar}']}".encode()).decode()`;
}

function hasImport(root: Node, module: string): boolean {
  return root.namedChildren.some((child) => child?.type === 'import_statement' && descendants(child, 'dotted_name').some((name) => name.text === module));
}

function stringContent(node: Node | null): string | undefined {
  if (node?.type !== 'string') return undefined;
  return descendants(node, 'string_content').map((part) => part.text).join('');
}

/** The line the scan reported for a call that spans several (the URL's line), else the call's first line. */
function findingLine(call: Node, hints: ScanHints): number {
  for (let line = lineOf(call); line <= call.endPosition.row + 1; line++) if (hints.loginLines.has(line)) return line;
  const mention = callParts(call).args.find((arg) => mentionsSessionResource(arg.text));
  return mention ? lineOf(mention) : lineOf(call);
}

/** The names the file's imports bind (`import httpx`, `import urllib.request as ur`, `from urllib import request`). */
function importedNames(root: Node): Set<string> {
  const names = new Set<string>();
  for (const statement of descendants(root, ['import_statement', 'import_from_statement'])) {
    for (const name of statement.childrenForFieldName('name')) {
      if (!name) continue;
      const bound = name.type === 'aliased_import' ? name.childForFieldName('alias')?.text : name.text.split('.')[0];
      if (bound) names.add(bound);
    }
  }
  return names;
}

/** Names a session client is made with here: `requests.Session`, httpx clients, and `Session` imported from requests. */
function sessionFactories(root: Node): Set<string> {
  const names = new Set(['requests.Session', 'requests.session', 'httpx.Client', 'httpx.AsyncClient']);
  for (const statement of descendants(root, 'import_from_statement')) {
    if (statement.childForFieldName('module_name')?.text !== 'requests') continue;
    for (const name of statement.childrenForFieldName('name')) if (name && /^(Session|session)$/.test(name.text)) names.add(name.text);
  }
  return names;
}

/**
 * For a name bound to an aiohttp session: the `aiohttp.ClientSession(…)` call that makes it (`s = …`, `async with
 * … as s`), or null when it is one but not made here (a parameter annotated `aiohttp.ClientSession`, or the file
 * uses aiohttp and no other client); undefined for any other session.
 */
function aiohttpSessionMaker(root: Node, name: string): Node | null | undefined {
  const isMaker = (node: Node | null | undefined): node is Node => node?.type === 'call' && /^(aiohttp\.)?ClientSession$/.test(node.childForFieldName('function')?.text ?? '');
  for (const pattern of descendants(root, 'as_pattern')) {
    const value = pattern.namedChild(0);
    if (pattern.childForFieldName('alias')?.text === name && isMaker(value)) return value;
  }
  for (const assignment of descendants(root, 'assignment')) {
    const right = assignment.childForFieldName('right');
    if (assignment.childForFieldName('left')?.text === name && isMaker(right)) return right;
  }
  const annotated = descendants(root, 'typed_parameter').some((parameter) => parameter.namedChild(0)?.text === name && (parameter.childForFieldName('type')?.text ?? '').includes('ClientSession'));
  const importsAiohttp = hasImport(root, 'aiohttp') || descendants(root, 'import_from_statement').some((statement) => statement.childForFieldName('module_name')?.text === 'aiohttp');
  const otherClients = hasImport(root, 'requests') || hasImport(root, 'httpx');
  return annotated || (importsAiohttp && !otherClients) ? null : undefined;
}

/** `auth=aiohttp.BasicAuth(email, token)` (`headers=` with --bearer) added to the `ClientSession(…)` call, unless it already has one. */
function aiohttpCredentials(maker: Node, options: FixOptions): Edit | undefined {
  const args = maker.childForFieldName('arguments');
  if (args?.type !== 'argument_list') return undefined;
  const keywords = args.namedChildren.filter((arg) => arg?.type === 'keyword_argument').map((arg) => arg?.childForFieldName('name')?.text);
  if (keywords.includes('auth') || keywords.includes('headers')) return undefined;
  const module = maker.childForFieldName('function')?.text.startsWith('aiohttp.') ? 'aiohttp.' : '';
  if (!module) return undefined;
  const credentials = options.bearer ? `headers={"Authorization": "Bearer " + ${env(options.tokenVar)}}` : `auth=aiohttp.BasicAuth(${env(options.emailVar)}, ${env(options.tokenVar)})`;
  const last = args.namedChildren.filter((arg): arg is Node => arg !== null).at(-1);
  return last ? { start: last.endIndex, end: last.endIndex, text: `, ${credentials}` } : { start: args.startIndex + 1, end: args.startIndex + 1, text: credentials };
}

/** `api = TrackerClient(…)`: a name this file binds to an object that is not a session client (its `.auth` means nothing to it). */
function boundToOtherClient(root: Node, receiver: Node): boolean {
  const factories = sessionFactories(root);
  const other = (node: Node | null | undefined): boolean => node?.type === 'call' && !factories.has(node.childForFieldName('function')?.text ?? '');
  return (
    descendants(root, 'assignment').some((assignment) => assignment.childForFieldName('left')?.text === receiver.text && other(assignment.childForFieldName('right'))) ||
    descendants(root, 'as_pattern').some((pattern) => pattern.childForFieldName('alias')?.text === receiver.text && other(pattern.namedChild(0)))
  );
}

/** Whether the class around `node` derives from a session client (`requests.Session`, `Session` from requests, httpx's). */
function isSessionClass(root: Node, node: Node): boolean {
  const klass = enclosing(node, 'class_definition');
  const factories = sessionFactories(root);
  const bases = klass?.childForFieldName('superclasses')?.namedChildren ?? [];
  return bases.some((base) => base !== null && factories.has(base.text));
}

/** `self.http` when the class makes it a requests session (or an httpx client): it can carry `.auth` itself. */
function isSessionAttribute(root: Node, receiver: Node): boolean {
  if (receiver.type !== 'attribute' || receiver.childForFieldName('object')?.text !== 'self') return false;
  const factories = sessionFactories(root);
  return descendants(root, 'assignment').some((assignment) => {
    const right = assignment.childForFieldName('right');
    return assignment.childForFieldName('left')?.text === receiver.text && right?.type === 'call' && factories.has(right.childForFieldName('function')?.text ?? '');
  });
}

const isComment = (node: Node | null): boolean => node?.type === 'comment';
const covered = (node: Node, edits: Edit[]): boolean => edits.some((edit) => edit.start <= node.startIndex && node.endIndex <= edit.end && edit.end > edit.start);

/** What removing a statement takes: the whole `if` when the statement is all its branch holds and the test only reads (`if self.cookies is None: <login>`). */
function removalTarget(statement: Node): Node {
  const block = statement.parent;
  const branch = block?.parent;
  if (block?.type !== 'block' || branch?.type !== 'if_statement' || branch.childrenForFieldName('alternative').length) return statement;
  const alone = block.namedChildren.filter((child) => child && !isComment(child)).length === 1;
  const condition = branch.childForFieldName('condition');
  return alone && condition && !descendants(condition, ['call', 'named_expression', 'await']).length ? branch : statement;
}

/**
 * Where a login statement keeps its answer: `self.<slot> = requests.post(…).cookies` gives the slot, a bare call
 * `''`; anything else (a local read by later statements) null, and the class is left to a person.
 */
function loginKeptIn(statement: Node): string | null {
  if (statement.type !== 'expression_statement') return null;
  const top = statement.firstNamedChild;
  if (top?.type === 'call' || top?.type === 'await') return '';
  const left = top?.type === 'assignment' ? top.childForFieldName('left') : null;
  return left?.type === 'attribute' && left.childForFieldName('object')?.text === 'self' ? (left.childForFieldName('attribute')?.text ?? null) : null;
}

/** `self.<name>` read (not assigned) anywhere in the file outside `skip`. */
function readsSelfAttribute(root: Node, name: string, skip: Edit[]): boolean {
  return descendants(root, 'attribute').some((attribute) => {
    if (attribute.childForFieldName('object')?.text !== 'self' || attribute.childForFieldName('attribute')?.text !== name) return false;
    const parent = attribute.parent;
    const assigned = parent?.type === 'assignment' && parent.childForFieldName('left')?.id === attribute.id;
    return !assigned && !covered(attribute, skip);
  });
}

/**
 * A requests `AuthBase` whose `__call__` attaches the cookie of a session login it makes (`r.prepare_cookies(…)`):
 * `__call__` attaches Basic credentials from the environment instead (`r.prepare_auth((email, token))`), the login
 * goes (with the `if` that only guarded it), and so do the `self.<attr>` assignments nothing reads any more (the
 * login URL, the credentials, the cookie slot). The constructor keeps its parameters: whoever builds the auth
 * object and hands it to `requests` is unchanged, and each request is sent as before, with Basic auth.
 */
function rewriteCookieAuthClasses(source: string, root: Node, options: FixOptions, isLogin: (call: Node) => boolean): { edits: Edit[]; logins: Set<number> } {
  const edits: Edit[] = [];
  const logins = new Set<number>();
  for (const klass of descendants(root, 'class_definition')) {
    if (!/\bAuthBase\b/.test(klass.childForFieldName('superclasses')?.text ?? '')) continue;
    const method = descendants(klass, 'function_definition').find((fn) => fn.childForFieldName('name')?.text === '__call__');
    const request = method?.childForFieldName('parameters')?.namedChildren[1];
    if (!method || request?.type !== 'identifier') continue;
    const attaches = descendants(method, 'call').filter((call) => {
      const { name, receiver } = callParts(call);
      return name === 'prepare_cookies' && receiver?.text === request.text && call.parent?.type === 'expression_statement';
    });
    const own = descendants(klass, 'call').filter(isLogin);
    const statements = own.map((call) => enclosingStatement(call, SHAPE));
    if (!attaches.length || !own.length || !statements.every((statement) => statement && loginKeptIn(statement) !== null)) continue;
    // The cookie slot the login fills must serve only the requests (a getter handing it out would now get None).
    const slots = statements.map((statement) => loginKeptIn(statement as Node)).filter((slot): slot is string => Boolean(slot));
    const replaced = attaches.map((call) =>
      options.bearer ? replaceNode(call.parent as Node, `${request.text}.headers["Authorization"] = ${authHeader(options)}`) : replaceNode(call, `${request.text}.prepare_auth((${env(options.emailVar)}, ${env(options.tokenVar)}))`),
    );
    const removed = statements.map((statement) => removeStatement(source, removalTarget(statement as Node)));
    if (slots.some((slot) => readsSelfAttribute(root, slot, [...removed, ...replaced]))) continue;
    const removedNodes: Node[] = statements.map((statement) => removalTarget(statement as Node));
    // Attribute assignments only the removed code read; one removal can free another (the URL the login read).
    for (let changed = true; changed; ) {
      changed = false;
      for (const assignment of descendants(klass, 'assignment')) {
        const left = assignment.childForFieldName('left');
        const statement = assignment.parent;
        if (left?.type !== 'attribute' || left.childForFieldName('object')?.text !== 'self' || statement?.type !== 'expression_statement' || removedNodes.some((node) => node.startIndex <= statement.startIndex && statement.endIndex <= node.endIndex)) continue;
        if (readsSelfAttribute(root, left.childForFieldName('attribute')?.text ?? '', [...removed, ...replaced])) continue;
        removed.push(removeStatement(source, statement));
        removedNodes.push(statement);
        changed = true;
      }
    }
    // A method body left without a statement gets `pass`.
    const filled: Edit[] = [];
    for (const block of descendants(klass, 'block')) {
      const statementsLeft = block.namedChildren.filter((child): child is Node => child !== null && !isComment(child));
      const inRemoved = (node: Node): boolean => removedNodes.some((other) => other.startIndex <= node.startIndex && node.endIndex <= other.endIndex);
      if (inRemoved(block) || !statementsLeft.every(inRemoved)) continue;
      const mine = removed.filter((edit) => edit.start >= source.lastIndexOf('\n', block.startIndex) && edit.end <= block.endIndex + 1).sort((a, b) => a.start - b.start);
      const [first] = fillBlock(source, mine, 'pass');
      if (first) filled.push(first);
    }
    edits.push(...replaced, ...removed.filter((edit) => !filled.some((fill) => fill.start === edit.start && fill.end === edit.end)), ...filled);
    for (const call of own) logins.add(call.id);
  }
  return { edits, logins };
}

/** A name bound here to a requests/httpx session (`s = requests.Session()`, `with requests.Session() as s`). */
function madeSession(root: Node, receiver: Node): boolean {
  if (receiver.type !== 'identifier') return false;
  const factories = sessionFactories(root);
  const made = (node: Node | null | undefined): boolean => node?.type === 'call' && factories.has(node.childForFieldName('function')?.text ?? '');
  return (
    descendants(root, 'assignment').some((assignment) => assignment.childForFieldName('left')?.text === receiver.text && made(assignment.childForFieldName('right'))) ||
    descendants(root, 'as_pattern').some((pattern) => pattern.childForFieldName('alias')?.text === receiver.text && made(pattern.namedChild(0)))
  );
}

/** Whether a function's name is called for its effect only: `name(…)` / `x.name(…)` as a whole statement. */
export function isDiscardedCall(node: Node): boolean {
  const callee = node.parent?.type === 'attribute' && node.parent.childForFieldName('attribute')?.id === node.id ? node.parent : node;
  const call = callee.parent;
  return call?.type === 'call' && call.childForFieldName('function')?.id === callee.id && call.parent?.type === 'expression_statement';
}

/**
 * `return session.post(<login>)` in a private helper (`_login`, a name other modules leave alone) that this file
 * calls only for its effect (`self._login(…)` as a statement): nobody reads the response, so the return can become
 * `session.auth = (email, token)` and every call on that session authenticates.
 */
function returnedLoginOfPrivateHelper(root: Node, statement: Node, discardedAnswers?: ReadonlySet<string>): boolean {
  if (statement.type !== 'return_statement') return false;
  const fn = enclosing(statement, 'function_definition');
  const name = fn?.childForFieldName('name')?.text;
  if (!fn || !name || fn.childForFieldName('body')?.id !== statement.parent?.id) return false;
  // A public one whose every call in the scanned tree discards the answer (cross-file.ts checked them all).
  if (discardedAnswers?.has(name) && !name.startsWith('__')) return true;
  if (!name.startsWith('_') || name.startsWith('__')) return false;
  const references = [...descendants(root, 'identifier'), ...descendants(root, 'attribute').map((attribute) => attribute.childForFieldName('attribute')).filter((node): node is Node => node !== null)].filter(
    (node) => node.text === name && node.id !== fn.childForFieldName('name')?.id,
  );
  return references.length > 0 && references.every(isDiscardedCall);
}

/** A top-level definition with the blank lines after it, when blank lines precede it too (the paragraph break stays). */
export function removeDefinition(source: string, definition: Node): Edit {
  const edit = removeStatement(source, definition);
  let end = edit.end;
  while (source[end] === '\n' && source[edit.start - 1] === '\n' && source[edit.start - 2] === '\n') end++;
  return { ...edit, end };
}

/**
 * A module-private login helper (`def _login(…)`, Python's convention for "not imported elsewhere") that hands the
 * session's answer or cookie back, when every call of it in this file only feeds what the rewrite already replaced
 * (`jar = _login(…)` read only by `cookies=jar`, now `auth=`): those calls and the helper go. A public helper, one
 * called in any other way, or a file that sends no credentials instead keeps the note.
 */
function removePrivateHelper(source: string, root: Node, login: Node, replaced: Edit[]): Edit[] | undefined {
  const fn = enclosing(login, 'function_definition');
  const definition = fn?.parent?.type === 'decorated_definition' ? fn.parent : fn;
  const name = fn?.childForFieldName('name')?.text;
  if (!fn || !definition || definition.parent?.type !== 'module' || !name?.startsWith('_') || name.startsWith('__') || !replaced.length) return undefined;
  const edits: Edit[] = [removeDefinition(source, definition)];
  for (const identifier of descendants(root, 'identifier')) {
    if (identifier.text !== name || covered(identifier, edits) || !SHAPE.isReference(identifier)) continue;
    const call = identifier.parent;
    if (call?.type !== 'call' || call.childForFieldName('function')?.id !== identifier.id) return undefined;
    const statement = enclosingStatement(call, SHAPE);
    const top = statement?.type === 'expression_statement' ? statement.firstNamedChild : null;
    if (!statement || !(top?.id === call.id || (top?.type === 'assignment' && top.childForFieldName('right')?.id === call.id))) return undefined;
    const removed = removeWithDependents(source, root, statement, SHAPE, replaced);
    if (!removed) return undefined;
    edits.push(...removed);
  }
  return edits.length > 1 ? edits : undefined;
}

const GENERAL_NOTE = 'Remove this session login and pass auth=(email, api_token) on the calls that used its cookie.';

/**
 * Why a login stays, in the words a person needs: a function that hands the login's answer (or its cookie) to
 * callers this file does not show, or a session object that comes from elsewhere, says where the credentials go.
 */
function refusalNote(call: Node, statement: Node | undefined, options: FixOptions, isSession: (receiver: Node) => boolean): string {
  const pair = `(${env(options.emailVar)}, ${env(options.tokenVar)})`;
  const credentials = options.bearer ? `headers={"Authorization": "Bearer " + ${env(options.tokenVar)}}` : `auth=${pair}`;
  const fn = enclosing(call, 'function_definition');
  const name = fn?.childForFieldName('name')?.text;
  const { name: method, receiver } = callParts(call);
  // A value returned after the login: its answer, its cookie, or what was made of them.
  const returns = Boolean(fn && statement && descendants(fn, 'return_statement').some((ret) => ret.namedChildCount > 0 && ret.endIndex >= statement.endIndex));
  const parametersOf = (definition: Node | undefined): Node[] => (definition ? (definition.childForFieldName('parameters')?.namedChildren ?? []).filter((node): node is Node => node !== null) : []);
  const parameterNamed = (definition: Node | undefined, text: string): Node | undefined => parametersOf(definition).find((node) => (node.type === 'identifier' ? node.text : node.namedChild(0)?.text) === text);
  // The session object comes from the caller: a parameter, or `self.x` the constructor took from one.
  let handedIn = receiver?.type === 'identifier' ? parameterNamed(fn, receiver.text) : undefined;
  const klass = fn ? enclosing(fn, 'class_definition') : undefined;
  if (!handedIn && receiver?.type === 'attribute' && receiver.childForFieldName('object')?.text === 'self' && klass) {
    const init = descendants(klass, 'function_definition').find((definition) => definition.childForFieldName('name')?.text === '__init__');
    const assignment = init ? descendants(init, 'assignment').find((node) => node.childForFieldName('left')?.text === receiver.text) : undefined;
    const right = assignment?.childForFieldName('right');
    if (right?.type === 'identifier') handedIn = parameterNamed(init, right.text);
  }
  const aiohttp = Boolean(handedIn?.text.includes('aiohttp'));
  if (method === 'delete') {
    return `This ends the cookie session (a logout); API tokens have no session to end: delete this call${name && returns ? `, and make ${name}() return what its callers expect without it` : ''}.`;
  }
  if (handedIn && receiver) {
    const made = aiohttp ? `aiohttp.ClientSession(auth=aiohttp.BasicAuth(${env(options.emailVar)}, ${env(options.tokenVar)}))` : `its .auth = ${pair} (a requests.Session)`;
    return `The session \`${receiver.text}\` comes from the code that calls ${klass && receiver.type === 'attribute' ? `${klass.childForFieldName('name')?.text}(…)` : `${name}()`}: give it the credentials where it is made (${made}), then delete this login and its calls.`;
  }
  // `ctx.obj["connect"].post(…)`, `clients["jira"].post(…)`: a session kept in a container, made elsewhere.
  if (receiver?.type === 'subscript' && (method === 'post' || method === 'request')) {
    return `The session \`${receiver.text}\` is kept in a container and made elsewhere: give it the credentials where it is made (its .auth = ${pair} (a requests.Session)), then delete this login.`;
  }
  if (name && statement?.type === 'return_statement' && receiver && isSession(receiver)) {
    return `${name}() returns the login's response to callers this file does not show: put \`${options.bearer ? `${receiver.text}.headers["Authorization"] = ${authHeader(options)}` : `${receiver.text}.auth = ${pair}`}\` in place of this return (every call on ${receiver.text} then authenticates) once no caller reads that response (it would get None).`;
  }
  if (name && returns) return `${name}() hands this login's answer (the session or its cookie) to callers this file does not show: make each of them send ${credentials} on its requests (a requests.Session: set its .auth once), then delete ${name}() and its calls.`;
  return GENERAL_NOTE;
}

const SESSION_COOKIE_NAMES = /^(JSESSIONID|cloud\.session\.token|studio\.crowd\.tokenkey)$/;

/**
 * A session's cookie jar filled with the login's cookie (`s.cookies.set("JSESSIONID", …)`, `s.cookies.update(r.cookies)`,
 * `s.cookies["JSESSIONID"] = …`, `s.cookies = r.cookies`): the statement sets the session's credentials instead (`s.auth`, or its
 * Authorization header with --bearer).
 */
function sessionCookieJars(root: Node, options: FixOptions, isSession: (receiver: Node) => boolean): Edit[] {
  const edits: Edit[] = [];
  const credentials = (session: Node): string =>
    options.bearer ? `${session.text}.headers["Authorization"] = ${authHeader(options)}` : `${session.text}.auth = (${env(options.emailVar)}, ${env(options.tokenVar)})`;
  for (const statement of descendants(root, 'expression_statement')) {
    const expression = statement.firstNamedChild;
    if (!expression || statement.namedChildCount !== 1) continue;
    let jar: Node | null | undefined;
    if (expression.type === 'call') {
      const callee = expression.childForFieldName('function');
      const method = callee?.type === 'attribute' ? callee.childForFieldName('attribute')?.text : undefined;
      const args = expression.childForFieldName('arguments')?.namedChildren.filter((arg): arg is Node => arg !== null) ?? [];
      const fills = (method === 'set' && args.length >= 2 && SESSION_COOKIE_NAMES.test(stringContent(args[0] ?? null) ?? '')) || (method === 'update' && args.length === 1);
      jar = fills && callee ? callee.childForFieldName('object') : undefined;
    } else if (expression.type === 'assignment') {
      const left = expression.childForFieldName('left');
      // `s.cookies["JSESSIONID"] = …`, or the whole jar replaced: `s.cookies = r.cookies`.
      if (left?.type === 'attribute') jar = left;
      else jar = left?.type === 'subscript' && SESSION_COOKIE_NAMES.test(stringContent(left.childForFieldName('subscript')) ?? '') ? left.childForFieldName('value') : undefined;
    }
    const session = jar?.type === 'attribute' && jar.childForFieldName('attribute')?.text === 'cookies' ? jar.childForFieldName('object') : undefined;
    if (session && isSession(session)) edits.push(replaceNode(statement, credentials(session)));
  }
  return edits;
}

/**
 * `s.cookies` read after the login (`return s.cookies`, `jar = s.cookies`): the session's cookie is handed on,
 * so credentials set on `s` would not reach whoever reads it. The line of the first such read, if any.
 */
function cookiesHandedOn(root: Node, receiver: Node, statement: Node, replaced: Edit[]): number | undefined {
  const scope = enclosing(statement, 'function_definition') ?? root;
  const read = descendants(scope, 'attribute').find((attribute) => {
    if (attribute.startIndex < statement.endIndex || attribute.childForFieldName('object')?.text !== receiver.text || attribute.childForFieldName('attribute')?.text !== 'cookies') return false;
    const parent = attribute.parent;
    const assigned = parent?.type === 'assignment' && parent.childForFieldName('left')?.id === attribute.id;
    return !assigned && !covered(attribute, replaced);
  });
  return read ? lineOf(read) : undefined;
}

/**
 * The method a call sends: `post` for `s.request("POST", …)` / `requests.request("POST", …)` on requests, httpx or
 * a session this file makes (not on other objects with a `request` method, such as http.client's connections,
 * whose answer is read apart from the call); otherwise the call's own name.
 */
function httpVerb(root: Node, call: Node): string {
  const { name, receiver, args } = callParts(call);
  // A GET that sends the password (`auth=`, `params={"os_password": …}`) signs in: its Set-Cookie is the session.
  const signsIn = name === 'get' && args.some((arg) => arg.type === 'keyword_argument' && (arg.childForFieldName('name')?.text === 'auth' || (arg.childForFieldName('name')?.text === 'params' && /os_password/.test(arg.text))));
  const verb = name === 'request' ? stringContent(args[0] ?? null)?.toLowerCase() : signsIn ? 'post' : undefined;
  if (!verb || !receiver) return name;
  const onHttpClient = receiver.text === 'requests' || receiver.text === 'httpx' || madeSession(root, receiver) || isSessionAttribute(root, receiver);
  return onHttpClient ? verb : name;
}

/** `python` rewrites: the `jira` package's cookie auth, `kill_session()`, and `requests` session logins with their cookie. */
export function rewritePython(source: string, root: Node, options: FixOptions, hints: ScanHints): RewriteResult {
  const edits: Edit[] = [];
  const notes: RewriteResult['notes'] = [];
  const needs = new Set<string>();
  const basicPair = `(${env(options.emailVar)}, ${env(options.tokenVar)})`;
  const isLogin = (call: Node): boolean => {
    const { args } = callParts(call);
    const name = httpVerb(root, call);
    if (hints.helperLogins?.has(name) && hints.loginLines.has(lineOf(call))) return true;
    return (name === 'post' || name === 'delete') && (hints.loginLines.has(lineOf(call)) || args.some((arg) => mentionsSessionResource(arg.text)));
  };
  const sessionReads = rewriteJiraSessionReads(root);
  edits.push(...sessionReads.edits);
  notes.push(...sessionReads.notes);
  const authClasses = rewriteCookieAuthClasses(source, root, options, isLogin);
  if (authClasses.edits.length) needs.add('os');
  edits.push(...authClasses.edits);

  for (const call of descendants(root, 'call')) {
    const { name, args } = callParts(call);
    if (name === 'JIRA') {
      const auth = args.find((arg) => arg.type === 'keyword_argument' && arg.childForFieldName('name')?.text === 'auth');
      if (auth) {
        edits.push(replaceNode(auth, options.bearer ? `token_auth=${env(options.tokenVar)}` : `basic_auth=${basicPair}`));
        needs.add('os');
      }
    }
    if (name === 'kill_session' && call.parent?.type === 'expression_statement') {
      const statement = enclosingStatement(call, SHAPE);
      if (statement) {
        const removed = removeWithDependents(source, root, statement, SHAPE, []);
        if (removed) edits.push(...removed);
      }
    }
    // A session cookie handed to a call: `cookies=…` → `auth=(email, token)`.
    const cookies = args.find((arg) => arg.type === 'keyword_argument' && arg.childForFieldName('name')?.text === 'cookies');
    if (cookies && name !== 'JIRA' && name !== 'Jira' && !options.bearer) {
      edits.push(replaceNode(cookies, `auth=${basicPair}`));
      needs.add('os');
    }
  }

  // `kwargs["auth"] = (user, password)` handed to `JIRA(**kwargs)`.
  const callsJira = descendants(root, 'call').some((call) => callParts(call).name === 'JIRA');
  for (const assignment of descendants(root, 'assignment')) {
    const left = assignment.childForFieldName('left');
    const subscript = left?.type === 'subscript' ? left.childForFieldName('subscript') : null;
    const right = assignment.childForFieldName('right');
    if (!callsJira || !subscript || !right || stringContent(subscript) !== 'auth') continue;
    edits.push(replaceNode(subscript, options.bearer ? '"token_auth"' : '"basic_auth"'));
    edits.push(replaceNode(right, options.bearer ? env(options.tokenVar) : basicPair));
    needs.add('os');
  }

  // `{"Cookie": "%s=%s" % …}` → an Authorization header.
  const replaced: Edit[] = [];
  for (const pair of descendants(root, 'pair')) {
    if (stringContent(pair.childForFieldName('key'))?.toLowerCase() !== 'cookie') continue;
    const value = pair.childForFieldName('value');
    if (!value) continue;
    replaced.push({ start: pair.startIndex, end: value.endIndex, text: `"Authorization": ${authHeader(options)}` });
    needs.add('os');
    if (!options.bearer) needs.add('base64');
  }
  // `headers["Cookie"] = …`, `s.headers["Cookie"] = …` → the Authorization header in its place.
  for (const assignment of descendants(root, 'assignment')) {
    const left = assignment.childForFieldName('left');
    const key = left?.type === 'subscript' ? left.childForFieldName('subscript') : null;
    const right = assignment.childForFieldName('right');
    if (!key || !right || stringContent(key)?.toLowerCase() !== 'cookie') continue;
    replaced.push(replaceNode(key, '"Authorization"'), replaceNode(right, authHeader(options)));
    if (!options.bearer) needs.add('base64');
  }
  replaced.push(...sessionCookieJars(root, options, (receiver) => madeSession(root, receiver) || isSessionAttribute(root, receiver)));
  if (replaced.length) needs.add('os');
  edits.push(...replaced);
  replaced.push(...edits.filter((edit) => edit.text.startsWith('auth=')));

  const pycurlEdits = rewritePycurlLogins(source, root, SHAPE, { userpwd: `f"{os.environ['${options.emailVar}']}:{os.environ['${options.tokenVar}']}"`, bearer: options.bearer ? `"Authorization: Bearer " + ${env(options.tokenVar)}` : undefined }, hints);
  if (pycurlEdits.length) {
    edits.push(...pycurlEdits);
    needs.add('os');
  }
  const urllibLogins = rewriteUrllibLogins(source, root, SHAPE, authHeader(options), hints, replaced);
  if (urllibLogins.edits.length) {
    edits.push(...urllibLogins.edits);
    needs.add('os');
    if (!options.bearer) needs.add('base64');
  }

  // A GET of the session reads who is signed in; the answer's shape differs from /rest/api/2/myself's (loginInfo).
  for (const call of descendants(root, 'call')) {
    const { name, args } = callParts(call);
    if (name !== 'get' || !(hints.loginLines.has(lineOf(call)) || args.some((arg) => mentionsSessionResource(arg.text)))) continue;
    notes.push({
      line: findingLine(call, hints),
      note: `This GET reads the session resource (who is signed in): read ${'"/rest/api/2/myself"'} instead, with ${options.bearer ? `headers={"Authorization": "Bearer " + ${env(options.tokenVar)}}` : `auth=${basicPair}`} (its answer has name, emailAddress and displayName, not the session's loginInfo: check what the code reads).`,
    });
  }

  // The session login itself: removed, with what only served it; a `requests.Session` gets `.auth` instead.
  for (const call of descendants(root, 'call')) {
    const { receiver } = callParts(call);
    const name = httpVerb(root, call);
    if (!isLogin(call) || authClasses.logins.has(call.id) || urllibLogins.logins.has(call.id)) continue;
    const statement = enclosingStatement(call, SHAPE);
    const removed = statement && SHAPE.removable.has(statement.type) ? removeWithDependents(source, root, statement, SHAPE, replaced) : statement && onlyChecksLogin(statement, call) ? [removeStatement(source, statement)] : undefined;
    // A GET that signs in goes only when what goes with it just binds names (its cookie, taken apart): one that
    // prints or otherwise uses the answer reads who is signed in, and keeps the note for that.
    const top = statement?.firstNamedChild;
    const bare = top?.id === call.id || (top?.type === 'assignment' && top.childForFieldName('right')?.id === call.id);
    if (removed && statement && callParts(call).name === 'get' && !(bare && onlyBindings(root, removed, statement))) continue;
    const helper = !removed ? removePrivateHelper(source, root, call, replaced) : undefined;
    if (helper) {
      edits.push(...helper);
      continue;
    }
    const privateReturn = !removed && statement && receiver && name === 'post' && (isSessionAttribute(root, receiver) || madeSession(root, receiver)) ? returnedLoginOfPrivateHelper(root, statement, hints.discardedAnswers) : false;
    if (privateReturn && statement && receiver) {
      edits.push(replaceNode(statement, options.bearer ? `${receiver.text}.headers["Authorization"] = ${authHeader(options)}` : `${receiver.text}.auth = ${basicPair}`));
      needs.add('os');
      continue;
    }
    if (!statement || !removed) {
      notes.push({ line: findingLine(call, hints), note: refusalNote(call, statement, options, (node) => isSessionAttribute(root, node)) });
      continue;
    }
    // An aiohttp session takes its credentials when it is made (setting `.auth` on it afterwards does nothing).
    const aiohttpMaker = receiver?.type === 'identifier' ? aiohttpSessionMaker(root, receiver.text) : undefined;
    if (name === 'post' && receiver?.type === 'identifier' && aiohttpMaker !== undefined) {
      const credentials = aiohttpMaker ? aiohttpCredentials(aiohttpMaker, options) : undefined;
      if (!credentials) {
        notes.push({ line: findingLine(call, hints), note: `\`${receiver.text}\` is an aiohttp session: make it with aiohttp.ClientSession(auth=aiohttp.BasicAuth(${env(options.emailVar)}, ${env(options.tokenVar)})), then delete this login.` });
        continue;
      }
      edits.push(credentials, ...removed);
      needs.add('os');
      continue;
    }
    // `httpx.post(…)`, `requests.post(…)`: a module, not a session (setting `.auth` on it would do nothing).
    // `self.post(…)` is a session only in a class that is one (`class Jira(requests.Session)`), not through a helper of its own.
    const sessionReceiver =
      receiver &&
      ((receiver.type === 'identifier' && receiver.text !== 'requests' && !importedNames(root).has(receiver.text) && (receiver.text !== 'self' || isSessionClass(root, call)) && !boundToOtherClient(root, receiver)) || isSessionAttribute(root, receiver));
    // A login removed while nothing sends the credentials instead would leave the later calls anonymous; calls
    // that already pass `auth=` (HTTPBasicAuth, a tuple) need no login.
    const authenticated = descendants(root, 'keyword_argument').some((argument) => argument.childForFieldName('name')?.text === 'auth' && (argument.startIndex < statement.startIndex || argument.endIndex > statement.endIndex));
    if ((name === 'post' || hints.helperLogins?.has(name)) && !sessionReceiver && !replaced.length && !authenticated) {
      notes.push({ line: findingLine(call, hints), note: refusalNote(call, statement, options, (node) => isSessionAttribute(root, node)) });
      continue;
    }
    const handedOn = name === 'post' && receiver && sessionReceiver ? cookiesHandedOn(root, receiver, statement, replaced) : undefined;
    if (receiver && handedOn !== undefined) {
      notes.push({
        line: findingLine(call, hints),
        note: `The session's cookie is handed on (\`${receiver.text}.cookies\` at line ${handedOn}): credentials set on ${receiver.text} would not reach whoever reads it. Send auth=${basicPair} where that cookie is used, then delete this login.`,
      });
      continue;
    }
    if (name === 'post' && receiver && sessionReceiver) {
      const indent = source.slice(source.lastIndexOf('\n', statement.startIndex - 1) + 1, statement.startIndex);
      const credentials = options.bearer ? `${receiver.text}.headers["Authorization"] = ${authHeader(options)}` : `${receiver.text}.auth = ${basicPair}`;
      const [login] = removed;
      if (login) removed[0] = { ...login, text: `${indent}${credentials}\n` };
      needs.add('os');
    }
    // What only fed the login (its credentials, its body) goes with it: a hard-coded password with them.
    edits.push(...removed, ...unusedInputs(source, root, statement, SHAPE, removed.map((edit) => ({ ...edit, text: '' }))));
  }

  if (edits.length) {
    for (const module of ['base64', 'os']) if (needs.has(module) && !hasImport(root, module)) edits.push(insertBeforeFirst(source, root, IMPORTS, `import ${module}`, FUTURE_IMPORTS));
  }
  return { edits, notes };
}
