import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { PrismaService } from '@tokenshift/db';
import { ANONYMOUS_ACCESS_OFF, ApiJiraErrors } from '../../openapi/api-docs.decorators';
import { DoTransitionBody, TransitionsMeta } from '../../openapi/jira-schemas';
import { JiraHttpException } from '@tokenshift/shared/nest';
import { parseEdit } from '../issue-edit/edit-request';
import { invalidTransition, IssueWriter } from '../issue-edit/issue-writer';
import { IssueAccess } from '../issue-access';
import { issueOr404 } from '../issue-lookup';
import { JIRA_API_PATHS } from '../../routes';
import { transitionJson } from './transition-json';
import { TransitionBody, TransitionListParams } from './transition.dto';
import { resolutions, transitionsFrom } from './workflow';
import { CurrentUser, OptionalUser, Public, TokenApi, Principal } from '@tokenshift/auth-core';

/** Jira's workflow transitions of an issue: which ones it may take now, and taking one. */
@ApiTags('Jira')
@Controller(JIRA_API_PATHS)
export class TransitionController {
  constructor(
    private readonly prisma: PrismaService,
    private readonly access: IssueAccess,
    private readonly writer: IssueWriter,
  ) {}

  @Get('issue/:idOrKey/transitions')
  @Public()
  @ApiOperation({ summary: 'Get transitions', description: 'The transitions the issue can take from its status now.' })
  @ApiQuery({ name: 'transitionId', required: false, type: String })
  @ApiQuery({ name: 'expand', required: false, type: String, description: 'transitions.fields: the fields each transition can set' })
  @ApiOkResponse({ type: TransitionsMeta })
  @ApiJiraErrors(ANONYMOUS_ACCESS_OFF, [404, 'Issue Does Not Exist'])
  async list(@Param('idOrKey') idOrKey: string, @Query() params: TransitionListParams, @OptionalUser() user: Principal | undefined) {
    this.access.assertCanRead(user);
    const issue = await issueOr404(idOrKey, (where) => this.prisma.issue.findUnique({ where, select: { status: true } }));
    const withFields = (params.expand ?? '').split(',').includes('transitions.fields');
    const allResolutions = withFields ? await resolutions(this.prisma) : undefined;
    const transitions = (await transitionsFrom(this.prisma, issue.status)).filter((transition) => !params.transitionId || transition.id === params.transitionId);
    return { expand: 'transitions', transitions: transitions.map((transition) => transitionJson(this.access.baseUrl, transition, allResolutions)) };
  }

  /** 204 like Jira; a transition the issue cannot take now is Jira's 400. */
  @Post('issue/:idOrKey/transitions')
  @HttpCode(204)
  @TokenApi('write')
  @ApiOperation({ summary: 'Transition issue', description: 'Moves the issue along the workflow, setting the fields given (a resolution for a done status).' })
  @ApiBody({ type: DoTransitionBody })
  @ApiNoContentResponse({ description: 'Transitioned' })
  @ApiJiraErrors([400, "The transition is not available from the issue's status, or a field is not valid"], [404, 'Issue Does Not Exist'])
  async take(@Param('idOrKey') idOrKey: string, @Body() body: TransitionBody, @CurrentUser() user: Principal): Promise<void> {
    const issue = await issueOr404(idOrKey, (where) => this.prisma.issue.findUnique({ where, select: { id: true, status: true } }));
    const id = body.transition?.id;
    const name = body.transition?.name;
    if (!id && !name) throw new JiraHttpException(400, "Missing 'transition' identifier");
    const transition = (await transitionsFrom(this.prisma, issue.status)).find((available) => (id ? available.id === id : available.name.toLowerCase() === name?.toLowerCase()));
    if (!transition) throw invalidTransition(id ?? name ?? '');
    const { intent, errors } = parseEdit(body.fields, body.update, { allowResolution: true });
    if (Object.keys(errors).length) throw new JiraHttpException(400, [], {}, errors);
    await this.writer.change(issue.id, user, intent, transition);
  }
}
