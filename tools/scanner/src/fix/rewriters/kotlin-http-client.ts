import type { Node } from 'web-tree-sitter';
import type { CookieClientGrammar } from '../cookie-clients';
import { descendants } from '../edits';
import type { Origin } from '../same-origin';
import { URL_GRAMMARS, urlOrigin } from '../url-origins';

const SENDS = /^(send|sendAsync)$/;

/** `a.b(…)`: the callee's navigation expression, or undefined for a call of a bare name. */
function calleeOf(call: Node): Node | undefined {
  const callee = call.namedChildren[0];
  return callee?.type === 'navigation_expression' ? callee : undefined;
}

/** The member name after the dot: `b` in `a.b`. */
function memberName(navigation: Node | undefined): Node | undefined {
  const suffix = navigation?.namedChildren.at(-1);
  return suffix?.type === 'navigation_suffix' ? (suffix.namedChildren[0] ?? undefined) : undefined;
}

function argumentsOf(call: Node): Node[] {
  const list = call.namedChildren.find((child) => child?.type === 'call_suffix')?.namedChildren.find((child) => child?.type === 'value_arguments');
  return (list?.namedChildren ?? []).filter((arg): arg is Node => arg?.type === 'value_argument').map((arg) => arg.namedChildren.at(-1)).filter((expression): expression is Node => Boolean(expression));
}

/** `Type.factory()….build()`: a builder chain from `Type.factory` (HttpClient.newBuilder, HttpRequest.newBuilder). */
function isBuilderChain(value: Node | null | undefined, type: string, factory: string): boolean {
  if (value?.type !== 'call_expression' || memberName(calleeOf(value))?.text !== 'build') return false;
  let call: Node | undefined = value;
  while (call?.type === 'call_expression') {
    const callee = calleeOf(call);
    const receiver = callee?.namedChildren[0];
    if (receiver?.type === 'simple_identifier') return receiver.text === type && memberName(callee)?.text === factory;
    call = receiver ?? undefined;
  }
  return false;
}

/** The calls of a chain `a.b(…).c(…)` from its last step back to its first. */
function chainCalls(call: Node): Node[] {
  const calls: Node[] = [];
  for (let current: Node | undefined = call; current?.type === 'call_expression'; current = calleeOf(current)?.namedChildren[0] ?? undefined) calls.push(current);
  return calls;
}

/** The client a `x.send(…)` / `this.x.send(…)` goes through: the name `x`. */
function clientName(call: Node): string | undefined {
  const receiver = calleeOf(call)?.namedChildren[0];
  if (receiver?.type === 'simple_identifier') return receiver.text;
  if (receiver?.type === 'navigation_expression' && receiver.namedChildren[0]?.type === 'this_expression') return memberName(receiver)?.text;
  return undefined;
}

function isSend(call: Node): boolean {
  return SENDS.test(memberName(calleeOf(call))?.text ?? '') && clientName(call) !== undefined;
}

/** A property's name and value: `val http = …`. */
function declared(property: Node): { name: string; value: Node | undefined; isVal: boolean } | undefined {
  const variables = property.namedChildren.filter((child) => child?.type === 'variable_declaration');
  const name = variables[0]?.namedChildren[0]?.text;
  if (variables.length !== 1 || !name) return undefined;
  const value = property.namedChildren.at(-1);
  const isVal = property.namedChildren.some((child) => child?.type === 'binding_pattern_kind' && child.text === 'val');
  return { name, value: value && value.type !== 'variable_declaration' ? value : undefined, isVal };
}

/** `HttpClient.newBuilder()….cookieHandler(…)….build()` in a local or a private property: a client that keeps the session cookie. */
function cookieKeepingClients(root: Node): Map<string, Node> {
  const clients = new Map<string, Node>();
  for (const property of descendants(root, 'property_declaration')) {
    const own = declared(property);
    if (!own?.value || !isBuilderChain(own.value, 'HttpClient', 'newBuilder')) continue;
    if (!chainCalls(own.value).some((call) => memberName(calleeOf(call))?.text === 'cookieHandler')) continue;
    const local = property.parent?.type === 'statements';
    const privateMember = property.namedChildren.some((child) => child?.type === 'modifiers' && /\bprivate\b/.test(child.text));
    if (local || privateMember) clients.set(own.name, property);
  }
  return clients;
}

