import { Inject, Injectable } from '@nestjs/common';
import { PrismaService } from '@tokenshift/db';
import { LOGIN_COUNTER_FIELDS, LoginInfo, toLoginInfo } from './login-info';
import { PasswordHasher } from './password-hasher';
import { SessionService, SessionUser } from './session.service';
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

  /**
   * Finds the one user whose username or email is this login, case-insensitively. The database keeps
   * a single namespace of login names (the one-login-namespace migration), so at most one matches.
   */
  async findUser(username: string) {
    // No name can hold U+0000 (PostgreSQL text cannot, and the query would fail): an unknown user.
    // It arrives only through password Basic; JSON bodies with it are refused before this.
    if (username.includes('\u0000')) return null;
    const [owner] = await this.prisma.$queryRaw<Array<{ userId: string }>>`
      SELECT "userId"::text AS "userId" FROM "user_namespace"."LoginName" WHERE "login" = lower(${username})`;
    if (!owner) return null;
    return this.prisma.user.findUnique({ where: { id: owner.userId }, select: CANDIDATE_FIELDS });
  }

  /** Checks a password for the (deprecated) password-Basic mode, with the same lock-out rules; no session. */
  async authenticatePassword(username: string, password: string): Promise<SessionUser | null> {
    const result = await this.check(username, password);
    return result.outcome === 'ok' ? result.user : null;
  }

  async login(username: string, password: string, client: { userAgent?: string; ip?: string }): Promise<LoginResult> {
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
    const sessionId = await this.sessions.create(result.user.id, client, now);
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
