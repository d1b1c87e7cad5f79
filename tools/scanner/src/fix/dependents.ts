import type { Node } from 'web-tree-sitter';
import { type Edit, insideEdits, removeStatement } from './edits';

/** How a grammar spells statements and variable references, for removing a login and what only served it. */
export interface StatementShape {
  /** Node types whose children are statements (module, block, statement_block…). */
  blocks: ReadonlySet<string>;
  /** Statements that may go when they only use what a removed statement defined. */
  removable: ReadonlySet<string>;
  /** Names a statement defines (`x = …`, `const { a } = …`). */
  definedNames(statement: Node): string[];
  /** Whether an identifier node reads a variable (not an attribute name, a keyword argument…). */
  isReference(node: Node): boolean;
  identifierTypes: readonly string[];
  /** What stands in for the last statement of a block that must not be empty (`pass`, `:`); none: the block may be empty. */
  emptyBlockFiller?: string;
  /**
   * Where the names a statement defines can be read (a Python function's locals: its own body); none: the whole
   * file. Another function's variable of the same name is then not mistaken for a reader.
   */
  scopeOf?(statement: Node): Node | undefined;
  /** A statement that reads the removed login's answer only to stop when it failed (`if r.status_code != 200: raise …`): it goes too. */
  isFailureCheck?(statement: Node, names: ReadonlySet<string>): boolean;
  /**
   * A statement whose body runs only when the login worked (`if r.status_code == 200: …`): the edits that lift its
   * body out of the check (the body then follows the login like any sibling); none: it is not one.
   */
  unwrapSuccessCheck?(source: string, statement: Node, names: ReadonlySet<string>): { edits: Edit[]; body: Node[] } | undefined;
}

export function enclosingStatement(node: Node, shape: StatementShape): Node | undefined {
  let current: Node | null = node;
  while (current?.parent) {
    if (shape.blocks.has(current.parent.type)) return current;
    current = current.parent;
  }
  return undefined;
}


function references(root: Node, names: Set<string>, shape: StatementShape, skip: Edit[]): Node[] {
  if (names.size === 0) return [];
  return root
    .descendantsOfType([...shape.identifierTypes])
    .filter((node): node is Node => node !== null && names.has(node.text) && shape.isReference(node) && !insideEdits(node, skip));
}

/**
 * Removes `statement` and the statements after it in the same block that only carry on with what it defined
 * (the session answer, its cookie). Gives up (undefined) when a name it defined is still read anywhere else,
 * outside the `replaced` ranges: the program would then use a variable that no longer exists.
 */
