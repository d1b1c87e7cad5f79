/**
 * How a request proved who it is. `session` and `basic-password` are the deprecated modes;
 * `dashboard-session` is the web sign-in of tokenshift's own pages (accepted on its own API only).
 */
export type AuthMode = 'session' | 'basic-token' | 'bearer-token' | 'basic-password' | 'dashboard-session';

export const DEPRECATED_AUTH_MODES: readonly AuthMode[] = ['session', 'basic-password'];

export type TokenScope = 'read' | 'write' | 'admin';

export function isDeprecatedMode(mode: AuthMode): boolean {
  return DEPRECATED_AUTH_MODES.includes(mode);
}

export const ALL_SCOPES: readonly TokenScope[] = ['read', 'write', 'admin'];
