import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { JiraHttpException } from '@tokenshift/shared/nest';
import type { FastifyRequest } from 'fastify';

export const JSON_ONLY_MESSAGE = 'This resource takes application/json only.';

/**
 * Jira's `@Consumes(application/json)`: any other media type is refused with 415 before the body is
 * used. On the login resource this stops login CSRF: an HTML form on another site can send
 * urlencoded, multipart or text/plain bodies, never JSON. A request without a body has no media
 * type and goes on to the body's own validation (400).
 */
@Injectable()
export class JsonBodyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const contentType = context.switchToHttp().getRequest<FastifyRequest>().headers['content-type'];
    if (contentType === undefined) return true;
    const mediaType = contentType.split(';', 1)[0]?.trim().toLowerCase();
    if (mediaType === 'application/json') return true;
    throw new JiraHttpException(415, JSON_ONLY_MESSAGE);
  }
}
