import type { Node } from 'web-tree-sitter';
import { removeWithDependents, unusedInputs, type StatementShape } from '../dependents';
import { cookieHeaderEdit, cookieStoreStep, isCookieHeaderName, JVM_HEADER_METHODS, jvmAuthorizationValue } from '../header-calls';
import { linesReturningAnswer, loginStatements, withRequestPaths } from '../login-statements';
import { handsBackNote } from '../manual-notes';
import { cookieClientHeaderEdits } from '../cookie-clients';
import { KOTLIN_COOKIE_CLIENTS, kotlinOrigin } from './kotlin-http-client';
import { commonOrigin, elsewhereNote, firstElsewhere } from '../same-origin';
import { descendants, type Edit, type FixOptions, insideEdits, type RewriteResult, type ScanHints } from '../edits';

const SHAPE: StatementShape = {
  blocks: new Set(['statements', 'source_file', 'class_body']),
  removable: new Set(['property_declaration', 'assignment', 'call_expression']),
  identifierTypes: ['simple_identifier'],
  definedNames(statement) {
    const declared = descendants(statement, 'variable_declaration').map((declaration) => declaration.namedChildren[0]?.text);
    // `cookie = response.header(…)`, also inside a `use { }` block of the statement: a property the class keeps.
    const assigned = [...(statement.type === 'assignment' ? [statement] : []), ...descendants(statement, 'assignment')].map((assignment) => assignment.namedChildren[0]?.text);
    return [...declared, ...assigned].filter((name): name is string => Boolean(name));
  },
  // A function's `val` is its own (another function's `request` is no reader); an assignment may set a property: the file.
  scopeOf(statement) {
    if (statement.type === 'assignment' || descendants(statement, 'assignment').length) return undefined;
    let node: Node | null = statement.parent;
    while (node && node.type !== 'function_declaration' && node.type !== 'lambda_literal') node = node.parent;
    return node ?? undefined;
  },
  isReference(node) {
    // A declared name, a member name after `.`, or an argument's label (`name = …`) reads no variable.
    return !/^(variable_declaration|navigation_suffix|value_argument)$/.test(node.parent?.type ?? '') || (node.parent?.type === 'value_argument' && node.nextSibling?.type !== '=');
  },
};

/** A cookie jar kept in a name something else reads too (`return jar`): callers read the session from it. */
function storeEscapes(root: Node, store: Node): boolean {
  if (store.type !== 'simple_identifier') return false;
  const declarations = /^(parameter|class_parameter|variable_declaration)$/;
  return descendants(root, 'simple_identifier').some((use) => use.text === store.text && use.id !== store.id && !declarations.test(use.parent?.type ?? '') && use.parent?.type !== 'navigation_suffix');
}

function headerValue(options: FixOptions): string {
  return jvmAuthorizationValue(options, (credentials) => `java.util.Base64.getEncoder().encodeToString(${credentials}.toByteArray())`);
}


/** Where a statement is a declaration other files (or other members) may read: never taken for a login by its path alone. */
const MEMBERS: ReadonlySet<string> = new Set(['source_file', 'class_body']);

const SESSION_COOKIE = /^"(JSESSIONID|cloud\.session\.token|studio\.crowd\.tokenkey)"$/;

/** The variables an expression reads (not member names after `.`, not argument labels). */
function readNames(node: Node): Set<string> {
  return new Set(descendants(node, 'simple_identifier').filter((name) => SHAPE.isReference(name)).map((name) => name.text));
}

/**
 * `if (cookie != null) conn.setRequestProperty("Cookie", cookie)`: a header sent only when the login gave a cookie
 * is sent always once it carries the token, so the `if` becomes its one statement (rewritten). Only when the `if` has
 * no `else` and its condition reads nothing but what the header's value read (not the connection: `if (conn != null)` stays).
 */
