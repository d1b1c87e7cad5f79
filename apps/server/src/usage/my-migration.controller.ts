import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, TokenApi } from '@tokenshift/auth-core';
import { formatJiraDate } from '@tokenshift/shared';
import { MyDeprecatedCalls } from '@tokenshift/usage';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { ApiJiraErrors } from '../openapi/api-docs.decorators';
import { TOKENSHIFT_API_PATH } from '../routes';

/** The most call patterns one answer lists (the most frequent first). */
export const MY_CALL_PATTERNS_LIMIT = 200;

export class MyMigrationParams {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(90) days?: number;
}

/** "My migration": every user's own deprecated calls, and what to change in each client. */
@ApiTags('api tokens')
@TokenApi('read')
@Controller(`${TOKENSHIFT_API_PATH}/my/deprecated-calls`)
export class MyMigrationController {
  constructor(private readonly calls: MyDeprecatedCalls) {}

  @Get()
  @ApiOperation({
    summary: "The caller's own deprecated calls",
    description: `By client (client id header, else User-Agent), IP address and endpoint, in the last \`days\` (default 30, at most 90), with the change to make; the ${MY_CALL_PATTERNS_LIMIT} most frequent.`,
  })
  @ApiOkResponse({ description: 'Total deprecated calls and the call patterns' })
  @ApiJiraErrors(400)
  async list(@CurrentUser() user: Principal, @Query() params: MyMigrationParams) {
    const days = params.days ?? 30;
    const { calls, patterns } = await this.calls.of(user.userId, new Date(Date.now() - days * 86_400_000), MY_CALL_PATTERNS_LIMIT);
    return { days, calls, patterns: patterns.map((pattern) => ({ ...pattern, lastSeen: formatJiraDate(pattern.lastSeen) })) };
  }
}
