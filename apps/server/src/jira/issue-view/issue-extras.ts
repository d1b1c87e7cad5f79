import type { PrismaService } from '@tokenshift/db';
import { COMMENT_INCLUDE, commentPageJson } from '../comments/comment-json';
import type { IssueExtras, IssueView } from '../issue-json';
import { transitionJson } from '../workflow/transition-json';
import { resolutions, transitionsFrom } from '../workflow/workflow';
import { CHANGE_INCLUDE, changelogJson, MAX_HISTORIES } from './changelog-json';

/** Comments in an issue's `comment` field at most (the whole list pages through `GET …/comment`). */
export const MAX_COMMENTS_IN_FIELD = 100;

/** Loads what the view asks for beyond the issue row: one or two queries per part asked for, none otherwise. */
export async function loadIssueExtras(
  prisma: PrismaService,
  baseUrl: string,
  issue: { id: number; status: string },
  view: IssueView,
): Promise<IssueExtras> {
  const extras: IssueExtras = {};
  if (view.fields.has('comment')) {
    const where = { issueId: issue.id };
    const [total, comments] = await Promise.all([
      prisma.comment.count({ where }),
      prisma.comment.findMany({ where, orderBy: { id: 'asc' }, take: MAX_COMMENTS_IN_FIELD, include: COMMENT_INCLUDE }),
    ]);
    extras.comment = commentPageJson(baseUrl, { startAt: 0, maxResults: MAX_COMMENTS_IN_FIELD, total, comments });
  }
  if (view.expand.has('changelog')) {
    const where = { issueId: issue.id };
    const [total, latest] = await Promise.all([
      prisma.issueChange.count({ where }),
      prisma.issueChange.findMany({ where, orderBy: { id: 'desc' }, take: MAX_HISTORIES, include: CHANGE_INCLUDE }),
    ]);
    extras.changelog = changelogJson(baseUrl, total, latest.reverse());
  }
  if (view.expand.has('transitions')) {
    const allResolutions = view.expand.has('transitions.fields') ? await resolutions(prisma) : undefined;
    extras.transitions = (await transitionsFrom(prisma, issue.status)).map((transition) => transitionJson(baseUrl, transition, allResolutions));
  }
  return extras;
}
