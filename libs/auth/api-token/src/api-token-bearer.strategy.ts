import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Principal } from '@tokenshift/shared';
import { Strategy } from 'passport-http-bearer';
import { ApiTokenService } from './api-token.service';
import { API_TOKEN_BEARER_STRATEGY } from './api-token.constants';

/** `Authorization: Bearer <token>`, as Jira Data Center takes personal access tokens. */
@Injectable()
export class ApiTokenBearerStrategy extends PassportStrategy(Strategy, API_TOKEN_BEARER_STRATEGY) {
  constructor(private readonly tokens: ApiTokenService) {
    super();
  }

  async validate(token: string): Promise<Principal | false> {
    return (await this.tokens.authenticate(token, 'bearer-token')) ?? false;
  }
}
