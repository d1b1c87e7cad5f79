import type { Node } from 'web-tree-sitter';
import { descendants, lineOf, mentionsSessionResource, replaceNode, type Edit, type FixOptions, type RewriteResult, type ScanHints } from '../edits';
import { innermostSpanning, removeLogin, type LoginShape } from '../login-removal';

function boundNames(statement: Node): string[] {
  if (statement.type !== 'local_variable_declaration') return [];
  return descendants(statement, 'initialized_variable_definition')
    .filter((definition) => definition.parent?.id === statement.id)
    .map((definition) => (definition.childForFieldName('name') ?? definition.namedChildren.find((child) => child?.type === 'identifier'))?.text ?? '')
    .filter(Boolean);
}

const SHAPE: LoginShape = {
  blocks: new Set(['block']),
  removable: new Set(['local_variable_declaration']),
  identifierTypes: ['identifier', 'identifier_dollar_escaped'],
  definedNames: boundNames,
  binds: (statement) => boundNames(statement).length > 0,
  isReference(node) {
    const parent = node.parent;
    if (!parent) return true;
    if (parent.type === 'initialized_variable_definition' && (parent.childForFieldName('name') ?? parent.namedChildren.find((child) => child?.type === 'identifier'))?.id === node.id) return false;
    // `.get`, `headers:`: a member or a label, not a variable.
    return parent.type !== 'unconditional_assignable_selector' && parent.type !== 'conditional_assignable_selector' && parent.type !== 'label';
  },
  scopeOf(statement) {
    let current: Node | null = statement.parent;
    while (current && current.type !== 'function_body') current = current.parent;
    return current ?? undefined;
  },
};

const COOKIE = /^(["'])cookie\1$/i;

/**
 * The Authorization value: Flutter code reads `--dart-define` values (String.fromEnvironment, on every platform);
 * other Dart reads the process environment (dart:io). The imports it needs are added where missing.
 */
function dartAuthorization(source: string, root: Node, options: FixOptions): { value: string; imports: string[] } {
  const uris = descendants(root, 'uri').map((uri) => uri.text.slice(1, -1));
  const flutter = uris.some((uri) => uri.startsWith('package:flutter/'));
  const env = (name: string): string => (flutter ? `\${const String.fromEnvironment('${name}')}` : `\${Platform.environment['${name}']}`);
  const needed = [...(options.bearer ? [] : ['dart:convert']), ...(flutter ? [] : ['dart:io'])].filter((uri) => !uris.includes(uri));
  const value = options.bearer ? `'Bearer ${env(options.tokenVar)}'` : `'Basic \${base64Encode(utf8.encode('${env(options.emailVar)}:${env(options.tokenVar)}'))}'`;
  return { value, imports: needed.map((uri) => `import '${uri}';`) };
}

/** The arguments of `x.headers.set('cookie', v)` / `.add(…)`: the two argument nodes after a `headers` selector. */
function headerSetArguments(node: Node): [Node, Node] | undefined {
  if (node.type !== 'arguments') return undefined;
  const args = node.namedChildren.filter((child): child is Node => child?.type === 'argument');
  const selector = node.parent?.parent;
  const method = selector?.previousNamedSibling;
  const target = method?.previousNamedSibling;
  if (args.length !== 2 || !/^\.(set|add)$/.test(method?.text ?? '') || target?.text !== '.headers') return undefined;
  return [args[0] as Node, args[1] as Node];
}

/** `{'Cookie': …}` header maps, `options.headers['Cookie'] = …` (dio), `request.headers.set('cookie', …)` (dart:io): Authorization instead. */
function cookieSends(root: Node, authorization: string): Edit[] {
  const edits: Edit[] = [];
  for (const pair of descendants(root, 'pair')) {
    const [key] = pair.namedChildren;
    if (key && COOKIE.test(key.text)) edits.push(replaceNode(pair, `'Authorization': ${authorization}`));
  }
  for (const assignment of descendants(root, 'assignment_expression')) {
    const target = assignment.namedChildren[0];
    const index = target?.lastNamedChild?.type === 'unconditional_assignable_selector' ? target.lastNamedChild.namedChildren[0] : undefined;
    const key = index?.type === 'index_selector' ? index.namedChildren[0] : undefined;
    const value = assignment.lastNamedChild;
    if (key && value && COOKIE.test(key.text) && target?.text.includes('headers')) edits.push(replaceNode(key, "'Authorization'"), replaceNode(value, authorization));
  }
  for (const args of descendants(root, 'arguments')) {
    const pair = headerSetArguments(args);
    if (pair && COOKIE.test(pair[0].text)) edits.push(replaceNode(pair[0], "'Authorization'"), replaceNode(pair[1], authorization));
  }
  return edits;
}

/** The innermost statement of a block spanning the reported line (the login may start a line above its URL). */
function loginStatement(root: Node, line: number): Node | undefined {
  const statement = innermostSpanning(root, ['local_variable_declaration', 'expression_statement'], line);
  return statement?.parent?.type === 'block' ? statement : undefined;
}

function importEdit(source: string, root: Node, lines: string[]): Edit | undefined {
  if (!lines.length) return undefined;
  const first = descendants(root, 'import_or_export')[0];
  const offset = first ? source.lastIndexOf('\n', first.startIndex - 1) + 1 : 0;
  return { start: offset, end: offset, text: `${lines.join('\n')}\n${first ? '' : '\n'}` };
}

/**
 * Dart (package:http, dio, dart:io): a login whose answer only becomes the Cookie header of later requests in the
 * same function goes, with the JSON body that carried the credentials; the Cookie header sends Authorization.
 */
export function rewriteDart(source: string, root: Node, options: FixOptions, hints: ScanHints): RewriteResult {
  const { value, imports } = dartAuthorization(source, root, options);
  const sends = cookieSends(root, value);
  const edits: Edit[] = [...sends];
  const notes: RewriteResult['notes'] = [];
  // The scan reports a Dart login by its session path (the call itself is a chain of selectors): a POST whose
  // URL holds that path is the login too.
  const byPath = descendants(root, 'string_literal')
    .filter((literal) => mentionsSessionResource(literal.text))
    .map((literal) => loginStatement(root, lineOf(literal)))
    .filter((statement): statement is Node => statement !== undefined && descendants(statement, 'identifier').some((name) => name.text === 'post'));
  const logins = new Map<number, Node>(byPath.map((statement) => [statement.id, statement]));
  for (const line of hints.loginLines) {
    const login = loginStatement(root, line);
    if (login) logins.set(login.id, login);
    else notes.push({ line, note: `Remove this session login and send headers: {'Authorization': ${value}} on the requests that used its cookie.` });
  }
  for (const login of logins.values()) {
    const removed = removeLogin(source, root, login, SHAPE, sends);
    if (removed) edits.push(...removed);
    else notes.push({ line: lineOf(login), note: `Remove this session login and send headers: {'Authorization': ${value}} on the requests that used its cookie.` });
  }
  const added = sends.length ? importEdit(source, root, imports) : undefined;
  return { edits: added ? [added, ...edits] : edits, notes };
}
