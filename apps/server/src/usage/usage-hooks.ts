import { ConfigService } from '@nestjs/config';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { deprecationHeaders, DeprecationPolicy, type UsageKind, UsageRecorder } from '@tokenshift/usage';
import { AppConfig } from '../config/app-config';
import { MetricsService } from '../metrics/metrics.service';
import { carriesDeprecationHeaders, isDeprecatedUse, usageKindOf } from './classify-request';
import { headerValue, routeOf, usageIdentityOf } from './request-usage';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Where an answer's deprecation headers go: a Fastify reply, or the gateway's own `101` of a WebSocket tunnel. */
export interface AnswerHeaders {
  headers(values: Record<string, string | string[]>): unknown;
}

/**
 * What happens to every answered request: its use recorded with the answer's status, the deprecation
 * headers put on a deprecated use's answer, and the request counted in the metrics.
 */
export interface AnsweredRequests {
  /** Records the use (returns the spool write to wait for before answering, when there is one). */
  record(request: FastifyRequest, status: number, answer: AnswerHeaders): Promise<void> | undefined;
  /** Counts the request, by its reply's status and time, once its answer is sent. */
  count(request: FastifyRequest, reply: FastifyReply): void;
}

/**
 * Every deprecated use is answered with RFC 9745/8594 headers and queued for recording; token
 * traffic is only counted (for the share already migrated). The use is queued as its response is
 * about to be sent: with a usage spool, the response waits until the event is in the spool file
 * (one write per event-loop turn for all requests in it), so a use that was answered survives a crash.
 */
export function answeredRequests(app: NestFastifyApplication): AnsweredRequests {
  const policy = app.get(DeprecationPolicy);
  const recorder = app.get(UsageRecorder);
  const clientIdHeader = app.get(ConfigService<AppConfig, true>).get('deprecation', { infer: true }).clientIdHeader;
  const headers = deprecationHeaders(policy.options.schedule);
  const metrics = app.get(MetricsService);
  return {
    record(request, status, answer) {
      const classified = usageKindOf(request);
      if (!classified) return undefined;
      if (carriesDeprecationHeaders(classified)) answer.headers(headers);
      const kind = recordedKind(request, classified);
      if (isDeprecatedUse(kind)) metrics.deprecatedUses.inc({ kind });
      const user = usageIdentityOf(request);
      return recorder.record({
        occurredAt: new Date(),
        kind,
        authMode: user?.authMode ?? 'anonymous',
        userId: user?.userId ?? null,
        userName: user?.name ?? null,
        method: request.method,
        endpoint: routeOf(request),
        status,
        userAgent: headerValue(request.headers['user-agent']),
        ip: request.ip,
        clientId: headerValue(request.headers[clientIdHeader]),
      });
    },
    count(request, reply) {
      metrics.observeRequest(request, reply, usageIdentityOf(request)?.authMode ?? 'anonymous');
    },
  };
}

/**
 * The hooks that apply `answeredRequests` to every request of a Fastify instance: Nest's, and in
 * gateway mode the proxy's too.
 */
export function registerUsageHooks(app: NestFastifyApplication, fastify: FastifyInstance = app.getHttpAdapter().getInstance()): AnsweredRequests {
  const answered = answeredRequests(app);
  fastify.decorateRequest('usageKind', undefined);
  fastify.decorateRequest('loginIdentity', undefined);
  fastify.decorateRequest('upstreamEndpoint', undefined);
  // Callbacks, not promises: every request passes both hooks; only a spooled use makes its response wait.
  fastify.addHook('onSend', (request, reply, payload, done) => {
    const spooled = answered.record(request, reply.statusCode, reply);
    if (spooled) spooled.then(() => done(null, payload), done);
    else done(null, payload);
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    answered.count(request, reply);
    done();
  });
  return answered;
}

/** What the policy guard decided overrides the request's own kind. */
function recordedKind(request: FastifyRequest, classified: UsageKind): UsageKind {
  return request.usageMarks?.refused ? 'refused' : request.usageMarks?.wouldRefuse ? 'would-refuse' : classified;
}
