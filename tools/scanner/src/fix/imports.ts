import type { Node } from 'web-tree-sitter';
import type { Edit } from './edits';

/**
 * Where to add a line before the first top-level node of one of `types`, or after a leading shebang/comment/docstring.
 * Top-level nodes of `leading` stay ahead of the line (Python's `from __future__` imports must open the module).
 */
export function insertBeforeFirst(source: string, root: Node, types: ReadonlySet<string>, line: string, leading: ReadonlySet<string> = new Set()): Edit {
  const children = root.namedChildren.filter((child): child is Node => child !== null);
  const lastLeading = children.filter((child) => leading.has(child.type)).at(-1);
  const first = children.find((child) => types.has(child.type) && !leading.has(child.type) && (!lastLeading || child.startIndex > lastLeading.endIndex));
  if (first) {
    const lineStart = source.lastIndexOf('\n', first.startIndex - 1) + 1;
    return { start: lineStart, end: lineStart, text: `${line}\n` };
  }
  if (lastLeading) {
    const lineEnd = source.indexOf('\n', lastLeading.endIndex);
    return lineEnd < 0 ? { start: source.length, end: source.length, text: `\n${line}\n` } : { start: lineEnd + 1, end: lineEnd + 1, text: `${line}\n` };
  }
  let offset = 0;
  for (const child of children) {
    const isPreamble = child.type === 'comment' || (child.type === 'expression_statement' && child.firstNamedChild?.type === 'string');
    if (!isPreamble) break;
    offset = child.endIndex + 1;
  }
  return { start: offset, end: offset, text: offset > 0 ? `${line}\n` : `${line}\n\n` };
}
