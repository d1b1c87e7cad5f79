import { API_TOKEN } from './rules/patterns';

const PASSWORD_VALUE = /((?:\\?["'])?(?:password|passwd|pwd)(?:\\?["'])?\s*(?:=>|:|=)\s*)(\\?["'])(.*?)\2/gi;
const PASSWORD_ASSIGNMENT = /\b((?:[A-Z_]*_)?(?:PASSWORD|PASSWD|PASS)\s*[=:](?!>)\s*)(?!['"])(\S+)/gi;
const BASIC_CREDENTIALS = /\b(Basic\s+)[A-Za-z0-9+/=]{8,}/g;
const CURL_USER = /((?:^|\s)(?:-u|--user)\s+['"]?[^:\s'"]+:)[^\s'"]+/g;
const COOKIE_VALUE = /\b((?:JSESSIONID|cloud\.session\.token|studio\.crowd\.tokenkey)=)(?![$"'{]|\s|;)[^;\s"']+/g;

/**
 * Removes secrets from a line of evidence: our API tokens, passwords in bodies and assignments, Basic
 * credentials, session cookie values, and every literal the analyzers flagged as a secret.
 */
export function redact(text: string, secrets: Iterable<string> = []): string {
  let result = text.replace(API_TOKEN, 'tsk_****');
  for (const secret of secrets) {
    if (secret.length >= 3) result = result.split(secret).join('****');
  }
  return result
    .replace(PASSWORD_VALUE, (_, key: string, quote: string) => `${key}${quote}****${quote}`)
    .replace(PASSWORD_ASSIGNMENT, (_, key: string) => `${key}****`)
    .replace(BASIC_CREDENTIALS, '$1****')
    .replace(CURL_USER, '$1****')
    .replace(COOKIE_VALUE, '$1****');
}
