import type { Node } from 'web-tree-sitter';
import type { CookieClientGrammar } from '../cookie-clients';
import { descendants, type Edit, insideEdits } from '../edits';
import { commonOrigin, elsewhereNote, firstElsewhere, type Origin } from '../same-origin';
import { URL_GRAMMARS, urlOrigin } from '../url-origins';

const SENDS = /^(send|sendAsync)$/;

const METHODS = new Set(['method_declaration', 'constructor_declaration', 'lambda_expression']);

function enclosingMethod(node: Node): Node | undefined {
  let current: Node | null = node.parent;
  while (current && !METHODS.has(current.type)) current = current.parent;
  return current ?? undefined;
}

function argumentsOf(call: Node): Node[] {
  return call.childForFieldName('arguments')?.namedChildren.filter((arg): arg is Node => arg !== null) ?? [];
}

/** The client a `x.send(…)` / `this.x.send(…)` goes through: the name `x`; undefined for any other receiver. */
function clientName(call: Node): string | undefined {
  const receiver = call.childForFieldName('object');
  if (receiver?.type === 'identifier') return receiver.text;
  if (receiver?.type === 'field_access' && receiver.childForFieldName('object')?.type === 'this') return receiver.childForFieldName('field')?.text;
  return undefined;
}

/** The first call of a chain `a.b(…).c(…)`: its receiver's text, with spaces gone (`HttpClient.newBuilder`). */
function chainRoot(call: Node): Node {
  let current = call;
  for (let receiver = current.childForFieldName('object'); receiver?.type === 'method_invocation'; receiver = current.childForFieldName('object')) current = receiver;
  return current;
}

function isBuilderChain(value: Node | null | undefined, builder: string): boolean {
  if (value?.type !== 'method_invocation' || value.childForFieldName('name')?.text !== 'build') return false;
  const root = chainRoot(value);
  return `${root.childForFieldName('object')?.text ?? ''}.${root.childForFieldName('name')?.text ?? ''}` === builder;
}

/**
 * `HttpClient.newBuilder()….cookieHandler(…)….build()` kept in a local or a private field: a java.net.http client
 * whose cookie handler keeps the login's session cookie for its later requests. The map holds each such name's declarator.
 */
function cookieKeepingClients(root: Node): Map<string, Node> {
  const clients = new Map<string, Node>();
  for (const declarator of descendants(root, 'variable_declarator')) {
    const value = declarator.childForFieldName('value');
    const name = declarator.childForFieldName('name')?.text;
    const declaration = declarator.parent;
    if (!name || !value || !isBuilderChain(value, 'HttpClient.newBuilder')) continue;
    if (!descendants(value, 'method_invocation').some((call) => call.childForFieldName('name')?.text === 'cookieHandler')) continue;
    const local = declaration?.type === 'local_variable_declaration';
    const privateField = declaration?.type === 'field_declaration' && declaration.namedChildren.some((child) => child?.type === 'modifiers' && /\bprivate\b/.test(child.text));
    if (local || privateField) clients.set(name, declarator);
  }
  return clients;
}

/** Whether a method declares a parameter or local of this name (then a bare `name` in it is not the field). */
function shadows(method: Node | undefined, name: string): boolean {
  if (!method) return false;
  const parameters = descendants(method, 'formal_parameter').map((parameter) => parameter.childForFieldName('name')?.text);
  const locals = descendants(method, 'variable_declarator').map((declarator) => declarator.childForFieldName('name')?.text);
  return [...parameters, ...locals].includes(name);
}

/**
 * Every mention of the client other than its declaration: each must be the receiver of a send, or the client is
 * handed on. A local is mentioned only in its method; a field anywhere, except as a bare name in a method with a
 * parameter or local of the same name (another client).
 */
function onlySentThrough(root: Node, name: string, declarator: Node): Node[] | undefined {
  const sends: Node[] = [];
  const local = declarator.parent?.type === 'local_variable_declaration';
  for (const receiver of clientMentions(local ? (enclosingMethod(declarator) ?? root) : root, name, declarator, local)) {
    if (handedOn(receiver)) return undefined;
    const call = receiver.parent;
    if (call?.type !== 'method_invocation' || call.childForFieldName('object')?.id !== receiver.id || !SENDS.test(call.childForFieldName('name')?.text ?? '')) return undefined;
    sends.push(call);
  }
  return sends;
}

/**
 * Each mention of the client `name` declared at `holder` within `scope`, in order, as the expression that names it
 * (`http`, `this.http`). For a field, a bare name in a method with a parameter or local of the same name is another client.
 */
