import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { PrismaService } from '@tokenshift/db';
import type { Principal } from '@tokenshift/shared';
import { CurrentUser, OptionalUser } from '../auth/current-user.decorator';
import { Public } from '../auth/public.decorator';
import { RequiresScope } from '../auth/requires-scope.decorator';
import { JiraHttpException } from '../errors/jira-http.exception';
import { IssueAccess } from './issue-access';
import { ISSUE_INCLUDE, issueJson } from './issue-json';
import { CreateIssueBody } from './issue.dto';
import { JIRA_API_PATHS } from './jira-paths';

const ISSUE_TYPES = ['Bug', 'Task', 'Story', 'Epic'];

@Controller(JIRA_API_PATHS)
export class IssueController {
  constructor(
    private readonly prisma: PrismaService,
    private readonly access: IssueAccess,
  ) {}

  @Get('issue/:idOrKey')
  @Public()
  async get(@Param('idOrKey') idOrKey: string, @OptionalUser() user: Principal | undefined) {
    this.access.assertCanRead(user);
    const where = /^\d{1,9}$/.test(idOrKey) ? { id: Number(idOrKey) } : { key: idOrKey.toUpperCase() };
    const issue = await this.prisma.issue.findUnique({ where, include: ISSUE_INCLUDE });
    if (!issue) throw new JiraHttpException(404, 'Issue Does Not Exist');
    return issueJson(this.access.baseUrl, issue);
  }

  /** Jira's create issue: 201 `{id, key, self}`; missing fields answered in `errors` by field, as Jira does. */
  @Post('issue')
  @RequiresScope('write')
  async create(@Body() body: CreateIssueBody, @CurrentUser() user: Principal) {
    const { fields } = body;
    const errors: Record<string, string> = {};
    if (!fields.summary?.trim()) errors['summary'] = 'You must specify a summary of the issue.';
    const projectRef = fields.project?.key ?? fields.project?.id;
    if (!projectRef) errors['project'] = 'project is required';
    const issueType = ISSUE_TYPES.find((type) => type.toLowerCase() === fields.issuetype?.name?.toLowerCase());
    if (!issueType) errors['issuetype'] = `valid issue type is required (${ISSUE_TYPES.join(', ')})`;
    if (Object.keys(errors).length) throw new JiraHttpException(400, [], {}, errors);

    const project = await this.prisma.project.findFirst({
      where: { OR: [{ key: projectRef!.toUpperCase() }, ...(/^[0-9a-f-]{36}$/.test(projectRef!) ? [{ id: projectRef }] : [])] },
    });
    if (!project) throw new JiraHttpException(400, [], {}, { project: `project is required` });
    const assignee = fields.assignee?.name
      ? await this.prisma.user.findUnique({ where: { name: fields.assignee.name }, select: { id: true } })
      : null;
    if (fields.assignee?.name && !assignee) throw new JiraHttpException(400, [], {}, { assignee: `User '${fields.assignee.name}' does not exist.` });

    const issue = await this.prisma.$transaction(async (tx) => {
      const { issueCounter } = await tx.project.update({ where: { id: project.id }, data: { issueCounter: { increment: 1 } } });
      return tx.issue.create({
        data: {
          key: `${project.key}-${issueCounter}`,
          projectId: project.id,
          summary: fields.summary!.trim(),
          description: fields.description ?? null,
          issueType: issueType!,
          status: 'To Do',
          priority: fields.priority?.name ?? 'Medium',
          reporterId: user.userId,
          assigneeId: assignee?.id ?? null,
          labels: fields.labels ?? [],
        },
      });
    });
    return { id: String(issue.id), key: issue.key, self: `${this.access.baseUrl}/rest/api/2/issue/${issue.id}` };
  }
}
