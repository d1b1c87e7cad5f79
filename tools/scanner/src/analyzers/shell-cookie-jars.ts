import type { Node } from 'web-tree-sitter';
import { containsSessionPath, UNKNOWN } from '../rules/patterns';
import type { StringEvaluator } from '../syntax/evaluate';
import { callParts } from '../syntax/nodes';

/**
 * curl and wget cookie jars in shell scripts (and in the CI scripts and Jenkins steps that carry shell). A jar is a
 * use of the session login only where it carries that login's cookie to a request that relies on it: the jar was
 * written by a request to the session resource (its URL, or a variable resolved to it), and a later request reads it
 * to the same tracker (a Jira REST path, or the login's own host or base variable) with no credential of its own.
 * Other reads of such a jar are `info`: one that also sends Basic, Bearer, netrc or a client certificate, or one
 * sent to another service (curl sends a jar's cookies only to the domains that set them).
 */
export interface JarRequest {
  command: Node;
  /** Where the request runs in the program: its own offset, or the call of the function it is in. */
  at: number;
  /** The request goes to the session resource (a login, a logout or a session check). */
  sessionLogin: boolean;
  saves: string[];
  loads: string[];
  /** The request's URL as the evaluator resolved it (UNKNOWN for unresolved parts), and its source text. */
  url?: { value: string; text: string };
  /** The credential the request sends besides cookies (`-u`, an Authorization header, netrc…), if any. */
  otherAuth?: string;
}

export interface JarUse {
  /** The first request that relies on the jar, its jar, and how many later requests rely on it too. */
  first?: Node;
  jar: string;
  later: number;
  /** Reads of the session's jar that do not rely on it, with why. */
  others: Array<{ command: Node; why: string }>;
}

/** curl options that take a value (short letters and long names); every other option is a flag. */
const CURL_SHORT_VALUES = new Set('AbcCdDeEFHKmoPQrtTuUwxXyYz'.split(''));
const CURL_LONG_VALUES = new Set([
  'cookie', 'cookie-jar', 'data', 'data-ascii', 'data-binary', 'data-raw', 'data-urlencode', 'json', 'form', 'form-string',
  'header', 'proxy-header', 'user', 'proxy-user', 'user-agent', 'referer', 'request', 'url', 'output', 'dump-header', 'write-out',
  'upload-file', 'max-time', 'connect-timeout', 'retry', 'retry-delay', 'retry-max-time', 'cacert', 'capath', 'cert', 'cert-type',
  'key', 'key-type', 'pass', 'proxy', 'resolve', 'connect-to', 'oauth2-bearer', 'netrc-file', 'limit-rate', 'config', 'interface',
  'continue-at', 'range', 'time-cond', 'max-filesize', 'max-redirs', 'aws-sigv4', 'output-dir', 'trace', 'trace-ascii', 'stderr',
  'login-options', 'request-target', 'variable', 'expand-url', 'expand-data', 'expand-header',
]);
/** wget options that take a separate value (wget's long options are mostly written `--name=value`). */
const WGET_SHORT_VALUES = new Set('OoaPUetTwiQlDAR'.split(''));
const WGET_LONG_VALUES = new Set([
  'header', 'post-data', 'post-file', 'body-data', 'body-file', 'method', 'user', 'password', 'http-user', 'http-password',
  'load-cookies', 'save-cookies', 'output-document', 'output-file', 'append-output', 'user-agent', 'directory-prefix', 'tries',
  'timeout', 'wait', 'input-file', 'referer', 'certificate', 'private-key', 'ca-certificate', 'execute', 'quota', 'level',
]);

const CURL_AUTH_SHORT = new Set(['u', 'E']);
const CURL_AUTH_LONG = new Set(['user', 'oauth2-bearer', 'netrc', 'netrc-file', 'netrc-optional', 'cert', 'aws-sigv4', 'negotiate', 'ntlm']);
const WGET_AUTH_LONG = new Set(['user', 'password', 'http-user', 'http-password', 'certificate', 'ask-password']);
const AUTH_HEADER = /^\s*(?:authorization|proxy-authorization|x-api-key|private-token|x-jfrog-art-api)\s*:/i;

interface Option {
  /** The option's name without dashes (`c`, `cookie-jar`), '' for a positional argument. */
  name: string;
  long: boolean;
  value?: { value: string; node: Node };
}

