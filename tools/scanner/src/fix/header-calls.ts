import type { Node } from 'web-tree-sitter';
import type { Edit } from './edits';

/**
 * `x.header("Cookie", value)` (Java, C#: a header name and its value as the call's two arguments): the edit that
 * sends `authorization` as the Authorization header instead; undefined when the call sets another header.
 */
export function cookieHeaderEdit(args: Node[], authorization: string): Edit | undefined {
  const [name, value] = args;
  if (args.length !== 2 || name?.type !== 'string_literal' || !/^"cookie"$/i.test(name.text) || !value) return undefined;
  return { start: name.startIndex, end: value.endIndex, text: `"Authorization", ${authorization}` };
}
