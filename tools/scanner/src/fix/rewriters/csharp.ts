import type { Node } from 'web-tree-sitter';
import { enclosingStatement, fillBlock, removeWithDependents, unusedInputs, type StatementShape } from '../dependents';
import { cookieHeaderEdit, isCookieHeaderName } from '../header-calls';
import { nodeStartingOn } from '../login-statements';
import { commonOrigin, elsewhereNote, firstElsewhere, type Origin } from '../same-origin';
import { URL_GRAMMARS, urlOrigin } from '../url-origins';
import { descendants, insideEdits, lineOf, removeStatement, replaceNode, type Edit, type FixOptions, type RewriteResult, type ScanHints } from '../edits';

const SHAPE: StatementShape = {
  blocks: new Set(['block', 'compilation_unit', 'global_statement']),
  // A `using (var stream = login.GetRequestStream()) { … }` that reads the login is the login's own plumbing (see
  // returnsFromRemoved: one that returns keeps the file for a person).
  removable: new Set(['local_declaration_statement', 'expression_statement', 'using_statement']),
  identifierTypes: ['identifier'],
  definedNames(statement) {
    // `cookie = …` / `this.cookie = …`: a field the class keeps the session in (its other methods read it).
    const assigned = descendants(statement, 'assignment_expression').flatMap((assignment) => {
      const left = assignment.childForFieldName('left');
      const field = left?.type === 'member_access_expression' && left.childForFieldName('expression')?.type === 'this_expression' ? left.childForFieldName('name') : left;
      return field?.type === 'identifier' ? [field.text] : [];
    });
    if (statement.type !== 'local_declaration_statement') return assigned;
    return descendants(statement, 'variable_declarator').flatMap((declarator) => {
      const name = declarator.childForFieldName('name') ?? declarator.firstNamedChild;
      return name?.type === 'identifier' ? [name.text] : [];
    });
  },
  // A method's `var` is its own (another method's `request` or `answer` is no reader); an assignment may set a field.
  scopeOf(statement) {
    if (statement.type !== 'local_declaration_statement') return undefined;
    let node: Node | null = statement.parent;
    while (node && !/^(method_declaration|constructor_declaration|local_function_statement|lambda_expression|accessor_declaration)$/.test(node.type)) node = node.parent;
    return node ?? undefined;
  },
  isReference(node) {
    const parent = node.parent;
    if (parent?.type === 'variable_declarator' && (parent.childForFieldName('name') ?? parent.firstNamedChild)?.id === node.id) return false;
    // `x.Name`: the member name is not a variable.
    if (parent?.type === 'member_access_expression' && parent.childForFieldName('name')?.id === node.id) return false;
    return true;
  },
};

function env(name: string): string {
  return `System.Environment.GetEnvironmentVariable("${name}")`;
}

function basicCredentials(options: FixOptions): string {
  return `System.Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(${env(options.emailVar)} + ":" + ${env(options.tokenVar)}))`;
}

function headerValue(options: FixOptions): string {
  return options.bearer ? `"Bearer " + ${env(options.tokenVar)}` : `"Basic " + ${basicCredentials(options)}`;
}

const HEADER_METHODS = new Set(['AddDefaultHeader', 'AddHeader', 'Add', 'TryAddWithoutValidation', 'WithHeader', 'AddOrUpdateHeader', 'AddOrUpdateDefaultHeader']);

function methodName(invocation: Node): string | undefined {
  const callee = invocation.childForFieldName('function');
  if (callee?.type !== 'member_access_expression') return undefined;
  const name = callee.childForFieldName('name');
  return (name?.type === 'generic_name' ? name.firstNamedChild : name)?.text;
}

function argumentsOf(invocation: Node): Node[] {
  const list = invocation.childForFieldName('arguments');
  return (list?.namedChildren ?? []).filter((arg): arg is Node => arg?.type === 'argument').map((arg) => arg.firstNamedChild ?? arg);
}

