import { ConfigService } from '@nestjs/config';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Principal } from '@tokenshift/shared';
import { deprecationHeaders, DeprecationPolicy, UsageRecorder } from '@tokenshift/usage';
import { AppConfig } from '../config/app-config';
import { MetricsService } from '../metrics/metrics.service';
import { carriesDeprecationHeaders, isDeprecatedUse, usageKindOf } from './classify-request';
import { headerValue, routeOf, UsageRequest } from './request-usage';

/**
 * Every deprecated use is answered with RFC 9745/8594 headers and queued for recording; token
 * traffic is only counted (for the share already migrated). Recording happens after the response
 * is sent, off the request path.
 */
export function registerUsageHooks(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  const policy = app.get(DeprecationPolicy);
  const recorder = app.get(UsageRecorder);
  const clientIdHeader = app.get(ConfigService<AppConfig, true>).get('deprecation', { infer: true }).clientIdHeader;
  const headers = deprecationHeaders(policy.options.schedule);
  const metrics = app.get(MetricsService);

  fastify.decorateRequest('usageKind', undefined);
  fastify.addHook('onSend', async (request, reply) => {
    if (carriesDeprecationHeaders(usageKindOf(request))) reply.headers(headers);
  });

  fastify.addHook('onResponse', async (rawRequest, reply) => {
    const request = rawRequest as UsageRequest & { user?: Principal };
    const route = routeOf(request);
    const user = request.user;
    const classified = usageKindOf(request);
    metrics.observeRequest(request, reply, user?.authMode ?? 'anonymous');
    if (!classified) return;
    const kind = request.usageMarks?.refused ? 'refused' : request.usageMarks?.wouldRefuse ? 'would-refuse' : classified;
    if (isDeprecatedUse(kind)) metrics.deprecatedUses.inc({ kind });
    const clientId = headerValue(request.headers[clientIdHeader]);
    const userAgent = headerValue(request.headers['user-agent']);
    recorder.record({
      occurredAt: new Date(),
      kind,
      authMode: user?.authMode ?? 'anonymous',
      userId: user?.userId ?? null,
      userName: user?.name ?? null,
      method: request.method,
      endpoint: route,
      status: reply.statusCode,
      userAgent,
      ip: request.ip,
      clientId,
    });
  });
}
