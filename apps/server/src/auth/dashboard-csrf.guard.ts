import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { dashboardCsrfTokenFor } from '@tokenshift/auth-session';
import { JiraMessages } from '@tokenshift/shared';
import { JiraHttpException } from '@tokenshift/shared/nest';
import type { FastifyRequest } from 'fastify';
import { AppConfig } from '../config/app-config';
import { DASHBOARD_CSRF_HEADER } from './dashboard-cookie';
import { sameString } from './same-string';
import { SAFE_METHODS } from './xsrf.guard';

/**
 * A request signed in with the dashboard's cookie that changes something must carry the sign-in's
 * CSRF token in `X-Tokenshift-CSRF`, whatever its body: the cookie is SameSite=Strict already, and a
 * page of another origin can neither read the token nor send the header without a preflight.
 */
@Injectable()
export class DashboardCsrfGuard implements CanActivate {
  private readonly cookieName: string;

  constructor(@Inject(ConfigService) config: ConfigService<AppConfig, true>) {
    this.cookieName = config.get('auth', { infer: true }).dashboard.cookieName;
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (request.user?.authMode !== 'dashboard-session' || SAFE_METHODS.has(request.method)) return true;
    const sent = request.headers[DASHBOARD_CSRF_HEADER];
    const sessionId = request.cookies?.[this.cookieName];
    if (typeof sent === 'string' && sessionId && sameString(sent, dashboardCsrfTokenFor(sessionId))) return true;
    throw new JiraHttpException(403, JiraMessages.xsrfCheckFailed);
  }
}
