import { TestingModule } from '@nestjs/testing';
import { PrismaService } from '@tokenshift/db';
import { testUser } from '@tokenshift/db/testing';
import { hash } from 'node:crypto';
import { SessionService } from './session.service';
import { sessionTestModule } from './session-test-module';

/** The session store on the embedded database: hashed ids, idle and absolute expiry, eviction on change. */
describe('SessionService (PGlite)', () => {
  let moduleRef: TestingModule;
  let prisma: PrismaService;
  let sessions: SessionService;
  let userId: string;

  beforeAll(async () => {
    moduleRef = await sessionTestModule();
    prisma = moduleRef.get(PrismaService);
    sessions = moduleRef.get(SessionService);
    userId = (await prisma.user.create({ data: testUser('ada') })).id;
  }, 180_000);
  afterAll(async () => {
    await moduleRef?.close();
  });

  it('stores only the SHA-256 of a new 256-bit id, and resolves the id to a frozen principal', async () => {
    const sessionId = await sessions.create(userId, { userAgent: 'x'.repeat(600), ip: '10.0.0.1' });
    expect(sessionId).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const row = await prisma.session.findFirstOrThrow({ where: { userId }, orderBy: { createdAt: 'desc' } });
    expect(row.idHash).toBe(hash('sha256', sessionId, 'hex'));
    expect(row.userAgent).toHaveLength(512);
    const principal = await sessions.resolve(sessionId);
    expect(principal).toEqual({ userId, name: 'ada', email: 'ada@example.com', displayName: 'Ada', isAdmin: false, authMode: 'session', scopes: ['read', 'write', 'admin'], credentialId: row.id });
    expect(Object.isFrozen(principal)).toBe(true);
  });

  it('answers from the cache once a row is loaded, and refuses junk from memory', async () => {
    const sessionId = await sessions.create(userId, {});
    const now = new Date();
    expect(sessions.resolveCached(sessionId, now)).toBeUndefined();
    const principal = await sessions.resolve(sessionId, now);
    expect(sessions.resolveCached(sessionId, now)).toBe(principal);
    expect(sessions.resolveCached('not a session id', now)).toBeNull();
    expect(await sessions.resolve('not a session id')).toBeNull();
  });

  it('ends a session left idle, and one past its lifetime however active, deleting the row', async () => {
    const start = new Date(Date.now() - 10_000);
    const idle = await sessions.create(userId, {}, start);
    expect(await sessions.resolve(idle, new Date(start.getTime() + 601_000))).toBeNull();
    const old = await sessions.create(userId, {}, start);
    for (let minutes = 5; minutes < 60; minutes += 5) expect(await sessions.resolve(old, new Date(start.getTime() + minutes * 60_000))).not.toBeNull();
    expect(await sessions.resolve(old, new Date(start.getTime() + 3_600_000))).toBeNull();
    expect(await prisma.session.count({ where: { idHash: { in: [idle, old].map((id) => hash('sha256', id, 'hex')) } } })).toBe(0);
  });

  it('refreshes lastSeenAt when a touch is due, so other instances see the session alive', async () => {
    const start = new Date(Date.now() - 10_000);
    const sessionId = await sessions.create(userId, {}, start);
    const later = new Date(start.getTime() + 200_000);
    await sessions.resolve(sessionId, later);
    expect((await prisma.session.findUniqueOrThrow({ where: { idHash: hash('sha256', sessionId, 'hex') } })).lastSeenAt).toEqual(later);
  });

  it('destroys one session or all of a user, and the cached rows go with them', async () => {
    const one = await sessions.create(userId, {});
    const now = new Date();
    await sessions.resolve(one, now);
    expect(await sessions.destroy(one)).toBe(true);
    expect(sessions.resolveCached(one, now)).toBeUndefined();
    expect(await sessions.resolve(one)).toBeNull();
    expect(await sessions.destroy(one)).toBe(false);

    const two = await sessions.create(userId, {});
    await sessions.resolve(two);
    expect(await sessions.destroyAllForUser(userId)).toBeGreaterThanOrEqual(1);
    expect(await sessions.resolve(two)).toBeNull();
  });

  it('refuses the session of an inactive user', async () => {
    const sessionId = await sessions.create(userId, {});
    await prisma.user.update({ where: { id: userId }, data: { active: false } });
    try {
      expect(await sessions.resolve(sessionId)).toBeNull();
    } finally {
      await prisma.user.update({ where: { id: userId }, data: { active: true } });
    }
  });

  it('purges sessions past their lifetime', async () => {
    await sessions.create(userId, {}, new Date(Date.now() - 7_200_000));
    expect(await sessions.purgeExpired()).toBeGreaterThanOrEqual(1);
    expect(await prisma.session.count({ where: { expiresAt: { lte: new Date() } } })).toBe(0);
  });
});
