import type { Node, Tree } from 'web-tree-sitter';

/**
 * The nodes of given types in a tree, listed in one walk of the parser and kept while the tree is analyzed.
 * The evaluator and the rules ask the same tree for its calls, pairs, assignments, functions and returns many
 * times over; each `descendantsOfType` walks the whole tree in the parser, so one walk over the union of those
 * types serves them all, filtered here. A list the index cannot give exactly falls back to the parser.
 */
class TreeNodes {
  private readonly nodes: Node[];
  /** The type of each node of `nodes`, read once. */
  private readonly nodeTypes: string[];

  constructor(
    private readonly root: Node,
    readonly types: ReadonlySet<string>,
  ) {
    this.nodes = root.descendantsOfType([...types]).filter((node): node is Node => node !== null);
    this.nodeTypes = this.nodes.map((node) => node.type);
  }

  /** The nodes of `types` under `node` (itself included), in document order, or undefined when not exact. */
  nodesOf(node: Node, types: ReadonlySet<string>): Node[] | undefined {
    const whole = node.id === this.root.id;
    const start = node.startIndex;
    const end = node.endIndex;
    const found: Node[] = [];
    for (let index = 0; index < this.nodes.length; index++) {
      const candidate = this.nodes[index];
      if (!candidate || !types.has(this.nodeTypes[index] ?? '')) continue;
      if (whole) {
        found.push(candidate);
        continue;
      }
      const candidateStart = candidate.startIndex;
      if (candidateStart < start || candidateStart > end) continue;
      const candidateEnd = candidate.endIndex;
      if (candidateEnd > end) continue;
      // A node spanning exactly the same bytes may be an ancestor, and an empty one on the edge a neighbour:
      // only the parser's own walk tells.
      if (candidate.id !== node.id && ((candidateStart === start && candidateEnd === end) || candidateStart === candidateEnd)) return undefined;
      found.push(candidate);
    }
    return found;
  }
}

const indexes = new WeakMap<Tree, TreeNodes>();

/** Lists once the nodes of `types` in `root`'s tree, for later calls of descendantsOf on that tree. */
export function indexTree(root: Node, types: Iterable<string>): void {
  indexes.set(root.tree, new TreeNodes(root, new Set(types)));
}

/** `node.descendantsOfType(types)` without the nulls, from the tree's index when it holds all of `types`. */
export function descendantsOf(node: Node, types: Iterable<string>): Node[] {
  const wanted = new Set(types);
  const index = indexes.get(node.tree);
  if (index && [...wanted].every((type) => index.types.has(type))) {
    const found = index.nodesOf(node, wanted);
    if (found) return found;
  }
  return node.descendantsOfType([...wanted]).filter((child): child is Node => child !== null);
}
