import type { Node } from 'web-tree-sitter';
import { enclosingStatement, fillBlock, removeWithDependents, unusedInputs, type StatementShape } from '../dependents';
import { descendants, type Edit, type FixOptions, insideEdits, type ScanHints } from '../edits';
import { isCookieHeaderName } from '../header-calls';
import { linesReturningAnswer, loginStatements } from '../login-statements';
import { commonOrigin, elsewhereNote, firstElsewhere, type Origin } from '../same-origin';
import { URL_GRAMMARS, urlOrigin } from '../url-origins';

const FUNCTIONS = new Set(['function_declaration', 'method_declaration', 'func_literal']);
const DECLARING = new Set(['short_var_declaration', 'assignment_statement']);

/** The names on the left of `a, b := …` / `a, b = …` (an identifier, not `x.f` or `m[k]`). */
function leftNames(statement: Node): Node[] {
  const left = statement.childForFieldName('left');
  return (left?.namedChildren ?? []).filter((name): name is Node => name?.type === 'identifier' && name.text !== '_');
}

/** `c.cookie = …`: a field of a variable (the method's receiver) the session is kept in, read by other methods. */
function leftFields(statement: Node): Node[] {
  if (statement.type !== 'assignment_statement') return [];
  const left = statement.childForFieldName('left');
  return (left?.namedChildren ?? []).filter((name): name is Node => name?.type === 'selector_expression' && name.childForFieldName('operand')?.type === 'identifier');
}

const SHAPE: StatementShape = {
  blocks: new Set(['block', 'statement_list']),
  removable: new Set(['short_var_declaration', 'assignment_statement', 'expression_statement', 'var_declaration', 'if_statement', 'defer_statement', 'for_statement']),
  identifierTypes: ['identifier', 'selector_expression'],
  definedNames(statement) {
    const own = DECLARING.has(statement.type) ? [...leftNames(statement), ...leftFields(statement)] : [];
    const nested = descendants(statement, [...DECLARING]).flatMap(leftNames);
    const specs = descendants(statement, 'var_spec').flatMap((spec) => (spec.childForFieldName('name') ? [spec.childForFieldName('name') as Node] : []));
    return [...new Set([...own, ...nested, ...specs].map((name) => name.text))];
  },
  isReference(node) {
    const parent = node.parent;
    if (parent?.type === 'var_spec' && parent.childForFieldName('name')?.id === node.id) return false;
    const statement = parent?.parent;
    return !(parent?.type === 'expression_list' && statement && DECLARING.has(statement.type) && statement.childForFieldName('left')?.id === parent.id);
  },
  // Go's locals belong to their function: another function's `err` or `resp` is no reader; a field, to the file.
  scopeOf(statement) {
    if (leftFields(statement).length) return undefined;
    let node: Node | null = statement.parent;
    while (node && !FUNCTIONS.has(node.type)) node = node.parent;
    return node ?? undefined;
  },
};

function argumentsOf(call: Node): Node[] {
  return call.childForFieldName('arguments')?.namedChildren.filter((arg): arg is Node => arg !== null && arg.type !== 'comment') ?? [];
}

/** `x.f(…)`: x and f. */
function selectorOf(call: Node): { operand: Node; field: Node } | undefined {
  const callee = call.childForFieldName('function');
  const operand = callee?.type === 'selector_expression' ? callee.childForFieldName('operand') : null;
  const field = callee?.childForFieldName('field');
  return operand && field ? { operand, field } : undefined;
}

function env(name: string): string {
  return `os.Getenv("${name}")`;
}

/** The statement setting the credentials on a net/http request `req`. */
function requestAuth(request: string, options: FixOptions): string {
  return options.bearer ? `${request}.Header.Set("Authorization", "Bearer "+${env(options.tokenVar)})` : `${request}.SetBasicAuth(${env(options.emailVar)}, ${env(options.tokenVar)})`;
}

/** The resty step (Request or Client) setting the credentials. */
function restyAuth(options: FixOptions): string {
  return options.bearer ? `SetAuthToken(${env(options.tokenVar)})` : `SetBasicAuth(${env(options.emailVar)}, ${env(options.tokenVar)})`;
}

/**
 * `for _, c := range resp.Cookies() { req.AddCookie(c) }`: a loop that only copies the login's cookies onto a request,
 * replaced as a whole (its body alone would leave the loop reading the removed answer).
 */
