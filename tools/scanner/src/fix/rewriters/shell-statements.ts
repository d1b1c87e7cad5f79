import type { Node } from 'web-tree-sitter';
import { fillBlock, type StatementShape } from '../dependents';
import { descendants, removeStatement, type Edit } from '../edits';

/** Node types of tree-sitter-bash whose children are statements. */
export const STATEMENT_BLOCKS = new Set(['program', 'compound_statement', 'do_group', 'if_statement', 'elif_clause', 'else_clause', 'case_item', 'subshell']);

export const SHAPE: StatementShape = {
  blocks: STATEMENT_BLOCKS,
  removable: new Set(['variable_assignment', 'declaration_command']),
  identifierTypes: ['variable_name'],
  emptyBlockFiller: ':',
  definedNames(statement) {
    const assignments = statement.type === 'variable_assignment' ? [statement] : descendants(statement, 'variable_assignment');
    return assignments.map((assignment) => assignment.childForFieldName('name')?.text ?? '').filter(Boolean);
  },
  // Every mention but the assigned name is a read: `$X`, `${X}`, `${X[@]}`, `$((X + 1))`, `export X`
  // (conservative: a name read in an unusual place keeps what defines it).
  isReference(node) {
    return node.parent?.type !== 'variable_assignment';
  },
};

/** The statement a command is: itself, or its redirection wrapper, when it sits directly in a list of statements. */
export function statementOf(command: Node): Node | undefined {
  const node = command.parent?.type === 'redirected_statement' ? command.parent : command;
  return node.parent && STATEMENT_BLOCKS.has(node.parent.type) ? node : undefined;
}

/**
 * The statements of a branch: for `if`/`elif`, those after `then` (the condition is none, and `elif`/`else`
 * hold their own); elsewhere, the block's statements.
 */
export function branchStatements(block: Node): Node[] {
  const statements = block.namedChildren.filter((child): child is Node => child !== null && !child.type.includes('comment') && child.type !== 'variable_name' && child.type !== 'word');
  if (block.type !== 'if_statement' && block.type !== 'elif_clause') return statements;
  const then = block.children.find((child) => child?.type === 'then');
  return statements.filter((child) => then && child.startIndex > then.startIndex && child.type !== 'elif_clause' && child.type !== 'else_clause');
}

/** Removes a statement; the only statement of a branch or function body leaves `:` (an empty one would not parse). */
export function removeFromBlock(source: string, statement: Node): Edit[] {
  const block = statement.parent;
  const alone = block && block.type !== 'program' && branchStatements(block).length === 1;
  return alone ? fillBlock(source, [removeStatement(source, statement)], ':') : [removeStatement(source, statement)];
}

