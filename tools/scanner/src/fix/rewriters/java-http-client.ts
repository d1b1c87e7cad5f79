import type { Node } from 'web-tree-sitter';
import { descendants, type Edit } from '../edits';

const SENDS = /^(send|sendAsync)$/;

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

function isBuilderChain(value: Node | null | undefined, builder: string): value is Node {
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
    if (!name || !isBuilderChain(value, 'HttpClient.newBuilder')) continue;
    if (!descendants(value, 'method_invocation').some((call) => call.childForFieldName('name')?.text === 'cookieHandler')) continue;
    const local = declaration?.type === 'local_variable_declaration';
    const privateField = declaration?.type === 'field_declaration' && declaration.namedChildren.some((child) => child?.type === 'modifiers' && /\bprivate\b/.test(child.text));
    if (local || privateField) clients.set(name, declarator);
  }
  return clients;
}

/** Every mention of `name` other than its declaration: each must be the receiver of a send, or the client is handed on. */
function onlySentThrough(root: Node, name: string, declarator: Node): Node[] | undefined {
  const sends: Node[] = [];
  for (const identifier of descendants(root, 'identifier')) {
    if (identifier.text !== name || identifier.parent?.id === declarator.id || identifier.parent?.type === 'scoped_identifier') continue;
    const receiver = identifier.parent?.type === 'field_access' && identifier.parent.childForFieldName('field')?.id === identifier.id ? identifier.parent : identifier;
    // `this.http` names the field; `other.http` or `http.x` is some other thing (or the client handed on): refuse.
    if (receiver.type === 'field_access' && receiver.childForFieldName('object')?.type !== 'this') return undefined;
    const call = receiver.parent;
    if (call?.type !== 'method_invocation' || call.childForFieldName('object')?.id !== receiver.id || !SENDS.test(call.childForFieldName('name')?.text ?? '')) return undefined;
    sends.push(call);
  }
  return sends;
}

const METHODS = new Set(['method_declaration', 'constructor_declaration', 'lambda_expression']);

function enclosingMethod(node: Node): Node | undefined {
  let current: Node | null = node.parent;
  while (current && !METHODS.has(current.type)) current = current.parent;
  return current ?? undefined;
}

/**
 * The `HttpRequest.newBuilder()….build()` a send's request comes from: written in the call, or a local of the same
 * method declared with that chain and never assigned again. Undefined: the request is made elsewhere (a helper, a field).
 */
function requestChain(send: Node): Node | undefined {
  const request = argumentsOf(send)[0];
  if (isBuilderChain(request, 'HttpRequest.newBuilder')) return request;
  const method = enclosingMethod(send);
  if (request?.type !== 'identifier' || !method) return undefined;
  const declarators = descendants(method, 'variable_declarator').filter((declarator) => declarator.childForFieldName('name')?.text === request.text);
  const assigned = descendants(method, 'assignment_expression').some((assignment) => assignment.childForFieldName('left')?.text === request.text);
  const value = declarators[0]?.childForFieldName('value');
  return declarators.length === 1 && !assigned && isBuilderChain(value, 'HttpRequest.newBuilder') ? value : undefined;
}

/** The names a statement declares (`HttpRequest login = …`): a send of one of them is that login's own. */
function declaredNames(statement: Node): Set<string> {
  return new Set(descendants(statement, 'variable_declarator').map((declarator) => declarator.childForFieldName('name')?.text ?? ''));
}

/** The sends a login statement makes: in the statement, or of the request it declares (later in its method). */
function loginSends(root: Node, login: Node): Node[] {
  const names = declaredNames(login);
  const scope = enclosingMethod(login) ?? root;
  return descendants(scope, 'method_invocation').filter((call) => {
    if (!SENDS.test(call.childForFieldName('name')?.text ?? '') || !clientName(call)) return false;
    const inside = login.startIndex <= call.startIndex && call.endIndex <= login.endIndex;
    const request = argumentsOf(call)[0];
    return inside || (request?.type === 'identifier' && names.has(request.text));
  });
}

/**
 * java.net.http: a login sent through a client built with a cookie handler. That client sent the session cookie on
 * every later request; each of them now builds its request with the Authorization header (`.header(…)` before
 * `.build()`). `{ edits: [] }`: no login goes through such a client. Undefined: one does, but a request it sends is
 * not built in view, the client is handed on, or nothing else is sent through it; the login then stays for a person.
 */
export function cookieHandlerClientEdits(root: Node, logins: Node[], authorization: string): { edits: Edit[] } | undefined {
  const clients = cookieKeepingClients(root);
  const loginCalls = logins.flatMap((login) => loginSends(root, login));
  const used = new Set(loginCalls.map((call) => clientName(call)).filter((name): name is string => name !== undefined && clients.has(name)));
  if (!used.size) return { edits: [] };
  const edits = new Map<number, Edit>();
  for (const name of used) {
    const declarator = clients.get(name);
    const sends = declarator ? onlySentThrough(root, name, declarator) : undefined;
    const others = sends?.filter((send) => !loginCalls.some((call) => call.id === send.id));
    if (!others?.length) return undefined;
    for (const send of others) {
      const chain = requestChain(send);
      const build = chain?.childForFieldName('name');
      if (!build) return undefined;
      edits.set(build.startIndex, { start: build.startIndex, end: build.startIndex, text: `header("Authorization", ${authorization}).` });
    }
  }
  return { edits: [...edits.values()] };
}
