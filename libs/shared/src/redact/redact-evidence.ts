import { CREDENTIAL_ARGUMENTS_FROM, CREDENTIAL_CALLS, CREDENTIAL_HOLDER } from './credential-calls';

export const REDACTED = '****';

/** Our API token format (the contract with libs/auth/api-token): `tsk_` + 43 random + 6 checksum base64url characters. */
export const API_TOKEN_PATTERN = /\btsk_[A-Za-z0-9_-]{49}(?![A-Za-z0-9_-])/g;

/**
 * A quoted value under a secret's key: `"password": "…"`, `jiraPassword' => '…'`, `pass: '…'`, `token_auth="…"`,
 * Clojure's `:password "…"`, an Emacs Lisp pair `(password . "…")`, VB's doubled quotes `""password"":""…""`, with
 * a literal prefix (`r"…"`, `@"…"`, `$"…"`). The quote is `""` (VB), `\"` (JSON in a string) or a plain quote.
 */
const SECRET_VALUE = /((?:\\?["']){0,2}(?:password|passwd|pwd|pass|secret|token|token_auth)(?:\\?["']){0,2}(?:\s*(?:=>|:|=)\s*|\s+\.\s+|(?<=:(?:password|passwd|pwd|pass|secret|token))\s+)(?:[rRbBuUfF]{1,2}|@|\$)?)(""|\\?["'])(.*?)\2/gi;
/** An unquoted value: `PASSWORD=…` in env files, `--password=…`, YAML `password: …` (a literal, quoted or prefixed, is SECRET_VALUE's). */
const PASSWORD_ASSIGNMENT = /\b((?:[A-Z_]*_)?(?:PASSWORD|PASSWD|PASS)\s*[=:](?!>)\s*)(?!(?:[rRbBuUfF]{1,2}|@|\$)?['"])(\S+)/gi;
const BASIC_CREDENTIALS = /\b(Basic\s+)[A-Za-z0-9+/=]{8,}/g;
const CURL_USER = /((?:^|\s)(?:-u|--user)(?:\s+|=)['"]?[^:\s'"]+:)[^\s'"]+/g;
const USERPWD = /(CURLOPT_USERPWD\s*(?:,|=>)\s*)(["'])(.*?)\2/g;
/** `https://user:password@host/…`: the password of a URL's user info. */
const URL_USER_INFO = /(\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@'"]*:)[^\s/@'"]+@/gi;
/** Postman's `{"key": "password", "value": "…"}` (auth and form fields), either order. */
const KEY_THEN_VALUE = /("key"\s*:\s*"(?:password|passwd|pwd|pass|secret|token)"\s*,\s*"value"\s*:\s*")(?:[^"\\]|\\.)*"/gi;
const VALUE_THEN_KEY = /("value"\s*:\s*")(?:[^"\\]|\\.)*("\s*,\s*"key"\s*:\s*"(?:password|passwd|pwd|pass|secret|token)")/gi;
/** A secret's key and its literal as two arguments or elements: `json.put("password", "…")`, `Map.of("password", "…")`, `("password", "…")`. */
const KEY_COMMA_VALUE = /((?<![\w$])(\\?["'])(?:password|passwd|pwd|pass|secret|token)\2\s*,\s*)(\\?["'])(?:(?!\3).)+\3(?!\s*:)/gi;
const COOKIE_VALUE = /\b((?:JSESSIONID|cloud\.session\.token|studio\.crowd\.tokenkey)=)(?![$"'{]|\s|;)[^;\s"']+/g;

/** A call's name and what opens its arguments: `(`, or a space before a literal (`basic_auth 'u', 'pw'`, PowerShell). */
const CALL_START = /(?<![\w$-])([A-Za-z_][\w-]*)(?:(\s*\()|\s+(?=["'`]))/g;
/** A holder of a credential pair and the bracket that opens it. */
const HOLDER_START = /(?<![\w$])([A-Za-z_]\w*)\s*(?:=>|=|:)\s*(?=[([])/g;

/**
 * Removes secrets from a line of evidence (or a message): our API tokens, every string literal in the arguments
 * of a login or auth call (from the user argument on for `open(method, url, async, user, password)`) and in an
 * auth tuple, quoted values under password/secret/token keys (also Postman's `"key": "password", "value": …`),
 * unquoted password assignments, Basic credentials, `curl -u user:…`, a URL's `user:password@`, and session
 * cookie values. `secrets`: literals a
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
    .replace(URL_USER_INFO, `$1${REDACTED}@`)
    .replace(KEY_THEN_VALUE, `$1${REDACTED}"`)
    .replace(VALUE_THEN_KEY, `$1${REDACTED}$2`)
    .replace(KEY_COMMA_VALUE, (_, head: string, _key: string, quote: string) => `${head}${quote}${REDACTED}${quote}`)
    .replace(COOKIE_VALUE, `$1${REDACTED}`);
}

/**
 * Only the quoted literals under a secret's key (`"password": "…"`, `put("password", "…")`, Postman's pairs), in
 * a URL's user info, in `CURLOPT_USERPWD`, and our API tokens: for code shown whole (a diff), where a credential
 * call's arguments (`basic(System.getenv("JIRA_EMAIL"), …)`) must stay readable.
 */
export function redactSecretLiterals(text: string): string {
  return text
    .replace(API_TOKEN_PATTERN, 'tsk_****')
    .replace(SECRET_VALUE, (_, key: string, quote: string) => `${key}${quote}${REDACTED}${quote}`)
    .replace(KEY_COMMA_VALUE, (_, head: string, _key: string, quote: string) => `${head}${quote}${REDACTED}${quote}`)
    .replace(USERPWD, (_, key: string, quote: string) => `${key}${quote}${REDACTED}${quote}`)
    .replace(URL_USER_INFO, `$1${REDACTED}@`)
    .replace(KEY_THEN_VALUE, `$1${REDACTED}"`)
    .replace(VALUE_THEN_KEY, `$1${REDACTED}$2`);
}

/** Literals in the arguments of credential calls and in credential tuples. */
function redactCredentialArguments(text: string): string {
  const spans: Array<[number, number]> = [];
  for (const match of text.matchAll(CALL_START)) {
    const [, name = ''] = match;
    const from = CREDENTIAL_ARGUMENTS_FROM.get(name);
    if (!CREDENTIAL_CALLS.has(name) && from === undefined) continue;
    const start = match.index + match[0].length;
    const end = match[2] ? closingBracket(text, start) : statementEnd(text, start);
    spans.push([from === undefined ? start : argumentStart(text, start, end, from), end]);
  }
  for (const match of text.matchAll(HOLDER_START)) {
    if (!CREDENTIAL_HOLDER.test(match[1] ?? '')) continue;
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
    const char = text.charAt(index);
    if (QUOTES.has(char)) index = literalEnd(text, index);
    else if (char === '(' || char === '[' || char === '{') depth++;
    else if (char === ')' || char === ']' || char === '}') {
      if (depth === 0) return index;
      depth--;
    }
  }
  return text.length;
}

/** Where the argument at `index` (0-based) starts between `from` and `end`: after that many top-level commas, or `end`. */
function argumentStart(text: string, from: number, end: number, index: number): number {
  let depth = 0;
  let commas = 0;
  for (let at = from; at < end; at++) {
    const char = text.charAt(at);
    if (QUOTES.has(char)) at = literalEnd(text, at);
    else if (char === '(' || char === '[' || char === '{') depth++;
    else if (char === ')' || char === ']' || char === '}') depth--;
    else if (char === ',' && depth === 0 && ++commas === index) return at + 1;
  }
  return end;
}

/** A call without parentheses ends at `;`, a closing bracket, a block opener (` do`, `{`) or the end of the line. */
function statementEnd(text: string, from: number): number {
  for (let index = from; index < text.length; index++) {
    const char = text.charAt(index);
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
    if (!QUOTES.has(text.charAt(index)) || !inSpan(index)) continue;
    const end = literalEnd(text, index);
    out += `${text.slice(cursor, index + 1)}${REDACTED}`;
    cursor = end;
    index = end;
  }
  return out + text.slice(cursor);
}
