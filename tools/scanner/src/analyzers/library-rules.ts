import type { Node } from 'web-tree-sitter';
import type { LanguageId, Severity } from '../model';
import { UNKNOWN } from '../rules/patterns';
import type { CompiledProfile } from '../syntax/compiled-profile';
import type { StringEvaluator } from '../syntax/evaluate';
import { callParts, lastName, namedChildren, stripQuotes } from '../syntax/nodes';
import { elispSettings, quotedSymbol } from '../syntax/elisp-settings';
import { descendantsOf } from '../syntax/tree-nodes';
import type { FindingsCollector } from './findings-collector';
import { jarRequests, sessionJarUses } from './shell-cookie-jars';

export interface RuleContext {
  language: LanguageId;
  source: string;
  root: Node;
  profile: CompiledProfile;
  evaluator: StringEvaluator;
  collector: FindingsCollector;
  report(ruleId: string, node: Node, extra?: { severity?: Severity; detail?: string; secret?: string }): void;
}

/** Client-library cookie modes, per language (see jira-auth-behavior.md §5 for the identifiers). */
export function runLibraryRules(context: RuleContext): void {
  if (context.source.includes('COOKIE_AUTH_ENABLED')) cookieAuthEnvironment(context);
  switch (context.language) {
    case 'python':
      return pythonJira(context);
    case 'go':
      return goJira(context);
    case 'ruby':
      return rubyJira(context);
    case 'php':
      return phpJira(context);
    case 'javascript':
    case 'typescript':
    case 'tsx':
      return javascriptJira(context);
    case 'java':
    case 'kotlin':
      return jvmSessionFilters(context);
    case 'groovy':
      javascriptJira(context);
      return jvmSessionFilters(context);
    case 'csharp':
      return csharpDapplo(context);
    case 'shell':
      return shellCookieJars(context);
    case 'elisp':
      return jiralib2(context);
    default:
      return undefined;
  }
}

function nodesOf(context: RuleContext, types: Iterable<string>): Node[] {
  return descendantsOf(context.root, types);
}

/** Key (unquoted, without Ruby's colons) and value of a pair node. */
function pairParts(pair: Node): { key: string; value: Node } | undefined {
  const children = namedChildren(pair);
  const key = pair.childForFieldName('key') ?? pair.childForFieldName('name') ?? pair.childForFieldName('left') ?? children[0];
  const value = pair.childForFieldName('value') ?? pair.childForFieldName('right') ?? children[children.length - 1];
  if (!key || !value || key.id === value.id) return undefined;
  return { key: stripQuotes(key.text).replace(/^:|:$/g, ''), value };
}

/** python `jira`'s own cookie-auth code: what `JIRA(auth=…)` switches on (jira/client.py). */
const PYTHON_JIRA_COOKIE_INTERNALS = new Set(['JiraCookieAuth', '_create_cookie_auth']);

function pythonJira(context: RuleContext): void {
  for (const call of nodesOf(context, context.profile.calls)) {
    const { callee, name, args, receiver } = callParts(call);
    if (name === 'kill_session') context.report('python-jira-kill-session', call);
    if (PYTHON_JIRA_COOKIE_INTERNALS.has(name)) context.report('python-jira-cookie-auth', call, { detail: name });
    // `jira.session()` on a JIRA client: GET of the session resource (`auth_url`).
    if (name === 'session' && args.length === 0 && receiver && isJiraClient(context, receiver)) context.report('session-login-call', call, { detail: 'GET (current session): JIRA.session()' });
    if (!callee || !/(?:^|\.)(?:JIRA|Jira)$/.test(callee.text)) continue;
    for (const arg of args) {
      const keyword = arg.type === 'keyword_argument' ? arg.childForFieldName('name')?.text : undefined;
      const value = arg.childForFieldName('value');
      // `auth=None` is the default, cookie auth off; `auth=creds` with the tuple in a variable is on.
      if (name === 'JIRA' && keyword === 'auth' && value && !isSwitchedOff(context, value)) {
        context.report('python-jira-cookie-auth', arg);
        reportTuplePassword(context, resolved(context, value));
      }
      if (name === 'Jira' && keyword === 'cookies') context.report('python-atlassian-session-cookies', arg);
      // JIRA(server, **kwargs) where kwargs holds an 'auth' key (the mode chosen by config/env).
      if (name === 'JIRA' && arg.type === 'dictionary_splat' && splatHoldsAuth(context, arg)) context.report('python-jira-cookie-auth', arg);
    }
  }
}

