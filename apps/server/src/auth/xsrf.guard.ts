import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { xsrfTokenFor } from '@tokenshift/auth-session';
import { JiraMessages } from '@tokenshift/shared';
import type { FastifyRequest } from 'fastify';
import { AppConfig } from '../config/app-config';
import { JiraHttpException } from '@tokenshift/shared/nest';
import { sameString } from './same-string';

/** Media types an HTML form can send cross-site; JSON cannot be sent by a form, so it is never checked. */
const FORM_MEDIA_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain']);
/** Methods that change nothing, so no forgery check applies (this guard's and the dashboard's CSRF guard's). */
export const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);
/** `X-Atlassian-Token` values that skip the check, compared lower-cased as atlassian-rest does (`nocheck` is the legacy one). */
const NO_CHECK_VALUES = new Set(['no-check', 'nocheck']);

/** The media type without parameters, lower-cased; '' when the request names none. */
function mediaTypeOf(request: FastifyRequest): string {
  return (request.headers['content-type'] ?? '').split(';', 1)[0]?.trim().toLowerCase() ?? '';
}

/**
 * Whether a request could have been sent by a page of another site. Form media types can come with
 * any mutating method we check; a request without a media type counts as form-like too (atlassian-rest's
 * `mediaType == null`), but only for POST: a body-less POST needs no CORS pre-flight, while PUT, PATCH
 * and DELETE from another origin do (atlassian-rest enforces failures on POST only), so body-less
 * logouts and deletions by cookie clients keep working.
 */
function isFormLike(request: FastifyRequest): boolean {
  const mediaType = mediaTypeOf(request);
  if (mediaType === '') return request.method === 'POST';
  return FORM_MEDIA_TYPES.has(mediaType);
}

function hasNoCheckHeader(request: FastifyRequest): boolean {
  const header = request.headers['x-atlassian-token'];
  return typeof header === 'string' && NO_CHECK_VALUES.has(header.trim().toLowerCase());
}

/**
 * Jira's form-token check (atlassian-rest XsrfResourceFilter): a cookie-authenticated request with
 * a form-like body (or a POST with none) is refused unless it carries `X-Atlassian-Token: no-check`
 * (any case; or the legacy `nocheck`) or the session's `atl_token`. Token-authenticated requests cannot be forged by a
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
    if (!isFormLike(request) || hasNoCheckHeader(request)) return true;
    const formToken = (request.body as Record<string, unknown> | undefined)?.['atl_token'];
    const sessionId = request.cookies?.[this.cookieName];
    if (typeof formToken === 'string' && sessionId && sameString(formToken, xsrfTokenFor(sessionId))) return true;
    throw new JiraHttpException(403, JiraMessages.xsrfCheckFailed);
  }
}
