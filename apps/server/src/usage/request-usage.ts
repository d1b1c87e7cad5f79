import type { FastifyRequest } from 'fastify';
import type { UsageKind } from '@tokenshift/usage';

/** What the policy guard decided for a request, read again when the request is recorded. */
export interface RequestUsageMarks {
  refused?: boolean;
  wouldRefuse?: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    usageMarks?: RequestUsageMarks;
    /** Set once by `usageKindOf`; undefined until then. */
    usageKind?: UsageKind | null;
  }
}

/** What every request no route matched (a 404, or a method the route does not serve) is recorded and counted under. */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * The route template, or {@link UNMATCHED_ROUTE}: never the URL asked for, which could carry user data
 * and, as a stored endpoint or a metric label, would let any caller add a row or a series per request.
 */
export function routeOf(request: FastifyRequest): string {
  return request.routeOptions.url ?? UNMATCHED_ROUTE;
}

/** A header's first value, capped for storage. */
export function headerValue(value: string | string[] | undefined): string | null {
  return (Array.isArray(value) ? value[0] : value)?.slice(0, 255) ?? null;
}