/** A name bound to `JIRA(…)` (python `jira`'s client), not to `requests` or another library's session. */
function isJiraClient(context: RuleContext, receiver: Node): boolean {
  const bound = context.profile.identifiers.has(receiver.type) ? context.evaluator.valueNodeOf(lastName(receiver.text), receiver) : undefined;
  return bound !== undefined && context.profile.calls.has(bound.type) && callParts(bound).name === 'JIRA';
}

/**
 * `**kwargs` whose dictionary gets an `auth` entry: in its literal (`{"auth": …}`, `dict(auth=…)`), by item
 * assignment (`kwargs["auth"] = (user, pw)`) or by `kwargs.update(auth=…)`, anywhere in the file.
 */
function splatHoldsAuth(context: RuleContext, splat: Node): boolean {
  const name = splat.text.replace(/^\*\*/, '');
  const bound = context.evaluator.valueNodeOf(name, splat);
  const entries = bound ? [bound, ...nodesOf({ ...context, root: bound }, ['pair', 'keyword_argument'])] : [];
  const isAuthEntry = (node: Node) => {
    const parts = node.type === 'pair' || node.type === 'keyword_argument' ? pairParts(node) : undefined;
    return parts?.key === 'auth' && !isSwitchedOff(context, parts.value);
  };
  if (entries.some(isAuthEntry)) return true;
  for (const assignment of nodesOf(context, ['assignment'])) {
    const left = assignment.childForFieldName('left');
    const right = assignment.childForFieldName('right');
    if (left?.type !== 'subscript' || left.childForFieldName('value')?.text !== name || !right) continue;
    const key = left.childForFieldName('subscript');
    if (key && context.evaluator.value(key) === 'auth' && !isSwitchedOff(context, right)) return true;
  }
  return nodesOf(context, context.profile.calls).some((call) => {
    const { name: method, receiver, args } = callParts(call);
    return method === 'update' && receiver?.text === name && args.some(isAuthEntry);
  });
}

/** A name followed to the value bound to it (`creds` → `("u", "pw")`), else the node itself. */
function resolved(context: RuleContext, node: Node): Node {
  let current = node;
  for (let hops = 0; hops < 3 && context.profile.identifiers.has(current.type); hops++) {
    const bound = context.evaluator.valueNodeOf(lastName(current.text), current);
    if (!bound) break;
    current = bound;
  }
  return current;
}

/** Constant "off" values of a switch; anything else (a literal true, a config read, an env var) may turn it on. */
const OFF = /^(?:false|nil|null|none|0|off|no|)$/i;

/** A switch's value that is a constant off (`false`, `nil`, `None`, `'0'`, `''`), also through a name bound to one. */
function isSwitchedOff(context: RuleContext, value: Node): boolean {
  const target = resolved(context, value);
  const text = stripQuotes(target.text.trim()).replace(/^:/, '');
  return OFF.test(text);
}

const ENV_SETTERS = new Set(['setenv', 'Setenv', 'putenv', 'SetEnvironmentVariable', 'setdefault', 'set_var']);

/**
 * php-jira-rest-client's `COOKIE_AUTH_ENABLED` set from code in any language, for a PHP process it starts or
 * configures: `export COOKIE_AUTH_ENABLED=true`, `os.environ["COOKIE_AUTH_ENABLED"] = "1"`,
 * `process.env.COOKIE_AUTH_ENABLED = 'true'`, `ENV['COOKIE_AUTH_ENABLED'] = …`, `$_ENV[…] = …`, an env map entry
 * (`{ COOKIE_AUTH_ENABLED: 'true' }`), `os.Setenv("COOKIE_AUTH_ENABLED", "true")`, `putenv('COOKIE_AUTH_ENABLED=1')`.
 */
