import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiJiraErrors } from '../openapi/api-docs.decorators';
import { ApiTokenService, ApiTokenSummary } from '@tokenshift/auth-api-token';
import { formatJiraDate, type TokenSummary } from '@tokenshift/shared';
import { JiraHttpException } from '@tokenshift/shared/nest';
import { TOKENSHIFT_API_PATH } from '../routes';
import { PageParams, pageOf } from '../jira/page-params';
import { CreateTokenBody, expiryOf } from './token.dto';
import { CurrentUser, TokenApi, Principal } from '@tokenshift/auth-core';

/** A user holds few tokens; a list is still one bounded page (`startAt`, `maxResults` up to 1,000). */
export const TOKEN_LIST_PAGE = { size: 1000, cap: 1000 };

export function summaryJson(token: ApiTokenSummary): TokenSummary {
  return {
    id: token.id,
    name: token.name,
    preview: token.preview,
    scopes: token.scopes,
    created: formatJiraDate(token.createdAt),
    expires: formatJiraDate(token.expiresAt),
    lastUsed: formatJiraDate(token.lastUsedAt),
    revoked: formatJiraDate(token.revokedAt),
  };
}

/** The caller's own API tokens: the way off the cookie session. */
@ApiTags('api tokens')
@TokenApi()
@Controller(`${TOKENSHIFT_API_PATH}/tokens`)
export class TokensController {
  constructor(private readonly tokens: ApiTokenService) {}

  /** Creates a token; the plaintext is in this response only. */
  @Post()
  @TokenApi('write')
  @ApiOperation({ summary: 'Create an API token', description: 'The plaintext token is in this answer only; store it.' })
  @ApiCreatedResponse({ description: 'The token, with its plaintext' })
  @ApiJiraErrors(400)
  async create(@CurrentUser() user: Principal, @Body() body: CreateTokenBody) {
    const scopes = body.scopes ?? ['read', 'write'];
    if (scopes.includes('admin') && !user.isAdmin) throw new JiraHttpException(403, 'Only administrators can create tokens with the admin scope.');
    if (scopes.some((scope) => !user.scopes.includes(scope))) {
      throw new JiraHttpException(403, 'A token cannot grant scopes its creator does not have.');
    }
    const expiresAt = expiryOf(body);
    const created = await this.tokens.create({ userId: user.userId, name: body.name, expiresAt, scopes });
    return { ...summaryJson(created), token: created.token };
  }

  @Get()
  @ApiOperation({
    summary: "List the caller's API tokens",
    description: 'Names, previews, scopes, expiry and last use, newest first; never the tokens. At most `maxResults` (1,000, the default and the cap) from `startAt`.',
  })
  @ApiOkResponse({ description: "The caller's tokens" })
  @ApiJiraErrors(400)
  async list(@CurrentUser() user: Principal, @Query() params: PageParams) {
    return (await this.tokens.list(user.userId, pageOf(params, TOKEN_LIST_PAGE))).map(summaryJson);
  }

  /** Revokes a token: the next request with it fails, on every instance. */
  @Delete(':id')
  @HttpCode(204)
  @TokenApi('write')
  @ApiOperation({ summary: 'Revoke an API token', description: 'The next request with it fails, on every instance.' })
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiJiraErrors(400, [404, 'No such active token'])
  async revoke(@CurrentUser() user: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    if (!(await this.tokens.revoke(user.userId, id))) throw new JiraHttpException(404, 'No such active token.');
  }
}
