import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { PrismaService } from '@tokenshift/db';
import { ANONYMOUS_ACCESS_OFF, ApiJiraErrors, ApiPageQueries } from '../openapi/api-docs.decorators';
import { IssueTypeBean, PageBean, PriorityBean, ResolutionBean, StatusBean, StatusCategoryBean } from '../openapi/jira-schemas';
import { JiraHttpException } from '@tokenshift/shared/nest';
import { byNumericId, issueTypeJson, priorityJson, resolutionJson, STATUS_CATEGORIES, statusCategoryJson, statusJson } from './catalog-json';
import { IssueAccess } from './issue-access';
import { JIRA_API_PATHS } from '../routes';
import { ListParam, PageParams, pageJson, pageOf } from './page-params';
import { OptionalUser, Public, Principal } from '@tokenshift/auth-core';

class CatalogSearchParams extends PageParams {
  @ListParam() id?: string[];
}

/** The catalogs are reference data of a handful of rows; the cut only keeps a list bounded whatever happens. */
const CATALOG_LIMIT = 1000;

/** Jira's issue types, statuses, priorities and resolutions: the whole list, and one entry by its numeric id. */
@ApiTags('Jira')
@Controller(JIRA_API_PATHS)
export class CatalogController {
  constructor(
    private readonly prisma: PrismaService,
    private readonly access: IssueAccess,
  ) {}

  @Get('issuetype')
  @Public()
  @ApiOperation({ summary: 'Get all issue types' })
  @ApiOkResponse({ type: [IssueTypeBean] })
  @ApiJiraErrors(ANONYMOUS_ACCESS_OFF)
  async issueTypes(@OptionalUser() user: Principal | undefined) {
    this.access.assertCanRead(user);
    return byNumericId(await this.prisma.issueType.findMany({ take: CATALOG_LIMIT })).map((type) => issueTypeJson(this.access.baseUrl, type));
  }

  @Get('issuetype/:id')
  @Public()
  @ApiOperation({ summary: 'Get issue type' })
  @ApiOkResponse({ type: IssueTypeBean })
  @ApiJiraErrors(ANONYMOUS_ACCESS_OFF, [404, 'No such issue type'])
  async issueType(@Param('id') id: string, @OptionalUser() user: Principal | undefined) {
    this.access.assertCanRead(user);
    const type = await this.prisma.issueType.findUnique({ where: { id } });
    if (!type) throw new JiraHttpException(404, `The issue type with id '${id}' does not exist`);
    return issueTypeJson(this.access.baseUrl, type);
  }

  @Get('status')
  @Public()
  @ApiOperation({ summary: 'Get all statuses' })
  @ApiOkResponse({ type: [StatusBean] })
  @ApiJiraErrors(ANONYMOUS_ACCESS_OFF)
  async statuses(@OptionalUser() user: Principal | undefined) {
    this.access.assertCanRead(user);
    return byNumericId(await this.prisma.status.findMany({ take: CATALOG_LIMIT })).map((status) => statusJson(this.access.baseUrl, status));
  }

  /** Jira takes a status' id or its name here. */
  @Get('status/:idOrName')
  @Public()
  @ApiOperation({ summary: 'Get status' })
  @ApiOkResponse({ type: StatusBean })
  @ApiJiraErrors(ANONYMOUS_ACCESS_OFF, [404, 'No such status'])
  async status(@Param('idOrName') idOrName: string, @OptionalUser() user: Principal | undefined) {
    this.access.assertCanRead(user);
    const status = await this.prisma.status.findFirst({ where: { OR: [{ id: idOrName }, { name: { equals: idOrName, mode: 'insensitive' } }] } });
    if (!status) throw new JiraHttpException(404, `The status with id '${idOrName}' does not exist`);
    return statusJson(this.access.baseUrl, status);
  }

  @Get('statuscategory')
  @Public()
  @ApiOperation({ summary: 'Get all status categories' })
  @ApiOkResponse({ type: [StatusCategoryBean] })
  @ApiJiraErrors(ANONYMOUS_ACCESS_OFF)
  statusCategories(@OptionalUser() user: Principal | undefined) {
    this.access.assertCanRead(user);
    return Object.values(STATUS_CATEGORIES)
      .sort((a, b) => a.id - b.id)
      .map((category) => statusCategoryJson(this.access.baseUrl, category));
  }

  /** Jira takes a category's id or its key here. */
  @Get('statuscategory/:idOrKey')
  @Public()
  @ApiOperation({ summary: 'Get a status category by id or key' })
  @ApiOkResponse({ type: StatusCategoryBean })
  @ApiJiraErrors(ANONYMOUS_ACCESS_OFF, [404, 'No status category has this id or key'])
  statusCategory(@Param('idOrKey') idOrKey: string, @OptionalUser() user: Principal | undefined) {
    this.access.assertCanRead(user);
    const category = Object.values(STATUS_CATEGORIES).find((entry) => String(entry.id) === idOrKey || entry.key === idOrKey);
    if (!category) throw new JiraHttpException(404, `The status category with id '${idOrKey}' does not exist`);
    return statusCategoryJson(this.access.baseUrl, category);
  }

