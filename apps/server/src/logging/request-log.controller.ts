import { FastifyBaseLogger, FastifyReply, FastifyRequest, LogController } from 'fastify';
import { clientKeyOf } from '@tokenshift/usage';
import { headerValue, routeOf, usageIdentityOf } from '../usage/request-usage';
import type { AuthMode } from '@tokenshift/shared';

/** What each request line holds (besides `requestId`, which Fastify binds to the request's logger). */
export interface RequestLine {
  context: 'HTTP';
  method: string;
  /** The route template (`/rest/api/2/issue/:issueIdOrKey`), or `unmatched`; never the raw URL with its query. */
  route: string;
  /** Only when no route matched: the path asked for, without its query. */
  path?: string;
  status: number;
  durationMs: number;
  user: string | null;
  auth: AuthMode | 'anonymous';
  /** The client-id header's value, else the User-Agent. */
  client: string | null;
  ip: string;
}

/**
 * Fastify's request logging, reduced to one line per request with who, how and how long, written
 * when the response is finished. Fastify's default (an "incoming request" and a "request completed"
 * line, with the raw URL) is not written.
 */
export class RequestLogController extends LogController {
  constructor(private readonly clientIdHeader: string) {
    super({ requestIdLogLabel: 'requestId' });
  }

  override incomingRequest(): void {
    // One line per request, written at completion.
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    // The line is not even put together when its level is off (LOG_LEVEL=warn on a busy gateway).
    if (!error && !isInfoEnabled(reply.log)) return;
    const line = this.lineOf(request, reply);
    const message = `${line.method} ${line.route} ${line.status}`;
    if (error) reply.log.error({ ...line, err: error }, message);
    else reply.log.info(line, message);
  }

  lineOf(request: FastifyRequest, reply: FastifyReply): RequestLine {
    const user = usageIdentityOf(request);
    return {
      context: 'HTTP',
      method: request.method,
      route: routeOf(request),
      // Which path a 404 asked for helps an operator; the query, which can carry data, is never logged.
      ...(request.routeOptions.url ? {} : { path: request.url.split('?')[0] }),
      status: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 10) / 10,
      user: user?.name ?? null,
      auth: user?.authMode ?? 'anonymous',
      client: clientKeyOf({ clientId: headerValue(request.headers[this.clientIdHeader]), userAgent: headerValue(request.headers['user-agent']) }) || null,
      ip: request.ip,
    };
  }
}

/** pino's (and the deferred request logger's) level check; a logger without one writes everything. */
function isInfoEnabled(log: FastifyBaseLogger): boolean {
  return (log as FastifyBaseLogger & { isLevelEnabled?: (level: string) => boolean }).isLevelEnabled?.('info') ?? true;
}
