import type { FastifyRequest } from 'fastify';
import type { AuthMode } from '@tokenshift/shared';
import type { UsageKind } from '@tokenshift/usage';

/** What the policy guard decided for a request, read again when the request is recorded. */
export interface RequestUsageMarks {
  refused?: boolean;
  wouldRefuse?: boolean;
}

/**
 * Who a request is recorded, logged and counted under. In gateway mode the caller is the upstream's
 * user: no tokenshift user id, and a name only where the gateway could tell it.
 */
export interface UsageIdentity {
  authMode: AuthMode;
  userId: string | null;
  name: string | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    /**
     * The user a login signed in: the login itself is not authenticated (it carries a password, and
     * `user` stays unset), but its usage record and log line name the user it logged in as.
     */
    loginIdentity?: UsageIdentity;
    usageMarks?: RequestUsageMarks;
    /** Set once by `usageKindOf`; undefined until then. */
    usageKind?: UsageKind | null;
    /**
     * Gateway mode: the bounded endpoint a proxied request is recorded and counted under (the route
     * template is the proxy's catch-all, and the raw URL could carry anything).
     */
    upstreamEndpoint?: string;
  }
}

/** What every request no route matched (a 404, or a method the route does not serve) is recorded and counted under. */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * The route template, or {@link UNMATCHED_ROUTE}: never the URL asked for, which could carry user data
 * and, as a stored endpoint or a metric label, would let any caller add a row or a series per request.
 */
export function routeOf(request: FastifyRequest): string {
  return request.upstreamEndpoint ?? request.routeOptions.url ?? UNMATCHED_ROUTE;
}

/** The caller a request is recorded under: its principal, else the user it logged in as; undefined for anonymous. */
export function usageIdentityOf(request: FastifyRequest): UsageIdentity | undefined {
  return request.user ?? request.loginIdentity;
}

/** A header's first value, capped for storage. */
export function headerValue(value: string | string[] | undefined): string | null {
  return (Array.isArray(value) ? value[0] : value)?.slice(0, 255) ?? null;
}
