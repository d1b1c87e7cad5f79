import type { Node } from 'web-tree-sitter';
import { enclosingStatement, removeWithDependents, type StatementShape } from '../dependents';
import { cookieHeaderEdit, jvmAuthorizationValue } from '../header-calls';
import { loginStatements } from '../login-statements';
import { descendants, type Edit, type FixOptions, insideEdits, removeStatement, type RewriteResult, type ScanHints } from '../edits';
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

/**
 * A whole-line removal only: with the `def`/type/modifier words the grammar left as ERROR nodes before the
 * statement on its line; a statement sharing its line with other code stays.
 */
function removeLine(source: string, statement: Node): Edit | undefined {
  let first: Node = statement;
  while (first.previousSibling?.type === 'ERROR' && first.previousSibling.startPosition.row === statement.startPosition.row) first = first.previousSibling;
  const edit = removeStatement(source, { startIndex: first.startIndex, endIndex: statement.endIndex });
  return edit.start < first.startIndex || edit.end > statement.endIndex ? edit : undefined;
}

/** removeWithDependents' removals as whole lines (see removeLine); undefined when one is not. */
function asLines(source: string, root: Node, removed: Edit[]): Edit[] | undefined {
  const lines: Edit[] = [];
  for (const edit of removed) {
    if (edit.text !== '' || edit.start === 0 || source[edit.start - 1] === '\n') {
      lines.push(edit);
      continue;
    }
    const statement = root.descendantForIndex(edit.start, edit.end);
    const whole = statement && statement.startIndex === edit.start && statement.endIndex === edit.end ? removeLine(source, statement) : undefined;
    if (!whole) return undefined;
    lines.push(whole);
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
 * Groovy: RestAssured `.filter(session)` / `.cookie("JSESSIONID", …)` / `.sessionId(…)` (shared with Java) and a
 * `setRequestProperty("Cookie", …)`-style header → preemptive basic auth / the Authorization header from the
 * environment; the session login goes with what only served it. All or nothing, as for Java.
 */
export function rewriteGroovy(source: string, root: Node, options: FixOptions, hints: ScanHints): RewriteResult {
  const note = `Remove this session login; send the header "Authorization", ${headerValue(options)} on the requests that used its cookie (RestAssured: .auth().preemptive().basic(System.getenv("${options.emailVar}"), System.getenv("${options.tokenVar}"))).`;
  const { logins, returning } = loginStatements(root, ['call_expression'], SHAPE, hints);
  // A login inside `return` hands its answer to callers: the general note (manual-notes.ts) says so.
  const manual = { edits: [], notes: [...hints.loginLines].filter((line) => !returning.has(line)).map((line) => ({ line, note })) };
  const filters = new Set(sessionFilters(root).keys());
  const replaced: Edit[] = [];
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
