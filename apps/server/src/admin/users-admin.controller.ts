import { Body, Controller, Delete, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiJiraErrors } from '../openapi/api-docs.decorators';
import { LoginService } from '@tokenshift/auth-session';
import { JiraHttpException } from '@tokenshift/shared/nest';
import { TOKENSHIFT_API_PATH } from '../routes';
import { CreateUserBody } from '../users/user.dto';
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
  @ApiJiraErrors(400, [409, 'The username or email is taken'])
  create(@Body() body: CreateUserBody) {
    return this.users.create(body);
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
  @ApiOperation({ summary: 'Deactivate a user', description: 'Their sessions and tokens stop working at once.' })
  @ApiNoContentResponse({ description: 'Deactivated' })
  @ApiJiraErrors(404)
  async deactivate(@Param('username') username: string): Promise<void> {
    await this.users.setActive(username, false);
  }

  @Post(':username/activate')
  @HttpCode(204)
  @ApiOperation({ summary: 'Activate a user' })
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
