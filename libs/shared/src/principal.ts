/** How a request proved who it is. `session` and `basic-password` are the deprecated modes. */
export type AuthMode = 'session' | 'basic-token' | 'bearer-token' | 'basic-password';

export const DEPRECATED_AUTH_MODES: readonly AuthMode[] = ['session', 'basic-password'];

export type TokenScope = 'read' | 'write' | 'admin';

/** The authenticated caller, the same whichever mode was used. */
export interface Principal {
  userId: string;
  name: string;
  email: string;
  displayName: string;
  isAdmin: boolean;
  authMode: AuthMode;
  /** Scopes of the API token used; all scopes for sessions and passwords. */
  scopes: readonly TokenScope[];
  /** Id of the session or token row that authenticated the request. */
  credentialId: string;
}

/** A request as the credential checks see it: its headers and parsed cookies. */
export interface CredentialRequest {
  headers: { authorization?: string };
  cookies?: Record<string, string | undefined>;
}

/**
 * A credential check answered from memory alone, without a promise: the principal, null when the
 * cached row refuses the credentials, undefined when only the database (through Passport) can tell.
 */
export interface CachedCredentialCheck {
  fromCache(request: CredentialRequest, now: Date): Principal | null | undefined;
}

export function isDeprecatedMode(mode: AuthMode): boolean {
  return DEPRECATED_AUTH_MODES.includes(mode);
}

export const ALL_SCOPES: readonly TokenScope[] = ['read', 'write', 'admin'];

/** Builds the principal from a user row and how the request authenticated. */
export function toPrincipal(
  user: { id: string; name: string; email: string; displayName: string; isAdmin: boolean },
  authMode: AuthMode,
  credentialId: string,
  scopes: readonly TokenScope[] = ALL_SCOPES,
): Principal {
  return { userId: user.id, name: user.name, email: user.email, displayName: user.displayName, isAdmin: user.isAdmin, authMode, scopes, credentialId };
}
