import type { Node } from 'web-tree-sitter';
import { descendants, type Edit, type FixOptions, insideEdits, removeStatement } from '../edits';

/** Cookie names a Jira session travels in (Server/Data Center, Cloud). */
const SESSION_COOKIES = /^"(JSESSIONID|cloud\.session\.token|studio\.crowd\.tokenkey)"$/;

function argumentsOf(call: Node): Node[] {
  return call.childForFieldName('arguments')?.namedChildren.filter((arg): arg is Node => arg !== null) ?? [];
}

/** The `name(args)` part of a chained call `….name(args)`: what a step of the chain spans. */
function step(call: Node): Edit | undefined {
  const name = call.childForFieldName('name');
  const args = call.childForFieldName('arguments');
  return name && args ? { start: name.startIndex, end: args.endIndex, text: '' } : undefined;
}

/** Variables and fields holding a `new SessionFilter()`. */
function sessionFilterNames(root: Node): Map<string, Node> {
  const names = new Map<string, Node>();
  for (const declarator of descendants(root, 'variable_declarator')) {
    const value = declarator.childForFieldName('value');
    const name = declarator.childForFieldName('name');
    if (name && value?.type === 'object_creation_expression' && value.childForFieldName('type')?.text === 'SessionFilter') names.set(name.text, declarator);
  }
  return names;
}

/** One call of a RestAssured chain, whatever the grammar: its method name, arguments, and the `name(args)` span. */
export interface ChainStep {
  name: string;
  args: Node[];
  chained: boolean;
  range: Edit | undefined;
  /** Whether the chain is RestAssured's (`given()…`); false: another client's (WebClient, Jsoup…), whose session cookie becomes a header. */
  restAssured?: boolean;
}

/**
 * The session cookie's name: a string literal (`"JSESSIONID"` in Java, `'JSESSIONID'` too in Groovy), or the name the
 * login's answer gives it (Jira answers `{"session": {"name": …, "value": …}}`), read where it is sent
 * (`json.getString("session.name")`) or kept in a local of the same method read only from there.
 */
function isSessionCookieName(node: Node | undefined): boolean {
  if (SESSION_COOKIES.test((node?.text ?? '').replace(/^'(.*)'$/, '"$1"'))) return true;
  return Boolean(node && (readsSessionName(node) || (node.type === 'identifier' && localReadingSessionName(node))));
}

/** `x.getString("session.name")` / `x.get("session.name")`: the session's cookie name out of the login's JSON answer. */
function readsSessionName(node: Node | null | undefined): boolean {
  if (node?.type !== 'method_invocation' || !/^(get|getString)$/.test(node.childForFieldName('name')?.text ?? '')) return false;
  const args = argumentsOf(node);
  return args.length === 1 && args[0]?.text === '"session.name"';
}

/** A local declared once in the enclosing method, from `….getString("session.name")`, and never assigned again. */
function localReadingSessionName(name: Node): boolean {
  let method: Node | null = name.parent;
  while (method && !/^(method_declaration|constructor_declaration|lambda_expression)$/.test(method.type)) method = method.parent;
  if (!method) return false;
  const declarators = descendants(method, 'variable_declarator').filter((declarator) => declarator.childForFieldName('name')?.text === name.text);
  const assigned = descendants(method, 'assignment_expression').some((assignment) => assignment.childForFieldName('left')?.text === name.text);
  return declarators.length === 1 && !assigned && readsSessionName(declarators[0]?.childForFieldName('value'));
}

/** A response's cookies (`res.cookies()` in Jsoup, `getCookies()`/`getDetailedCookies()` in RestAssured), or a variable holding them. */
function isResponseCookies(node: Node): boolean {
  const cookiesCall = (call: Node | null | undefined): boolean =>
    call?.type === 'method_invocation' && /^(cookies|getCookies|getDetailedCookies)$/.test(call.childForFieldName('name')?.text ?? '') && call.childForFieldName('arguments')?.namedChildCount === 0 && Boolean(call.childForFieldName('object'));
  if (cookiesCall(node)) return true;
  if (node.type !== 'identifier') return false;
  return descendants(node.tree.rootNode, 'variable_declarator').some((declarator) => declarator.childForFieldName('name')?.text === node.text && cookiesCall(declarator.childForFieldName('value')));
}

/**
 * RestAssured: `.filter(sessionFilter)`, `.cookie("JSESSIONID", id)`, `.sessionId(id)` → preemptive basic auth
 * (`addFilter(sessionFilter)` on a RequestSpecBuilder → an Authorization header) with the token from the environment.
 */
