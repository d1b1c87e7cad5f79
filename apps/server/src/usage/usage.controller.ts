import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { DeprecatedClient, DeprecatedUser, Timeseries, UsageSummary } from '@tokenshift/shared';
import { ApiJiraErrors } from '../openapi/api-docs.decorators';
import { DeprecationPolicy, UsageQueries, UsageRecorder, UsageViews } from '@tokenshift/usage';
import { Type } from 'class-transformer';
import { stringify } from 'csv-stringify/sync';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { TOKENSHIFT_API_PATH } from '../routes';
import { AdminApi } from '@tokenshift/auth-core';

export class UsageWindowParams {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(366) days?: number;
  @IsOptional() @IsIn(['day', 'hour']) granularity?: 'day' | 'hour';
}

export function since(params: UsageWindowParams): Date {
  return new Date(Date.now() - (params.days ?? 30) * 86_400_000);
}

/** The dashboard's read API: who still uses the deprecated mode, how much, and the switch-off status. */
@ApiTags('migration dashboard')
@AdminApi()
@Controller(`${TOKENSHIFT_API_PATH}/usage`)
export class UsageController {
  constructor(
    private readonly queries: UsageQueries,
    private readonly policy: DeprecationPolicy,
    private readonly recorder: UsageRecorder,
    private readonly views: UsageViews,
  ) {}

  @Get('summary')
  @ApiOperation({ summary: 'Deprecated-use summary', description: 'Calls, users and clients of the session resource in the window, the share on tokens, and the policy in force.' })
  @ApiOkResponse({ description: 'The summary' })
  @ApiJiraErrors(400)
  async summary(@Query() params: UsageWindowParams): Promise<UsageSummary<Date>> {
    const now = new Date();
    const { mode, schedule } = this.policy.options;
    const { queued, written, dropped, pending } = this.recorder.snapshot();
    const [totals, stored] = await Promise.all([this.queries.summary(since(params), now), this.views.stored()]);
    return {
      ...totals,
      policy: {
        mode,
        deprecatedAt: schedule.deprecatedAt,
        sunsetAt: schedule.sunsetAt,
        daysToSunset: this.policy.daysToSunset(now),
        inBrownout: Boolean(this.policy.currentBrownout(now)),
        brownouts: this.policy.windows(now).slice(0, 10),
      },
      recording: { queued, written, dropped, pending },
      stored,
    };
  }

  @Get('timeseries')
  @ApiOperation({ summary: 'Deprecated use over time' })
  @ApiOkResponse({ description: 'Calls per interval' })
  @ApiJiraErrors(400)
  async timeseries(@Query() params: UsageWindowParams): Promise<Timeseries<Date>> {
    const granularity = params.granularity ?? 'day';
    return { granularity, buckets: await this.queries.timeseries(granularity, since(params)) };
  }

  @Get('users')
  @ApiOperation({ summary: 'Users still on the deprecated session', description: 'Who, how often, with which clients, last seen.' })
  @ApiOkResponse({ description: 'The users' })
  @ApiJiraErrors(400)
  users(@Query() params: UsageWindowParams): Promise<DeprecatedUser<Date>[]> {
    return this.queries.users(since(params));
  }

  /** The people to contact before the switch-off, for a spreadsheet or a mail merge. */
  @Get('users.csv')
  @ApiOperation({ summary: 'Users still on the deprecated session (CSV)' })
  @ApiOkResponse({ description: 'The users, as CSV' })
  @ApiJiraErrors(400)
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="cookie-session-users.csv"')
  async usersCsv(@Query() params: UsageWindowParams): Promise<string> {
    const users = await this.queries.users(since(params));
    return stringify(
      users.map((u) => [u.user, u.displayName ?? '', u.email ?? '', u.deprecatedCalls, u.lastSeen.toISOString(), u.clients]),
      // Names and emails are chosen by users: one starting with = + - @ must not run as a spreadsheet formula.
      { header: true, columns: ['user', 'displayName', 'email', 'deprecatedCalls', 'lastSeen', 'clients'], escape_formulas: true },
    );
  }

  @Get('clients')
  @ApiOperation({ summary: 'Clients still on the deprecated session' })
  @ApiOkResponse({ description: 'The clients' })
  @ApiJiraErrors(400)
  clients(@Query() params: UsageWindowParams): Promise<DeprecatedClient<Date>[]> {
    return this.queries.clients(since(params));
  }
}
