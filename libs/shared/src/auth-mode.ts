/** How a request proved who it is. `session` and `basic-password` are the deprecated modes. */
export type AuthMode = 'session' | 'basic-token' | 'bearer-token' | 'basic-password';

export const DEPRECATED_AUTH_MODES: readonly AuthMode[] = ['session', 'basic-password'];

export type TokenScope = 'read' | 'write' | 'admin';

export function isDeprecatedMode(mode: AuthMode): boolean {
  return DEPRECATED_AUTH_MODES.includes(mode);
}

export const ALL_SCOPES: readonly TokenScope[] = ['read', 'write', 'admin'];
