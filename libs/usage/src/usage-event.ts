import type { AuthMode } from '@tokenshift/shared';

/**
 * What kind of use a request was. Token-authenticated GETs of the session resource (python `jira`
 * validates this way) have their own kind, so they are not mistaken for cookie logins.
 */
export type UsageKind =
  | 'session-login'
  | 'session-logout'
  | 'session-get'
  | 'token-session-get'
  | 'cookie-request'
  | 'password-basic'
  | 'refused'
  /** Would have been refused, in the policy's dry-run mode (served). */
  | 'would-refuse'
  | 'token-request'
  /**
   * Gateway mode: `Basic user:password` passed to an upstream that still allows it (Jira Data Center),
   * counted as its own kind and not deprecated unless `GATEWAY_PASSWORD_BASIC_DEPRECATED` is set.
   */
  | 'password-basic-allowed';

/** Kinds that use the deprecated mode: each is kept as a raw event (the rest only in roll-ups). */
export const DEPRECATED_KINDS: readonly UsageKind[] = [
  'session-login',
  'session-logout',
  'session-get',
  'cookie-request',
  'password-basic',
  'refused',
  'would-refuse',
];

export interface UsageEventInput {
  occurredAt: Date;
  kind: UsageKind;
  authMode: AuthMode | 'anonymous';
  userId?: string | null;
  userName?: string | null;
  method: string;
  /** The route template (`/rest/api/2/issue/:idOrKey`), never the raw URL. */
  endpoint: string;
  status: number;
  userAgent?: string | null;
  ip?: string | null;
  clientId?: string | null;
}

/**
 * The one client key every anonymous use is counted under (per endpoint, in the roll-ups): an
 * unauthenticated caller can send any User-Agent, so its agent never becomes a client of its own.
 * The dashboard does not list it as a client.
 */
export const ANONYMOUS_CLIENT_KEY = 'anonymous';

export function isDeprecatedKind(kind: UsageKind): boolean {
  return DEPRECATED_KINDS.includes(kind);
}
