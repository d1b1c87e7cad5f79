import type { Node } from 'web-tree-sitter';
import { enclosingStatement } from '../dependents';
import { descendants, lineOf, mentionsSessionResource, replaceNode, type Edit, type FixOptions, type RewriteResult, type ScanHints } from '../edits';
import { removeLogin, type LoginShape } from '../login-removal';

/** Invoke-RestMethod / Invoke-WebRequest and their built-in aliases. */
const WEB_CMDLETS = /^(invoke-restmethod|invoke-webrequest|irm|iwr)$/i;

/** `$Name`, `$script:name`, `${name}` → `name`: PowerShell variable names ignore case and the scope they are written with. */
export function variableName(text: string): string {
  const bare = text.replace(/^[$@]/, '').replace(/^\{(.*)\}$/, '$1');
  return bare.replace(/^(script|global|local|private|using):/i, '').toLowerCase();
}

/** The pipeline `$x = …` (an assignment statement), or undefined. */
function assignmentOf(statement: Node): Node | undefined {
  const first = statement.type === 'pipeline' ? statement.firstNamedChild : null;
  return first?.type === 'assignment_expression' ? first : undefined;
}

function assignedVariable(statement: Node): Node | undefined {
  const left = assignmentOf(statement)?.namedChildren.find((child) => child?.type === 'left_assignment_expression');
  // `$x = …` only: `$x.Prop = …` and `$x[0] = …` change a value that stays; `$null = …` discards it.
  const variable = left ? descendants(left, 'variable')[0] : undefined;
  return variable && left && variable.text === left.text.trim() && variableName(variable.text) !== 'null' ? variable : undefined;
}

/** Whether the node is the whole left side of an assignment (under the grammar's one-child expression wrappers). */
function isAssignedTo(node: Node): boolean {
  let current: Node | null = node.parent;
  while (current && current.type !== 'left_assignment_expression' && current.text === node.text) current = current.parent;
  return current?.type === 'left_assignment_expression' && current.text.trim() === node.text;
}

const SHAPE: LoginShape = {
  // A `$( … )` sub-expression holds a statement list too, but it is part of an expression, not a statement of its own.
  blocks: new Set(['statement_list']),
  removable: new Set(['pipeline']),
  identifierTypes: ['variable'],
  definedNames(statement) {
    const variable = assignedVariable(statement);
    return variable ? [variable.text] : [];
  },
  isReference(node) {
    let current: Node | null = node.parent;
    while (current && current.type !== 'pipeline') {
      if (current.type === 'left_assignment_expression') return current.text.trim() !== node.text;
      current = current.parent;
    }
    return true;
  },
  normalize: variableName,
  binds: (statement) => assignedVariable(statement) !== undefined,
  scopeOf(statement) {
    let current: Node | null = statement.parent;
    while (current && current.type !== 'function_statement') current = current.parent;
    return current ?? undefined;
  },
};

/** The Authorization value, built from the environment (`${env:NAME}`) on each run. */
export function powershellAuthorization(options: FixOptions): string {
  if (options.bearer) return `"Bearer \${env:${options.tokenVar}}"`;
  return `'Basic ' + [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes("\${env:${options.emailVar}}:\${env:${options.tokenVar}}"))`;
}

/** The parameters of a cmdlet call, by lower-cased name (`-SessionVariable` → `sessionvariable`), each with its argument. */
function parameters(command: Node): Map<string, Node | undefined> {
  const elements = command.childForFieldName('command_elements')?.namedChildren.filter((child): child is Node => child !== null && child.type !== 'command_argument_sep') ?? [];
  const found = new Map<string, Node | undefined>();
  elements.forEach((element, index) => {
    if (element.type !== 'command_parameter') return;
    const next = elements[index + 1];
    found.set(element.text.replace(/^-/, '').replace(/:$/, '').toLowerCase(), next?.type === 'command_parameter' ? undefined : next);
  });
  return found;
}

