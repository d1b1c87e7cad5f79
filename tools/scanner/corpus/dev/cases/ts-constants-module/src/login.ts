import { JIRA_ENDPOINTS } from './constants';

export async function login(base: string, username: string, password: string): Promise<Response> {
  return fetch(new URL(JIRA_ENDPOINTS.session, base), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
}
