import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { PrismaService } from '@tokenshift/db';
import { JiraHttpException } from '@tokenshift/shared/nest';
import { EditIssueBody } from './issue-edit/edit-issue.dto';
import { parseEdit } from './issue-edit/edit-request';
import { IssueWriter } from './issue-edit/issue-writer';
import { ANONYMOUS_ACCESS_OFF, ApiJiraErrors } from '../openapi/api-docs.decorators';
import { CreatedIssue, IssueBean, IssueUpdateBean } from '../openapi/jira-schemas';
import { IssueAccess } from './issue-access';
import { ISSUE_INCLUDE, issueJson } from './issue-json';
import { issueNotFound, issueOr404 } from './issue-lookup';
import { loadIssueExtras } from './issue-view/issue-extras';
import { issueView, IssueViewParams } from './issue-view/issue-view-params';
import { CreateIssueBody } from './issue.dto';
import { DEFAULT_PRIORITY, findIssueTypeByRef, findPriorityByRef, findProjectByRef } from './issue-refs';
import { JIRA_API_PATHS } from '../routes';
import { CurrentUser, OptionalUser, Public, TokenApi, Principal } from '@tokenshift/auth-core';

@Controller(JIRA_API_PATHS)
@ApiTags('Jira')
export class IssueController {
  constructor(
    private readonly prisma: PrismaService,
    private readonly access: IssueAccess,
    private readonly writer: IssueWriter,
  ) {}

  /** Jira's issue GET: every field by default (`*all`), `fields=` and `expand=` as Jira reads them. */
  @Get('issue/:idOrKey')
  @Public()
  @ApiOperation({ summary: 'Get issue', description: 'One issue by id or key. Anonymous callers are served only with ANONYMOUS_ISSUE_ACCESS; otherwise they get a 401.' })
  @ApiParam({ name: 'idOrKey', description: 'The issue id or key', example: 'DEMO-1' })
  @ApiQuery({ name: 'expand', required: false, type: String, description: 'Comma-separated: names, renderedFields, changelog, transitions' })
  @ApiQuery({ name: 'fields', required: false, type: String, description: 'Comma-separated fields to return: ids, `*all`, `*navigable`, `-field` to leave one out' })
  @ApiOkResponse({ type: IssueBean })
  @ApiJiraErrors(ANONYMOUS_ACCESS_OFF, [404, 'Issue Does Not Exist'])
  async get(@Param('idOrKey') idOrKey: string, @Query() params: IssueViewParams, @OptionalUser() user: Principal | undefined) {
    this.access.assertCanRead(user);
    const issue = await issueOr404(idOrKey, (where) => this.prisma.issue.findUnique({ where, include: ISSUE_INCLUDE }));
    const view = issueView(params, '*all');
    return issueJson(this.access.baseUrl, issue, view, await loadIssueExtras(this.prisma, this.access.baseUrl, issue, view));
  }

  /** Jira's edit: `fields` sets, `update` applies operations; 204, or 400 with the problems by field. */
  @Put('issue/:idOrKey')
  @HttpCode(204)
  @TokenApi('write')
  @ApiOperation({ summary: 'Edit issue', description: '`fields` sets values; `update` applies operations (set, add, remove). Field changes are recorded in the changelog.' })
  @ApiBody({ type: IssueUpdateBean })
  @ApiNoContentResponse({ description: 'Edited' })
  @ApiJiraErrors([400, 'A field is not valid (by field in `errors`)'], [404, 'Issue Does Not Exist'])
  async edit(@Param('idOrKey') idOrKey: string, @Body() body: EditIssueBody, @CurrentUser() user: Principal): Promise<void> {
    const issue = await issueOr404(idOrKey, (where) => this.prisma.issue.findUnique({ where, select: { id: true } }));
    const { intent, errors } = parseEdit(body.fields, body.update, { allowResolution: false });
    if (Object.keys(errors).length) throw new JiraHttpException(400, [], {}, errors);
    await this.writer.change(issue.id, user, intent);
  }

  /**
   * Jira's delete: 204. Deleting is for administrators and the issue's reporter (Jira's default scheme
   * gives "Delete Issues" to project administrators); anyone else gets Jira's 403.
   */
  @Delete('issue/:idOrKey')
  @HttpCode(204)
  @TokenApi('write')
  @ApiOperation({ summary: 'Delete issue', description: "For administrators and the issue's reporter." })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiJiraErrors([404, 'Issue Does Not Exist'])
  async remove(@Param('idOrKey') idOrKey: string, @CurrentUser() user: Principal): Promise<void> {
    const issue = await issueOr404(idOrKey, (where) => this.prisma.issue.findUnique({ where, select: { id: true, reporterId: true } }));
    if (!user.isAdmin && issue.reporterId !== user.userId) throw new JiraHttpException(403, 'You do not have permission to delete issues in this project.');
    // Comments and history go with the issue (cascade); deleting twice at once answers 404 to the second.
    const { count } = await this.prisma.issue.deleteMany({ where: { id: issue.id } });
    if (!count) throw issueNotFound();
  }

  /**
   * Jira's create issue: 201 `{id, key, self}`. The project is named by `{id}` or `{key}`, the issue type
   * and the priority by `{id}` or `{name}`; missing or unknown ones are answered in `errors` by field, as Jira does.
   */
  @Post('issue')
  @TokenApi('write')
  @ApiOperation({ summary: 'Create issue', description: 'Creates an issue; the problems with the fields are answered by field in `errors`, as Jira does.' })
  @ApiBody({ type: IssueUpdateBean })
  @ApiCreatedResponse({ type: CreatedIssue })
  @ApiJiraErrors([400, 'A field is missing or not valid (by field in `errors`)'])
  async create(@Body() body: CreateIssueBody, @CurrentUser() user: Principal) {
    const { fields } = body;
    const errors: Record<string, string> = {};
    const summary = fields.summary?.trim();
    if (!summary) errors['summary'] = 'You must specify a summary of the issue.';
    const project = fields.project ? await findProjectByRef(this.prisma, fields.project) : null;
    if (!project) errors['project'] = fields.project ? 'valid project is required' : 'project is required';
    const issueType = fields.issuetype ? await findIssueTypeByRef(this.prisma, fields.issuetype) : null;
    if (!issueType) errors['issuetype'] = fields.issuetype ? 'valid issue type is required' : 'issue type is required';
    const priority = fields.priority ? await findPriorityByRef(this.prisma, fields.priority) : null;
    if (fields.priority && !priority) errors['priority'] = 'The priority selected is invalid.';
    if (Object.keys(errors).length || !summary || !project || !issueType) throw new JiraHttpException(400, [], {}, errors);

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
          summary,
          description: fields.description ?? null,
          issueType: issueType.name,
          status: 'To Do',
          priority: priority?.name ?? DEFAULT_PRIORITY,
          reporterId: user.userId,
          assigneeId: assignee?.id ?? null,
          labels: fields.labels ?? [],
        },
      });
    });
    return { id: String(issue.id), key: issue.key, self: `${this.access.baseUrl}/rest/api/2/issue/${issue.id}` };
  }
}