function guardedHeader(call: Node, edit: Edit): Edit | undefined {
  let body = call.parent;
  if (body?.type === 'statements' && body.namedChildCount === 1) body = body.parent;
  const guard = body?.type === 'control_structure_body' ? body.parent : null;
  const condition = guard?.type === 'if_expression' ? guard.namedChildren.find((child) => child?.type !== 'control_structure_body') : undefined;
  if (!guard || guard.parent?.type !== 'statements' || !condition || guard.namedChildren.filter((child) => child?.type === 'control_structure_body').length !== 1 || guard.children.some((child) => child?.type === 'else')) return undefined;
  const valueNames = new Set([...readNames(call)].filter((name) => descendants(call, 'simple_identifier').some((use) => use.text === name && use.startIndex >= edit.start && use.endIndex <= edit.end)));
  if ([...readNames(condition)].some((name) => !valueNames.has(name))) return undefined;
  const text = call.text;
  return { start: guard.startIndex, end: guard.endIndex, text: text.slice(0, edit.start - call.startIndex) + edit.text + text.slice(edit.end - call.startIndex) };
}

/** Fuel's `.header("Cookie" to value)`: the pair's name and value become Authorization's. */
function fuelCookiePair(value: Node, options: FixOptions): Edit | undefined {
  const [name, operator, cookie] = value.namedChildren;
  if (value.type !== 'infix_expression' || value.namedChildCount !== 3 || operator?.text !== 'to' || !name || !cookie) return undefined;
  return isCookieHeaderName(name) ? { start: name.startIndex, end: cookie.endIndex, text: `"Authorization" to ${headerValue(options)}` } : undefined;
}

/**
 * `….header("Cookie", value)` (`HttpHeaders.Cookie` too): the header becomes Authorization with the token from the
 * environment. A session cookie set by name becomes the header: Ktor's `cookie("JSESSIONID", id)` inside a request
 * block → `headers.append(…)` (a member: no import), a chained `.cookie("JSESSIONID", id)` → `.header(…)`; okhttp's
 * `.cookieJar(jar)` → an interceptor adding the header.
 */
function cookieHeaders(root: Node, options: FixOptions): Edit[] {
  const edits: Edit[] = [];
  const ktor = descendants(root, 'import_header').some((header) => /^import\s+io\.ktor\./.test(header.text));
  for (const call of descendants(root, 'call_expression')) {
    const callee = call.namedChildren[0];
    const suffix = callee?.type === 'navigation_expression' ? callee.namedChildren.at(-1)?.namedChildren[0] : callee?.type === 'simple_identifier' ? callee : undefined;
    const name = suffix?.text;
    const callSuffix = call.namedChildren[1];
    const args = callSuffix?.namedChildren.find((child) => child?.type === 'value_arguments');
    if (!suffix || !callSuffix || !args) continue;
    // Positional arguments only: a labelled one (`name = …`) is not the header's name or value.
    const values = args.namedChildren.map((arg) => (arg?.type === 'value_argument' && arg.namedChildCount === 1 ? arg.namedChildren[0] : null));
    if (values.some((value) => !value)) continue;
    const chained = callee?.type === 'navigation_expression';
    // Unchained, `cookie(…)` is Ktor's request-builder call only in a Ktor file (RestAssured's Kotlin `Given { }` has no `headers`).
    if (name === 'cookie' && values.length === 2 && SESSION_COOKIE.test(values[0]?.text ?? '') && (chained || ktor)) {
      const text = chained ? `header("Authorization", ${headerValue(options)})` : `headers.append("Authorization", ${headerValue(options)})`;
      edits.push({ start: suffix.startIndex, end: callSuffix.endIndex, text });
      continue;
    }
    const pair = chained && values.length === 1 && /^(header|appendHeader)$/.test(name ?? '') ? fuelCookiePair(values[0] as Node, options) : undefined;
    if (pair) edits.push(pair);
    const store = chained && values.length === 1 && name === 'cookieJar' && !storeEscapes(root, values[0] as Node) ? cookieStoreStep(name, false, headerValue(options), (body) => `addInterceptor { chain -> ${body} }`) : undefined;
    if (store) edits.push({ start: suffix.startIndex, end: callSuffix.endIndex, text: store });
    // Unchained, `header(…)` is Ktor's request-builder call (`client.get(url) { header(HttpHeaders.Cookie, c) }`) in a Ktor file.
    if (!(chained || (ktor && name === 'header')) || !JVM_HEADER_METHODS.has(name ?? '')) continue;
    const edit = cookieHeaderEdit(values as Node[], headerValue(options));
    if (edit) edits.push(guardedHeader(call, edit) ?? edit);
  }
  return edits;
}

