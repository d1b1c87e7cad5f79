import { Prisma } from '@tokenshift/db';
import { JqlError, JqlNode, JqlOperator, JqlOrder, JqlValue } from './jql-parser';
import { JqlLookups, ValueIds } from './jql-lookups';
import { dayBound, JqlTime, resolveDate } from './jql-dates';
import { unsupportedFunction, unsupportedOperator } from './jql-errors';
import { fieldOf, JqlField } from './jql-fields';
import { withoutNot } from './jql-negation';

type IssueWhere = Prisma.IssueWhereInput;

const insensitive = Prisma.QueryMode.insensitive;

/** Matches every issue / no issue (Prisma has no literal true or false). */
const NONE: IssueWhere = { id: { in: [] } };
const ALL: IssueWhere = { NOT: [NONE] };

/** What a query's values are resolved against: the caller (`currentUser()`), the clock and zone, and the looked-up ids. */
export interface JqlContext extends JqlLookups {
  currentUserId: string | undefined;
  time: JqlTime;
}

const isEmpty = (value: JqlValue): value is { empty: true } => typeof value === 'object' && 'empty' in value;
const isCall = (value: JqlValue, name: string) => typeof value === 'object' && 'fn' in value && value.fn === name;

function text(value: JqlValue, field: string): string {
  if (typeof value === 'string') return value;
  if ('fn' in value) throw unsupportedFunction(value, field);
  throw new JqlError(`Error in the JQL Query: The field '${field}' does not support this value.`);
}

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
  const ids = idsOf(texts(values.filter((value) => !isCall(value, 'currentuser')), field), context.users);
  if (!values.some((value) => isCall(value, 'currentuser'))) return ids;
  if (!context.currentUserId) throw new JqlError(`Error in the JQL Query: currentUser() needs an authenticated user.`);
  return [...new Set([...ids, context.currentUserId])];
}

/** `key = DEMO-1` or `key = 10001` (an issue id, as Jira accepts). */
function anyKey(values: string[]): IssueWhere {
  const ids = values.filter((value) => /^\d{1,9}$/.test(value)).map(Number);
  const keys = values.filter((value) => !/^\d{1,9}$/.test(value));
  const byKey: IssueWhere = { key: { in: keys, mode: insensitive } };
  return ids.length ? { OR: [byKey, { id: { in: ids } }] } : byKey;
}

const RELATIONS: Partial<Record<JqlOperator, 'lt' | 'lte' | 'gt' | 'gte'>> = { '<': 'lt', '<=': 'lte', '>': 'gt', '>=': 'gte' };

/**
 * `key > DEMO-3`: issues of DEMO numbered above 3. As in Jira, a key is compared within its own
 * project; numbers are allotted in creation order, so the issue id orders them as the number does.
 */
function keyRelation(relation: 'lt' | 'lte' | 'gt' | 'gte', value: string, field: string, context: JqlContext): IssueWhere {
  const issue = context.issues.get(value);
  if (!issue) throw new JqlError(`An issue with key '${value}' does not exist for field '${field}'.`);
  return { projectId: issue.projectId, id: { [relation]: issue.id } };
}

/**
 * A clause's positive match: the field holds one of the values. Never matches an issue whose field
 * is empty, and is never SQL NULL on an issue whose field is not, so its negation is exact.
 */
function anyOf(field: JqlField, values: JqlValue[], context: JqlContext): IssueWhere {
  switch (field.kind) {
    case 'project':
      return { projectId: { in: idsOf(texts(values, field.name), context.projects) } };
    case 'choice':
      return { [field.column]: { in: texts(values, field.name), mode: insensitive } };
    case 'resolution':
      if (!field.column) return NONE;
      return field.column === 'resolutionId'
        ? ({ resolution: { is: { name: { in: texts(values, field.name), mode: insensitive } } } } as IssueWhere)
        : { [field.column]: { in: texts(values, field.name), mode: insensitive } };
    case 'key':
      return anyKey(texts(values, field.name));
    case 'text':
      return { [field.column]: { in: texts(values, field.name), mode: insensitive } };
    case 'labels':
      return { labels: { hasSome: texts(values, field.name) } };
    case 'user':
      return { [field.column]: { in: userIds(values, field.name, context) } };
    case 'date': {
      const dates = values.map((value) => resolveDate(value, field.name, context.time));
      if (!field.column) return NONE;
      if (!field.dateOnly) return { [field.column]: { in: dates } };
      const days = dates.flatMap((date) => dayBound('equals', date, context.time.timeZone)?.day ?? []);
      return { [field.column]: { in: days } };
    }
    case 'contains':
      throw unsupportedOperator('=', field.name);
  }
}

/** The issues whose field holds no value. */
function emptyOf(field: JqlField): IssueWhere {
  switch (field.kind) {
    case 'labels':
      return { OR: [{ labels: { equals: null } }, { labels: { isEmpty: true } }] };
    case 'text':
    case 'user':
    case 'date':
    case 'resolution':
      if (!field.column) return ALL;
      if (!field.nullable) return NONE;
      return field.kind === 'text' ? { OR: [{ [field.column]: null }, { [field.column]: '' }] } : { [field.column]: null };
    default:
      return NONE;
  }
}

function notEmptyOf(field: JqlField): IssueWhere {
  switch (field.kind) {
    case 'labels':
      return { NOT: [{ labels: { equals: null } }, { labels: { isEmpty: true } }] };
    case 'text':
    case 'user':
    case 'date':
    case 'resolution':
      if (!field.column) return NONE;
      if (!field.nullable) return ALL;
      return field.kind === 'text' ? { [field.column]: { not: null }, NOT: { [field.column]: '' } } : { [field.column]: { not: null } };
    default:
      return ALL;
  }
}

