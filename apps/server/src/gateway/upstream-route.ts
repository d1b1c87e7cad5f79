import type { IncomingMessage } from 'node:http';
import type { FastifyRequest } from 'fastify';

/**
 * The internal path every request outside the gateway prefix is rewritten under, before routing: only
 * the proxy's catch-all route lives there, so no request outside the prefix can reach one of
 * tokenshift's own routes, and none inside it reaches the upstream.
 */
export const UPSTREAM_ROUTE_PREFIX = '/~upstream';

/** Fastify's `rewriteUrl` for gateway mode: strips the prefix from tokenshift's own paths, sends the rest upstream. */
export function gatewayUrlRewrite(prefix: string): (request: IncomingMessage) => string {
  return (request) => {
    const url = request.url ?? '/';
    if (url.startsWith(prefix)) {
      const rest = url.slice(prefix.length);
      if (rest === '') return '/';
      if (rest.startsWith('/')) return rest;
      if (rest.startsWith('?')) return `/${rest}`;
    }
    return UPSTREAM_ROUTE_PREFIX + (url.startsWith('/') ? url : `/${url}`);
  };
}

/**
 * Whether the proxy's route serves the request: every hook asks, so it reads the rewritten URL and
 * `is404` (cheap) rather than `routeOptions` (an object built on each read). Only the proxy's route
 * lives under {@link UPSTREAM_ROUTE_PREFIX}.
 */
export function isUpstreamRequest(request: FastifyRequest): boolean {
  return request.url.startsWith(`${UPSTREAM_ROUTE_PREFIX}/`) && !request.is404;
}

/** The path the client asked for (before the rewrite), without its query. */
export function upstreamPathOf(request: FastifyRequest): string {
  const url = request.originalUrl;
  const query = url.indexOf('?');
  return query < 0 ? url : url.slice(0, query);
}

const KNOWN_API = /^\/rest\/(api|agile|auth|servicedeskapi|greenhopper|tempo-timesheets|webhooks)\/(latest|\d{1,2}(?:\.\d)?)(?=\/|$)/;

/**
 * The endpoint a proxied request is recorded and counted under: a bounded set whatever the clients
 * send (the upstream's route templates are unknown here, and a path can carry ids or anything else):
 * the session resource as asked, a known REST API by name and version, or `upstream` for the rest.
 */
export function upstreamEndpointOf(path: string, isSessionResource: boolean): string {
  if (isSessionResource) return path.endsWith('/') ? path.slice(0, -1) : path;
  const api = KNOWN_API.exec(path);
  return api ? `${api[0]}/*` : 'upstream';
}
