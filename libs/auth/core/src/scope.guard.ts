import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { TokenScope } from '@tokenshift/shared';
import type { FastifyRequest } from 'fastify';
import { JiraHttpException } from '@tokenshift/shared/nest';
import { REQUIRED_SCOPE } from './requires-scope.decorator';
import { RouteMetadata } from './route-metadata';

/** Refuses a token whose scopes do not include what the route needs (403, as Jira does for permissions). */
@Injectable()
export class ScopeGuard implements CanActivate {
  private readonly requiredScope: RouteMetadata<TokenScope>;

  constructor(reflector: Reflector) {
    this.requiredScope = new RouteMetadata(reflector, REQUIRED_SCOPE);
  }

  canActivate(context: ExecutionContext): boolean {
    const user = context.switchToHttp().getRequest<FastifyRequest>().user;
    if (!user) return true;
    const needed = this.requiredScope.of(context) ?? 'read';
    if (user.scopes.includes(needed)) return true;
    throw new JiraHttpException(403, `This API token does not have the '${needed}' scope needed for this operation.`);
  }
}