/** `client.AddDefaultHeader("Cookie", …)`, `headers.Add("Cookie", …)`, `request.Headers["Cookie"] = …`: the header becomes Authorization. */
function cookieHeaders(root: Node, options: FixOptions): Edit[] {
  const edits: Edit[] = [];
  for (const assignment of descendants(root, 'assignment_expression')) {
    const [left, right] = [assignment.childForFieldName('left'), assignment.childForFieldName('right')];
    const headers = left?.type === 'element_access_expression' ? left.childForFieldName('expression') : null;
    const keys = left?.childForFieldName('subscript')?.namedChildren.filter((key): key is Node => key?.type === 'argument') ?? [];
    const key = keys.length === 1 ? (keys[0]?.firstNamedChild ?? null) : null;
    const named = headers?.type === 'member_access_expression' && /^(Headers|DefaultRequestHeaders)$/.test(headers.childForFieldName('name')?.text ?? '');
    if (named && key && right && isCookieHeaderName(key)) edits.push(replaceNode(key, '"Authorization"'), replaceNode(right, headerValue(options)));
  }
  for (const invocation of descendants(root, 'invocation_expression')) {
    if (!HEADER_METHODS.has(methodName(invocation) ?? '')) continue;
    const edit = cookieHeaderEdit(argumentsOf(invocation), headerValue(options));
    if (edit) edits.push(edit);
  }
  return edits;
}

/** The session cookie's name in a C# string literal. */
const SESSION_COOKIE = /^"(JSESSIONID|cloud\.session\.token|studio\.crowd\.tokenkey)"$/;

/** Each `x.Method(args)` of the file with its method name, arguments, argument list and name node. */
function methodCalls(root: Node): { invocation: Node; method?: string; args: Node[]; list: Node | null; name?: Node | null }[] {
  return descendants(root, 'invocation_expression').map((invocation) => ({
    invocation,
    method: methodName(invocation),
    args: argumentsOf(invocation),
    list: invocation.childForFieldName('arguments'),
    name: invocation.childForFieldName('function')?.childForFieldName('name'),
  }));
}

/**
 * Flurl: `.WithCookies(cookies)` (the login's answer or jar, not the `out` that fills it) and
 * `.WithCookie("JSESSIONID", id)` → `.WithBasicAuth(email, token)` (`.WithOAuthBearerToken(pat)` with --bearer).
 */
function flurlCookies(root: Node, options: FixOptions): Edit[] {
  const edits: Edit[] = [];
  for (const { method, args, list, name } of methodCalls(root)) {
    const filling = list?.namedChildren.some((arg) => arg?.children.some((child) => child?.type === 'out'));
    const cookies = method === 'WithCookies' && args.length === 1 && !filling;
    const cookie = method === 'WithCookie' && args.length === 2 && SESSION_COOKIE.test(args[0]?.text ?? '');
    if (!(cookies || cookie) || !list || !name) continue;
    const auth = options.bearer ? `WithOAuthBearerToken(${env(options.tokenVar)})` : `WithBasicAuth(${env(options.emailVar)}, ${env(options.tokenVar)})`;
    edits.push({ start: name.startIndex, end: list.endIndex, text: auth });
  }
  return edits;
}

/**
 * Flurl's `CookieSession` (`using var session = new CookieSession(url)`) that a login posts through: every other
 * `session.Request(…)` gets `.WithBasicAuth(email, token)` (`.WithOAuthBearerToken(pat)`). Only when every use of the
 * session is such a `Request(…)` call (handed anywhere else, the later calls are not in view).
 */
