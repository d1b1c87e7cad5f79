import { CREDENTIAL_CALLS, CREDENTIAL_HOLDER } from './credential-calls';

export const REDACTED = '****';

/** Our API token format (the contract with libs/auth/api-token): `tsk_` + 43 random + 6 checksum base64url characters. */
export const API_TOKEN_PATTERN = /\btsk_[A-Za-z0-9_-]{49}(?![A-Za-z0-9_-])/g;

/** `"password": "…"`, `jiraPassword' => '…'`, `pass: '…'`, `token_auth="…"`: a quoted value under a secret's key. */
const SECRET_VALUE = /((?:\\?["'])?(?:password|passwd|pwd|pass|secret|token|token_auth)(?:\\?["'])?\s*(?:=>|:|=)\s*)(\\?["'])(.*?)\2/gi;
const PASSWORD_ASSIGNMENT = /\b((?:[A-Z_]*_)?(?:PASSWORD|PASSWD|PASS)\s*[=:](?!>)\s*)(?!['"])(\S+)/gi;
const BASIC_CREDENTIALS = /\b(Basic\s+)[A-Za-z0-9+/=]{8,}/g;
const CURL_USER = /((?:^|\s)(?:-u|--user)(?:\s+|=)['"]?[^:\s'"]+:)[^\s'"]+/g;
const USERPWD = /(CURLOPT_USERPWD\s*(?:,|=>)\s*)(["'])(.*?)\2/g;
const COOKIE_VALUE = /\b((?:JSESSIONID|cloud\.session\.token|studio\.crowd\.tokenkey)=)(?![$"'{]|\s|;)[^;\s"']+/g;

/** A call's name and what opens its arguments: `(`, or a space before a literal (`basic_auth 'u', 'pw'`, PowerShell). */
const CALL_START = /(?<![\w$-])([A-Za-z_][\w-]*)(?:(\s*\()|\s+(?=["'`]))/g;
/** A holder of a credential pair and the bracket that opens it. */
const HOLDER_START = /(?<![\w$])([A-Za-z_]\w*)\s*(?:=>|=|:)\s*(?=[([])/g;

/**
 * Removes secrets from a line of evidence (or a message): our API tokens, every string literal in the arguments
 * of a login or auth call and in an auth tuple, quoted values under password/secret/token keys, unquoted
 * password assignments, Basic credentials, `curl -u user:…`, and session cookie values. `secrets`: literals a
 * caller found elsewhere (the scanner's constants), replaced wherever they occur. Idempotent, so the server can
 * run it again on evidence the scanner already redacted.
 */
export function redactEvidence(text: string, secrets: Iterable<string> = []): string {
  let result = text.replace(API_TOKEN_PATTERN, 'tsk_****');
  for (const secret of secrets) {
    if (secret.length >= 3 && secret !== REDACTED) result = result.split(secret).join(REDACTED);
  }
  result = redactCredentialArguments(result);
  return result
    .replace(SECRET_VALUE, (_, key: string, quote: string) => `${key}${quote}${REDACTED}${quote}`)
    .replace(PASSWORD_ASSIGNMENT, (_, key: string) => `${key}${REDACTED}`)
    .replace(BASIC_CREDENTIALS, `$1${REDACTED}`)
    .replace(CURL_USER, `$1${REDACTED}`)
    .replace(USERPWD, (_, key: string, quote: string) => `${key}${quote}${REDACTED}${quote}`)
    .replace(COOKIE_VALUE, `$1${REDACTED}`);
}

/** Literals in the arguments of credential calls and in credential tuples. */
function redactCredentialArguments(text: string): string {
  const spans: Array<[number, number]> = [];
  for (const match of text.matchAll(CALL_START)) {
    if (!CREDENTIAL_CALLS.has(match[1]!)) continue;
    const start = match.index + match[0].length;
    spans.push([start, match[2] ? closingBracket(text, start) : statementEnd(text, start)]);
  }
  for (const match of text.matchAll(HOLDER_START)) {
    if (!CREDENTIAL_HOLDER.test(match[1]!)) continue;
    const open = match.index + match[0].length;
    spans.push([open + 1, closingBracket(text, open + 1)]);
  }
  return spans.length ? redactLiteralsIn(text, spans) : text;
}

const QUOTES = new Set(['"', "'", '`']);

/** Index of the bracket closing the group that starts at `from` (or the end of the text: evidence is one line). */
function closingBracket(text: string, from: number): number {
  let depth = 0;
  for (let index = from; index < text.length; index++) {
    const char = text[index]!;
    if (QUOTES.has(char)) index = literalEnd(text, index);
    else if (char === '(' || char === '[' || char === '{') depth++;
    else if (char === ')' || char === ']' || char === '}') {
      if (depth === 0) return index;
      depth--;
    }
  }
  return text.length;
}

/** A call without parentheses ends at `;`, a closing bracket, a block opener (` do`, `{`) or the end of the line. */
function statementEnd(text: string, from: number): number {
  for (let index = from; index < text.length; index++) {
    const char = text[index]!;
    if (QUOTES.has(char)) index = literalEnd(text, index);
    else if (char === ';' || char === ')' || char === '{' || char === '|' || text.startsWith(' do', index)) return index;
  }
  return text.length;
}

/** Index of the quote closing the literal opened at `open` (backslash escapes honoured), or the end of the text. */
function literalEnd(text: string, open: number): number {
  const quote = text[open];
  for (let index = open + 1; index < text.length; index++) {
    if (text[index] === '\\') index++;
    else if (text[index] === quote) return index;
  }
  return text.length;
}

/** Replaces the content of every quoted literal that starts inside one of the spans. */
function redactLiteralsIn(text: string, spans: Array<[number, number]>): string {
  const inSpan = (index: number) => spans.some(([start, end]) => index >= start && index < end);
  let out = '';
  let cursor = 0;
  for (let index = 0; index < text.length; index++) {
    if (!QUOTES.has(text[index]!) || !inSpan(index)) continue;
    const end = literalEnd(text, index);
    out += `${text.slice(cursor, index + 1)}${REDACTED}`;
    cursor = end;
    index = end;
  }
  return out + text.slice(cursor);
}
