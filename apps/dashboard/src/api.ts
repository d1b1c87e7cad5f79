/**
 * Talks to tokenshift's API over HTTP: signed in with the dashboard's own session (its HttpOnly cookie,
 * and its CSRF token on every change) or with a Bearer API token. Never the deprecated Jira session.
 */
import { apiBaseFor } from './api-base';

const TOKEN_KEY = 'tokenshift.dashboard.token';
export const API = apiBaseFor(location.pathname);
const DASHBOARD_SESSION = `${API}/dashboard/session`;

/** Who is signed in, as `GET /dashboard/session` answers. */
export interface SignedInUser {
  name: string;
  displayName: string;
  email: string;
  isAdmin: boolean;
  authMode: string;
  scopes: string[];
  csrfToken?: string;
}

/** The dashboard session's CSRF token, in this page's memory only (read again from the server at each load). */
let csrfToken: string | null = null;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function storedToken(): string | null {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function storeToken(token: string | null): void {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

function headers(method: string, extra: Record<string, string> = {}): Record<string, string> {
  const token = storedToken();
  const csrf: Record<string, string> = !token && csrfToken && method !== 'GET' ? { 'x-tokenshift-csrf': csrfToken } : {};
  // X-Requested-With: the server then leaves out its Basic challenge, so the browser shows no password popup.
  return { accept: 'application/json', 'x-requested-with': 'XMLHttpRequest', ...(token ? { authorization: `Bearer ${token}` } : {}), ...csrf, ...extra };
}

/** The words of a Jira error envelope `{"errorMessages":[…],"errors":{…}}`, or the status line. */
async function errorText(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { errorMessages?: string[]; errors?: Record<string, string>; message?: string };
    const parts = [...(body.errorMessages ?? []), ...Object.entries(body.errors ?? {}).map(([field, text]) => `${field}: ${text}`)];
    if (parts.length > 0) return parts.join(' ');
    if (body.message) return body.message;
  } catch {
    /* not JSON */
  }
  return response.statusText || `HTTP ${response.status}`;
}

async function request(path: string, init: RequestInit = {}): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(path, { credentials: 'same-origin', ...init, headers: headers(init.method ?? 'GET', init.headers as Record<string, string>) });
  } catch (error) {
    throw new ApiError(0, `The server could not be reached (${(error as Error).message}).`);
  }
  if (!response.ok) throw new ApiError(response.status, await errorText(response));
  return response;
}

export async function getJson<T>(path: string): Promise<T> {
  const response = await request(path);
  try {
    return (await response.json()) as T;
  } catch {
    throw new ApiError(response.status, `The server answered ${path} with something that is not JSON.`);
  }
}

export async function getText(path: string): Promise<string> {
  return (await request(path, { headers: { accept: 'text/csv' } })).text();
}

/** Sends JSON and reads the JSON answer (null for 204). */
export async function sendJson<T>(method: 'POST' | 'DELETE', path: string, body?: unknown): Promise<T | null> {
  const response = await request(path, { method, ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }) });
  return response.status === 204 ? null : ((await response.json()) as T);
}

/**
 * Signs in with a password to the dashboard's own session (not the deprecated `/rest/auth/1/session`):
 * the server sets its HttpOnly cookie, and the page keeps the CSRF token it answers with.
 */
export async function loginWithPassword(username: string, password: string): Promise<SignedInUser> {
  storeToken(null);
  const response = await fetch(DASHBOARD_SESSION, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', accept: 'application/json', 'x-requested-with': 'XMLHttpRequest' },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) throw new ApiError(response.status, await errorText(response));
  const user = (await response.json()) as SignedInUser;
  csrfToken = user.csrfToken ?? null;
  return user;
}

/** Who is signed in (dashboard session or token), or null; keeps the session's CSRF token. */
export async function currentUser(): Promise<SignedInUser | null> {
  try {
    const user = await getJson<SignedInUser>(DASHBOARD_SESSION);
    if (!storedToken()) csrfToken = user.csrfToken ?? null;
    return user;
  } catch {
    return null;
  }
}

/** Who is signed in: the name only. */
export async function whoAmI(): Promise<string | null> {
  return (await currentUser())?.name ?? null;
}

/** Signs out: a token is forgotten (nothing to tell the server); a dashboard session is ended on the server. */
export async function logout(): Promise<void> {
  const hadToken = storedToken() !== null;
  storeToken(null);
  if (!hadToken && csrfToken) await sendJson('DELETE', DASHBOARD_SESSION).catch(() => undefined);
  csrfToken = null;
}
