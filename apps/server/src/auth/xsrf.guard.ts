import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { xsrfTokenFor } from '@tokenshift/auth-session';
import { JiraMessages } from '@tokenshift/shared';
import type { FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import { AppConfig } from '../config/app-config';
import { JiraHttpException } from '@tokenshift/shared/nest';

/** Media types an HTML form can send cross-site; JSON cannot be sent by a form, so it is never checked. */
const FORM_MEDIA_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain']);
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameString(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Jira's form-token check (atlassian-rest XsrfResourceFilter): a cookie-authenticated request with
 * a form-like body is refused unless it carries `X-Atlassian-Token: no-check` (or the legacy
 * `nocheck`) or the session's `atl_token`. Token-authenticated requests cannot be forged by a
 * browser, so they are not checked.
 */
@Injectable()
export class XsrfGuard implements CanActivate {
  private readonly cookieName: string;

  constructor(@Inject(ConfigService) config: ConfigService<AppConfig, true>) {
    this.cookieName = config.get('auth', { infer: true }).session.cookieName;
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (request.user?.authMode !== 'session' || SAFE_METHODS.has(request.method)) return true;
    const mediaType = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (!FORM_MEDIA_TYPES.has(mediaType)) return true;
    const header = request.headers['x-atlassian-token'];
    if (header === 'no-check' || header === 'nocheck') return true;
    const formToken = (request.body as Record<string, unknown> | undefined)?.['atl_token'];
    const sessionId = request.cookies?.[this.cookieName];
    if (typeof formToken === 'string' && sessionId && sameString(formToken, xsrfTokenFor(sessionId))) return true;
    throw new JiraHttpException(403, JiraMessages.xsrfCheckFailed);
  }
}
