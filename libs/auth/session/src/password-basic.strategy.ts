import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import {
  BasicCredentials,
  basicCredentialsOf,
  BasicHeaderStrategy,
  CredentialDenial,
  CredentialRequest,
  CredentialResolver,
  CredentialResolvers,
  hasApiTokenShape,
  Principal,
  resolveWithPassportInfo,
  toPrincipal,
} from '@tokenshift/auth-core';
import { lockDenial } from './lock-denial';
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
  /** Why a credential was refused without a check, for the guard's headers (per request: the credential object is). */
  private readonly denials = new WeakMap<BasicCredentials, CredentialDenial>();

  constructor(
    private readonly logins: LoginService,
    @Inject(SESSION_OPTIONS) private readonly options: SessionOptions,
    resolvers: CredentialResolvers,
  ) {
    super();
    if (options.allowPasswordBasic) resolvers.register(this);
  }

  async validate(username: string, password: string): Promise<Principal | false | [false, CredentialDenial]> {
    const result = await this.logins.authenticatePassword(username, password);
    if (result.outcome === 'ok') return toPrincipal(result.user, 'basic-password', result.user.id);
    return result.outcome === 'denied' ? [false, lockDenial(result.lockedUntil, this.options)] : false;
  }

  /**
   * The Basic credential, unless its secret is shaped like an API token: the token resolver (tried
   * first) already refused it, and a revoked or mistyped token is no password guess, so it must not
   * count towards the account's lock-out.
   */
  extract(request: CredentialRequest): BasicCredentials | undefined {
    const credentials = basicCredentialsOf(request);
    return credentials && !hasApiTokenShape(credentials.password) ? credentials : undefined;
  }

  /** A password is checked against its hash every time (with the lock-out rules): never from memory. */
  resolveCached(): undefined {
    return undefined;
  }

  async resolve(credentials: BasicCredentials): Promise<Principal | null> {
    const { principal, info } = await resolveWithPassportInfo(PASSWORD_BASIC_STRATEGY, credentials);
    if (!principal && isDenial(info)) this.denials.set(credentials, info);
    return principal;
  }

  denialOf(credentials: BasicCredentials): CredentialDenial | undefined {
    return this.denials.get(credentials);
  }
}

function isDenial(info: unknown): info is CredentialDenial {
  return typeof info === 'object' && info !== null && 'deniedReason' in info && 'retryAfterSeconds' in info;
}