/** Ktor's package for client plugins, from the file's HttpCookies import: `plugins` (2.x and later) or `features` (1.x). */
function ktorPluginPackage(root: Node): string | undefined {
  const imports = descendants(root, 'import_header').map((header) => /^import\s+io\.ktor\.client\.(plugins|features)\.cookies\.(HttpCookies|\*)\s*$/.exec(header.text)?.[1]);
  const packages = new Set(imports.filter(Boolean));
  return packages.size === 1 ? `io.ktor.client.${[...packages][0]}` : undefined;
}

/**
 * Ktor clients made here with `install(HttpCookies)`, `val client = HttpClient(…) { install(HttpCookies) … }`: they keep
 * the login's cookie for the later calls. By client name, the edit that also installs DefaultRequest with the
 * Authorization header right after it (the cookie storage stays: other cookies may need it).
 */
function ktorCookieClients(source: string, root: Node, options: FixOptions): Map<string, Edit> {
  const clients = new Map<string, Edit>();
  const plugins = ktorPluginPackage(root);
  for (const install of descendants(root, 'call_expression')) {
    const args = install.namedChildren[1]?.namedChildren.find((child) => child?.type === 'value_arguments');
    if (!plugins || install.namedChildren[0]?.text !== 'install' || args?.namedChildCount !== 1 || !/^(HttpCookies|[\w.]+\.HttpCookies)$/.test(args.namedChildren[0]?.text ?? '')) continue;
    const lambda = install.parent?.type === 'statements' ? install.parent.parent : null;
    const declaration = lambda?.parent?.parent?.parent?.parent;
    const client = declaration?.type === 'property_declaration' ? declaration.namedChildren.find((child) => child?.type === 'variable_declaration')?.namedChildren[0] : undefined;
    const maker = lambda?.parent?.parent?.parent;
    if (lambda?.type !== 'lambda_literal' || maker?.type !== 'call_expression' || maker.namedChildren[0]?.text !== 'HttpClient' || !client) continue;
    const indent = /^[ \t]*/.exec(source.slice(source.lastIndexOf('\n', install.startIndex - 1) + 1))?.[0] ?? '';
    clients.set(client.text, { start: install.endIndex, end: install.endIndex, text: `\n${indent}install(${plugins}.DefaultRequest) { headers.append("Authorization", ${headerValue(options)}) }` });
  }
  return clients;
}

/** The Ktor client a login statement posts through (`client.post(…/session) { … }`), when it is one of `clients`. */
function ktorClientOf(statement: Node, clients: Map<string, Edit>): string | undefined {
  const sends = descendants(statement, 'navigation_expression').filter((callee) => /^(post|submitForm|request)$/.test(callee.namedChildren.at(-1)?.namedChildren[0]?.text ?? ''));
  const receivers = new Set(sends.map((callee) => callee.namedChildren[0]?.text ?? ''));
  const [client] = receivers;
  return receivers.size === 1 && client && clients.has(client) ? client : undefined;
}

const KTOR_REQUESTS = /^(get|post|put|patch|delete|head|options|request|submitForm|submitFormWithBinaryData|prepareGet|preparePost|prepareRequest)$/;