export function removeWithDependents(source: string, root: Node, statement: Node, shape: StatementShape, replaced: Edit[]): Edit[] | undefined {
  const removed: Edit[] = [removeStatement(source, statement)];
  const names = new Set(shape.definedNames(statement));
  // A later statement of the block that binds a name anew, without reading it (`$ch = curl_init(…)` again), ends
  // what the removed statement defined: reads after it see the new value.
  const reboundAt = new Map<string, number>();
  const block = statement.parent;
  if (!block) return undefined;
  let seen = false;
  const dependents: Node[] = [statement];
  const siblings = [...block.namedChildren];
  const unwrappedBodies = new Map<number, Node[]>();
  for (let index = 0; index < siblings.length; index++) {
    const sibling = siblings[index];
    if (!sibling) continue;
    if (sibling.id === statement.id) {
      seen = true;
      continue;
    }
    if (!seen) continue;
    if (references(sibling, names, shape, replaced).length === 0) {
      for (const name of shape.definedNames(sibling)) if (names.delete(name)) reboundAt.set(name, sibling.startIndex);
      continue;
    }
    if (!shape.removable.has(sibling.type) && !shape.isFailureCheck?.(sibling, names)) {
      const unwrapped = shape.unwrapSuccessCheck?.(source, sibling, names);
      if (!unwrapped) return undefined;
      removed.push(...unwrapped.edits);
      siblings.splice(index + 1, 0, ...unwrapped.body);
      unwrappedBodies.set(sibling.id, unwrapped.body);
      continue;
    }
    removed.push(removeStatement(source, sibling));
    dependents.push(sibling);
    for (const name of shape.definedNames(sibling)) names.add(name);
  }
  const tracked = new Set([...names, ...reboundAt.keys()]);
  // What a dependent keeps where other functions read it (`self.cookies = …`, `c.cookie = …`) is looked for in the
  // whole file; the locals, in their function.
  const wide = new Set(dependents.filter((dependent) => shape.scopeOf && !shape.scopeOf(dependent)).flatMap((dependent) => shape.definedNames(dependent)));
  const local = new Set([...tracked].filter((name) => !wide.has(name)));
  const skip = [...removed, ...replaced];
  const leftovers = [...references(shape.scopeOf?.(statement) ?? root, local, shape, skip), ...references(root, new Set([...tracked].filter((name) => wide.has(name))), shape, skip)].filter((node) => node.startIndex < (reboundAt.get(node.text) ?? Infinity));
  if (leftovers.length) return undefined;
  // A check whose body all went (its `if` line too) keeps nothing of the block.
  const gone = (child: Node): boolean => insideEdits(child, removed) || Boolean(unwrappedBodies.get(child.id)?.every((statement) => statement.type.includes('comment') || insideEdits(statement, removed)));
  const kept = block.namedChildren.filter((child) => child && !child.type.includes('comment') && !gone(child));
  if (kept.length === 0 && block.parent && shape.emptyBlockFiller) return fillBlock(source, removed, shape.emptyBlockFiller);
  return removed;
}

/** A block left with no statement would not parse (Python, shell): the first removal leaves a no-op in its place. */
export function fillBlock(source: string, removed: Edit[], filler: string): Edit[] {
  const [first, ...rest] = removed;
  if (!first) return removed;
  const indent = /^[ \t]*/.exec(source.slice(first.start))?.[0] ?? '';
  const text = first.text || (source[first.end - 1] === '\n' ? `${indent}${filler}\n` : filler);
  return [{ ...first, text }, ...rest];
}

/**
 * The statements beside a removed login, in its block, that only fed it or its answer (the credentials map, the JSON
 * body, `var session *http.Cookie`): each defines names that nothing outside the removals reads any more, and the
 * removals read at least one of them. Repeats until nothing changes, so a body built from another local goes with it.
 */
export function unusedInputs(source: string, root: Node, statement: Node, shape: StatementShape, removed: Edit[]): Edit[] {
  const inputs: Edit[] = [];
  const siblings = (statement.parent?.namedChildren ?? []).filter((child): child is Node => child !== null && child.id !== statement.id);
  for (let changed = true; changed; ) {
    changed = false;
    for (const sibling of siblings) {
      const names = new Set(shape.definedNames(sibling));
      const removals = [...removed, ...inputs];
      if (!shape.removable.has(sibling.type) || names.size === 0 || insideEdits(sibling, removals)) continue;
      const own = { start: sibling.startIndex, end: sibling.endIndex, text: '' };
      const uses = references(shape.scopeOf?.(sibling) ?? root, names, shape, [own]);
      if (uses.length > 0 && uses.every((use) => insideEdits(use, removals))) {
        inputs.push(removeStatement(source, sibling));
        changed = true;
      }
    }
  }
  return inputs;
}

/**
 * Whether one of `nodes` (a cookie send) would go with a login's removal without having been replaced: the request
 * it belongs to would then lose its cookie and get no credentials instead.
 */
export function removesUnreplaced(nodes: Node[], removed: Edit[], replaced: Edit[]): boolean {
  const removals = removed.filter((edit) => edit.text === '');
  return nodes.some((node) => insideEdits(node, removals) && !insideEdits(node, replaced));
}
