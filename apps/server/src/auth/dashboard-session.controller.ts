import { Body, Controller, Delete, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiBody, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Public, TokenApi } from '@tokenshift/auth-core';
import { DashboardSessionOptions, DashboardSessionService, dashboardCsrfTokenFor, LoginService, SessionOptions } from '@tokenshift/auth-session';
import { formatJiraDate } from '@tokenshift/shared';
import { JiraHttpException } from '@tokenshift/shared/nest';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '../config/app-config';
import { MetricsService } from '../metrics/metrics.service';
import { ApiJiraErrors } from '../openapi/api-docs.decorators';
import { DASHBOARD_SESSION_PATH } from '../routes';
import { clearDashboardCookie, setDashboardCookie } from './dashboard-cookie';
import { LoginBody } from './login.dto';
import { UNVERIFIED_EMAIL_MESSAGE } from './session.controller';

export const DASHBOARD_LOGIN_FAILED = 'Wrong username or password.';
/** The lock ends by itself (LOCKOUT_BACKOFF); an administrator can also lift it. */
export function dashboardLoginLocked(lockedUntil: Date): string {
  return (
    `Too many failed sign-ins: this account is locked until ${lockedUntil.toISOString()}, and no password is checked before then ` +
    '(an administrator can lift the lock sooner: `DELETE /rest/tokenshift/1/users/<name>/lockout` or `npm run cli -- users unlock <name>`).'
  );
}

class DashboardSignedIn {
  @ApiProperty({ example: 'demo' }) name!: string;
  @ApiProperty({ example: 'Demo User' }) displayName!: string;
  @ApiProperty({ example: 'demo@example.com' }) email!: string;
  @ApiProperty() isAdmin!: boolean;
  @ApiProperty({ enum: ['dashboard-session', 'session', 'basic-token', 'bearer-token', 'basic-password'] }) authMode!: string;
  @ApiProperty({ type: [String], example: ['read', 'write'] }) scopes!: string[];
  @ApiPropertyOptional({ description: 'With a dashboard sign-in only: send it as `X-Tokenshift-CSRF` on every request that changes something' })
  csrfToken?: string;
  @ApiPropertyOptional({ description: 'With a dashboard sign-in only: when it ends at the latest', example: '2026-12-06T18:00:00.000+0000' })
  expires?: string;
  @ApiPropertyOptional({ description: 'With a dashboard sign-in only: it ends after this many seconds without use', example: 1800 })
  idleTimeoutSeconds?: number;
}

/**
 * The web sign-in of tokenshift's own pages: the user's password (same hasher, same lock-out as Jira's
 * login), then a session of its own (`tokenshift.dashboard` cookie, HttpOnly, SameSite=Strict, sent to
 * this API only, CSRF token for changes). It is not the deprecated mode: no brown-out or sunset
 * refuses it, and its calls are in no usage data.
 */
@ApiTags('dashboard sign-in')
@TokenApi('read')
@Controller(DASHBOARD_SESSION_PATH)
export class DashboardSessionController {
  private readonly session: SessionOptions;
  private readonly dashboard: DashboardSessionOptions;

  constructor(
    private readonly logins: LoginService,
    private readonly sessions: DashboardSessionService,
    private readonly metrics: MetricsService,
    @Inject(ConfigService) config: ConfigService<AppConfig, true>,
  ) {
    this.session = config.get('auth', { infer: true }).session;
    this.dashboard = config.get('auth', { infer: true }).dashboard;
  }

  @Post()
  @HttpCode(200)
  @Public({ skipAuthentication: true })
  @ApiOperation({
    summary: 'Sign in to the dashboard',
    description:
      'Checks the password (with the login lock-out) and starts a dashboard session: a new id at every sign-in, set as the HttpOnly, SameSite=Strict ' +
      '`tokenshift.dashboard` cookie for `/rest/tokenshift` only. Only `application/json` is accepted, so a form of another site cannot sign a browser in.',
  })
  @ApiBody({ type: LoginBody })
  @ApiOkResponse({ description: 'Signed in; the cookie is set', type: DashboardSignedIn })
  @ApiJiraErrors(
    [400, 'Bad input: username and password are required strings, sent as JSON'],
    [401, 'Wrong username or password'],
    [403, 'Locked after too many failed sign-ins'],
    [409, 'Email address not verified'],
  )
  async signIn(@Body() body: LoginBody, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<DashboardSignedIn> {
    const mediaType = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (mediaType !== 'application/json') throw new JiraHttpException(400, 'Send the sign-in as application/json.');
    const result = await this.logins.login(body.username, body.password, { userAgent: request.headers['user-agent'], ip: request.ip }, this.sessions);
    if (result.outcome !== 'ok') this.metrics.loginFailures.inc({ outcome: result.outcome });
    if (result.outcome === 'denied') this.metrics.lockouts.inc();
    switch (result.outcome) {
      case 'failed':
        throw new JiraHttpException(401, DASHBOARD_LOGIN_FAILED);
      case 'denied':
        throw new JiraHttpException(403, dashboardLoginLocked(result.lockedUntil));
      case 'unverified':
        throw new JiraHttpException(409, UNVERIFIED_EMAIL_MESSAGE);
      case 'ok': {
        // A new id at every sign-in; the one this browser held before is ended, not left alive.
        const previous = request.cookies?.[this.dashboard.cookieName];
        if (previous) await this.sessions.destroy(previous);
        setDashboardCookie(request, reply, this.session, this.dashboard, result.sessionId);
        const { user } = result;
        return {
          name: user.name,
          displayName: user.displayName,
          email: user.email,
          isAdmin: user.isAdmin,
          authMode: 'dashboard-session',
          scopes: user.isAdmin ? ['read', 'write', 'admin'] : ['read', 'write'],
          csrfToken: dashboardCsrfTokenFor(result.sessionId),
          expires: formatJiraDate(new Date(Date.now() + this.dashboard.maxLifetimeSeconds * 1000)),
          idleTimeoutSeconds: this.dashboard.idleTimeoutSeconds,
        };
      }
    }
  }

  /** Who is signed in, however: the dashboard's cookie, or the token a page was given. */
  @Get()
  @ApiOperation({ summary: 'Who is signed in', description: 'The caller, with the CSRF token when signed in with the dashboard cookie.' })
  @ApiOkResponse({ description: 'The signed-in user', type: DashboardSignedIn })
  current(@CurrentUser() user: Principal, @Req() request: FastifyRequest): DashboardSignedIn {
    const sessionId = user.authMode === 'dashboard-session' ? request.cookies?.[this.dashboard.cookieName] : undefined;
    return {
      name: user.name,
      displayName: user.displayName,
      email: user.email,
      isAdmin: user.isAdmin,
      authMode: user.authMode,
      scopes: user.scopes.filter((scope) => scope !== 'admin' || user.isAdmin),
      ...(sessionId ? { csrfToken: dashboardCsrfTokenFor(sessionId), idleTimeoutSeconds: this.dashboard.idleTimeoutSeconds } : {}),
    };
  }

  /** Signs out: the session is deleted from the database (dead on every instance) and the cookie cleared. */
  @Delete()
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out of the dashboard', description: 'Needs `X-Tokenshift-CSRF` with a dashboard sign-in.' })
  @ApiNoContentResponse({ description: 'Signed out' })
  async signOut(@CurrentUser() user: Principal, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    const sessionId = request.cookies?.[this.dashboard.cookieName];
    if (user.authMode === 'dashboard-session' && sessionId) await this.sessions.destroy(sessionId);
    clearDashboardCookie(request, reply, this.session, this.dashboard);
  }
}
