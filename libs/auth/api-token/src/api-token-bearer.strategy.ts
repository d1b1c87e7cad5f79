import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { CachedCredentialCheck, CredentialRequest, Principal } from '@tokenshift/shared';
import { Strategy, VerifyFunction } from 'passport-http-bearer';
import { ApiTokenService } from './api-token.service';
import { API_TOKEN_BEARER_STRATEGY } from './api-token.constants';

/**
 * passport-http-bearer also takes `access_token` from the query string or body; a token in a URL
 * ends up in proxy and browser logs, so only the header is read (as Jira does for PATs).
 */
class HeaderOnlyBearerStrategy extends Strategy<VerifyFunction> {
  override authenticate(request: { headers: unknown }, options?: object): void {
    super.authenticate({ headers: request.headers } as Parameters<Strategy<VerifyFunction>['authenticate']>[0], options);
  }
}

const BEARER = /^bearer$/i;

/**
 * The token of `Bearer <token>`, read as passport-http-bearer reads it (exactly two parts split at
 * spaces, the scheme in any case); undefined for anything else. Checked by position rather than
 * with `split` or a regex over the whole header: this runs on every authenticated request.
 */
export function bearerToken(authorization: string | undefined): string | undefined {
  if (!authorization || authorization.charCodeAt(6) !== 0x20 || authorization.indexOf(' ', 7) !== -1) return undefined;
  return BEARER.test(authorization.slice(0, 6)) ? authorization.slice(7) : undefined;
}

/** `Authorization: Bearer <token>`, as Jira Data Center takes personal access tokens. */
@Injectable()
export class ApiTokenBearerStrategy extends PassportStrategy(HeaderOnlyBearerStrategy, API_TOKEN_BEARER_STRATEGY) implements CachedCredentialCheck {
  constructor(private readonly tokens: ApiTokenService) {
    super();
  }

  async validate(token: string): Promise<Principal | false> {
    return (await this.tokens.authenticate(token, 'bearer-token')) ?? false;
  }

  fromCache(request: CredentialRequest, now: Date): Principal | null | undefined {
    const token = bearerToken(request.headers.authorization);
    return token ? this.tokens.authenticateCached(token, 'bearer-token', undefined, now) : undefined;
  }
}
