import type { Logger } from '@nestjs/common';
import { jiraErrorBody } from '@tokenshift/shared';
import type { FastifyReply } from 'fastify';
import type { MetricsService } from '../metrics/metrics.service';

/** Upstream down → 502, too slow → 504, in Jira's envelope, and counted. */
export function answerUpstreamFailure(reply: FastifyReply, error: Error & { statusCode?: number; code?: string; cause?: unknown }, metrics: MetricsService, logger: Logger): void {
  const cause = error.cause as { code?: string } | undefined;
  const timedOut = error.statusCode === 504 || /TIMEOUT/i.test(`${error.code ?? ''} ${cause?.code ?? ''}`);
  metrics.upstreamFailures.inc({ reason: timedOut ? 'timeout' : 'unreachable' });
  logger.warn(`Upstream ${timedOut ? 'timed out' : 'unreachable'}: ${cause?.code ?? error.code ?? error.message}`);
  if (reply.sent) return;
  void reply
    .code(timedOut ? 504 : 502)
    .header('content-type', 'application/json;charset=UTF-8')
    .send(jiraErrorBody(timedOut ? 'The upstream server did not answer in time.' : 'The upstream server could not be reached.'));
}
