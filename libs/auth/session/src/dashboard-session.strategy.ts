import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { CredentialRequest, CredentialResolver, CredentialResolvers, Principal, resolveWithPassport } from '@tokenshift/auth-core';
import { DashboardSessionService, DEFAULT_DASHBOARD_SESSION } from './dashboard-session.service';
import { CookieSessionStrategy } from './session-cookie.strategy';
import { DASHBOARD_SESSION_STRATEGY } from './session.constants';
import { DashboardSessionOptions, SESSION_OPTIONS, SessionOptions } from './session.options';

/**
 * The dashboard's web sign-in: strategy and resolver in one, like the session cookie's. Its cookie is
 * read only on tokenshift's own API (`pathPrefix`): elsewhere the request carries no credential of
 * this mode, so a script cannot use a dashboard sign-in to call Jira's resources past the brown-outs,
 * the sunset and the usage records.
 */
@Injectable()
export class DashboardSessionStrategy extends PassportStrategy(CookieSessionStrategy, DASHBOARD_SESSION_STRATEGY) implements CredentialResolver<string> {
  readonly mode = 'dashboard-session';
  private readonly dashboard: DashboardSessionOptions;

  constructor(
    private readonly sessions: DashboardSessionService,
    @Inject(SESSION_OPTIONS) options: SessionOptions,
    resolvers: CredentialResolvers,
  ) {
    super();
    this.dashboard = options.dashboard ?? DEFAULT_DASHBOARD_SESSION;
    resolvers.register(this);
  }

  async validate(sessionId: string): Promise<Principal | false> {
    return (await this.sessions.resolve(sessionId)) ?? false;
  }

  extract(request: CredentialRequest): string | undefined {
    if (!request.url?.startsWith(this.dashboard.pathPrefix)) return undefined;
    return request.cookies?.[this.dashboard.cookieName] || undefined;
  }

  resolveCached(sessionId: string, now: Date): Principal | null | undefined {
    return this.sessions.resolveCached(sessionId, now);
  }

  resolve(sessionId: string): Promise<Principal | null> {
    return resolveWithPassport(DASHBOARD_SESSION_STRATEGY, sessionId);
  }
}
