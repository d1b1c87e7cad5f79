import type { Node } from 'web-tree-sitter';
import type { LanguageId } from '../model';
import type { Edit, FixOptions } from './edits';

const BLOCKS = new Set(['program', 'module', 'block', 'statement_block', 'compound_statement', 'body_statement', 'source_file', 'case_item', 'do_group', 'then', 'else', 'statements', 'statement_list', 'chunk', 'do_block', 'class_body']);
const HASH_COMMENT: ReadonlySet<LanguageId> = new Set(['python', 'shell', 'ruby', 'powershell', 'elixir']);
const prefixOf = (language: LanguageId): string => (HASH_COMMENT.has(language) ? '#' : language === 'lua' ? '--' : language === 'elisp' ? ';;' : '//');

/** The one comment a rewrite adds, where a person must create the token the code now reads. */
export function tokenComment(options: FixOptions): string {
  return options.bearer
    ? `${options.tokenVar}: a personal access token (Jira profile → Personal Access Tokens)`
    : `${options.emailVar} + ${options.tokenVar}: your Atlassian account email and an API token (https://id.atlassian.com/manage-profile/security/api-tokens)`;
}

/** Inserts the comment on its own line before the statement holding the first edit that reads the token. */
export function tokenCommentEdit(source: string, root: Node, language: LanguageId, edits: Edit[], options: FixOptions): Edit | undefined {
  const first = edits.filter((edit) => edit.text.includes(options.tokenVar)).sort((a, b) => a.start - b.start)[0];
  if (!first) return undefined;
  const editLineStart = source.lastIndexOf('\n', first.start - 1) + 1;
  if (editLineStart === first.start) {
    // The edit replaces whole lines (a statement in place of the login): the comment goes right above it.
    const indent = /^[ \t]*/.exec(first.text)?.[0] ?? '';
    return { start: first.start, end: first.start, text: `${indent}${prefixOf(language)} ${tokenComment(options)}\n` };
  }
  let node: Node | null = root.descendantForIndex(first.start);
  while (node?.parent && !BLOCKS.has(node.parent.type)) node = node.parent;
  const start = node && !BLOCKS.has(node.type) ? Math.min(node.startIndex, first.start) : first.start;
  const lineStart = source.lastIndexOf('\n', start - 1) + 1;
  const indent = /^[ \t]*/.exec(source.slice(lineStart))?.[0] ?? '';
  // The line moves out a level (its `if` goes): the comment follows it.
  const dedent = edits.find((edit) => edit.text === '' && edit.start >= lineStart && edit.end <= lineStart + indent.length && edit.end > edit.start);
  const kept = dedent ? indent.slice(0, dedent.start - lineStart) + indent.slice(dedent.end - lineStart) : indent;
  return { start: lineStart, end: lineStart, text: `${kept}${prefixOf(language)} ${tokenComment(options)}\n` };
}