export function restAssuredStepEdit(step: ChainStep, filters: ReadonlySet<string>, options: FixOptions, headerValue: string): Edit | undefined {
  const { name, args, chained, range } = step;
  const [first, second] = args;
  const basic = options.bearer ? `header("Authorization", ${headerValue})` : `auth().preemptive().basic(System.getenv("${options.emailVar}"), System.getenv("${options.tokenVar}"))`;
  const filtered = args.length === 1 && first?.type === 'identifier' && filters.has(first.text);
  if (!range || !chained) return undefined;
  if (name === 'cookies' && args.length === 1 && first && isResponseCookies(first)) return { ...range, text: step.restAssured === false ? `header("Authorization", ${headerValue})` : basic };
  if (step.restAssured === false) {
    return name === 'cookie' && args.length === 2 && isSessionCookieName(first) && second ? { ...range, text: `header("Authorization", ${headerValue})` } : undefined;
  }
  if ((name === 'filter' && filtered) || (name === 'cookie' && args.length === 2 && isSessionCookieName(first) && second) || (name === 'sessionId' && args.length === 1)) {
    return { ...range, text: basic };
  }
  return name === 'addFilter' && filtered ? { ...range, text: `addHeader("Authorization", ${headerValue})` } : undefined;
}

/** RestAssured's chain entry points (`given()`, `RestAssured.with()`…) and the types its specifications are kept in. */
const RESTASSURED_ROOTS = /^((RestAssured\.)?(given|with|when|expect)\(\)|RestAssured)$/;

/**
 * Whether the chain `call` belongs to starts at RestAssured (`given()`, `RestAssured.given()`) or at a variable whose
 * declared type is one of its specifications; a WebClient, RestClient or Jsoup chain is not.
 */
function isRestAssuredChain(call: Node, specifications: ReadonlySet<string>): boolean {
  let receiver: Node | null = call.childForFieldName('object');
  while (receiver?.type === 'method_invocation' && receiver.childForFieldName('object')) receiver = receiver.childForFieldName('object');
  if (!receiver) return false;
  if (RESTASSURED_ROOTS.test(receiver.text.replace(/\s+/g, ''))) return true;
  return receiver.type === 'identifier' && specifications.has(receiver.text);
}

/** The names of the file's variables declared as a RestAssured specification (one walk for all its calls). */
function specificationVariables(root: Node): Set<string> {
  const names = new Set<string>();
  for (const declarator of descendants(root, 'variable_declarator')) {
    const type = declarator.parent?.childForFieldName('type')?.text ?? '';
    const name = declarator.childForFieldName('name')?.text;
    if (name !== undefined && /^(RequestSpecification|RequestSpecBuilder|FilterableRequestSpecification)$/.test(type)) names.add(name);
  }
  return names;
}

/** Java's RestAssured chains (see restAssuredStepEdit). */
export function restAssuredSessionEdits(root: Node, options: FixOptions, headerValue: string): Edit[] {
  const filters = new Set(sessionFilterNames(root).keys());
  const specifications = specificationVariables(root);
  return descendants(root, 'method_invocation')
    .map((call) =>
      restAssuredStepEdit(
        { name: call.childForFieldName('name')?.text ?? '', args: argumentsOf(call), chained: Boolean(call.childForFieldName('object')), range: step(call), restAssured: isRestAssuredChain(call, specifications) },
        filters,
        options,
        headerValue,
      ),
    )
    .filter((edit): edit is Edit => edit !== undefined);
}

/** Identifiers that may read the variable or field `name`: not its declaration, not a package name in an import. */
export function usesOf(root: Node, name: string, declaration: Node): Node[] {
  return descendants(root, 'identifier').filter((identifier) => identifier.text === name && identifier.parent?.id !== declaration.id && identifier.parent?.type !== 'scoped_identifier');
}

/** A SessionFilter that something other than the rewritten calls still uses (a helper it is passed to): the session stays. */
export function sessionFilterEscapes(root: Node, edits: Edit[]): boolean {
  return [...sessionFilterNames(root)].some(([name, declarator]) => usesOf(root, name, declarator).some((use) => !insideEdits(use, edits)));
}

/** `SessionFilter f = new SessionFilter();` (local or field) once every use of `f` is rewritten or removed. */
export function unusedSessionFilters(source: string, root: Node, edits: Edit[]): Edit[] {
  const removals: Edit[] = [];
  for (const [name, declarator] of sessionFilterNames(root)) {
    const declaration = declarator.parent;
    if (!declaration || !/^(local_variable_declaration|field_declaration)$/.test(declaration.type) || descendants(declaration, 'variable_declarator').length !== 1) continue;
    const uses = usesOf(root, name, declarator);
    if (uses.every((use) => insideEdits(use, edits))) removals.push(removeStatement(source, declaration));
  }
  // Its import goes when no SessionFilter is left (javac accepts an unused import; a reviewer would not).
  const left = descendants(root, 'type_identifier').filter((type) => type.text === 'SessionFilter' && !insideEdits(type, [...edits, ...removals]));
  const imports = descendants(root, 'import_declaration').filter((declaration) => /\.SessionFilter;$/.test(declaration.text));
  if (removals.length && !left.length) removals.push(...imports.map((declaration) => removeStatement(source, declaration)));
  return removals;
}
