import { Prisma } from '@tokenshift/db';
import { JqlError, JqlNode, JqlOrder, JqlValue } from './jql-parser';
import { JqlLookups, ValueIds } from './jql-lookups';

type IssueWhere = Prisma.IssueWhereInput;

const insensitive = Prisma.QueryMode.insensitive;

/** What a query's values are resolved against: the caller (for `currentUser()`) and the looked-up ids. */
export interface JqlContext extends JqlLookups {
  currentUserId: string | undefined;
}

function text(value: JqlValue, field: string): string {
  if (typeof value === 'string') return value;
  throw new JqlError(`Error in the JQL Query: The field '${field}' does not support this value.`);
}

const isEmpty = (value: JqlValue): value is { empty: true } => typeof value === 'object' && 'empty' in value;
const isCurrentUser = (value: JqlValue): value is { fn: 'currentUser' } => typeof value === 'object' && 'fn' in value;

/** The distinct texts of a list, so a value costs one comparison however often it was written. */
function texts(values: JqlValue[], field: string): string[] {
  return [...new Set(values.map((value) => text(value, field)))];
}

/** The distinct ids the values of a list were looked up as. */
function idsOf(values: string[], lookedUp: ValueIds): string[] {
  return [...new Set(values.flatMap((value) => lookedUp.get(value) ?? []))];
}

/** The distinct ids of the users a list names (`currentUser()` is the caller). */
function userIds(values: JqlValue[], field: string, context: JqlContext): string[] {
  const ids = idsOf(texts(values.filter((value) => !isCurrentUser(value)), field), context.users);
  if (!values.some(isCurrentUser)) return ids;
  if (!context.currentUserId) throw new JqlError(`Error in the JQL Query: currentUser() needs an authenticated user.`);
  return [...new Set([...ids, context.currentUserId])];
}

/**
 * `field IN (values)` (or `=` with one value), positive form: one comparison per clause, never one
 * per value, and no join: users and projects are looked up first (jql-lookups.ts), so a clause is an
 * `IN` on the issue's own column. Always true or false, never SQL NULL, so `NOT` of it keeps the
 * issues the positive form does not match (unassigned ones too).
 */
function anyOf(field: string, values: JqlValue[], context: JqlContext): IssueWhere {
  switch (field) {
    case 'project':
      return { projectId: { in: idsOf(texts(values, field), context.projects) } };
    case 'type':
    case 'issuetype':
      return { issueType: { in: texts(values, field), mode: insensitive } };
    case 'status':
      return { status: { in: texts(values, field), mode: insensitive } };
    case 'priority':
      return { priority: { in: texts(values, field), mode: insensitive } };
    case 'key':
    case 'issuekey':
      return { key: { in: texts(values, field), mode: insensitive } };
    case 'summary':
      return { summary: { in: texts(values, field), mode: insensitive } };
    case 'labels':
      return either(values, { labels: { isEmpty: true } }, (rest) => ({ labels: { hasSome: texts(rest, field) } }));
    case 'assignee':
      return either(values, { assigneeId: null }, (rest) => ({ assigneeId: { in: userIds(rest, field, context), not: null } }));
    case 'reporter':
      return { reporterId: { in: userIds(values, field, context) } };
    default:
      throw new JqlError(`Field '${field}' does not exist or you do not have permission to view it.`);
  }
}

/** A list that may hold EMPTY: the empty match, the match of the other values, or both. */
function either(values: JqlValue[], empty: IssueWhere, others: (rest: JqlValue[]) => IssueWhere): IssueWhere {
  const rest = values.filter((value) => !isEmpty(value));
  if (rest.length === values.length) return others(rest);
  return rest.length ? { OR: [empty, others(rest)] } : empty;
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
export function jqlToWhere(node: JqlNode, context: JqlContext): IssueWhere {
  switch (node.kind) {
    case 'and':
      return { AND: node.children.map((child) => jqlToWhere(child, context)) };
    case 'or':
      return { OR: node.children.map((child) => jqlToWhere(child, context)) };
    case 'not':
      return { NOT: jqlToWhere(node.child, context) };
    case 'clause': {
      const { field, op, values } = node;
      if (op === '~') return contains(field, values[0]!);
      if (op === '!~') return { NOT: contains(field, values[0]!) };
      const match = anyOf(field, values, context);
      return op === '=' || op === 'in' ? match : { NOT: match };
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
