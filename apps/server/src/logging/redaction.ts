/** Request and response headers that carry credentials (lower case, as Node parses them). */
export const CREDENTIAL_HEADERS = ['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key', 'x-auth-token', 'x-access-token'];

export const REDACTED = '[redacted]';

/**
 * Paths pino censors in anything logged. Nothing logs headers, cookies or bodies today: this is the
 * net under a future `log.info({ headers })`, at the top level and one or two objects down.
 */
export function redactedPaths(sessionCookieName: string): string[] {
  const keys = [...CREDENTIAL_HEADERS, sessionCookieName, 'password', 'token', 'apiToken', 'body', 'cookies'];
  return keys.map((key) => `["${key}"]`).flatMap((path) => [path, `*${path}`, `*.*${path}`]);
}
