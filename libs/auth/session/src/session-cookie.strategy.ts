import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { CachedCredentialCheck, CredentialRequest, Principal } from '@tokenshift/shared';
import { Strategy } from 'passport-strategy';
import { SessionService } from './session.service';
import { SESSION_OPTIONS, SessionOptions } from './session.options';

export const SESSION_COOKIE_STRATEGY = 'session-cookie';

type Verify = (request: CookieRequest, done: (error: unknown, user?: Principal | false) => void) => void;

export interface CookieRequest {
  cookies?: Record<string, string | undefined>;
}

/**
 * A Passport strategy that reads the session cookie. It calls `fail()` (never throws) when there is
 * no live session, so a chained guard moves on to the token strategies; Passport's built-in
 * `session` strategy would call `pass()` instead, which @nestjs/passport treats as success with no
 * user (nestjs/passport#1505).
 */
class CookieSessionStrategy extends Strategy {
  constructor(private readonly verifyRequest: Verify) {
    super();
  }

  override authenticate(request: CookieRequest): void {
    this.verifyRequest(request, (error, user) => {
      if (error) return this.error(error instanceof Error ? error : new Error(String(error)));
      if (!user) return this.fail(401);
      return this.success(user);
    });
  }
}

@Injectable()
export class SessionCookieStrategy extends PassportStrategy(CookieSessionStrategy, SESSION_COOKIE_STRATEGY) implements CachedCredentialCheck {
  constructor(
    private readonly sessions: SessionService,
    @Inject(SESSION_OPTIONS) private readonly options: SessionOptions,
  ) {
    super();
  }

  async validate(request: CookieRequest): Promise<Principal | false> {
    const sessionId = request.cookies?.[this.options.cookieName];
    if (!sessionId) return false;
    return (await this.sessions.resolve(sessionId)) ?? false;
  }

  fromCache(request: CredentialRequest, now: Date): Principal | null | undefined {
    const sessionId = request.cookies?.[this.options.cookieName];
    if (!sessionId) return undefined;
    return this.sessions.resolveCached(sessionId, now);
  }
}
