import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import {
  BasicCredentials,
  basicCredentialsOf,
  BasicHeaderStrategy,
  CredentialRequest,
  CredentialResolver,
  CredentialResolvers,
  Principal,
  resolveWithPassport,
  toPrincipal,
} from '@tokenshift/auth-core';
import { LoginService } from './login.service';
import { PASSWORD_BASIC_STRATEGY } from './session.constants';
import { SESSION_OPTIONS, SessionOptions } from './session.options';

/**
 * `Authorization: Basic base64(user:password)`: what Atlassian removed. A resolver only when enabled
 * by config for a migration period, and then reported as deprecated like cookies.
 */
@Injectable()
export class PasswordBasicStrategy extends PassportStrategy(BasicHeaderStrategy, PASSWORD_BASIC_STRATEGY) implements CredentialResolver<BasicCredentials> {
  readonly mode = 'basic-password';

  constructor(
    private readonly logins: LoginService,
    @Inject(SESSION_OPTIONS) options: SessionOptions,
    resolvers: CredentialResolvers,
  ) {
    super();
    if (options.allowPasswordBasic) resolvers.register(this);
  }

  async validate(username: string, password: string): Promise<Principal | false> {
    const user = await this.logins.authenticatePassword(username, password);
    return user ? toPrincipal(user, 'basic-password', user.id) : false;
  }

  extract(request: CredentialRequest): BasicCredentials | undefined {
    return basicCredentialsOf(request);
  }

  /** A password is checked against its hash every time (with the lock-out rules): never from memory. */
  resolveCached(): undefined {
    return undefined;
  }

  resolve(credentials: BasicCredentials): Promise<Principal | null> {
    return resolveWithPassport(PASSWORD_BASIC_STRATEGY, credentials);
  }
}
