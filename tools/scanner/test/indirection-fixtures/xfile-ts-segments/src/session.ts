import { AUTH, segments } from './routes';

export function logout(site: string): Promise<Response> {
  return fetch(site + AUTH + segments('session'), { method: 'DELETE' });
}
