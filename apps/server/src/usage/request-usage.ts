import type { FastifyRequest } from 'fastify';

/** What the policy guard decided for a request, read again when the request is recorded. */
export interface RequestUsageMarks {
  refused?: boolean;
  wouldRefuse?: boolean;
}

export type UsageRequest = FastifyRequest & { usageMarks?: RequestUsageMarks };

/** The route template (never the raw URL, which could carry user data). */
export function routeOf(request: FastifyRequest): string {
  return request.routeOptions.url ?? request.url.split('?')[0]!;
}