/** The options and positional arguments of a curl or wget command, values paired with their options. */
function parseOptions(tool: 'curl' | 'wget', args: Node[], values: string[]): Option[] {
  const shortValues = tool === 'curl' ? CURL_SHORT_VALUES : WGET_SHORT_VALUES;
  const longValues = tool === 'curl' ? CURL_LONG_VALUES : WGET_LONG_VALUES;
  const options: Option[] = [];
  for (let index = 0; index < values.length; index++) {
    const text = values[index] ?? '';
    const next = (): Option['value'] => {
      const node = args[index + 1];
      if (!node) return undefined;
      index++;
      return { value: values[index] ?? '', node };
    };
    const long = /^--([\w.-]+)(?:=([\s\S]*))?$/.exec(text);
    if (long) {
      const name = long[1] ?? '';
      const attached = long[2];
      const node = args[index] as Node;
      options.push({ name, long: true, value: attached !== undefined ? { value: attached, node } : longValues.has(name) ? next() : undefined });
      continue;
    }
    const short = /^-([A-Za-z0-9#:]+)$/.exec(text);
    if (short) {
      // Combined flags (`-sSLc jar`): every letter but one that takes a value is a flag; that one takes the rest or the next argument.
      const letters = short[1] ?? '';
      for (let at = 0; at < letters.length; at++) {
        const letter = letters.charAt(at);
        if (!shortValues.has(letter)) {
          options.push({ name: letter, long: false });
          continue;
        }
        const rest = letters.slice(at + 1);
        options.push({ name: letter, long: false, value: rest ? { value: rest, node: args[index] as Node } : next() });
        break;
      }
      continue;
    }
    options.push({ name: '', long: false, value: { value: text, node: args[index] as Node } });
  }
  return options;
}

function isSave(tool: 'curl' | 'wget', option: Option): boolean {
  return tool === 'curl' ? option.name === 'c' || option.name === 'cookie-jar' : option.name === 'save-cookies';
}

function isLoad(tool: 'curl' | 'wget', option: Option): boolean {
  // curl's `-b name=value` is a cookie string, not a file.
  if (tool === 'curl') return (option.name === 'b' || option.name === 'cookie') && !/^[^/=]+=/.test(option.value?.value ?? '');
  return option.name === 'load-cookies';
}

function otherCredential(tool: 'curl' | 'wget', option: Option): string | undefined {
  const header = option.name === 'H' || option.name === 'header';
  if (header && AUTH_HEADER.test(option.value?.value ?? option.value?.node.text.replace(/^['"]/, '') ?? '')) return 'an Authorization header';
  if (tool === 'curl' && (option.long ? CURL_AUTH_LONG.has(option.name) : CURL_AUTH_SHORT.has(option.name) || option.name === 'n')) {
    return option.name === 'u' || option.name === 'user' ? 'Basic credentials (-u)' : `--${option.long ? option.name : option.name === 'n' ? 'netrc' : 'cert'}`;
  }
  if (tool === 'wget' && option.long && WGET_AUTH_LONG.has(option.name)) return `--${option.name}`;
  return undefined;
}

/**
 * A jar's identity: its resolved name, or, when a part of it is not known here (`"$JAR"` of the environment), the
 * words it is written with, so that two unknown variables are two jars.
 */
function jarKey(value: string, node: Node): string {
  const text = value.includes(UNKNOWN) ? node.text.replace(/["']/g, '').replace(/\$\{(\w+)\}/g, '$$$1') : value;
  return text.replace(/^\.\//, '');
}

/** Reads one curl or wget command: its jars, its URL, the credentials it sends. */
export function jarRequest(command: Node, evaluator: StringEvaluator): JarRequest | undefined {
  const { name, args } = callParts(command);
  if (name !== 'curl' && name !== 'wget') return undefined;
  const values = args.map((arg) => evaluator.value(arg));
  const options = parseOptions(name, args, values);
  const request: JarRequest = { command, at: command.startIndex, sessionLogin: values.some((value) => containsSessionPath(value)), saves: [], loads: [] };
  const positional: Array<{ value: string; text: string }> = [];
  for (const option of options) {
    const value = option.value;
    if (option.name === '' || option.name === 'url') {
      if (value) positional.push({ value: value.value, text: value.node.text });
      if (value && option.name === 'url') request.url ??= positional[positional.length - 1];
      continue;
    }
    if (value && isSave(name, option)) request.saves.push(jarKey(value.value, value.node));
    if (value && isLoad(name, option)) request.loads.push(jarKey(value.value, value.node));
    request.otherAuth ??= otherCredential(name, option);
  }
  // The URL: `--url`, else the argument that holds a path (an unknown `$CURL_OPTS` before it is not the URL).
  request.url ??= positional.find((argument) => argument.value.includes('/') || argument.text.includes('/')) ?? positional[0];
  if (request.url && /^[a-z][\w+.-]*:\/\/[^/@\s]+:[^/@\s]*@/i.test(request.url.value)) request.otherAuth ??= 'credentials in the URL';
  return request;
}

/**
 * The requests of a program in the order they run. A request inside a shell function whose jar is one of the
 * function's parameters (`login() { curl -c "$1" …; }` … `login "$jar"`) runs at each call, with the caller's jar.
 */
export function jarRequests(commands: Node[], evaluator: StringEvaluator): JarRequest[] {
  const requests: JarRequest[] = [];
  for (const request of commands.flatMap((command) => jarRequest(command, evaluator) ?? [])) {
    const definition = enclosingFunction(request.command);
    const name = definition?.childForFieldName('name')?.text;
    const calls = name && [...request.saves, ...request.loads].some((jar) => POSITIONAL.test(jar))
      ? commands.filter((command) => callParts(command).name === name && !(command.startIndex >= (definition?.startIndex ?? 0) && command.endIndex <= (definition?.endIndex ?? 0)))
      : [];
    if (!calls.length) requests.push(request);
    for (const call of calls) {
      const { args } = callParts(call);
      const jar = (key: string): string => {
        const arg = args[Number(POSITIONAL.exec(key)?.[1] ?? 0) - 1];
        return POSITIONAL.test(key) && arg ? jarKey(evaluator.value(arg), arg) : key;
      };
      requests.push({ ...request, at: call.startIndex, saves: request.saves.map(jar), loads: request.loads.map(jar) });
    }
  }
  return requests.sort((a, b) => a.at - b.at);
}

const POSITIONAL = /^\$([1-9])$/;

function enclosingFunction(node: Node): Node | undefined {
  for (let parent = node.parent; parent; parent = parent.parent) if (parent.type === 'function_definition') return parent;
  return undefined;
}

/** The Jira REST resources a session cookie authenticates (the platform, agile, service desk and GreenHopper APIs). */
const JIRA_PATH = /\/rest\/(?:api\/(?:2|3|latest)|agile|servicedeskapi|greenhopper|auth)\/|\/secure\/[A-Z]\w*\.jspa\b/;

/** The source text a shell variable of the program is assigned (`LOGIN="$BASE/rest/auth/1/session"`, a CI `env:` entry). */
export type Assignments = ReadonlyMap<string, string>;

/**
 * Where a URL goes: its host when written out, else the variable it starts with (`$JIRA_URL`, `${JIRA_URL}`,
 * GitHub's `${{ vars.JIRA }}` as the scanner writes it), followed through the program's assignments
 * (`$LOGIN` assigned `"$JIRA_URL/rest/auth/1/session"` goes to `$JIRA_URL`); undefined when neither can be read.
 */
function baseOf(url: { value: string; text: string }, assigned: Assignments, depth = 0): string | undefined {
  const host = /^[a-z][\w+.-]*:\/\/(?:[^/@\s]*@)?([^/\s?#:]+)/i.exec(url.value)?.[1];
  if (host && !host.includes(UNKNOWN)) return host.toLowerCase();
  const text = url.text.replace(/^["']/, '');
  const variable = /^(?:[a-z][\w+.-]*:\/\/)?\$(?:\{(\w+)[^}]*\}|\((\w+)\)|(\w+))/i.exec(text);
  const name = variable?.[1] ?? variable?.[2] ?? variable?.[3];
  if (!name) return undefined;
  const value = assigned.get(name);
  return (value !== undefined && depth < 4 ? baseOf({ value: '', text: value }, assigned, depth + 1) : undefined) ?? `$${name}`;
}

function whyNotRelying(reader: JarRequest, login: JarRequest, assigned: Assignments): string | undefined {
  if (reader.otherAuth) return `sends ${reader.otherAuth} too: the jar is not its credential`;
  if (!reader.url || JIRA_PATH.test(reader.url.value) || JIRA_PATH.test(reader.url.text)) return undefined;
  const readerBase = baseOf(reader.url, assigned);
  const loginBase = login.url ? baseOf(login.url, assigned) : undefined;
  if (!readerBase || readerBase === loginBase) return undefined;
  return `sent to ${readerBase}, not to the tracker the session login went to (curl sends a jar's cookies only to the hosts that set them)`;
}

/**
 * The session jars of one shell program, in command order: a jar written by a session login and not written over
 * since by another login (a command that writes it without reading it); one use per jar, at its first relying read.
 */
export function sessionJarUses(requests: JarRequest[], assigned: Assignments = new Map()): JarUse[] {
  const filledBy = new Map<string, JarRequest>();
  const uses = new Map<string, JarUse>();
  for (const request of requests) {
    for (const jar of request.loads) {
      const login = filledBy.get(jar);
      if (!login || request.sessionLogin) continue;
      const use = uses.get(jar) ?? { jar, later: 0, others: [] };
      uses.set(jar, use);
      const why = whyNotRelying(request, login, assigned);
      if (why) use.others.push({ command: request.command, why });
      else if (use.first) use.later++;
      else use.first = request.command;
    }
    for (const jar of request.saves) {
      // Another login written over the jar (without reading it first) leaves none of the session's cookies in it.
      if (request.sessionLogin) filledBy.set(jar, request);
      else if (!request.loads.includes(jar)) filledBy.delete(jar);
    }
  }
  return [...uses.values()];
}
