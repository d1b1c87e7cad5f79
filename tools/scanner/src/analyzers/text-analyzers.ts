import type { LanguageId } from '../model';
import { containsSessionCookie, containsSessionPath, COOKIE_AUTH_SWITCHED_ON, holdsSessionLogin, PASSWORD_IN_BODY, SESSION_JOIN_TEXT, UNKNOWN } from '../rules/patterns';
import { FindingsCollector } from './findings-collector';
import { describeVerb } from './http-verbs';
import { isProse } from './line-rules';

/** The formats read by their own line grammar here. */
export const TEXT_FORMATS: ReadonlySet<LanguageId> = new Set<LanguageId>(['http', 'yaml', 'dotenv', 'docs']);

/**
 * Line-oriented formats with a simple grammar of their own: `.http` request files, YAML (OpenAPI and tool
 * config), dotenv/properties, and prose docs. Each knows its comment syntax, so comments stay `info`.
 */
export function analyzeText(source: string, language: LanguageId): FindingsCollector {
  const collector = new FindingsCollector();
  const lines = source.split(/\r?\n/);
  if (language === 'http') analyzeHttpFile(lines, collector);
  else if (language === 'yaml') analyzeYaml(lines, collector, source);
  else if (language === 'dotenv') analyzeDotenv(lines, collector);
  else if (language === 'docs') analyzeDocs(lines, collector);
  collector.resolvePasswords();
  return collector;
}

function column(line: string): number {
  return line.length - line.trimStart().length + 1;
}

function checkPasswords(line: string, lineNumber: number, collector: FindingsCollector): void {
  for (const match of line.matchAll(PASSWORD_IN_BODY)) collector.addPasswordCandidate(lineNumber, (match.index ?? 0) + 1, match[1] ?? '');
}

function commentHit(line: string, lineNumber: number, collector: FindingsCollector): void {
  if (containsSessionPath(line) || containsSessionCookie(line)) collector.add('session-path-in-comment', lineNumber, column(line), { severity: 'info' });
}

