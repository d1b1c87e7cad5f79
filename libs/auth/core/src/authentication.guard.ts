import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JiraMessages } from '@tokenshift/shared';
import { JiraHttpException } from '@tokenshift/shared/nest';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CredentialResolvers } from './credential-resolvers';
import type { Principal } from './principal';
import { PUBLIC_ROUTE, PublicRouteOptions } from './public.decorator';
import { RouteMetadata } from './route-metadata';
import { DENIED_REASON, SERAPH_LOGIN_REASON } from './seraph-headers';

/**
 * The one global guard (fail-closed: every route needs a principal unless marked `@Public()`). It
 * asks the credential resolvers, in precedence order, for the request's principal; a refused or
 * missing credential is a 401 in Jira's envelope, or an anonymous caller on a public route.
 */
@Injectable()
export class AuthenticationGuard implements CanActivate {
  private readonly publicRoute: RouteMetadata<PublicRouteOptions>;

  constructor(
    reflector: Reflector,
    private readonly resolvers: CredentialResolvers,
  ) {
    this.publicRoute = new RouteMetadata(reflector, PUBLIC_ROUTE);
  }

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const publicRoute = this.publicRoute.of(context);
    if (publicRoute?.skipAuthentication) return true;
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const principal = this.resolvers.authenticate(request);
    // A cached answer is settled without a promise: most authenticated requests take this path.
    if (principal instanceof Promise) return principal.then((resolved) => this.settle(resolved, request, http.getResponse(), publicRoute));
    return this.settle(principal, request, http.getResponse(), publicRoute);
  }

  private settle(principal: Principal | null, request: FastifyRequest, reply: FastifyReply, publicRoute: PublicRouteOptions | undefined): boolean {
    request.user = principal ?? undefined;
    if (principal) {
      // Jira says OK to a request authenticated on its own; a cookie's login said it already.
      if (principal.authMode !== 'session') reply.header(SERAPH_LOGIN_REASON, 'OK');
      return true;
    }
    const denial = request.authDenial;
    // A locked account is told so, as on the session login: the password was not even checked.
    if (denial) reply.header(SERAPH_LOGIN_REASON, 'AUTHENTICATION_DENIED').header(DENIED_REASON, denial.deniedReason).header('Retry-After', String(denial.retryAfterSeconds));
    else if (request.headers.authorization) reply.header(SERAPH_LOGIN_REASON, 'AUTHENTICATED_FAILED');
    if (publicRoute) return true;
    throw new JiraHttpException(401, JiraMessages.notAuthenticated);
  }
}
