import type { Node } from 'web-tree-sitter';
import type { Edit } from './edits';

/**
 * `x.header("Cookie", value)` (Java, C#, Groovy: a header name and its value as the call's two arguments): the edit that
 * sends `authorization` as the Authorization header instead; undefined when the call sets another header.
 */
export function cookieHeaderEdit(args: Node[], authorization: string): Edit | undefined {
  const [name, value] = args;
  const literal = name?.type === 'string_literal' || name?.type === 'string';
  if (args.length !== 2 || !literal || !/^(["'])cookie\1$/i.test(name.text) || !value) return undefined;
  return { start: name.startIndex, end: value.endIndex, text: `"Authorization", ${authorization}` };
}
