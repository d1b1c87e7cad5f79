import type { Edit, FixOptions, RewriteResult, ScanHints } from '../edits';

/** One `KEY=value` line of a dotenv/properties file, with its offsets (the line break included). */
export interface DotenvEntry {
  key: string;
  value: string;
  line: number;
  start: number;
  end: number;
}

const ENTRY = /^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*[=:][ \t]*(.*?)[ \t]*$/;

/**
 * The file's grammar: comment lines (`#`, `!`), blank lines and `KEY=value` entries (`export KEY=…`, `KEY: …`);
 * undefined when a line is none of these, so the file is left alone.
 */
export function parseDotenv(source: string): DotenvEntry[] | undefined {
  const entries: DotenvEntry[] = [];
  let offset = 0;
  const lines = source.split('\n');
  for (const [index, text] of lines.entries()) {
    const end = offset + text.length + (index < lines.length - 1 ? 1 : 0);
    const trimmed = text.trim();
    if (trimmed && !trimmed.startsWith('#') && !trimmed.startsWith('!')) {
      const match = ENTRY.exec(text);
      if (!match) return undefined;
      entries.push({ key: match[1] ?? '', value: (match[2] ?? '').replace(/^(["'])(.*)\1$/, '$2'), line: index + 1, start: offset, end });
    }
    offset = end;
  }
  return entries;
}

const SWITCHED_ON = /^(true|1|yes|on)$/i;

/**
 * php-jira-rest-client (lesstif) read from the environment: `COOKIE_AUTH_ENABLED=true` and `COOKIE_FILE` go, and
 * one comment says what JIRA_USER/JIRA_PASS must now hold (the library's own names: an email and an API token).
 * Its PAT mode needs a token value this file cannot invent: with --bearer, a note.
 */
export function rewriteDotenv(source: string, options: FixOptions, _hints: ScanHints): RewriteResult {
  const entries = parseDotenv(source);
  const cookieAuth = entries?.find((entry) => entry.key === 'COOKIE_AUTH_ENABLED' && SWITCHED_ON.test(entry.value));
  if (!entries || !cookieAuth) return { edits: [], notes: [] };
  if (options.bearer) {
    return { edits: [], notes: [{ line: cookieAuth.line, note: 'Replace COOKIE_AUTH_ENABLED/COOKIE_FILE with TOKEN_BASED_AUTH=true and PERSONAL_ACCESS_TOKEN=<your PAT> (kept out of the repository).' }] };
  }
  const edits: Edit[] = [
    { start: cookieAuth.start, end: cookieAuth.end, text: '# JIRA_USER: your Atlassian account email; JIRA_PASS: an API token (https://id.atlassian.com/manage-profile/security/api-tokens)\n' },
    ...entries.filter((entry) => entry.key === 'COOKIE_FILE').map((entry) => ({ start: entry.start, end: entry.end, text: '' })),
  ];
  return { edits, notes: [] };
}

export const DOTENV_REWRITER = { rewrite: rewriteDotenv, parses: (text: string): boolean => parseDotenv(text) !== undefined };
