import type { Node } from 'web-tree-sitter';
import { enclosingStatement, fillBlock, removeWithDependents, type StatementShape } from '../dependents';
import { whoamiEdit, unusedSessionUrls } from './shell-whoami';
import { descendants, lineOf, mentionsSessionResource, removeStatement, type Edit, type FixOptions, type RewriteResult, type ScanHints } from '../edits';

const STATEMENT_BLOCKS = new Set(['program', 'compound_statement', 'do_group', 'if_statement', 'elif_clause', 'else_clause', 'case_item', 'subshell']);
const READ_JAR = new Set(['-b', '--cookie']);
const WRITE_JAR = new Set(['-c', '--cookie-jar']);
const SENDS_DATA = /^(-d|--data|--data-raw|--data-binary|--json)$/;

const SHAPE: StatementShape = {
  blocks: STATEMENT_BLOCKS,
  removable: new Set(['variable_assignment', 'declaration_command']),
  identifierTypes: ['variable_name'],
  emptyBlockFiller: ':',
  definedNames(statement) {
    const assignments = statement.type === 'variable_assignment' ? [statement] : descendants(statement, 'variable_assignment');
    return assignments.map((assignment) => assignment.childForFieldName('name')?.text ?? '').filter(Boolean);
  },
  isReference(node) {
    return node.parent?.type === 'simple_expansion' || node.parent?.type === 'expansion';
  },
};

function isCurl(command: Node): boolean {
  return command.childForFieldName('name')?.text === 'curl';
}

function argumentsOf(command: Node): Node[] {
  return command.childrenForFieldName('argument').filter((arg): arg is Node => arg !== null);
}

