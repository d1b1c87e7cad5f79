import { isDeprecatedKind, type UsageKind } from '@tokenshift/usage';
import { SESSION_RESOURCE_PATHS, TOKENSHIFT_API_PATH } from '../routes';
import type { FastifyRequest } from 'fastify';
import { routeOf } from './request-usage';
import { Principal } from '@tokenshift/auth-core';

const SESSION_ROUTES = new Set(SESSION_RESOURCE_PATHS.map((path) => `/${path}`));
const TOKENSHIFT_API_PREFIX = `/${TOKENSHIFT_API_PATH}/`;

export function isSessionResource(route: string): boolean {
  return SESSION_ROUTES.has(route);
}

/**
 * What kind of use a request is, for recording and deprecation headers; null for requests that are
 * no Jira client's use: anonymous requests to other resources, the dashboard's own sign-in, and
 * token calls to tokenshift's own API (the dashboard and the token pages read and write there; only a
 * deprecated credential used there is still that client's use). A token-authenticated GET of the
 * session resource (python `jira` validating its Basic credentials) is its own kind: the caller has
 * already migrated.
 */
export function classifyRequest(route: string, method: string, user: Principal | undefined): UsageKind | null {
  if (isSessionResource(route)) {
    if (method === 'POST') return 'session-login';
    if (method === 'DELETE') return 'session-logout';
    if (user && (user.authMode === 'basic-token' || user.authMode === 'bearer-token')) return 'token-session-get';
    return 'session-get';
  }
  if (!user || user.authMode === 'dashboard-session') return null;
  if (user.authMode === 'session') return 'cookie-request';
  if (user.authMode === 'basic-password') return 'password-basic';
  return route.startsWith(TOKENSHIFT_API_PREFIX) ? null : 'token-request';
}

/** Responses that carry deprecation headers: the session resource itself (whoever calls it) and every cookie or password use. */
export function carriesDeprecationHeaders(kind: UsageKind | null): kind is UsageKind {
  return kind !== null && kind !== 'token-request' && kind !== 'password-basic-allowed';
}

/**
 * Uses the policy can switch off: the usage lib's deprecated kinds. A token-authenticated GET of the
 * session resource is not one: that client has already moved to tokens (python `jira` validates its
 * Basic credentials that way).
 */
export function isDeprecatedUse(kind: UsageKind | null): kind is UsageKind {
  return kind !== null && isDeprecatedKind(kind);
}

/**
 * The request's kind, computed once: the policy guard, the header hook and the recording hook all
 * ask. First asked after authentication; a login's kind does not depend on the user it sets later.
 * Kept on the request (declared by `registerUsageHooks`), not in a WeakMap, which costs the garbage
 * collector work for every request.
 */
export function usageKindOf(request: FastifyRequest): UsageKind | null {
  if (request.usageKind === undefined) request.usageKind = classifyRequest(routeOf(request), request.method, request.user);
  return request.usageKind;
}
