import type { Node } from 'web-tree-sitter';
import { descendants, lineOf, mentionsSessionResource } from '../edits';
import { elsewhereNote, firstElsewhere, type Origin } from '../same-origin';
import { URL_GRAMMARS, urlOrigin } from '../url-origins';
import { isJar, keyName } from './javascript-carriers';

/**
 * Decision 50 for JavaScript/TypeScript: a cookie jar (tough-cookie, request's, axios-cookiejar-support's) only ever
 * sent the session cookie to its own domain; the Authorization header that replaces it goes wherever the request or
 * the client goes. So before the jar becomes a header, each request that would carry it — through the client made with
 * the jar (`axios.create({ jar })`, `request.defaults({ jar: true })`, `got.extend({ cookieJar })`, `X.defaults.jar`, a
 * superagent agent), or the one request given the jar (`got(url, { cookieJar })`) — must provably go to the login's
 * origin. Otherwise the note naming the first such request (its line and host, never its path).
 */

const REQUEST_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'head', 'options', 'request']);
/** Calls that make a client from options: axios.create, got.extend, request.defaults. */
const MAKERS = new Set(['create', 'extend', 'defaults']);
/** A client's base URL: axios' `baseURL` (for relative URLs only); got's `prefixUrl` and request's `baseUrl` (always prepended). */
const BASE_KEYS = new Set(['baseURL', 'prefixUrl', 'baseUrl']);

interface Client {
  /** `api`, `this.http`: the text every use of the client starts with. */
  name: string;
  base: { node: Node; always: boolean } | undefined;
}

interface Sent {
  request: Node;
  origin: Origin | undefined;
}

const JS = URL_GRAMMARS.javascript;

function objectValue(object: Node, keys: Set<string>): { key: string; value: Node } | undefined {
  for (const pair of object.namedChildren) {
    if (pair?.type !== 'pair') continue;
    const key = keyName(pair.childForFieldName('key'));
    const value = pair.childForFieldName('value');
    if (key && keys.has(key) && value) return { key, value };
  }
  return undefined;
}

function args(call: Node): Node[] {
  return (call.childForFieldName('arguments')?.namedChildren ?? []).filter((arg): arg is Node => arg !== null && arg.type !== 'comment');
}

function isMaker(call: Node): boolean {
  const callee = call.childForFieldName('function');
  return call.type === 'call_expression' && callee?.type === 'member_expression' && MAKERS.has(callee.childForFieldName('property')?.text ?? '');
}

/** The name a made client is kept in: `const api = wrapper(axios.create(o))`, `this.http = await …`. */
function boundName(made: Node): string | undefined {
  let node = made;
  while (node.parent?.type === 'await_expression' || (node.parent?.type === 'arguments' && node.parent.parent?.type === 'call_expression' && args(node.parent.parent).length === 1)) {
    node = node.parent.type === 'arguments' ? (node.parent.parent as Node) : node.parent;
  }
  const parent = node.parent;
  if (parent?.type === 'variable_declarator' && parent.childForFieldName('value')?.id === node.id && parent.childForFieldName('name')?.type === 'identifier') return parent.childForFieldName('name')?.text;
  const left = parent?.type === 'assignment_expression' && parent.childForFieldName('right')?.id === node.id ? parent.childForFieldName('left') : undefined;
  return left?.type === 'member_expression' && left.childForFieldName('object')?.type === 'this' ? left.text : undefined;
}

function clientOf(maker: Node, name: string): Client {
  const options = args(maker).find((arg) => arg.type === 'object');
  const base = options ? objectValue(options, BASE_KEYS) : undefined;
  return { name, base: base ? { node: base.value, always: base.key !== 'baseURL' } : undefined };
}

/** The maker a client name was given (`const api = axios.create(…)`), if the file shows one. */
function makerNamed(root: Node, name: string): Node | undefined {
  return descendants(root, 'call_expression').find((call) => isMaker(call) && boundName(call) === name);
}

/** The URL a request call names: its first argument, or the `url`/`uri` of its options object. */
function requestUrl(call: Node): Node | undefined {
  const [first] = args(call);
  if (!first) return undefined;
  return first.type === 'object' ? objectValue(first, new Set(['url', 'uri']))?.value : first;
}

