import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { bearerToken } from '@tokenshift/auth-api-token';
import type { FastifyRequest } from 'fastify';
import { hash, timingSafeEqual } from 'node:crypto';
import { AppConfig } from '../config/app-config';
import { JiraHttpException } from '@tokenshift/shared/nest';

const sha256 = (text: string): Buffer => hash('sha256', text, 'buffer');

/**
 * `/metrics` when METRICS_TOKEN is set: only a scraper that sends it (Prometheus'
 * `authorization: {credentials: …}`) may read, so repository names stay private. Without the setting
 * the route is open and shows no repository names.
 */
@Injectable()
export class MetricsTokenGuard implements CanActivate {
  private readonly tokenDigest: Buffer | undefined;

  constructor(@Inject(ConfigService) config: ConfigService<AppConfig, true>) {
    const token = config.get('metrics', { infer: true }).token;
    this.tokenDigest = token === undefined ? undefined : sha256(token);
  }

  canActivate(context: ExecutionContext): boolean {
    if (!this.tokenDigest) return true;
    // Read as every other Bearer header is (the scheme in any case, RFC 9110).
    const presented = bearerToken(context.switchToHttp().getRequest<FastifyRequest>().headers.authorization);
    // Comparing digests, which always have the same length, keeps the comparison constant-time
    // and says nothing about the token's length.
    if (presented !== undefined && timingSafeEqual(sha256(presented), this.tokenDigest)) return true;
    throw new JiraHttpException(401, 'The metrics need the metrics token: send Authorization: Bearer <METRICS_TOKEN>.', {
      'WWW-Authenticate': 'Bearer realm="tokenshift-metrics"',
    });
  }
}
