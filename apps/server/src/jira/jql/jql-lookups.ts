import { Prisma, PrismaService } from '@tokenshift/db';
import { JqlError, JqlNode } from './jql-parser';

/** The JQL fields whose values are users: a username or an e-mail address (case-insensitive). */
const USER_FIELDS = new Set(['assignee', 'reporter']);
const KEY_FIELDS = new Set(['key', 'issuekey', 'id', 'issue']);
const RELATIONAL_OPERATORS = new Set(['<', '<=', '>', '>=']);

/** Each looked-up value of a query, with the ids of the rows it names. */
export type ValueIds = ReadonlyMap<string, readonly string[]>;

/** An issue a key comparison (`key > DEMO-3`) is made against. */
export interface KeyedIssue {
  id: number;
  projectId: string;
}

/** User, project and compared-key values resolved to ids, so issues are filtered by their own columns, with no join per clause. */
export interface JqlLookups {
  users: ValueIds;
  projects: ValueIds;
  issues: ReadonlyMap<string, KeyedIssue>;
}

type Lookup = 'user' | 'project' | 'compared key';

function looksUp(lookup: Lookup, node: Extract<JqlNode, { kind: 'clause' }>): boolean {
  if (node.op === '~' || node.op === '!~') return false;
  if (lookup === 'user') return USER_FIELDS.has(node.field);
  if (lookup === 'project') return node.field === 'project';
  return KEY_FIELDS.has(node.field) && RELATIONAL_OPERATORS.has(node.op);
}

/** The distinct values of a query that name users, projects or compared issues (as written), each with the first field it appears under. */
function valuesOf(node: JqlNode, lookup: Lookup, found = new Map<string, string>()): Map<string, string> {
  switch (node.kind) {
    case 'and':
    case 'or':
      for (const child of node.children) valuesOf(child, lookup, found);
      break;
    case 'not':
      valuesOf(node.child, lookup, found);
      break;
    case 'clause':
      if (!looksUp(lookup, node)) break;
      for (const value of node.values) if (typeof value === 'string' && !found.has(value)) found.set(value, node.field);
  }
  return found;
}

function byValue(rows: Array<{ value: string; id: string }>): Map<string, string[]> {
  const ids = new Map<string, string[]>();
  for (const { value, id } of rows) ids.set(value, [...(ids.get(value) ?? []), id]);
  return ids;
}

/** Jira's 400 for values that name nothing: one message per value. */
function refuseUnknown(fields: Map<string, string>, known: ReadonlyMap<string, unknown>): void {
  const messages = [...fields].filter(([value]) => !known.has(value)).map(([value, field]) => `The value '${value}' does not exist for the field '${field}'.`);
  if (messages.length) throw new JqlError(messages.join(' '), messages);
}

/**
 * Resolves the user values, the projects and the issues that keys are compared with, one statement
 * each however many there are: the values go in as one array parameter, so the statement is the same
 * for 1 value or 1,000. A user or project value that names nothing is answered as Jira does: 400,
 * one message per unknown value. A project is named by its key or name (any case) or its id.
 */
export async function lookUpJqlValues(prisma: PrismaService, node: JqlNode): Promise<JqlLookups> {
  const userFields = valuesOf(node, 'user');
  const userValues = [...userFields.keys()];
  const users = byValue(
    userValues.length
      ? await prisma.$queryRaw(Prisma.sql`
          SELECT v.value, u.id::text AS id FROM unnest(${userValues}::text[]) AS v(value) JOIN "User" u ON u.name = v.value
          UNION
          SELECT v.value, u.id::text AS id FROM unnest(${userValues}::text[]) AS v(value) JOIN "User" u ON lower(u.email) = lower(v.value)`)
      : [],
  );
  refuseUnknown(userFields, users);
  const projectFields = valuesOf(node, 'project');
  const projectValues = [...projectFields.keys()];
  const projects = byValue(
    projectValues.length
      ? await prisma.$queryRaw(Prisma.sql`
          SELECT v.value, p.id::text AS id FROM unnest(${projectValues}::text[]) AS v(value)
          JOIN "Project" p ON lower(p.key) = lower(v.value) OR lower(p.name) = lower(v.value) OR p.id::text = v.value`)
      : [],
  );
  refuseUnknown(projectFields, projects);
  return { users, projects, issues: await lookUpComparedIssues(prisma, [...valuesOf(node, 'compared key').keys()]) };
}

/** The issues keys are compared with, by key (any case) or id. */
async function lookUpComparedIssues(prisma: PrismaService, values: string[]): Promise<Map<string, KeyedIssue>> {
  if (!values.length) return new Map();
  const rows = await prisma.$queryRaw<Array<{ value: string; id: number; projectId: string }>>(Prisma.sql`
    SELECT v.value, i.id, i."projectId"::text AS "projectId" FROM unnest(${values}::text[]) AS v(value)
    JOIN "Issue" i ON i.key = upper(v.value)
    UNION
    SELECT v.value, i.id, i."projectId"::text FROM unnest(${values}::text[]) AS v(value)
    JOIN "Issue" i ON i.id = CASE WHEN v.value ~ '^[0-9]{1,9}$' THEN v.value::int END`);
  return new Map(rows.map((row) => [row.value, { id: Number(row.id), projectId: row.projectId }]));
}