/** JetBrains/VS Code REST Client files: `@var = value`, `METHOD url`, headers, bodies, `#`/`//` comments. */
function analyzeHttpFile(lines: string[], collector: FindingsCollector): void {
  const variables = new Map<string, string>();
  const resolve = (text: string): string => text.replace(/\{\{\s*([\w.$-]+)\s*\}\}/g, (_, name: string) => variables.get(name) ?? UNKNOWN);
  lines.forEach((line, index) => {
    const lineNumber = index + 1;
    const trimmed = line.trim();
    if (/^(?:#|\/\/)/.test(trimmed) && !/^###/.test(trimmed)) return commentHit(line, lineNumber, collector);
    const variable = /^@([\w.-]+)\s*=\s*(.*)$/.exec(trimmed);
    if (variable) {
      const [, name = '', value = ''] = variable;
      variables.set(name, resolve(value));
      return undefined;
    }
    const request = /^(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS)\s+(\S+)/.exec(trimmed);
    if (request && containsSessionPath(resolve(request[2] ?? ''))) {
      collector.add('session-login-call', lineNumber, column(line), { detail: describeVerb(request[1]) });
      return undefined;
    }
    if (/^cookie\s*:/i.test(trimmed) && containsSessionCookie(trimmed)) collector.add('session-cookie', lineNumber, column(line));
    checkPasswords(line, lineNumber, collector);
    return undefined;
  });
}

/** Text before a YAML comment (a `#` at the start or after whitespace, outside quotes). */
function yamlCode(line: string): string {
  let quote: string | undefined;
  for (let index = 0; index < line.length; index++) {
    const char = line.charAt(index);
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === '#' && (index === 0 || /\s/.test(line.charAt(index - 1)))) {
      return line.slice(0, index);
    }
  }
  return line;
}

/** Keys whose values are commands or scripts (read as shell elsewhere), never sentences. */
const SCRIPT_KEYS = /^(?:run|script|scripts|command|commands|cmd|shell|args|entrypoint|before_script|after_script|exec|raw)$/i;

/** A YAML `key: value` whose value is a sentence of three words or more (a message or a description), not a command. */
function isSentenceValue(code: string): boolean {
  const entry = /^\s*(?:-\s+)?([\w.-]+)\s*:\s+(.+)$/.exec(code);
  if (!entry || SCRIPT_KEYS.test(entry[1] ?? '')) return false;
  const value = (entry[2] ?? '').trim().replace(/^(['"])(.*)\1$/, '$2');
  return isSentence(value) && !/^(?:[|>]|-{1,2}\w|\$|\.\/|Invoke-|http)/.test(value);
}

/** Three words or more once template expressions (`{{ jira_url }}`, `${HOST}`, `{% … %}`) count as one word. */
function isSentence(value: string): boolean {
  return isProse(value.replace(/\{\{.*?\}\}|\{%.*?%\}|\$\{[^}]*\}|\$\([^)]*\)/g, 'x'));
}

/** A YAML line's enclosing keys (outermost first) and its own key, if it has one. */
interface YamlPlace {
  ancestors: string[];
  key?: string;
}

const BLOCK_SCALAR = /^[|>][-+0-9]*\s*$/;

/** Each line's place in the YAML tree, by indentation (list items count from their content; block scalars belong to their key). */
function yamlPlaces(lines: string[]): YamlPlace[] {
  const stack: Array<{ indent: number; key: string }> = [];
  let blockIndent = -1;
  return lines.map((raw) => {
    const line = yamlCode(raw.replace(/\r$/, ''));
    let indent = line.length - line.trimStart().length;
    if (!line.trim() || (blockIndent >= 0 && indent > blockIndent)) return { ancestors: stack.map((entry) => entry.key) };
    blockIndent = -1;
    let rest = line.trimStart();
    for (let item = /^-\s+/.exec(rest); item; item = /^-\s+/.exec(rest)) {
      indent += item[0].length;
      rest = rest.slice(item[0].length);
    }
    while (stack.length && (stack[stack.length - 1]?.indent ?? 0) >= indent) stack.pop();
    const ancestors = stack.map((entry) => entry.key);
    const entry = /^(['"]?)([^'":{}[\],]+?)\1\s*:(?:\s+(.*))?$/.exec(rest);
    if (!entry) return { ancestors };
    const key = (entry[2] ?? '').trim();
    stack.push({ indent, key });
    if (BLOCK_SCALAR.test((entry[3] ?? '').trim())) blockIndent = indent;
    return { ancestors, key };
  });
}

/**
 * Where a YAML file serves, routes, stubs, allows or probes a path rather than configuring a client to call it: gateway
 * and ingress routes (Spring Cloud Gateway `predicates`/`filters`, Kong and Ingress `paths`, Traefik `routers`, Envoy
 * `match`), mock mappings (WireMock, MockServer `httpRequest`), a server's public or ignored paths, health checks.
 */
const SERVED_KEYS = /^(?:routes?|routers?|predicates|filters|ingress(?:es)?|rules|paths|backends?|virtual_?hosts|virtualHosts|locations?|match|stubs?|mappings?|http(?:Request|Response)|permit[-_]?all|public[-_]?(?:paths|urls|endpoints|routes)|anonymous[-_\w]*|ignor(?:e|ed|ing)[-_\w]*|exclu(?:de|des|ded|sions?)[-_\w]*|white[-_]?list|allow[-_]?list|unsecured[-_\w]*|health[-_]?checks?|checks|monitors?|probes?|(?:liveness|readiness|startup)Probe|httpGet|scrape_configs)$/i;
/** WireMock's request matchers, wherever they sit. */
const STUB_MATCHER_KEYS = /^(?:urlPath|urlPattern|urlPathPattern|urlPathTemplate)$/;
/** Load balancers', ingresses' and servers' own session cookie settings (sticky sessions, the servlet session cookie). */
const COOKIE_SETTING_KEYS = /(?:^|[-_./])(?:session[-_]?cookie[-_]?name|cookie[-_]?persistence|cookie[-_]?name|cookieName|name)$/i;
const COOKIE_SETTING_PLACES = /^(?:annotations|sticky\w*|affinity|sessionAffinity\w*|loadBalancer|consistentHash|httpCookie|servlet|cookie|persistence|ingress)$/i;

function servedPlace({ ancestors, key }: YamlPlace): string | undefined {
  if (ancestors.some((name) => SCRIPT_KEYS.test(name))) return undefined;
  const served = [...ancestors, key ?? ''].find((name) => SERVED_KEYS.test(name));
  if (served) return `a route, mock, allow-list or health check (${served}): serves or checks the resource, does not call it`;
  if (key && STUB_MATCHER_KEYS.test(key)) return `a mock's request matcher (${key})`;
  return undefined;
}

/** A cookie named in a setting or an answer, not sent: `Set-Cookie:`, sticky sessions, a login answer's `session: name:`. */
function cookieSettingPlace(place: YamlPlace, code: string): string | undefined {
  const { ancestors, key = '' } = place;
  if (/^set-cookie$/i.test(key)) return 'a Set-Cookie header a server or a test double answers with';
  const parent = ancestors[ancestors.length - 1] ?? '';
  if (/^name$/i.test(key) && /^session$/i.test(parent)) return "a login answer written out (a server's or a test double's)";
  const bare = /:\s*['"]?(?:JSESSIONID|cloud\.session\.token|studio\.crowd\.tokenkey)['"]?\s*$/.test(code);
  if (bare && COOKIE_SETTING_KEYS.test(key) && (/session[-_]?cookie|cookie[-_]?persistence/i.test(key) || ancestors.some((name) => COOKIE_SETTING_PLACES.test(name)))) {
    return "the name of a load balancer's or a server's own session cookie (a setting, not a cookie sent)";
  }
  return servedPlace(place);
}

function analyzeYaml(lines: string[], collector: FindingsCollector, source: string): void {
  const isApiDescription = /^(?:openapi|swagger)\s*:/m.test(source);
  const sessionLogin = holdsSessionLogin(source);
  const places = yamlPlaces(lines);
  lines.forEach((line, index) => {
    const lineNumber = index + 1;
    const code = yamlCode(line);
    if (code.length < line.length) commentHit(line.slice(code.length), lineNumber, collector);
    if (!code.trim()) return;
    if (/^\s*authentication-method\s*:\s*['"]?session['"]?\s*$/.test(code)) collector.add('go-jira-cli-session', lineNumber, column(code));
    if (COOKIE_AUTH_SWITCHED_ON.test(code)) collector.add('php-jira-cookie-auth', lineNumber, column(code), { detail: 'COOKIE_AUTH_ENABLED' });
    // A message or description (`session_help: "Logging in through /rest/auth/1/session is deprecated"`): text, not config.
    const sentence = isSentenceValue(code) ? { severity: 'info' as const, detail: 'a sentence (a message, a label, a description)' } : undefined;
    const place = places[index] ?? { ancestors: [] };
    if (containsSessionPath(code)) {
      const isPathKey = /^\s*['"]?\/[^\s:'"]*['"]?\s*:\s*$/.test(code);
      const served = isApiDescription ? undefined : servedPlace(place);
      collector.add(isApiDescription && isPathKey ? 'openapi-session-path' : 'session-resource-path', lineNumber, column(code), sentence ?? (served ? { severity: 'info', detail: served } : {}));
    }
    // A later task's `Cookie: "{{ login.json.session.name }}={{ login.json.session.value }}"`.
    if (containsSessionCookie(code) || (sessionLogin && SESSION_JOIN_TEXT.test(code))) {
      const setting = cookieSettingPlace(place, code);
      collector.add('session-cookie', lineNumber, column(code), sentence ?? (setting ? { severity: 'info', detail: setting } : {}));
    }
    const password = /^\s*(?:password|passwd)\s*:\s*['"]?([^'"\s]+)['"]?\s*$/i.exec(code);
    if (password?.[1]) collector.addPasswordCandidate(lineNumber, column(code), password[1]);
    checkPasswords(code, lineNumber, collector);
  });
}

function analyzeDotenv(lines: string[], collector: FindingsCollector): void {
  lines.forEach((line, index) => {
    const lineNumber = index + 1;
    const trimmed = line.trim();
    if (trimmed.startsWith('#') || trimmed.startsWith('!')) return commentHit(line, lineNumber, collector);
    const entry = /^(?:export\s+)?([\w.-]+)\s*[=:]\s*['"]?(.*?)['"]?\s*$/.exec(trimmed);
    if (!entry) return undefined;
    const [, key, value] = entry as unknown as [string, string, string];
    if (/^COOKIE_AUTH_ENABLED$/i.test(key) && /^(?:true|1|yes)$/i.test(value)) collector.add('php-jira-cookie-auth', lineNumber, column(line), { detail: key });
    const sentence = isSentence(value) ? { severity: 'info' as const, detail: 'a sentence (a message, a label, a description)' } : {};
    if (containsSessionPath(value)) collector.add('session-resource-path', lineNumber, column(line), sentence);
    if (containsSessionCookie(value)) collector.add('session-cookie', lineNumber, column(line), sentence);
    if (/(?:^|_)(?:PASSWORD|PASS)$/i.test(key) && value) collector.addPasswordCandidate(lineNumber, column(line), value);
    return undefined;
  });
}

function analyzeDocs(lines: string[], collector: FindingsCollector): void {
  lines.forEach((line, index) => commentHit(line, index + 1, collector));
}
