import type { Node } from 'web-tree-sitter';
import type { Edit, FixOptions } from '../edits';

/** HTTPie and its clone xh: named sessions (`--session=NAME`), `-a user:pass`, `-A bearer -a token`. */
const HTTPIE: ReadonlySet<string> = new Set(['http', 'https', 'xh', 'xhs']);
/** The HTTP clients whose cookie options the shell rewrite reads: curl, wget, HTTPie. */
export const HTTP_CLIENTS: ReadonlySet<string> = new Set(['curl', 'wget', ...HTTPIE]);

export const isHttpie = (command: Node): boolean => HTTPIE.has(commandName(command));

/** curl `-b`/`--cookie`, wget `--load-cookies`: the jar (or, for curl, a `name=value` cookie string) a request sends. */
const READ = new Set(['-b', '--cookie', '--load-cookies']);
/** curl `-c`/`--cookie-jar`, wget `--save-cookies`: the jar a response's cookies are written to. */
const WRITE = new Set(['-c', '--cookie-jar', '--save-cookies']);
/** Options that only serve a jar: wget's `--keep-session-cookies`, HTTPie's named session. */
const ALONE = new Set(['--keep-session-cookies']);
const HTTPIE_SESSION = new Set(['--session', '--session-read-only']);

export type CookieRole = 'read' | 'write' | 'session' | 'other';

/** A cookie option of one command: its flag node and its value node (the same node for `--opt=value`). */
export interface CookieOption {
  role: CookieRole;
  flag: Node;
  value: Node;
  /** The value without its quotes: a jar path (`$JAR`, `cookies.txt`) or a cookie string (`JSESSIONID=$SID`). */
  target: string;
}

export function commandName(command: Node): string {
  return command.childForFieldName('name')?.text ?? '';
}

export function argumentsOf(command: Node): Node[] {
  return command.childrenForFieldName('argument').filter((arg): arg is Node => arg !== null);
}

export const unquote = (text: string): string => text.replace(/^["']|["']$/g, '');

/** `-b jar`, `--cookie=jar`, `--save-cookies=jar`, `--keep-session-cookies`, `--session=jira`: in argument order. */
export function cookieOptions(command: Node): CookieOption[] {
  const args = argumentsOf(command);
  const httpie = isHttpie(command);
  const options: CookieOption[] = [];
  for (let index = 0; index < args.length; index++) {
    const arg = args[index];
    if (!arg) continue;
    if (ALONE.has(arg.text)) {
      options.push({ role: 'other', flag: arg, value: arg, target: '' });
      continue;
    }
    const joined = /^(--[a-z-]+)=(.*)$/s.exec(arg.text);
    const name = joined?.[1] ?? arg.text;
    const role: CookieRole | undefined = httpie ? (HTTPIE_SESSION.has(name) ? 'session' : undefined) : READ.has(name) ? 'read' : WRITE.has(name) ? 'write' : undefined;
    if (!role) continue;
    if (joined) {
      options.push({ role, flag: arg, value: arg, target: unquote(joined[2] ?? '') });
      continue;
    }
    const value = args[index + 1];
    if (!value) continue;
    options.push({ role, flag: arg, value, target: unquote(value.text) });
    index++;
  }
  return options;
}

/** A curl `-b`/`--cookie` value that is the cookie itself (`JSESSIONID=$SID`), not a jar file. */
export function isCookieString(option: CookieOption): boolean {
  return option.role === 'read' && option.target.includes('=');
}

/** What authenticates a request of this client: the token from the environment, never a literal. */
export function credentialsFor(client: string, options: FixOptions): string {
  const token = `$${options.tokenVar}`;
  if (client === 'wget') return options.bearer ? `--header="Authorization: Bearer ${token}"` : `--user="$${options.emailVar}" --password="${token}" --auth-no-challenge`;
  if (HTTPIE.has(client)) return options.bearer ? `-A bearer -a "${token}"` : `-a "$${options.emailVar}:${token}"`;
  return options.bearer ? `-H "Authorization: Bearer ${token}"` : `-u "$${options.emailVar}:${token}"`;
}

/** `-H "Cookie: …"`, `--header 'cookie: …'`, `--header="Cookie: …"`: the range of the flag and its value. */
export function cookieHeaders(command: Node): Array<{ start: number; end: number }> {
  const args = argumentsOf(command);
  const ranges: Array<{ start: number; end: number }> = [];
  for (let index = 0; index < args.length; index++) {
    const flag = args[index];
    if (!flag) continue;
    if (/^--header=["']?cookie\s*:/i.test(flag.text)) ranges.push({ start: flag.startIndex, end: flag.endIndex });
    const value = args[index + 1];
    if (value && (flag.text === '-H' || flag.text === '--header') && /^["']?cookie\s*:/i.test(value.text)) ranges.push({ start: flag.startIndex, end: value.endIndex });
  }
  return ranges;
}

/**
 * Drops an option (flag through value) from a command. Alone on a continued line (`  -c "$JAR" \`), the line
 * goes; otherwise one of the spaces around it goes along: `-b jar -c jar -H …` → `-u … -H …`.
 */
export function dropOption(source: string, start: number, end: number): Edit {
  const lineStart = source.lastIndexOf('\n', start - 1) + 1;
  const continued = /^[ \t]*\\\n/.exec(source.slice(end));
  if (source.slice(lineStart, start).trim() === '' && continued) return { start: lineStart, end: end + continued[0].length, text: '' };
  if (source[end] === ' ' && source[start - 1] === ' ') return { start, end: end + 1, text: '' };
  if (source[start - 1] === ' ') return { start: start - 1, end, text: '' };
  return { start, end, text: '' };
}
