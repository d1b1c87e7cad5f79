import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyRequest } from 'fastify';

/** RFC 9110 §7.6.1 hop-by-hop headers: they describe one connection, never passed on. */
const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-connection', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade'];

type Headers = Record<string, string | string[] | number | undefined>;

/** Drops the hop-by-hop headers and those the `Connection` header names, in place. */
export function dropHopByHop<T extends Headers>(headers: T): T {
  const connection = headers.connection;
  if (typeof connection === 'string') for (const name of connection.split(',')) delete headers[name.trim().toLowerCase()];
  for (const name of HOP_BY_HOP) delete headers[name];
  return headers;
}

/** Methods undici sends a `Content-Length: 0` for; on the others it leaves an empty body's length out (RFC 9110 §8.6). */
const LENGTH_SENT_WHEN_EMPTY = new Set(['PUT', 'POST', 'PATCH']);

/**
 * An empty body on a method like `DELETE` reaches the upstream without its `Content-Length: 0` (undici leaves
 * it out), so a `Content-Type` left alone would announce a body that has no length: Fastify-based upstreams
 * answer such a request 400 (python-jira's logout sends one). Without a body the type means nothing, and
 * tokenshift's built-in mode drops it the same way.
 */
export function dropEmptyBodyType<T extends Headers>(headers: T, method: string): T {
  if (headers['content-length'] === '0' && !headers['transfer-encoding'] && !LENGTH_SENT_WHEN_EMPTY.has(method)) delete headers['content-type'];
  return headers;
}

export interface ForwardedFor {
  /** The caller's address as tokenshift sees it (`request.ip`: the client's, behind trusted proxies). */
  clientIp: string;
  /** Whether the `X-Forwarded-*` the caller sent are believed (`TRUST_PROXY` covers the peer). */
  trusted: boolean;
  protocol: string;
  host: string | undefined;
}

/**
 * `X-Forwarded-For/-Proto/-Host` for the upstream. Headers from a trusted proxy are extended (the
 * chain grows by the peer), others are replaced: a client cannot pass a forged address on.
 */
export function setForwardedHeaders(headers: Headers, peerAddress: string | undefined, forwarded: ForwardedFor): void {
  const previous = forwarded.trusted ? headers['x-forwarded-for'] : undefined;
  const peer = peerAddress ?? forwarded.clientIp;
  headers['x-forwarded-for'] = typeof previous === 'string' && previous ? `${previous}, ${peer}` : peer;
  if (!forwarded.trusted || !headers['x-forwarded-proto']) headers['x-forwarded-proto'] = forwarded.protocol;
  if (!forwarded.trusted || !headers['x-forwarded-host']) {
    if (forwarded.host) headers['x-forwarded-host'] = forwarded.host;
    else delete headers['x-forwarded-host'];
  }
}

/** How a request's headers are passed upstream: `UPSTREAM_PRESERVE_HOST`, and whether `TRUST_PROXY` trusts anyone. */
export interface Forwarding {
  preserveHost: boolean;
  trustsProxies: boolean;
}

/**
 * The headers `request` is passed upstream with, in place: hop-by-hop dropped, the client's `Host` kept
 * only with `UPSTREAM_PRESERVE_HOST` (else the upstream's own, set by the caller's HTTP client), and `X-Forwarded-*`.
 */
export function forwardRequestHeaders<T extends Headers>(request: FastifyRequest, headers: T, forwarding: Forwarding): T {
  dropEmptyBodyType(headers, request.method);
  dropHopByHop(headers);
  if (forwarding.preserveHost && request.headers.host) (headers as Headers).host = request.headers.host;
  setForwardedHeaders(headers, request.socket.remoteAddress, {
    clientIp: request.ip,
    trusted: forwarding.trustsProxies && request.ip !== request.socket.remoteAddress,
    protocol: request.protocol,
    host: request.headers.host,
  });
  return headers;
}

/** Where the public address and the upstream's differ, what the upstream names of itself is rewritten to. */
export interface PublicAddress {
  upstreamOrigin: string;
  upstreamHostname: string;
  publicOrigin: string;
  publicHostname: string;
}

/** nginx's `proxy_redirect default`: a `Location` on the upstream's origin is moved to the public one. */
export function rewriteLocation(location: string, address: PublicAddress): string {
  if (address.upstreamOrigin === address.publicOrigin) return location;
  const upstream = address.upstreamOrigin;
  if (location === upstream || location.startsWith(`${upstream}/`) || location.startsWith(`${upstream}?`)) return address.publicOrigin + location.slice(upstream.length);
  return location;
}

/** nginx's `proxy_cookie_domain`: a cookie scoped to the upstream's host is scoped to the public host. */
export function rewriteCookieDomain(setCookie: string, address: PublicAddress): string {
  if (address.upstreamHostname === address.publicHostname) return setCookie;
  return setCookie.replace(/(;\s*domain\s*=\s*)(\.?)([^;]*)/i, (whole, lead: string, dot: string, domain: string) =>
    domain.trim().toLowerCase() === address.upstreamHostname.toLowerCase() ? `${lead}${dot}${address.publicHostname}` : whole,
  );
}

/** The upstream's response headers as the client gets them: hop-by-hop dropped, its own address made public. */
export function rewriteResponseHeaders(headers: IncomingHttpHeaders, address: PublicAddress): IncomingHttpHeaders {
  dropHopByHop(headers as Headers);
  if (typeof headers.location === 'string') headers.location = rewriteLocation(headers.location, address);
  // Node's types say an array, but reply-from over undici passes a single Set-Cookie as a string.
  const cookies: string | string[] | undefined = headers['set-cookie'];
  if (typeof cookies === 'string') headers['set-cookie'] = rewriteCookieDomain(cookies, address) as unknown as string[];
  else if (cookies) headers['set-cookie'] = cookies.map((cookie) => rewriteCookieDomain(cookie, address));
  return headers;
}