function copyLoop(call: Node): Node | undefined {
  const statement = call.parent;
  const body = statement?.parent;
  const loop = body?.parent;
  if (statement?.type !== 'expression_statement' || loop?.type !== 'for_statement') return undefined;
  const statements = body?.namedChildren.filter((child) => child && child.type !== 'comment') ?? [];
  return statements.length === 1 && /\.Cookies\(\)/.test(loop.namedChildren.find((child) => child?.type === 'range_clause')?.text ?? '') ? loop : undefined;
}

/**
 * What carried the session cookie, rewritten to send the credentials: net/http `req.AddCookie(c)` and
 * `req.Header.Set("Cookie", v)` → `req.SetBasicAuth(…)`; resty `.SetCookies(…)`, `.SetCookie(…)`,
 * `.SetHeader("Cookie", …)` (on a request or the client) → `.SetBasicAuth(…)`.
 */
function cookieCarriers(root: Node, options: FixOptions): Edit[] {
  const edits: Edit[] = [];
  for (const call of descendants(root, 'call_expression')) {
    const selector = selectorOf(call);
    const args = argumentsOf(call);
    const name = selector?.field.text;
    if (!selector || !name) continue;
    const headerOf = selector.operand.type === 'selector_expression' && selector.operand.childForFieldName('field')?.text === 'Header' ? selector.operand.childForFieldName('operand') : null;
    if (name === 'AddCookie' && args.length === 1) {
      const loop = copyLoop(call);
      const target = loop ?? call;
      edits.push({ start: target.startIndex, end: target.endIndex, text: requestAuth(selector.operand.text, options) });
    } else if ((name === 'Set' || name === 'Add') && headerOf && args.length === 2 && args[0] && isCookieHeaderName(args[0])) {
      edits.push({ start: call.startIndex, end: call.endIndex, text: requestAuth(headerOf.text, options) });
    } else if ((/^SetCookies?$/.test(name) && args.length === 1) || (name === 'SetHeader' && args.length === 2 && args[0] && isCookieHeaderName(args[0]))) {
      const list = call.childForFieldName('arguments');
      if (list) edits.push({ start: selector.field.startIndex, end: list.endIndex, text: restyAuth(options) });
    }
  }
  return edits;
}

/**
 * The resty client a login statement posts through (`client.R()….Post(…)`, `c.http.R()…`), when the file makes it
 * with `resty.New()` or types it `*resty.Client`: its cookie jar carries the session to the later requests.
 */
