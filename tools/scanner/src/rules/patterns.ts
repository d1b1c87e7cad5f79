import { API_TOKEN_PATTERN } from '@tokenshift/shared';
import { LiteralSearch } from '../literal-search';

/**
 * Text patterns shared by every analyzer. Values built by the evaluator use UNKNOWN for parts it could not
 * resolve (a parameter, an env var), so `'/rest/auth/' + version + '/session'` still matches.
 */
export const UNKNOWN = '\u0000';

/** Sentinels the evaluator returns for reads of a login response's `session.name` / `session.value`. */
export const SESSION_NAME = '\u0001session.name\u0001';
export const SESSION_VALUE = '\u0001session.value\u0001';
/** Sentinel for a read of a response's `Set-Cookie` header (`resp.Header.Get("Set-Cookie")`, `res.headers['set-cookie']`). */
export const SET_COOKIE_READ = '\u0001set-cookie\u0001';

const VERSION = String.raw`(?:1|latest|\u0000|%[sdv]|\{[^}/]*\}|\$\{?\w*\}?|#\{[^}/]*\})`;
/** The session resource, with or without `rest/` and the leading slash; any version when `rest/auth/` is explicit. */
export const SESSION_PATH = new RegExp(
  String.raw`(?:^|[/\u0000}"'\s=(\`])(?:rest/auth/${VERSION}|auth/(?:1|latest))/session(?![A-Za-z0-9_-])`,
);

export function containsSessionPath(value: string): boolean {
  return SESSION_PATH.test(value);
}

/** Cookie names issued by the session login (Server/DC and Cloud). */
export const SESSION_COOKIE = /\b(?:JSESSIONID|cloud\.session\.token|studio\.crowd\.tokenkey)\b/;

/**
 * A file that logs in to the session resource, or reads the `session` object of a login answer: only there are
 * reads of a `name` and a `value` (under any variable name) taken as the session cookie's parts.
 *
 * A read of the answer's `session`: `body.session`, `r.Session.Name`, `data["session"]`, `get("session")`, a JSON
 * key or tag (`"session":`, `json:"session"`). Not a request's parameter (`req.getParameter("session")`), an object's own session (`self.session.get(url)`, a requests
 * or servlet session, unless its `name`/`value` is read), nor a package path (`org.springframework.session.Session`,
 * `import org.apache.catalina.Session;`), nor "session" passed among other arguments (`addServlet(ctx, "session",
 * …)`): a servlet container's or web framework's own sessions say nothing of a Jira login.
 */
