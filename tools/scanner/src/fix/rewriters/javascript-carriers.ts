import type { Node } from 'web-tree-sitter';
import { descendants, type Edit, insideEdits, removeStatement } from '../edits';

/** A property's name: `key`, `'key'`, `["key"]`; undefined for a computed one. */
export function keyName(node: Node | null): string | undefined {
  if (!node) return undefined;
  if (node.type === 'string') return descendants(node, 'string_fragment').map((part) => part.text).join('');
  return /^(property_identifier|shorthand_property_identifier)$/.test(node.type) ? node.text : undefined;
}

/**
 * Options that hand a request a cookie jar: got's `cookieJar`, axios-cookiejar-support's and request's `jar`, and
 * axios' `withCredentials: true` (send the cookies the login set).
 */
const JAR_KEYS = new Set(['cookieJar', 'jar', 'withCredentials']);

export function isJar(member: Node): boolean {
  const key = keyName(member.type === 'pair' ? member.childForFieldName('key') : member) ?? '';
  if (!JAR_KEYS.has(key) || (member.type !== 'pair' && member.type !== 'shorthand_property_identifier')) return false;
  const value = member.childForFieldName('value');
  // `jar: 'glass'` is no cookie jar: a jar is an object, a variable or `true`.
  if (value && /^(string|number|template_string)$/.test(value.type)) return false;
  return key !== 'withCredentials' || value?.text === 'true';
}

/**
 * A cookie jar given to a request's (or a client's) options, `{ cookieJar }` or `{ jar: j }`: it goes, and the options
 * send the Authorization header instead (in their `headers` object when they have one).
 */
export function jarOptions(root: Node, header: string): Edit[] {
  const edits: Edit[] = [];
  for (const object of descendants(root, 'object')) {
    const members = object.namedChildren.filter((child): child is Node => child !== null);
    const jar = members.find(isJar);
    if (!jar) continue;
    const headers = members.find((member) => member.type === 'pair' && keyName(member.childForFieldName('key')) === 'headers')?.childForFieldName('value');
    if (headers?.type === 'object') {
      const last = headers.namedChildren.filter((child): child is Node => child !== null).at(-1);
      edits.push({ start: jar.startIndex, end: jar.endIndex, text: '' });
      edits.push(last ? { start: last.endIndex, end: last.endIndex, text: `, ${header}` } : { start: headers.startIndex + 1, end: headers.startIndex + 1, text: ` ${header} ` });
    } else if (!headers) {
      edits.push({ start: jar.startIndex, end: jar.endIndex, text: `headers: { ${header} }` });
    }
  }
  return cleanCommas(edits, root);
}

/** A jar pair removed from a list leaves its comma: the one after it goes too. */
function cleanCommas(edits: Edit[], root: Node): Edit[] {
  return edits.map((edit) => {
    if (edit.text !== '' || edit.start === edit.end) return edit;
    const node = root.descendantForIndex(edit.start, edit.end);
    let member: Node | null = node;
    while (member && !(member.startIndex === edit.start && member.endIndex === edit.end && member.parent?.type === 'object')) member = member.parent;
    const next = member?.nextSibling;
    if (next?.type === ',') return { ...edit, end: next.endIndex + (root.text[next.endIndex - root.startIndex] === ' ' ? 1 : 0) };
    const previous = member?.previousSibling;
    return previous?.type === ',' ? { ...edit, start: previous.startIndex } : edit;
  });
}

/**
 * `x.headers.Cookie = v`, `api.defaults.headers.common['Cookie'] = v`: the assignment that makes a client send the
 * session cookie sends the Authorization header instead (`authValue`: the header's value expression).
 */
export function cookieAssignments(root: Node, authValue: string): Edit[] {
  const edits: Edit[] = [];
  for (const assignment of descendants(root, 'assignment_expression')) {
    const left = assignment.childForFieldName('left');
    const right = assignment.childForFieldName('right');
    const object = left?.childForFieldName('object');
    const property = left?.type === 'member_expression' ? left.childForFieldName('property') : left?.type === 'subscript_expression' ? left.childForFieldName('index') : null;
    // Only a header map (`….headers.Cookie`, `….headers.common['Cookie']`): `Proto.prototype.cookie = function…` is a method.
    const headers = /(^|\.)headers(\.common)?$/i.test(object?.text ?? '');
    if (!left || !right || !object || !headers || keyName(property)?.toLowerCase() !== 'cookie' || /function|arrow_function/.test(right.type)) continue;
    edits.push({ start: assignment.startIndex, end: assignment.endIndex, text: `${object.text}.Authorization = ${authValue}` });
  }
  return edits;
}

/**
 * `axios.defaults.jar = cookieJar`, `axios.defaults.withCredentials = true` (axios-cookiejar-support's setup): the
 * first becomes `axios.defaults.headers.common.Authorization = …` (instances made by axios.create inherit it); the
 * others on the same defaults go.
 */
