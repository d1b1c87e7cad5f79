import type { Logger } from '@nestjs/common';
import type { AuthMode } from '@tokenshift/shared';
import type { FastifyRequest } from 'fastify';
import type { GatewayConfig } from '../config/app-config';
import { headerValue } from '../usage/request-usage';
import type { CookieAttribution } from './cookie-attribution.service';

/**
 * What the upstream's answer says about the caller: the user it names (it wins), the user of a login it
 * accepted (the body's username), and the session cookies it issued on that login, remembered by hash.
 * A promise only when the database is written (a login, a logout): every other answer goes on at once.
 */
export function observeAnswer(
  request: FastifyRequest,
  status: number,
  headers: Record<string, string | string[] | undefined>,
  gateway: GatewayConfig,
  attribution: CookieAttribution,
  logger: Logger,
): Promise<void> | undefined {
  const use = request.upstreamUse;
  if (!use) return undefined;
  const named = upstreamUserOf(headerValue(headers[gateway.userHeader]));
  if (use.kind === 'session-login') {
    const userName = named ?? request.gatewayLoginName;
    if (status !== 200 || !userName) return undefined;
    request.loginIdentity = { authMode: 'session', userId: null, name: userName };
    const issued = issuedSessionCookies(headers['set-cookie'], gateway.sessionCookies);
    return Promise.all(issued.map((value) => attribution.remember(value, userName))).then(
      () => undefined,
      (error: Error) => logger.warn(`Session cookie not remembered: ${error.message}`),
    );
  }
  if (named && use.authMode !== 'anonymous') request.loginIdentity = { authMode: use.authMode as AuthMode, userId: null, name: named };
  if (use.kind === 'session-logout' && status >= 200 && status < 300 && use.sessionCookie) {
    return attribution.forget(use.sessionCookie).catch((error: Error) => logger.warn(`Session cookie not forgotten: ${error.message}`));
  }
  return undefined;
}

/** Jira names an anonymous caller `anonymous`, and URL-encodes names. */
function upstreamUserOf(value: string | null): string | null {
  if (!value || value === 'anonymous') return null;
  try {
    return decodeURIComponent(value).slice(0, 255);
  } catch {
    return value.slice(0, 255);
  }
}

/** Values of the upstream's session cookies in a response's `Set-Cookie` lines (not ones it deletes). */
export function issuedSessionCookies(setCookie: string | string[] | undefined, names: readonly string[]): string[] {
  const lines = setCookie === undefined ? [] : Array.isArray(setCookie) ? setCookie : [setCookie];
  const values: string[] = [];
  for (const line of lines) {
    const pair = line.split(';', 1)[0] ?? '';
    const equals = pair.indexOf('=');
    if (equals < 0) continue;
    const name = pair.slice(0, equals).trim();
    const value = pair.slice(equals + 1).trim();
    if (names.includes(name) && value && !/;\s*max-age\s*=\s*0\b/i.test(line)) values.push(value);
  }
  return values;
}