/** `client.get(url) { … }`: the Ktor request call and its URL argument (undefined when a `url(…)` in its block sets another). */
function ktorRequest(receiver: Node): { call: Node; url: Node | undefined } | undefined {
  const navigation = receiver.parent;
  const call = navigation?.parent;
  const method = navigation?.type === 'navigation_expression' && navigation.namedChildren[0]?.id === receiver.id ? navigation.namedChildren.at(-1)?.namedChildren[0]?.text : undefined;
  if (call?.type !== 'call_expression' || !KTOR_REQUESTS.test(method ?? '')) return undefined;
  const args = call.namedChildren[1]?.namedChildren.find((child) => child?.type === 'value_arguments')?.namedChildren.filter((arg) => arg?.type === 'value_argument') ?? [];
  const first = args[0];
  const positional = first && first.namedChildCount === 1 ? (first.namedChildren[0] ?? undefined) : first?.namedChildren[0]?.text === 'urlString' ? (first.namedChildren.at(-1) ?? undefined) : undefined;
  // A trailing block (on this call, or the call wrapping it) may set the URL itself: then the argument is not where it goes.
  const blocks = [call, call.parent?.type === 'call_expression' ? call.parent : undefined].flatMap((node) => (node ? descendants(node, 'lambda_literal') : []));
  const resets = blocks.some((block) => descendants(block, 'call_expression').some((inner) => /^(url|host)$/.test(inner.namedChildren[0]?.text ?? '')));
  return { call, url: resets ? undefined : positional };
}

/**
 * Whether a Ktor client's other calls all go where its login went (DefaultRequest puts the header on each): undefined
 * when they do; `true` when the client is not shown whole (handed on, declared more than once); else the request
 * that goes elsewhere.
 */
function ktorElsewhere(root: Node, client: string, logins: Node[]): true | { request: NonNullable<ReturnType<typeof firstElsewhere>>; login: ReturnType<typeof kotlinOrigin> } | undefined {
  const declarations = descendants(root, 'variable_declaration').filter((declaration) => declaration.namedChildren[0]?.text === client);
  const property = declarations[0]?.parent;
  const local = property?.parent?.type === 'statements';
  const isPrivate = property?.namedChildren.some((child) => child?.type === 'modifiers' && /\bprivate\b/.test(child.text));
  if (declarations.length !== 1 || !property || !(local || isPrivate)) return true;
  const uses = descendants(root, 'simple_identifier').filter((use) => use.text === client && !/^(variable_declaration|navigation_suffix|identifier)$/.test(use.parent?.type ?? ''));
  const requests: { request: Node; url: Node | undefined }[] = [];
  const own: (Node | undefined)[] = [];
  for (const use of uses) {
    const found = ktorRequest(use);
    const closes = use.parent?.type === 'navigation_expression' && use.parent.namedChildren.at(-1)?.namedChildren[0]?.text === 'close';
    if (closes) continue;
    if (!found) return true;
    if (logins.some((login) => login.startIndex <= found.call.startIndex && found.call.endIndex <= login.endIndex)) own.push(found.url);
    else requests.push({ request: found.call, url: found.url });
  }
  const origins = own.map((url) => (url ? kotlinOrigin(url) : undefined));
  const login = commonOrigin(origins);
  const elsewhere = firstElsewhere(login, requests, kotlinOrigin);
  return elsewhere ? { request: elsewhere, login } : undefined;
}

function valueArguments(call: Node): Node[] {
  const list = call.namedChildren.find((child) => child?.type === 'call_suffix')?.namedChildren.find((child) => child?.type === 'value_arguments');
  return (list?.namedChildren ?? []).filter((arg): arg is Node => arg?.type === 'value_argument').map((arg) => arg.namedChildren.at(-1)).filter((value): value is Node => Boolean(value));
}

