import type { Node } from 'web-tree-sitter';
import { enclosingStatement, removeWithDependents, type StatementShape } from '../dependents';
import { cookieHeaderEdit, isCookieHeaderName, jvmAuthorizationValue } from '../header-calls';
import { loginStatements, withRequestPaths } from '../login-statements';
import { descendants, type Edit, type FixOptions, insideEdits, removeStatement, replaceNode, type RewriteResult, type ScanHints } from '../edits';
import { restAssuredStepEdit, type ChainStep } from './java-restassured';

/*
 * Groovy has no grammar here: the scanner reads it with the JavaScript grammar (syntax/profiles.ts), which keeps
 * calls, chains, strings and blocks, and puts `def`, types and modifiers in ERROR nodes. So every edit here is on a
 * call, argument list or whole-line statement that the grammar read, and fix-file checks that the rewrite adds no
 * error (see TOLERANT_GRAMMARS).
 */

const DECLARATIONS = ['assignment_expression', 'variable_declarator', 'field_definition'];
const BLOCKS = new Set(['program', 'statement_block', 'class_body']);

function equalsSign(node: Node): Node | undefined {
  return node.children.find((child) => child?.type === '=') ?? undefined;
}

/** The name a declaration binds: the last name before `=` (`def x =`, `private SessionFilter x =`, `x =`). */
function declaredName(declaration: Node): Node | undefined {
  const equals = equalsSign(declaration);
  if (!equals) return undefined;
  return descendants(declaration, ['identifier', 'property_identifier']).filter((name) => name.endIndex <= equals.startIndex).at(-1);
}

const SHAPE: StatementShape = {
  blocks: BLOCKS,
  removable: new Set(['expression_statement', 'lexical_declaration', 'variable_declaration', 'field_definition']),
  identifierTypes: ['identifier'],
  definedNames(statement) {
    const own = DECLARATIONS.includes(statement.type) ? [statement] : [];
    return [...own, ...descendants(statement, DECLARATIONS)].map((declaration) => declaredName(declaration)?.text).filter((name): name is string => Boolean(name));
  },
  isReference(node) {
    const declaration = node.parent?.type === 'ERROR' ? node.parent.parent : node.parent;
    const equals = declaration && DECLARATIONS.includes(declaration.type) ? equalsSign(declaration) : undefined;
    return !(equals && node.endIndex <= equals.startIndex);
  },
};

function headerValue(options: FixOptions): string {
  return jvmAuthorizationValue(options, (credentials) => `${credentials}.bytes.encodeBase64()`);
}

function argumentsOf(call: Node): Node[] {
  return call.childForFieldName('arguments')?.namedChildren.filter((arg): arg is Node => arg !== null) ?? [];
}

/** `receiver.name(args)` as a chain step; an argument list the grammar could not read is no step. */
function chainStep(call: Node): ChainStep {
  const callee = call.childForFieldName('function');
  const name = callee?.type === 'member_expression' ? callee.childForFieldName('property') : null;
  const args = call.childForFieldName('arguments');
  const readable = name && args && !args.hasError;
  return { name: name?.text ?? '', args: argumentsOf(call), chained: Boolean(name), range: readable ? { start: name.startIndex, end: args.endIndex, text: '' } : undefined };
}

/** Names holding a `new SessionFilter()`, with the statement that declares each. */
function sessionFilters(root: Node): Map<string, Node> {
  const filters = new Map<string, Node>();
  for (const creation of descendants(root, 'new_expression')) {
    const declaration = creation.parent;
    const name = declaration && DECLARATIONS.includes(declaration.type) ? declaredName(declaration) : undefined;
    const statement = name ? enclosingStatement(creation, SHAPE) : undefined;
    if (creation.childForFieldName('constructor')?.text === 'SessionFilter' && name && statement) filters.set(name.text, statement);
  }
  return filters;
}

function usesOf(root: Node, name: string): Node[] {
  return descendants(root, 'identifier').filter((identifier) => identifier.text === name && SHAPE.isReference(identifier));
}

/** `def`/a type/a modifier before a declaration: an ERROR node, or (inside a block) a statement of that word alone. */
function declarationWords(node: Node): boolean {
  return node.type === 'ERROR' || (node.type === 'expression_statement' && node.namedChildCount === 1 && node.firstNamedChild?.type === 'identifier');
}

/**
 * The start of the `def`/type words before `node` on its line when the grammar hung them on the statement before it
 * (no `;` ended that one): each a name the tree holds, nothing else between the line's indent and `node`.
 */
function leadingWords(source: string, root: Node, node: Node): number | undefined {
  const lineStart = source.lastIndexOf('\n', node.startIndex - 1) + 1;
  let position = lineStart + (/^[ \t]*/.exec(source.slice(lineStart))?.[0].length ?? 0);
  const start = position;
  while (position < node.startIndex) {
    const word = root.descendantForIndex(position, position + 1);
    if (word?.type !== 'identifier' || word.startIndex !== position) return undefined;
    position = word.endIndex;
    while (source[position] === ' ' || source[position] === '\t') position++;
  }
  return position === node.startIndex && start < position ? start : undefined;
}

