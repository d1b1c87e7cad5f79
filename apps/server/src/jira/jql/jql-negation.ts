import { JqlNode, JqlOperator } from './jql-parser';

/** Each operator and the one `NOT` turns it into (Jira's DeMorgansVisitor does the same). */
const NEGATED: Record<JqlOperator, JqlOperator> = {
  '=': '!=',
  '!=': '=',
  '~': '!~',
  '!~': '~',
  '<': '>=',
  '>=': '<',
  '>': '<=',
  '<=': '>',
  in: 'not in',
  'not in': 'in',
};

/**
 * Removes every `NOT` by pushing it down to the clauses (De Morgan) and flipping their operators, as
 * Jira does before it searches: `NOT assignee = ada` is `assignee != ada`, which, like every `!=`,
 * leaves out issues whose field is empty. The result has no `not` node.
 */
export function withoutNot(node: JqlNode, negated = false): JqlNode {
  switch (node.kind) {
    case 'not':
      return withoutNot(node.child, !negated);
    case 'and':
    case 'or': {
      const kind = negated ? (node.kind === 'and' ? 'or' : 'and') : node.kind;
      return { kind, children: node.children.map((child) => withoutNot(child, negated)) };
    }
    case 'clause':
      return negated ? { ...node, op: NEGATED[node.op] } : node;
  }
}
