import { Body, Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { PrismaService } from '@tokenshift/db';
import { JiraMessages, Principal } from '@tokenshift/shared';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { OptionalUser } from '../auth/current-user.decorator';
import { Public } from '../auth/public.decorator';
import { AppConfig } from '../config/app-config';
import { JiraHttpException } from '../errors/jira-http.exception';
import { ISSUE_INCLUDE, issueJson } from './issue-json';
import { JIRA_API_PATHS } from './jira-paths';
import { JqlError, parseJql } from './jql/jql-parser';
import { jqlToOrderBy, jqlToWhere } from './jql/jql-to-prisma';

export class SearchParams {
  @IsOptional() @IsString() @MaxLength(10_000) jql?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) startAt?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(1000) maxResults?: number;
}

@Controller(JIRA_API_PATHS)
export class SearchController {
  private readonly baseUrl: string;
  private readonly anonymousAccess: boolean;

  constructor(
    private readonly prisma: PrismaService,
    @Inject(ConfigService) config: ConfigService<AppConfig, true>,
  ) {
    this.baseUrl = config.get('server', { infer: true }).baseUrl;
    this.anonymousAccess = config.get('auth', { infer: true }).anonymousIssueAccess;
  }

  @Get('search')
  @Public()
  searchByQuery(@Query() params: SearchParams, @OptionalUser() user: Principal | undefined) {
    return this.search(params, user);
  }

  @Post('search')
  @HttpCode(200)
  @Public()
  searchByBody(@Body() params: SearchParams, @OptionalUser() user: Principal | undefined) {
    return this.search(params, user);
  }

  private async search(params: SearchParams, user: Principal | undefined) {
    if (!user && !this.anonymousAccess) throw new JiraHttpException(401, JiraMessages.notAuthenticated);
    const startAt = params.startAt ?? 0;
    const maxResults = params.maxResults ?? 50;
    let query;
    try {
      query = parseJql(params.jql ?? '');
      const where = query.where ? jqlToWhere(query.where, user?.name) : {};
      const [total, issues] = await Promise.all([
        this.prisma.issue.count({ where }),
        this.prisma.issue.findMany({ where, orderBy: jqlToOrderBy(query.orderBy), skip: startAt, take: maxResults, include: ISSUE_INCLUDE }),
      ]);
      return { expand: 'schema,names', startAt, maxResults, total, issues: issues.map((issue) => issueJson(this.baseUrl, issue)) };
    } catch (error) {
      if (error instanceof JqlError) throw new JiraHttpException(400, error.message);
      throw error;
    }
  }
}