/** The method a call `a.b(…)` calls (`b`), and its receiver `a`. */
function calledMember(call: Node): { name: string | undefined; receiver: Node | undefined } {
  const callee = call.namedChildren[0];
  if (callee?.type !== 'navigation_expression') return { name: undefined, receiver: undefined };
  return { name: callee.namedChildren.at(-1)?.namedChildren[0]?.text, receiver: callee.namedChildren[0] ?? undefined };
}

/** okhttp `Request.Builder().url(u)….build()`, in the call or a `val` of the function: `u`. */
function okhttpRequestUrl(request: Node | undefined): Node | undefined {
  let value: Node | undefined = request;
  if (request?.type === 'simple_identifier') {
    let scope: Node | null = request.parent;
    while (scope && scope.type !== 'function_declaration' && scope.type !== 'lambda_literal') scope = scope.parent;
    const declared = scope ? descendants(scope, 'property_declaration').filter((property) => property.namedChildren.find((child) => child?.type === 'variable_declaration')?.namedChildren[0]?.text === request.text) : [];
    const only = declared[0];
    const isVal = only?.namedChildren.some((child) => child?.type === 'binding_pattern_kind' && child.text === 'val');
    value = declared.length === 1 && isVal ? (only?.namedChildren.at(-1) ?? undefined) : undefined;
  }
  for (let call = value; call?.type === 'call_expression'; call = calledMember(call).receiver) {
    const args = valueArguments(call);
    if (calledMember(call).name === 'url' && args.length === 1) return args[0];
  }
  return undefined;
}

/**
 * okhttp `.cookieJar(…)` on a client builder, rewritten to an interceptor that puts the header on every request: the
 * note naming the first request of that client not provably to the login's origin; undefined when each is.
 */
function storeClientElsewhere(root: Node, logins: Node[], edits: Edit[], write: string): string | undefined {
  const removed = edits.filter((edit) => edit.text === '');
  const isLogin = (call: Node): boolean => insideEdits(call, removed) || logins.some((login) => login.startIndex <= call.startIndex && call.endIndex <= login.endIndex);
  for (const store of descendants(root, 'call_expression')) {
    const member = calledMember(store);
    const nameNode = store.namedChildren[0]?.namedChildren.at(-1)?.namedChildren[0];
    if (member.name !== 'cookieJar' || !nameNode || !edits.some((edit) => edit.start === nameNode.startIndex && edit.text)) continue;
    let chain: Node = store;
    while (chain.parent?.type === 'navigation_expression' && chain.parent.namedChildren[0]?.id === chain.id && chain.parent.parent?.type === 'call_expression') chain = chain.parent.parent;
    const property = chain.parent;
    const client = property?.type === 'property_declaration' ? property.namedChildren.find((child) => child?.type === 'variable_declaration')?.namedChildren[0]?.text : undefined;
    const local = property?.parent?.type === 'statements';
    const isPrivate = property?.namedChildren.some((child) => child?.type === 'modifiers' && /\bprivate\b/.test(child.text));
    if (!client || !property || !(local || isPrivate)) return elsewhereNote({ request: store, origin: undefined }, undefined, write);
    let scope: Node = root;
    if (local) for (let node: Node | null = property.parent; node; node = node.parent) if (node.type === 'function_declaration' || node.type === 'lambda_literal') { scope = node; break; }
    const own: (Node | undefined)[] = [];
    const requests: { request: Node; url: Node | undefined }[] = [];
    for (const use of descendants(scope, 'simple_identifier')) {
      if (use.text !== client || /^(variable_declaration|identifier)$/.test(use.parent?.type ?? '')) continue;
      const viaThis = use.parent?.type === 'navigation_suffix' && use.parent.parent?.namedChildren[0]?.type === 'this_expression';
      if (use.parent?.type === 'navigation_suffix' && !viaThis) continue;
      const receiver = viaThis ? (use.parent?.parent ?? use) : use;
      const navigation = receiver.parent;
      const call = navigation?.type === 'navigation_expression' && navigation.namedChildren[0]?.id === receiver.id && navigation.parent?.type === 'call_expression' ? navigation.parent : undefined;
      const method = call ? calledMember(call).name : undefined;
      if (method === 'close') continue;
      if (!call || method !== 'newCall') return elsewhereNote({ request: receiver, origin: undefined }, undefined, write);
      const url = okhttpRequestUrl(valueArguments(call)[0]);
      if (isLogin(call)) own.push(url);
      else requests.push({ request: call, url });
    }
    const origins = own.map((url) => (url ? kotlinOrigin(url) : undefined));
    const login = commonOrigin(origins);
    const elsewhere = firstElsewhere(login, requests, kotlinOrigin);
    if (elsewhere) return elsewhereNote(elsewhere, login, write);
  }
  return undefined;
}