  @Get('priority')
  @Public()
  @ApiOperation({ summary: 'Get priorities' })
  @ApiOkResponse({ type: [PriorityBean] })
  @ApiJiraErrors(ANONYMOUS_ACCESS_OFF)
  async priorities(@OptionalUser() user: Principal | undefined) {
    this.access.assertCanRead(user);
    return byNumericId(await this.prisma.priority.findMany({ take: CATALOG_LIMIT })).map((priority) => priorityJson(this.access.baseUrl, priority));
  }

  /** Jira Cloud's paged priority list (`PageBean`), optionally of some ids. */
  @Get('priority/search')
  @Public()
  @ApiOperation({ summary: 'Search priorities', description: "Jira Cloud's paged list." })
  @ApiQuery({ name: 'id', required: false, type: String, description: 'Comma-separated ids' })
  @ApiPageQueries()
  @ApiOkResponse({ type: PageBean })
  @ApiJiraErrors(400, ANONYMOUS_ACCESS_OFF)
  async searchPriorities(@Query() params: CatalogSearchParams, @OptionalUser() user: Principal | undefined) {
    this.access.assertCanRead(user);
    return this.pageOfEntries('priority', params, byNumericId(await this.prisma.priority.findMany({ take: CATALOG_LIMIT })), priorityJson);
  }

  @Get('priority/:id')
  @Public()
  @ApiOperation({ summary: 'Get priority' })
  @ApiOkResponse({ type: PriorityBean })
  @ApiJiraErrors(ANONYMOUS_ACCESS_OFF, [404, 'No such priority'])
  async priority(@Param('id') id: string, @OptionalUser() user: Principal | undefined) {
    this.access.assertCanRead(user);
    const priority = await this.prisma.priority.findUnique({ where: { id } });
    if (!priority) throw new JiraHttpException(404, `The priority with id '${id}' does not exist`);
    return priorityJson(this.access.baseUrl, priority);
  }

  @Get('resolution')
  @Public()
  @ApiOperation({ summary: 'Get resolutions' })
  @ApiOkResponse({ type: [ResolutionBean] })
  @ApiJiraErrors(ANONYMOUS_ACCESS_OFF)
  async resolutions(@OptionalUser() user: Principal | undefined) {
    this.access.assertCanRead(user);
    return byNumericId(await this.prisma.resolution.findMany({ take: CATALOG_LIMIT })).map((resolution) => resolutionJson(this.access.baseUrl, resolution));
  }

  /** Jira Cloud's paged resolution list (`PageBean`), optionally of some ids. */
  @Get('resolution/search')
  @Public()
  @ApiOperation({ summary: 'Search resolutions', description: "Jira Cloud's paged list." })
  @ApiQuery({ name: 'id', required: false, type: String, description: 'Comma-separated ids' })
  @ApiPageQueries()
  @ApiOkResponse({ type: PageBean })
  @ApiJiraErrors(400, ANONYMOUS_ACCESS_OFF)
  async searchResolutions(@Query() params: CatalogSearchParams, @OptionalUser() user: Principal | undefined) {
    this.access.assertCanRead(user);
    return this.pageOfEntries('resolution', params, byNumericId(await this.prisma.resolution.findMany({ take: CATALOG_LIMIT })), resolutionJson);
  }

  @Get('resolution/:id')
  @Public()
  @ApiOperation({ summary: 'Get resolution' })
  @ApiOkResponse({ type: ResolutionBean })
  @ApiJiraErrors(ANONYMOUS_ACCESS_OFF, [404, 'No such resolution'])
  async resolution(@Param('id') id: string, @OptionalUser() user: Principal | undefined) {
    this.access.assertCanRead(user);
    const resolution = await this.prisma.resolution.findUnique({ where: { id } });
    if (!resolution) throw new JiraHttpException(404, `The resolution with id '${id}' does not exist`);
    return resolutionJson(this.access.baseUrl, resolution);
  }

  private pageOfEntries<T extends { id: string }>(resource: string, params: CatalogSearchParams, entries: T[], toJson: (baseUrl: string, entry: T) => unknown) {
    const page = pageOf(params, { size: 50, cap: 100 });
    const ids = params.id;
    const chosen = ids ? entries.filter((entry) => ids.includes(entry.id)) : entries;
    const values = chosen.slice(page.startAt, page.startAt + page.maxResults).map((entry) => toJson(this.access.baseUrl, entry));
    return { self: `${this.access.baseUrl}/rest/api/2/${resource}/search?startAt=${page.startAt}&maxResults=${page.maxResults}`, ...pageJson(page, chosen.length, values) };
  }
}