/**
 * The hashtable splatted into the command (`$login = @{ Uri = …; Method = 'Post'; SessionVariable = 's' }` then
 * `Invoke-RestMethod @login`): its entries by lower-cased key, from the last assignment before the command in its block.
 */
function splattedEntries(command: Node): Map<string, Node> {
  const entries = new Map<string, Node>();
  const elements = command.childForFieldName('command_elements');
  const splat = elements ? descendants(elements, 'variable').find((variable) => variable.text.startsWith('@')) : undefined;
  const statement = splat ? enclosingStatement(command, SHAPE) : undefined;
  const name = splat ? variableName(splat.text) : '';
  const assignment = (statement?.parent?.namedChildren ?? [])
    .filter((sibling): sibling is Node => sibling !== null && sibling.endIndex <= (statement?.startIndex ?? 0))
    .filter((sibling) => variableName(assignedVariable(sibling)?.text ?? '') === name)
    .pop();
  const table = assignment ? descendants(assignment, 'hash_literal_expression')[0] : undefined;
  for (const entry of table ? descendants(table, 'hash_entry').filter((child) => child.parent?.parent?.id === table.id) : []) {
    const key = entry.namedChildren.find((child) => child?.type === 'key_expression');
    const value = entry.namedChildren.find((child) => child?.type === 'pipeline');
    if (key && value) entries.set(key.text.replace(/^(["'])(.*)\1$/, '$2').toLowerCase(), value);
  }
  return entries;
}

const unquoted = (text: string | undefined): string | undefined => text?.trim().replace(/^(["'])(.*)\1$/, '$2');

/** A parameter given on the command line or in the splatted hashtable. */
function parameter(command: Node, names: string[]): Node | undefined {
  const params = parameters(command);
  const splatted = splattedEntries(command);
  for (const name of names) {
    const found = params.get(name) ?? splatted.get(name);
    if (found) return found;
  }
  return undefined;
}

/** `-SessionVariable NAME` (or its alias `-SV`): the session the login fills, which later calls pass as `-WebSession $NAME`. */
function sessionVariable(command: Node): string | undefined {
  const name = unquoted(parameter(command, ['sessionvariable', 'sv'])?.text);
  return name && /^[A-Za-z_]\w*$/.test(name) ? name : undefined;
}

/**
 * `-Method Post` with the session path in a string of the command or of its splatted hashtable: the line scan
 * reports only the path when they are on different lines.
 */
function postsToSessionPath(command: Node): boolean {
  const uri = parameter(command, ['uri']);
  const strings = [...descendants(command, 'string_literal'), ...(uri ? descendants(uri, 'string_literal') : [])];
  return /^post$/i.test(unquoted(parameter(command, ['method'])?.text) ?? '') && strings.some((literal) => mentionsSessionResource(literal.text));
}

function indentOf(source: string, offset: number): string {
  const lineStart = source.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(source.slice(lineStart))?.[0] ?? '';
}

/**
 * Where the session cookie is handed on: `$web.Cookies.Add(…)` statements (a WebRequestSession that later calls
 * pass as -WebSession) become `$web.Headers['Authorization'] = …`; a `Cookie` entry of a headers hashtable
 * (`@{ Cookie = "JSESSIONID=…" }`), `$headers.Add('Cookie', …)` and `$headers['Cookie'] = …` send Authorization instead.
 */
function cookieSends(root: Node, authorization: string): Edit[] {
  const edits: Edit[] = [];
  for (const invocation of descendants(root, 'invokation_expression')) {
    const [target, method, args] = invocation.namedChildren;
    const values = args ? descendants(args, 'argument_expression').filter((arg) => arg.parent?.parent?.id === args.id) : [];
    if (method?.type !== 'member_name') continue;
    if (method.text.toLowerCase() === 'add' && target?.type === 'member_access' && target.namedChildren[1]?.text.toLowerCase() === 'cookies') {
      const session = target.namedChildren[0];
      const statement = enclosingStatement(invocation, SHAPE);
      if (session?.type === 'variable' && statement && statement.text.trim() === invocation.text) {
        edits.push(replaceNode(statement, `${session.text}.Headers['Authorization'] = ${authorization}`));
      }
    } else if (method.text.toLowerCase() === 'add' && values.length === 2 && /^["']cookie["']$/i.test(values[0]?.text ?? '')) {
      const [name, value] = values as [Node, Node];
      edits.push({ start: name.startIndex, end: value.endIndex, text: `'Authorization', ${authorization}` });
    }
  }
  for (const access of descendants(root, 'element_access')) {
    // `$headers['Cookie'] = …`: the whole assignment, so the value that read the cookie goes with it.
    const [target, index] = access.namedChildren;
    const statement = isAssignedTo(access) ? enclosingStatement(access, SHAPE) : undefined;
    if (target && statement && /^["']cookie["']$/i.test(index?.text ?? '') && assignmentOf(statement)) {
      edits.push(replaceNode(statement, `${target.text}['Authorization'] = ${authorization}`));
    }
  }
  for (const entry of descendants(root, 'hash_entry')) {
    const key = entry.namedChildren.find((child) => child?.type === 'key_expression');
    if (key && /^["']?cookie["']?$/i.test(key.text)) edits.push(replaceNode(entry, `Authorization = ${authorization}`));
  }
  return edits;
}

/**
 * PowerShell: `Invoke-RestMethod … /rest/auth/1/session -Method Post -Body $body -SessionVariable s` becomes a
 * WebRequestSession `$s` that carries the Authorization header, so every `-WebSession $s` call after it stays as it
 * is; a login whose answer fills a session's cookie jar (`$web.Cookies.Add(…)`) goes, and the jar gets the header.
 * The body with the credentials, and what only fed it, goes with the login.
 */
export function rewritePowerShell(source: string, root: Node, options: FixOptions, hints: ScanHints): RewriteResult {
  const notes: RewriteResult['notes'] = [];
  const authorization = powershellAuthorization(options);
  const sends = cookieSends(root, authorization);
  const edits: Edit[] = [];
  for (const command of descendants(root, 'command')) {
    const name = command.childForFieldName('command_name')?.text ?? '';
    // A command continued with backticks: the reported line may be any of its lines.
    const lines = Array.from({ length: command.endPosition.row - command.startPosition.row + 1 }, (_, offset) => lineOf(command) + offset);
    if (!WEB_CMDLETS.test(name) || !(lines.some((line) => hints.loginLines.has(line)) || postsToSessionPath(command))) continue;
    // The statement the command is (with a `$x =` or a `| Out-Null`), never an `if`/`foreach` holding it.
    const statement = enclosingStatement(command, SHAPE);
    const login = statement?.type === 'pipeline' ? statement : undefined;
    const session = sessionVariable(command);
    // `-WebSession $s` on the login fills a session made before it: that session gets the header instead.
    const existing = parameter(command, ['websession'])?.text;
    const kept = existing && /^\$[\w:]+$/.test(existing) ? existing : undefined;
    const removed = login ? removeLogin(source, root, login, SHAPE, sends, !session && !kept) : undefined;
    if (!login || !removed) {
      notes.push({ line: lineOf(command), note: `Remove this session login and send -Headers @{ Authorization = ${authorization} } on the calls that used its session.` });
      continue;
    }
    if (session) {
      // The session the later calls pass as -WebSession: made here, with the header instead of the cookie.
      const indent = indentOf(source, login.startIndex);
      removed[0] = replaceNode(login, `$${session} = New-Object Microsoft.PowerShell.Commands.WebRequestSession\n${indent}$${session}.Headers['Authorization'] = ${authorization}`);
    } else if (kept) {
      removed[0] = replaceNode(login, `${kept}.Headers['Authorization'] = ${authorization}`);
    }
    edits.push(...removed);
  }
  // A Cookie sent with a login elsewhere (a caller's session) is replaced too: the header is right with any login gone.
  return { edits: [...edits, ...sends], notes };
}
