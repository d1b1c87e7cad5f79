import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Principal, TokenScope } from '@tokenshift/shared';
import { JiraHttpException } from '../errors/jira-http.exception';
import { REQUIRED_SCOPE } from './requires-scope.decorator';

/** Refuses a token whose scopes do not include what the route needs (403, as Jira does for permissions). */
@Injectable()
export class ScopeGuard implements CanActivate {
  /** The scope each route needs (by controller class, then handler), read from its metadata once. */
  private readonly neededByRoute = new Map<unknown, Map<unknown, TokenScope>>();

  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const user = context.switchToHttp().getRequest<{ user?: Principal }>().user;
    if (!user) return true;
    const [handler, controller] = [context.getHandler(), context.getClass()];
    let byHandler = this.neededByRoute.get(controller);
    if (!byHandler) this.neededByRoute.set(controller, (byHandler = new Map()));
    let needed = byHandler.get(handler);
    if (!needed) {
      needed = this.reflector.getAllAndOverride<TokenScope | undefined>(REQUIRED_SCOPE, [handler, controller]) ?? 'read';
      byHandler.set(handler, needed);
    }
    if (user.scopes.includes(needed)) return true;
    throw new JiraHttpException(403, `This API token does not have the '${needed}' scope needed for this operation.`);
  }
}
