import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Principal } from '@tokenshift/shared';
import { ApiTokenService } from './api-token.service';
import { API_TOKEN_BASIC_STRATEGY } from './api-token.constants';
import { BasicHeaderStrategy } from './basic-header.strategy';

/**
 * `Authorization: Basic base64(email:token)`, as Jira Cloud takes API tokens. Returns false (never
 * throws) for bad credentials so the guard's chain can go on; a bad token and an unknown user look
 * the same.
 */
@Injectable()
export class ApiTokenBasicStrategy extends PassportStrategy(BasicHeaderStrategy, API_TOKEN_BASIC_STRATEGY) {
  constructor(private readonly tokens: ApiTokenService) {
    super();
  }

  async validate(login: string, token: string): Promise<Principal | false> {
    return (await this.tokens.authenticate(token, 'basic-token', login)) ?? false;
  }
}