function cookieAuthEnvironment(context: RuleContext): void {
  const bindings = nodesOf(context, [...context.profile.assignments, ...context.profile.pairs]);
  for (const node of bindings) {
    const children = namedChildren(node);
    const key = node.childForFieldName('name') ?? node.childForFieldName('left') ?? node.childForFieldName('key') ?? children[0];
    const value = node.childForFieldName('value') ?? node.childForFieldName('right') ?? children[children.length - 1];
    if (!key || !value || key.id === value.id || !/\bCOOKIE_AUTH_ENABLED\b/.test(key.text)) continue;
    // Reading the variable (`COOKIE_AUTH_ENABLED = os.getenv("COOKIE_AUTH_ENABLED", "false")`) sets nothing.
    if (/COOKIE_AUTH_ENABLED/.test(value.text)) continue;
    if (!isSwitchedOff(context, value)) context.report('php-jira-cookie-auth', node, { detail: 'COOKIE_AUTH_ENABLED' });
  }
  for (const call of nodesOf(context, context.profile.calls)) {
    const { name, args } = callParts(call);
    if (!ENV_SETTERS.has(name) || !args[0]) continue;
    const first = context.evaluator.value(args[0]);
    const inline = /^COOKIE_AUTH_ENABLED=(.*)$/.exec(first);
    const on = inline ? !OFF.test((inline[1] ?? '').trim()) : first === 'COOKIE_AUTH_ENABLED' && args[1] !== undefined && !isSwitchedOff(context, args[1]);
    if (on) context.report('php-jira-cookie-auth', call, { detail: 'COOKIE_AUTH_ENABLED' });
  }
}

function reportTuplePassword(context: RuleContext, tuple: Node | null): void {
  const password = tuple?.type === 'tuple' ? namedChildren(tuple)[1] : undefined;
  if (password && context.profile.strings.has(password.type)) {
    const secret = context.evaluator.value(password);
    if (secret && !secret.includes(UNKNOWN)) context.report('hardcoded-password', password, { secret });
  }
}

const GO_COOKIE_IDENTIFIERS = new Set(['CookieAuthTransport', 'AcquireSessionCookie', 'AcquireSessionCookieWithContext']);

function goJira(context: RuleContext): void {
  for (const node of nodesOf(context, ['type_identifier', 'field_identifier'])) {
    if (GO_COOKIE_IDENTIFIERS.has(node.text) && !isMethodReceiver(node)) context.report('go-jira-cookie-auth', node, { detail: node.text });
  }
  if (!context.source.includes('andygrunwald/go-jira')) return;
  // The session API of go-jira's AuthenticationService: GET and DELETE of /rest/auth/1/session.
  for (const call of nodesOf(context, context.profile.calls)) {
    const callee = callParts(call).callee?.text ?? '';
    const session = /\bAuthentication\.(Logout|GetCurrentUser)(?:WithContext)?$/.exec(callee);
    if (session) context.report('go-jira-cookie-auth', call, { detail: `Authentication.${session[1]} (session resource)` });
  }
}

/** `func (t *CookieAuthTransport) RoundTrip(…)`: the type named again by each of its methods, not another use of it. */
function isMethodReceiver(node: Node): boolean {
  for (let current: Node | null = node.parent; current; current = current.parent) {
    const method = current.parent;
    if (method?.type === 'method_declaration') return method.childForFieldName('receiver')?.id === current.id;
    if (current.type === 'parameter_list' || current.type === 'parameter_declaration' || current.type === 'pointer_type') continue;
    return false;
  }
  return false;
}

