import { randomInt } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Prisma, PrismaService } from '@tokenshift/db';
import { DEFAULT_BACKOFF_MS, lockEndOf, LockoutPolicy, Reservation } from './lockout-policy';
import { LOGIN_COUNTER_FIELDS, LoginInfo, toLoginInfo } from './login-info';
import { PasswordHasher } from './password-hasher';
import type { SessionStore, SessionUser } from './session-store';
import { SessionService } from './session.service';
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

/** The account a login name belongs to, as the password check needs it. */
interface Candidate extends SessionUser {
  emailVerified: boolean;
  passwordHash: string | null;
}

/** The `LoginDecoy` rows a wrong password for a name without an account writes to, one picked at random. */
const DECOY_SLOTS = 64;

/** The database's clock, as the naive UTC timestamps Prisma stores. */
const NOW_UTC = Prisma.sql`(now() AT TIME ZONE 'UTC')`;

/** A try counted for an account (`reserveTry`), or the end of the lock that refused it. */
type TryReservation =
  | {
      reserved: true;
      /** `lastFailedLoginAt` as this try set it, and as it was before (text, to be compared and put back exactly). */
      reservedAt: string;
      previousFailureAt: string | null;
    }
  | Extract<Reservation, { reserved: false }>;

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

  /**
   * Finds the one user whose username or email is this login, case-insensitively. The database keeps
   * a single namespace of login names (the one-login-namespace migration), so at most one matches.
   */
  async findUser(username: string): Promise<Candidate | null> {
    // No name can hold U+0000 (PostgreSQL text cannot, and the query would fail): an unknown user.
    // It arrives only through password Basic; JSON bodies with it are refused before this.
    if (username.includes('\u0000')) return null;
    // One round trip, found or not: a name without an account costs the same as one with (login timing).
    const [user] = await this.prisma.$queryRaw<Candidate[]>`
      SELECT u.id::text AS id, u.name, u.email, u."displayName", u."isAdmin", u.active, u."emailVerified", u."passwordHash"
      FROM "user_namespace"."LoginName" l JOIN "User" u ON u.id = l."userId"
      WHERE l."login" = lower(${username})`;
    return user ?? null;
  }

  /** Checks a password for the (deprecated) password-Basic mode, with the same lock-out rules; no session. */
  authenticatePassword(username: string, password: string): Promise<PasswordCheck> {
    return this.check(username, password);
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

  /** When the lock on a name ends, or null when it is not locked: for the login page. A name without an (active) account reads like one with. */
  async lockEndFor(username: string, now = new Date()): Promise<Date | null> {
    const user = await this.findUser(username);
    if (!user?.active) return this.unknownNames.lockEnd(username, now.getTime());
    if (this.policy.maxFailedLogins === 0) return null;
    const { failedLoginStreak, lockedUntil, lockoutCount } = await this.prisma.user.findUniqueOrThrow({
      where: { id: user.id },
      select: { failedLoginStreak: true, lockedUntil: true, lockoutCount: true },
    });
    return lockEndOf(this.policy, { streak: failedLoginStreak, lockedUntil: lockedUntil?.getTime() ?? null, lockouts: lockoutCount }, now.getTime());
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
    const reservation = await this.reserveTry(user.id);
    if (!reservation.reserved) return { outcome: 'denied', user: { name: user.name }, lockedUntil: reservation.lockedUntil };
    if (!(await this.passwords.verify(user.passwordHash, password))) return { outcome: 'failed' };
    await this.undoReservedFailure(user.id, reservation);
    if (!user.emailVerified) return { outcome: 'unverified' };
    const { passwordHash: _hash, emailVerified: _verified, ...sessionUser } = user;
    return { outcome: 'ok', user: sessionUser };
  }

  /**
   * A name with no active account takes the same steps as one with an account, so neither the
   * answer nor its time tells whether the account exists: the same lookup, the same reserving
   * statement (its committed write goes to a decoy row instead of an account's), a memory-hard hash
   * check, and when its streak is locked, the same `denied` after the same statement with no write.
   * Its streak lives in a bounded in-memory table, never in the database.
   */
  private async checkWithoutAccount(username: string, password: string): Promise<PasswordCheck> {
    const reservation = this.unknownNames.reserve(username);
    await this.runReserveStatement(null, reservation.reserved ? randomInt(DECOY_SLOTS) : null);
    if (!reservation.reserved) return { outcome: 'denied', user: { name: username }, lockedUntil: reservation.lockedUntil };
    await this.passwords.verify(null, password);
    return { outcome: 'failed' };
  }

  /**
   * Counts the try as a failure *before* the password is checked, in one conditional UPDATE, so
   * concurrent guesses cannot all read "2 failures" and all get a try: at most `maxFailedLogins`
   * passwords are checked in a row. The try that reaches the limit takes the lock (with the next
   * back-off step); a try after the lock has ended starts a new streak. When the account is locked,
   * says until when (from the same statement). A right password then undoes the failure
   * (`undoReservedFailure`): a wrong one costs exactly this one write, as for an unknown name.
   */
  private async reserveTry(userId: string): Promise<TryReservation> {
    const row = await this.runReserveStatement(userId, null);
    if (row?.reservedAt) return { reserved: true, reservedAt: row.reservedAt, previousFailureAt: row.previousFailureAt };
    // The lock as this statement saw it; one taken by a concurrent try a moment ago may not show in it yet.
    const lockedUntilMs = Number(row?.lockedUntilMs);
    return { reserved: false, lockedUntil: lockedUntilMs > Date.now() ? new Date(lockedUntilMs) : await this.currentLockEnd(userId) };
  }

  /**
   * One statement for both kinds of name, so both cost the same: it reserves the try on the account
   * `userId` (none: null), and counts a made-up name's failure on the `LoginDecoy` row `decoySlot`
   * (none: null), each in a data-modifying CTE, which PostgreSQL always runs.
   */
  private async runReserveStatement(userId: string | null, decoySlot: number | null) {
    const max = Prisma.raw(String(this.policy.maxFailedLogins));
    const steps = Prisma.raw(`ARRAY[${this.policy.backoffMs.join(',')}]::bigint[]`);
    const stepCount = Prisma.raw(String(this.policy.backoffMs.length));
    // With no lock-out (max 0) there is no streak to keep.
    const newStreak = Prisma.sql`(CASE WHEN ${max} = 0 THEN u."failedLoginStreak" WHEN u."failedLoginStreak" >= ${max} THEN 1 ELSE u."failedLoginStreak" + 1 END)`;
    const locks = Prisma.sql`(${max} > 0 AND ${newStreak} >= ${max})`;
    const [row] = await this.prisma.$queryRaw<Array<{ reservedAt: string | null; previousFailureAt: string | null; lockedUntilMs: number | null }>>`
      WITH reserved AS (
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
        RETURNING u."lastFailedLoginAt"::text AS "reservedAt", previous."lastFailedLoginAt"::text AS "previousFailureAt"
      ), decoy AS (
        INSERT INTO "LoginDecoy" AS d ("slot", "failedLoginCount", "lastFailedLoginAt", "updatedAt")
        SELECT slot, 1, ${NOW_UTC}, ${NOW_UTC} FROM (SELECT ${decoySlot}::smallint AS slot) chosen WHERE slot IS NOT NULL
        ON CONFLICT ("slot") DO UPDATE SET
          "failedLoginCount" = d."failedLoginCount" + 1, "lastFailedLoginAt" = ${NOW_UTC}, "updatedAt" = ${NOW_UTC}
        RETURNING d."lastFailedLoginAt"::text AS "reservedAt", NULL::text AS "previousFailureAt"
      )
      SELECT r."reservedAt", r."previousFailureAt", extract(epoch FROM u."lockedUntil")::float8 * 1000 AS "lockedUntilMs"
      FROM "User" u LEFT JOIN reserved r ON true
      WHERE u.id = ${userId}::uuid`;
    return row;
  }

  /** The right password: the try was no failure. Ends the streak, the lock and the back-off. */
  private async undoReservedFailure(userId: string, reserved: Extract<TryReservation, { reserved: true }>): Promise<void> {
    await this.prisma.$executeRaw`
      UPDATE "User" SET
        "failedLoginStreak" = 0, "lockedUntil" = NULL, "lockoutCount" = 0, "updatedAt" = ${NOW_UTC},
        "failedLoginCount" = GREATEST("failedLoginCount" - 1, 0),
        "lastFailedLoginAt" = CASE WHEN "lastFailedLoginAt"::text = ${reserved.reservedAt}
          THEN ${reserved.previousFailureAt}::timestamp(3) ELSE "lastFailedLoginAt" END
      WHERE id = ${userId}::uuid`;
  }

  private async currentLockEnd(userId: string): Promise<Date> {
    const { lockedUntil } = await this.prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { lockedUntil: true } });
    return lockedUntil ?? new Date();
  }
}
