import { Inject, Injectable } from '@nestjs/common';
import { PrismaService } from '@tokenshift/db';
import { generateSessionId, hashSessionId, isSessionIdShape } from './session-id';
import { SESSION_OPTIONS, SessionOptions } from './session.options';

export interface SessionUser {
  id: string;
  name: string;
  email: string;
  displayName: string;
  isAdmin: boolean;
  active: boolean;
}

export interface ResolvedSession {
  sessionRowId: string;
  user: SessionUser;
}

const USER_FIELDS = { id: true, name: true, email: true, displayName: true, isAdmin: true, active: true } as const;

/** Refresh `lastSeenAt` at most this often, so an active client does not write on every request. */
const TOUCH_INTERVAL_MS = 30_000;

/** Sessions stored in the database (hashed ids), so every instance sharing it sees the same sessions. */
@Injectable()
export class SessionService {
  constructor(
    private readonly prisma: PrismaService,
    @Inject(SESSION_OPTIONS) private readonly options: SessionOptions,
  ) {}

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

  /** The live session for this id, or null when unknown, idle too long, past its lifetime, or its user is inactive. */
  async resolve(sessionId: string, now = new Date()): Promise<ResolvedSession | null> {
    if (!isSessionIdShape(sessionId)) return null;
    const session = await this.prisma.session.findUnique({
      where: { idHash: hashSessionId(sessionId) },
      select: { id: true, lastSeenAt: true, expiresAt: true, user: { select: USER_FIELDS } },
    });
    if (!session || !session.user.active) return null;
    const idleSince = now.getTime() - session.lastSeenAt.getTime();
    if (session.expiresAt <= now || idleSince > this.options.idleTimeoutSeconds * 1000) {
      await this.prisma.session.deleteMany({ where: { id: session.id } });
      return null;
    }
    if (idleSince > TOUCH_INTERVAL_MS) {
      await this.prisma.session.updateMany({ where: { id: session.id }, data: { lastSeenAt: now } });
    }
    return { sessionRowId: session.id, user: session.user };
  }

  /** Ends a session everywhere; true when there was one. */
  async destroy(sessionId: string): Promise<boolean> {
    if (!isSessionIdShape(sessionId)) return false;
    const { count } = await this.prisma.session.deleteMany({ where: { idHash: hashSessionId(sessionId) } });
    return count > 0;
  }

  async destroyAllForUser(userId: string): Promise<number> {
    return (await this.prisma.session.deleteMany({ where: { userId } })).count;
  }

  /** Deletes expired sessions (absolute lifetime); idle ones are removed when next presented. */
  async purgeExpired(now = new Date()): Promise<number> {
    return (await this.prisma.session.deleteMany({ where: { expiresAt: { lte: now } } })).count;
  }
}
