import type { FastifyRequest } from 'fastify';
import type { UsageKind } from '@tokenshift/usage';

/** What the policy guard decided for a request, read again when the request is recorded. */
export interface RequestUsageMarks {
  refused?: boolean;
  wouldRefuse?: boolean;
}

export type UsageRequest = FastifyRequest & {
  usageMarks?: RequestUsageMarks;
  /** Set once by `usageKindOf`; undefined until then. */
  usageKind?: UsageKind | null;
};

/** The route template (never the raw URL, which could carry user data). */
export function routeOf(request: FastifyRequest): string {
  return request.routeOptions.url ?? request.url.split('?')[0]!;
}

/** A header's first value, capped for storage. */
export function headerValue(value: string | string[] | undefined): string | null {
  return (Array.isArray(value) ? value[0] : value)?.slice(0, 255) ?? null;
}