/**
 * A whole-line removal only: with the `def`/type/modifier words the grammar left as ERROR nodes before the
 * statement on its line; a statement sharing its line with other code stays.
 */
function removeLine(source: string, statement: Node): Edit | undefined {
  let first: Node = statement;
  while (first.previousSibling && declarationWords(first.previousSibling) && first.previousSibling.startPosition.row === statement.startPosition.row) first = first.previousSibling;
  const words = leadingWords(source, statement.tree.rootNode, first);
  if (words !== undefined) first = { startIndex: words } as Node;
  // A trailing closure (`out.withWriter { … }`) is a block of its own to this grammar: it goes with its call.
  let last: Node = statement;
  while (last.nextSibling?.type === 'statement_block' && last.nextSibling.startPosition.row === last.endPosition.row) last = last.nextSibling;
  const edit = removeStatement(source, { startIndex: first.startIndex, endIndex: last.endIndex });
  return edit.start < first.startIndex || edit.end > last.endIndex ? edit : undefined;
}

/** removeWithDependents' removals as whole lines (see removeLine); undefined when one is not. */
function asLines(source: string, root: Node, removed: Edit[]): Edit[] | undefined {
  const lines: Edit[] = [];
  for (const edit of removed) {
    // The statement the removal was made from: its text without the blanks and line end removeStatement took along.
    const start = edit.start + (/^\s*/.exec(source.slice(edit.start, edit.end))?.[0].length ?? 0);
    const end = edit.end - (/\s*$/.exec(source.slice(start, edit.end))?.[0].length ?? 0);
    let statement = edit.text === '' && start < end ? root.descendantForIndex(start, end) : null;
    // The smallest node over the range may be the statement's expression (an automatic `;` is empty): its statement.
    while (statement?.parent && !SHAPE.removable.has(statement.type) && statement.parent.startIndex === start && statement.parent.endIndex === end) statement = statement.parent;
    const whole = statement && statement.startIndex === start && statement.endIndex === end ? removeLine(source, statement) : undefined;
    if (whole) lines.push(whole);
    else if (edit.text !== '' || edit.start === 0 || source[edit.start - 1] === '\n') lines.push(edit);
    else return undefined;
  }
  return lines;
}

/** The SessionFilter declarations nothing reads any more, and their import once no SessionFilter is left. */
function unusedSessionFilters(source: string, root: Node, edits: Edit[]): Edit[] | undefined {
  const removals: Edit[] = [];
  for (const [name, statement] of sessionFilters(root)) {
    if (usesOf(root, name).some((use) => !insideEdits(use, edits) && !insideEdits(use, [{ start: statement.startIndex, end: statement.endIndex, text: '' }]))) return undefined;
    const removal = removeLine(source, statement);
    if (!removal) return undefined;
    removals.push(removal);
  }
  const left = descendants(root, 'identifier').some((name) => name.text === 'SessionFilter' && !insideEdits(name, [...edits, ...removals]));
  const imports = root.namedChildren.filter((statement): statement is Node => statement !== null && /^import\s+[\w.]+\.SessionFilter\s*;?$/.test(statement.text));
  for (const removal of left ? [] : imports.map((statement) => removeLine(source, statement))) {
    // The file's first line: the blank line that set the imports apart goes too.
    if (removal) removals.push(removal.start === 0 && source[removal.end] === '\n' ? { ...removal, end: removal.end + 1 } : removal);
  }
  return removals;
}

/**
 * A Groovy map literal `[name: 'Cookie', value: c]`, which the JavaScript grammar reads as an array with ERROR nodes
 * wherever a `key:` stands (how it recovers differs by entry): its entries' texts by key, split at the array's own
 * commas; undefined when an entry is not `key: value`.
 */
function mapEntries(literal: Node): Map<string, string> | undefined {
  const entries = new Map<string, string>();
  const pieces: Node[][] = [[]];
  for (const child of literal.children.slice(1, -1)) {
    if (!child) return undefined;
    if (child.type === ',') pieces.push([]);
    else pieces.at(-1)?.push(child);
  }
  for (const piece of pieces) {
    const [first, last] = [piece[0], piece.at(-1)];
    const entry = first && last ? /^(\w+)\s*:\s*(\S[\s\S]*)$/.exec(literal.text.slice(first.startIndex - literal.startIndex, last.endIndex - literal.startIndex)) : null;
    if (!entry?.[1] || !entry[2] || entries.has(entry[1])) return undefined;
    entries.set(entry[1], entry[2]);
  }
  return entries;
}

/**
 * Jenkins' http_request step: `customHeaders: [[name: 'Cookie', value: c]]` → the Authorization header, its value
 * read from the build's environment (`env.X`: what withCredentials binds) and masked in the build log.
 */
