import { parseBasicCredentials } from '@tokenshift/auth-core';
import type { AuthMode } from '@tokenshift/shared';
import type { UsageKind } from '@tokenshift/usage';
import { SESSION_RESOURCE_PATHS } from '../routes';

/** The prefix of every Atlassian Cloud API token (`ATATT3x…`): such a Basic secret is a token, not a password. */
export const ATLASSIAN_TOKEN_PREFIX = 'ATATT';

const SESSION_PATHS = new Set(SESSION_RESOURCE_PATHS.map((path) => `/${path}`));

/** What a proxied request is, from its shape alone: the gateway cannot check the upstream's credentials. */
export interface UpstreamUse {
  /** Null for an anonymous call of another resource (not recorded, as in the built-in mode). */
  kind: UsageKind | null;
  authMode: AuthMode | 'anonymous';
  /** The session cookie the call carries (for attribution), when it is a cookie call. */
  sessionCookie?: string;
  /**
   * Basic with a password: the user id the caller sends, unchecked. Like a login's username, it decides
   * exemptions only (a false claim still meets the upstream's password check); it is never recorded as the user.
   */
  claimedUser?: string;
}

export interface UpstreamRequestShape {
  method: string;
  /** The path, without the query. */
  path: string;
  authorization: string | undefined;
  cookies: Record<string, string | undefined> | undefined;
}

export interface UpstreamClassification {
  sessionCookies: readonly string[];
  passwordBasicDeprecated: boolean;
}

export function isUpstreamSessionResource(path: string): boolean {
  return SESSION_PATHS.has(path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path);
}

/** The mode the `Authorization` header's shape says, as the built-in resolvers would tell them apart, and a Basic user id. */
function authorizationMode(authorization: string): { mode: AuthMode; userid?: string } | null {
  const basic = parseBasicCredentials(authorization);
  if (basic && basic !== 'malformed') return { mode: basic.password.startsWith(ATLASSIAN_TOKEN_PREFIX) ? 'basic-token' : 'basic-password', userid: basic.userid };
  if (/^Bearer\s+\S/i.test(authorization)) return { mode: 'bearer-token' };
  return null;
}

/**
 * The built-in mode's kinds (`classifyRequest`), for a request the gateway passes on: the session
 * resource by method; a session cookie without `Authorization` is a cookie call; Basic with an Atlassian
 * token, and Bearer, are token traffic; Basic with a password is deprecated only when the setting says so
 * (Data Center still allows it), else counted as its own, not deprecated, kind.
 */
export function classifyUpstreamRequest(request: UpstreamRequestShape, options: UpstreamClassification): UpstreamUse {
  const credentials = request.authorization ? authorizationMode(request.authorization) : null;
  const mode = credentials?.mode ?? null;
  const sessionCookie = request.authorization ? undefined : firstSessionCookie(request.cookies, options.sessionCookies);
  if (isUpstreamSessionResource(request.path)) {
    if (request.method === 'POST') return { kind: 'session-login', authMode: 'anonymous' };
    if (request.method === 'DELETE') return { kind: 'session-logout', authMode: sessionCookie ? 'session' : (mode ?? 'anonymous'), sessionCookie };
    if (mode === 'basic-token' || mode === 'bearer-token') return { kind: 'token-session-get', authMode: mode };
    return { kind: 'session-get', authMode: sessionCookie ? 'session' : (mode ?? 'anonymous'), sessionCookie };
  }
  if (sessionCookie) return { kind: 'cookie-request', authMode: 'session', sessionCookie };
  if (mode === 'basic-password') return { kind: options.passwordBasicDeprecated ? 'password-basic' : 'password-basic-allowed', authMode: mode, claimedUser: credentials?.userid };
  if (mode) return { kind: 'token-request', authMode: mode };
  return { kind: null, authMode: 'anonymous' };
}

function firstSessionCookie(cookies: Record<string, string | undefined> | undefined, names: readonly string[]): string | undefined {
  if (!cookies) return undefined;
  for (const name of names) {
    const value = cookies[name];
    if (value) return value;
  }
  return undefined;
}
