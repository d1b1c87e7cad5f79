import { InvalidationBus, PrismaService, RowCache, RowCacheFactory } from '@tokenshift/db';
import { Principal, toPrincipal } from '@tokenshift/auth-core';
import { generateSessionId, hashSessionId, isSessionIdShape, SESSION_ID_LENGTH } from './session-id';

export interface SessionUser {
  id: string;
  name: string;
  email: string;
  displayName: string;
  isAdmin: boolean;
  active: boolean;
}

const USER_FIELDS = { id: true, name: true, email: true, displayName: true, isAdmin: true, active: true } as const;

interface SessionRow {
  id: string;
  idHash: string;
  lastSeenAt: Date;
  expiresAt: Date;
  user: SessionUser;
  /** Built once per loaded row and shared by every request it serves (frozen: never changed). */
  principal: Principal;
}

/** What tells one kind of session apart: the rows it may use, the mode its principals carry, its clocks. */
export interface SessionKind {
  /** The `Session.purpose` this store creates and accepts: `api` (the deprecated cookie) or `dashboard`. */
  purpose: 'api' | 'dashboard';
  authMode: 'session' | 'dashboard-session';
  idleTimeoutSeconds: number;
  maxLifetimeSeconds: number;
}

/** Refresh `lastSeenAt` at most this often, so an active client does not write on every request. */
const MAX_TOUCH_INTERVAL_MS = 30_000;

/**
 * Sessions of one purpose stored in the database (hashed ids), so every instance sharing it sees the
 * same sessions. A session id of another purpose is unknown here: a dashboard sign-in is never a
 * Jira session cookie, nor the other way round.
 */
export class SessionStore {
  /** Live sessions by id hash; a logout or user change evicts them on every instance. */
  private readonly rows: RowCache<SessionRow>;
  private readonly touchIntervalMs: number;

  constructor(
    protected readonly prisma: PrismaService,
    private readonly bus: InvalidationBus,
    caches: RowCacheFactory,
    private readonly kind: SessionKind,
  ) {
    this.rows = caches.create<SessionRow>((row) => [`session:${row.idHash}`, `user:${row.user.id}`]);
    // Several touches per idle period, so an active session never looks idle to another instance.
    this.touchIntervalMs = Math.min(MAX_TOUCH_INTERVAL_MS, (kind.idleTimeoutSeconds * 1000) / 4);
  }

  /** Creates a session and returns its id: the only time the plain id exists on the server. */
  async create(userId: string, client: { userAgent?: string; ip?: string }, now = new Date()): Promise<string> {
    const sessionId = generateSessionId();
    await this.prisma.session.create({
      data: {
        idHash: hashSessionId(sessionId),
        userId,
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + this.kind.maxLifetimeSeconds * 1000),
        userAgent: client.userAgent?.slice(0, 512),
        ip: client.ip,
        purpose: this.kind.purpose,
      },
    });
    return sessionId;
  }

  /**
   * The principal of the live session with this id, or null when unknown, idle too long, past its
   * lifetime, or its user is inactive. A cached row is used only until its next touch is due, so the
   * idle clock in the database stays current for every instance.
   */
  async resolve(sessionId: string, now = new Date()): Promise<Principal | null> {
    if (!isSessionIdShape(sessionId)) return null;
    const idHash = hashSessionId(sessionId);
    const row = await this.rows.get(idHash, () => this.loadLive(idHash, now), (cached) => this.usableFromCache(cached, now));
    return row?.principal ?? null;
  }

  /** `resolve` answered from the cache alone: undefined when only the database can tell. */
  resolveCached(sessionId: string, now: Date): Principal | null | undefined {
    // A row cached under this id's hash was created for this very id, so a hit needs no shape
    // check; only a miss does, to refuse junk from memory.
    const row = sessionId.length === SESSION_ID_LENGTH ? this.rows.peek(hashSessionId(sessionId)) : undefined;
    if (row) return this.usableFromCache(row, now) ? row.principal : undefined;
    return isSessionIdShape(sessionId) ? undefined : null;
  }

  /** A cached row serves until its session expires or its next touch is due. */
  private usableFromCache(row: SessionRow, now: Date): boolean {
    return row.expiresAt > now && now.getTime() - row.lastSeenAt.getTime() <= this.touchIntervalMs;
  }

  /** Reads the session, deletes it when dead, and touches it when its touch is due. */
  private async loadLive(idHash: string, now: Date): Promise<SessionRow | null> {
    const session = await this.prisma.session.findUnique({
      where: { idHash },
      select: { id: true, idHash: true, lastSeenAt: true, expiresAt: true, purpose: true, user: { select: USER_FIELDS } },
    });
    if (!session || session.purpose !== this.kind.purpose || !session.user.active) return null;
    const idleSince = now.getTime() - session.lastSeenAt.getTime();
    if (session.expiresAt <= now || idleSince > this.kind.idleTimeoutSeconds * 1000) {
      await this.prisma.session.deleteMany({ where: { id: session.id } });
      return null;
    }
    if (idleSince > this.touchIntervalMs) {
      await this.prisma.session.updateMany({ where: { id: session.id }, data: { lastSeenAt: now } });
      session.lastSeenAt = now;
    }
    const { purpose: _purpose, ...row } = session;
    return { ...row, principal: Object.freeze(toPrincipal(session.user, this.kind.authMode, session.id)) };
  }

  /** Ends a session of this purpose everywhere; true when there was one. */
  async destroy(sessionId: string): Promise<boolean> {
    if (!isSessionIdShape(sessionId)) return false;
    const idHash = hashSessionId(sessionId);
    const { count } = await this.bus.commit(this.prisma.session.deleteMany({ where: { idHash, purpose: this.kind.purpose } }), [`session:${idHash}`]);
    return count > 0;
  }

  /** Ends every session of the user, of every purpose (deactivation): the dashboard's sign-in too. */
  async destroyAllForUser(userId: string): Promise<number> {
    return (await this.bus.commit(this.prisma.session.deleteMany({ where: { userId } }), [`user:${userId}`])).count;
  }

  /** Deletes expired sessions (absolute lifetime); idle ones are removed when next presented. */
  async purgeExpired(now = new Date()): Promise<number> {
    return (await this.prisma.session.deleteMany({ where: { expiresAt: { lte: now } } })).count;
  }
}