/**
 * Kotlin: a hand-made login (okhttp, HttpURLConnection, Ktor…) whose answer only fed a Cookie header goes with what
 * read it; the header sends Basic credentials (Bearer with --bearer) from the environment. All or nothing, as for Java.
 */
export function rewriteKotlin(source: string, root: Node, options: FixOptions, hints: ScanHints): RewriteResult {
  const note = `Remove this session login; send the header "Authorization", ${headerValue(options)} on the requests that used its cookie.`;
  const { logins, returning } = loginStatements(root, ['call_expression'], SHAPE, withRequestPaths(root, ['call_expression'], SHAPE, hints, MEMBERS));
  // A login whose answer reaches a later `return` hands the session to its callers, like a login inside `return`.
  const handedBack = linesReturningAnswer(root, hints.loginLines, SHAPE);
  const notes = [...hints.loginLines].filter((line) => !returning.has(line)).map((line) => ({ line, note: handedBack.has(line) ? handsBackNote(`send the header "Authorization", ${headerValue(options)}`) : note }));
  const manual = { edits: [], notes };
  const replaced = cookieHeaders(root, options);
  // A java.net.http client with a cookie handler kept the session for its other requests: they take the header.
  const kept = cookieClientHeaderEdits(root, logins, headerValue(options), KOTLIN_COOKIE_CLIENTS);
  if (!kept) return manual;
  const refused = (why: string): RewriteResult => ({ edits: [], notes: notes.map(({ line }) => ({ line, note: why })) });
  if ('note' in kept) return refused(kept.note);
  replaced.push(...kept.edits);
  // No cookie sent by hand: a Ktor client whose HttpCookies kept the login's cookie sends the token instead.
  if (!replaced.length && logins.length) {
    const clients = ktorCookieClients(source, root, options);
    const used = logins.map((statement) => ktorClientOf(statement, clients));
    if (used.every(Boolean)) {
      // DefaultRequest sends the header on every call of the client: each must go where the login went.
      for (const client of new Set(used as string[])) {
        const elsewhere = ktorElsewhere(root, client, logins);
        if (elsewhere) return refused(elsewhere === true ? note : elsewhereNote(elsewhere.request, elsewhere.login, `header("Authorization", ${headerValue(options)}) in each such call`));
      }
      replaced.push(...new Set(used.map((client) => clients.get(client as string) as Edit)));
    }
  }
  if (!replaced.length || !logins.length) return manual;
  const edits: Edit[] = [...replaced];
  for (const statement of logins) {
    const removed = SHAPE.removable.has(statement.type) ? removeWithDependents(source, root, statement, SHAPE, replaced) : undefined;
    if (!removed) return manual;
    edits.push(...removed, ...unusedInputs(source, root, statement, SHAPE, [...edits, ...removed]));
  }
  // An okhttp cookie jar became a header on every request of its client: each must go where the login went.
  const storeClient = storeClientElsewhere(root, logins, edits, `the header "Authorization", ${headerValue(options)} on each request to Jira`);
  if (storeClient) return refused(storeClient);
  return { edits, notes: [] };
}
