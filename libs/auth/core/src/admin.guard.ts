import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { JiraHttpException } from '@tokenshift/shared/nest';

/** Admin-only routes: an admin user (the `admin` token scope is checked by ScopeGuard; `@AdminApi()` applies both). */
@Injectable()
export class AdminGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const user = context.switchToHttp().getRequest<FastifyRequest>().user;
    if (user?.isAdmin) return true;
    throw new JiraHttpException(403, 'You do not have permission to perform this operation. An administrator is needed.');
  }
}
