import { Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminApi } from '@tokenshift/auth-core';
import { ApiTokenService } from '@tokenshift/auth-api-token';
import { JiraHttpException } from '@tokenshift/shared/nest';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageParams, pageJson, pageOf } from '../jira/page-params';
import { ApiJiraErrors } from '../openapi/api-docs.decorators';
import { TOKENSHIFT_API_PATH } from '../routes';
import { summaryJson } from './tokens.controller';

export class AdminTokenQuery extends PageParams {
  /** Only this user's tokens. */
  @IsOptional() @MaxLength(255) @IsString() username?: string;
  /** Only tokens that still work (not revoked, not expired). */
  @IsOptional() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean() active?: boolean;
}

/** Everyone's API tokens, for administrators: see who holds what, and revoke any. */
@ApiTags('administration')
@AdminApi()
@Controller(`${TOKENSHIFT_API_PATH}/admin/tokens`)
export class TokensAdminController {
  constructor(private readonly tokens: ApiTokenService) {}

  @Get()
  @ApiOperation({ summary: "List everyone's API tokens", description: 'Newest first, with each owner; a Jira page (`startAt`, `maxResults` up to 100).' })
  @ApiOkResponse({ description: 'One page of tokens' })
  @ApiJiraErrors(400)
  async list(@Query() query: AdminTokenQuery) {
    const page = pageOf(query, { size: 50, cap: 100 });
    const { total, tokens } = await this.tokens.listAll({ userName: query.username, activeOnly: query.active }, page);
    return pageJson(page, total, tokens.map((token) => ({ ...summaryJson(token), user: token.user })));
  }

  /** Revokes any user's token: the next request with it fails, on every instance. */
  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: "Revoke anyone's API token", description: 'The next request with it fails, on every instance.' })
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiJiraErrors(400, [404, 'No such active token'])
  async revoke(@Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    if (!(await this.tokens.revokeAny(id))) throw new JiraHttpException(404, 'No such active token.');
  }
}
