import { ConfigService } from '@nestjs/config';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { deprecationHeaders, DeprecationPolicy, type UsageKind, UsageRecorder } from '@tokenshift/usage';
import { AppConfig } from '../config/app-config';
import { MetricsService } from '../metrics/metrics.service';
import { carriesDeprecationHeaders, isDeprecatedUse, usageKindOf } from './classify-request';
import { headerValue, routeOf, usageIdentityOf } from './request-usage';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * Every deprecated use is answered with RFC 9745/8594 headers and queued for recording; token
 * traffic is only counted (for the share already migrated). The use is queued as its response is
 * about to be sent: with a usage spool, the response waits until the event is in the spool file
 * (one write per event-loop turn for all requests in it), so a use that was answered survives a crash.
 * On Nest's Fastify instance, and in gateway mode on the proxy's too.
 */
export function registerUsageHooks(app: NestFastifyApplication, fastify: FastifyInstance = app.getHttpAdapter().getInstance()): void {
  const policy = app.get(DeprecationPolicy);
  const recorder = app.get(UsageRecorder);
  const clientIdHeader = app.get(ConfigService<AppConfig, true>).get('deprecation', { infer: true }).clientIdHeader;
  const headers = deprecationHeaders(policy.options.schedule);
  const metrics = app.get(MetricsService);

  fastify.decorateRequest('usageKind', undefined);
  fastify.decorateRequest('loginIdentity', undefined);
  fastify.decorateRequest('upstreamEndpoint', undefined);
  // Callbacks, not promises: every request passes both hooks; only a spooled use makes its response wait.
  fastify.addHook('onSend', (request, reply, payload, done) => {
    const classified = usageKindOf(request);
    if (!classified) return done(null, payload);
    if (carriesDeprecationHeaders(classified)) reply.headers(headers);
    const kind = recordedKind(request, classified);
    if (isDeprecatedUse(kind)) metrics.deprecatedUses.inc({ kind });
    const user = usageIdentityOf(request);
    const spooled = recorder.record({
      occurredAt: new Date(),
      kind,
      authMode: user?.authMode ?? 'anonymous',
      userId: user?.userId ?? null,
      userName: user?.name ?? null,
      method: request.method,
      endpoint: routeOf(request),
      status: reply.statusCode,
      userAgent: headerValue(request.headers['user-agent']),
      ip: request.ip,
      clientId: headerValue(request.headers[clientIdHeader]),
    });
    if (spooled) spooled.then(() => done(null, payload), done);
    else done(null, payload);
  });

  fastify.addHook('onResponse', (request, reply, done) => {
    metrics.observeRequest(request, reply, usageIdentityOf(request)?.authMode ?? 'anonymous');
    done();
  });
}

/** What the policy guard decided overrides the request's own kind. */
function recordedKind(request: FastifyRequest, classified: UsageKind): UsageKind {
  return request.usageMarks?.refused ? 'refused' : request.usageMarks?.wouldRefuse ? 'would-refuse' : classified;
}
