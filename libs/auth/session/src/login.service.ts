import { Inject, Injectable } from '@nestjs/common';
import { Prisma, PrismaService } from '@tokenshift/db';
import { DEFAULT_BACKOFF_MS, LockoutPolicy } from './lockout-policy';
import { LOGIN_COUNTER_FIELDS, LoginInfo, toLoginInfo } from './login-info';
import { PasswordHasher } from './password-hasher';
import { SessionService, SessionUser } from './session.service';
import { SESSION_OPTIONS, SessionOptions } from './session.options';
import { UnknownNameStreaks } from './unknown-name-streaks';

export type LoginResult =
  | { outcome: 'ok'; user: SessionUser; sessionId: string; loginInfo: LoginInfo }
  /** Wrong password, unknown or inactive user: one answer, so accounts cannot be enumerated. */
  | { outcome: 'failed' }
  /** Too many consecutive failures: refused without checking the password (Jira's CAPTCHA) until the lock ends. */
  | { outcome: 'denied'; user: { name: string }; lockedUntil: Date }
  /** Right password, but the email address is not verified yet. */
  | { outcome: 'unverified' };

/** What a password check says, before any session is opened. */
export type PasswordCheck = { outcome: 'ok'; user: SessionUser } | Exclude<LoginResult, { outcome: 'ok' }>;

const CANDIDATE_FIELDS = { id: true, name: true, email: true, displayName: true, isAdmin: true, active: true, emailVerified: true, passwordHash: true } as const;

/** The database's clock, as the naive UTC timestamps Prisma stores. */
const NOW_UTC = Prisma.sql`(now() AT TIME ZONE 'UTC')`;

interface ReservedTry {
  /** `lastFailedLoginAt` as this try set it, and as it was before (text, to be compared and put back exactly). */
  reservedAt: string;
  previousFailureAt: string | null;
}

/** Password login with Jira's lock-out rules, time-limited (ASVS 2.2.1). */
@Injectable()
export class LoginService {
  private readonly policy: LockoutPolicy;
  private readonly unknownNames: UnknownNameStreaks;

