import type { Node } from 'web-tree-sitter';
import { enclosingStatement } from '../dependents';
import { descendants, type Edit, type FixOptions, insideEdits, type RewriteResult, type ScanHints } from '../edits';
import { innermostSpanning, removeLogin, type LoginShape } from '../login-removal';

function boundNames(statement: Node): string[] {
  const pattern = statement.type === 'let_declaration' ? statement.childForFieldName('pattern') : null;
  if (!pattern) return [];
  const names = pattern.type === 'identifier' ? [pattern] : descendants(pattern, 'identifier');
  return names.map((name) => name.text).filter((name) => name !== '_');
}

const SHAPE: LoginShape = {
  blocks: new Set(['block', 'source_file']),
  removable: new Set(['let_declaration']),
  identifierTypes: ['identifier'],
  definedNames: boundNames,
  binds: (statement) => boundNames(statement).length > 0,
  isReference(node) {
    const parent = node.parent;
    if (parent?.type === 'let_declaration' && parent.childForFieldName('pattern')?.id === node.id) return false;
    // `reqwest::header::COOKIE`: a path, not a variable.
    return parent?.type !== 'scoped_identifier' && parent?.type !== 'scoped_type_identifier';
  },
  scopeOf(statement) {
    let current: Node | null = statement.parent;
    while (current && current.type !== 'function_item' && current.type !== 'closure_expression') current = current.parent;
    return current ?? undefined;
  },
};

/** reqwest's own methods: `.basic_auth(user, Some(password))`, `.bearer_auth(token)`, with the values read from the environment. */
export function rustAuthCall(options: FixOptions): string {
  const env = (name: string): string => `std::env::var("${name}")`;
  if (options.bearer) return `bearer_auth(${env(options.tokenVar)}.unwrap_or_default())`;
  return `basic_auth(${env(options.emailVar)}.unwrap_or_default(), ${env(options.tokenVar)}.ok())`;
}

const COOKIE_NAME = /^(?:"cookie"|(?:\w+::)*COOKIE)$/i;

/** `.header("Cookie", …)` / `.header(COOKIE, …)` / `.header(reqwest::header::COOKIE, …)` on a reqwest request: `.basic_auth(…)` instead. */
function cookieSends(root: Node, options: FixOptions): Edit[] {
  const edits: Edit[] = [];
  for (const call of descendants(root, 'call_expression')) {
    const callee = call.childForFieldName('function');
    const method = callee?.type === 'field_expression' ? callee.childForFieldName('field') : null;
    const args = call.childForFieldName('arguments');
    const [name, value] = args?.namedChildren ?? [];
    if (method?.text !== 'header' || !args || args.namedChildren.length !== 2 || !name || !value || !COOKIE_NAME.test(name.text)) continue;
    edits.push({ start: method.startIndex, end: args.endIndex, text: rustAuthCall(options) });
  }
  return edits;
}

/** A name read inside a format string (`format!("{cookie}")`), which the tree does not show as an identifier. */
function readInFormatString(root: Node, names: string[], gone: Edit[]): boolean {
  return descendants(root, 'string_literal').some(
    (literal) => !insideEdits(literal, gone) && names.some((name) => new RegExp(`\\{${name}(?:[:}])`).test(literal.text)),
  );
}

function loginStatement(root: Node, line: number): Node | undefined {
  const innermost = innermostSpanning(root, 'call_expression', line);
  const statement = innermost ? enclosingStatement(innermost, SHAPE) : undefined;
  return statement?.type === 'let_declaration' || statement?.type === 'expression_statement' ? statement : undefined;
}

/**
 * Rust (reqwest): a login whose answer only becomes the Cookie header of later requests in the same function goes,
 * with the JSON body that carried the credentials; each `.header(COOKIE, …)` becomes `.basic_auth(…)` (or
 * `.bearer_auth(…)`) from the environment. Files without reqwest keep the scan's notes.
 */
export function rewriteRust(source: string, root: Node, options: FixOptions, hints: ScanHints): RewriteResult {
  const usesReqwest = descendants(root, 'identifier').some((node) => node.text === 'reqwest');
  if (!usesReqwest) return { edits: [], notes: [] };
  const sends = cookieSends(root, options);
  const edits: Edit[] = [...sends];
  const notes: RewriteResult['notes'] = [];
  for (const line of hints.loginLines) {
    const login = loginStatement(root, line);
    const removed = login ? removeLogin(source, root, login, SHAPE, sends) : undefined;
    const names = login && removed ? (login.parent?.namedChildren ?? []).filter((child): child is Node => child !== null && insideEdits(child, removed)).flatMap(boundNames) : [];
    if (login && removed && !readInFormatString(SHAPE.scopeOf?.(login) ?? root, names, [...removed, ...sends])) edits.push(...removed);
    else notes.push({ line, note: `Remove this session login and call .${rustAuthCall(options)} on the requests that used its cookie.` });
  }
  return { edits, notes };
}
