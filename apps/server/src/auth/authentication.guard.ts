import type {} from '@fastify/cookie';
import { ExecutionContext, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { API_TOKEN_BASIC_STRATEGY, API_TOKEN_BEARER_STRATEGY } from '@tokenshift/auth-api-token';
import { PASSWORD_BASIC_STRATEGY, SESSION_COOKIE_STRATEGY } from '@tokenshift/auth-session';
import { JiraMessages, Principal } from '@tokenshift/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '../config/app-config';
import { JiraHttpException } from '../errors/jira-http.exception';
import { PUBLIC_ROUTE, PublicRouteOptions } from './public.decorator';
import { SERAPH_LOGIN_REASON } from './seraph-headers';

/** Fixed precedence: the session cookie, then Basic with an API token, then Bearer, then (if enabled) Basic with a password. */
const TOKEN_STRATEGIES = [SESSION_COOKIE_STRATEGY, API_TOKEN_BASIC_STRATEGY, API_TOKEN_BEARER_STRATEGY];

class PassportChain extends AuthGuard([...TOKEN_STRATEGIES, PASSWORD_BASIC_STRATEGY]) {}
class PassportChainWithoutPasswords extends AuthGuard(TOKEN_STRATEGIES) {}

type AuthRequest = FastifyRequest & { user?: Principal };

/**
 * The one global guard (fail-closed: every route needs a principal unless marked `@Public()`).
 * It runs Passport's chain; strategies *fail* on bad credentials, so the chain goes on to the next.
 */
@Injectable()
export class AuthenticationGuard {
  private readonly chain: PassportChain | PassportChainWithoutPasswords;
  private readonly cookieName: string;

  constructor(
    private readonly reflector: Reflector,
    @Inject(ConfigService) config: ConfigService<AppConfig, true>,
  ) {
    const auth = config.get('auth', { infer: true });
    this.chain = auth.allowPasswordBasic ? new PassportChain() : new PassportChainWithoutPasswords();
    this.cookieName = auth.session.cookieName;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const publicRoute = this.reflector.getAllAndOverride<PublicRouteOptions | undefined>(PUBLIC_ROUTE, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (publicRoute?.skipAuthentication) return true;
    const request = context.switchToHttp().getRequest<AuthRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const authorization = request.headers.authorization;
    const hasCredentials = Boolean(authorization || request.cookies?.[this.cookieName]);

    const authenticated = hasCredentials && (await this.runChain(context));
    if (authenticated && request.user) {
      if (request.user.authMode !== 'session') reply.header(SERAPH_LOGIN_REASON, 'OK');
      return true;
    }
    request.user = undefined;
    if (authorization) reply.header(SERAPH_LOGIN_REASON, 'AUTHENTICATED_FAILED');
    if (publicRoute) return true;
    throw new JiraHttpException(401, JiraMessages.notAuthenticated);
  }

  /** True when a strategy accepted the credentials; infrastructure errors (database down) propagate. */
  private async runChain(context: ExecutionContext): Promise<boolean> {
    try {
      return await (this.chain.canActivate(context) as Promise<boolean>);
    } catch (error) {
      if (error instanceof UnauthorizedException) return false;
      throw error;
    }
  }
}