function restyClientOf(root: Node, statement: Node, known?: Node): string | undefined {
  const post = descendants(statement, 'call_expression').find((call) => /^(Post|Execute)$/.test(selectorOf(call)?.field.text ?? ''));
  let receiver: Node | undefined = post;
  while (receiver?.type === 'call_expression' && selectorOf(receiver)?.field.text !== 'R') receiver = selectorOf(receiver)?.operand;
  const client = known ?? (receiver?.type === 'call_expression' ? selectorOf(receiver)?.operand : undefined);
  if (!client || !/^(identifier|selector_expression)$/.test(client.type)) return undefined;
  const name = client.type === 'identifier' ? client.text : client.childForFieldName('field')?.text;
  const made = descendants(root, 'short_var_declaration').some((declaration) => leftNames(declaration).some((left) => left.text === name) && /\bresty\.New\(/.test(declaration.childForFieldName('right')?.text ?? ''));
  const typed = [...descendants(root, 'parameter_declaration'), ...descendants(root, 'field_declaration')].some(
    (declaration) => declaration.childForFieldName('name')?.text === name && /^\*resty\.Client$/.test(declaration.childForFieldName('type')?.text ?? ''),
  );
  return made || typed ? client.text : undefined;
}


const RESTY_SENDS = /^(Get|Post|Put|Patch|Delete|Head|Options|Execute|Send)$/;

/** The URL a resty request chain `client.R()….Get(url)` goes to (`Execute(method, url)`), and the sending call. */
function restySend(r: Node): { call: Node; url: Node | undefined } | undefined {
  let call: Node | undefined = r;
  while (call?.parent?.type === 'selector_expression' && call.parent.parent?.type === 'call_expression') {
    call = call.parent.parent;
    const name = selectorOf(call)?.field.text ?? '';
    const args = argumentsOf(call);
    if (RESTY_SENDS.test(name)) return { call, url: name === 'Execute' ? args[1] : name === 'Send' ? undefined : args[0] };
    // A URL set on the request itself (`SetURL`) or a path parameter spliced into it: not told here.
    if (/^(SetURL|SetPathParams?|SetRawPathParams?)$/.test(name)) return { call, url: undefined };
  }
  return undefined;
}

/**
 * The request of a resty client (`client.R()….Get(url)`) that does not provably go where its login went, with the
 * login's origin; `request: undefined`-free answer when the client is used otherwise (handed on, a field or parameter
 * other files fill): its other requests are not in view.
 */
function restyElsewhere(root: Node, client: string, logins: Node[]): { request: NonNullable<ReturnType<typeof firstElsewhere>>; login: Origin | undefined } | undefined {
  const mentions = descendants(root, ['identifier', 'selector_expression']).filter((node) => node.text === client && !(node.type === 'identifier' && node.parent?.type === 'selector_expression' && node.parent.text === client));
  const own: (Node | undefined)[] = [];
  const requests: { request: Node; url: Node | undefined }[] = [];
  const local = descendants(root, 'short_var_declaration').some((declaration) => leftNames(declaration).some((left) => left.text === client));
  const unknown = { request: { request: mentions[0] ?? root, origin: undefined }, login: undefined };
  if (!local) return unknown;
  const made = descendants(root, 'short_var_declaration').find((declaration) => leftNames(declaration).some((left) => left.text === client));
  let baseSets = descendants(made?.childForFieldName('right') ?? root, 'call_expression').filter((call) => /^(SetBaseURL|SetHostURL)$/.test(selectorOf(call)?.field.text ?? '')).length;
  for (const mention of mentions) {
    const declaration = mention.parent?.parent;
    if (declaration?.type === 'short_var_declaration' && declaration.childForFieldName('left')?.id === mention.parent?.id) continue;
    const member = mention.parent?.type === 'selector_expression' && mention.parent.childForFieldName('operand')?.id === mention.id ? mention.parent : undefined;
    const method = member?.childForFieldName('field')?.text ?? '';
    const call = member?.parent?.type === 'call_expression' ? member.parent : undefined;
    if (!call) return { request: { request: mention, origin: undefined }, login: undefined };
    // The client's own settings (SetCookies…) send nothing; a base URL set again moves the relative requests after it.
    if (/^(SetBaseURL|SetHostURL)$/.test(method) && (baseSets += 1) > 1) return { request: { request: call, origin: undefined }, login: undefined };
    if (method !== 'R' && /^Set/.test(method)) continue;
    const send = method === 'R' ? restySend(call) : undefined;
    if (!send) return { request: { request: call, origin: undefined }, login: undefined };
    if (logins.some((login) => login.startIndex <= send.call.startIndex && send.call.endIndex <= login.endIndex)) own.push(send.url);
    else requests.push({ request: send.call, url: send.url });
  }
  const origins = own.map((url) => (url ? goOrigin(url) : undefined));
  const login = commonOrigin(origins);
  const elsewhere = firstElsewhere(login, requests, goOrigin);
  return elsewhere ? { request: elsewhere, login } : undefined;
}

/** The resty clients whose own cookie settings (`client.SetCookies(…)`, `client.SetHeader("Cookie", …)`) the carriers rewrite. */
function restyClientCarriers(root: Node): string[] {
  return descendants(root, 'call_expression').flatMap((call) => {
    const selector = selectorOf(call);
    const args = argumentsOf(call);
    const carrier = /^SetCookies?$/.test(selector?.field.text ?? '') || (selector?.field.text === 'SetHeader' && args[0] !== undefined && isCookieHeaderName(args[0]));
    const operand = selector?.operand;
    return carrier && operand && /^(identifier|selector_expression)$/.test(operand.type) && restyClientOf(root, call, operand) ? [operand.text] : [];
  });
}

/** The function a node belongs to. */
function functionOf(node: Node): Node | undefined {
  let current: Node | null = node.parent;
  while (current && !FUNCTIONS.has(current.type)) current = current.parent;
  return current ?? undefined;
}

/** `client := &http.Client{Jar: jar}` (or without `&`): the client's name and declaration when it keeps cookies in a jar. */
function jarClients(scope: Node): Map<string, Node> {
  const clients = new Map<string, Node>();
  for (const declaration of descendants(scope, 'short_var_declaration')) {
    const names = leftNames(declaration);
    const values = declaration.childForFieldName('right')?.namedChildren ?? [];
    const value = values[0]?.type === 'unary_expression' ? values[0].childForFieldName('operand') : values[0];
    const keys = value?.type === 'composite_literal' ? descendants(value, 'keyed_element').map((element) => element.namedChildren[0]?.text) : [];
    if (names.length === 1 && names[0] && values.length === 1 && value?.childForFieldName('type')?.text === 'http.Client' && keys.includes('Jar')) clients.set(names[0].text, declaration);
  }
  return clients;
}

/**
 * net/http: a login sent through a client made in the same function with a cookie jar (`&http.Client{Jar: jar}`).
 * The jar sent the session cookie on the client's later requests; each `client.Do(req)` now has `req.SetBasicAuth(…)`
 * just before it. `[]`: no login goes through such a client. Undefined: one does, but the client does something else
 * than `Do` (a `Get(url)` has no request to authenticate, a call hands it on) or nothing else is sent through it.
 */
function goOrigin(url: Node): Origin | undefined {
  return urlOrigin(url, URL_GRAMMARS.go);
}

/** `http.NewRequest(method, url, body)` / `NewRequestWithContext(ctx, method, url, body)`: its URL argument. */
function newRequestUrl(call: Node | undefined): Node | undefined {
  const callee = call?.type === 'call_expression' ? call.childForFieldName('function')?.text : undefined;
  const args = call ? argumentsOf(call) : [];
  if (callee === 'http.NewRequest' && args.length === 3) return args[1];
  if (callee === 'http.NewRequestWithContext' && args.length === 4) return args[2];
  return undefined;
}

/** The URL of the request a `client.Do(req)` sends: `req`'s one `:=` from http.NewRequest in the function. */
function doRequestUrl(scope: Node, request: Node | undefined): Node | undefined {
  if (request?.type !== 'identifier') return newRequestUrl(request);
  const declarations = descendants(scope, 'short_var_declaration').filter((declaration) => leftNames(declaration).some((name) => name.text === request.text));
  const assigned = descendants(scope, 'assignment_statement').some((assignment) => leftNames(assignment).some((name) => name.text === request.text));
  const only = declarations[0];
  const left = only ? leftNames(only) : [];
  if (declarations.length !== 1 || assigned || !only || left[0]?.text !== request.text) return undefined;
  return newRequestUrl(only.childForFieldName('right')?.namedChildren[0] ?? undefined);
}

function jarClientEdits(source: string, logins: Node[], options: FixOptions): Edit[] | { note: string } | undefined {
  const edits: Edit[] = [];
  const done = new Set<string>();
  for (const login of logins) {
    const scope = functionOf(login);
    if (!scope) continue;
    const names = new Set(SHAPE.definedNames(login));
    const clients = jarClients(scope);
    const sends = descendants(scope, 'call_expression').filter((call) => {
      const selector = selectorOf(call);
      const first = argumentsOf(call)[0];
      const inside = login.startIndex <= call.startIndex && call.endIndex <= login.endIndex;
      return selector && clients.has(selector.operand.text) && (inside || (first?.type === 'identifier' && names.has(first.text)));
    });
    for (const send of sends) {
      const client = selectorOf(send)?.operand.text ?? '';
      const declaration = clients.get(client);
      if (done.has(client) || !declaration) continue;
      done.add(client);
      const uses = descendants(scope, 'identifier').filter((use) => use.text === client && !insideEdits(use, [{ start: declaration.startIndex, end: declaration.endIndex, text: '' }]));
      const others = uses.map((use) => use.parent?.parent).filter((call): call is Node => call?.type === 'call_expression' && !sends.some((own) => own.id === call.id));
      if (uses.some((use) => use.parent?.type !== 'selector_expression' || use.parent.parent?.type !== 'call_expression' || selectorOf(use.parent.parent)?.field.text !== 'Do')) return undefined;
      if (!others.length) return undefined;
      for (const call of others) {
        const request = argumentsOf(call)[0];
        const statement = enclosingStatement(call, SHAPE);
        if (request?.type !== 'identifier' || !statement) return undefined;
        const lineStart = source.lastIndexOf('\n', statement.startIndex - 1) + 1;
        const indent = source.slice(lineStart, statement.startIndex);
        if (indent.trim()) return undefined;
        edits.push({ start: lineStart, end: lineStart, text: `${indent}${requestAuth(request.text, options)}\n` });
      }
      // The jar sent the cookie only to its own host; SetBasicAuth goes wherever the request goes.
      const origins = sends.filter((own) => selectorOf(own)?.operand.text === client).map((own) => doRequestUrl(scope, argumentsOf(own)[0])).map((url) => (url ? goOrigin(url) : undefined));
      const loginOrigin = commonOrigin(origins);
      const elsewhere = firstElsewhere(loginOrigin, others.map((call) => ({ request: call, url: doRequestUrl(scope, argumentsOf(call)[0]) })), goOrigin);
      if (elsewhere) return { note: elsewhereNote(elsewhere, loginOrigin, `${requestAuth('req', options)} before each such client.Do(req)`) };
    }
  }
  return edits;
}

/**
 * Go refuses an assignment (`=`) to a name no longer declared: a name the removed login declared with `:=` must not
 * be assigned again by a statement that stays.
 */
function assignsRemovedName(statement: Node, removed: Edit[]): boolean {
  const declared = new Set(leftNames(statement).map((name) => name.text));
  const scope = SHAPE.scopeOf?.(statement);
  if (statement.type !== 'short_var_declaration' || !scope) return false;
  return descendants(scope, 'assignment_statement').some((assignment) => !insideEdits(assignment, removed) && leftNames(assignment).some((name) => declared.has(name.text)));
}

/**
 * net/http and resty logins whose cookie the same function sends on later requests: the login, what read its answer
 * and the inputs only it used go; each request sends Basic credentials (Bearer with --bearer) from the environment.
 * All or nothing: any login left, or a removal Go would not compile, leaves the file to a person.
 */
export function rewriteGoHttpSession(source: string, root: Node, options: FixOptions, hints: ScanHints): { edits: Edit[]; lines: Set<number>; note?: string } {
  const none = { edits: [], lines: new Set<number>() };
  if (!hints.loginLines.size) return none;
  const { logins, returning } = loginStatements(root, ['call_expression'], SHAPE, hints);
  const carriers = cookieCarriers(root, options);
  if (!logins.length || returning.size) return none;
  // A net/http client with a cookie jar sent the session on its other requests: each of them sets the credentials.
  const jarred = jarClientEdits(source, logins, options);
  if (!jarred) return none;
  if ('note' in jarred) return { ...none, note: jarred.note };
  const replaced = [...carriers, ...jarred];
  // No cookie sent by hand: a resty client keeps the login's cookie in its own jar, and takes the credentials instead.
  const jars = replaced.length ? [] : logins.map((statement) => restyClientOf(root, statement));
  if (!replaced.length && (!jars.length || jars.some((client) => !client))) return none;
  // SetBasicAuth on the client goes with each of its requests: each must go where the login went. So does a
  // client-wide cookie (`client.SetCookies(login.Cookies())`) rewritten to the client's SetBasicAuth.
  for (const client of new Set([...jars.filter((name): name is string => Boolean(name)), ...restyClientCarriers(root)])) {
    const elsewhere = restyElsewhere(root, client, logins);
    if (elsewhere) return { ...none, note: elsewhereNote(elsewhere.request, elsewhere.login, `.${restyAuth(options)} on each such request (client.R().${restyAuth(options)}…)`) };
  }
  const edits: Edit[] = [...replaced];
  for (const [index, statement] of logins.entries()) {
    const removed = SHAPE.removable.has(statement.type) ? removeWithDependents(source, root, statement, SHAPE, replaced) : undefined;
    if (!removed) return none;
    const client = jars[index];
    edits.push(...(client ? fillBlock(source, removed, `${client}.${restyAuth(options)}`) : removed));
  }
  for (const statement of logins) edits.push(...unusedInputs(source, root, statement, SHAPE, edits));
  const removedDeclarations = descendants(root, 'short_var_declaration').filter((statement) => insideEdits(statement, edits.filter((edit) => edit.text === '')));
  if (removedDeclarations.some((statement) => assignsRemovedName(statement, edits))) return none;
  const covered = (line: number): boolean => logins.some((statement) => statement.startPosition.row + 1 <= line && line <= statement.endPosition.row + 1);
  // A line inserted before a request the removal took with the login (it read the login's answer) goes with it.
  const kept = edits.filter((edit) => edit.start !== edit.end || !edits.some((other) => other.text === '' && other.start <= edit.start && edit.start < other.end));
  return [...hints.loginLines].every(covered) ? { edits: kept, lines: new Set(hints.loginLines) } : none;
}

/** The Go login lines whose answer reaches a later `return` (`req` → `return c.http.Do(req)`): the caller gets the session. */
export function goLinesReturningAnswer(root: Node, lines: Iterable<number>): Set<number> {
  return linesReturningAnswer(root, lines, SHAPE);
}