const SESSION_LOGIN_HINT = /(?<!\b(?:this|self))\.[Ss]ession\b(?!\s*\()(?!\.(?!(?:name|value|Name|Value)\b)[A-Za-z_])|\b(?:this|self)\.session(?:\.(?:name|value)\b|\[)|(?:(?:\[|:|\b(?:get|Get|fetch|dig|json|path|at|opt|getJSONObject|getAsJsonObject|optJSONObject|getJsonObject|jsonPath|findValue|getString)\()\s*['"]session['"]|['"]session['"]\s*(?::|=>|\]))/;

/** Import, package and using lines: they name modules, not values (`import org.apache.catalina.Session;`). */
const MODULE_LINE = /^[ \t]*(?:import|package|using|from[ \t]+\S+[ \t]+import|#include)\b.*$/gm;

export function holdsSessionLogin(source: string): boolean {
  return SESSION_PATH.test(source) || readsLoginSession(source);
}

/** The file reads a login answer's `session` (see SESSION_LOGIN_HINT), outside its import lines. */
export function readsLoginSession(source: string): boolean {
  return SESSION_LOGIN_HINT.test(source) && SESSION_LOGIN_HINT.test(source.replace(MODULE_LINE, ''));
}

/** The last name of a read of the cookie's name or value: `sess["name"]`, `s.Name`, `sessionName`, `cookie_value`. */
export const COOKIE_NAME_READ = /^(?:session|sess|cookie)?_?name$/i;
export const COOKIE_VALUE_READ = /^(?:session|sess|cookie)?_?value$/i;

/** The evaluator's name and value joined by `=`, interpolation delimiters left between them (Swift's `\\(…)=\\(…)`). */
const SESSION_JOIN = new RegExp(`${SESSION_NAME}[)}\\]\\s]{0,3}=[\\\\($#{\\s]{0,3}${SESSION_VALUE}`.replaceAll('.', '\\.'));

/**
 * The same join in text no grammar parsed into parts: YAML/Jinja `{{ r.session.name }}={{ r.session.value }}`,
 * Groovy `"${s.name}=${s.value}"`, Clojure `(str name "=" value)`, a `Cookie(s.name, s.value)` object.
 */
const PART = String.raw`[$@]?(?:[\w$@]+(?:\.|->|\[['"]?|['"]?\]|\{)+)*(?<!\w)`;
const NAME_PART = String.raw`${PART}(?:session|sess|cookie)?_?name\b['"\]}]*`;
const VALUE_PART = String.raw`${PART}(?:session|sess|cookie)?_?value\b`;
/** An interpolation's start: `${`, `#{`, `{{`, `$(`, `\(`, `$`. */
const OPEN = String.raw`(?:\$\{|#\{|\{\{|\$\(|\\\(|\$)\s*`;
const CLOSE = String.raw`\s*(?:\}\}|\}|\))?`;
const CONCAT = String.raw`\s*(?:\+|\.\.?|<>)?\s*`;
export const SESSION_JOIN_TEXT = new RegExp(
  [
    String.raw`(?:${OPEN})?${NAME_PART}${CLOSE}=${OPEN}${VALUE_PART}`,
    String.raw`${NAME_PART}${CONCAT}["']=["']${CONCAT}${VALUE_PART}`,
    String.raw`\bCookie\s*\(\s*${NAME_PART}\s*,\s*${VALUE_PART}`,
  ].join('|'),
  'i',
);

export function containsSessionCookie(value: string): boolean {
  return SESSION_COOKIE.test(value) || SESSION_JOIN.test(value);
}

/** Our API token format (contract): `tsk_` + 43 random + 6 checksum base64url characters. */
export const API_TOKEN = API_TOKEN_PATTERN;

/** `"password": "…"` inside a JSON or form body, quotes possibly escaped. */
export const PASSWORD_IN_BODY = /\\?["']?(?:password|passwd)\\?["']?\s*[:=]\s*\\?["']([^"'\\\s]+)\\?["']/gi;

export const PASSWORD_KEY = /^(?:password|passwd|pwd|pass)$/i;

/**
 * php-jira-rest-client's cookie switch set in a config or environment line (YAML `COOKIE_AUTH_ENABLED: "true"`,
 * compose `- COOKIE_AUTH_ENABLED=1`, Dockerfile `ENV COOKIE_AUTH_ENABLED=true`, PowerShell `$env:COOKIE_AUTH_ENABLED = 'yes'`).
 */
export const COOKIE_AUTH_SWITCHED_ON = /\bCOOKIE_AUTH_ENABLED['"]?\s*[:=]\s*['"]?(?:true|1|yes|on)\b/i;

/**
 * Cheap pre-filter: a file without any of these cannot produce a finding, so it is never parsed. Every rule
 * needs one of them literally (a path split into parts still has `rest/auth` or `'auth', '1'` somewhere).
 * Case-sensitive literals keep V8's regex engine at hundreds of MB/s.
 */
export const PREFILTER = new RegExp(
  [
    String.raw`rest/auth`, String.raw`auth/(?:1|latest)[/'"\`]`, String.raw`['"]auth['"]\s*,\s*['"](?:1|latest)['"]`,
    'JSESSIONID', String.raw`cloud\.session\.token`, String.raw`studio\.crowd`, 'CookieAuthTransport', 'AcquireSessionCookie',
    'auth_type', 'use_cookies', 'cookie_jar', 'cookieAuthEnabled', 'COOKIE_AUTH_ENABLED', 'authentication-method', 'kill_session',
    String.raw`\bJIRA\s*\(`, String.raw`\bJira\s*\(`, 'tsk_', String.raw`\.(?:session|auth)\.(?:login|logout|currentUser)`,
    String.raw`Session\.(?:StartAsync|EndAsync)`, 'getSessionClient', 'getCurrentSession', String.raw`(?:session|Session)(?:\.|->|\?\.)(?:name|value|Name|Value)\b`,
    String.raw`\[['"]session['"]\]`, String.raw`(?:get|Object|path)\(['"]session`,
    'CookieAuthorizationEnabled', 'JiraCookieAuth', '_create_cookie_auth', String.raw`Authentication\.(?:Logout|GetCurrentUser)`, 'ISessionDomain',
    String.raw`jira\.js/server`, 'authorizeWithCookie', 'make_cookie_auth_request', 'jiralib2-auth',
  ].join('|'),
);

/**
 * Literals of which every PREFILTER match contains at least one (keep in step with PREFILTER; a test checks an
 * example of each alternative). Searched in the raw bytes, so only the few files holding one are decoded and
 * checked against PREFILTER itself.
 */
export const PREFILTER_LITERALS = [
  'rest/auth', 'auth/1/', 'auth/latest/', "auth/1'", 'auth/1"', 'auth/1`', "auth/latest'", 'auth/latest"', 'auth/latest`', "auth'", 'auth"',
  'JSESSIONID', 'cloud.session.token', 'studio.crowd', 'CookieAuthTransport', 'AcquireSessionCookie',
  'auth_type', 'use_cookies', 'cookie_jar', 'cookieAuthEnabled', 'COOKIE_AUTH_ENABLED', 'authentication-method', 'kill_session',
  'JIRA', 'Jira', 'tsk_',
  'session.login', 'session.logout', 'session.currentUser', 'auth.login', 'auth.logout', 'auth.currentUser',
  'Session.StartAsync', 'Session.EndAsync', 'getSessionClient', 'getCurrentSession',
  // `body.session.name`, Go's and C#'s `r.Session.Value`, PHP's `$session->value`.
  ...['session', 'Session'].flatMap((object) => ['.', '->', '?.'].flatMap((access) => ['name', 'value', 'Name', 'Value'].map((field) => object + access + field))),
  "session']", 'session"]',
  // `login.get("session")`, `getJSONObject("session")`, RestAssured's `.path("session.value")`.
  'get("session', "get('session", 'Object("session', "Object('session", 'path("session', "path('session",
  'CookieAuthorizationEnabled', 'JiraCookieAuth', '_create_cookie_auth', 'Authentication.Logout', 'Authentication.GetCurrentUser', 'ISessionDomain',
  'jira.js/server', 'authorizeWithCookie', 'make_cookie_auth_request', 'jiralib2-auth',
];

/**
 * A file the pre-filter rules out may still reach the session resource through a value another file defines
 * (`AUTH_BASE + '/session'`, `authUrl("session")`, `pkg.jira.authUrl`): the second pass reads those of them that
 * name a session, an auth or a login (the resource's own word, or the words its constants are named with).
 */
const SESSION_MENTIONS = ['session', 'Session', 'SESSION', 'auth', 'Auth', 'AUTH', 'login', 'Login', 'LOGIN'];
export const SESSION_MENTION = /session|Session|SESSION|auth|Auth|AUTH|login|Login|LOGIN/;

let prefilterSearch: LiteralSearch | undefined;
let mentionSearch: LiteralSearch | undefined;

/** The bytes name a session (see SESSION_MENTIONS). */
export function mentionsSession(bytes: Uint8Array): boolean {
  return (mentionSearch ??= new LiteralSearch(SESSION_MENTIONS)).foundIn(bytes);
}

/** The pre-filter's search (one per thread); also the buffer to read files into, so they are searched in place. */
export function prefilter(): LiteralSearch {
  return (prefilterSearch ??= new LiteralSearch(PREFILTER_LITERALS));
}

/** The pre-filter on a file's raw bytes, before it is decoded: false means it cannot produce a finding. */
export function bytesMayMatch(bytes: Uint8Array): boolean {
  return prefilter().foundIn(bytes);
}
