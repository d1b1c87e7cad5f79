import type {} from '@fastify/cookie';
import { SessionOptions, XSRF_COOKIE_NAME, xsrfTokenFor } from '@tokenshift/auth-session';
import type { FastifyReply, FastifyRequest } from 'fastify';

function isSecure(request: FastifyRequest, options: SessionOptions): boolean {
  return options.cookieSecure === 'always' || (options.cookieSecure === 'auto' && request.protocol === 'https');
}

/** Sets the session cookie (HttpOnly) and Jira's XSRF token cookie (readable by scripts, as in Jira). */
export function setSessionCookies(request: FastifyRequest, reply: FastifyReply, options: SessionOptions, sessionId: string): void {
  const secure = isSecure(request, options);
  reply.setCookie(options.cookieName, sessionId, { path: '/', httpOnly: true, sameSite: 'lax', secure });
  // Jira sends the `|` separators raw (they are valid cookie octets).
  reply.setCookie(XSRF_COOKIE_NAME, xsrfTokenFor(sessionId), { path: '/', httpOnly: false, sameSite: 'lax', secure, encode: (v) => v });
}

export function clearSessionCookies(request: FastifyRequest, reply: FastifyReply, options: SessionOptions): void {
  const secure = isSecure(request, options);
  reply.clearCookie(options.cookieName, { path: '/', httpOnly: true, sameSite: 'lax', secure });
  reply.clearCookie(XSRF_COOKIE_NAME, { path: '/', sameSite: 'lax', secure });
}
