import { Prisma, PrismaService } from '@tokenshift/db';
import { JqlError, JqlNode } from './jql-parser';

/** The JQL fields whose values are users: a username or an e-mail address (case-insensitive). */
const USER_FIELDS = new Set(['assignee', 'reporter']);

/** Each looked-up value of a query, with the ids of the rows it names. */
export type ValueIds = ReadonlyMap<string, readonly string[]>;

/** User and project values resolved to ids, so issues are filtered by their own columns, with no join per clause. */
export interface JqlLookups {
  users: ValueIds;
  projects: ValueIds;
}

type Lookup = 'user' | 'project';

/** The distinct values of a query that name users or projects (as written), each with the first field it appears under. */
function valuesOf(node: JqlNode, lookup: Lookup, found = new Map<string, string>()): Map<string, string> {
  switch (node.kind) {
    case 'and':
    case 'or':
      for (const child of node.children) valuesOf(child, lookup, found);
      break;
    case 'not':
      valuesOf(node.child, lookup, found);
      break;
    case 'clause': {
      const named = lookup === 'user' ? USER_FIELDS.has(node.field) : node.field === 'project';
      if (!named || node.op === '~' || node.op === '!~') break;
      for (const value of node.values) if (typeof value === 'string' && !found.has(value)) found.set(value, node.field);
    }
  }
  return found;
}

function byValue(rows: Array<{ value: string; id: string }>): Map<string, string[]> {
  const ids = new Map<string, string[]>();
  for (const { value, id } of rows) ids.set(value, [...(ids.get(value) ?? []), id]);
  return ids;
}

/**
 * Resolves the user values and the project keys of a query, one statement each however many there
 * are: the values go in as one array parameter, so the statement is the same for 1 value or 1,000.
 * A user value that names no user is answered as Jira does: 400, one message per unknown value. An
 * unknown project key matches no issue, as before.
 */
export async function lookUpJqlValues(prisma: PrismaService, node: JqlNode): Promise<JqlLookups> {
  const userFields = valuesOf(node, 'user');
  const userValues = [...userFields.keys()];
  const projectKeys = [...valuesOf(node, 'project').keys()];
  const users = byValue(
    userValues.length
      ? await prisma.$queryRaw(Prisma.sql`
          SELECT v.value, u.id::text AS id FROM unnest(${userValues}::text[]) AS v(value) JOIN "User" u ON u.name = v.value
          UNION
          SELECT v.value, u.id::text AS id FROM unnest(${userValues}::text[]) AS v(value) JOIN "User" u ON lower(u.email) = lower(v.value)`)
      : [],
  );
  const messages = userValues.filter((value) => !users.has(value)).map((value) => `The value '${value}' does not exist for the field '${userFields.get(value)}'.`);
  if (messages.length) throw new JqlError(messages.join(' '), messages);
  const projects = byValue(
    projectKeys.length
      ? await prisma.$queryRaw(Prisma.sql`
          SELECT v.value, p.id::text AS id FROM unnest(${projectKeys}::text[]) AS v(value) JOIN "Project" p ON lower(p.key) = lower(v.value)`)
      : [],
  );
  return { users, projects };
}