/**
 * `summary ~ word`: the text contains the word (any case). An empty description is tested as not
 * containing it (never SQL NULL), so `text !~ word` keeps issues without one.
 */
function containsText(field: JqlField, written: string): IssueWhere {
  // Prisma hands `contains` to (I)LIKE as is: `%` and `_` would be wildcards (`~ "50%"` found "5000").
  const term = written.replace(/[\\%_]/g, '\\$&');
  const summary: IssueWhere = { summary: { contains: term, mode: insensitive } };
  const description: IssueWhere = { AND: [{ description: { not: null } }, { description: { contains: term, mode: insensitive } }] };
  if (field.kind === 'contains') return { OR: [summary, description] };
  return field.column === 'summary' ? summary : description;
}

/** `resolution = Unresolved` is Jira's name for an empty resolution. */
function withUnresolvedAsEmpty(field: JqlField, values: JqlValue[]): JqlValue[] {
  if (field.kind !== 'resolution') return values;
  return values.map((value) => (typeof value === 'string' && value.toLowerCase() === 'unresolved' ? { empty: true } : value));
}

/** The parser gives every clause at least one value. */
function firstValue(values: JqlValue[], op: JqlOperator): JqlValue {
  const [first] = values;
  if (first === undefined) throw new JqlError(`Error in the JQL Query: Expecting a value after '${op}'.`);
  return first;
}

function clauseToWhere(field: JqlField, op: JqlOperator, written: JqlValue[], context: JqlContext): IssueWhere {
  const values = withUnresolvedAsEmpty(field, written);
  const relation = RELATIONS[op];
  if (relation) return relationTo(field, op, relation, firstValue(values, op), context);
  if (op === '~' || op === '!~') {
    if (field.kind !== 'text' && field.kind !== 'contains') throw unsupportedOperator(op, field.name);
    const match = containsText(field, text(firstValue(values, op), field.name));
    // A negative operator never matches an empty field (Jira): `description !~ x` leaves out issues without one.
    return op === '~' ? match : { AND: [notEmptyOf(field), { NOT: match }] };
  }
  if (field.kind === 'contains') throw unsupportedOperator(op, field.name);
  const named = values.filter((value) => !isEmpty(value));
  const withEmpty = named.length < values.length;
  if (op === '=' || op === 'in') {
    if (!named.length) return emptyOf(field);
    return withEmpty ? { OR: [anyOf(field, named, context), emptyOf(field)] } : anyOf(field, named, context);
  }
  // `!=` and `NOT IN` never match an issue whose field is empty (Jira: add `OR field is EMPTY` for those).
  const notEmpty = notEmptyOf(field);
  if (!named.length) return notEmpty;
  const others: IssueWhere = { NOT: anyOf(field, named, context) };
  return notEmpty === ALL ? others : { AND: [notEmpty, others] };
}

function relationTo(field: JqlField, op: JqlOperator, relation: 'lt' | 'lte' | 'gt' | 'gte', value: JqlValue, context: JqlContext): IssueWhere {
  if (isEmpty(value)) throw new JqlError(`Error in the JQL Query: The operator '${op}' cannot be used with EMPTY.`);
  if (field.kind === 'key') return keyRelation(relation, text(value, field.name), field.name, context);
  if (field.kind !== 'date') throw unsupportedOperator(op, field.name);
  const date = resolveDate(value, field.name, context.time);
  if (!field.column) return NONE;
  if (!field.dateOnly) return { [field.column]: { [relation]: date } };
  const bound = dayBound(relation, date, context.time.timeZone);
  if (!bound) throw new Error(`dayBound gives a bound for every relation but 'equals', not for '${relation}'`);
  return { [field.column]: { [bound.relation]: bound.day } };
}

function toWhere(node: JqlNode, context: JqlContext): IssueWhere {
  switch (node.kind) {
    case 'and':
      return { AND: node.children.map((child) => toWhere(child, context)) };
    case 'or':
      return { OR: node.children.map((child) => toWhere(child, context)) };
    case 'not':
      return { NOT: toWhere(node.child, context) };
    case 'clause':
      return clauseToWhere(fieldOf(node.field), node.op, node.values, context);
  }
}

/**
 * Turns a parsed JQL condition into a Prisma filter on issues (parameterised: no SQL is built by
 * hand). `NOT` is first pushed down to the clauses, as Jira does, so every clause has Jira's meaning
 * for empty fields.
 */
export function jqlToWhere(node: JqlNode, context: JqlContext): IssueWhere {
  return toWhere(withoutNot(node), context);
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

/** `ORDER BY duedate`, `resolution`, `resolutiondate`: the column, where the Issue model keeps one. */
function orderByKeptColumn(name: string): ((direction: 'asc' | 'desc') => Prisma.IssueOrderByWithRelationInput) | undefined {
  const field = ['duedate', 'due', 'resolutiondate', 'resolved', 'resolution'].includes(name) ? fieldOf(name) : undefined;
  const column = field?.column;
  return column ? (direction) => ({ [column]: direction }) : undefined;
}

export function jqlToOrderBy(order: JqlOrder[]): Prisma.IssueOrderByWithRelationInput[] {
  const clauses = order.map(({ field, direction }) => {
    const build = ORDERABLE[field] ?? orderByKeptColumn(field);
    if (!build) throw new JqlError(`Error in the JQL Query: Field '${field}' does not exist or cannot be sorted on.`);
    return build(direction);
  });
  // Jira's default order; the id keeps paging stable.
  return [...(clauses.length ? clauses : [{ created: 'desc' as const }]), { id: 'desc' }];
}
