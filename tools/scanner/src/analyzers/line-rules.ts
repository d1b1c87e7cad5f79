import type { LanguageId } from '../model';
import { containsSessionCookie, containsSessionPath, COOKIE_AUTH_SWITCHED_ON, holdsSessionLogin, PASSWORD_IN_BODY, SESSION_JOIN_TEXT } from '../rules/patterns';
import type { FindingsCollector } from './findings-collector';
import { describeVerb, verbOfCall } from './http-verbs';

/**
 * Rules that need no grammar, for files without a tree (no grammar for the language, or it failed) and for the
 * error regions of a tree: a quoted string or URL holding the session path is a finding, a comment that names
 * it is `info`.
 */

/** Line-comment starts per language; the default covers `#`, `//`, `--`, `;` and block-comment continuations. */
const COMMENT_STARTS: Partial<Record<LanguageId, RegExp>> = {
  vb: /^(?:'|rem\b)/i,
  powershell: /^(?:#|<#)/,
  perl: /^(?:#|=\w)/,
  config: /^(?:#|;|!|<!--|\/\/)/,
  lua: /^--/,
  elisp: /^;/,
};
const DEFAULT_COMMENT_START = /^(?:#|\/\/|\/\*|\*|--|;|<!--|%)/;
/** A trailing comment: the marker after whitespace. */
const TRAILING_COMMENT: Partial<Record<LanguageId, RegExp>> = {
  vb: /\s'/,
  lua: /\s--/,
  elisp: /\s;/,
};
const DEFAULT_TRAILING_COMMENT = /\s(?:#|\/\/)\s/;

const QUOTED = /(["'`])((?:(?!\1)[^\\]|\\.)*)\1/g;
const URL = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'`<>)]+/gi;
/** Commands and functions that send a request with the URL on the same line (`http/post` is Clojure's). */
const REQUEST_COMMAND = /\b(?:curl|wget|Invoke-RestMethod|Invoke-WebRequest|irm|iwr|LWP::UserAgent|HTTP::Tiny|XMLHTTP|WinHttpRequest|HttpClient)\b|(?:\.|->|::)(?:post|get|delete|put|request|open|send)\w*\b|\w\/(?:post|get|delete|put|patch)(?=\s)/i;

/**
 * A sentence that mentions the path (a log message, a test name, a CLI description) documents it rather than
 * calling it: three or more words, not an HTTP request line or a curl/wget command.
 */
export function isProse(value: string): boolean {
  const text = value.trim();
  return /\S\s+\S+\s+\S/.test(text) && !/^(?:GET|POST|PUT|DELETE|PATCH|curl|wget)\b/.test(text);
}

function isComment(line: string, language: LanguageId, at: number): boolean {
  const trimmed = line.trimStart();
  if ((COMMENT_STARTS[language] ?? DEFAULT_COMMENT_START).test(trimmed)) return true;
  const trailing = (TRAILING_COMMENT[language] ?? DEFAULT_TRAILING_COMMENT).exec(line);
  return trailing !== null && trailing.index < at && !insideQuotes(line, trailing.index);
}

function insideQuotes(line: string, index: number): boolean {
  for (const match of line.matchAll(QUOTED)) if (match.index < index && index < match.index + match[0].length) return true;
  return false;
}

/** Where on the line the session path sits in a quoted string or URL, and that text. */
function sessionText(line: string): { at: number; text: string } | undefined {
  for (const pattern of [QUOTED, URL]) {
    for (const match of line.matchAll(pattern)) {
      const text = match[2] ?? match[0];
      if (containsSessionPath(text.startsWith('/') || /^\w+:/.test(text) ? text : `/${text}`)) return { at: match.index, text };
    }
  }
  return undefined;
}

/** Applies the line rules to the given 1-based line numbers (all lines by default). */
export function applyLineRules(lines: string[], language: LanguageId, collector: FindingsCollector, lineNumbers?: Iterable<number>): void {
  const sessionLogin = holdsSessionLogin(lines.join('\n'));
  for (const lineNumber of lineNumbers ?? lines.map((_, index) => index + 1)) {
    const line = lines[lineNumber - 1];
    if (line === undefined) continue;
    const hasPath = containsSessionPath(line);
    const hasCookie = containsSessionCookie(line);
    // The login answer's name and value joined into a cookie, in a file that logs in (`{{ r.session.name }}={{ … }}`).
    const join = sessionLogin ? SESSION_JOIN_TEXT.exec(line) : null;
    if (join && !isComment(line, language, join.index)) collector.add('session-cookie', lineNumber, join.index + 1);
    const cookieSwitch = COOKIE_AUTH_SWITCHED_ON.exec(line);
    if (cookieSwitch && !isComment(line, language, cookieSwitch.index)) collector.add('php-jira-cookie-auth', lineNumber, cookieSwitch.index + 1, { detail: 'COOKIE_AUTH_ENABLED' });
    if (!hasPath && !hasCookie) continue;
    const column = line.length - line.trimStart().length + 1;
    // A bare path is a finding on a request command's line (`curl -X POST ${JIRA}/rest/auth/1/session`).
    const found = hasPath ? (sessionText(line) ?? (REQUEST_COMMAND.test(line) ? { at: line.search(/\S/), text: line.trim() } : undefined)) : undefined;
    const cookieAt = line.search(/JSESSIONID|cloud\.session\.token|studio\.crowd\.tokenkey/);
    if (isComment(line, language, found?.at ?? cookieAt)) {
      collector.add('session-path-in-comment', lineNumber, column, { severity: 'info' });
      continue;
    }
    for (const match of line.matchAll(PASSWORD_IN_BODY)) collector.addPasswordCandidate(lineNumber, (match.index ?? 0) + 1, match[1] ?? '');
    if (found) {
      if (isProse(found.text)) collector.add('session-path-in-comment', lineNumber, found.at + 1, { severity: 'info' });
      else if (REQUEST_COMMAND.test(line)) collector.add('session-login-call', lineNumber, column, { detail: describeVerb(verbOfCall('', line.trim())) });
      else collector.add('session-resource-path', lineNumber, found.at + 1);
    }
    if (hasCookie && cookieAt >= 0 && insideQuotes(line, cookieAt)) collector.add('session-cookie', lineNumber, cookieAt + 1);
  }
}