function requestOrigin(call: Node, client: Client | undefined): Origin | undefined {
  if (client?.base?.always) return urlOrigin(client.base.node, JS);
  const url = requestUrl(call);
  const own = url ? urlOrigin(url, JS) : undefined;
  return own?.kind === 'relative' && client?.base ? urlOrigin(client.base.node, JS) : own;
}

/**
 * Each use of a client: its requests (`api.get(url)`, `api(url)`) with their origins; a use that hands the client on
 * (`module.exports = api`, `f(api)`, `api.extend(…)`) is a request not in view.
 */
function uses(root: Node, client: Client, declaration: (node: Node) => boolean, derived: (client: Client) => void): Sent[] {
  const sent: Sent[] = [];
  const references = client.name.includes('.')
    ? descendants(root, 'member_expression').filter((member) => member.text === client.name)
    : descendants(root, ['identifier', 'shorthand_property_identifier']).filter((id) => id.text === client.name);
  for (const reference of references) {
    if (declaration(reference)) continue;
    const parent = reference.parent;
    if (parent?.type === 'call_expression' && parent.childForFieldName('function')?.id === reference.id) {
      sent.push({ request: parent, origin: requestOrigin(parent, client) });
      continue;
    }
    if (parent?.type === 'member_expression' && parent.childForFieldName('object')?.id === reference.id) {
      const method = parent.childForFieldName('property')?.text ?? '';
      const call = parent.parent?.type === 'call_expression' && parent.parent.childForFieldName('function')?.id === parent.id ? parent.parent : undefined;
      if (call && REQUEST_METHODS.has(method)) sent.push({ request: call, origin: requestOrigin(call, client) });
      // A derived client (`axios.create(…)`, `api.extend(…)`): its own uses, when the file keeps it in a name; a
      // setting (`api.set(…)`, `api.defaults.x`) sends nothing.
      else if (call && MAKERS.has(method)) {
        const name = boundName(call);
        if (name) derived(clientOf(call, name));
        else sent.push({ request: call, origin: undefined });
      }
      continue;
    }
    sent.push({ request: reference, origin: undefined });
  }
  return sent;
}

/** `const api = …`, `this.http = …`, `import axios from 'axios'`: the binding itself, not a use. */
function bindsClient(node: Node): boolean {
  const parent = node.parent;
  if (parent?.type === 'import_clause' || parent?.type === 'import_specifier') return true;
  if (parent?.type === 'variable_declarator') return parent.childForFieldName('name')?.id === node.id;
  return parent?.type === 'assignment_expression' && parent.childForFieldName('left')?.id === node.id;
}

/** Every request that carries the jar's replacement, and the calls that log in. */
function jarRequests(root: Node): { sent: Sent[]; clients: Client[] } | undefined {
  const sent: Sent[] = [];
  const clients: Client[] = [];
  function addClient(client: Client): void {
    if (clients.some((known) => known.name === client.name)) return;
    clients.push(client);
    sent.push(...uses(root, client, bindsClient, addClient));
  }
  // Options given a jar: a client's (`axios.create({ jar })`) or one request's (`got(url, { cookieJar })`).
  for (const object of descendants(root, 'object')) {
    if (!object.namedChildren.some((member) => member !== null && isJar(member))) continue;
    const call = object.parent?.type === 'arguments' ? object.parent.parent : undefined;
    if (!call || call.type !== 'call_expression') {
      sent.push({ request: object, origin: undefined });
      continue;
    }
    if (isMaker(call)) {
      const name = boundName(call);
      if (name) addClient(clientOf(call, name));
      else sent.push({ request: call, origin: undefined });
      continue;
    }
    const callee = call.childForFieldName('function');
    const target = callee?.type === 'member_expression' ? callee.childForFieldName('object')?.text : callee?.text;
    const maker = target ? makerNamed(root, target) : undefined;
    sent.push({ request: call, origin: requestOrigin(call, maker && target ? clientOf(maker, target) : undefined) });
  }
  // `X.defaults.jar = jar`: the client X (axios itself: it and every instance axios.create makes in the file).
  for (const assignment of descendants(root, 'assignment_expression')) {
    const holder = defaultsJarHolder(assignment);
    if (!holder) continue;
    const maker = makerNamed(root, holder.text);
    // axios itself: every instance axios.create makes in the file is one of its uses.
    addClient(maker ? clientOf(maker, holder.text) : { name: holder.text, base: undefined });
  }
  // A superagent agent that logs in (agentDefaults): its `.set` default goes on each of its requests.
  for (const declarator of descendants(root, 'variable_declarator')) {
    const value = declarator.childForFieldName('value');
    const name = declarator.childForFieldName('name');
    if (value?.type !== 'call_expression' || name?.type !== 'identifier' || !/^(superagent|request|supertest)\.agent$/.test(value.childForFieldName('function')?.text ?? '')) continue;
    // Only an agent that logs in becomes a header (agentDefaults); another agent keeps its own cookies.
    const logsIn = descendants(root, 'call_expression').some((call) => call.childForFieldName('function')?.childForFieldName('object')?.text === name.text && args(call).some((arg) => mentionsSessionResource(arg.text)));
    if (logsIn) addClient({ name: name.text, base: undefined });
  }
  return sent.length ? { sent, clients } : undefined;
}

