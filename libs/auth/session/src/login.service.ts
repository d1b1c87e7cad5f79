import { Inject, Injectable } from '@nestjs/common';
import { Prisma, PrismaService } from '@tokenshift/db';
import { LOGIN_COUNTER_FIELDS, LoginInfo, toLoginInfo } from './login-info';
import { PasswordHasher } from './password-hasher';
import type { SessionStore, SessionUser } from './session-store';
import { SessionService } from './session.service';
import { SESSION_OPTIONS, SessionOptions } from './session.options';

export type LoginResult =
  | { outcome: 'ok'; user: SessionUser; sessionId: string; loginInfo: LoginInfo }
  /** Wrong password, unknown or inactive user: one answer, so accounts cannot be enumerated. */
  | { outcome: 'failed' }
  /** Too many consecutive failures: refused without checking the password (Jira's CAPTCHA). */
  | { outcome: 'denied'; user: { name: string } }
  /** Right password, but the email address is not verified yet. */
  | { outcome: 'unverified' };

const CANDIDATE_FIELDS = { id: true, name: true, email: true, displayName: true, isAdmin: true, active: true, emailVerified: true, passwordHash: true } as const;

/** Password login with Jira's lock-out rules. */
@Injectable()
export class LoginService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly passwords: PasswordHasher,
    private readonly sessions: SessionService,
    @Inject(SESSION_OPTIONS) private readonly options: SessionOptions,
  ) {}

  /** Finds a user by Jira username or (case-insensitively) by email. */
  async findUser(username: string) {
    // No name can hold U+0000 (PostgreSQL text cannot, and the query would fail): an unknown user.
    // It arrives only through password Basic; JSON bodies with it are refused before this.
    if (username.includes('\u0000')) return null;
    return this.prisma.user.findFirst({
      where: { OR: [{ name: username }, { email: { equals: username, mode: Prisma.QueryMode.insensitive } }] },
      select: CANDIDATE_FIELDS,
    });
  }

  /** Checks a password for the (deprecated) password-Basic mode, with the same lock-out rules; no session. */
  async authenticatePassword(username: string, password: string): Promise<SessionUser | null> {
    const result = await this.check(username, password);
    return result.outcome === 'ok' ? result.user : null;
  }

  /**
   * Checks the password with the lock-out rules and starts a session in `store`: Jira's session by
   * default, or the dashboard's (the same password, the same lock-out, another kind of session).
   */
  async login(username: string, password: string, client: { userAgent?: string; ip?: string }, store: SessionStore = this.sessions): Promise<LoginResult> {
    const result = await this.check(username, password);
    if (result.outcome !== 'ok') return result;
    const now = new Date();
    // previousLoginTime is the login before this one, as in Jira.
    const previous = await this.prisma.user.findUniqueOrThrow({ where: { id: result.user.id }, select: { lastLoginAt: true } });
    const counters = await this.prisma.user.update({
      where: { id: result.user.id },
      data: { loginCount: { increment: 1 }, lastLoginAt: now, previousLoginAt: previous.lastLoginAt },
      select: LOGIN_COUNTER_FIELDS,
    });
    const sessionId = await store.create(result.user.id, client, now);
    return { outcome: 'ok', user: result.user, sessionId, loginInfo: toLoginInfo(counters) };
  }

  /** Jira's loginInfo for a user (GET session). */
  async loginInfoFor(userId: string): Promise<LoginInfo> {
    return toLoginInfo(await this.prisma.user.findUniqueOrThrow({ where: { id: userId }, select: LOGIN_COUNTER_FIELDS }));
  }

  /** Admin action: clears the consecutive-failure streak, lifting a CAPTCHA lock-out. */
  async resetLockout(username: string): Promise<boolean> {
    const user = await this.findUser(username);
    if (!user) return false;
    await this.prisma.user.update({ where: { id: user.id }, data: { failedLoginStreak: 0 } });
    return true;
  }

  private async check(
    username: string,
    password: string,
  ): Promise<{ outcome: 'ok'; user: SessionUser } | Exclude<LoginResult, { outcome: 'ok' }>> {
    const user = await this.findUser(username);
    if (!user || !user.active) {
      await this.passwords.verify(null, password); // same time as a real check
      return { outcome: 'failed' };
    }
    // Count the attempt as a failure *before* checking the password, in one conditional update:
    // concurrent guesses cannot all read "2 failures" and all get a try; at most the configured
    // number of passwords are ever checked in a row.
    if (this.options.maxFailedLogins > 0) {
      const reserved = await this.prisma.user.updateMany({
        where: { id: user.id, failedLoginStreak: { lt: this.options.maxFailedLogins } },
        data: { failedLoginStreak: { increment: 1 } },
      });
      if (reserved.count === 0) return { outcome: 'denied', user: { name: user.name } };
    }
    if (!(await this.passwords.verify(user.passwordHash, password))) {
      await this.prisma.user.update({
        where: { id: user.id },
        data: { failedLoginCount: { increment: 1 }, lastFailedLoginAt: new Date() },
      });
      return { outcome: 'failed' };
    }
    await this.prisma.user.update({ where: { id: user.id }, data: { failedLoginStreak: 0 } });
    if (!user.emailVerified) return { outcome: 'unverified' };
    const { passwordHash: _hash, emailVerified: _verified, ...sessionUser } = user;
    return { outcome: 'ok', user: sessionUser };
  }
}
