import type {} from '@fastify/cookie';
import { CanActivate, ExecutionContext, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { API_TOKEN_BASIC_STRATEGY, API_TOKEN_BEARER_STRATEGY, ApiTokenBasicStrategy, ApiTokenBearerStrategy } from '@tokenshift/auth-api-token';
import { PASSWORD_BASIC_STRATEGY, SESSION_COOKIE_STRATEGY, SessionCookieStrategy } from '@tokenshift/auth-session';
import { CachedCredentialCheck, JiraMessages, Principal } from '@tokenshift/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '../config/app-config';
import { JiraHttpException } from '../errors/jira-http.exception';
import { PUBLIC_ROUTE, PublicRouteOptions } from './public.decorator';
import { RouteMetadata } from './route-metadata';
import { SERAPH_LOGIN_REASON } from './seraph-headers';

/**
 * The strategies that can apply to a request's credentials, in a fixed precedence: the session
 * cookie, then Basic with an API token, then Bearer, then (if enabled) Basic with a password.
 * Strategies for credentials the request does not carry are skipped: same outcome, less work.
 */
function strategiesFor(hasCookie: boolean, scheme: 'basic' | 'bearer' | null, allowPasswordBasic: boolean): string[] {
  const strategies: string[] = [];
  if (hasCookie) strategies.push(SESSION_COOKIE_STRATEGY);
  if (scheme === 'basic') strategies.push(API_TOKEN_BASIC_STRATEGY);
  if (scheme === 'bearer') strategies.push(API_TOKEN_BEARER_STRATEGY);
  if (scheme === 'basic' && allowPasswordBasic) strategies.push(PASSWORD_BASIC_STRATEGY);
  return strategies;
}

const BASIC_SCHEME = /^\s*basic(?: |$)/i;
const BEARER_SCHEME = /^\s*bearer(?: |$)/i;

/** The Authorization header's scheme, when it is one a strategy reads. */
function schemeOf(authorization: string | undefined): 'basic' | 'bearer' | null {
  if (!authorization) return null;
  if (BASIC_SCHEME.test(authorization)) return 'basic';
  return BEARER_SCHEME.test(authorization) ? 'bearer' : null;
}

/**
 * The one global guard (fail-closed: every route needs a principal unless marked `@Public()`).
 * It runs Passport's chain; strategies *fail* on bad credentials, so the chain goes on to the next.
 * When the credentials' rows are cached, the strategies answer from memory first, without Passport
 * or a promise (that path is most of an authenticated request's cost otherwise, measured); Passport
 * runs whenever the cache cannot answer, and for every refusal.
 */
@Injectable()
export class AuthenticationGuard {
  private readonly cookieName: string;
  /** One Passport guard per strategy list (a handful of combinations). */
  private readonly chains = new Map<string, CanActivate>();
  /** Strategies that can answer from cached rows (a password always needs its hash checked). */
  private readonly cachedChecks: ReadonlyMap<string, CachedCredentialCheck>;
  /** The strategy list for each (cookie present, scheme): computed once, not per request. */
  private readonly strategyLists: Record<'cookie' | 'none', Record<'basic' | 'bearer' | 'other', string[]>>;

  private readonly publicRoute: RouteMetadata<PublicRouteOptions>;

  constructor(
    reflector: Reflector,
    @Inject(ConfigService) config: ConfigService<AppConfig, true>,
    sessionCookie: SessionCookieStrategy,
    basicToken: ApiTokenBasicStrategy,
    bearerToken: ApiTokenBearerStrategy,
  ) {
    const auth = config.get('auth', { infer: true });
    this.publicRoute = new RouteMetadata(reflector, PUBLIC_ROUTE);
    this.cookieName = auth.session.cookieName;
    this.cachedChecks = new Map<string, CachedCredentialCheck>([
      [SESSION_COOKIE_STRATEGY, sessionCookie],
      [API_TOKEN_BASIC_STRATEGY, basicToken],
      [API_TOKEN_BEARER_STRATEGY, bearerToken],
    ]);
    const listsFor = (hasCookie: boolean) => ({
      basic: strategiesFor(hasCookie, 'basic', auth.allowPasswordBasic),
      bearer: strategiesFor(hasCookie, 'bearer', auth.allowPasswordBasic),
      other: strategiesFor(hasCookie, null, auth.allowPasswordBasic),
    });
    this.strategyLists = { cookie: listsFor(true), none: listsFor(false) };
  }

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const publicRoute = this.publicRoute.of(context);
    if (publicRoute?.skipAuthentication) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const strategies = this.strategyLists[request.cookies?.[this.cookieName] ? 'cookie' : 'none'][schemeOf(request.headers.authorization) ?? 'other'];
    const cached = this.fromCache(strategies, request);
    if (cached) return this.accept(cached, request, context.switchToHttp().getResponse<FastifyReply>());
    return this.authenticate(strategies, context, publicRoute);
  }

  /**
   * The chain answered from memory: the first strategy whose cached row accepts the credentials,
   * provided every strategy before it was refused from memory too; otherwise undefined.
   */
  private fromCache(strategies: string[], request: FastifyRequest): Principal | undefined {
    const now = new Date();
    for (const strategy of strategies) {
      const verdict = this.cachedChecks.get(strategy)?.fromCache(request, now);
      if (verdict === undefined) return undefined;
      if (verdict) return verdict;
    }
    return undefined;
  }

  private accept(principal: Principal, request: FastifyRequest, reply: FastifyReply): true {
    request.user = principal;
    if (principal.authMode !== 'session') reply.header(SERAPH_LOGIN_REASON, 'OK');
    return true;
  }

  private async authenticate(strategies: string[], context: ExecutionContext, publicRoute: PublicRouteOptions | undefined): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const authorization = request.headers.authorization;
    const authenticated = strategies.length > 0 && (await this.runChain(strategies, context));
    if (authenticated && request.user) return this.accept(request.user, request, reply);
    request.user = undefined;
    if (authorization) reply.header(SERAPH_LOGIN_REASON, 'AUTHENTICATED_FAILED');
    if (publicRoute) return true;
    throw new JiraHttpException(401, JiraMessages.notAuthenticated);
  }

  /** True when a strategy accepted the credentials; infrastructure errors (database down) propagate. */
  private async runChain(strategies: string[], context: ExecutionContext): Promise<boolean> {
    const key = strategies.join(',');
    let chain = this.chains.get(key);
    if (!chain) this.chains.set(key, (chain = new (AuthGuard(strategies))()));
    try {
      return await (chain.canActivate(context) as Promise<boolean>);
    } catch (error) {
      if (error instanceof UnauthorizedException) return false;
      throw error;
    }
  }
}
