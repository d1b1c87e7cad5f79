import type { Node } from 'web-tree-sitter';
import { escapeRegExp, type Edit } from '../edits';
import { argumentsOf, commandName, unquote } from './shell-cookies';

/** The files a GitHub Actions step writes to hand values to later steps. */
const RUNNER_FILE = /^"?\$\{?GITHUB_(OUTPUT|ENV)\}?"?$/;

/** How later steps read a key: `steps.<id>.outputs.<key>` for an output, `env.<KEY>` or `$KEY` for the environment. */
function readsOf(file: string, key: string): RegExp {
  const name = escapeRegExp(key);
  return file === 'OUTPUT' ? new RegExp(`outputs\\.${name}\\b|outputs\\[['"]${name}['"]\\]`, 'g') : new RegExp(`env\\.${name}\\b|\\$\\{?${name}\\b`, 'g');
}

/**
 * `echo "session=$SID" >> "$GITHUB_OUTPUT"` (or `$GITHUB_ENV`, or `printf`): a statement that hands the login's
 * answer to the job's later steps. It may go with the login only when nothing in the whole workflow (`embedding`)
 * reads that key any more: every read left is inside a span the rewrite replaces (the `Cookie` header that used it).
 * Without the workflow's text (a script of its own) nothing can tell, and it stays.
 */
export function forwardsUnreadAnswer(statement: Node, embedding: string | undefined, rewritten: readonly Edit[]): boolean {
  if (!embedding || statement.type !== 'redirected_statement') return false;
  const command = statement.childForFieldName('body');
  if (command?.type !== 'command' || !['echo', 'printf'].includes(commandName(command))) return false;
  const redirect = statement.namedChildren.find((child) => child?.type === 'file_redirect');
  const target = redirect?.childForFieldName('destination');
  const file = target && redirect?.text.trimStart().startsWith('>>') ? RUNNER_FILE.exec(target.text)?.[1] : undefined;
  const key = argumentsOf(command).map((arg) => /^([A-Za-z_][\w-]*)=/.exec(unquote(arg.text))?.[1]).find(Boolean);
  if (!file || !key) return false;
  const reads = readsOf(file, key);
  const everywhere = embedding.match(reads)?.length ?? 0;
  // The program keeps its host's offsets (embedded-shell.ts), with `${{ … }}` masked: the host shows what a span replaced.
  const replaced = rewritten.reduce((count, edit) => count + (embedding.slice(edit.start, edit.end).match(reads)?.length ?? 0), 0);
  return everywhere === replaced;
}