function enclosingFunction(node: Node): Node | undefined {
  let current: Node | null = node.parent;
  while (current && current.type !== 'function_declaration' && current.type !== 'lambda_literal') current = current.parent;
  return current ?? undefined;
}

/** Whether a function declares a parameter or local of this name (then a bare `name` in it is not the property). */
function shadows(scope: Node | undefined, name: string): boolean {
  if (!scope) return false;
  const parameters = descendants(scope, 'parameter').map((parameter) => parameter.namedChildren[0]?.text);
  const locals = descendants(scope, 'property_declaration').map((local) => declared(local)?.name);
  return [...parameters, ...locals].includes(name);
}

/**
 * Every mention of the client's name must be the receiver of a send (`http.send`, `this.http.send`): else it is
 * handed on. A local is mentioned only in its function; a property anywhere, except as a bare name in a function with
 * a parameter or local of the same name (another client).
 */
function onlySentThrough(root: Node, name: string, property: Node): Node[] | undefined {
  const sends: Node[] = [];
  const local = property.parent?.type === 'statements';
  for (const identifier of descendants(local ? (enclosingFunction(property) ?? root) : root, 'simple_identifier')) {
    // An import's or package's dotted name (`java.net.http`) and the declaration itself name no use.
    if (identifier.text !== name || identifier.parent?.type === 'identifier' || identifier.parent?.parent?.id === property.id) continue;
    const viaThis = identifier.parent?.type === 'navigation_suffix' && identifier.parent.parent?.namedChildren[0]?.type === 'this_expression';
    if (!local && !viaThis && shadows(enclosingFunction(identifier), name)) continue;
    const receiver = viaThis ? identifier.parent?.parent : identifier;
    const navigation = receiver?.parent;
    const call = navigation?.parent;
    if (navigation?.type !== 'navigation_expression' || navigation.namedChildren[0]?.id !== receiver?.id || call?.type !== 'call_expression' || !isSend(call)) return undefined;
    sends.push(call);
  }
  return sends;
}

/** The `HttpRequest.newBuilder()….build()` a send's request comes from: in the call, or a `val` of the same function. */
function requestChain(send: Node): Node | undefined {
  const request = argumentsOf(send)[0];
  if (request && isBuilderChain(request, 'HttpRequest', 'newBuilder')) return request;
  const scope = enclosingFunction(send);
  if (request?.type !== 'simple_identifier' || !scope) return undefined;
  const declarations = descendants(scope, 'property_declaration').map(declared).filter((own) => own?.name === request.text);
  const only = declarations[0];
  return declarations.length === 1 && only?.isVal && isBuilderChain(only.value, 'HttpRequest', 'newBuilder') ? only.value : undefined;
}

/** The sends a login statement makes: in the statement, or of the request it declares. */
function loginSends(root: Node, login: Node): Node[] {
  const names = new Set(login.type === 'property_declaration' ? [declared(login)?.name] : []);
  return descendants(enclosingFunction(login) ?? root, 'call_expression').filter((call) => {
    if (!isSend(call)) return false;
    const request = argumentsOf(call)[0];
    return (login.startIndex <= call.startIndex && call.endIndex <= login.endIndex) || (request?.type === 'simple_identifier' && names.has(request.text));
  });
}

function buildStep(send: Node): Node | undefined {
  const chain = requestChain(send);
  return chain ? memberName(calleeOf(chain)) : undefined;
}

/** The URL a send's request chain names: `HttpRequest.newBuilder(url)` or `.uri(url)`. */
function requestUrl(send: Node): Node | undefined {
  const chain = requestChain(send);
  for (const call of chain ? chainCalls(chain) : []) {
    const args = argumentsOf(call);
    if (/^(uri|newBuilder)$/.test(memberName(calleeOf(call))?.text ?? '') && args.length === 1) return args[0];
  }
  return undefined;
}

export function kotlinOrigin(url: Node): Origin | undefined {
  return urlOrigin(url, URL_GRAMMARS.kotlin);
}

/** Kotlin on java.net.http: a login sent through a client with a cookie handler (cookie-clients.ts, as for Java). */
export const KOTLIN_COOKIE_CLIENTS: CookieClientGrammar = { clients: cookieKeepingClients, loginSends, clientName, sendsThrough: onlySentThrough, buildStep, requestUrl, origin: kotlinOrigin };
