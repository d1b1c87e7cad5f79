import { TOKENSHIFT_API_PATH } from '../routes';

/** Quotes a word for a POSIX shell. */
function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * The curl line that does through the running server what a CLI command does on the database, for
 * when the server holds the embedded database. `$ADMIN_TOKEN` is an API token with the admin scope;
 * `$USER_TOKEN` one of the user's own (token endpoints act on the caller's tokens).
 */
export function curlLine(baseUrl: string, method: 'GET' | 'POST' | 'DELETE', path: string, options: { token: 'ADMIN_TOKEN' | 'USER_TOKEN'; body?: object }): string {
  const words = ['curl', '-X', method, '-H', `"Authorization: Bearer $${options.token}"`];
  if (options.body) words.push('-H', shellWord('Content-Type: application/json'), '-d', shellWord(JSON.stringify(options.body)));
  words.push(shellWord(`${baseUrl}/${TOKENSHIFT_API_PATH}/${path}`));
  return words.join(' ');
}

export function userPath(username: string, action?: string): string {
  return `users/${encodeURIComponent(username)}${action ? `/${action}` : ''}`;
}
