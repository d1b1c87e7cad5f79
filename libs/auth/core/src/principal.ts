import { ALL_SCOPES, type AuthMode, type TokenScope } from '@tokenshift/shared';

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

/** Builds the principal from a user row and how the request authenticated. */
export function toPrincipal(
  user: { id: string; name: string; email: string; displayName: string; isAdmin: boolean },
  authMode: AuthMode,
  credentialId: string,
  scopes: readonly TokenScope[] = ALL_SCOPES,
): Principal {
  return { userId: user.id, name: user.name, email: user.email, displayName: user.displayName, isAdmin: user.isAdmin, authMode, scopes, credentialId };
}
