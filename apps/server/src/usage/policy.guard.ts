import { CanActivate, ExecutionContext, Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { clientKeyOf, DeprecationPolicy } from '@tokenshift/usage';
import { AppConfig } from '../config/app-config';
import { MetricsService } from '../metrics/metrics.service';
import { JiraHttpException } from '@tokenshift/shared/nest';
import { isDeprecatedUse, usageKindOf } from './classify-request';
import { headerValue, routeOf } from './request-usage';
import type { FastifyRequest } from 'fastify';

/**
 * Switches the deprecated mode off after the sunset date or during brown-outs: 410 Gone in Jira's
 * envelope, saying what to use instead. Named users and clients are exempt; in dry-run mode the
 * request is served and only marked (and logged) as one that would have been refused.
 */
@Injectable()
export class PolicyGuard implements CanActivate {
  private readonly logger = new Logger('DeprecationPolicy');
  private readonly baseUrl: string;
  private readonly clientIdHeader: string;

  constructor(
    private readonly policy: DeprecationPolicy,
    private readonly metrics: MetricsService,
    @Inject(ConfigService) config: ConfigService<AppConfig, true>,
  ) {
    this.baseUrl = config.get('server', { infer: true }).baseUrl;
    this.clientIdHeader = config.get('deprecation', { infer: true }).clientIdHeader;
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const kind = usageKindOf(request);
    if (!isDeprecatedUse(kind)) return true;
    // A login names its user only in the body; exemptions apply to it as well.
    const userName = request.user?.name ?? (kind === 'session-login' ? loginName(request.body) : null);
    // The same client key the usage records carry, so an exemption matches what the dashboard lists.
    const clientKey = clientKeyOf({ clientId: headerValue(request.headers[this.clientIdHeader]), userAgent: headerValue(request.headers['user-agent']) });
    const decision = this.policy.decide(new Date(), { userName, clientKey });
    if (decision.action === 'allow') return true;
    if (decision.action === 'would-refuse') {
      request.usageMarks = { wouldRefuse: true };
      this.logger.warn(`dry-run: would refuse ${request.method} ${routeOf(request)} for ${userName ?? 'anonymous'} (${decision.reason})`);
      return true;
    }
    request.usageMarks = { refused: true };
    this.metrics.refusals.inc({ reason: decision.reason });
    const { sunsetAt, docsUrl } = this.policy.options.schedule;
    const why =
      decision.reason === 'sunset'
        ? `was switched off on ${sunsetAt.toUTCString()}`
        : `is switched off during a scheduled brown-out${decision.until ? ` until ${decision.until.toUTCString()}` : ''}`;
    throw new JiraHttpException(
      410,
      `Cookie-based authentication (${routeOf(request).startsWith('/rest/auth/') ? routeOf(request) : 'the session cookie'}) ${why}. ` +
        `Use HTTP Basic authentication with your email address and an API token instead (create one with POST ${this.baseUrl}/rest/tokenshift/1/tokens), ` +
        `or send Authorization: Bearer <token>. See ${docsUrl}.`,
    );
  }
}

function loginName(body: unknown): string | null {
  const username = (body as { username?: unknown } | undefined)?.username;
  return typeof username === 'string' ? username.slice(0, 255) : null;
}
