import type { Node } from 'web-tree-sitter';
import { enclosingStatement, removesUnreplaced, removeWithDependents, unusedInputs, type StatementShape } from '../dependents';
import { descendants, lineOf, replaceNode, type Edit, type FixOptions, type RewriteResult, type ScanHints } from '../edits';

/** `$this->cookie`: a property the object keeps the session in, read by its other methods. */
function thisProperty(node: Node | null | undefined): boolean {
  return node?.type === 'member_access_expression' && node.childForFieldName('object')?.text === '$this';
}

function assignedTo(statement: Node): Node | null | undefined {
  const assignment = statement.firstNamedChild;
  return assignment?.type === 'assignment_expression' ? assignment.childForFieldName('left') : null;
}

const FUNCTIONS = new Set(['method_declaration', 'function_definition', 'anonymous_function', 'arrow_function']);

const SHAPE: StatementShape = {
  blocks: new Set(['program', 'compound_statement']),
  removable: new Set(['expression_statement']),
  identifierTypes: ['variable_name', 'member_access_expression'],
  definedNames(statement) {
    const left = assignedTo(statement);
    return left?.type === 'variable_name' || thisProperty(left) ? [left?.text ?? ''] : [];
  },
  isReference(node) {
    const parent = node.parent;
    if (node.type === 'member_access_expression' && !thisProperty(node)) return false;
    return !(parent?.type === 'assignment_expression' && parent.childForFieldName('left')?.id === node.id);
  },
  // A method's `$ch` is its own (another method's `$ch` is no reader); `$this->x` belongs to the whole class.
  scopeOf(statement) {
    if (thisProperty(assignedTo(statement))) return undefined;
    let node: Node | null = statement.parent;
    while (node && !FUNCTIONS.has(node.type)) node = node.parent;
    return node ?? undefined;
  },
};

function stringText(node: Node | null | undefined): string | undefined {
  if (node?.type !== 'string' && node?.type !== 'encapsed_string') return undefined;
  return descendants(node, 'string_content').map((part) => part.text).join('');
}

function credentials(options: FixOptions): string {
  return `getenv('${options.emailVar}') . ':' . getenv('${options.tokenVar}')`;
}

function headerValue(options: FixOptions): string {
  return options.bearer ? `'Bearer ' . getenv('${options.tokenVar}')` : `'Basic ' . base64_encode(${credentials(options)})`;
}

/** The whole `'Cookie: ' . $a . '=' . $b` chain a string starts: the outermost concatenation it is the leftmost part of. */
function concatenationFrom(string: Node): Node {
  let node = string;
  while (node.parent?.type === 'binary_expression' && node.parent.childForFieldName('operator')?.text === '.' && node.parent.childForFieldName('left')?.id === node.id) node = node.parent;
  return node;
}

/** The value assigned when `string` is the last index of an assignment's target (`$h['headers']['Cookie'] = value`). */
function subscriptAssignment(string: Node): Node | undefined {
  const subscript = string.parent;
  const assignment = subscript?.parent;
  if (subscript?.type !== 'subscript_expression' || subscript.namedChildren.at(-1)?.id !== string.id) return undefined;
  if (assignment?.type !== 'assignment_expression' || assignment.childForFieldName('left')?.id !== subscript.id) return undefined;
  return assignment.childForFieldName('right') ?? undefined;
}

/** `curl_setopt($h, CURLOPT_URL, …/session)` as the login: the handle is made elsewhere and likely reused. */
function isCurlOption(statement: Node): boolean {
  const call = statement.firstNamedChild;
  return call?.type === 'function_call_expression' && Boolean(curlOption(call));
}

function curlOption(call: Node): { name: string; args: Node[] } | undefined {
  if (call.childForFieldName('function')?.text !== 'curl_setopt') return undefined;
  const args = descendants(call, 'argument').filter((arg) => arg.parent?.parent?.id === call.id);
  const option = args[1]?.text;
  return option ? { name: option, args } : undefined;
}

