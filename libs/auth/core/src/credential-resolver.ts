import type { AuthMode } from '@tokenshift/shared';
import type { Principal } from './principal';

/**
 * A request as the resolvers see it: its headers and parsed cookies. A Fastify request is one, so
 * the resolvers run in a Nest guard and in a plain Fastify hook alike.
 */
export interface CredentialRequest {
  headers: { authorization?: string };
  cookies?: Record<string, string | undefined>;
  /** Set when a resolver refused the credential without checking it (a locked account). */
  authDenial?: CredentialDenial;
}

/**
 * A refusal without a check: the account exists but may not even try now (Jira's CAPTCHA lock-out).
 * Answered with `X-Seraph-LoginReason: AUTHENTICATION_DENIED`, not `AUTHENTICATED_FAILED`.
 */
export interface CredentialDenial {
  /** `X-Authentication-Denied-Reason`, e.g. `CAPTCHA_CHALLENGE; login-url=<base>/login.jsp`. */
  deniedReason: string;
  /** Whole seconds until a try is taken again (`Retry-After`). */
  retryAfterSeconds: number;
}

/**
 * One way a request can prove who it is (one per auth mode), in three steps:
 * - `extract` parses the credential out of the request, once; undefined when the request carries none
 *   of this mode (the mode is then skipped, as a Passport strategy that fails);
 * - `resolveCached` answers from memory alone, without a promise: the principal, null when the cached
 *   row refuses the credential, undefined when only the database can tell;
 * - `resolve` answers through the mode's Passport strategy, with the credential `extract` parsed.
 * Both answers come from the same cached rows, so they agree.
 */
export interface CredentialResolver<Credential = unknown> {
  readonly mode: AuthMode;
  extract(request: CredentialRequest): Credential | undefined;
  resolveCached(credential: Credential, now: Date): Principal | null | undefined;
  resolve(credential: Credential): Promise<Principal | null>;
  /** Why `resolve` refused this credential without checking it, if it did (asked after a null). */
  denialOf?(credential: Credential): CredentialDenial | undefined;
}

/**
 * The order the modes are tried in (the first that accepts wins): the session cookie, Basic with an
 * API token, Bearer, then (if enabled) Basic with a password.
 */
export const AUTH_MODE_PRECEDENCE: readonly AuthMode[] = ['session', 'basic-token', 'bearer-token', 'basic-password'];
