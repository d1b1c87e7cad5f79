import type { Node } from 'web-tree-sitter';
import { descendants, lineOf, removeStatement, type Edit, type FixOptions } from '../edits';

/** What a short variable declaration `a, b := …` declares. */
function declared(statement: Node): string[] {
  if (statement.type !== 'short_var_declaration') return [];
  return descendants(statement.childForFieldName('left') ?? statement, 'identifier').map((name) => name.text);
}

function reads(node: Node, names: Set<string>): boolean {
  return descendants(node, 'identifier').some((identifier) => names.has(identifier.text));
}

/**
 * Go refuses a variable used before it is declared and one declared but never used: a name the login declared may
 * go only when nothing after reads it, or when an earlier statement declared it too and something else reads that.
 */
function compilesWithout(name: string, earlier: Node[], rest: Node[]): boolean {
  if (name === '_') return true;
  const only = new Set([name]);
  const readLater = rest.some((child) => reads(child, only));
  const declaredEarlier = earlier.some((child) => declared(child).includes(name));
  const readEarlier = earlier.some((child) => !declared(child).includes(name) && reads(child, only));
  return declaredEarlier ? readLater || readEarlier : !readLater;
}

/** `if err != nil || !ok { panic(err) }`: a check of the login's answer that only stops the program. */
function isLoginCheck(statement: Node | null, names: Set<string>): boolean {
  if (statement?.type !== 'if_statement' || statement.childForFieldName('alternative') || statement.childForFieldName('initializer')) return false;
  const condition = statement.childForFieldName('condition');
  const consequence = statement.childForFieldName('consequence');
  const body = consequence?.namedChildren.filter((child): child is Node => child !== null && child.type !== 'comment') ?? [];
  const stops = body.length === 1 && (body[0]?.type === 'return_statement' || /^(panic|log\.Fatal\w*|os\.Exit)\(/.test(body[0]?.text ?? ''));
  return Boolean(condition && reads(condition, names) && stops);
}

/**
 * go-jira: `ok, err := client.Authentication.AcquireSessionCookie(user, pass)` and the check after it go; the
 * client made in the same block by `jira.NewClient(nil, url)` gets a `BasicAuthTransport` (`PATAuthTransport`
 * with --bearer) reading the environment. Anything else (another block, a result used later) is left to a person.
 */
export function rewriteAcquireSessionCookie(source: string, root: Node, options: FixOptions, cloud: boolean): { edits: Edit[]; lines: Set<number> } {
  const edits: Edit[] = [];
  const lines = new Set<number>();
  for (const call of descendants(root, 'call_expression')) {
    const selector = call.childForFieldName('function');
    if (selector?.type !== 'selector_expression' || selector.childForFieldName('field')?.text !== 'AcquireSessionCookie') continue;
    const receiver = selector.childForFieldName('operand');
    const clientName = receiver?.type === 'selector_expression' ? receiver.childForFieldName('operand')?.text : undefined;
    const statement = call.parent?.parent?.type === 'short_var_declaration' ? call.parent.parent : undefined;
    const block = statement?.parent;
    if (!statement || !block || block.type !== 'block' || !clientName) continue;
    const siblings = block.namedChildren.filter((child): child is Node => child !== null);
    const index = siblings.findIndex((child) => child.id === statement.id);
    const names = new Set(declared(statement));
    const check = siblings[index + 1];
    const earlier = siblings.slice(0, index);
    const creation = earlier.find((child) => declared(child).includes(clientName) && /\bNewClient\(\s*nil\s*,/.test(child.text));
    const rest = siblings.slice(index + (isLoginCheck(check ?? null, names) ? 2 : 1));
    if (!creation || reads(block, new Set(['tp'])) || ![...names].every((name) => compilesWithout(name, earlier, rest))) continue;
    const nil = descendants(creation, 'call_expression').find((inner) => /NewClient$/.test(inner.childForFieldName('function')?.text ?? ''))?.childForFieldName('arguments')?.namedChildren[0];
    if (nil?.type !== 'nil') continue;
    const indent = source.slice(source.lastIndexOf('\n', creation.startIndex - 1) + 1, creation.startIndex);
    const qualifier = /(\w+)\.NewClient/.exec(creation.text)?.[1] ?? 'jira';
    const fields = options.bearer ? `Token: os.Getenv("${options.tokenVar}")` : `Username: os.Getenv("${options.emailVar}"), ${cloud ? 'APIToken' : 'Password'}: os.Getenv("${options.tokenVar}")`;
    const lineStart = source.lastIndexOf('\n', creation.startIndex - 1) + 1;
    edits.push({ start: lineStart, end: lineStart, text: `${indent}tp := ${qualifier}.${options.bearer ? 'PATAuthTransport' : 'BasicAuthTransport'}{${fields}}\n` });
    edits.push({ start: nil.startIndex, end: nil.endIndex, text: 'tp.Client()' });
    edits.push(removeStatement(source, statement));
    if (check && isLoginCheck(check, names)) edits.push(removeStatement(source, check));
    lines.add(lineOf(call));
  }
  return { edits, lines };
}