function flurlCookieSessions(root: Node, logins: Node[], options: FixOptions): Edit[] {
  const edits: Edit[] = [];
  const auth = options.bearer ? `.WithOAuthBearerToken(${env(options.tokenVar)})` : `.WithBasicAuth(${env(options.emailVar)}, ${env(options.tokenVar)})`;
  for (const declarator of descendants(root, 'variable_declarator')) {
    const name = declarator.childForFieldName('name') ?? declarator.firstNamedChild;
    const value = declarator.namedChildren.at(-1);
    const creation = value?.type === 'equals_value_clause' ? value.firstNamedChild : value;
    if (creation?.type !== 'object_creation_expression' || !/^(Flurl\.Http\.)?CookieSession$/.test(creation.childForFieldName('type')?.text ?? '') || name?.type !== 'identifier') continue;
    const uses = descendants(root, 'identifier').filter((use) => use.text === name.text && use.id !== name.id);
    const requests = uses.map((use) => {
      const access = use.parent;
      const call = access?.parent;
      const isRequest = access?.type === 'member_access_expression' && access.childForFieldName('expression')?.id === use.id && access.childForFieldName('name')?.text === 'Request' && call?.type === 'invocation_expression';
      return isRequest ? call : undefined;
    });
    const inLogin = (call: Node): boolean => logins.some((login) => login.startIndex <= call.startIndex && call.endIndex <= login.endIndex);
    if (!requests.length || requests.some((call) => !call) || !requests.some((call) => call && inLogin(call))) continue;
    for (const call of requests) if (call && !inLogin(call)) edits.push({ start: call.endIndex, end: call.endIndex, text: auth });
  }
  return edits;
}

/** Whether `receiver` is a RestSharp request: `new RestRequest(…)`, a chain on one, or a name declared as one. */
function isRestRequest(root: Node, receiver: Node | null): boolean {
  if (!receiver) return false;
  if (receiver.type === 'object_creation_expression') return /^(RestSharp\.)?RestRequest$/.test(receiver.childForFieldName('type')?.text ?? '');
  if (receiver.type === 'invocation_expression') return isRestRequest(root, receiver.childForFieldName('function')?.childForFieldName('expression') ?? null);
  if (receiver.type !== 'identifier') return false;
  return descendants(root, 'variable_declaration').some((declaration) => {
    const declarator = descendants(declaration, 'variable_declarator').find((candidate) => (candidate.childForFieldName('name') ?? candidate.firstNamedChild)?.text === receiver.text);
    const type = declaration.childForFieldName('type');
    const last = declarator?.namedChildren.at(-1) ?? null;
    const value = last?.type === 'equals_value_clause' ? last.firstNamedChild : last;
    return Boolean(declarator) && (/^(RestSharp\.)?RestRequest$/.test(type?.text ?? '') || (type?.text === 'var' && isRestRequest(root, value)));
  });
}

/**
 * RestSharp: the session cookie put on a request by name, `request.AddCookie("JSESSIONID", id[, path, domain])` or
 * `request.AddParameter("JSESSIONID", id, ParameterType.Cookie)` → `request.AddHeader("Authorization", …)`.
 */
function restSharpCookies(root: Node, options: FixOptions): Edit[] {
  const edits: Edit[] = [];
  for (const { invocation, method, args, list, name } of methodCalls(root)) {
    const byName = (method === 'AddCookie' && (args.length === 2 || args.length === 4)) || (method === 'AddParameter' && args.length === 3 && /^(RestSharp\.)?ParameterType\.Cookie$/.test(args[2]?.text ?? ''));
    if (!byName || !SESSION_COOKIE.test(args[0]?.text ?? '') || !list || !name || !isRestRequest(root, invocation.childForFieldName('function')?.childForFieldName('expression') ?? null)) continue;
    edits.push({ start: name.startIndex, end: list.endIndex, text: `AddHeader("Authorization", ${headerValue(options)})` });
  }
  return edits;
}

