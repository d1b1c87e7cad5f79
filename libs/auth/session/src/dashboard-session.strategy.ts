import { Inject, Injectable } from '@nestjs/common';
import { CredentialRequest, CredentialResolver, CredentialResolvers } from '@tokenshift/auth-core';
import { DashboardSessionService, DEFAULT_DASHBOARD_SESSION } from './dashboard-session.service';
import { SessionCookieResolver } from './session-cookie.strategy';
import { DASHBOARD_SESSION_STRATEGY } from './session.constants';
import { DashboardSessionOptions, SESSION_OPTIONS, SessionOptions } from './session.options';

/**
 * The dashboard's web sign-in: strategy and resolver in one, like the session cookie's. Its cookie is
 * read only on tokenshift's own API (`pathPrefix`): elsewhere the request carries no credential of
 * this mode, so a script cannot use a dashboard sign-in to call Jira's resources past the brown-outs,
 * the sunset and the usage records.
 */
@Injectable()
export class DashboardSessionStrategy extends SessionCookieResolver(DASHBOARD_SESSION_STRATEGY) implements CredentialResolver<string> {
  readonly mode = 'dashboard-session';
  private readonly dashboard: DashboardSessionOptions;

  constructor(
    protected readonly sessions: DashboardSessionService,
    @Inject(SESSION_OPTIONS) options: SessionOptions,
    resolvers: CredentialResolvers,
  ) {
    super();
    this.dashboard = options.dashboard ?? DEFAULT_DASHBOARD_SESSION;
    resolvers.register(this);
  }

  extract(request: CredentialRequest): string | undefined {
    if (!request.url?.startsWith(this.dashboard.pathPrefix)) return undefined;
    return request.cookies?.[this.dashboard.cookieName] || undefined;
  }
}