/**
 * jira-ruby: `auth_type: :cookie` and `use_cookies:` as hash entries or set on an options hash
 * (`options[:auth_type] = :cookie`, the library's own `@options[:use_cookies] = true`), and the library's
 * `case @options[:auth_type] when :cookie` (lib/jira/client.rb).
 */
function rubyJira(context: RuleContext): void {
  const entries = nodesOf(context, context.profile.pairs).map((pair) => ({ node: pair, parts: pairParts(pair) }));
  for (const assignment of nodesOf(context, ['assignment'])) {
    const left = assignment.childForFieldName('left');
    const right = assignment.childForFieldName('right');
    const key = left?.type === 'element_reference' ? namedChildren(left)[1] : undefined;
    if (key && right) entries.push({ node: assignment, parts: { key: stripQuotes(key.text).replace(/^:/, ''), value: right } });
  }
  // HttpClient#make_cookie_auth_request: the session login itself (lib/jira/http_client.rb).
  for (const call of nodesOf(context, context.profile.calls)) {
    if (callParts(call).name === 'make_cookie_auth_request') context.report('ruby-jira-cookie-auth', call, { detail: 'make_cookie_auth_request' });
  }
  for (const { node, parts } of entries) {
    if (!parts) continue;
    if (parts.key === 'auth_type' && context.evaluator.value(parts.value) === 'cookie') context.report('ruby-jira-cookie-auth', node);
    if (parts.key === 'use_cookies' && !isSwitchedOff(context, parts.value)) context.report('ruby-jira-use-cookies', node);
  }
  for (const branch of nodesOf(context, ['when'])) {
    const subject = branch.parent?.type === 'case' ? branch.parent.childForFieldName('value')?.text ?? '' : '';
    const patterns = branch.childrenForFieldName('pattern').filter((pattern): pattern is Node => pattern !== null);
    if (/auth_type/.test(subject) && patterns.some((pattern) => pattern.text === ':cookie')) context.report('ruby-jira-cookie-auth', branch, { detail: 'when :cookie' });
  }
}

/**
 * php-jira-rest-client: `'cookieAuthEnabled' => …` (ArrayConfiguration), the property set in a configuration class
 * (`$this->cookieAuthEnabled = $this->env('COOKIE_AUTH_ENABLED', …)`, src/Configuration/DotEnvConfiguration.php),
 * and `isCookieAuthorizationEnabled()` defined to return something other than false or consulted
 * (src/JiraClient.php). A constant false is no finding. `COOKIE_AUTH_ENABLED` set from code: cookieAuthEnvironment.
 */
function phpJira(context: RuleContext): void {
  for (const pair of nodesOf(context, context.profile.pairs)) {
    const parts = pairParts(pair);
    if (parts?.key === 'cookieAuthEnabled' && !isSwitchedOff(context, parts.value)) context.report('php-jira-cookie-auth', pair);
  }
  for (const assignment of nodesOf(context, ['assignment_expression'])) {
    const left = assignment.childForFieldName('left');
    const right = assignment.childForFieldName('right');
    if (left?.type !== 'member_access_expression' || left.childForFieldName('name')?.text !== 'cookieAuthEnabled' || !right) continue;
    if (!isSwitchedOff(context, right)) context.report('php-jira-cookie-auth', assignment, { detail: 'cookieAuthEnabled' });
  }
  for (const call of nodesOf(context, ['member_call_expression', 'scoped_call_expression', 'function_call_expression'])) {
    const { name } = callParts(call);
    // AuthService::authorizeWithCookie logs in and keeps the session cookie (src/Auth/AuthService.php).
    if (name === 'isCookieAuthorizationEnabled' || name === 'authorizeWithCookie') context.report('php-jira-cookie-auth', call, { detail: `${name}()` });
  }
  for (const method of nodesOf(context, ['method_declaration'])) {
    if (method.childForFieldName('name')?.text !== 'isCookieAuthorizationEnabled') continue;
    const returned = method.descendantsOfType('return_statement').map((statement) => statement && namedChildren(statement)[0]);
    if (returned.some((value) => value && !isSwitchedOff(context, value))) context.report('php-jira-cookie-auth', method, { detail: 'isCookieAuthorizationEnabled()' });
  }
  if (!context.source.includes('JiraRestApi')) return;
  for (const creation of nodesOf(context, ['object_creation_expression'])) {
    if (callParts(creation).name === 'AuthService') context.report('php-jira-cookie-auth', creation, { detail: 'AuthService (session login)' });
  }
}