const HTTP_CLIENT_SENDS = /^(PostAsync|PostAsJsonAsync|SendAsync|DeleteAsync)$/;
const HTTP_CLIENT = { type: /^(System\.Net\.Http\.)?HttpClient$/, creation: /new HttpClient\(/ };
/** RestSharp's sends: `Execute`, `ExecuteAsync<T>`, `Post`, `PostAsync`, `ExecutePost`… */
const REST_CLIENT_SENDS = /^(Execute\w*|Post\w*)$/;
const REST_CLIENT = { type: /^(RestSharp\.)?I?RestClient$/, creation: /new RestClient\(/ };

/**
 * The receiver of `send` (`http` or `this._http`) when the file declares it with the client's type (a variable, a
 * property, a parameter) or makes it with `new Client(…)`; its declaration's start (the header must come after it).
 */
function typedReceiver(root: Node, send: Node | undefined, client: typeof HTTP_CLIENT): { text: string; declaredAt: number } | undefined {
  const receiver = send?.childForFieldName('function')?.childForFieldName('expression');
  if (!receiver || !/^(identifier|member_access_expression)$/.test(receiver.type)) return undefined;
  const name = receiver.type === 'identifier' ? receiver.text : receiver.childForFieldName('name')?.text;
  const variable = descendants(root, 'variable_declaration').find((declaration) => {
    const type = declaration.childForFieldName('type')?.text ?? '';
    const declarators = descendants(declaration, 'variable_declarator');
    return declarators.some((declarator) => (declarator.childForFieldName('name') ?? declarator.firstNamedChild)?.text === name) && (client.type.test(type) || (type === 'var' && client.creation.test(declaration.text)));
  });
  const member = descendants(root, ['property_declaration', 'parameter']).find((declaration) => declaration.childForFieldName('name')?.text === name && client.type.test(declaration.childForFieldName('type')?.text ?? ''));
  const declaration = variable ?? member;
  return declaration ? { text: receiver.text, declaredAt: declaration.startIndex } : undefined;
}

/**
 * The HttpClient a login statement posts through (`await http.PostAsync(…/session, …)`): its handler keeps the
 * session cookie for the later calls (a CookieContainer is on by default).
 */
function httpClientOf(root: Node, statement: Node): string | undefined {
  const send = descendants(statement, 'invocation_expression').find((invocation) => HTTP_CLIENT_SENDS.test(methodName(invocation) ?? ''));
  return typedReceiver(root, send, HTTP_CLIENT)?.text;
}

/**
 * The RestSharp client that sent the removed login (`client.Execute(login)`, a statement of its own after
 * `new RestRequest(…/session)`): its CookieContainer kept the session for the later calls. Only a client that something
 * outside the removals still uses, declared before the first removal (where its header goes).
 */
function restClientOf(root: Node, removed: Edit[]): string | undefined {
  const sends = descendants(root, 'invocation_expression').filter((invocation) => insideEdits(invocation, removed) && REST_CLIENT_SENDS.test(methodName(invocation) ?? ''));
  const receivers = sends.map((send) => typedReceiver(root, send, REST_CLIENT));
  const client = receivers[0];
  const first = Math.min(...removed.map((edit) => edit.start));
  if (!client || receivers.some((receiver) => receiver?.text !== client.text) || client.declaredAt >= first) return undefined;
  const usedLater = descendants(root, ['identifier', 'member_access_expression']).some((use) => use.text === client.text && use.startIndex > first && !insideEdits(use, removed));
  return usedLater ? client.text : undefined;
}

function csharpOrigin(url: Node): Origin | undefined {
  return urlOrigin(url, URL_GRAMMARS.csharp);
}

/** HttpClient's sends whose first argument is the URL; `SendAsync(request)` takes a request message. */
const HTTP_CLIENT_URL_SENDS = /^(Get|Post|Put|Patch|Delete)(Async|StringAsync|StreamAsync|ByteArrayAsync|AsJsonAsync|FromJsonAsync)$/;
/** Members that configure a client and send nothing. */
const CLIENT_SETTINGS = /^(BaseAddress|BaseUrl|DefaultRequestHeaders|Timeout|MaxResponseContentBufferSize|CookieContainer|Authenticator|AddDefaultHeader|AddDefaultHeaders|AddDefaultParameter|UseNewtonsoftJson|UseSystemTextJson|Options|Dispose|CancelPendingRequests)$/;

/** The one value a local of the method (or a field of the file) is given: `var request = new HttpRequestMessage(…)`. */
function onlyValue(root: Node, name: Node): Node | undefined {
  const declarators = descendants(root, 'variable_declarator').filter((declarator) => (declarator.childForFieldName('name') ?? declarator.firstNamedChild)?.text === name.text);
  const assigned = descendants(root, 'assignment_expression').some((assignment) => assignment.childForFieldName('left')?.text === name.text);
  const last = declarators[0]?.namedChildren.at(-1);
  return declarators.length === 1 && !assigned && last?.type === 'equals_value_clause' ? (last.firstNamedChild ?? undefined) : undefined;
}

/** The URL of a request message or RestSharp request: `new HttpRequestMessage(method, url)`, `new RestRequest(url, …)`. */
function requestMessageUrl(root: Node, request: Node | undefined): Node | undefined {
  const value = request?.type === 'identifier' ? onlyValue(root, request) : request;
  if (value?.type !== 'object_creation_expression') return undefined;
  const type = value.childForFieldName('type')?.text ?? '';
  const args = argumentsOf(value);
  if (/^(System\.Net\.Http\.)?HttpRequestMessage$/.test(type)) return args.length === 2 ? args[1] : undefined;
  return /^(RestSharp\.)?RestRequest$/.test(type) && args.length >= 1 && !/^Method\./.test(args[0]?.text ?? '') ? args[0] : undefined;
}

/**
 * Where each request of a client that takes a default header goes, against its login (`logins`): the first that is
 * not provably the login's origin, or one whose target the file does not show (the client handed on, injected, or
 * a member this code does not know). Undefined: every request goes where the login went.
 */
function clientElsewhere(root: Node, client: string, logins: Node[], removed: Edit[], rest: boolean): { request: NonNullable<ReturnType<typeof firstElsewhere>>; login: Origin | undefined } | undefined {
  const name = client.replace(/^this\./, '');
  const unknown = (node: Node): { request: NonNullable<ReturnType<typeof firstElsewhere>>; login: undefined } => ({ request: { request: node, origin: undefined }, login: undefined });
  // The client must be made here (`new HttpClient(…)` / `new RestClient(…)`), a local or a private field given no other value.
  const declarators = descendants(root, 'variable_declarator').filter((declarator) => (declarator.childForFieldName('name') ?? declarator.firstNamedChild)?.text === name);
  const declaration = declarators[0];
  const value = declaration ? onlyValue(root, (declaration.childForFieldName('name') ?? declaration.firstNamedChild) as Node) : undefined;
  const field = declaration?.parent?.parent;
  const isField = field?.type === 'field_declaration';
  const isPrivate = isField && !field.namedChildren.some((child) => child?.type === 'modifier' && /^(public|protected|internal)$/.test(child.text));
  if (declarators.length !== 1 || value?.type !== 'object_creation_expression' || (isField && !isPrivate)) return unknown(declaration ?? root);
  const requests: { request: Node; url: Node | undefined }[] = [];
  const own: (Node | undefined)[] = [];
  // `new RestClient(url)` sets the base URL too.
  let baseSets = /\b(BaseAddress|BaseUrl)\s*=/.test(value.text) || (rest && argumentsOf(value).length > 0) ? 1 : 0;
  for (const use of descendants(root, 'identifier').filter((identifier) => identifier.text === name && identifier.parent?.id !== declaration?.id && identifier.parent?.type !== 'qualified_name')) {
    const viaThis = use.parent?.type === 'member_access_expression' && use.parent.childForFieldName('name')?.id === use.id && use.parent.childForFieldName('expression')?.type === 'this_expression';
    if (use.parent?.type === 'member_access_expression' && use.parent.childForFieldName('name')?.id === use.id && !viaThis) continue;
    const receiver = viaThis ? (use.parent as Node) : use;
    const access = receiver.parent;
    const member = access?.type === 'member_access_expression' && access.childForFieldName('expression')?.id === receiver.id ? access.childForFieldName('name') : undefined;
    const memberName = (member?.type === 'generic_name' ? member.firstNamedChild : member)?.text ?? '';
    // A base address set again (`http.BaseAddress = …` twice) moves the relative requests after it elsewhere.
    const assignedBase = /^(BaseAddress|BaseUrl)$/.test(memberName) && access?.parent?.type === 'assignment_expression' && access.parent.childForFieldName('left')?.id === access.id;
    if (assignedBase && (baseSets += 1) > 1) return unknown(access as Node);
    if (CLIENT_SETTINGS.test(memberName)) continue;
    const call = access?.parent?.type === 'invocation_expression' ? access.parent : undefined;
    const sends = rest ? REST_CLIENT_SENDS.test(memberName) : HTTP_CLIENT_URL_SENDS.test(memberName) || memberName === 'SendAsync';
    if (!call || !sends) return unknown(receiver);
    const first = argumentsOf(call)[0];
    const url = rest || memberName === 'SendAsync' ? requestMessageUrl(root, first) : first;
    // The login's own sends: in a login statement, or removed with it (`rest.Execute(auth)` after `var auth = …`).
    if (insideEdits(call, removed) || logins.some((login) => login.startIndex <= call.startIndex && call.endIndex <= login.endIndex)) own.push(url);
    else requests.push({ request: call, url });
  }
  const origins = own.map((url) => (url ? csharpOrigin(url) : undefined));
  const login = commonOrigin(origins);
  const elsewhere = firstElsewhere(login, requests, csharpOrigin);
  return elsewhere ? { request: elsewhere, login } : undefined;
}

/**
 * The statement that gives the client of a removed login the token instead (`undefined`: no client proven); a
 * `note` when the client also sends a request that is not provably to the login's origin (a cookie went only to its
 * own host, a default header goes to every host the client calls).
 */
function clientAuthorization(root: Node, statement: Node, removed: Edit[], options: FixOptions, logins: Node[]): string | { note: string } | undefined {
  const http = httpClientOf(root, statement);
  const scheme = options.bearer ? `"Bearer", ${env(options.tokenVar)}` : `"Basic", ${basicCredentials(options)}`;
  const refusal = (client: string, rest: boolean): { note: string } | undefined => {
    const elsewhere = clientElsewhere(root, client, logins, removed, rest);
    return elsewhere ? { note: elsewhereNote(elsewhere.request, elsewhere.login, `the header "Authorization: " + ${headerValue(options)} on each such request`) } : undefined;
  };
  if (http) return refusal(http, false) ?? `${http}.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(${scheme});`;
  const rest = restClientOf(root, removed);
  return rest ? (refusal(rest, true) ?? `${rest}.AddDefaultHeader("Authorization", ${headerValue(options)});`) : undefined;
}

/** Dapplo.Jira: `await jira.Session.StartAsync(user, pass);` → `jira.SetBasicAuthentication(email, token);`. */
function dapploSession(source: string, root: Node, options: FixOptions, notes: RewriteResult['notes'], lines: Set<number>): Edit[] {
  const edits: Edit[] = [];
  const notesBefore = notes.length;
  for (const invocation of descendants(root, 'invocation_expression')) {
    const callee = invocation.childForFieldName('function');
    const session = callee?.type === 'member_access_expression' ? callee.childForFieldName('expression') : null;
    const method = methodName(invocation);
    if (session?.type !== 'member_access_expression' || session.childForFieldName('name')?.text !== 'Session' || !/^(StartAsync|EndAsync)$/.test(method ?? '')) continue;
    const client = session.childForFieldName('expression');
    const statement = invocation.parent?.type === 'await_expression' ? invocation.parent.parent : invocation.parent;
    lines.add(lineOf(invocation));
    if (!client || statement?.type !== 'expression_statement') {
      notes.push({ line: lineOf(invocation), note: `Remove the session; call ${client?.text ?? 'jiraClient'}.SetBasicAuthentication(${env(options.emailVar)}, ${env(options.tokenVar)}) once instead.` });
      continue;
    }
    if (options.bearer) notes.push({ line: lineOf(invocation), note: `Remove the session; send "Authorization: Bearer " + ${env(options.tokenVar)} on the client's requests.` });
    else if (method === 'EndAsync') edits.push(removeStatement(source, statement));
    else edits.push(replaceNode(statement, `${client.text}.SetBasicAuthentication(${env(options.emailVar)}, ${env(options.tokenVar)});`));
  }
  // All or nothing: an EndAsync removed while a StartAsync stays would leave the session open.
  return notes.length > notesBefore ? [] : edits;
}

/** A removed `using` block that returns or throws: its method would lose that exit. */
function returnsFromRemoved(root: Node, removed: Edit[]): boolean {
  return descendants(root, 'using_statement').some((block) => insideEdits(block, removed) && descendants(block, ['return_statement', 'throw_statement', 'yield_statement']).length > 0);
}

/**
 * C#: Dapplo.Jira's session becomes basic authentication; a hand-made login (RestSharp, HttpClient) whose answer
 * fed a Cookie header goes with what only served it, and the header sends the token instead. All or nothing.
 */
export function rewriteCSharp(source: string, root: Node, options: FixOptions, hints: ScanHints): RewriteResult {
  const notes: RewriteResult['notes'] = [];
  const dapploLines = new Set<number>();
  const edits = dapploSession(source, root, options, notes, dapploLines);
  const replaced = [...cookieHeaders(root, options), ...flurlCookies(root, options), ...restSharpCookies(root, options)];
  const note = `Remove this session login; send the header "Authorization: " + ${headerValue(options)} on the requests that used its cookie.`;
  const logins = new Map<number, Node>();
  for (const line of hints.loginLines) {
    // A chained call (`.PostJsonAsync(…)` below its URL) starts on an earlier line: the node at the line's start then.
    const node = descendants(root, ['invocation_expression', 'object_creation_expression']).find((call) => lineOf(call) === line) ?? nodeStartingOn(root, line);
    const statement = node ? enclosingStatement(node, SHAPE) : undefined;
    if (dapploLines.has(line)) continue;
    if (statement) logins.set(statement.id, statement);
    else notes.push({ line, note });
  }
  replaced.push(...flurlCookieSessions(root, [...logins.values()], options));
  const refused = (): RewriteResult => ({ edits, notes: [...notes, ...[...logins.values()].map((login) => ({ line: lineOf(login), note }))] });
  if (!logins.size) return { edits, notes };
  const removals: Edit[] = [];
  for (const statement of logins.values()) {
    const removed = SHAPE.removable.has(statement.type) ? removeWithDependents(source, root, statement, SHAPE, replaced) : undefined;
    if (!removed || returnsFromRemoved(root, removed)) return refused();
    // No cookie sent by hand: the client (HttpClient, RestSharp) kept the login's cookie; it sends the token instead.
    const filler = replaced.length ? undefined : clientAuthorization(root, statement, removed, options, [...logins.values()]);
    if (typeof filler === 'object') return { edits, notes: [...notes, ...[...logins.values()].map((login) => ({ line: lineOf(login), note: filler.note }))] };
    if (!replaced.length && !filler) return refused();
    removals.push(...(filler ? fillBlock(source, removed, filler) : removed));
  }
  for (const statement of logins.values()) removals.push(...unusedInputs(source, root, statement, SHAPE, [...replaced, ...removals]));
  return { edits: [...edits, ...replaced, ...removals], notes };
}
