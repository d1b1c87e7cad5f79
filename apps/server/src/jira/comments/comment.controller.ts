import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { PrismaService } from '@tokenshift/db';
import { ANONYMOUS_ACCESS_OFF, ApiJiraErrors } from '../../openapi/api-docs.decorators';
import { CommentBean, CommentBody, PageOfComments } from '../../openapi/jira-schemas';
import { JiraHttpException } from '@tokenshift/shared/nest';
import { IssueAccess } from '../issue-access';
import { issueNotFound, issueOr404 } from '../issue-lookup';
import { JIRA_API_PATHS } from '../../routes';
import { COMMENT_INCLUDE, commentJson, commentPageJson } from './comment-json';
import { AddCommentBody, CommentExpandParams, CommentListParams } from './comment.dto';
import { CurrentUser, OptionalUser, Public, TokenApi, Principal } from '@tokenshift/auth-core';

const wantsRenderedBody = (expand: string | undefined) => (expand ?? '').split(',').includes('renderedBody');

/** Jira's comments of an issue: list (paged), add, and one by id. */
@ApiTags('Jira')
@Controller(JIRA_API_PATHS)
export class CommentController {
  constructor(
    private readonly prisma: PrismaService,
    private readonly access: IssueAccess,
  ) {}

  @Get('issue/:idOrKey/comment')
  @Public()
  @ApiOperation({ summary: 'Get comments', description: "An issue's comments, a page at a time." })
  @ApiQuery({ name: 'expand', required: false, type: String, description: 'renderedBody: each body as HTML' })
  @ApiQuery({ name: 'orderBy', required: false, enum: ['created', '-created'] })
  @ApiQuery({ name: 'maxResults', required: false, schema: { type: 'integer', minimum: 0, default: 50 } })
  @ApiQuery({ name: 'startAt', required: false, schema: { type: 'integer', minimum: 0, default: 0 } })
  @ApiOkResponse({ type: PageOfComments })
  @ApiJiraErrors(400, ANONYMOUS_ACCESS_OFF, [404, 'Issue Does Not Exist'])
  async list(@Param('idOrKey') idOrKey: string, @Query() params: CommentListParams, @OptionalUser() user: Principal | undefined) {
    this.access.assertCanRead(user);
    const issueId = await this.issueIdOf(idOrKey);
    const startAt = params.startAt ?? 0;
    const maxResults = params.maxResults ?? 50;
    const where = { issueId };
    const [total, comments] = await Promise.all([
      this.prisma.comment.count({ where }),
      this.prisma.comment.findMany({ where, orderBy: { id: params.orderBy === '-created' ? 'desc' : 'asc' }, skip: startAt, take: maxResults, include: COMMENT_INCLUDE }),
    ]);
    return commentPageJson(this.access.baseUrl, { startAt, maxResults, total, comments }, { rendered: wantsRenderedBody(params.expand) });
  }

  @Get('issue/:idOrKey/comment/:id')
  @Public()
  @ApiOperation({ summary: 'Get comment' })
  @ApiQuery({ name: 'expand', required: false, type: String, description: 'renderedBody: the body as HTML' })
  @ApiOkResponse({ type: CommentBean })
  @ApiJiraErrors(ANONYMOUS_ACCESS_OFF, [404, 'No such issue or comment'])
  async one(@Param('idOrKey') idOrKey: string, @Param('id') id: string, @Query() params: CommentExpandParams, @OptionalUser() user: Principal | undefined) {
    this.access.assertCanRead(user);
    const issueId = await this.issueIdOf(idOrKey);
    const comment = /^\d{1,9}$/.test(id) ? await this.prisma.comment.findFirst({ where: { id: Number(id), issueId }, include: COMMENT_INCLUDE }) : null;
    if (!comment) throw new JiraHttpException(404, `Can not find a comment for the id: ${id.slice(0, 64)}.`);
    return commentJson(this.access.baseUrl, comment, { rendered: wantsRenderedBody(params.expand) });
  }

  /** 201 with the new comment, as Jira answers. */
  @Post('issue/:idOrKey/comment')
  @TokenApi('write')
  @ApiOperation({ summary: 'Add comment' })
  @ApiQuery({ name: 'expand', required: false, type: String, description: 'renderedBody: the body as HTML' })
  @ApiBody({ type: CommentBody })
  @ApiCreatedResponse({ type: CommentBean })
  @ApiJiraErrors(400, [404, 'Issue Does Not Exist'])
  async add(@Param('idOrKey') idOrKey: string, @Body() body: AddCommentBody, @Query() params: CommentExpandParams, @CurrentUser() user: Principal) {
    const issueId = await this.issueIdOf(idOrKey);
    const comment = await this.prisma.$transaction(async (tx) => {
      // Touching the issue first holds its row: an issue deleted meanwhile is a 404, not a failed insert.
      const now = new Date();
      const { count } = await tx.issue.updateMany({ where: { id: issueId }, data: { updated: now } });
      if (!count) throw issueNotFound();
      return tx.comment.create({ data: { issueId, authorId: user.userId, body: body.body, created: now }, include: COMMENT_INCLUDE });
    });
    return commentJson(this.access.baseUrl, comment, { rendered: wantsRenderedBody(params.expand) });
  }

  private async issueIdOf(idOrKey: string): Promise<number> {
    const issue = await issueOr404(idOrKey, (where) => this.prisma.issue.findUnique({ where, select: { id: true } }));
    return issue.id;
  }
}
