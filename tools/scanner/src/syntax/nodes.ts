import type { Node, Tree } from 'web-tree-sitter';

export function namedChildren(node: Node): Node[] {
  return node.namedChildren.filter((child): child is Node => child !== null);
}

/** The last identifier in a piece of source text: `this.BASE` → `BASE`, `self::$url` → `url`, `$V` → `V`. */
export function lastName(text: string): string {
  const match = /([A-Za-z_][A-Za-z0-9_]*)[^A-Za-z0-9_]*$/.exec(text);
  return match?.[1] ?? text;
}

export function stripQuotes(text: string): string {
  return text.replace(/^[A-Za-z@$]{0,3}(?:"""|'''|["'`])/, '').replace(/(?:"""|'''|["'`])$/, '');
}

export interface CallParts {
  name: string;
  callee: Node | undefined;
  receiver: Node | undefined;
  args: Node[];
}

const MEMBER_TYPES = new Set(['member_expression', 'attribute', 'selector_expression', 'member_access_expression', 'navigation_expression', 'field_access', 'scope_resolution']);

/**
 * Each call's parts, per tree: the walk, the evaluator and the rules all ask for them, and every field read is
 * a call into the parser. Node ids are unique within a tree (not across trees: the parser reuses memory).
 */
const partsByTree = new WeakMap<Tree, Map<number, CallParts>>();

/** Function name, receiver and arguments of a call in any of the grammars we use (a Lisp form: its head and the rest). */
export function callParts(call: Node): CallParts {
  let known = partsByTree.get(call.tree);
  if (!known) partsByTree.set(call.tree, (known = new Map()));
  let parts = known.get(call.id);
  if (!parts) {
    parts = readCallParts(call);
    // Frozen: every caller gets the same parts, so one that changed them would throw instead of misleading the others.
    Object.freeze(parts.args);
    known.set(call.id, Object.freeze(parts));
  }
  return parts;
}

function readCallParts(call: Node): CallParts {
  const callee =
    call.childForFieldName('function') ??
    call.childForFieldName('method') ??
    call.childForFieldName('name') ??
    call.childForFieldName('constructor') ??
    call.childForFieldName('type') ??
    call.namedChild(0) ??
    undefined;
  let receiver = call.childForFieldName('object') ?? call.childForFieldName('receiver') ?? call.childForFieldName('scope') ?? undefined;
  if (!receiver && callee && MEMBER_TYPES.has(callee.type)) receiver = callee.namedChild(0) ?? undefined;
  let argsNode = call.childForFieldName('arguments');
  if (!argsNode) {
    // Kotlin and Swift: call_suffix → value_arguments.
    const suffix = namedChildren(call).find((child) => child.type === 'call_suffix');
    argsNode = suffix ? (namedChildren(suffix).find((child) => child.type === 'value_arguments') ?? null) : null;
  }
  const args = argsNode
    ? namedChildren(argsNode)
    : call.type === 'command'
      ? call.childrenForFieldName('argument').filter((arg): arg is Node => arg !== null)
      : call.type === 'message_expression'
        ? messageArguments(call)
        : call.type === 'list'
          ? namedChildren(call).slice(1)
          : [];
  return { name: callee ? lastName(callee.text) : '', callee: callee ?? undefined, receiver, args: args.filter((arg) => !arg.type.includes('comment')) };
}

/** Objective-C `[receiver selector:argument more:argument]`: the arguments between the selector's parts. */
function messageArguments(call: Node): Node[] {
  const parts = new Set(call.childrenForFieldName('method').map((part) => part?.id));
  const receiver = call.childForFieldName('receiver')?.id;
  return namedChildren(call).filter((child) => child.id !== receiver && !parts.has(child.id));
}