export function defaultsJars(source: string, root: Node, authValue: string): Edit[] {
  const edits: Edit[] = [];
  const done = new Set<string>();
  const settings = descendants(root, 'assignment_expression').flatMap((assignment) => {
    const left = assignment.childForFieldName('left');
    const right = assignment.childForFieldName('right');
    const defaults = left?.type === 'member_expression' ? left.childForFieldName('object') : null;
    const key = left?.childForFieldName('property')?.text;
    const statement = assignment.parent;
    if (!right || !defaults || defaults.type !== 'member_expression' || defaults.childForFieldName('property')?.text !== 'defaults') return [];
    if (!(key === 'jar' || (key === 'withCredentials' && right.text === 'true')) || statement?.type !== 'expression_statement') return [];
    return [{ assignment, statement, key, defaults: defaults.text }];
  });
  // `withCredentials` alone is the browser's cookie switch (page code, no jar): only defaults given a jar are rewritten.
  const jars = new Set(settings.filter((setting) => setting.key === 'jar').map((setting) => setting.defaults));
  for (const { assignment, statement, defaults } of settings) {
    if (!jars.has(defaults)) continue;
    if (done.has(defaults)) edits.push(removeStatement(source, statement));
    else edits.push({ start: assignment.startIndex, end: assignment.endIndex, text: `${defaults}.headers.common.Authorization = ${authValue}` });
    done.add(defaults);
  }
  return edits;
}

const FUNCTIONS = /^(arrow_function|function_expression|function)$/;

/** `if (res.statusCode !== 200) throw …`: a check of the login's answer that only stops. */
export function isLoginCheck(statement: Node): boolean {
  if (statement.type !== 'if_statement' || statement.childForFieldName('alternative')) return false;
  const consequence = statement.childForFieldName('consequence');
  const body = consequence?.type === 'statement_block' ? consequence.namedChildren.filter((child): child is Node => child !== null && child.type !== 'comment') : consequence ? [consequence] : [];
  return body.length === 1 && /^(throw_statement|return_statement)$/.test(body[0]?.type ?? '');
}

const statementsOf = (block: Node): Node[] => block.namedChildren.filter((child): child is Node => child !== null && child.type !== 'comment');

/** `console.log('logged in', data.session)`: a log line; reading the login's answer, it goes with the login. */
function isLog(statement: Node): boolean {
  const call = statement.type === 'expression_statement' ? statement.firstNamedChild : null;
  const callee = call?.type === 'call_expression' ? call.childForFieldName('function') : null;
  return callee?.type === 'member_expression' && callee.childForFieldName('object')?.text === 'console';
}

/** A branch that only reports a failed login: `throw …`, `return …`, `console.error(…)`, or a block of them. */
function onlyFails(statement: Node): boolean {
  const body = statement.type === 'statement_block' ? statementsOf(statement) : [statement];
  return body.length > 0 && body.every((child) => /^(throw_statement|return_statement)$/.test(child.type) || isLog(child));
}

/**
 * `if (response.statusCode == 200) { … } else { throw … }` as a login callback's whole body (the Atlassian tutorial's
 * shape): the success branch is the body to keep; the check of the answer and the failure branch go with the login.
 */
function successBranch(body: Node, reads: (node: Node) => boolean): Node | undefined {
  const statements = statementsOf(body);
  const only = statements.length === 1 ? statements[0] : undefined;
  const condition = only?.type === 'if_statement' ? only.childForFieldName('condition') : null;
  const consequence = only?.childForFieldName('consequence');
  if (!only || !condition || !reads(condition) || consequence?.type !== 'statement_block') return undefined;
  const alternative = only.childForFieldName('alternative');
  const otherwise = alternative?.namedChildren.find((child): child is Node => child !== null && child.type !== 'comment');
  if (alternative && (!otherwise || otherwise.type === 'if_statement' || !onlyFails(otherwise))) return undefined;
  return consequence;
}

/**
 * The plain parameter names of a function (`(a, b: T) => …`, `function (c = 1) {…}`); a destructured one names none
 * (its defaults may read the outer name), so it never hides the login's answer.
 */
function parameterNames(fn: Node): string[] {
  const params = fn.childForFieldName('parameters') ?? fn.childForFieldName('parameter');
  if (!params) return [];
  if (params.type === 'identifier') return [params.text];
  return params.namedChildren.flatMap((param) => {
    let pattern: Node | null = param;
    if (pattern && /^(required_parameter|optional_parameter)$/.test(pattern.type)) pattern = pattern.childForFieldName('pattern');
    if (pattern?.type === 'assignment_pattern') pattern = pattern.childForFieldName('left');
    return pattern?.type === 'identifier' ? [pattern.text] : [];
  });
}

/** `name` is a parameter of a function between it and `within` (the inner callback's own `response`), not the login's. */
function shadowed(name: Node, within: Node): boolean {
  for (let node = name.parent; node && node.id !== within.id; node = node.parent) {
    if (FUNCTIONS.test(node.type) && parameterNames(node).includes(name.text)) return true;
  }
  return false;
}

