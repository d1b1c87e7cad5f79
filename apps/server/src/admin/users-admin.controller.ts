import { Controller, Delete, HttpCode, Param, UseGuards } from '@nestjs/common';
import { LoginService } from '@tokenshift/auth-session';
import { AdminGuard } from '../auth/admin.guard';
import { JiraHttpException } from '../errors/jira-http.exception';

export const TOKENSHIFT_API_PATH = 'rest/tokenshift/1';

@Controller(`${TOKENSHIFT_API_PATH}/users`)
@UseGuards(AdminGuard)
export class UsersAdminController {
  constructor(private readonly logins: LoginService) {}

  /** Lifts a CAPTCHA lock-out (Jira's "Reset Failed Login Count"). */
  @Delete(':username/lockout')
  @HttpCode(204)
  async resetLockout(@Param('username') username: string): Promise<void> {
    if (!(await this.logins.resetLockout(username))) throw new JiraHttpException(404, `The user '${username}' does not exist.`);
  }
}
