import type { Node } from 'web-tree-sitter';
import { lineOf } from './edits';

/**
 * Where a request goes, as far as the syntax tree proves it: a literal scheme and host, the value of one base
 * variable, field, constant or parameter (`base + "/rest/…"`: whatever `base` holds, the login's URL built from the same
 * binding goes to the same place), or a path relative to the client's base URL (RestSharp, Ktor, resty, HttpClient).
 * Undefined where the code does not tell (a URL parameter, a helper's answer, a host spliced into the middle).
 */
export type Origin = { kind: 'host'; value: string } | { kind: 'base'; value: string; name: string } | { kind: 'relative' };

/** One piece of a URL written as a concatenation, template or format: literal text, or an expression. */
export type UrlPart = { text: string } | { node: Node };

/** A URL written as literal text: its scheme and host when the text ends the host; `relative` for a path. */
export function literalOrigin(text: string, complete: boolean): Origin | undefined {
  const absolute = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)([/?#]|$)/i.exec(text);
  if (absolute) {
    // `"https://jira" + domain`: the host goes on past the literal.
    if (!absolute[3] && !complete) return undefined;
    const host = absolute[2] ?? '';
    if (!host || host.includes('@') || /[${}%]/.test(host)) return undefined;
    return { kind: 'host', value: `${(absolute[1] ?? '').toLowerCase()}://${host.toLowerCase()}` };
  }
  if (text.startsWith('//') || /^[a-z][a-z0-9+.-]*:/i.test(text) || text.includes('{') || text.startsWith('%')) return undefined;
  return { kind: 'relative' };
}

/**
 * The origin of a URL made of `parts` in order: the leading literal text decides it, or the leading expression when
 * what follows it starts a path (`base + "/rest"`, `"${base}/rest"`): `base + path` could go on with the host.
 */
export function originOfParts(parts: UrlPart[], expressionOrigin: (node: Node) => Origin | undefined): Origin | undefined {
  const rest = parts.filter((part, index) => !('text' in part && part.text === '' && index < parts.length - 1));
  const first = rest[0];
  if (!first) return undefined;
  if ('text' in first) {
    let text = '';
    let index = 0;
    for (; index < rest.length; index += 1) {
      const part = rest[index];
      if (!part || !('text' in part)) break;
      text += part.text;
    }
    return literalOrigin(text, index === rest.length);
  }
  const next = rest[1];
  if (next && !('text' in next && /^[/?#]/.test(next.text))) return undefined;
  const origin = expressionOrigin(first.node);
  // A relative path followed by more of the path is still relative; a host stays a host.
  return origin;
}

function key(origin: Origin): string {
  return origin.kind === 'relative' ? 'relative' : `${origin.kind}:${origin.value}`;
}

export function sameOrigin(a: Origin | undefined, b: Origin | undefined): boolean {
  return Boolean(a && b && key(a) === key(b));
}

/** The one origin all of `origins` share (a login sent more than once goes to one place); undefined when they differ, or none is told. */
export function commonOrigin(origins: (Origin | undefined)[]): Origin | undefined {
  return origins.every((origin) => sameOrigin(origin, origins[0])) ? origins[0] : undefined;
}

/** A request that goes elsewhere than the login: its line and where it goes (undefined: not told by the code). */
export interface ElsewhereRequest {
  request: Node;
  origin: Origin | undefined;
}

/**
 * The first request whose origin is not the login's, or that of any request when the login's own is not told.
 * `origins`: each request with the node of its URL (undefined: the URL is not in view).
 */
export function firstElsewhere(login: Origin | undefined, requests: { request: Node; url: Node | undefined }[], originOf: (url: Node) => Origin | undefined): ElsewhereRequest | undefined {
  for (const { request, url } of requests) {
    const origin = url ? originOf(url) : undefined;
    if (!login || !sameOrigin(login, origin)) return { request, origin };
  }
  return undefined;
}

function describe(origin: Origin | undefined): string {
  if (!origin) return 'a URL whose host the code does not show';
  if (origin.kind === 'host') return origin.value;
  if (origin.kind === 'relative') return "a path on the client's base URL";
  return `a URL built from \`${origin.name}\``;
}

/**
 * The note of a login left as is because the client that kept its cookie also sends a request that may go to another
 * host: the client-wide credentials would reach it (a cookie went only to its own domain). Names the request's line
 * and where it goes (a host, never a path or query: a webhook's path can be a secret).
 */
export function elsewhereNote(elsewhere: ElsewhereRequest, login: Origin | undefined, write: string): string {
  const where = login ? describe(login) : 'a URL whose host the code does not show';
  return (
    `Not rewritten: the client that kept this login's cookie also sends the request on line ${lineOf(elsewhere.request)} to ${describe(elsewhere.origin)}, ` +
    `not provably the login's origin (${where}); credentials set on the whole client would go there too. ` +
    `Authenticate only the requests to Jira (${write}), then remove this login.`
  );
}