/** Names a statement binds (`const a = …`, `const { a } = …`). */
function bound(statement: Node): string[] {
  if (!/^(lexical_declaration|variable_declaration)$/.test(statement.type)) return [];
  return descendants(statement, 'variable_declarator').flatMap((declarator) => {
    const name = declarator.childForFieldName('name');
    return name ? descendants(name, ['identifier', 'shorthand_property_identifier_pattern']).map((node) => node.text).concat(name.type === 'identifier' ? [name.text] : []) : [];
  });
}

/**
 * A callback-style login (`client.post(url, args, (data, res) => { … next request … })`, request, node-rest-client):
 * the statement becomes its callback's body, less what read the login's answer (the parameters and what was made
 * from them, a check that only throws), dedented; the rewritten headers inside are applied. Undefined when something
 * kept still reads the answer.
 */
export function unwrapCallback(source: string, statement: Node, call: Node, replaced: Edit[], apply: (text: string, edits: Edit[]) => string): { edit: Edit; dropped: Edit[] } | undefined {
  const callback = call.childForFieldName('arguments')?.namedChildren.filter((arg): arg is Node => arg !== null).at(-1);
  const body = callback && FUNCTIONS.test(callback.type) ? callback.childForFieldName('body') : undefined;
  if (!callback || body?.type !== 'statement_block' || statement.type !== 'expression_statement') return undefined;
  const params = callback.childForFieldName('parameters') ?? callback.childForFieldName('parameter');
  const names = new Set(params ? descendants(params, 'identifier').map((node) => node.text).concat(params.type === 'identifier' ? [params.text] : []) : []);
  const reads = (node: Node): boolean => descendants(node, ['identifier', 'shorthand_property_identifier']).some((name) => names.has(name.text) && !insideEdits(name, replaced) && !shadowed(name, node));
  const kept: Node[] = [];
  let comments: Node[] = [];
  for (const child of (successBranch(body, reads) ?? body).namedChildren) {
    if (!child) continue;
    // A comment goes with the statement after it.
    if (child.type === 'comment') comments.push(child);
    else if (!reads(child)) kept.push(...comments, child);
    else if (isLog(child)) continue;
    else if (isLoginCheck(child) || /^(lexical_declaration|variable_declaration)$/.test(child.type)) bound(child).forEach((name) => names.add(name));
    else return undefined;
    if (child.type !== 'comment') comments = [];
  }
  const first = kept[0];
  const last = kept.at(-1);
  if (!first || !last || kept.some(reads)) return undefined;
  const from = source.lastIndexOf('\n', first.startIndex - 1) + 1;
  const inner = /^[ \t]*/.exec(source.slice(from))?.[0] ?? '';
  const outerStart = source.lastIndexOf('\n', statement.startIndex - 1) + 1;
  const outer = source.slice(outerStart, statement.startIndex);
  if (outer.trim() !== '') return undefined;
  // Kept statements in source order, with the text between them (blank lines, comments) but not the removed ones.
  const pieces = kept.map((node) => {
    const start = source.lastIndexOf('\n', node.startIndex - 1) + 1;
    const own = replaced.filter((edit) => edit.start >= node.startIndex && edit.end <= node.endIndex).map((edit) => ({ ...edit, start: edit.start - start, end: edit.end - start }));
    return apply(source.slice(start, node.endIndex), own);
  });
  const text = pieces
    .join('\n')
    .split('\n')
    .map((line) => (line.startsWith(inner) ? outer + line.slice(inner.length) : line))
    .join('\n');
  // What the rewrite drops: the statement's text outside the kept statements (the login call, the answer's readers).
  const bounds = [statement.startIndex, ...kept.flatMap((node) => [node.startIndex, node.endIndex]), statement.endIndex];
  const dropped: Edit[] = [];
  for (let index = 0; index < bounds.length; index += 2) dropped.push({ start: bounds[index] ?? 0, end: bounds[index + 1] ?? 0, text: '' });
  return { edit: { start: outerStart, end: statement.endIndex, text }, dropped };
}

/**
 * `const agent = superagent.agent()` whose `agent.post(…/rest/auth/1/session)` is the login: the agent keeps the
 * cookie for the calls after it, so it sends the Authorization header on each instead (superagent agents keep the
 * `.set` defaults for every request they make).
 */
export function agentDefaults(root: Node, authValue: string, isLogin: (call: Node) => boolean): Edit[] {
  const edits: Edit[] = [];
  for (const declarator of descendants(root, 'variable_declarator')) {
    const name = declarator.childForFieldName('name');
    const value = declarator.childForFieldName('value');
    const callee = value?.type === 'call_expression' ? value.childForFieldName('function') : null;
    const maker = callee?.type === 'member_expression' ? callee.childForFieldName('object')?.text : undefined;
    if (!value || name?.type !== 'identifier' || callee?.childForFieldName('property')?.text !== 'agent' || !/^(superagent|request|supertest)$/.test(maker ?? '')) continue;
    const logins = descendants(root, 'call_expression').filter((call) => {
      const target = call.childForFieldName('function');
      return target?.type === 'member_expression' && target.childForFieldName('object')?.text === name.text && isLogin(call);
    });
    if (logins.length) edits.push({ start: value.endIndex, end: value.endIndex, text: `.set('Authorization', ${authValue})` });
  }
  return edits;
}
