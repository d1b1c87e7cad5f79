import type { Node } from 'web-tree-sitter';
import { enclosingStatement, removeWithDependents, unusedInputs, type StatementShape } from '../dependents';
import { cookieHeaderEdit, cookieStoreStep, JVM_HEADER_METHODS, jvmAuthorizationValue } from '../header-calls';
import { linesReturningAnswer, nodeStartingOn } from '../login-statements';
import { handsBackNote } from '../manual-notes';
import { cookieClientHeaderEdits } from '../cookie-clients';
import { cookieContextEdits, JAVA_COOKIE_CLIENTS, storeClientElsewhere } from './java-http-client';
import { restAssuredSessionEdits, sessionFilterEscapes, unusedSessionFilters, usesOf } from './java-restassured';
import { descendants, type Edit, type FixOptions, insideEdits, removeStatement, type RewriteResult, type ScanHints } from '../edits';

/** The variable or field an assignment's left side names: `x` or `this.x`. */
function assignedName(left: Node | null): string | undefined {
  if (left?.type === 'identifier') return left.text;
  if (left?.type === 'field_access' && left.childForFieldName('object')?.type === 'this') return left.childForFieldName('field')?.text;
  return undefined;
}

const METHODS = new Set(['method_declaration', 'constructor_declaration', 'lambda_expression']);

const SHAPE: StatementShape = {
  // A local belongs to its method: another method's `conn` is no reader. An assignment may set a field: the file.
  scopeOf(statement) {
    if (statement.type !== 'local_variable_declaration' && statement.type !== 'try_with_resources_statement') return undefined;
    let node: Node | null = statement.parent;
    while (node && !METHODS.has(node.type)) node = node.parent;
    return node ?? undefined;
  },
  blocks: new Set(['block', 'constructor_body']),
  // A try-with-resources that reads the login's answer (the response) is the login's own reading of it.
  removable: new Set(['local_variable_declaration', 'expression_statement', 'try_with_resources_statement']),
  identifierTypes: ['identifier'],
  definedNames(statement) {
    const declared = statement.type === 'local_variable_declaration' ? descendants(statement, 'variable_declarator').map((declarator) => declarator.childForFieldName('name')?.text) : [];
    const assigned = descendants(statement, 'assignment_expression').map((assignment) => assignedName(assignment.childForFieldName('left')));
    return [...declared, ...assigned].filter((name): name is string => Boolean(name));
  },
  isReference(node) {
    const parent = node.parent;
    if (!parent) return true;
    if (parent.type === 'variable_declarator' && parent.childForFieldName('name')?.id === node.id) return false;
    if (parent.type === 'method_invocation' && parent.childForFieldName('name')?.id === node.id) return false;
    if (parent.type === 'assignment_expression' && parent.childForFieldName('left')?.id === node.id) return false;
    if (parent.type === 'field_access' && parent.childForFieldName('field')?.id === node.id) {
      if (parent.childForFieldName('object')?.type !== 'this') return false;
      const assignment = parent.parent;
      return !(assignment?.type === 'assignment_expression' && assignment.childForFieldName('left')?.id === parent.id);
    }
    return true;
  },
};

function headerValue(options: FixOptions): string {
  return jvmAuthorizationValue(options, (credentials) => `java.util.Base64.getEncoder().encodeToString(${credentials}.getBytes(java.nio.charset.StandardCharsets.UTF_8))`);
}


/**
 * `….header("Cookie", …)`: the header becomes Authorization with the token from the environment. A map's
 * `put(HttpHeaders.COOKIE, list)` (Spring's HttpHeaders is a map of lists) gets a one-element list.
 */
function cookieHeaders(root: Node, options: FixOptions): Edit[] {
  const edits: Edit[] = [];
  const httpClient5 = descendants(root, 'import_declaration').some((declaration) => declaration.text.includes('org.apache.hc.'));
  for (const call of descendants(root, 'method_invocation')) {
    const name = call.childForFieldName('name')?.text ?? '';
    const nameNode = call.childForFieldName('name');
    const list = call.childForFieldName('arguments');
    const store = call.childForFieldName('object') && list?.namedChildCount === 1 && !storeEscapes(root, list) ? cookieStoreStep(name, httpClient5, headerValue(options), (body) => `addInterceptor(chain -> ${body})`) : undefined;
    if (store && nameNode && list) edits.push({ start: nameNode.startIndex, end: list.endIndex, text: store });
    if (!JVM_HEADER_METHODS.has(name) && name !== 'put') continue;
    const args = call.childForFieldName('arguments')?.namedChildren.filter((arg): arg is Node => arg !== null) ?? [];
    const value = headerValue(options);
    const edit = cookieHeaderEdit(args, name === 'put' && args[1] && holdsList(root, args[1]) ? `java.util.List.of(${value})` : value);
    if (edit) edits.push(cookieLoop(call, edit) ?? edit);
  }
  return edits;
}

