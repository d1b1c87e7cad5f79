/**
 * True for a string shaped like a tokenshift API token (`tsk_` + 49 base64url characters), valid or
 * not. Such a secret in `Authorization: Basic` is a token, never a password: a revoked or mistyped
 * token must not count as a failed password and lock the account (docs/auth.md, "Lock-out").
 */
export function hasApiTokenShape(secret: string): boolean {
  return /^tsk_[A-Za-z0-9_-]{49}$/.test(secret);
}
