import type { CredentialDenial } from '@tokenshift/auth-core';
import type { SessionOptions } from './session.options';

/** Jira's one denial reason, with the page that explains it (and says when the lock ends). */
export function deniedReason(options: Pick<SessionOptions, 'loginUrl'>): string {
  return `CAPTCHA_CHALLENGE; login-url=${options.loginUrl ?? '/login.jsp'}`;
}

/** What a locked account is answered: Jira's denial header, and `Retry-After` until the lock ends. */
export function lockDenial(lockedUntil: Date, options: Pick<SessionOptions, 'loginUrl'>, now = Date.now()): CredentialDenial {
  return { deniedReason: deniedReason(options), retryAfterSeconds: Math.max(1, Math.ceil((lockedUntil.getTime() - now) / 1000)) };
}
