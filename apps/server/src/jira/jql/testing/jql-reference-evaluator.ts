import { DateTime } from 'luxon';
import { resolveDate, JqlTime } from '../jql-dates';
import { unsupportedOperator } from '../jql-errors';
import { JqlError, JqlNode, JqlOperator, JqlValue } from '../jql-parser';

/**
 * A straightforward in-memory reading of what a JQL query means (Jira's rules), issue by issue, for
 * the property test to hold the SQL the engine builds against. Written apart from jql-to-prisma.ts on
 * purpose: it shares only the parser and the date arithmetic (tested on their own).
 */
export interface MemoryUser {
  id: string;
  name: string;
  email: string;
}

export interface MemoryProject {
  id: string;
  key: string;
  name: string;
}

export interface MemoryIssue {
  id: number;
  key: string;
  project: MemoryProject;
  summary: string;
  description: string | null;
  issueType: string;
  status: string;
  priority: string;
  assignee: MemoryUser | null;
  reporter: MemoryUser;
  labels: string[] | null;
  created: Date;
  updated: Date;
  /** Only where the data model keeps them (undefined: every issue is empty in the field). */
  dueDate?: string | null;
  resolution?: string | null;
  resolutionDate?: Date | null;
}

export interface MemoryWorld {
  users: MemoryUser[];
  projects: MemoryProject[];
  issues: MemoryIssue[];
  currentUser: MemoryUser | undefined;
  time: JqlTime;
}

/** A field's values on one issue: none when it is empty. */
type Values = Array<string | number>;

const FLIPPED: Record<JqlOperator, JqlOperator> = {
  '=': '!=', '!=': '=', '~': '!~', '!~': '~', '<': '>=', '>=': '<', '>': '<=', '<=': '>', in: 'not in', 'not in': 'in',
};

const lower = (text: string) => text.toLowerCase();
const isEmptyValue = (value: JqlValue): value is { empty: true } => typeof value === 'object' && 'empty' in value;

/** A due date is a calendar day: it stands for its midnight in the time zone, as Jira stores it. */
const midnight = (day: string, world: MemoryWorld) => DateTime.fromISO(day, { zone: world.time.timeZone }).toMillis();

function fieldValues(field: string, issue: MemoryIssue, world: MemoryWorld): Values {
  switch (field) {
    case 'project': return [issue.project.id];
    case 'type': case 'issuetype': return [lower(issue.issueType)];
    case 'status': return [lower(issue.status)];
    case 'priority': return [lower(issue.priority)];
    case 'key': case 'issuekey': case 'id': case 'issue': return [issue.id];
    case 'summary': return [lower(issue.summary)];
    case 'description': return issue.description ? [lower(issue.description)] : [];
    case 'text': return [issue.summary, issue.description ?? ''].map(lower);
    case 'labels': return issue.labels ?? [];
    case 'assignee': return issue.assignee ? [issue.assignee.id] : [];
    case 'reporter': return [issue.reporter.id];
    case 'created': case 'createddate': return [issue.created.getTime()];
    case 'updated': case 'updateddate': return [issue.updated.getTime()];
    case 'duedate': case 'due': return issue.dueDate ? [midnight(issue.dueDate, world)] : [];
    case 'resolutiondate': case 'resolved': return issue.resolutionDate ? [issue.resolutionDate.getTime()] : [];
    case 'resolution': return issue.resolution ? [lower(issue.resolution)] : [];
    default: throw new JqlError(`Field '${field}' does not exist or you do not have permission to view it.`);
  }
}

function unknownValue(value: string, field: string): JqlError {
  return new JqlError(`The value '${value}' does not exist for the field '${field}'.`);
}

/** What a written value stands for in the field's terms (ids for users and projects, lower case for names). */
function meaning(field: string, value: JqlValue, world: MemoryWorld): Array<string | number> {
  if (typeof value === 'object' && 'fn' in value) {
    if (value.fn === 'currentuser' && (field === 'assignee' || field === 'reporter')) {
      if (!world.currentUser) throw new JqlError('Error in the JQL Query: currentUser() needs an authenticated user.');
      return [world.currentUser.id];
    }
    return [resolveDate(value, field, world.time).getTime()];
  }
  const text = value as string;
  switch (field) {
    case 'project': {
      const found = world.projects.filter((p) => lower(p.key) === lower(text) || lower(p.name) === lower(text) || p.id === text);
      if (!found.length) throw unknownValue(text, field);
      return found.map((p) => p.id);
    }
    case 'assignee': case 'reporter': {
      const found = world.users.filter((u) => u.name === text || lower(u.email) === lower(text));
      if (!found.length) throw unknownValue(text, field);
      return found.map((u) => u.id);
    }
    case 'key': case 'issuekey': case 'id': case 'issue':
      return world.issues.filter((i) => lower(i.key) === lower(text) || (/^\d{1,9}$/.test(text) && i.id === Number(text))).map((i) => i.id);
    case 'labels': return [text];
    case 'created': case 'createddate': case 'updated': case 'updateddate': case 'duedate': case 'due': case 'resolutiondate': case 'resolved':
      return [resolveDate(text, field, world.time).getTime()];
    default: return [lower(text)];
  }
}