function jenkinsCookieHeaders(root: Node, options: FixOptions): Edit[] {
  const value = options.bearer ? `"Bearer \${env.${options.tokenVar}}"` : `"Basic " + "\${env.${options.emailVar}}:\${env.${options.tokenVar}}".bytes.encodeBase64()`;
  const edits: Edit[] = [];
  for (const literal of descendants(root, 'array')) {
    if (literal.children[0]?.type !== '[' || literal.children.at(-1)?.type !== ']') continue;
    const entries = mapEntries(literal);
    const known = entries && [...entries.keys()].every((key) => /^(name|value|maskValue)$/.test(key));
    if (!known || !entries.has('value') || !/^(["'])cookie\1$/i.test(entries.get('name') ?? '')) continue;
    edits.push(replaceNode(literal, `[name: 'Authorization', value: ${value}, maskValue: true]`));
  }
  return edits;
}

/** The 1-based line of an offset. */
function lineAt(source: string, offset: number): number {
  return source.slice(0, offset).split('\n').length;
}

/**
 * HTTPBuilder/RESTClient's header map: `client.headers['Cookie'] = c` or `headers.Cookie = c` (also inside a request
 * closure) → the Authorization entry with the token from the environment.
 */
function headerMapAssignments(root: Node, options: FixOptions): Edit[] {
  const edits: Edit[] = [];
  for (const assignment of descendants(root, 'assignment_expression')) {
    const [left, right] = [assignment.childForFieldName('left'), assignment.childForFieldName('right')];
    const map = left?.childForFieldName('object');
    const key = left?.type === 'subscript_expression' ? left.childForFieldName('index') : left?.type === 'member_expression' ? left.childForFieldName('property') : null;
    const headers = map?.type === 'identifier' ? map : map?.type === 'member_expression' ? map.childForFieldName('property') : null;
    const cookie = key?.type === 'string' ? isCookieHeaderName(key) : key?.text === 'Cookie';
    if (headers?.text !== 'headers' || !key || !cookie || !right || right.hasError || assignment.hasError) continue;
    edits.push(replaceNode(key, key.type === 'string' ? "'Authorization'" : 'Authorization'), replaceNode(right, headerValue(options)));
  }
  return edits;
}

/**
 * Groovy: RestAssured `.filter(session)` / `.cookie("JSESSIONID", …)` / `.sessionId(…)` (shared with Java) and a
 * `setRequestProperty("Cookie", …)`-style header → preemptive basic auth / the Authorization header from the
 * environment; the session login goes with what only served it. All or nothing, as for Java.
 */
export function rewriteGroovy(source: string, root: Node, options: FixOptions, hints: ScanHints): RewriteResult {
  const note = `Remove this session login; send the header "Authorization", ${headerValue(options)} on the requests that used its cookie (RestAssured: .auth().preemptive().basic(System.getenv("${options.emailVar}"), System.getenv("${options.tokenVar}"))).`;
  const { logins, returning } = loginStatements(root, ['call_expression', 'new_expression'], SHAPE, withRequestPaths(root, ['call_expression', 'new_expression'], SHAPE, hints, new Set(['class_body'])));
  // A login inside `return` hands its answer to callers: the general note (manual-notes.ts) says so.
  const manual = { edits: [], notes: [...hints.loginLines].filter((line) => !returning.has(line)).map((line) => ({ line, note })) };
  const filters = new Set(sessionFilters(root).keys());
  const jenkins = jenkinsCookieHeaders(root, options);
  // Refused, a Jenkins header still says exactly what to write there.
  for (const edit of jenkins) {
    const line = lineAt(source, edit.start);
    manual.notes.push({ line, note: `Send the token instead of the session cookie: customHeaders: [${edit.text}] (withCredentials binds env.${options.emailVar} and env.${options.tokenVar}); then delete the session login that gave the cookie.` });
  }
  const headerMaps = headerMapAssignments(root, options);
  for (const line of new Set(headerMaps.map((edit) => lineAt(source, edit.start)))) {
    manual.notes.push({ line, note: `Send the token instead of the session cookie: headers['Authorization'] = ${headerValue(options)}; then delete the session login that gave the cookie.` });
  }
  const replaced: Edit[] = [...jenkins, ...headerMaps];
  for (const call of descendants(root, 'call_expression')) {
    const step = chainStep(call);
    const header = step.range ? cookieHeaderEdit(step.args, headerValue(options)) : undefined;
    const edit = header ?? restAssuredStepEdit(step, filters, options, headerValue(options));
    if (edit) replaced.push(edit);
  }
  if (!replaced.length || !logins.length || logins.length < hints.loginLines.size) return manual;
  const edits: Edit[] = [...replaced];
  for (const statement of logins) {
    const removed = SHAPE.removable.has(statement.type) && statement.type !== 'field_definition' ? removeWithDependents(source, root, statement, SHAPE, replaced) : undefined;
    const lines = removed && asLines(source, root, removed);
    if (!lines) return manual;
    edits.push(...lines);
  }
  const filterRemovals = unusedSessionFilters(source, root, edits);
  return filterRemovals ? { edits: [...edits, ...filterRemovals], notes: [] } : manual;
}