function clientMentions(scope: Node, name: string, holder: Node, local: boolean): Node[] {
  const mentions: Node[] = [];
  for (const identifier of descendants(scope, 'identifier')) {
    if (identifier.text !== name || identifier.parent?.id === holder.id || identifier.parent?.type === 'scoped_identifier') continue;
    const viaThis = identifier.parent?.type === 'field_access' && identifier.parent.childForFieldName('field')?.id === identifier.id;
    if (!local && !viaThis && shadows(enclosingMethod(identifier), name)) continue;
    mentions.push(viaThis && identifier.parent ? identifier.parent : identifier);
  }
  return mentions;
}

/** `this.http` names the field; `other.http` is some other thing, or the client handed on. */
function handedOn(mention: Node): boolean {
  return mention.type === 'field_access' && mention.childForFieldName('object')?.type !== 'this';
}


/** The statement of a block a node belongs to. */
function statementOf(node: Node): Node | undefined {
  let current: Node | null = node;
  while (current?.parent && current.parent.type !== 'block') current = current.parent;
  return current?.parent ? current : undefined;
}

/**
 * The `HttpRequest.newBuilder()….build()` a send's request comes from: written in the call, or the value a local of
 * the same method last got before the send (`request = HttpRequest.newBuilder()….build();` again for the next
 * request), when that binding is a statement of the send's own block (no branch or loop between them). Undefined:
 * the request is made elsewhere (a helper, a field, a parameter).
 */
function requestChain(send: Node): Node | undefined {
  const request = argumentsOf(send)[0];
  if (request && isBuilderChain(request, 'HttpRequest.newBuilder')) return request;
  const last = lastBinding(send);
  const value = last?.childForFieldName(last.type === 'variable_declarator' ? 'value' : 'right');
  // The binding is a statement of its own in the send's block: not under an `if`, a loop or another block.
  const own = last?.parent;
  const sameBlock = own && /^(local_variable_declaration|expression_statement)$/.test(own.type) && own.parent?.id === statementOf(send)?.parent?.id;
  return sameBlock && value && isBuilderChain(value, 'HttpRequest.newBuilder') ? value : undefined;
}

/** The declarator or assignment that last bound the local a send's request names, before the send; undefined: no local of the method. */
function lastBinding(send: Node): Node | undefined {
  const request = argumentsOf(send)[0];
  const method = enclosingMethod(send);
  if (request?.type !== 'identifier' || !method) return undefined;
  const declared = descendants(method, 'variable_declarator').filter((declarator) => declarator.childForFieldName('name')?.text === request.text);
  const assigned = descendants(method, 'assignment_expression').filter((assignment) => assignment.childForFieldName('left')?.text === request.text);
  if (declared.length !== 1) return undefined;
  return [...declared, ...assigned].filter((binding) => binding.endIndex <= send.startIndex).sort((a, b) => b.startIndex - a.startIndex)[0];
}

/**
 * The sends a login statement makes: in the statement, or of the request it declares (later in its method, before
 * the local is bound to another request).
 */
function loginSends(root: Node, login: Node): Node[] {
  const scope = enclosingMethod(login) ?? root;
  const within = (node: Node | undefined): boolean => Boolean(node && login.startIndex <= node.startIndex && node.endIndex <= login.endIndex);
  return descendants(scope, 'method_invocation').filter((call) => SENDS.test(call.childForFieldName('name')?.text ?? '') && clientName(call) && (within(call) || within(lastBinding(call))));
}

function buildStep(send: Node): Node | undefined {
  return requestChain(send)?.childForFieldName('name') ?? undefined;
}

/** The URL a send's request chain names: `HttpRequest.newBuilder(url)` or `.uri(url)`. */
function requestUrl(send: Node): Node | undefined {
  for (let call: Node | null | undefined = requestChain(send); call?.type === 'method_invocation'; call = call.childForFieldName('object')) {
    const args = argumentsOf(call);
    if (/^(uri|newBuilder)$/.test(call.childForFieldName('name')?.text ?? '') && args.length === 1) return args[0];
  }
  return undefined;
}

export function javaOrigin(url: Node): Origin | undefined {
  return urlOrigin(url, URL_GRAMMARS.java);
}

/** java.net.http in Java: a login sent through a client with a cookie handler (cookie-clients.ts). */
export const JAVA_COOKIE_CLIENTS: CookieClientGrammar = { clients: cookieKeepingClients, loginSends, clientName, sendsThrough: onlySentThrough, buildStep, requestUrl, origin: javaOrigin };

