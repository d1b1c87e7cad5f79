import type { Node } from 'web-tree-sitter';
import { enclosingStatement } from '../dependents';
import { descendants, replaceNode, type Edit, type FixOptions, type RewriteResult, type ScanHints } from '../edits';
import { innermostSpanning, removeLogin, type LoginShape } from '../login-removal';

/** `local a, b = …` / `a = …` with plain names on the left: what the statement binds. */
function boundNames(statement: Node): string[] {
  const assignment = statement.type === 'variable_declaration' ? statement.namedChildren.find((child) => child?.type === 'assignment_statement') : statement;
  if (assignment?.type !== 'assignment_statement') return [];
  const list = assignment.namedChildren.find((child) => child?.type === 'variable_list');
  const names = list?.namedChildren ?? [];
  return names.every((name) => name?.type === 'identifier') ? names.map((name) => name?.text ?? '').filter((name) => name !== '_') : [];
}

/** Calls that stop the program: a check made only of them is about the login and goes with it. */
const STOPS = new Set(['error', 'assert']);
/** What a failed check may also do before it stops (report it). */
const REPORTS = new Set(['print', 'os.exit', 'io.stderr:write', 'vim.notify']);

/** `if code ~= 200 then error(…) end`, `assert(code == 200, …)`: a check of the login's answer that only stops or reports. */
function isGuard(statement: Node): boolean {
  if (statement.type === 'function_call') return STOPS.has(statement.namedChildren[0]?.text ?? '');
  if (statement.type !== 'if_statement' || statement.namedChildren.some((child) => child?.type === 'else_statement' || child?.type === 'elseif_statement')) return false;
  const body = statement.namedChildren.find((child) => child?.type === 'block');
  const calledIn = (child: Node): string => child.namedChildren[0]?.text ?? '';
  return (body?.namedChildren ?? []).every(
    (child) => child !== null && (child.type === 'return_statement' || (child.type === 'function_call' && (STOPS.has(calledIn(child)) || REPORTS.has(calledIn(child))))),
  );
}

const SHAPE: LoginShape = {
  blocks: new Set(['chunk', 'block']),
  removable: new Set(['variable_declaration', 'assignment_statement', 'if_statement', 'function_call']),
  identifierTypes: ['identifier'],
  definedNames: boundNames,
  binds: (statement) => boundNames(statement).length > 0 || isGuard(statement),
  isReference(node) {
    const parent = node.parent;
    if (!parent) return true;
    // `t.name`, `t:name(…)`: the name after the dot or colon is a key, not a variable.
    if ((parent.type === 'dot_index_expression' || parent.type === 'method_index_expression') && parent.namedChildren[0]?.id !== node.id) return false;
    if (parent.type === 'field' && parent.childForFieldName('name')?.id === node.id) return false;
    if (parent.type === 'variable_list') return false;
    return true;
  },
  scopeOf(statement) {
    let current: Node | null = statement.parent;
    while (current && current.type !== 'function_declaration' && current.type !== 'function_definition') current = current.parent;
    return current ?? undefined;
  },
};

/**
 * The Authorization value in the file's own runtime: Lua has no Base64 of its own, so Basic uses what the file
 * already runs on (Neovim's vim.base64, LuaSocket's mime, OpenResty's ngx); undefined when none is there.
 */
export function luaAuthorization(root: Node, options: FixOptions): string | undefined {
  const env = (name: string): string => `os.getenv("${name}")`;
  if (options.bearer) return `"Bearer " .. ${env(options.tokenVar)}`;
  const credentials = `${env(options.emailVar)} .. ":" .. ${env(options.tokenVar)}`;
  const names = new Set(descendants(root, 'identifier').map((node) => node.text));
  const modules = new Set(descendants(root, 'string_content').map((node) => node.text));
  if (names.has('vim')) return `"Basic " .. vim.base64.encode(${credentials})`;
  if (names.has('ngx')) return `"Basic " .. ngx.encode_base64(${credentials})`;
  if (['socket.http', 'ssl.https', 'mime', 'socket'].some((name) => modules.has(name))) return `"Basic " .. (require("mime").b64(${credentials}))`;
  return undefined;
}