function javascriptJira(context: RuleContext): void {
  const usesConnector = /['"]jira-connector['"]/.test(context.source);
  const usesJiraJs = /['"]jira\.js(?:\/[^'"]*)?['"]/.test(context.source);
  if (usesConnector || usesJiraJs) {
    for (const call of nodesOf(context, context.profile.calls)) {
      const callee = callParts(call).callee?.text ?? '';
      if ((usesConnector && /\.auth\.(?:login|logout|currentUser)$/.test(callee)) || (usesJiraJs && /\.session\.(?:login|logout|currentUser)$/.test(callee))) {
        context.report('js-jira-session-api', call, { detail: callee.split('.').slice(-2).join('.') });
      }
    }
  }
  // jira.js's Data Center functions imported one by one: `import { login } from 'jira.js/server'; login(client, …)`.
  const imported = jiraJsSessionFunctions(context.source);
  if (imported.size) {
    for (const call of nodesOf(context, context.profile.calls)) {
      const callee = callParts(call).callee?.text ?? '';
      if (imported.has(callee)) context.report('js-jira-session-api', call, { detail: `session.${imported.get(callee)}` });
    }
  }
  for (const pair of nodesOf(context, context.profile.pairs)) {
    if (pairParts(pair)?.key === 'cookie_jar') context.report('js-jira-cookie-jar', pair);
  }
  // jira-connector's own `this.cookie_jar = config.cookie_jar` (index.js), or the option set on an options object.
  for (const assignment of nodesOf(context, ['assignment_expression'])) {
    const left = assignment.childForFieldName('left');
    const right = assignment.childForFieldName('right');
    if (left?.type === 'member_expression' && left.childForFieldName('property')?.text === 'cookie_jar' && right && !isSwitchedOff(context, right)) {
      context.report('js-jira-cookie-jar', assignment);
    }
  }
}

const JIRA_JS_SESSION = new Set(['login', 'logout', 'currentUser']);

/** Local names of jira.js's session functions imported from `jira.js/server` (src/server/api/session.ts), to their own names. */
function jiraJsSessionFunctions(source: string): Map<string, string> {
  const names = new Map<string, string>();
  for (const [, list = ''] of source.matchAll(/import\s*\{([^}]*)\}\s*from\s*['"]jira\.js\/server['"]/g)) {
    for (const entry of list.split(',')) {
      const [own, local] = entry.trim().split(/\s+as\s+/);
      if (own && JIRA_JS_SESSION.has(own)) names.set(local ?? own, own);
    }
  }
  return names;
}

/**
 * JRJC's session client: `getSessionClient()` and `getCurrentSession()` in a file that names JRJC (its package, its
 * Jira client or session client). Hibernate's `sessionFactory.getCurrentSession()`, Spring's
 * `context.getCurrentSession()` and Jetty's HTTP/3 `getSessionClient()` are other libraries' sessions.
 */
const JRJC_SESSION_CONTEXT = /\bSessionRestClient\b|\bJiraRestClient\b|com\.atlassian\.jira/;

/** RestAssured's SessionFilter is only a finding when the file logs in through the session resource. */
function jvmSessionFilters(context: RuleContext): void {
  const hasSessionCall = context.collector.has((finding) => (finding.ruleId === 'session-login-call' || finding.ruleId === 'session-resource-path') && finding.severity !== 'info');
  const jrjc = JRJC_SESSION_CONTEXT.test(context.source);
  for (const node of nodesOf(context, ['type_identifier', 'identifier', 'simple_identifier'])) {
    const constructed = node.parent && (context.profile.calls.has(node.parent.type) || node.parent.type === 'call_expression');
    // RestAssured's SessionFilter is the client's cookie jar, like LWP's `cookie_jar` or a Go client's `Jar`: it
    // carries the cookie of the login reported in this file, and is changed with that login (info, not a second use).
    if (node.text === 'SessionFilter' && constructed && hasSessionCall) context.report('jvm-session-filter', node, { detail: "RestAssured SessionFilter, the client's cookie jar for the session login reported in this file", severity: 'info' });
    if (jrjc && (node.text === 'getSessionClient' || node.text === 'getCurrentSession')) context.report('jvm-session-filter', node, { detail: 'JRJC SessionRestClient' });
  }
}

function csharpDapplo(context: RuleContext): void {
  for (const call of nodesOf(context, ['invocation_expression'])) {
    const callee = callParts(call).callee?.text ?? '';
    if (/\bSession\.(?:StartAsync|EndAsync)$/.test(callee)) context.report('csharp-dapplo-session', call, { detail: callee.split('.').pop() });
  }
  // Dapplo.Jira's own session API: extension methods on its session domain (src/Dapplo.Jira/SessionDomainExtensions.cs).
  for (const method of nodesOf(context, ['method_declaration'])) {
    const name = method.childForFieldName('name')?.text ?? '';
    const parameters = method.childForFieldName('parameters')?.text ?? '';
    if (/^(?:StartAsync|EndAsync)$/.test(name) && /\bthis\s+ISessionDomain\b/.test(parameters)) context.report('csharp-dapplo-session', method, { detail: `${name} (definition)` });
  }
}

/**
 * curl/wget: a cookie jar written by a session login and read by later requests that rely on it (see
 * shell-cookie-jars.ts). One use per jar, reported where it is first relied on (as a cookie is reported where it is
 * assembled, not again where it is sent); the message says how many later requests rely on it too. Reads that do
 * not rely on it (another credential, another service) are `info`.
 */
function shellCookieJars(context: RuleContext): void {
  const requests = jarRequests(nodesOf(context, ['command']), context.evaluator);
  const assigned = new Map<string, string>();
  for (const assignment of nodesOf(context, ['variable_assignment'])) {
    const name = assignment.childForFieldName('name')?.text;
    const value = assignment.childForFieldName('value')?.text;
    if (name && value !== undefined) assigned.set(name, value);
  }
  for (const { first, jar, later, others } of sessionJarUses(requests, assigned)) {
    if (first) context.report('shell-session-cookie-jar', first, { detail: later ? `${jar} (read by ${later} later command${later > 1 ? 's' : ''} too)` : jar });
    for (const { command, why } of others) context.report('shell-session-cookie-jar', command, { severity: 'info', detail: `${jar}: ${why}` });
  }
}

/**
 * jiralib2 (Emacs; ejira's client): `jiralib2-auth` set to `'cookie`, its own default (jiralib2.el's `defcustom`),
 * by `setq` and the other setters, or as a `(jiralib2-auth 'cookie)` entry of `custom-set-variables`, use-package's
 * `:custom` or a `let`. Not a read such as `(eq jiralib2-auth 'cookie)`. Leaving it unset also means cookies
 * (the default), which no line of the user's code shows.
 */
function jiralib2(context: RuleContext): void {
  if (!context.source.includes('jiralib2-auth')) return;
  for (const { name, value } of elispSettings(context.root, 'jiralib2-auth')) {
    if (quotedSymbol(value) === 'cookie') context.report('elisp-jiralib2-cookie-auth', name);
  }
  // A token written into the configuration is a secret to redact, and a password to rotate near a cookie mode.
  for (const { value } of elispSettings(context.root, 'jiralib2-token')) {
    if (value.type === 'string') context.collector.addPasswordCandidate(value.startPosition.row + 1, value.startPosition.column + 1, stripQuotes(value.text));
  }
}
