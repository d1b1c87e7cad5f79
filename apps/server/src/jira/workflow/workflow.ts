import type { PrismaService, Resolution, Status, Transition } from '@tokenshift/db';

/** A transition with the status it leads to. */
export type WorkflowTransition = Transition & { status: Status };

/** The resolution a move to a done status sets when the caller names none (Jira's simplified workflow sets Done). */
export const DEFAULT_RESOLUTION = 'Done';

const byNumericId = <T extends { id: string }>(entries: T[]) => [...entries].sort((a, b) => Number(a.id) - Number(b.id));

/**
 * The transitions an issue in this status may take. The workflow's transitions are global (any status to
 * theirs), as in Jira's simplified workflow; the one to the status the issue is already in is left out.
 */
export async function transitionsFrom(prisma: Pick<PrismaService, 'transition'>, statusName: string): Promise<WorkflowTransition[]> {
  const transitions = await prisma.transition.findMany({ where: { toStatus: { not: statusName } }, include: { status: true } });
  return byNumericId(transitions);
}

export async function resolutions(prisma: Pick<PrismaService, 'resolution'>): Promise<Resolution[]> {
  return byNumericId(await prisma.resolution.findMany());
}

/** A resolution named by `{id}` or `{name}` (any case), or null. */
export function resolutionByRef(all: Resolution[], ref: { id?: string; name?: string }): Resolution | null {
  if (ref.id !== undefined) return all.find((resolution) => resolution.id === ref.id) ?? null;
  const name = ref.name?.toLowerCase();
  if (name !== undefined) return all.find((resolution) => resolution.name.toLowerCase() === name) ?? null;
  return null;
}

export const isDoneStatus = (status: Status) => status.category === 'done';
