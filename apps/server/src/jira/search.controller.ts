import { Body, Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ConfigService } from '@nestjs/config';
import { PrismaService } from '@tokenshift/db';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { setImmediate as nextLoopTurn } from 'node:timers/promises';
import pLimit from 'p-limit';
import { AppConfig } from '../config/app-config';
import { ANONYMOUS_ACCESS_OFF, ApiJiraErrors } from '../openapi/api-docs.decorators';
import { SearchAndReconcileResults, SearchRequestBean, SearchResults } from '../openapi/jira-schemas';
import { JiraHttpException } from '@tokenshift/shared/nest';
import { IssueAccess } from './issue-access';
import { ISSUE_INCLUDE, issueJson, IssueView, IssueWithRelations } from './issue-json';
import { fieldNames } from './issue-view/field-selection';
import { loadIssueExtras } from './issue-view/issue-extras';
import { issueView, IssueViewParams } from './issue-view/issue-view-params';
import { JIRA_API_PATHS } from '../routes';
import { JqlError, JqlLimits, parseJql } from './jql/jql-parser';
import { jqlToOrderBy, jqlToWhere } from './jql/jql-to-prisma';
import { lookUpJqlValues } from './jql/jql-lookups';
import { OptionalUser, Public, Principal } from '@tokenshift/auth-core';

/** What the OpenAPI document says of both searches. */
const SEARCH_DESCRIPTION =
  'Issues matching a JQL query, a page at a time. Anonymous callers are served only with ANONYMOUS_ISSUE_ACCESS; otherwise they get a 401.';

export class SearchParams extends IssueViewParams {
  @IsOptional() @IsString() @MaxLength(10_000) jql?: string;
  /** Jira's startAt is a Java int; past it the database cannot take the offset. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(2_147_483_647) startAt?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(1000) maxResults?: number;
}

/** Jira Cloud's `GET|POST /search/jql`; `fields` and `expand` as on `/search`, the rest of Cloud's parameters are taken and ignored. */
export class JqlSearchParams extends IssueViewParams {
  @IsOptional() @IsString() @MaxLength(10_000) jql?: string;
  @IsOptional() @IsString() @MaxLength(100) nextPageToken?: string;
  /** At least 1: a page of none would hand back a token for the same page, and a client paging on it would never stop. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(2_147_483_647) maxResults?: number;
}

/** Issues per page at most when each one costs extra queries (its comments, its history, its transitions). */
export const MAX_RESULTS_WITH_EXTRAS = 100;

/** The page size a view allows: pages whose issues cost extra queries are capped, and `maxResults` says so, as Jira does. */
function pageSize(asked: number, view: IssueView, cap: number): number {
  const costsExtraQueries = view.fields.has('comment') || view.expand.has('changelog') || view.expand.has('transitions');
  return Math.min(asked, cap, costsExtraQueries ? MAX_RESULTS_WITH_EXTRAS : cap);
}

@Controller(JIRA_API_PATHS)
@ApiTags('Jira')
export class SearchController {
  private readonly limits: JqlLimits;
  private readonly timeZone: string;
  /** Searches wait their turn here, so a burst of heavy ones leaves room for every other request. */
  private readonly searchTurn: pLimit.Limit;

  constructor(
    private readonly prisma: PrismaService,
    private readonly access: IssueAccess,
    @Inject(ConfigService) config: ConfigService<AppConfig, true>,
  ) {
    const { jqlLimits, timeZone, concurrency } = config.get('search', { infer: true });
    this.limits = jqlLimits;
    this.timeZone = timeZone;
    this.searchTurn = pLimit(concurrency);
  }

  @Get('search')
  @Public()
  @ApiOperation({ summary: 'Search for issues using JQL (GET)', description: SEARCH_DESCRIPTION })
  // Listed bottom-up in the document: the last @ApiQuery comes first.
  @ApiQuery({ name: 'expand', required: false, type: String, description: 'Comma-separated: names, renderedFields, changelog, transitions', example: 'names' })
  @ApiQuery({ name: 'fields', required: false, type: String, description: 'Comma-separated fields to return: ids, `*all`, `*navigable`, `-field` to leave one out', example: 'summary,status' })
  @ApiQuery({ name: 'maxResults', required: false, schema: { type: 'integer', minimum: 0, maximum: 1000, default: 50 }, description: 'Most issues to return' })
  @ApiQuery({ name: 'startAt', required: false, schema: { type: 'integer', minimum: 0, default: 0 }, description: 'Index of the first issue to return' })
  @ApiQuery({ name: 'jql', required: false, type: String, description: 'A JQL query; none finds every issue', example: 'project = DEMO AND type = Bug ORDER BY key' })
  @ApiOkResponse({ type: SearchResults })
  @ApiJiraErrors([400, 'The JQL is not valid, or a parameter is out of range'], ANONYMOUS_ACCESS_OFF)
  searchByQuery(@Query() params: SearchParams, @OptionalUser() user: Principal | undefined) {
    return this.inTurn(() => this.search(params, user));
  }

  @Post('search')
  @HttpCode(200)
  @Public()
  @ApiOperation({ summary: 'Search for issues using JQL (POST)', description: SEARCH_DESCRIPTION })
  @ApiBody({ type: SearchRequestBean })
  @ApiOkResponse({ type: SearchResults })
  @ApiJiraErrors([400, 'The JQL is not valid, or a parameter is out of range'], ANONYMOUS_ACCESS_OFF)
  searchByBody(@Body() params: SearchParams, @OptionalUser() user: Principal | undefined) {
    return this.inTurn(() => this.search(params, user));
  }