/** A login POSTs a body (or says -X POST); a logout is -X DELETE. A GET of the session reads the user: a person rewrites it. */
function isLoginOrLogout(command: Node): boolean {
  const args = argumentsOf(command).map((arg) => arg.text.replace(/^["']|["']$/g, ''));
  return args.some((arg) => SENDS_DATA.test(arg)) || args.some((arg, index) => (arg === '-X' || index === 0) && /^(POST|DELETE)$/.test(index === 0 ? arg : (args[index + 1] ?? '')));
}

export function credentialsFlag(options: FixOptions): string {
  return options.bearer ? `-H "Authorization: Bearer $${options.tokenVar}"` : `-u "$${options.emailVar}:$${options.tokenVar}"`;
}

/** The statement a command is: itself, or its redirection wrapper, when it sits directly in a list of statements. */
function statementOf(command: Node): Node | undefined {
  const node = command.parent?.type === 'redirected_statement' ? command.parent : command;
  return node.parent && STATEMENT_BLOCKS.has(node.parent.type) ? node : undefined;
}

/** `-H "Cookie: …"` / `--header 'Cookie: …'`: the flag and its value. */
function cookieHeaders(command: Node): Array<[Node, Node]> {
  const args = argumentsOf(command);
  const pairs: Array<[Node, Node]> = [];
  for (let index = 0; index < args.length - 1; index++) {
    const flag = args[index];
    const value = args[index + 1];
    if (flag && value && (flag.text === '-H' || flag.text === '--header') && /^["']?cookie\s*:/i.test(value.text)) pairs.push([flag, value]);
  }
  return pairs;
}

/**
 * `jira_call POST /rest/auth/1/session -d …`: a login through the script's own wrapper function. It goes only when
 * the wrapper's curl is in this file and reads the cookie jar, so the `-b` below becomes the credentials.
 */
function wrapperLogins(root: Node, curls: Node[], hints: ScanHints): Node[] {
  const readsJar = curls.some((command) => argumentsOf(command).some((arg) => READ_JAR.has(arg.text)));
  if (!readsJar) return [];
  const functions = new Set(descendants(root, 'function_definition').map((definition) => definition.childForFieldName('name')?.text));
  return descendants(root, 'command').filter((command) => !isCurl(command) && hints.loginLines.has(lineOf(command)) && functions.has(command.childForFieldName('name')?.text) && isLoginOrLogout(command));
}

/**
 * The statements of a branch: for `if`/`elif`, those after `then` (the condition is none, and `elif`/`else`
 * hold their own); elsewhere, the block's statements.
 */
function branchStatements(block: Node): Node[] {
  const statements = block.namedChildren.filter((child): child is Node => child !== null && !child.type.includes('comment') && child.type !== 'variable_name' && child.type !== 'word');
  if (block.type !== 'if_statement' && block.type !== 'elif_clause') return statements;
  const then = block.children.find((child) => child?.type === 'then');
  return statements.filter((child) => then && child.startIndex > then.startIndex && child.type !== 'elif_clause' && child.type !== 'else_clause');
}

/** `shell` rewrites: curl's session login goes, and every curl that read its cookie jar or header authenticates itself. */
export function rewriteShell(source: string, root: Node, options: FixOptions, hints: ScanHints): RewriteResult {
  const edits: Edit[] = [];
  const notes: RewriteResult['notes'] = [];
  const curls = descendants(root, 'command').filter(isCurl);
  const sessionCalls = curls.filter((command) => hints.loginLines.has(lineOf(command)) || argumentsOf(command).some((arg) => mentionsSessionResource(arg.text)));

  // Cookie headers first: the login's answer may feed only them, so the login can go with what reads it.
  const replaced: Edit[] = [];
  for (const command of curls) {
    if (sessionCalls.includes(command)) continue;
    for (const [flag, value] of cookieHeaders(command)) replaced.push({ start: flag.startIndex, end: value.endIndex, text: credentialsFlag(options) });
  }
  edits.push(...replaced);

  const logins = [...sessionCalls.filter(isLoginOrLogout), ...wrapperLogins(root, curls, hints)];
  for (const command of sessionCalls.filter((call) => !logins.includes(call))) {
    const whoami = logins.length ? whoamiEdit(command, root) : undefined;
    if (whoami) {
      edits.push(whoami);
      continue;
    }
    notes.push({ line: lineOf(command), note: `Read the user from "$JIRA_URL/rest/api/2/myself" with curl ${credentialsFlag(options)} instead of the session resource.` });
  }
  for (const login of logins) {
    const statement = statementOf(login);
    const block = statement?.parent;
    if (statement && block) {
      const alone = block.type !== 'program' && branchStatements(block).length === 1;
      edits.push(...(alone ? fillBlock(source, [removeStatement(source, statement)], ':') : [removeStatement(source, statement)]));
      continue;
    }
    // `resp=$(curl … /rest/auth/1/session)`: the assignment goes with what only read it.
    const assignment = enclosingStatement(login, SHAPE);
    const removed = assignment && SHAPE.removable.has(assignment.type) ? removeWithDependents(source, root, assignment, SHAPE, replaced) : undefined;
    if (removed) edits.push(...removed);
    else notes.push({ line: lineOf(login), note: `Remove this session login; call the API with curl ${credentialsFlag(options)} instead.` });
  }
  if (!logins.length && !replaced.length) return { edits, notes };
  for (const command of curls) {
    if (logins.includes(command)) continue;
    const args = argumentsOf(command);
    let authenticated = false;
    for (let index = 0; index < args.length - 1; index++) {
      const flagNode = args[index];
      const value = args[index + 1];
      if (!flagNode || !value) continue;
      const flag = flagNode.text;
      if (!READ_JAR.has(flag) && !WRITE_JAR.has(flag)) continue;
      const isRead = READ_JAR.has(flag);
      const dropped = !(isRead && !authenticated);
      // A dropped flag takes one of the spaces around it along: `-b jar -c jar -H …` → `-u … -H …`.
      const end = dropped && source[value.endIndex] === ' ' && source[flagNode.startIndex - 1] === ' ' ? value.endIndex + 1 : value.endIndex;
      edits.push({ start: flagNode.startIndex, end, text: dropped ? '' : credentialsFlag(options) });
      authenticated ||= isRead;
      index++;
    }
  }
  // Only when every session call went: a kept GET of the session still needs its URL.
  return { edits: notes.length ? edits : [...edits, ...unusedSessionUrls(source, root, edits)], notes };
}
