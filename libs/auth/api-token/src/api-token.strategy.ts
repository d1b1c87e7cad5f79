import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { CachedCredentialCheck, CredentialRequest, Principal } from '@tokenshift/shared';
import { ApiTokenService } from './api-token.service';
import { API_TOKEN_BASIC_STRATEGY } from './api-token.constants';
import { BasicHeaderStrategy, parseBasicCredentials } from './basic-header.strategy';

/**
 * `Authorization: Basic base64(email:token)`, as Jira Cloud takes API tokens. Returns false (never
 * throws) for bad credentials so the guard's chain can go on; a bad token and an unknown user look
 * the same.
 */
@Injectable()
export class ApiTokenBasicStrategy extends PassportStrategy(BasicHeaderStrategy, API_TOKEN_BASIC_STRATEGY) implements CachedCredentialCheck {
  constructor(private readonly tokens: ApiTokenService) {
    super();
  }

  async validate(login: string, token: string): Promise<Principal | false> {
    return (await this.tokens.authenticate(token, 'basic-token', login)) ?? false;
  }

  fromCache(request: CredentialRequest, now: Date): Principal | null | undefined {
    const credentials = request.headers.authorization ? parseBasicCredentials(request.headers.authorization) : null;
    if (!credentials || credentials === 'malformed' || !credentials.userid || !credentials.password) return undefined;
    return this.tokens.authenticateCached(credentials.password, 'basic-token', credentials.userid, now);
  }
}
