import type { Node } from 'web-tree-sitter';
import { descendants, type Edit } from '../edits';

/** A property's name: `key`, `'key'`, `["key"]`; undefined for a computed one. */
function keyName(node: Node | null): string | undefined {
  if (!node) return undefined;
  if (node.type === 'string') return descendants(node, 'string_fragment').map((part) => part.text).join('');
  return /^(property_identifier|shorthand_property_identifier)$/.test(node.type) ? node.text : undefined;
}

/**
 * Options that hand a request a cookie jar: got's `cookieJar`, axios-cookiejar-support's and request's `jar`, and
 * axios' `withCredentials: true` (send the cookies the login set).
 */
const JAR_KEYS = new Set(['cookieJar', 'jar', 'withCredentials']);

function isJar(member: Node): boolean {
  const key = keyName(member.type === 'pair' ? member.childForFieldName('key') : member) ?? '';
  if (!JAR_KEYS.has(key) || (member.type !== 'pair' && member.type !== 'shorthand_property_identifier')) return false;
  return key !== 'withCredentials' || member.childForFieldName('value')?.text === 'true';
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
