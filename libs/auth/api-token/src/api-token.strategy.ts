import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Principal } from '@tokenshift/shared';
import { BasicStrategy } from 'passport-http';
import { ApiTokenService } from './api-token.service';
import { API_TOKEN_BASIC_STRATEGY } from './api-token.constants';

/**
 * `Authorization: Basic base64(email:token)`, as Jira Cloud takes API tokens. Returns false (never
 * throws) for bad credentials so the guard's chain can go on; a bad token and an unknown user look
 * the same. Tokens contain no `:`, so passport-http's split at the second colon cannot cut one.
 */
@Injectable()
export class ApiTokenBasicStrategy extends PassportStrategy(BasicStrategy, API_TOKEN_BASIC_STRATEGY) {
  constructor(private readonly tokens: ApiTokenService) {
    super();
  }

  async validate(login: string, token: string): Promise<Principal | false> {
    return (await this.tokens.authenticate(token, 'basic-token', login)) ?? false;
  }
}
