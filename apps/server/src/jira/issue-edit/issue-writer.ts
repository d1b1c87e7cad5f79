import { Injectable } from '@nestjs/common';
import { PrismaService } from '@tokenshift/db';
import type { Priority, Resolution } from '@tokenshift/db';
import { JiraHttpException } from '@tokenshift/shared/nest';
import { issueNotFound } from '../issue-lookup';
import { findPriorityByRef } from '../issue-refs';
import { DEFAULT_RESOLUTION, isDoneStatus, resolutionByRef, resolutions, WorkflowTransition } from '../workflow/workflow';
import { applyLabelOperations, changeItems, EditableState } from './change-items';
import type { EditIntent } from './edit-request';
import { Principal } from '@tokenshift/auth-core';

interface ResolvedRefs {
  assignee?: { id: string; name: string; displayName: string } | null;
  priority?: Priority;
  /** The resolution a transition sets (null when it leads out of the done statuses). */
  resolution?: Resolution | null;
}

/**
 * Applies edits and transitions to an issue: one transaction that holds the issue's row, so two
 * changes at once cannot lose each other's labels, and records every changed field in its history.
 */
@Injectable()
export class IssueWriter {
  constructor(private readonly prisma: PrismaService) {}

  async change(issueId: number, author: Principal, intent: EditIntent, transition?: WorkflowTransition): Promise<void> {
    const refs = await this.resolveRefs(intent, transition);
    await this.prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM "Issue" WHERE id = ${issueId} FOR UPDATE`;
      const issue = await tx.issue.findUnique({ where: { id: issueId }, include: { assignee: true, statusDef: true, priorityDef: true, resolutionDef: true } });
      if (!issue) throw issueNotFound();
      // Transitions are global: any but the one to the status the issue is in now (another change may have moved it).
      if (transition && transition.toStatus === issue.status) throw invalidTransition(transition.id);

      const before: EditableState = { ...issue, status: issue.statusDef, priority: issue.priorityDef, resolution: issue.resolutionDef };
      const after: EditableState = {
        summary: intent.summary ?? before.summary,
        description: intent.description !== undefined ? intent.description : before.description,
        labels: intent.labels ? applyLabelOperations(before.labels, intent.labels) : before.labels,
        assignee: refs.assignee !== undefined ? refs.assignee : before.assignee,
        priority: refs.priority ?? before.priority,
        dueDate: intent.duedate !== undefined ? intent.duedate : before.dueDate,
        status: transition?.status ?? before.status,
        resolution: refs.resolution !== undefined ? refs.resolution : before.resolution,
      };
      const items = changeItems(before, after);
      if (!items.length && !intent.comments?.length) return;
      const now = new Date();
      await tx.issue.update({
        where: { id: issueId },
        data: {
          summary: after.summary,
          description: after.description,
          labels: after.labels,
          assigneeId: refs.assignee !== undefined ? (refs.assignee?.id ?? null) : issue.assigneeId,
          priority: after.priority.name,
          dueDate: after.dueDate,
          status: after.status.name,
          resolution: after.resolution?.name ?? null,
          resolutionDate: after.resolution?.id === before.resolution?.id ? issue.resolutionDate : after.resolution ? now : null,
          updated: now,
        },
      });
      if (items.length) await tx.issueChange.create({ data: { issueId, authorId: author.userId, created: now, items: { create: items } } });
      for (const body of intent.comments ?? []) await tx.comment.create({ data: { issueId, authorId: author.userId, body, created: now } });
    });
  }

  /** Looks up what the intent names (user, priority, resolution); unknown names are answered like Jira, by field. */
  private async resolveRefs(intent: EditIntent, transition?: WorkflowTransition): Promise<ResolvedRefs> {
    const refs: ResolvedRefs = {};
    const errors: Record<string, string> = {};
    if (intent.assignee === null) refs.assignee = null;
    else if (intent.assignee !== undefined) {
      const user = await this.prisma.user.findUnique({ where: { name: intent.assignee }, select: { id: true, name: true, displayName: true, active: true } });
      if (user?.active) refs.assignee = user;
      else errors['assignee'] = `User '${intent.assignee}' does not exist.`;
    }
    if (intent.priority) {
      const priority = await findPriorityByRef(this.prisma, intent.priority);
      if (priority) refs.priority = priority;
      else errors['priority'] = 'The priority selected is invalid.';
    }
    if (transition) {
      const problem = await this.resolveResolution(intent, transition, refs);
      if (problem) errors['resolution'] = problem;
    }
    if (Object.keys(errors).length) throw new JiraHttpException(400, [], {}, errors);
    return refs;
  }

  /** A move to a done status sets the resolution asked for (by default Done); a move out of them clears it. */
  private async resolveResolution(intent: EditIntent, transition: WorkflowTransition, refs: ResolvedRefs): Promise<string | null> {
    if (!isDoneStatus(transition.status)) {
      if (intent.resolution) return "Field 'resolution' cannot be set. It is not on the appropriate screen, or unknown.";
      refs.resolution = null;
      return null;
    }
    const all = await resolutions(this.prisma);
    const resolution = resolutionByRef(all, intent.resolution ?? { name: DEFAULT_RESOLUTION }) ?? (intent.resolution ? null : (all[0] ?? null));
    if (!resolution) return intent.resolution?.id ? `Resolution with id '${intent.resolution.id}' does not exist.` : `Resolution '${intent.resolution?.name ?? ''}' does not exist.`;
    refs.resolution = resolution;
    return null;
  }
}

export function invalidTransition(id: string): JiraHttpException {
  return new JiraHttpException(400, `Transition id '${id.slice(0, 255)}' is not valid for this issue.`);
}
