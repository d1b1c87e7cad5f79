import type { Node } from 'web-tree-sitter';
import { callParts } from '../syntax/nodes';

/**
 * Calls that only build or convert a URL (`urljoin`, `URI.create`, `.path()`, `String.format`, `.toString()`):
 * the request is made by whatever call takes their result, as an argument or further along a fluent chain.
 */
export const URL_BUILDERS = new Set([
  'join', 'Join', 'urljoin', 'url_join', 'URLJoin', 'UrlJoin', 'urlJoin', 'joinpath', 'JoinPath', 'joinPath', 'resolve', 'Combine', 'combine',
  'URL', 'URI', 'Uri', 'create', 'parse', 'urlparse', 'URLWithString', 'format', 'Format', 'Sprintf', 'sprintf', 'formatted', 'concat', 'str',
  'stringByAppendingString', 'stringByAppendingPathComponent', 'path', 'setPath', 'segment', 'segments', 'pathSegment', 'pathSegments',
  'addPathSegment', 'addPathSegments', 'appendPath', 'appendEncodedPath', 'appendPathSegments', 'AppendPathSegment', 'AppendPathSegments',
]);

/** Calls that only convert or freeze a string (`'…'.freeze`, `.toString()`): what they return is the string itself. */
export const CONVERSIONS = new Set(['to_sym', 'to_s', 'to_str', 'freeze', 'dup', 'intern', 'strip', 'trim', 'lower', 'downcase', 'toLowerCase',
  'toString', 'ToString', 'String', 'encodeURI', 'quote', 'toURI', 'toURL']);

/** A method of a request builder or client that names the HTTP verb: `.post(…)`, `.DELETE()`, `PostJsonAsync`, `getForObject`. */
const VERB_METHOD = /^(post|get|delete|put|patch)(?:Async|Json\w*|For\w+|_json|Form\w*|String\w*|Data)?$/i;

/** The verb a chain method names, upper-case, or undefined. */
export function verbOfMethod(name: string): string | undefined {
  return VERB_METHOD.exec(name)?.[1]?.toUpperCase();
}

/** The call made on `call`'s result (`call.next(…)`), if any. `isCall` tells call nodes apart. */
export function consumerOf(call: Node, isCall: (node: Node) => boolean): Node | undefined {
  const parent = call.parent;
  if (!parent) return undefined;
  if (isCall(parent) && callParts(parent).receiver?.id === call.id) return parent;
  const grandparent = parent.parent;
  if (grandparent && isCall(grandparent) && callParts(grandparent).receiver?.id === call.id) return grandparent;
  return undefined;
}

/**
 * The calls of the fluent chain `call` belongs to, nearest first: those made on its result (`.then()`,
 * `.post(…)`), then those it is made on (`webClient.post().uri(…)`). `isCall` tells call nodes apart.
 */
export function chainAround(call: Node, isCall: (node: Node) => boolean): Node[] {
  const after: Node[] = [];
  for (let next = consumerOf(call, isCall); next && after.length < 16; next = consumerOf(next, isCall)) after.push(next);
  const before: Node[] = [];
  for (let receiver = callParts(call).receiver; receiver && isCall(receiver) && before.length < 16; receiver = callParts(receiver).receiver) {
    before.push(receiver);
  }
  return [...after, ...before];
}

/** The verb named by a method of the chain around `call`: `new Request.Builder().url(u).delete()`, `client.post().uri(u)`. */
export function chainVerb(call: Node, isCall: (node: Node) => boolean): string | undefined {
  for (const link of chainAround(call, isCall)) {
    const verb = verbOfMethod(callParts(link).name);
    if (verb) return verb;
  }
  return undefined;
}

/** The first call of the chain after `call` that names a verb: where a URL built at the chain's start is sent. */
export function verbCallAfter(call: Node, isCall: (node: Node) => boolean): Node | undefined {
  let steps = 0;
  for (let next = consumerOf(call, isCall); next && steps < 16; next = consumerOf(next, isCall), steps++) {
    if (verbOfMethod(callParts(next).name)) return next;
  }
  return undefined;
}