/** Where the session cookie is sent: a `Cookie:` header line, a `'Cookie' =>` header, `CURLOPT_COOKIE`. */
function cookieSends(root: Node, options: FixOptions): Edit[] {
  const edits: Edit[] = [];
  for (const string of descendants(root, ['string', 'encapsed_string'])) {
    const text = stringText(string);
    if (text === undefined) continue;
    const pair = string.parent?.type === 'array_element_initializer' && string.parent.namedChildren[0]?.id === string.id ? string.parent : undefined;
    const assigned = subscriptAssignment(string);
    if (assigned && /^cookie$/i.test(text)) {
      // `$options['headers']['Cookie'] = …`: the same header set under its own name.
      edits.push(replaceNode(string, "'Authorization'"), replaceNode(assigned, headerValue(options)));
    } else if (pair && /^cookie$/i.test(text)) {
      const value = pair.namedChildren[1];
      if (value) edits.push({ start: string.startIndex, end: value.endIndex, text: `'Authorization' => ${headerValue(options)}` });
    } else if (!pair && /^cookie\s*:/i.test(text) && !moreHeaderLines(string)) {
      const line = options.bearer ? `'Authorization: Bearer ' . getenv('${options.tokenVar}')` : `'Authorization: Basic ' . base64_encode(${credentials(options)})`;
      const whole = concatenationFrom(string);
      const lineBreak = trailingLineBreak(whole);
      edits.push(replaceNode(whole, lineBreak ? `${line} . "${lineBreak}"` : line));
    }
  }
  // curl's USERPWD and Guzzle's 'auth' are Basic only; Laravel has withToken.
  if (options.bearer) return [...edits, ...laravelCookies(root, options)];
  for (const call of descendants(root, 'function_call_expression')) {
    const option = curlOption(call);
    const [, name, value] = option?.args ?? [];
    // CURLOPT_COOKIEFILE: the cookie jar a login filled, read back by this request.
    if (/^CURLOPT_COOKIE(FILE)?$/.test(option?.name ?? '') && name && value) edits.push({ start: name.startIndex, end: value.endIndex, text: `CURLOPT_USERPWD, ${credentials(options)}` });
  }
  return [...edits, ...guzzleCookies(root, options), ...laravelCookies(root, options)];
}

/**
 * The `\r\n` a header line ends with (`"Cookie: $c\r\n"`, `'Cookie: ' . $c . "\r\n"`): kept after the Authorization
 * line, since code may append the next header line to it (`$opts['header'] .= "Content-Type: …"`).
 */
function trailingLineBreak(node: Node): string {
  if (node.type === 'binary_expression') {
    const right = node.childForFieldName('right');
    return right ? trailingLineBreak(right) : '';
  }
  if (node.type !== 'encapsed_string') return '';
  const parts = node.namedChildren.filter((part): part is Node => part !== null);
  let text = '';
  for (let index = parts.length - 1; index >= 0 && /^\\[rn]$/.test(parts[index]?.text ?? ''); index--) text = `${parts[index]?.text ?? ''}${text}`;
  return text;
}

/**
 * `"Cookie: $c\r\nAccept: …"`: a string that goes on with other header lines after the cookie. Replacing it whole
 * would drop those headers, so it is left alone (and the login with it).
 */
function moreHeaderLines(string: Node): boolean {
  const parts = string.namedChildren.filter((part): part is Node => part !== null);
  const lineBreak = parts.findIndex((part) => part.type === 'escape_sequence' && /^\\[rn]$/.test(part.text));
  return lineBreak !== -1 && parts.slice(lineBreak + 1).some((part) => !(part.type === 'escape_sequence' && /^\\[rn]$/.test(part.text)));
}

/**
 * Laravel's HTTP client: `Http::withCookies([...], $domain)` (or on a pending request) becomes
 * `withBasicAuth(email, token)`, with --bearer `withToken(token)`: the same pending request, with credentials.
 */
