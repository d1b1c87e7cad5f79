import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Principal, toPrincipal } from '@tokenshift/shared';
import { BasicHeaderStrategy } from '@tokenshift/auth-api-token';
import { LoginService } from './login.service';

export const PASSWORD_BASIC_STRATEGY = 'password-basic';

/**
 * `Authorization: Basic base64(user:password)`: what Atlassian removed. Only in the guard's chain
 * when enabled by config for a migration period, and then reported as deprecated like cookies.
 */
@Injectable()
export class PasswordBasicStrategy extends PassportStrategy(BasicHeaderStrategy, PASSWORD_BASIC_STRATEGY) {
  constructor(private readonly logins: LoginService) {
    super();
  }

  async validate(username: string, password: string): Promise<Principal | false> {
    const user = await this.logins.authenticatePassword(username, password);
    return user ? toPrincipal(user, 'basic-password', user.id) : false;
  }
}