function compareKeys(op: JqlOperator, issue: MemoryIssue, value: string, field: string, world: MemoryWorld): boolean {
  const other = world.issues.find((i) => i.key === value.toUpperCase() || (/^\d{1,9}$/.test(value) && i.id === Number(value)));
  if (!other) throw new JqlError(`An issue with key '${value}' does not exist for field '${field}'.`);
  if (issue.project.id !== other.project.id) return false;
  const number = (key: string) => Number(key.slice(key.lastIndexOf('-') + 1));
  return compare(op, number(issue.key), number(other.key));
}

function compare(op: JqlOperator, left: number, right: number): boolean {
  return op === '<' ? left < right : op === '<=' ? left <= right : op === '>' ? left > right : left >= right;
}

function holds(field: string, op: JqlOperator, written: JqlValue[], issue: MemoryIssue, world: MemoryWorld): boolean {
  const values = field === 'resolution' ? written.map((v) => (typeof v === 'string' && lower(v) === 'unresolved' ? { empty: true as const } : v)) : written;
  const own = fieldValues(field, issue, world);
  const empty = own.length === 0;
  const named = values.filter((v) => !isEmptyValue(v));
  const matchesNamed = () => named.some((v) => meaning(field, v, world).some((m) => own.includes(m)));
  switch (op) {
    case '=': case 'in':
      // Resolve every value first, so an unknown one fails whichever issue is looked at.
      named.forEach((v) => meaning(field, v, world));
      return (empty && named.length < values.length) || (!empty && matchesNamed());
    case '!=': case 'not in':
      named.forEach((v) => meaning(field, v, world));
      return !empty && !matchesNamed();
    case '~': case '!~': {
      if (!['summary', 'description', 'text'].includes(field)) throw unsupportedOperator(op, field);
      const term = lower(values[0] as string);
      const contains = own.some((text) => String(text).includes(term));
      return op === '~' ? contains : !empty && !contains;
    }
    default: {
      const [value] = values;
      if (value === undefined) throw new JqlError(`Error in the JQL Query: Expecting a value after '${op}'.`);
      if (isEmptyValue(value)) throw new JqlError(`Error in the JQL Query: The operator '${op}' cannot be used with EMPTY.`);
      if (['key', 'issuekey', 'id', 'issue'].includes(field)) return compareKeys(op, issue, value as string, field, world);
      const [right] = meaning(field, value, world);
      return !empty && compare(op, own[0] as number, right as number);
    }
  }
}

function evaluate(node: JqlNode, issue: MemoryIssue, world: MemoryWorld, negated: boolean): boolean {
  switch (node.kind) {
    case 'not':
      return evaluate(node.child, issue, world, !negated);
    case 'and':
    case 'or': {
      const every = (node.kind === 'and') !== negated;
      return every ? node.children.every((c) => evaluate(c, issue, world, negated)) : node.children.some((c) => evaluate(c, issue, world, negated));
    }
    case 'clause':
      return holds(node.field, negated ? FLIPPED[node.op] : node.op, node.values, issue, world);
  }
}

const KEY_FIELDS = ['key', 'issuekey', 'id', 'issue'];

/** Fails as the engine does for a value that names nothing, whether or not any issue is looked at. */
function validate(node: JqlNode, world: MemoryWorld): void {
  if (node.kind === 'not') return validate(node.child, world);
  if (node.kind !== 'clause') return node.children.forEach((child) => validate(child, world));
  for (const value of node.values) {
    if (isEmptyValue(value) || (node.field === 'resolution' && typeof value === 'string' && lower(value) === 'unresolved')) continue;
    const relational = ['<', '<=', '>', '>='].includes(node.op);
    if (KEY_FIELDS.includes(node.field) && relational && world.issues[0]) compareKeys(node.op, world.issues[0], value as string, node.field, world);
    else if (KEY_FIELDS.includes(node.field) && relational) throw new JqlError(`An issue with key '${String(value)}' does not exist for field '${node.field}'.`);
    else meaning(node.field, value, world);
  }
}

/** The keys of the issues a query's condition matches, sorted. */
export function matchingKeys(node: JqlNode | null, world: MemoryWorld): string[] {
  if (node) validate(node, world);
  return world.issues.filter((issue) => !node || evaluate(node, issue, world, false)).map((issue) => issue.key).sort();
}
