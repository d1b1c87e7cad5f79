import type { Node } from 'web-tree-sitter';
import { fillBlock } from '../dependents';
import { descendants, lineOf, mentionsSessionResource, removeStatement, type Edit, type FixOptions, type RewriteResult } from '../edits';

const STATEMENT_BLOCKS = new Set(['program', 'compound_statement', 'do_group', 'if_statement', 'elif_clause', 'else_clause', 'case_item', 'subshell']);
const READ_JAR = new Set(['-b', '--cookie']);
const WRITE_JAR = new Set(['-c', '--cookie-jar']);

function isCurl(command: Node): boolean {
  return command.childForFieldName('name')?.text === 'curl';
}

function credentialsFlag(options: FixOptions): string {
  return options.bearer ? `-H "Authorization: Bearer $${options.tokenVar}"` : `-u "$${options.emailVar}:$${options.tokenVar}"`;
}

/** The statement a command is: itself, or its redirection wrapper, when it sits directly in a list of statements. */
function statementOf(command: Node): Node | undefined {
  const node = command.parent?.type === 'redirected_statement' ? command.parent : command;
  return node.parent && STATEMENT_BLOCKS.has(node.parent.type) ? node : undefined;
}

/** `shell` rewrites: curl's session login goes, and every curl that read its cookie jar authenticates itself. */
export function rewriteShell(source: string, root: Node, options: FixOptions): RewriteResult {
  const edits: Edit[] = [];
  const notes: RewriteResult['notes'] = [];
  const curls = descendants(root, 'command').filter(isCurl);
  const logins = curls.filter((command) => command.childrenForFieldName('argument').some((arg) => arg && mentionsSessionResource(arg.text)));
  for (const login of logins) {
    const statement = statementOf(login);
    if (!statement) {
      notes.push({ line: lineOf(login), note: `Remove this session login; call the API with curl ${credentialsFlag(options)} instead.` });
      continue;
    }
    const siblings = statement.parent!.namedChildren.filter((child) => child && !child.type.includes('comment') && child.type !== 'variable_name' && child.type !== 'word');
    const alone = statement.parent!.type !== 'program' && siblings.length === 1;
    edits.push(...(alone ? fillBlock(source, [removeStatement(source, statement)], ':') : [removeStatement(source, statement)]));
  }
  if (!edits.length && !logins.length) return { edits, notes };
  for (const command of curls) {
    if (logins.includes(command)) continue;
    const args = command.childrenForFieldName('argument').filter((arg): arg is Node => arg !== null);
    let authenticated = false;
    for (let index = 0; index < args.length - 1; index++) {
      const flag = args[index]!.text;
      if (!READ_JAR.has(flag) && !WRITE_JAR.has(flag)) continue;
      const value = args[index + 1]!;
      const isRead = READ_JAR.has(flag);
      edits.push({ start: args[index]!.startIndex, end: value.endIndex, text: isRead && !authenticated ? credentialsFlag(options) : '' });
      authenticated ||= isRead;
      index++;
    }
  }
  return { edits, notes };
}