/**
 * `for (String c : cookies) { conn.addRequestProperty("Cookie", c); }`: a loop that only copies the login's cookies onto
 * a request becomes the one header statement (the loop would send the header once per cookie, and read them still).
 */
function cookieLoop(call: Node, edit: Edit): Edit | undefined {
  const statement = call.parent;
  const body = statement?.parent?.type === 'block' ? statement.parent : statement;
  const loop = body?.parent;
  if (statement?.type !== 'expression_statement' || loop?.type !== 'enhanced_for_statement' || loop.childForFieldName('body')?.id !== body?.id) return undefined;
  if (body?.type === 'block' && body.namedChildren.filter((child) => child && !child.type.includes('comment')).length !== 1) return undefined;
  const text = statement.text;
  const shifted = { ...edit, start: edit.start - statement.startIndex, end: edit.end - statement.startIndex };
  return { start: loop.startIndex, end: loop.endIndex, text: text.slice(0, shifted.start) + shifted.text + text.slice(shifted.end) };
}

/** A cookie store kept in a variable that something else reads too (`return cookies;`): callers read the session from it. */
function storeEscapes(root: Node, list: Node): boolean {
  const store = list.namedChildren[0];
  if (store?.type !== 'identifier') return false;
  return descendants(root, 'identifier').some(
    (use) => use.text === store.text && use.id !== store.id && !(use.parent?.type === 'variable_declarator' && use.parent.childForFieldName('name')?.id === use.id),
  );
}

/** A value that is a list of header values: a variable declared as a List/Collection, or a `….get(HttpHeaders.SET_COOKIE)`. */
function holdsList(root: Node, value: Node): boolean {
  if (value.type === 'method_invocation') return value.childForFieldName('name')?.text === 'get' && /SET_COOKIE/.test(value.childForFieldName('arguments')?.text ?? '');
  if (value.type !== 'identifier') return false;
  return descendants(root, 'variable_declarator').some(
    (declarator) => declarator.childForFieldName('name')?.text === value.text && /^(java\.util\.)?(List|Collection|ArrayList|Iterable)\b/.test(declarator.parent?.childForFieldName('type')?.text ?? ''),
  );
}

/**
 * Java: a hand-made login (okhttp, Apache HttpClient, HttpURLConnection, RestAssured…) whose answer only fed a
 * Cookie header (or a RestAssured SessionFilter) goes with what read it; the header sends the token. All or nothing: any login that stays leaves the file as it is.
 */
