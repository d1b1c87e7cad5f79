import { Body, Controller, Delete, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiBody, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { lockDenial, LoginService, SessionOptions, SessionService } from '@tokenshift/auth-session';
import { JiraMessages } from '@tokenshift/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '../config/app-config';
import { MetricsService } from '../metrics/metrics.service';
import { ApiJiraErrors } from '../openapi/api-docs.decorators';
import { AuthSuccess, CurrentUser } from '../openapi/jira-schemas';
import { JiraHttpException } from '@tokenshift/shared/nest';
import { SESSION_RESOURCE_PATHS } from '../routes';
import { LoginBody } from './login.dto';
import { clearSessionCookies, setSessionCookies } from './session-cookies';
import { AUSERNAME, DENIED_REASON, OptionalUser, Principal, Public, SERAPH_LOGIN_REASON } from '@tokenshift/auth-core';

export const UNVERIFIED_EMAIL_MESSAGE =
  'Your email address has not been verified. Verify it with the link we sent you, then log in again.';

function notAuthenticated(): JiraHttpException {
  return new JiraHttpException(401, JiraMessages.notAuthenticated);
}

const DEPRECATION_NOTE =
  'Deprecated: use HTTP Basic authentication with your email and an API token (Authorization: Basic), or Authorization: Bearer <token>. ' +
  'Jira Cloud deprecated this resource in March 2018 and announced its removal for December 1, 2018.';

/** Jira's deprecated session resource (`com.atlassian.jira.rest.auth.Login`), as clients expect it on the wire. */
@ApiTags('session (deprecated)')
@Controller(SESSION_RESOURCE_PATHS)
export class SessionController {
  private readonly session: SessionOptions;
  private readonly baseUrl: string;

  constructor(
    private readonly logins: LoginService,
    private readonly sessions: SessionService,
    private readonly metrics: MetricsService,
    @Inject(ConfigService) config: ConfigService<AppConfig, true>,
  ) {
    this.session = config.get('auth', { infer: true }).session;
    this.baseUrl = config.get('server', { infer: true }).baseUrl;
  }

  /** Current user, for a caller logged in by cookie or by any other mode on this request. */
  @Get()
  @Public()
  @ApiOperation({
    operationId: 'com.atlassian.jira.rest.auth.Login.getCurrentUserLoginInformation_get',
    summary: 'Get current user',
    description:
      "Returns information about the currently authenticated user's session. If the caller is not authenticated they will get a 401 Unauthorized status code. " +
      DEPRECATION_NOTE,
    deprecated: true,
  })
  @ApiOkResponse({ description: 'The current user and their login counts', type: CurrentUser })
  @ApiJiraErrors([401, 'Not authenticated'])
  async current(@OptionalUser() user: Principal | undefined) {
    if (!user) throw notAuthenticated();
    return {
      self: `${this.baseUrl}/rest/api/latest/user?username=${encodeURIComponent(user.name)}`,
      name: user.name,
      loginInfo: await this.logins.loginInfoFor(user.userId),
    };
  }

  /** Log in: a new session id every time (no fixation), set as a cookie and echoed in the body. */
  @Post()
  @HttpCode(200)
  @Public({ skipAuthentication: true })
  @ApiOperation({
    operationId: 'com.atlassian.jira.rest.auth.Login.logIn_post',
    summary: 'Create session',
    description:
      'Creates a session for the user. Use the session by passing its cookie: `JSESSIONID` on Jira Server/Data Center, ' +
      '`cloud.session.token` on Jira Cloud (this server sends the name set by SESSION_COOKIE_NAME, also given in `session.name`). ' +
      'The response contains the Set-Cookie headers that must be honoured by the caller. ' +
      DEPRECATION_NOTE,
    deprecated: true,
  })
  @ApiBody({ type: LoginBody })
  @ApiOkResponse({ description: 'Session created; the cookie is set and echoed in `session`', type: AuthSuccess })
  @ApiJiraErrors(
    [400, 'Bad input: username and password are required strings'],
    [401, 'Login failed (`WWW-Authenticate: JIRA REST POST`)'],
    [403, 'Login denied: locked for a while after too many failures (`X-Authentication-Denied-Reason`, `Retry-After`)'],
    [429, 'Too many password checks from this address or for this username (`Retry-After`)'],
    [409, 'Email address not verified'],
  )
  async login(@Body() body: LoginBody, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const result = await this.logins.login(body.username, body.password, {
      userAgent: request.headers['user-agent'],
      ip: request.ip,
    });
    if (result.outcome !== 'ok') this.metrics.loginFailures.inc({ outcome: result.outcome });
    if (result.outcome === 'denied') this.metrics.lockouts.inc();
    switch (result.outcome) {
      case 'failed':
        throw new JiraHttpException(401, JiraMessages.loginFailed, {
          'WWW-Authenticate': 'JIRA REST POST',
          [SERAPH_LOGIN_REASON]: 'AUTHENTICATED_FAILED',
        });
      case 'denied': {
        const denial = lockDenial(result.lockedUntil, this.session);
        throw new JiraHttpException(403, JiraMessages.loginDenied, {
          [SERAPH_LOGIN_REASON]: 'AUTHENTICATION_DENIED',
          [DENIED_REASON]: denial.deniedReason,
          'Retry-After': String(denial.retryAfterSeconds),
        });
      }
      case 'unverified':
        throw new JiraHttpException(409, UNVERIFIED_EMAIL_MESSAGE);
      case 'ok':
        setSessionCookies(request, reply, this.session, result.sessionId);
        // The login is recorded and logged under the user it signed in (not an authenticated request: no principal).
        request.loginIdentity = { authMode: 'session', userId: result.user.id, name: result.user.name };
        reply.header(SERAPH_LOGIN_REASON, 'OK').header(AUSERNAME, encodeURIComponent(result.user.name));
        return { session: { name: this.session.cookieName, value: result.sessionId }, loginInfo: result.loginInfo };
    }
  }

  /** Log out: the session is deleted from the database, so the cookie is dead on every instance. */
  @Delete()
  @HttpCode(204)
  @Public()
  @ApiOperation({
    operationId: 'com.atlassian.jira.rest.auth.Login.logOut_delete',
    summary: 'Delete session',
    description: 'Logs the current user out, destroying the existing session. ' + DEPRECATION_NOTE,
    deprecated: true,
  })
  @ApiNoContentResponse({ description: 'Logged out; the session is ended on every instance' })
  @ApiJiraErrors([401, 'Not authenticated'])
  async logout(@OptionalUser() user: Principal | undefined, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    if (!user) throw notAuthenticated();
    const sessionId = request.cookies?.[this.session.cookieName];
    if (user.authMode === 'session' && sessionId) await this.sessions.destroy(sessionId);
    clearSessionCookies(request, reply, this.session);
    reply.header(SERAPH_LOGIN_REASON, 'OUT');
  }
}
