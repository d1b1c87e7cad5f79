import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { credentialOf, CredentialRequest, CredentialResolver, CredentialResolvers, Principal, resolveWithPassport } from '@tokenshift/auth-core';
import { Strategy, VerifyFunction } from 'passport-http-bearer';
import { API_TOKEN_BEARER_STRATEGY } from './api-token.constants';
import { ApiTokenService } from './api-token.service';

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

/** The Bearer token a request carries, as the Bearer resolver extracts it: an empty token is none (passport-http-bearer fails it too). */
export function bearerCredentialOf(request: CredentialRequest): string | undefined {
  return bearerToken(request.headers.authorization) || undefined;
}

/** What passport-http-bearer keeps on the strategy and Passport adds to it while it authenticates a request. */
interface PassportBearerInternals {
  _verify(token: string, done: (error: unknown, user?: unknown) => void): void;
  _challenge(code?: string): string;
  success(user: unknown): void;
  fail(challenge: string): void;
  error(error: unknown): void;
}

/**
 * passport-http-bearer's strategy, given the token its resolver already read from the header. The
 * library also takes `access_token` from the query string or body; a token in a URL ends up in proxy
 * and browser logs, so only the header is read (as Jira does for PATs).
 */
export class HeaderTokenBearerStrategy extends Strategy<VerifyFunction> {
  override authenticate(request: object): void {
    const self = this as unknown as PassportBearerInternals;
    const token = credentialOf<string>(request);
    if (!token) return self.fail(self._challenge());
    self._verify(token, (error, user) => {
      if (error) return self.error(error);
      if (!user) return self.fail(self._challenge('invalid_token'));
      return self.success(user);
    });
  }
}

/** `Authorization: Bearer <token>`, as Jira Data Center takes personal access tokens: strategy and resolver in one. */
@Injectable()
export class ApiTokenBearerStrategy extends PassportStrategy(HeaderTokenBearerStrategy, API_TOKEN_BEARER_STRATEGY) implements CredentialResolver<string> {
  readonly mode = 'bearer-token';

  constructor(
    private readonly tokens: ApiTokenService,
    resolvers: CredentialResolvers,
  ) {
    super();
    resolvers.register(this);
  }

  async validate(token: string): Promise<Principal | false> {
    return (await this.tokens.authenticate(token, 'bearer-token')) ?? false;
  }

  extract(request: CredentialRequest): string | undefined {
    return bearerCredentialOf(request);
  }

  resolveCached(token: string, now: Date): Principal | null | undefined {
    return this.tokens.authenticateCached(token, 'bearer-token', undefined, now);
  }

  resolve(token: string): Promise<Principal | null> {
    return resolveWithPassport(API_TOKEN_BEARER_STRATEGY, token);
  }
}
