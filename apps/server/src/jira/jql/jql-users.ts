import { Prisma, PrismaService } from '@tokenshift/db';
import { JqlError, JqlNode } from './jql-parser';

/** The JQL fields whose values are users: a username or an e-mail address (case-insensitive). */
export const USER_FIELDS = new Set(['assignee', 'reporter']);

/** Each user value of a query, with the ids of the users it names. */
export type UserIds = ReadonlyMap<string, readonly string[]>;

/** The distinct user values of a query (as written), each with the first field it appears under. */
export function userValuesOf(node: JqlNode, found = new Map<string, string>()): Map<string, string> {
  switch (node.kind) {
    case 'and':
    case 'or':
      for (const child of node.children) userValuesOf(child, found);
      break;
    case 'not':
      userValuesOf(node.child, found);
      break;
    case 'clause':
      if (!USER_FIELDS.has(node.field) || node.op === '~' || node.op === '!~') break;
      for (const value of node.values) if (typeof value === 'string' && !found.has(value)) found.set(value, node.field);
  }
  return found;
}

/**
 * Resolves every user value of a query in one statement, however many there are: the values go in
 * as one array parameter, so the statement is the same for 1 value or 1,000. A value that names no
 * user is answered as Jira does: 400, one message per unknown value.
 */
export async function resolveUserValues(prisma: PrismaService, node: JqlNode): Promise<UserIds> {
  const fields = userValuesOf(node);
  const values = [...fields.keys()];
  const ids = new Map<string, string[]>();
  if (!values.length) return ids;
  const rows = await prisma.$queryRaw<Array<{ value: string; id: string }>>(Prisma.sql`
    SELECT v.value, u.id::text AS id FROM unnest(${values}::text[]) AS v(value) JOIN "User" u ON u.name = v.value
    UNION
    SELECT v.value, u.id::text AS id FROM unnest(${values}::text[]) AS v(value) JOIN "User" u ON lower(u.email) = lower(v.value)`);
  for (const { value, id } of rows) ids.set(value, [...(ids.get(value) ?? []), id]);
  const messages = values.filter((value) => !ids.has(value)).map((value) => `The value '${value}' does not exist for the field '${fields.get(value)}'.`);
  if (messages.length) throw new JqlError(messages.join(' '), messages);
  return ids;
}
