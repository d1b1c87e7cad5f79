import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { credentialOf, CredentialRequest, CredentialResolver, CredentialResolvers, Principal, resolveWithPassport } from '@tokenshift/auth-core';
import { Strategy } from 'passport-strategy';
import { SESSION_COOKIE_STRATEGY } from './session.constants';
import { SessionService } from './session.service';
import type { SessionStore } from './session-store';
import { SESSION_OPTIONS, SessionOptions } from './session.options';

type Verify = (sessionId: string, done: (error: unknown, user?: Principal | false) => void) => void;

/**
 * A Passport strategy for the session id its resolver read from the cookie. It calls `fail()` (never
 * throws) when there is no live session, so the chain moves on to the token modes; Passport's built-in
 * `session` strategy would call `pass()` instead, which @nestjs/passport treats as success with no
 * user (nestjs/passport#1505).
 */
export class CookieSessionStrategy extends Strategy {
  constructor(private readonly verifySession: Verify) {
    super();
  }

  override authenticate(request: object): void {
    const sessionId = credentialOf<string>(request);
    if (!sessionId) return this.fail(401);
    this.verifySession(sessionId, (error, user) => {
      if (error) return this.error(error instanceof Error ? error : new Error(String(error)));
      if (!user) return this.fail(401);
      return this.success(user);
    });
  }
}

/**
 * The Passport strategy and resolver steps every session-cookie mode shares, over its session store;
 * a mode adds only where its cookie is read (`extract`).
 */
export function SessionCookieResolver(strategyName: string) {
  abstract class SessionCookieResolverBase extends PassportStrategy(CookieSessionStrategy, strategyName) {
    protected abstract readonly sessions: SessionStore;

    async validate(sessionId: string): Promise<Principal | false> {
      return (await this.sessions.resolve(sessionId)) ?? false;
    }

    resolveCached(sessionId: string, now: Date): Principal | null | undefined {
      return this.sessions.resolveCached(sessionId, now);
    }

    resolve(sessionId: string): Promise<Principal | null> {
      return resolveWithPassport(strategyName, sessionId);
    }
  }
  return SessionCookieResolverBase;
}

/** The session cookie (the deprecated mode): strategy and resolver in one. */
@Injectable()
export class SessionCookieStrategy extends SessionCookieResolver(SESSION_COOKIE_STRATEGY) implements CredentialResolver<string> {
  readonly mode = 'session';

  constructor(
    protected readonly sessions: SessionService,
    @Inject(SESSION_OPTIONS) private readonly options: SessionOptions,
    resolvers: CredentialResolvers,
  ) {
    super();
    resolvers.register(this);
  }

  extract(request: CredentialRequest): string | undefined {
    return request.cookies?.[this.options.cookieName] || undefined;
  }
}
