import { Prisma } from '@tokenshift/db';
import { JqlError, JqlNode, JqlOrder, JqlValue } from './jql-parser';

type IssueWhere = Prisma.IssueWhereInput;

const insensitive = Prisma.QueryMode.insensitive;

function text(value: JqlValue, field: string): string {
  if (typeof value === 'string') return value;
  throw new JqlError(`Error in the JQL Query: The field '${field}' does not support this value.`);
}

function userMatch(value: JqlValue, currentUser: string | undefined, field: string): Prisma.UserWhereInput {
  if (typeof value === 'object' && 'fn' in value) {
    if (!currentUser) throw new JqlError(`Error in the JQL Query: currentUser() needs an authenticated user.`);
    return { name: currentUser };
  }
  const name = text(value, field);
  return { OR: [{ name }, { email: { equals: name, mode: insensitive } }] };
}

/** One `field op value` for a single value, positive form. */
function matchOne(field: string, value: JqlValue, currentUser: string | undefined): IssueWhere {
  const isEmpty = typeof value === 'object' && 'empty' in value;
  switch (field) {
    case 'project':
      return { project: { key: { equals: text(value, field), mode: insensitive } } };
    case 'type':
    case 'issuetype':
      return { issueType: { equals: text(value, field), mode: insensitive } };
    case 'status':
      return { status: { equals: text(value, field), mode: insensitive } };
    case 'priority':
      return { priority: { equals: text(value, field), mode: insensitive } };
    case 'key':
    case 'issuekey':
      return { key: { equals: text(value, field), mode: insensitive } };
    case 'summary':
      return { summary: { equals: text(value, field), mode: insensitive } };
    case 'labels':
      return isEmpty ? { labels: { isEmpty: true } } : { labels: { has: text(value, field) } };
    case 'assignee':
      return isEmpty ? { assigneeId: null } : { assignee: userMatch(value, currentUser, field) };
    case 'reporter':
      return { reporter: userMatch(value, currentUser, field) };
    default:
      throw new JqlError(`Field '${field}' does not exist or you do not have permission to view it.`);
  }
}

function contains(field: string, value: JqlValue): IssueWhere {
  if (field === 'summary') return { summary: { contains: text(value, field), mode: insensitive } };
  if (field === 'description') return { description: { contains: text(value, field), mode: insensitive } };
  if (field === 'text') {
    const term = text(value, field);
    return { OR: [{ summary: { contains: term, mode: insensitive } }, { description: { contains: term, mode: insensitive } }] };
  }
  throw new JqlError(`Error in the JQL Query: The operator '~' is not supported by the '${field}' field.`);
}

/** Turns a parsed JQL condition into a Prisma filter on issues (parameterised: no SQL is built by hand). */
export function jqlToWhere(node: JqlNode, currentUser: string | undefined): IssueWhere {
  switch (node.kind) {
    case 'and':
      return { AND: node.children.map((child) => jqlToWhere(child, currentUser)) };
    case 'or':
      return { OR: node.children.map((child) => jqlToWhere(child, currentUser)) };
    case 'not':
      return { NOT: jqlToWhere(node.child, currentUser) };
    case 'clause': {
      const { field, op, values } = node;
      if (op === '~') return contains(field, values[0]!);
      if (op === '!~') return { NOT: contains(field, values[0]!) };
      const anyOf: IssueWhere = { OR: values.map((value) => matchOne(field, value, currentUser)) };
      return op === '=' || op === 'in' ? anyOf : { NOT: anyOf };
    }
  }
}

const ORDERABLE: Record<string, (direction: 'asc' | 'desc') => Prisma.IssueOrderByWithRelationInput> = {
  created: (d) => ({ created: d }),
  updated: (d) => ({ updated: d }),
  key: (d) => ({ id: d }),
  issuekey: (d) => ({ id: d }),
  priority: (d) => ({ priority: d }),
  status: (d) => ({ status: d }),
  summary: (d) => ({ summary: d }),
  type: (d) => ({ issueType: d }),
  issuetype: (d) => ({ issueType: d }),
  project: (d) => ({ project: { key: d } }),
};

export function jqlToOrderBy(order: JqlOrder[]): Prisma.IssueOrderByWithRelationInput[] {
  const clauses = order.map(({ field, direction }) => {
    const build = ORDERABLE[field];
    if (!build) throw new JqlError(`Error in the JQL Query: Field '${field}' does not exist or cannot be sorted on.`);
    return build(direction);
  });
  // Jira's default order; the id keeps paging stable.
  return [...(clauses.length ? clauses : [{ created: 'desc' as const }]), { id: 'desc' }];
}
