/** Small helpers for talking to a running server like a Jira client does (e2e tests, benchmarks). */
/** The demo users' password (apps/server/src/demo/demo-data.ts). */
export const DEMO_PASSWORD = 'demo-password';

export interface LoginResponse {
  status: number;
  headers: Headers;
  body: { session: { name: string; value: string }; loginInfo: Record<string, unknown> } & { errorMessages?: string[] };
}

export async function login(baseUrl: string, username: string, password: string, path = '/rest/auth/1/session'): Promise<LoginResponse> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as LoginResponse['body'] };
}

/** The cookie header scripts build from the login body: `session.name + '=' + session.value`. */
export function cookieFrom(body: LoginResponse['body']): string {
  return `${body.session.name}=${body.session.value}`;
}

export function basic(login: string, secret: string): string {
  return `Basic ${Buffer.from(`${login}:${secret}`).toString('base64')}`;
}

/** The parsed JSON body, as the shape `T` the test expects the server to answer (its assertions check it). */
export async function json<T>(response: Response): Promise<T> {
  return (await response.json()) as T;
}