  @Get('search/jql')
  @Public()
  @ApiOperation({ summary: 'Search for issues using JQL, by page token (GET)', description: "Jira Cloud's enhanced search: pages follow `nextPageToken`; there is no total." })
  @ApiQuery({ name: 'nextPageToken', required: false, type: String })
  @ApiQuery({ name: 'maxResults', required: false, schema: { type: 'integer', minimum: 1 } })
  @ApiQuery({ name: 'jql', required: false, type: String, description: 'A JQL query' })
  @ApiOkResponse({ type: SearchAndReconcileResults })
  @ApiJiraErrors([400, 'The JQL is not valid, or a parameter is out of range'], ANONYMOUS_ACCESS_OFF)
  searchJqlByQuery(@Query() params: JqlSearchParams, @OptionalUser() user: Principal | undefined) {
    return this.inTurn(() => this.searchByToken(params, user));
  }

  @Post('search/jql')
  @HttpCode(200)
  @Public()
  @ApiOperation({ summary: 'Search for issues using JQL, by page token (POST)', description: "Jira Cloud's enhanced search: pages follow `nextPageToken`; there is no total." })
  @ApiOkResponse({ type: SearchAndReconcileResults })
  @ApiJiraErrors([400, 'The JQL is not valid, or a parameter is out of range'], ANONYMOUS_ACCESS_OFF)
  searchJqlByBody(@Body() params: JqlSearchParams, @OptionalUser() user: Principal | undefined) {
    return this.inTurn(() => this.searchByToken(params, user));
  }

  /**
   * Runs a search in its turn, after one turn of the event loop: the embedded database runs queries
   * on this thread, so searches started back to back would otherwise keep the requests that arrived
   * meanwhile from even being read.
   */
  private inTurn<T>(search: () => Promise<T>): Promise<T> {
    return this.searchTurn(async () => {
      await nextLoopTurn();
      return search();
    });
  }

  private async search(params: SearchParams, user: Principal | undefined) {
    const startAt = params.startAt ?? 0;
    const view = issueView(params, '*navigable');
    const maxResults = pageSize(params.maxResults ?? 50, view, Number.MAX_SAFE_INTEGER);
    const { where, orderBy } = await this.filterOf(params.jql, user);
    const [total, issues] = await Promise.all([
      this.prisma.issue.count({ where }),
      this.prisma.issue.findMany({ where, orderBy, skip: startAt, take: maxResults, include: ISSUE_INCLUDE }),
    ]);
    return {
      expand: 'schema,names',
      startAt,
      maxResults,
      total,
      issues: await this.answers(issues, view),
      ...(view.expand.has('names') ? { names: fieldNames(view.fields) } : {}),
    };
  }

  /** The issues of a page as the view asks; Jira names the fields once for the whole page, not in each issue. */
  private async answers(issues: IssueWithRelations[], view: IssueView) {
    const perIssue = { ...view, expand: new Set([...view.expand].filter((expand) => expand !== 'names')) };
    const answers = [];
    for (const issue of issues) answers.push(issueJson(this.access.baseUrl, issue, perIssue, await loadIssueExtras(this.prisma, this.access.baseUrl, issue, perIssue)));
    return answers;
  }

  /** Jira Cloud's enhanced search: pages by `nextPageToken`, says `isLast`, counts no total (one row more is read instead). */
  private async searchByToken(params: JqlSearchParams, user: Principal | undefined) {
    const startAt = params.nextPageToken === undefined ? 0 : startOfPage(params.nextPageToken);
    const view = issueView(params, '*navigable');
    const maxResults = pageSize(params.maxResults ?? 50, view, JQL_SEARCH_MAX_RESULTS);
    const { where, orderBy } = await this.filterOf(params.jql, user);
    const found = await this.prisma.issue.findMany({ where, orderBy, skip: startAt, take: maxResults + 1, include: ISSUE_INCLUDE });
    const isLast = found.length <= maxResults;
    const issues = await this.answers(found.slice(0, maxResults), view);
    return { issues, ...(isLast ? {} : { nextPageToken: pageToken(startAt + maxResults) }), isLast, ...(view.expand.has('names') ? { names: fieldNames(view.fields) } : {}) };
  }

  /** The caller's query as a Prisma filter and order; bad JQL is answered 400 with Jira's messages. */
  private async filterOf(jql: string | undefined, user: Principal | undefined) {
    this.access.assertCanRead(user);
    try {
      const query = parseJql(jql ?? '', this.limits);
      // Users keep no time zone of their own yet: every date is read in the server's (JQL_TIME_ZONE).
      const time = { now: new Date(), timeZone: this.timeZone };
      const where = query.where ? jqlToWhere(query.where, { currentUserId: user?.userId, time, ...(await lookUpJqlValues(this.prisma, query.where)) }) : {};
      return { where, orderBy: jqlToOrderBy(query.orderBy) };
    } catch (error) {
      if (error instanceof JqlError) throw new JiraHttpException(400, error.messages);
      throw error;
    }
  }
}

/** The most issues one page of the enhanced search holds; more asked for is lowered to it, as Jira Cloud does. */
export const JQL_SEARCH_MAX_RESULTS = 1000;

/** A page token is opaque to clients; here it is the offset of the page, so no state is kept between pages. */
function pageToken(startAt: number): string {
  return Buffer.from(`startAt:${startAt}`).toString('base64url');
}

function startOfPage(token: string): number {
  const startAt = /^startAt:(\d{1,10})$/.exec(Buffer.from(token, 'base64url').toString('latin1'))?.[1];
  if (startAt === undefined || Number(startAt) > 2_147_483_647) throw new JiraHttpException(400, 'The provided next page token is invalid.');
  return Number(startAt);
}
