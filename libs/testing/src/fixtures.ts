/** Fixtures the e2e specs and benchmarks share: credentials, tokens and the answers they expect. */
import { cookieFrom, DEMO_PASSWORD, json, login } from './jira-http';
import type { TokenSummary } from '@tokenshift/shared';

/** Jira's answer to a request without valid credentials. */
export const NOT_AUTHENTICATED = { errorMessages: ['You are not authenticated. Authentication required to perform this operation.'], errors: {} };

/** Jira's error envelope, as the tests read it. */
export interface ErrorBody {
  errorMessages: string[];
  errors: Record<string, string>;
  errorId?: string;
}

export function bearer(token: string): { authorization: string } {
  return { authorization: `Bearer ${token}` };
}

/** Logs in (a demo user's password by default) and returns the cookie header a script builds from the answer. */
export async function sessionCookie(baseUrl: string, username: string, password = DEMO_PASSWORD): Promise<string> {
  return cookieFrom((await login(baseUrl, username, password)).body);
}

/** The answer to `POST /rest/tokenshift/1/tokens`: the summary and, this once, the secret. */
export interface CreatedToken extends TokenSummary {
  token: string;
}

export interface NewToken {
  name: string;
  scopes?: string[];
  expiresAt?: string;
  expiresInDays?: number;
}

/**
 * Posts a token body (valid or not) as the caller the headers name; the answer is read as `T`: the
 * created token by default, `ErrorBody` where the test expects a refusal.
 */
export async function createToken<T = CreatedToken>(baseUrl: string, headers: Record<string, string>, body: NewToken | Record<string, unknown>): Promise<{ status: number; body: T }> {
  const response = await fetch(`${baseUrl}/rest/tokenshift/1/tokens`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await json<T>(response) };
}
