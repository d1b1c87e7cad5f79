import { Body, Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { PrismaService } from '@tokenshift/db';
import type { Principal } from '@tokenshift/shared';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { setImmediate as nextLoopTurn } from 'node:timers/promises';
import pLimit from 'p-limit';
import { OptionalUser } from '../auth/current-user.decorator';
import { Public } from '../auth/public.decorator';
import { AppConfig } from '../config/app-config';
import { JiraHttpException } from '../errors/jira-http.exception';
import { IssueAccess } from './issue-access';
import { ISSUE_INCLUDE, issueJson } from './issue-json';
import { JIRA_API_PATHS } from './jira-paths';
import { JqlError, JqlLimits, parseJql } from './jql/jql-parser';
import { jqlToOrderBy, jqlToWhere } from './jql/jql-to-prisma';
import { lookUpJqlValues } from './jql/jql-lookups';

export class SearchParams {
  @IsOptional() @IsString() @MaxLength(10_000) jql?: string;
  /** Jira's startAt is a Java int; past it the database cannot take the offset. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(2_147_483_647) startAt?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(1000) maxResults?: number;
}

@Controller(JIRA_API_PATHS)
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
  searchByQuery(@Query() params: SearchParams, @OptionalUser() user: Principal | undefined) {
    return this.inTurn(() => this.search(params, user));
  }

  @Post('search')
  @HttpCode(200)
  @Public()
  searchByBody(@Body() params: SearchParams, @OptionalUser() user: Principal | undefined) {
    return this.inTurn(() => this.search(params, user));
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
    this.access.assertCanRead(user);
    const startAt = params.startAt ?? 0;
    const maxResults = params.maxResults ?? 50;
    let query;
    try {
      query = parseJql(params.jql ?? '', this.limits);
      // Users keep no time zone of their own yet: every date is read in the server's (JQL_TIME_ZONE).
      const time = { now: new Date(), timeZone: this.timeZone };
      const where = query.where ? jqlToWhere(query.where, { currentUserId: user?.userId, time, ...(await lookUpJqlValues(this.prisma, query.where)) }) : {};
      const [total, issues] = await Promise.all([
        this.prisma.issue.count({ where }),
        this.prisma.issue.findMany({ where, orderBy: jqlToOrderBy(query.orderBy), skip: startAt, take: maxResults, include: ISSUE_INCLUDE }),
      ]);
      return { expand: 'schema,names', startAt, maxResults, total, issues: issues.map((issue) => issueJson(this.access.baseUrl, issue)) };
    } catch (error) {
      if (error instanceof JqlError) throw new JiraHttpException(400, error.messages);
      throw error;
    }
  }
}
