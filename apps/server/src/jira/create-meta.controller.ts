import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Prisma, PrismaService } from '@tokenshift/db';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { ANONYMOUS_ACCESS_OFF, ApiJiraErrors, ApiPageQueries } from '../openapi/api-docs.decorators';
import { CreateMetaPage, IssueCreateMetadata } from '../openapi/jira-schemas';
import { JiraHttpException } from '@tokenshift/shared/nest';
import { byNumericId, issueTypeJson, projectRefJson } from './catalog-json';
import { createFieldsMeta } from './create-meta-json';
import { IssueAccess } from './issue-access';
import { findProjectByIdOrKey, noProjectMessage } from './issue-refs';
import { JIRA_API_PATHS } from '../routes';
import { ListParam, PageParams, pageJson, pageOf } from './page-params';
import { PROJECT_LIST_LIMIT } from './project.controller';
import { OptionalUser, Public, Principal } from '@tokenshift/auth-core';

class CreateMetaParams {
  @ListParam() projectIds?: string[];
  @ListParam() projectKeys?: string[];
  @ListParam() issuetypeIds?: string[];
  /** Repeated only: Jira reads no comma-separated list here, as a name may hold a comma. */
  @ListParam({ commaSeparated: false }) issuetypeNames?: string[];
  /** `projects.issuetypes.fields` adds each issue type's fields. */
  @IsOptional() @IsString() @MaxLength(1000) expand?: string;
}

/**
 * Jira's create metadata: the classic `GET /issue/createmeta` (Cloud, Jira before 9) and the paged 9.x
 * form `GET /issue/createmeta/{projectIdOrKey}/issuetypes[/{issueTypeId}]`. Its routes are fixed paths,
 * so `createmeta` is never taken for an issue key.
 */
@ApiTags('Jira')
@Controller(JIRA_API_PATHS)
export class CreateMetaController {
  constructor(
    private readonly prisma: PrismaService,
    private readonly access: IssueAccess,
  ) {}

  @Get('issue/createmeta')
  @Public()
  @ApiOperation({ summary: 'Get create issue metadata', description: 'The classic form (Jira Cloud and Jira before 9): projects, their issue types and, expanded, their fields.' })
  @ApiQuery({ name: 'expand', required: false, type: String, description: 'projects.issuetypes.fields: the fields of each issue type' })
  @ApiQuery({ name: 'issuetypeNames', required: false, type: String, description: 'Issue type names (repeat the parameter)' })
  @ApiQuery({ name: 'issuetypeIds', required: false, type: String, description: 'Comma-separated issue type ids' })
  @ApiQuery({ name: 'projectKeys', required: false, type: String, description: 'Comma-separated project keys' })
  @ApiQuery({ name: 'projectIds', required: false, type: String, description: 'Comma-separated project ids' })
  @ApiOkResponse({ type: IssueCreateMetadata })
  @ApiJiraErrors(400, ANONYMOUS_ACCESS_OFF)
  async classic(@Query() params: CreateMetaParams, @OptionalUser() user: Principal | undefined) {
    this.access.assertCanRead(user);
    const byProject: Prisma.ProjectWhereInput[] = [
      ...(params.projectIds?.length ? [{ id: { in: params.projectIds } }] : []),
      ...(params.projectKeys?.length ? [{ key: { in: params.projectKeys.map((key) => key.toUpperCase()) } }] : []),
    ];
    const [projects, issueTypes, priorities] = await Promise.all([
      this.prisma.project.findMany({ where: byProject.length ? { OR: byProject } : {}, orderBy: { key: 'asc' }, take: PROJECT_LIST_LIMIT }),
      this.prisma.issueType.findMany(),
      this.prisma.priority.findMany(),
    ]);
    const names = params.issuetypeNames?.map((name) => name.toLowerCase());
    const wanted = byNumericId(issueTypes).filter(
      (type) => (!params.issuetypeIds && !names) || params.issuetypeIds?.includes(type.id) || names?.includes(type.name.toLowerCase()),
    );
    const withFields = (params.expand ?? '').split(',').some((item) => item.trim() === 'projects.issuetypes.fields');
    const baseUrl = this.access.baseUrl;
    return {
      expand: 'projects',
      projects: projects.map((project) => ({
        expand: 'issuetypes',
        ...projectRefJson(baseUrl, project),
        issuetypes: wanted.map((issueType) => ({
          ...issueTypeJson(baseUrl, issueType),
          expand: 'fields',
          ...(withFields
            ? { fields: Object.fromEntries(createFieldsMeta({ baseUrl, project, issueType, priorities: byNumericId(priorities) }).map((meta) => [meta.key, meta])) }
            : {}),
        })),
      })),
    };
  }

  @Get('issue/createmeta/:projectIdOrKey/issuetypes')
  @Public()
  @ApiOperation({ summary: 'Get create metadata issue types for a project', description: 'The paged form of Jira 9.' })
  @ApiPageQueries()
  @ApiOkResponse({ type: CreateMetaPage })
  @ApiJiraErrors(400, ANONYMOUS_ACCESS_OFF, [404, 'No such project'])
  async issueTypes(@Param('projectIdOrKey') projectIdOrKey: string, @Query() params: PageParams, @OptionalUser() user: Principal | undefined) {
    this.access.assertCanRead(user);
    await this.projectOr404(projectIdOrKey);
    const page = pageOf(params, { size: 50, cap: 200 });
    const types = byNumericId(await this.prisma.issueType.findMany());
    const values = types.slice(page.startAt, page.startAt + page.maxResults).map((type) => issueTypeJson(this.access.baseUrl, type));
    return pageJson(page, types.length, values);
  }

  @Get('issue/createmeta/:projectIdOrKey/issuetypes/:issueTypeId')
  @Public()
  @ApiOperation({ summary: 'Get create field metadata for a project and issue type', description: 'The paged form of Jira 9.' })
  @ApiPageQueries()
  @ApiOkResponse({ type: CreateMetaPage })
  @ApiJiraErrors(400, ANONYMOUS_ACCESS_OFF, [404, 'No such project or issue type'])
  async fields(
    @Param('projectIdOrKey') projectIdOrKey: string,
    @Param('issueTypeId') issueTypeId: string,
    @Query() params: PageParams,
    @OptionalUser() user: Principal | undefined,
  ) {
    this.access.assertCanRead(user);
    const project = await this.projectOr404(projectIdOrKey);
    const [issueType, priorities] = await Promise.all([this.prisma.issueType.findUnique({ where: { id: issueTypeId } }), this.prisma.priority.findMany()]);
    if (!issueType) throw new JiraHttpException(404, `The issue type with id '${issueTypeId}' does not exist`);
    const page = pageOf(params, { size: 50, cap: 200 });
    const all = createFieldsMeta({ baseUrl: this.access.baseUrl, project, issueType, priorities: byNumericId(priorities) });
    const values = all.slice(page.startAt, page.startAt + page.maxResults).map((meta) => ({ ...meta, fieldId: meta.key }));
    return pageJson(page, all.length, values);
  }

  private async projectOr404(idOrKey: string) {
    const project = await findProjectByIdOrKey(this.prisma, idOrKey);
    if (!project) throw new JiraHttpException(404, noProjectMessage(idOrKey));
    return project;
  }
}