function laravelCookies(root: Node, options: FixOptions): Edit[] {
  const edits: Edit[] = [];
  for (const call of descendants(root, ['scoped_call_expression', 'member_call_expression'])) {
    const name = call.childForFieldName('name');
    const args = call.childForFieldName('arguments');
    if (name?.text !== 'withCookies' || !args) continue;
    const text = options.bearer ? `withToken(getenv('${options.tokenVar}'))` : `withBasicAuth(getenv('${options.emailVar}'), getenv('${options.tokenVar}'))`;
    edits.push({ start: name.startIndex, end: args.endIndex, text });
  }
  return edits;
}

/**
 * Guzzle: `'cookies' => $jar` (or `true`) in a client's or a request's options: the jar that carried the login's
 * session becomes `'auth' => [email, token]` (Guzzle's Basic auth option).
 */
function guzzleCookies(root: Node, options: FixOptions): Edit[] {
  const edits: Edit[] = [];
  for (const pair of descendants(root, 'array_element_initializer')) {
    const [key, value] = pair.namedChildren;
    if (!key || !value || pair.namedChildCount !== 2 || stringText(key) !== 'cookies' || value.text === 'false') continue;
    edits.push({ start: key.startIndex, end: value.endIndex, text: `'auth' => [getenv('${options.emailVar}'), getenv('${options.tokenVar}')]` });
  }
  return edits;
}

/**
 * A Cookie header this rewrite did not replace (`$h['Cookie'] .= …`) inside what the login's removal takes as its
 * dependents: the request would lose it without getting credentials.
 */
function dropsCookieSend(root: Node, removed: Edit[], replaced: Edit[]): boolean {
  const cookies = descendants(root, ['string', 'encapsed_string']).filter((string) => /^cookie\s*:?/i.test(stringText(string) ?? ''));
  return removesUnreplaced(cookies, removed, replaced);
}

/** A curl handle the login statements set up and that a removed statement points at another URL: the later request goes with it. */
function reusedHandle(root: Node, removed: Edit[]): boolean {
  return descendants(root, 'function_call_expression').some((call) => {
    const option = curlOption(call);
    const inRemoved = removed.some((edit) => edit.text === '' && edit.start <= call.startIndex && call.endIndex <= edit.end);
    return inRemoved && option?.name === 'CURLOPT_URL' && !/\/rest\/auth\//.test(option.args[2]?.text ?? '');
  });
}

/**
 * Plain PHP HTTP clients (curl_*, Guzzle): the session cookie a request sent becomes an Authorization header, and
 * the session login (the statement on a line the scan reported) goes with every statement that only served it.
 * Without a cookie send to replace in the file, the login stays: removing it alone would leave the calls anonymous.
 */
export function rewritePhpHttp(source: string, root: Node, options: FixOptions, hints: ScanHints): RewriteResult {
  const replaced = cookieSends(root, options);
  const note = `Remove this session login; send the header 'Authorization: ' . ${headerValue(options)} on the calls that used its cookie.`;
  const notes: RewriteResult['notes'] = [...hints.loginLines].map((line) => ({ line, note }));
  if (!replaced.length) return { edits: [], notes };
  const edits: Edit[] = [...replaced];
  const statements = new Map<number, Node>();
  for (const call of descendants(root, ['function_call_expression', 'member_call_expression', 'scoped_call_expression'])) {
    if (!hints.loginLines.has(lineOf(call))) continue;
    const statement = enclosingStatement(call, SHAPE);
    if (statement) statements.set(statement.id, statement);
  }
  for (const statement of statements.values()) {
    const removed = SHAPE.removable.has(statement.type) ? removeWithDependents(source, root, statement, SHAPE, replaced) : undefined;
    // All or nothing: a header swapped while a login stays would leave half a migration behind.
    if (!removed || reusedHandle(root, removed) || isCurlOption(statement) || dropsCookieSend(root, removed, replaced)) return { edits: [], notes };
    edits.push(...removed, ...unusedInputs(source, root, statement, SHAPE, [...edits, ...removed]));
  }
  return { edits: statements.size ? edits : [], notes: [] };
}