  constructor(
    private readonly prisma: PrismaService,
    private readonly passwords: PasswordHasher,
    private readonly sessions: SessionService,
    @Inject(SESSION_OPTIONS) options: SessionOptions,
  ) {
    const backoffMs = options.lockoutBackoffMs?.length ? options.lockoutBackoffMs : DEFAULT_BACKOFF_MS;
    if (!backoffMs.every((ms) => Number.isSafeInteger(ms) && ms > 0)) throw new Error('Lock-out back-off steps must be positive whole milliseconds');
    this.policy = { maxFailedLogins: options.maxFailedLogins, backoffMs };
    this.unknownNames = new UnknownNameStreaks(this.policy);
  }

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
  authenticatePassword(username: string, password: string): Promise<PasswordCheck> {
    return this.check(username, password);
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

  /** When the lock on an (active) account ends, or null when it is not locked: for the login page. */
  async lockEndFor(username: string, now = new Date()): Promise<Date | null> {
    const user = await this.findUser(username);
    if (!user?.active || this.policy.maxFailedLogins === 0) return null;
    const { failedLoginStreak, lockedUntil } = await this.prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { failedLoginStreak: true, lockedUntil: true } });
    return failedLoginStreak >= this.policy.maxFailedLogins && lockedUntil && lockedUntil > now ? lockedUntil : null;
  }

  /** Admin action: clears the streak, the lock and the back-off. */
  async resetLockout(username: string): Promise<boolean> {
    const user = await this.findUser(username);
    if (!user) return false;
    await this.prisma.user.update({ where: { id: user.id }, data: { failedLoginStreak: 0, lockedUntil: null, lockoutCount: 0 } });
    return true;
  }

  private async check(username: string, password: string): Promise<PasswordCheck> {
    const user = await this.findUser(username);
    if (!user || !user.active) return this.checkWithoutAccount(username, password);
    const reserved = await this.reserveTry(user.id);
    if (!reserved) return { outcome: 'denied', user: { name: user.name }, lockedUntil: await this.lockedUntil(user.id) };
    if (!(await this.passwords.verify(user.passwordHash, password))) return { outcome: 'failed' };
    await this.undoReservedFailure(user.id, reserved);
    if (!user.emailVerified) return { outcome: 'unverified' };
    const { passwordHash: _hash, emailVerified: _verified, ...sessionUser } = user;
    return { outcome: 'ok', user: sessionUser };
  }

  /**
   * A name with no active account takes the same steps as one with an account (a streak, one
   * committed write, a memory-hard hash check), so the answer takes as long; its streak lives in a
   * bounded in-memory table, never in the database.
   */
  private async checkWithoutAccount(username: string, password: string): Promise<PasswordCheck> {
    if (!this.unknownNames.reserve(username)) return { outcome: 'failed' };
    // A transaction that takes a transaction id commits with a WAL flush, as the account's UPDATE does.
    await this.prisma.$queryRaw`SELECT pg_current_xact_id()::text AS xid`;
    await this.passwords.verify(null, password);
    return { outcome: 'failed' };
  }

  /**
   * Counts the try as a failure *before* the password is checked, in one conditional UPDATE, so
   * concurrent guesses cannot all read "2 failures" and all get a try: at most `maxFailedLogins`
   * passwords are checked in a row. The try that reaches the limit takes the lock (with the next
   * back-off step); a try after the lock has ended starts a new streak. Null when the account is
   * locked. A right password then undoes the failure (`undoReservedFailure`): a wrong one costs
   * exactly this one write, as for an unknown name.
   */
  private async reserveTry(userId: string): Promise<ReservedTry | null> {
    const max = Prisma.raw(String(this.policy.maxFailedLogins));
    const steps = Prisma.raw(`ARRAY[${this.policy.backoffMs.join(',')}]::bigint[]`);
    const stepCount = Prisma.raw(String(this.policy.backoffMs.length));
    // With no lock-out (max 0) there is no streak to keep.
    const newStreak = Prisma.sql`(CASE WHEN ${max} = 0 THEN u."failedLoginStreak" WHEN u."failedLoginStreak" >= ${max} THEN 1 ELSE u."failedLoginStreak" + 1 END)`;
    const locks = Prisma.sql`(${max} > 0 AND ${newStreak} >= ${max})`;
    const [row] = await this.prisma.$queryRaw<ReservedTry[]>`
      UPDATE "User" u SET
        "failedLoginStreak" = ${newStreak},
        "lockedUntil" = CASE WHEN ${locks}
          THEN ${NOW_UTC} + (${steps})[LEAST(u."lockoutCount" + 1, ${stepCount})] * interval '1 millisecond' ELSE NULL END,
        "lockoutCount" = u."lockoutCount" + CASE WHEN ${locks} THEN 1 ELSE 0 END,
        "failedLoginCount" = u."failedLoginCount" + 1,
        "lastFailedLoginAt" = ${NOW_UTC},
        "updatedAt" = ${NOW_UTC}
      FROM (SELECT id, "lastFailedLoginAt" FROM "User" WHERE id = ${userId}::uuid) previous
      WHERE u.id = previous.id
        AND (${max} = 0 OR u."failedLoginStreak" < ${max} OR u."lockedUntil" IS NULL OR u."lockedUntil" <= ${NOW_UTC})
      RETURNING u."lastFailedLoginAt"::text AS "reservedAt", previous."lastFailedLoginAt"::text AS "previousFailureAt"`;
    return row ?? null;
  }

  /** The right password: the try was no failure. Ends the streak, the lock and the back-off. */
  private async undoReservedFailure(userId: string, reserved: ReservedTry): Promise<void> {
    await this.prisma.$executeRaw`
      UPDATE "User" SET
        "failedLoginStreak" = 0, "lockedUntil" = NULL, "lockoutCount" = 0, "updatedAt" = ${NOW_UTC},
        "failedLoginCount" = GREATEST("failedLoginCount" - 1, 0),
        "lastFailedLoginAt" = CASE WHEN "lastFailedLoginAt"::text = ${reserved.reservedAt}
          THEN ${reserved.previousFailureAt}::timestamp(3) ELSE "lastFailedLoginAt" END
      WHERE id = ${userId}::uuid`;
  }

  private async lockedUntil(userId: string): Promise<Date> {
    const { lockedUntil } = await this.prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { lockedUntil: true } });
    return lockedUntil ?? new Date();
  }
}