const COOKIE_KEY = /^(cookie|"cookie"|'cookie')$/i;
const HEADERS = /headers?$/i;

/** Whether a table is a set of HTTP headers: the value of a `headers =` field, or bound to a `…headers` name. */
function isHeaderTable(table: Node): boolean {
  const parent = table.parent;
  if (parent?.type === 'field') return HEADERS.test(parent.childForFieldName('name')?.text ?? '');
  if (parent?.type !== 'expression_list') return false;
  const assignment = parent.parent;
  const target = assignment?.namedChildren.find((child) => child?.type === 'variable_list')?.namedChildren[0];
  return HEADERS.test(target?.text ?? '');
}

/** `headers = { Cookie = … }`, `{ ["Cookie"] = … }`, `req.headers["Cookie"] = …`, `headers.cookie = …`: each sends Authorization instead. */
function cookieSends(root: Node, authorization: string): Edit[] {
  const edits: Edit[] = [];
  for (const field of descendants(root, 'field')) {
    const name = field.childForFieldName('name');
    if (!name || !COOKIE_KEY.test(name.text) || !field.parent || !isHeaderTable(field.parent)) continue;
    edits.push(replaceNode(field, name.type === 'identifier' ? `Authorization = ${authorization}` : `["Authorization"] = ${authorization}`));
  }
  for (const assignment of descendants(root, 'assignment_statement')) {
    const targets = assignment.namedChildren.find((child) => child?.type === 'variable_list')?.namedChildren ?? [];
    const [target] = targets;
    if (targets.length !== 1 || !target || assignment.parent?.type === 'variable_declaration') continue;
    const [table, key] = target.namedChildren;
    if (!table || !key || !HEADERS.test(table.text) || !COOKIE_KEY.test(key.text)) continue;
    if (target.type === 'bracket_index_expression') edits.push(replaceNode(assignment, `${table.text}["Authorization"] = ${authorization}`));
    if (target.type === 'dot_index_expression') edits.push(replaceNode(assignment, `${table.text}.Authorization = ${authorization}`));
  }
  return edits;
}

/**
 * Lua (LuaSocket, Neovim plenary.curl, OpenResty): a login whose answer only becomes the cookie of later requests
 * in the same function goes, with the credentials that fed it and the checks of its status; the requests' Cookie
 * headers send Authorization from the environment instead.
 */
export function rewriteLua(source: string, root: Node, options: FixOptions, hints: ScanHints): RewriteResult {
  const notes: RewriteResult['notes'] = [];
  const authorization = luaAuthorization(root, options);
  if (!authorization) {
    const note = 'Lua has no Base64 of its own: remove this session login and send Authorization: Basic base64(email:api_token) built with your runtime’s Base64 (mime.b64, vim.base64.encode, ngx.encode_base64).';
    return { edits: [], notes: [...hints.loginLines].map((line) => ({ line, note })) };
  }
  const sends = cookieSends(root, authorization);
  const edits: Edit[] = [...sends];
  for (const line of hints.loginLines) {
    // A `http.request{ url = … }` call starts a line above the URL the scan reports.
    const call = innermostSpanning(root, 'function_call', line);
    const statement = call ? enclosingStatement(call, SHAPE) : undefined;
    // The login itself, never an `if`/`for` that holds it in its condition.
    const login = statement && ['variable_declaration', 'assignment_statement', 'function_call'].includes(statement.type) ? statement : undefined;
    const removed = login ? removeLogin(source, root, login, SHAPE, sends) : undefined;
    if (removed) edits.push(...removed);
    else notes.push({ line, note: `Remove this session login and send the header Authorization = ${authorization} on the requests that used its cookie.` });
  }
  return { edits, notes };
}
