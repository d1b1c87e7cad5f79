import type { Node } from 'web-tree-sitter';
import type { Edit } from './edits';

/** Where to add a line before the first top-level node of one of `types`, or after a leading shebang/comment/docstring. */
export function insertBeforeFirst(source: string, root: Node, types: ReadonlySet<string>, line: string): Edit {
  const first = root.namedChildren.find((child) => child && types.has(child.type));
  if (first) {
    const lineStart = source.lastIndexOf('\n', first.startIndex - 1) + 1;
    return { start: lineStart, end: lineStart, text: `${line}\n` };
  }
  let offset = 0;
  for (const child of root.namedChildren) {
    if (!child) continue;
    const isPreamble = child.type === 'comment' || (child.type === 'expression_statement' && child.firstNamedChild?.type === 'string');
    if (!isPreamble) break;
    offset = child.endIndex + 1;
  }
  return { start: offset, end: offset, text: offset > 0 ? `${line}\n` : `${line}\n\n` };
}
