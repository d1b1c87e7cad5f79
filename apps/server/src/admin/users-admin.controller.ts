import { Body, Controller, Delete, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiJiraErrors } from '../openapi/api-docs.decorators';
import { LoginService } from '@tokenshift/auth-session';
import { JiraHttpException } from '@tokenshift/shared/nest';
import { TOKENSHIFT_API_PATH } from '../routes';
import { CreateUserBody, RenameUserBody } from '../users/user.dto';
import { UsersService } from '../users/users.service';
import { AdminApi } from '@tokenshift/auth-core';

@ApiTags('administration')
@AdminApi()
@Controller(`${TOKENSHIFT_API_PATH}/users`)
export class UsersAdminController {
  constructor(
    private readonly logins: LoginService,
    private readonly users: UsersService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Create a user' })
  @ApiCreatedResponse({ description: 'The user' })
  @ApiJiraErrors(400, [409, "The username or email is another user's login (usernames are case-insensitive; a username may not be another user's email)"])
  create(@Body() body: CreateUserBody) {
    return this.users.create(body);
  }

  @Post(':username/rename')
  @ApiOperation({ summary: 'Rename a user', description: 'Their sessions and tokens keep working under the new name.' })
  @ApiOkResponse({ description: 'The new and the previous name' })
  @ApiJiraErrors(400, 404, [409, "The new name is another user's login"])
  @HttpCode(200)
  rename(@Param('username') username: string, @Body() body: RenameUserBody) {
    return this.users.rename(username, body.name);
  }

  @Post(':username/verify-email')
  @HttpCode(204)
  @ApiOperation({ summary: "Mark a user's email address as verified" })
  @ApiNoContentResponse({ description: 'Verified' })
  @ApiJiraErrors(404)
  async verifyEmail(@Param('username') username: string): Promise<void> {
    await this.users.verifyEmail(username);
  }

  @Post(':username/deactivate')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Deactivate a user',
    description: 'Their sessions end and their API tokens are revoked, at once and for good: reactivating the user does not bring them back.',
  })
  @ApiNoContentResponse({ description: 'Deactivated' })
  @ApiJiraErrors(404)
  async deactivate(@Param('username') username: string): Promise<void> {
    await this.users.setActive(username, false);
  }

  @Post(':username/activate')
  @HttpCode(204)
  @ApiOperation({ summary: 'Activate a user', description: 'They can sign in again and need new API tokens: the old ones stay revoked.' })
  @ApiNoContentResponse({ description: 'Activated' })
  @ApiJiraErrors(404)
  async activate(@Param('username') username: string): Promise<void> {
    await this.users.setActive(username, true);
  }

  /** Lifts a CAPTCHA lock-out (Jira's "Reset Failed Login Count"). */
  @Delete(':username/lockout')
  @HttpCode(204)
  @ApiOperation({ summary: 'Reset failed login count', description: 'Lifts the CAPTCHA lock-out after too many failed logins.' })
  @ApiNoContentResponse({ description: 'Lock-out lifted' })
  @ApiJiraErrors(404)
  async resetLockout(@Param('username') username: string): Promise<void> {
    if (!(await this.logins.resetLockout(username))) throw new JiraHttpException(404, `The user '${username}' does not exist.`);
  }
}