/** `HttpClientContext.create()` / `new HttpClientContext()`: Apache HttpClient's execution context, in a local. */
function isContextCreation(value: Node | null | undefined): boolean {
  if (value?.type === 'object_creation_expression') return value.childForFieldName('type')?.text === 'HttpClientContext';
  return value?.type === 'method_invocation' && value.childForFieldName('object')?.text === 'HttpClientContext' && value.childForFieldName('name')?.text === 'create';
}

/**
 * Apache HttpClient 4/5: a login executed with a local context that holds a cookie store (`context.setCookieStore(…)`,
 * `client.execute(login, context)`). The context sent the session cookie on each later `execute(request, context)`;
 * each of them now sets the Authorization header on its request on the line before. `[]`: no login goes through
 * such a context. Undefined: one does, but the context is used otherwise (handed on, read), a request is not a
 * local, or nothing else is executed with it.
 */
export function cookieContextEdits(source: string, logins: Node[], authorization: string): Edit[] | { note: string } | undefined {
  const edits: Edit[] = [];
  for (const login of logins) {
    const method = enclosingMethod(login);
    if (!method) continue;
    const names = new Set(descendants(login, 'variable_declarator').map((declarator) => declarator.childForFieldName('name')?.text));
    for (const declarator of descendants(method, 'variable_declarator')) {
      const context = declarator.childForFieldName('name')?.text;
      if (!context || !isContextCreation(declarator.childForFieldName('value'))) continue;
      const uses = descendants(method, 'identifier').filter((use) => use.text === context && use.parent?.id !== declarator.id);
      const executes = uses.map((use) => use.parent?.parent).filter((call): call is Node => call?.type === 'method_invocation' && call.childForFieldName('name')?.text === 'execute');
      const stores = uses.filter((use) => use.parent?.type === 'method_invocation' && use.parent.childForFieldName('object')?.id === use.id && use.parent.childForFieldName('name')?.text === 'setCookieStore');
      const isLogin = (call: Node): boolean => {
        const request = argumentsOf(call)[0];
        return (login.startIndex <= call.startIndex && call.endIndex <= login.endIndex) || (request?.type === 'identifier' && names.has(request.text));
      };
      if (!stores.length || !executes.some(isLogin)) continue;
      // Every other mention is the context argument (the second) of an execute: the context is not handed on or read.
      const asContext = (use: Node): boolean => use.parent?.type === 'argument_list' && argumentsOf(use.parent.parent as Node)[1]?.id === use.id && executes.some((call) => call.id === use.parent?.parent?.id);
      if (!uses.every((use) => stores.some((store) => store.id === use.id) || asContext(use))) return undefined;
      // The store itself read elsewhere (`cookieStore.getCookies()` handed on) would miss the session: refuse.
      const held = stores.map((use) => argumentsOf(use.parent as Node)[0]).filter((store): store is Node => store?.type === 'identifier');
      const read = (store: Node): boolean => descendants(method, 'identifier').some((other) => other.text === store.text && other.id !== store.id && other.parent?.type !== 'variable_declarator');
      if (held.some(read)) return undefined;
      const others = executes.filter((call) => !isLogin(call));
      if (!others.length) return undefined;
      for (const call of others) {
        const request = argumentsOf(call)[0];
        const statement = statementOf(call);
        const lineStart = statement ? source.lastIndexOf('\n', statement.startIndex - 1) + 1 : -1;
        const indent = statement ? source.slice(lineStart, statement.startIndex) : 'x';
        if (request?.type !== 'identifier' || !statement || indent.trim()) return undefined;
        edits.push({ start: lineStart, end: lineStart, text: `${indent}${request.text}.setHeader("Authorization", ${authorization});\n` });
      }
      // Each request executed with the context must go where the login went: the header goes wherever it is sent.
      const origins = executes.filter(isLogin).map((call) => apacheRequestUrl(method, argumentsOf(call)[0])).map((url) => (url ? javaOrigin(url) : undefined));
      const loginOrigin = commonOrigin(origins);
      const elsewhere = firstElsewhere(loginOrigin, others.map((call) => ({ request: call, url: apacheRequestUrl(method, argumentsOf(call)[0]) })), javaOrigin);
      if (elsewhere) return { note: elsewhereNote(elsewhere, loginOrigin, `request.setHeader("Authorization", ${authorization}) on each such request`) };
    }
  }
  return edits;
}

