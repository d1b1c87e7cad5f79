import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Prisma, PrismaService } from '@tokenshift/db';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { ANONYMOUS_ACCESS_OFF, ApiJiraErrors, ApiPageQueries } from '../openapi/api-docs.decorators';
import { PageBean, ProjectBean } from '../openapi/jira-schemas';
import { JiraHttpException } from '@tokenshift/shared/nest';
import { byNumericId, issueTypeJson, projectRefJson } from './catalog-json';
import { IssueAccess } from './issue-access';
import { findProjectByIdOrKey, noProjectMessage } from './issue-refs';
import { JIRA_API_PATHS } from '../routes';
import { ListParam, PageParams, pageJson, pageOf } from './page-params';
import { userJson } from './user-json';
import { OptionalUser, Public, Principal } from '@tokenshift/auth-core';

/** `GET /project` has no paging in Jira; the list is cut here so it stays bounded. */
export const PROJECT_LIST_LIMIT = 1000;

class ProjectListParams {
  /** Jira: `description`, `lead`, `issueTypes`… to add to each project. */
  @IsOptional() @IsString() @MaxLength(1000) expand?: string;
}

const PROJECT_ORDERS = ['key', '+key', '-key', 'name', '+name', '-name'] as const;

class ProjectSearchParams extends PageParams {
  /** Matched against the key and the name, in any case. */
  @IsOptional() @IsString() @MaxLength(255) query?: string;
  @ListParam() keys?: string[];
  @IsOptional() @IsIn(PROJECT_ORDERS) orderBy?: (typeof PROJECT_ORDERS)[number];
  @IsOptional() @IsString() @MaxLength(1000) expand?: string;
}

const WITH_LEAD = { lead: true } as const;
type ProjectWithLead = Prisma.ProjectGetPayload<{ include: typeof WITH_LEAD }>;

const expansions = (expand: string | undefined) => new Set((expand ?? '').split(',').map((item) => item.trim()));

@ApiTags('Jira')
@Controller(JIRA_API_PATHS)
export class ProjectController {
  constructor(
    private readonly prisma: PrismaService,
    private readonly access: IssueAccess,
  ) {}

  /** Jira Server's project list: every project, by key. */
  @Get('project')
  @Public()
  @ApiOperation({ summary: 'Get all projects' })
  @ApiQuery({ name: 'expand', required: false, type: String, description: 'description, lead, issueTypes…' })
  @ApiOkResponse({ type: [ProjectBean] })
  @ApiJiraErrors(400, ANONYMOUS_ACCESS_OFF)
  async list(@Query() params: ProjectListParams, @OptionalUser() user: Principal | undefined) {
    this.access.assertCanRead(user);
    const projects = await this.prisma.project.findMany({ include: WITH_LEAD, orderBy: { key: 'asc' }, take: PROJECT_LIST_LIMIT });
    const expand = expansions(params.expand);
    return projects.map((project) => this.listed(project, expand));
  }

  /** Jira Cloud's paged project search (`values`/`startAt`/`maxResults`/`total`/`isLast`). */
  @Get('project/search')
  @Public()
  @ApiOperation({ summary: 'Search projects', description: "Jira Cloud's paged project search." })
  @ApiQuery({ name: 'expand', required: false, type: String, description: 'description, lead, issueTypes…' })
  @ApiQuery({ name: 'orderBy', required: false, type: String, description: 'key, name, with + or -' })
  @ApiQuery({ name: 'keys', required: false, type: String, description: 'Comma-separated project keys' })
  @ApiQuery({ name: 'query', required: false, type: String, description: 'Matched against key and name, in any case' })
  @ApiPageQueries()
  @ApiOkResponse({ type: PageBean })
  @ApiJiraErrors(400, ANONYMOUS_ACCESS_OFF)
  async search(@Query() params: ProjectSearchParams, @OptionalUser() user: Principal | undefined) {
    this.access.assertCanRead(user);
    const page = pageOf(params, { size: 50, cap: 100 });
    const where: Prisma.ProjectWhereInput = {
      ...(params.query ? { OR: [{ key: { contains: params.query, mode: 'insensitive' } }, { name: { contains: params.query, mode: 'insensitive' } }] } : {}),
      ...(params.keys ? { key: { in: params.keys.map((key) => key.toUpperCase()) } } : {}),
    };
    const order = params.orderBy ?? 'key';
    const orderBy = { [order.replace(/^[+-]/, '')]: order.startsWith('-') ? 'desc' : 'asc' } as Prisma.ProjectOrderByWithRelationInput;
    const [total, projects] = await Promise.all([
      this.prisma.project.count({ where }),
      this.prisma.project.findMany({ where, include: WITH_LEAD, orderBy: [orderBy, { id: 'asc' }], skip: page.startAt, take: page.maxResults }),
    ]);
    const expand = expansions(params.expand);
    const values = projects.map((project) => ({ ...this.listed(project, expand), isPrivate: false, simplified: false, style: 'classic' }));
    return { self: `${this.access.baseUrl}/rest/api/2/project/search?startAt=${page.startAt}&maxResults=${page.maxResults}`, ...pageJson(page, total, values) };
  }

  /** One project, by numeric id or key, with its lead and the issue types it offers. */
  @Get('project/:projectIdOrKey')
  @Public()
  @ApiOperation({ summary: 'Get project' })
  @ApiOkResponse({ type: ProjectBean })
  @ApiJiraErrors(ANONYMOUS_ACCESS_OFF, [404, 'No such project'])
  async get(@Param('projectIdOrKey') idOrKey: string, @OptionalUser() user: Principal | undefined) {
    this.access.assertCanRead(user);
    const project = await findProjectByIdOrKey(this.prisma, idOrKey);
    if (!project) throw new JiraHttpException(404, noProjectMessage(idOrKey));
    const [lead, issueTypes] = await Promise.all([
      project.leadId ? this.prisma.user.findUnique({ where: { id: project.leadId } }) : null,
      this.prisma.issueType.findMany(),
    ]);
    const baseUrl = this.access.baseUrl;
    return {
      expand: 'description,lead,issueTypes,url,projectKeys,permissions,insight',
      ...projectRefJson(baseUrl, project),
      description: project.description,
      ...(lead ? { lead: userJson(baseUrl, lead) } : {}),
      components: [],
      issueTypes: byNumericId(issueTypes).map((type) => issueTypeJson(baseUrl, type)),
      assigneeType: 'UNASSIGNED',
      versions: [],
      roles: {},
      projectKeys: [project.key],
      archived: false,
    };
  }

  private listed(project: ProjectWithLead, expand: Set<string>) {
    const baseUrl = this.access.baseUrl;
    return {
      expand: 'description,lead,issueTypes,url,projectKeys,permissions,insight',
      ...projectRefJson(baseUrl, project),
      ...(expand.has('description') ? { description: project.description } : {}),
      ...(expand.has('lead') && project.lead ? { lead: userJson(baseUrl, project.lead) } : {}),
      archived: false,
    };
  }
}
