import { Injectable } from '@nestjs/common';
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
} from '@tokenshift/auth-core';
import { API_TOKEN_BASIC_STRATEGY } from './api-token.constants';
import { ApiTokenService } from './api-token.service';

/**
 * `Authorization: Basic base64(email:token)`, as Jira Cloud takes API tokens: the passport-http
 * strategy and the mode's resolver in one. Returns false (never throws) for bad credentials so the
 * chain goes on to the next mode; a bad token and an unknown user look the same.
 */
@Injectable()
export class ApiTokenBasicStrategy extends PassportStrategy(BasicHeaderStrategy, API_TOKEN_BASIC_STRATEGY) implements CredentialResolver<BasicCredentials> {
  readonly mode = 'basic-token';

  constructor(
    private readonly tokens: ApiTokenService,
    resolvers: CredentialResolvers,
  ) {
    super();
    resolvers.register(this);
  }

  async validate(login: string, token: string): Promise<Principal | false> {
    return (await this.tokens.authenticate(token, 'basic-token', login)) ?? false;
  }

  extract(request: CredentialRequest): BasicCredentials | undefined {
    return basicCredentialsOf(request);
  }

  resolveCached(credentials: BasicCredentials, now: Date): Principal | null | undefined {
    return this.tokens.authenticateCached(credentials.password, 'basic-token', credentials.userid, now);
  }

  resolve(credentials: BasicCredentials): Promise<Principal | null> {
    return resolveWithPassport(API_TOKEN_BASIC_STRATEGY, credentials);
  }
}