/** `new HttpGet(url)` (any Apache request class), in the call or the one value of a local of the method. */
function apacheRequestUrl(method: Node, request: Node | undefined): Node | undefined {
  const urlOf = (value: Node | null | undefined): Node | undefined =>
    value?.type === 'object_creation_expression' && /^Http(Get|Post|Put|Patch|Delete|Head|Options)$/.test(value.childForFieldName('type')?.text ?? '') ? argumentsOf(value)[0] : undefined;
  if (request?.type !== 'identifier') return urlOf(request);
  const declared = descendants(method, 'variable_declarator').filter((declarator) => declarator.childForFieldName('name')?.text === request.text);
  const assigned = descendants(method, 'assignment_expression').some((assignment) => assignment.childForFieldName('left')?.text === request.text);
  return declared.length === 1 && !assigned ? urlOf(declared[0]?.childForFieldName('value')) : undefined;
}

/** okhttp `new Request.Builder().url(u)….build()`, in the call or the one value of a local of the method: `u`. */
function okhttpRequestUrl(method: Node | undefined, request: Node | undefined): Node | undefined {
  let value: Node | null | undefined = request;
  if (request?.type === 'identifier' && method) {
    const declared = descendants(method, 'variable_declarator').filter((declarator) => declarator.childForFieldName('name')?.text === request.text);
    const assigned = descendants(method, 'assignment_expression').some((assignment) => assignment.childForFieldName('left')?.text === request.text);
    value = declared.length === 1 && !assigned ? declared[0]?.childForFieldName('value') : undefined;
  }
  for (let call = value; call?.type === 'method_invocation'; call = call.childForFieldName('object')) {
    const args = argumentsOf(call);
    if (call.childForFieldName('name')?.text === 'url' && args.length === 1) return args[0];
  }
  return undefined;
}

/**
 * A client builder whose cookie store the rewrite turns into a header on every request (okhttp `.cookieJar(…)`,
 * Apache `.setDefaultCookieStore(…)`): the first request of that client that does not provably go to the login's
 * origin, with a note; undefined when each does. `edits`: the rewrite's (the store steps replaced, the login removed).
 */
export function storeClientElsewhere(root: Node, logins: Node[], edits: Edit[], authorization: string): { note: string } | undefined {
  const removed = edits.filter((edit) => edit.text === '');
  const isLogin = (call: Node): boolean => insideEdits(call, removed) || logins.some((login) => login.startIndex <= call.startIndex && call.endIndex <= login.endIndex);
  for (const store of descendants(root, 'method_invocation')) {
    const name = store.childForFieldName('name');
    if (!/^(cookieJar|setDefaultCookieStore)$/.test(name?.text ?? '') || !edits.some((edit) => edit.start === name?.startIndex && edit.text)) continue;
    let chain: Node = store;
    while (chain.parent?.type === 'method_invocation' && chain.parent.childForFieldName('object')?.id === chain.id) chain = chain.parent;
    const holder = chain.parent;
    const unknown = { note: elsewhereNote({ request: store, origin: undefined }, undefined, `the header "Authorization", ${authorization} on each request to Jira`) };
    const client = /^(variable_declarator|resource)$/.test(holder?.type ?? '') && holder?.childForFieldName('value')?.id === chain.id ? holder.childForFieldName('name')?.text : undefined;
    const declaration = holder?.type === 'resource' ? holder : holder?.parent;
    const local = declaration?.type === 'resource' || declaration?.type === 'local_variable_declaration';
    const privateField = declaration?.type === 'field_declaration' && declaration.namedChildren.some((child) => child?.type === 'modifiers' && /\bprivate\b/.test(child.text));
    if (!client || !holder || !(local || privateField)) return unknown;
    const scope = local ? (enclosingMethod(holder) ?? root) : root;
    const own: (Node | undefined)[] = [];
    const requests: { request: Node; url: Node | undefined }[] = [];
    for (const receiver of clientMentions(scope, client, holder, local)) {
      if (handedOn(receiver)) return unknown;
      const call = receiver.parent;
      const method = call?.type === 'method_invocation' && call.childForFieldName('object')?.id === receiver.id ? call.childForFieldName('name')?.text : undefined;
      if (method === 'close') continue;
      if (!call || (method !== 'newCall' && method !== 'execute')) return { note: elsewhereNote({ request: receiver, origin: undefined }, undefined, `the header "Authorization", ${authorization} on each request to Jira`) };
      const request = argumentsOf(call)[0];
      const url = method === 'newCall' ? okhttpRequestUrl(enclosingMethod(call), request) : apacheRequestUrl(enclosingMethod(call) ?? root, request);
      if (isLogin(call)) own.push(url);
      else requests.push({ request: call, url });
    }
    const origins = own.map((url) => (url ? javaOrigin(url) : undefined));
    const login = commonOrigin(origins);
    const elsewhere = firstElsewhere(login, requests, javaOrigin);
    if (elsewhere) return { note: elsewhereNote(elsewhere, login, `the header "Authorization", ${authorization} on each request to Jira`) };
  }
  return undefined;
}