/** The client a call is made through (`api.get` → api), when the file made it. */
function throughClient(call: Node, clients: Client[]): Client | undefined {
  const callee = call.childForFieldName('function');
  const target = callee?.type === 'member_expression' ? callee.childForFieldName('object')?.text : callee?.text;
  return clients.find((client) => client.name === target);
}

/**
 * The note of a jar rewrite refused because a request that would carry the credentials may go to another host;
 * undefined when every one provably goes to the login's origin (or the file rewrites no jar).
 */
export function jarElsewhereNote(root: Node, loginLines: ReadonlySet<number>, write: string): { line: number; note: string } | undefined {
  const found = jarRequests(root);
  if (!found) return undefined;
  const calls = descendants(root, 'call_expression');
  const named = calls.filter((call) => args(call).some((arg) => mentionsSessionResource(arg.text) && !/^(arrow_function|function_expression|function)$/.test(arg.type)));
  const logins = named.length ? named : calls.filter((call) => loginLines.has(lineOf(call)));
  // No login in view: no request's origin is provably the login's.
  const [login] = logins;
  const shared = moduleDefaultsJar(root);
  if (shared) return { line: lineOf(login ?? shared), note: moduleDefaultsNote(shared, write) };
  const origin = login ? requestOrigin(login, throughClient(login, found.clients)) : undefined;
  const loginIds = new Set(logins.map((call) => call.id));
  const others = found.sent.filter((entry) => !loginIds.has(entry.request.id));
  // Logins that are not the first go to its origin too (else the credentials would follow them elsewhere).
  const requests = [...logins.slice(1).map((call) => ({ request: call, origin: requestOrigin(call, throughClient(call, found.clients)) })), ...others];
  const elsewhere = firstElsewhere(origin, requests.map(({ request }) => ({ request, url: request })), (node) => requests.find((entry) => entry.request.id === node.id)?.origin);
  return elsewhere ? { line: lineOf(login ?? elsewhere.request), note: elsewhereNote(elsewhere, origin, write) } : undefined;
}

/**
 * `axios.defaults.jar = jar` on the module itself (no instance the file makes): those defaults are the whole program's,
 * so a header put there would go with every other module's axios requests too, which this file does not show.
 */
function moduleDefaultsJar(root: Node): Node | undefined {
  return descendants(root, 'assignment_expression').find((assignment) => {
    const holder = defaultsJarHolder(assignment);
    return holder !== undefined && !makerNamed(root, holder.text);
  });
}

/** `X` of `X.defaults.jar = …`. */
function defaultsJarHolder(assignment: Node): Node | undefined {
  const left = assignment.childForFieldName('left');
  const defaults = left?.type === 'member_expression' && left.childForFieldName('property')?.text === 'jar' ? left.childForFieldName('object') : undefined;
  return (defaults?.type === 'member_expression' && defaults.childForFieldName('property')?.text === 'defaults' ? defaults.childForFieldName('object') : undefined) ?? undefined;
}

function moduleDefaultsNote(assignment: Node, write: string): string {
  return (
    `Not rewritten: the cookie jar is set on the module's own defaults (line ${lineOf(assignment)}), which every module of the program shares; ` +
    `credentials put there would go with every request made through it, to any host. Give the Jira requests their own client ` +
    `(axios.create({ baseURL, headers: … })) or authenticate each of them (${write}), then remove this login.`
  );
}

