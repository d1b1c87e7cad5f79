import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { clientKeyOf, DeprecationPolicy } from '@tokenshift/usage';
import { JiraHttpException } from '@tokenshift/shared/nest';
import type { FastifyRequest } from 'fastify';
import { AppConfig } from '../config/app-config';
import { MetricsService } from '../metrics/metrics.service';
import { headerValue, routeOf } from './request-usage';

/**
 * The switch-off of the deprecated mode for one deprecated use: after the sunset date or during
 * brown-outs, the 410 to answer; named users and clients are exempt; in dry-run mode the request is
 * only marked (and logged) as one that would have been refused. Asked by the policy guard on Nest's
 * routes and by the gateway's hook on proxied requests, so both modes refuse alike.
 */
@Injectable()
export class DeprecatedUsePolicy {
  private readonly logger = new Logger('DeprecationPolicy');
  private readonly baseUrl: string;
  private readonly clientIdHeader: string;

  constructor(
    private readonly policy: DeprecationPolicy,
    private readonly metrics: MetricsService,
    @Inject(ConfigService) config: ConfigService<AppConfig, true>,
  ) {
    // tokenshift's own API is under the prefix in gateway mode.
    this.baseUrl = config.get('server', { infer: true }).baseUrl + (config.get('gateway', { infer: true })?.prefix ?? '');
    this.clientIdHeader = config.get('deprecation', { infer: true }).clientIdHeader;
  }

  /** Null when the use may go on (marked on the request in dry-run mode), else the refusal to answer. */
  refusalOf(request: FastifyRequest, userName: string | null): JiraHttpException | null {
    // The same client key the usage records carry, so an exemption matches what the dashboard lists.
    const clientKey = clientKeyOf({ clientId: headerValue(request.headers[this.clientIdHeader]), userAgent: headerValue(request.headers['user-agent']) });
    const decision = this.policy.decide(new Date(), { userName, clientKey });
    if (decision.action === 'allow') return null;
    const route = routeOf(request);
    if (decision.action === 'would-refuse') {
      request.usageMarks = { wouldRefuse: true };
      this.logger.warn(`dry-run: would refuse ${request.method} ${route} for ${userName ?? 'anonymous'} (${decision.reason})`);
      return null;
    }
    request.usageMarks = { refused: true };
    this.metrics.refusals.inc({ reason: decision.reason });
    const { sunsetAt, docsUrl, helpUrl } = this.policy.options.schedule;
    const why =
      decision.reason === 'sunset'
        ? `was switched off on ${sunsetAt.toUTCString()}`
        : `is switched off during a scheduled brown-out${decision.until ? ` until ${decision.until.toUTCString()}` : ''}`;
    return new JiraHttpException(
      410,
      `Cookie-based authentication (${route.startsWith('/rest/auth/') ? route : 'the session cookie'}) ${why}. ` +
        `Use HTTP Basic authentication with your email address and an API token instead: sign in with your password at ${helpUrl ?? `${this.baseUrl}/dashboard/`} ` +
        `(that page keeps working) and create one there, or with POST ${this.baseUrl}/rest/tokenshift/1/tokens; ` +
        `or send Authorization: Bearer <token>. See ${docsUrl}.`,
    );
  }
}
