import type { Node } from 'web-tree-sitter';
import { enclosingStatement, fillBlock, removeWithDependents, unusedInputs, type StatementShape } from '../dependents';
import { cookieHeaderEdit } from '../header-calls';
import { nodeStartingOn } from '../login-statements';
import { descendants, lineOf, removeStatement, replaceNode, type Edit, type FixOptions, type RewriteResult, type ScanHints } from '../edits';

const SHAPE: StatementShape = {
  blocks: new Set(['block', 'compilation_unit', 'global_statement']),
  removable: new Set(['local_declaration_statement', 'expression_statement']),
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

/** `client.AddDefaultHeader("Cookie", …)`, `headers.Add("Cookie", …)`: the header becomes Authorization. */
function cookieHeaders(root: Node, options: FixOptions): Edit[] {
  const edits: Edit[] = [];
  for (const invocation of descendants(root, 'invocation_expression')) {
    if (!HEADER_METHODS.has(methodName(invocation) ?? '')) continue;
    const edit = cookieHeaderEdit(argumentsOf(invocation), headerValue(options));
    if (edit) edits.push(edit);
  }
  return edits;
}

/** The session cookie's name in a C# string literal. */
const SESSION_COOKIE = /^"(JSESSIONID|cloud\.session\.token|studio\.crowd\.tokenkey)"$/;

/**
 * Flurl: `.WithCookies(cookies)` (the login's answer or jar, not the `out` that fills it) and
 * `.WithCookie("JSESSIONID", id)` → `.WithBasicAuth(email, token)` (`.WithOAuthBearerToken(pat)` with --bearer).
 */
function flurlCookies(root: Node, options: FixOptions): Edit[] {
  const edits: Edit[] = [];
  for (const invocation of descendants(root, 'invocation_expression')) {
    const method = methodName(invocation);
    const args = argumentsOf(invocation);
    const list = invocation.childForFieldName('arguments');
    const name = invocation.childForFieldName('function')?.childForFieldName('name');
    const filling = list?.namedChildren.some((arg) => arg?.children.some((child) => child?.type === 'out'));
    const cookies = method === 'WithCookies' && args.length === 1 && !filling;
    const cookie = method === 'WithCookie' && args.length === 2 && SESSION_COOKIE.test(args[0]?.text ?? '');
    if (!(cookies || cookie) || !list || !name) continue;
    const auth = options.bearer ? `WithOAuthBearerToken(${env(options.tokenVar)})` : `WithBasicAuth(${env(options.emailVar)}, ${env(options.tokenVar)})`;
    edits.push({ start: name.startIndex, end: list.endIndex, text: auth });
  }
  return edits;
}

const HTTP_CLIENT_SENDS = /^(PostAsync|PostAsJsonAsync|SendAsync|DeleteAsync)$/;

/**
 * The HttpClient a login statement posts through (`await http.PostAsync(…/session, …)`), when the file types it
 * `HttpClient` or makes it with `new HttpClient(…)`: its handler keeps the session cookie for the later calls.
 */
function httpClientOf(root: Node, statement: Node): string | undefined {
  const send = descendants(statement, 'invocation_expression').find((invocation) => HTTP_CLIENT_SENDS.test(methodName(invocation) ?? ''));
  const receiver = send?.childForFieldName('function')?.childForFieldName('expression');
  if (!receiver || !/^(identifier|member_access_expression)$/.test(receiver.type)) return undefined;
  const name = receiver.type === 'identifier' ? receiver.text : receiver.childForFieldName('name')?.text;
  const typed = descendants(root, 'variable_declaration').some((declaration) => {
    const type = declaration.childForFieldName('type')?.text ?? '';
    const declarators = descendants(declaration, 'variable_declarator');
    return declarators.some((declarator) => (declarator.childForFieldName('name') ?? declarator.firstNamedChild)?.text === name) && (/^(System\.Net\.Http\.)?HttpClient$/.test(type) || (type === 'var' && /new HttpClient\(/.test(declaration.text)));
  });
  const property = descendants(root, ['property_declaration', 'parameter']).some((declaration) => declaration.childForFieldName('name')?.text === name && /^(System\.Net\.Http\.)?HttpClient$/.test(declaration.childForFieldName('type')?.text ?? ''));
  return typed || property ? receiver.text : undefined;
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

/**
 * C#: Dapplo.Jira's session becomes basic authentication; a hand-made login (RestSharp, HttpClient) whose answer
 * fed a Cookie header goes with what only served it, and the header sends the token instead. All or nothing.
 */
export function rewriteCSharp(source: string, root: Node, options: FixOptions, hints: ScanHints): RewriteResult {
  const notes: RewriteResult['notes'] = [];
  const dapploLines = new Set<number>();
  const edits = dapploSession(source, root, options, notes, dapploLines);
  const replaced = [...cookieHeaders(root, options), ...flurlCookies(root, options)];
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
  // No cookie sent by hand: an HttpClient keeps the login's cookie in its handler's CookieContainer (on by default).
  const clients = replaced.length ? [] : [...logins.values()].map((statement) => httpClientOf(root, statement));
  if (!logins.size || (!replaced.length && (!clients.length || clients.some((client) => !client)))) {
    for (const statement of logins.values()) notes.push({ line: lineOf(statement), note });
    return { edits, notes };
  }
  const removals: Edit[] = [];
  for (const [index, statement] of [...logins.values()].entries()) {
    const removed = SHAPE.removable.has(statement.type) ? removeWithDependents(source, root, statement, SHAPE, replaced) : undefined;
    if (!removed) return { edits, notes: [...notes, ...[...logins.values()].map((login) => ({ line: lineOf(login), note }))] };
    const client = clients[index];
    const scheme = options.bearer ? `"Bearer", ${env(options.tokenVar)}` : `"Basic", ${basicCredentials(options)}`;
    removals.push(...(client ? fillBlock(source, removed, `${client}.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(${scheme});`) : removed));
  }
  for (const statement of logins.values()) removals.push(...unusedInputs(source, root, statement, SHAPE, [...replaced, ...removals]));
  return { edits: [...edits, ...replaced, ...removals], notes };
}