export function rewriteJava(source: string, root: Node, options: FixOptions, hints: ScanHints): RewriteResult {
  const note = `Remove this session login; send the header "Authorization", ${headerValue(options)} on the requests that used its cookie.`;
  const replaced = [...cookieHeaders(root, options), ...restAssuredSessionEdits(root, options, headerValue(options))];
  const logins = new Map<number, Node>();
  const returning = new Set<number>();
  for (const line of hints.loginLines) {
    const node = nodeStartingOn(root, line);
    const statement = node ? enclosingStatement(node, SHAPE) : undefined;
    if (statement) logins.set(statement.id, statement);
    if (statement?.type === 'return_statement') returning.add(line);
  }
  // A login inside `return` hands its answer to callers: the general note (manual-notes.ts) says so; one whose answer
  // reaches a later `return` (`return conn.getHeaderField(…)`) gets that note here.
  const handedBack = linesReturningAnswer(root, hints.loginLines, SHAPE);
  const notes = [...hints.loginLines].filter((line) => !returning.has(line)).map((line) => ({ line, note: handedBack.has(line) ? handsBackNote(`send the header "Authorization", ${headerValue(options)}`) : note }));
  const manual = { edits: [], notes };
  // A java.net.http client with a cookie handler kept the session for its other requests: they take the header.
  const kept = cookieClientHeaderEdits(root, [...logins.values()], headerValue(options), JAVA_COOKIE_CLIENTS);
  // An Apache HttpClient context with a cookie store kept it for the requests executed with it: they set the header.
  const contexts = cookieContextEdits(source, [...logins.values()], headerValue(options));
  if (!kept || !contexts) return manual;
  // A client-wide store also sent a request elsewhere: the login stays, with a note naming that request.
  const elsewhere = 'note' in kept ? kept.note : 'note' in contexts ? contexts.note : undefined;
  if (elsewhere) return { edits: [], notes: notes.map(({ line }) => ({ line, note: elsewhere })) };
  if ('note' in kept || 'note' in contexts) return manual;
  replaced.push(...kept.edits, ...contexts);
  if (!replaced.length || !logins.size) return manual;
  const edits: Edit[] = [...replaced];
  for (const statement of logins.values()) {
    const removed = SHAPE.removable.has(statement.type) ? removeWithDependents(source, root, statement, SHAPE, replaced) : undefined;
    if (!removed) return manual;
    edits.push(...removed, ...unusedInputs(source, root, statement, SHAPE, [...edits, ...removed]));
  }
  if (sessionFilterEscapes(root, edits)) return manual;
  const declarations = redeclarations(root, edits);
  if (!declarations) return manual;
  // A line inserted before a request the removal took with the login (it read the login's answer) goes with it.
  // A client builder's cookie store became a header on every request: each must go where the login went.
  const storeClient = storeClientElsewhere(root, [...logins.values()], edits, headerValue(options));
  if (storeClient) return { edits: [], notes: notes.map(({ line }) => ({ line, note: storeClient.note })) };
  const standing = edits.filter((edit) => edit.start !== edit.end || !edits.some((other) => other.text === '' && other.start <= edit.start && edit.start < other.end));
  return { edits: [...standing, ...declarations, ...unusedPrivateFields(source, root, edits), ...unusedSessionFilters(source, root, edits)], notes: [] };
}

/**
 * A local the removal took the declaration of (`HttpResponse<String> resp = client.send(login, …)`) that a kept
 * statement assigns again (`resp = client.send(request, …)`): javac refuses an assignment to an undeclared name, so
 * the first such assignment, a statement of the same block, declares it (`HttpResponse<String> resp = …`). An
 * assignment elsewhere (in a branch, a loop, another block) refuses the rewrite (undefined).
 */
function redeclarations(root: Node, edits: Edit[]): Edit[] | undefined {
  const removed = edits.filter((edit) => edit.text === '');
  const added: Edit[] = [];
  for (const declaration of descendants(root, 'local_variable_declaration').filter((statement) => insideEdits(statement, removed))) {
    const type = declaration.childForFieldName('type');
    const method = SHAPE.scopeOf?.(declaration);
    for (const name of descendants(declaration, 'variable_declarator').map((declarator) => declarator.childForFieldName('name')?.text)) {
      const kept = descendants(method ?? root, 'assignment_expression')
        .filter((assignment) => assignment.childForFieldName('left')?.text === name && !insideEdits(assignment, edits))
        .sort((a, b) => a.startIndex - b.startIndex);
      const first = kept[0];
      if (!first || !type) continue;
      const statement = first.parent;
      if (statement?.type !== 'expression_statement' || statement.parent?.id !== declaration.parent?.id || first.startIndex < declaration.endIndex) return undefined;
      added.push({ start: first.startIndex, end: first.startIndex, text: `${type.text} ` });
    }
  }
  return added;
}

const SIMPLE_VALUE = new Set(['string_literal', 'decimal_integer_literal', 'true', 'false', 'null_literal']);

/**
 * Private fields that only the removed code read or wrote (`authResource`, `sessionName`) go too; a field that was
 * unused before, or that something else still reads, stays. Only fields without a computed initializer.
 */
function unusedPrivateFields(source: string, root: Node, edits: Edit[]): Edit[] {
  const removals: Edit[] = [];
  for (const field of descendants(root, 'field_declaration')) {
    const declarators = descendants(field, 'variable_declarator');
    const declarator = declarators[0];
    const name = declarator?.childForFieldName('name');
    const value = declarator?.childForFieldName('value');
    const isPrivate = field.namedChildren.some((child) => child?.type === 'modifiers' && /\bprivate\b/.test(child.text));
    if (!isPrivate || declarators.length !== 1 || !declarator || !name || (value && !SIMPLE_VALUE.has(value.type))) continue;
    const uses = usesOf(root, name.text, declarator);
    if (uses.length && uses.every((use) => insideEdits(use, edits))) removals.push(removeStatement(source, field));
  }
  return removals;
}
