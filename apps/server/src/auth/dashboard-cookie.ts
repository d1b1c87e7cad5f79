import type {} from '@fastify/cookie';
import type { DashboardSessionOptions, SessionOptions } from '@tokenshift/auth-session';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** The header the dashboard sends its sign-in's CSRF token in, on every request that changes something. */
export const DASHBOARD_CSRF_HEADER = 'x-tokenshift-csrf';

function cookieOptions(request: FastifyRequest, dashboard: DashboardSessionOptions, secure: SessionOptions['cookieSecure']) {
  return {
    // Sent only to tokenshift's API (the pages themselves need none), never to Jira's resources.
    path: dashboard.cookiePath,
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: secure === 'always' || (secure === 'auto' && request.protocol === 'https'),
  };
}

/** Sets the dashboard sign-in's cookie: HttpOnly, SameSite=Strict, for its lifetime (it dies with the session anyway). */
export function setDashboardCookie(request: FastifyRequest, reply: FastifyReply, session: SessionOptions, dashboard: DashboardSessionOptions, sessionId: string): void {
  reply.setCookie(dashboard.cookieName, sessionId, { ...cookieOptions(request, dashboard, session.cookieSecure), maxAge: dashboard.maxLifetimeSeconds });
}

export function clearDashboardCookie(request: FastifyRequest, reply: FastifyReply, session: SessionOptions, dashboard: DashboardSessionOptions): void {
  reply.clearCookie(dashboard.cookieName, cookieOptions(request, dashboard, session.cookieSecure));
}
