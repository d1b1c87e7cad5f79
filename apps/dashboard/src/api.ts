/** Talks to the server's admin read API over HTTP: a same-origin session cookie or a Bearer API token. */

const TOKEN_KEY = 'tokenshift.dashboard.token';
export const API = '/rest/tokenshift/1';

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

function headers(extra: Record<string, string> = {}): Record<string, string> {
  const token = storedToken();
  // X-Requested-With: the server then leaves out its Basic challenge, so the browser shows no password popup.
  return { accept: 'application/json', 'x-requested-with': 'XMLHttpRequest', ...(token ? { authorization: `Bearer ${token}` } : {}), ...extra };
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
    response = await fetch(path, { credentials: 'same-origin', ...init, headers: headers(init.headers as Record<string, string>) });
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

/** Logs in with the deprecated session resource; the server sets the HttpOnly cookie. */
export async function loginWithPassword(username: string, password: string): Promise<void> {
  storeToken(null);
  const response = await fetch('/rest/auth/1/session', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', accept: 'application/json', 'x-requested-with': 'XMLHttpRequest' },
    body: JSON.stringify({ username, password }),
  });
  if (response.ok) return;
  const reason = response.status === 401 ? 'Wrong username or password.' : await errorText(response);
  throw new ApiError(response.status, reason);
}

/** Who is signed in: the session resource answers for any credential. */
export async function whoAmI(): Promise<string | null> {
  try {
    const body = await getJson<{ name?: string }>('/rest/auth/1/session');
    return body.name ?? null;
  } catch {
    return null;
  }
}

export async function logout(): Promise<void> {
  const hadToken = storedToken() !== null;
  storeToken(null);
  if (!hadToken) await fetch('/rest/auth/1/session', { method: 'DELETE', credentials: 'same-origin', headers: { 'x-requested-with': 'XMLHttpRequest' } }).catch(() => undefined);
}
