import type { IssueType, Priority, Project } from '@tokenshift/db';
import { PrismaService } from '@tokenshift/db';

/** A reference as Jira's issue bodies write it: `{id}`, `{key}` (projects) or `{name}`. */
export interface EntityRef {
  id?: string;
  key?: string;
  name?: string;
}

const isNumericId = (value: string) => /^\d{1,18}$/.test(value);

/** Jira's default priority scheme starts issues at Medium. */
export const DEFAULT_PRIORITY = 'Medium';

/** Jira's 404 message for a `{projectIdOrKey}` that names no project. */
export const noProjectMessage = (idOrKey: string) => `No project could be found with ${/^\d+$/.test(idOrKey) ? 'id' : 'key'} '${idOrKey}'.`;

/** A project named by `{id}` or `{key}` (the id wins when both are given, as in Jira); null when none matches. */
export function findProjectByRef(prisma: PrismaService, ref: EntityRef): Promise<Project | null> {
  if (ref.id !== undefined) return isNumericId(ref.id) ? prisma.project.findUnique({ where: { id: ref.id } }) : Promise.resolve(null);
  if (ref.key !== undefined) return prisma.project.findUnique({ where: { key: ref.key.toUpperCase() } });
  return Promise.resolve(null);
}

/** A project named by its numeric id or its key, as the `{projectIdOrKey}` of a path does. */
export function findProjectByIdOrKey(prisma: PrismaService, idOrKey: string): Promise<Project | null> {
  return findProjectByRef(prisma, isNumericId(idOrKey) ? { id: idOrKey } : { key: idOrKey });
}

/** A catalog entry (issue type, priority) named by `{id}` or by `{name}` in any case; null when none matches. */
function findCatalogEntry<T extends { id: string; name: string }>(entries: T[], ref: EntityRef): T | null {
  if (ref.id !== undefined) return entries.find((entry) => entry.id === ref.id) ?? null;
  const name = ref.name?.toLowerCase();
  if (name !== undefined) return entries.find((entry) => entry.name.toLowerCase() === name) ?? null;
  return null;
}

export async function findIssueTypeByRef(prisma: PrismaService, ref: EntityRef): Promise<IssueType | null> {
  return findCatalogEntry(await prisma.issueType.findMany(), ref);
}

export async function findPriorityByRef(prisma: PrismaService, ref: EntityRef): Promise<Priority | null> {
  return findCatalogEntry(await prisma.priority.findMany(), ref);
}
