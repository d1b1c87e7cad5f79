import { Inject, Injectable } from '@nestjs/common';
import { InvalidationBus, PrismaService, RowCache, RowCacheFactory } from '@tokenshift/db';
import { Principal, toPrincipal } from '@tokenshift/auth-core';
import { generateSessionId, hashSessionId, isSessionIdShape, SESSION_ID_LENGTH } from './session-id';
import { SESSION_OPTIONS, SessionOptions } from './session.options';

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

/** Refresh `lastSeenAt` at most this often, so an active client does not write on every request. */
const MAX_TOUCH_INTERVAL_MS = 30_000;

/** Sessions stored in the database (hashed ids), so every instance sharing it sees the same sessions. */
@Injectable()
export class SessionService {
  /** Live sessions by id hash; a logout or user change evicts them on every instance. */
  private readonly rows: RowCache<SessionRow>;
  private readonly touchIntervalMs: number;

  constructor(
    private readonly prisma: PrismaService,
    private readonly bus: InvalidationBus,
    caches: RowCacheFactory,
    @Inject(SESSION_OPTIONS) private readonly options: SessionOptions,
  ) {
    this.rows = caches.create<SessionRow>((row) => [`session:${row.idHash}`, `user:${row.user.id}`]);
    // Several touches per idle period, so an active session never looks idle to another instance.
    this.touchIntervalMs = Math.min(MAX_TOUCH_INTERVAL_MS, (options.idleTimeoutSeconds * 1000) / 4);
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
        expiresAt: new Date(now.getTime() + this.options.maxLifetimeSeconds * 1000),
        userAgent: client.userAgent?.slice(0, 512),
        ip: client.ip,
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
      select: { id: true, idHash: true, lastSeenAt: true, expiresAt: true, user: { select: USER_FIELDS } },
    });
    if (!session || !session.user.active) return null;
    const idleSince = now.getTime() - session.lastSeenAt.getTime();
    if (session.expiresAt <= now || idleSince > this.options.idleTimeoutSeconds * 1000) {
      await this.prisma.session.deleteMany({ where: { id: session.id } });
      return null;
    }
    if (idleSince > this.touchIntervalMs) {
      await this.prisma.session.updateMany({ where: { id: session.id }, data: { lastSeenAt: now } });
      session.lastSeenAt = now;
    }
    return { ...session, principal: Object.freeze(toPrincipal(session.user, 'session', session.id)) };
  }

  /** Ends a session everywhere; true when there was one. */
  async destroy(sessionId: string): Promise<boolean> {
    if (!isSessionIdShape(sessionId)) return false;
    const idHash = hashSessionId(sessionId);
    const { count } = await this.bus.commit(this.prisma.session.deleteMany({ where: { idHash } }), [`session:${idHash}`]);
    return count > 0;
  }

  async destroyAllForUser(userId: string): Promise<number> {
    return (await this.bus.commit(this.prisma.session.deleteMany({ where: { userId } }), [`user:${userId}`])).count;
  }

  /** Deletes expired sessions (absolute lifetime); idle ones are removed when next presented. */
  async purgeExpired(now = new Date()): Promise<number> {
    return (await this.prisma.session.deleteMany({ where: { expiresAt: { lte: now } } })).count;
  }
}
