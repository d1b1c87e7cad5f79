import type { IncomingMessage } from 'node:http';
import type { FastifyRequest } from 'fastify';

/** Whether a request target is tokenshift's own (under the prefix): every other one is the upstream's. */
export function isOwnUrl(url: string, prefix: string): boolean {
  if (!url.startsWith(prefix)) return false;
  const next = url.charAt(prefix.length);
  return next === '' || next === '/' || next === '?';
}

/** Fastify's `rewriteUrl` for Nest's instance in gateway mode: only tokenshift's own paths reach it, without the prefix. */
export function ownUrlRewrite(prefix: string): (request: IncomingMessage) => string {
  return (request) => {
    const rest = (request.url ?? '/').slice(prefix.length);
    return rest.startsWith('/') ? rest : `/${rest}`;
  };
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
